/** Every API call the web app makes, named after what it does; all go through `request`. */
import { purposeHeader } from '../lib/purpose.ts';
import { apiUrl, http, type Query, request } from './client.ts';
import type {
  AuditEntry,
  DuplicateCandidate,
  DuplicateDetail,
  DuplicateResolution,
  HistoryAnswer,
  HouseholdCreate,
  HouseholdDetail,
  HouseholdListItem,
  HouseholdPatch,
  JobPage,
  JobStartedAnswer,
  JobView,
  Me,
  MemberInput,
  MemberPatch,
  Page,
  PersonLookupAnswer,
  PpksDetail,
  PpksInput,
  PpksPage,
  PpksPatch,
  PpksQuery,
  PsksDetail,
  PsksInput,
  PsksPage,
  PsksPatch,
  PsksQuery,
  RecordHistory,
  RegionCounts,
  RegionDetail,
  RegionView,
  Removal,
  UserView,
} from './types.ts';

const enc = encodeURIComponent;

export interface Confirmable {
  confirmWarnings?: boolean;
}

export const auth = {
  login: (username: string, password: string) =>
    http.post<{ token: string; user: Omit<Me, 'permissions'> }>('/auth/login', { username, password }),
  logout: () => http.post<void>('/auth/logout'),
  me: (signal?: AbortSignal) => http.get<Me>('/auth/me', undefined, signal),
};

export const regions = {
  provinces: () => http.get<{ items: RegionView[] }>('/regions'),
  many: (codes: string[]) => http.get<{ items: RegionView[] }>('/regions', { codes: codes.join(',') }),
  get: (code: string) => http.get<RegionDetail>(`/regions/${enc(code)}`),
};

export const stats = {
  regions: (region: string | undefined, signal?: AbortSignal) =>
    http.get<RegionCounts>('/stats/regions', { region }, signal),
};

export interface HouseholdQuery extends Query {
  region?: string;
  sort?: 'created' | 'name';
  rw?: string;
  rt?: string;
  status?: 'active' | 'removed' | 'all';
  q?: string;
  cursor?: string;
  limit?: number;
}

export const households = {
  list: (query: HouseholdQuery, signal?: AbortSignal) =>
    http.get<Page<HouseholdListItem>>('/households', query, signal),
  get: (id: string, signal?: AbortSignal) =>
    http.get<HouseholdDetail>(`/households/${enc(id)}`, undefined, signal),
  history: (id: string, signal?: AbortSignal) =>
    http.get<HistoryAnswer>(`/households/${enc(id)}/history`, undefined, signal),
  create: (body: HouseholdCreate) => http.post<HouseholdDetail>('/households', body),
  update: (id: string, body: HouseholdPatch) => http.patch<HouseholdDetail>(`/households/${enc(id)}`, body),
  remove: (id: string, body: Removal) => http.post<HouseholdDetail>(`/households/${enc(id)}/removal`, body),
  addMember: (id: string, body: { version: number; reason: string; member: MemberInput } & Confirmable) =>
    http.post<HouseholdDetail>(`/households/${enc(id)}/members`, body),
  updateMember: (id: string, personId: string, body: MemberPatch) =>
    http.patch<HouseholdDetail>(`/households/${enc(id)}/members/${enc(personId)}`, body),
  removeMember: (id: string, personId: string, body: Removal) =>
    http.post<HouseholdDetail>(`/households/${enc(id)}/members/${enc(personId)}/removal`, body),
};

export const persons = {
  /** A NIK lookup says why: `purpose` is what the user typed (audited, shown to the person). */
  byNik: (nik: string, purpose: string, signal?: AbortSignal) =>
    request<PersonLookupAnswer>('GET', `/persons/${enc(nik)}`, {
      headers: { 'x-purpose': purposeHeader(purpose) },
      signal,
    }),
};

export interface AuditQuery extends Query {
  username?: string;
  entityId?: string;
  action?: string;
  /** The action's group (the part before the dot). */
  group?: string;
  regionCode?: string;
  from?: string;
  to?: string;
  cursor?: string;
  limit?: number;
}

export const audit = {
  list: (query: AuditQuery, signal?: AbortSignal) => http.get<Page<AuditEntry>>('/audit', query, signal),
};

export const users = {
  list: (signal?: AbortSignal) => http.get<{ items: UserView[] }>('/users', undefined, signal),
  create: (body: {
    username: string;
    password: string;
    role: string;
    regionCode: string;
    displayName?: string;
  }) => http.post<UserView>('/users', body),
  unlock: (id: string) => http.post<{ cleared: number }>(`/users/${encodeURIComponent(id)}/unlock`, {}),
};

export interface RemovalBody {
  version: number;
  reasonCode: string;
  note?: string;
}

export const ppks = {
  list: (query: PpksQuery, signal?: AbortSignal) => http.get<PpksPage>('/ppks', query, signal),
  get: (id: string, signal?: AbortSignal) => http.get<PpksDetail>(`/ppks/${enc(id)}`, undefined, signal),
  create: (body: PpksInput) => http.post<PpksDetail>('/ppks', body),
  update: (id: string, body: PpksPatch) => http.patch<PpksDetail>(`/ppks/${enc(id)}`, body),
  history: (id: string, signal?: AbortSignal) =>
    http.get<RecordHistory>(`/ppks/${enc(id)}/history`, undefined, signal),
  remove: (id: string, body: RemovalBody) => http.post<PpksDetail>(`/ppks/${enc(id)}/removal`, body),
};

export const psks = {
  list: (query: PsksQuery, signal?: AbortSignal) => http.get<PsksPage>('/psks', query, signal),
  get: (id: string, signal?: AbortSignal) => http.get<PsksDetail>(`/psks/${enc(id)}`, undefined, signal),
  create: (body: PsksInput) => http.post<PsksDetail>('/psks', body),
  update: (id: string, body: PsksPatch) => http.patch<PsksDetail>(`/psks/${enc(id)}`, body),
  history: (id: string, signal?: AbortSignal) =>
    http.get<RecordHistory>(`/psks/${enc(id)}/history`, undefined, signal),
  remove: (id: string, body: RemovalBody) => http.post<PsksDetail>(`/psks/${enc(id)}/removal`, body),
};

export const transfer = {
  /** The export runs as a job; once done, its file is at `jobs.resultUrl`. */
  startExport: (query: { region?: string; status: string }) =>
    request<JobStartedAnswer>('POST', '/exports/households', { query }),
  /**
   * The file is streamed as the body; its name travels in Content-Disposition for the audit trail. The
   * import runs as a job: the answer is its id, followed with `jobs.get`.
   */
  importHouseholds: (file: File, acceptWarnings: boolean) =>
    request<JobStartedAnswer>('POST', '/imports/households', {
      body: file,
      contentType: 'text/csv',
      headers: { 'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}` },
      query: { acceptWarnings },
    }),
};

export const jobs = {
  list: (query: { mine?: boolean; cursor?: string }, signal?: AbortSignal) =>
    http.get<JobPage>('/jobs', { mine: query.mine ? 'true' : undefined, cursor: query.cursor }, signal),
  get: (id: string, signal?: AbortSignal) => http.get<JobView>(`/jobs/${enc(id)}`, undefined, signal),
  cancel: (id: string) => http.post<JobView>(`/jobs/${enc(id)}/cancel`, {}),
  /** A finished job's file (an export), for its owner: a plain link, so the browser saves it. */
  resultUrl: (id: string) => apiUrl(`/jobs/${enc(id)}/result`),
};

export interface DuplicateQuery extends Query {
  region?: string;
  state?: 'open' | 'linked' | 'dismissed' | 'all';
  cursor?: string;
}

export const duplicates = {
  list: (query: DuplicateQuery, signal?: AbortSignal) =>
    http.get<Page<DuplicateCandidate>>('/duplicates', query, signal),
  get: (id: string, signal?: AbortSignal) =>
    http.get<DuplicateDetail>(`/duplicates/${enc(id)}`, undefined, signal),
  resolve: (id: string, body: DuplicateResolution) =>
    http.post<DuplicateDetail>(`/duplicates/${enc(id)}/resolve`, body),
};

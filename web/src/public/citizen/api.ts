/**
 * The citizen pages' calls to /api/v1/public/citizen/…: like the public helper, but sending the citizen's
 * session cookie (HttpOnly, SameSite=Strict, set by the login answer), and with uploads of a photo as the
 * raw body. Problems come back as `PublicApiError` (the server words them in the asked language).
 */
import type { z } from 'zod';
import type { Lang } from '../../../../src/domain/errors.ts';
import type { AccessLog, CitizenAccountView } from '../../../../src/modules/citizen/citizen.schemas.ts';
import type { CitizenOptOuts, OptOut } from '../../../../src/modules/eligibility/eligibility.schemas.ts';
import type { SanggahForCitizen } from '../../../../src/modules/sanggah/sanggah.schemas.ts';
import type { CitizenUsulanView } from '../../../../src/modules/usulan/usulan.schemas.ts';
import { PublicApiError } from '../api.ts';

export { PublicApiError };

/** Answers from the server's zod schemas (type-only imports), so the pages cannot drift from the contract. */
export type AccountView = z.infer<typeof CitizenAccountView>;
export type AccessLogPage = z.infer<typeof AccessLog>;
export type AccessGroup = AccessLogPage['groups'][number];
/** One of the citizen's objections (sanggah), as the server shows it to them. */
export type SanggahView = z.infer<typeof SanggahForCitizen>;

/** An opt-out of a programme of the citizen's family, and a programme they may opt out of (server schemas). */
export type OptOutView = OptOut;
export type OptOutProgramme = CitizenOptOuts['programmes'][number];

/** One of the citizen's proposals or correction requests (usulan mandiri), as the server shows it to them. */
export type CitizenUsulan = CitizenUsulanView;
export type CitizenFileKind = CitizenUsulan['missingFiles'][number];

export interface MandiriMember {
  nik: string;
  name: string;
  birthDate: string;
  sex: 'M' | 'F';
  relationship: number;
}
export interface MandiriProposal {
  relation: 'self' | 'other';
  household: {
    kkNumber: string;
    regionCode: string;
    rw: string;
    rt: string;
    address: string;
    members: MandiriMember[];
  };
  reason: string;
  consent: boolean;
  confirmWarnings?: boolean;
}
export interface CorrectionRequest {
  reason: string;
  changes?: { address?: string; rt?: string; rw?: string };
  me?: { name?: string; birthDate?: string; sex?: 'M' | 'F' };
}

async function call<T>(
  method: 'GET' | 'POST',
  path: string,
  lang: Lang,
  body?: unknown,
  file?: File,
  query = '',
) {
  let res: Response;
  try {
    res = await fetch(`/api/v1/public/citizen${path}${query}`, {
      method,
      credentials: 'same-origin',
      headers: {
        accept: 'application/json',
        'accept-language': lang,
        ...(file ? { 'content-type': file.type || 'application/octet-stream' } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(file ? { body: file } : body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch {
    throw new PublicApiError(0, {}, null);
  }
  if (res.status === 204) return undefined as T;
  const data = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (!res.ok) {
    const retry = Number(res.headers.get('retry-after'));
    throw new PublicApiError(res.status, data, Number.isFinite(retry) && retry > 0 ? retry : null);
  }
  return data as T;
}

export const citizen = {
  register: (lang: Lang, body: Record<string, string>) =>
    call<{ accepted: true; channel: string }>('POST', '/register', lang, body),
  confirm: (lang: Lang, login: string, code: string) => call<void>('POST', '/confirm', lang, { login, code }),
  resend: (lang: Lang, login: string) => call<{ accepted: true }>('POST', '/confirm/resend', lang, { login }),
  login: (lang: Lang, login: string, password: string) =>
    call<{ account: AccountView }>('POST', '/login', lang, { login, password }),
  forgot: (lang: Lang, login: string) =>
    call<{ accepted: true }>('POST', '/password/forgot', lang, { login }),
  reset: (lang: Lang, login: string, code: string, password: string) =>
    call<void>('POST', '/password/reset', lang, { login, code, password }),
  logout: (lang: Lang) => call<void>('POST', '/logout', lang),
  account: (lang: Lang) => call<AccountView>('GET', '/account', lang),
  accessLog: (lang: Lang, cursor: string | null = null) =>
    call<AccessLogPage>(
      'GET',
      '/access-log',
      lang,
      undefined,
      undefined,
      cursor ? `?cursor=${encodeURIComponent(cursor)}` : '',
    ),
  upload: (lang: Lang, kind: 'ktp_photo' | 'ktp_selfie', file: File) =>
    call<AccountView>(
      'POST',
      '/account/documents',
      lang,
      undefined,
      file,
      `?kind=${kind}&name=${encodeURIComponent(file.name.slice(0, 200))}`,
    ),
  optOuts: (lang: Lang) =>
    call<{ programmes: OptOutProgramme[]; items: OptOutView[] }>('GET', '/opt-outs', lang),
  optOutDeclare: (lang: Lang, body: { programme: string; reason: string }) =>
    call<OptOutView>('POST', '/opt-outs', lang, body),
  optOutWithdraw: (lang: Lang, id: string, reason: string) =>
    call<OptOutView>('POST', `/opt-outs/${encodeURIComponent(id)}/withdraw`, lang, { reason }),
  sanggahList: (lang: Lang) => call<{ items: SanggahView[] }>('GET', '/sanggah', lang),
  sanggahSubmit: (lang: Lang, body: { nik: string; name: string; reason: string }) =>
    call<SanggahView>('POST', '/sanggah', lang, body),
  sanggahEvidence: (lang: Lang, id: string, file: File) =>
    call<SanggahView>(
      'POST',
      `/sanggah/${encodeURIComponent(id)}/evidence`,
      lang,
      undefined,
      file,
      `?name=${encodeURIComponent(file.name.slice(0, 200))}`,
    ),
  usulanList: (lang: Lang) => call<{ items: CitizenUsulan[] }>('GET', '/usulan', lang),
  usulanGet: (lang: Lang, id: string) =>
    call<CitizenUsulan>('GET', `/usulan/${encodeURIComponent(id)}`, lang),
  usulanCreate: (lang: Lang, body: MandiriProposal) => call<CitizenUsulan>('POST', '/usulan', lang, body),
  correction: (lang: Lang, body: CorrectionRequest) =>
    call<CitizenUsulan>('POST', '/corrections', lang, body),
  usulanFile: (lang: Lang, id: string, kind: CitizenFileKind, file: File) =>
    call<CitizenUsulan>(
      'POST',
      `/usulan/${encodeURIComponent(id)}/files`,
      lang,
      undefined,
      file,
      `?kind=${kind}&name=${encodeURIComponent(file.name.slice(0, 200))}`,
    ),
  sanggahWithdraw: (lang: Lang, id: string) =>
    call<SanggahView>('POST', `/sanggah/${encodeURIComponent(id)}/withdraw`, lang),
};

/** The problem's message and the messages of its fields (`field` → text), for a form to show. */
/**
 * The problem of a form that marks fields at their inputs. The server's summary names fields by their API
 * paths ("reporter.name: …; villageCode: …"): when every field at fault is marked at its input (`isMarked`),
 * the message under the form sends the citizen to them in words (`checkFields`) instead.
 */
export function formProblem(
  err: unknown,
  fallback: string,
  checkFields: string,
  isMarked: (field: string) => boolean,
): { message: string; fields: Record<string, string> } {
  const texts = problemTexts(err, fallback);
  const marked = Object.keys(texts.fields);
  return marked.length > 0 && marked.every(isMarked) ? { ...texts, message: checkFields } : texts;
}

export function problemTexts(
  err: unknown,
  fallback: string,
): { message: string; fields: Record<string, string> } {
  if (!(err instanceof PublicApiError)) return { message: fallback, fields: {} };
  if (err.status === 0) return { message: fallback, fields: {} };
  const fields: Record<string, string> = {};
  const issues = Array.isArray(err.problem.errors)
    ? (err.problem.errors as { field: string; message: string }[])
    : [];
  for (const i of issues) fields[i.field] ??= i.message;
  return { message: err.message, fields };
}

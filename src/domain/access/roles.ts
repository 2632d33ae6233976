/**
 * Roles, what each may do, and at which territory level each is bound. The single place to read or change
 * who may do what; services call `can()` and `assertWithin()`, never compare role names themselves.
 */
import type { Text } from '../errors.ts';

export const ROLES = [
  'operator_desa',
  'kepala_desa',
  'petugas',
  'kecamatan',
  'dinsos_kab',
  'dinsos_prov',
  'pusdatin',
  'auditor',
  'admin',
  'pos',
  'pengadaan',
  'dci_partner',
] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/**
 * Roles no user account holds: a registered DCI partner system acts under `dci_partner` (its reads audited as
 * `dci:<clientId>`, its callback jobs owned by it), authenticated by its OAuth2 client credentials, never by a
 * session (docs/dci.md). It has no permission.
 */
const MACHINE_ROLES: readonly Role[] = ['dci_partner'];

/** The roles a user account may be given. */
export const USER_ROLES: readonly Role[] = ROLES.filter((r) => !MACHINE_ROLES.includes(r));

/** A registered DCI partner system (the only role that queues DCI callbacks). */
export function isDciPartner(role: Role): boolean {
  return role === 'dci_partner';
}

export function isUserRole(value: string): value is Role {
  return isRole(value) && !MACHINE_ROLES.includes(value);
}

/** Territory levels: 0 nation (region code ''), 1 province, 2 regency, 3 district, 4 village. */
export type TerritoryLevel = 0 | 1 | 2 | 3 | 4;

export const ROLE_INFO: Record<Role, { label: Text; levels: readonly TerritoryLevel[] }> = {
  operator_desa: { label: { id: 'Operator SIKS-NG desa/kelurahan', en: 'Village operator' }, levels: [4] },
  kepala_desa: { label: { id: 'Kepala desa / lurah', en: 'Village head' }, levels: [4] },
  petugas: { label: { id: 'Petugas pendata / PSM / pendamping', en: 'Field officer' }, levels: [3, 4] },
  kecamatan: { label: { id: 'Kecamatan (camat / TKSK)', en: 'District (camat / TKSK)' }, levels: [3] },
  dinsos_kab: {
    label: { id: 'Dinas Sosial kabupaten/kota', en: 'Regency social affairs office' },
    levels: [2],
  },
  dinsos_prov: {
    label: { id: 'Dinas Sosial provinsi', en: 'Provincial social affairs office' },
    levels: [1],
  },
  pusdatin: {
    label: { id: 'Pusdatin Kementerian Sosial', en: 'Ministry data centre (Pusdatin)' },
    levels: [0],
  },
  auditor: { label: { id: 'Auditor (hanya baca)', en: 'Auditor (read-only)' }, levels: [0, 1, 2, 3, 4] },
  admin: { label: { id: 'Administrator sistem', en: 'System administrator' }, levels: [0, 1, 2] },
  /** Partners (issue 15): they see only what distribution needs of a KPM (docs/distribution.md). */
  pos: { label: { id: 'PT Pos Indonesia (kantor pos)', en: 'PT Pos (post office)' }, levels: [0, 2] },
  pengadaan: {
    label: { id: 'Pengadaan (Disperindag / Bulog)', en: 'Procurement (Disperindag / Bulog)' },
    levels: [0, 1, 2],
  },
  dci_partner: {
    label: { id: 'Sistem mitra DCI', en: 'DCI partner system' },
    levels: [0, 1, 2, 3, 4],
  },
};

/** Distribution partners: no access to the registry, only to the distribution they serve. */
const PARTNERS: readonly Role[] = ['pos', 'pengadaan'];
const STAFF: readonly Role[] = USER_ROLES.filter((r) => !PARTNERS.includes(r));

/** A distribution partner: reaches only the routes that declare `partners: true`. */
export function isPartner(role: Role): boolean {
  return PARTNERS.includes(role);
}

export const PERMISSIONS = [
  'public.abuse.read',
  'registry.read',
  'registry.write',
  'registry.export',
  'registry.import',
  'duplicates.review',
  'social.write',
  'audit.read',
  'user.manage',
  'cycle.acknowledge',
  'cycle.forward',
  'cycle.comment',
  'cycle.chain_settings',
  'reference.write',
  'ranking.manage',
  'programme.manage',
  'citizen.verify',
  'sanggah.read',
  'sanggah.decide',
  'distribution.read',
  'distribution.manage',
  'distribution.clean',
  'distribution.points',
  'distribution.stock',
  'targeting.read',
  'aid_source.import',
  'reports.read',
  'reports.handle',
  'distribution.receive',
  'bundle.trust',
  'bundle.export',
  'bundle.import',
  'dci.manage',
  'usulan.draft',
  'eligibility.declare',
  'verivali.manage',
  'verivali.visit',
  'recipients.approve_national',
  'recipients.approve_provincial',
  'recipients.propose',
  'cycle.submit',
  'cycle.determine',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const GRANTS: Record<Permission, readonly Role[]> = {
  /** Abuse reports of the public check (Cek Bansos, WALIM), territory-scoped where a region is known. */
  'public.abuse.read': ['dinsos_kab', 'dinsos_prov', 'pusdatin', 'admin'],
  'registry.read': STAFF,
  'registry.write': ['operator_desa', 'petugas', 'dinsos_kab', 'admin'],
  'registry.export': [
    'operator_desa',
    'kepala_desa',
    'kecamatan',
    'dinsos_kab',
    'dinsos_prov',
    'pusdatin',
    'admin',
  ],
  'registry.import': ['dinsos_kab', 'admin'],
  /** The worklist of likely duplicate households (Dinas Sosial). */
  'duplicates.review': ['dinsos_kab', 'dinsos_prov', 'admin'],
  'social.write': ['operator_desa', 'kecamatan', 'dinsos_kab', 'admin'],
  'audit.read': ['auditor', 'admin'],
  'user.manage': ['admin'],
  /** The kecamatan acknowledges (or returns) its villages' signed Berita Acara (seed 002). */
  'cycle.acknowledge': ['kecamatan'],
  /** The provincial Dinas Sosial forwards (or returns) its regencies' submissions (seeds 002, 004). */
  'cycle.forward': ['dinsos_prov'],
  /** Comments on a regency's submission while it travels to Pusdatin. */
  'cycle.comment': ['dinsos_kab', 'dinsos_prov', 'pusdatin'],
  /** Whether a regency uses the kecamatan step, whether a province reviews (src/domain/cycle/chain.ts). */
  'cycle.chain_settings': ['dinsos_kab', 'dinsos_prov', 'admin'],
  /** Reference data such as the regional minimum wages: the province for its own, Pusdatin for all. */
  'reference.write': ['dinsos_prov', 'pusdatin', 'admin'],
  /** Ranking models (upload, publish) and ranking a determined period. */
  'ranking.manage': ['pusdatin', 'admin'],
  /**
   * Programme documents (upload, publish): within the actor's own territory only — national programmes by
   * Pusdatin (and admin), a province's own programmes by its provincial Dinas Sosial (src/modules/programmes).
   */
  'programme.manage': ['dinsos_prov', 'pusdatin', 'admin'],
  /** Citizen accounts of the territory: compare with the registry, verify or reject (issue 14). */
  'citizen.verify': ['operator_desa', 'kepala_desa', 'dinsos_kab'],
  /** Citizens' objections (sanggah) of the territory: read; investigate and decide (regency Dinas Sosial). */
  'sanggah.read': ['dinsos_kab', 'dinsos_prov', 'pusdatin'],
  'sanggah.decide': ['dinsos_kab'],
  /** Batches, points, allocation and reconciliation of the territory (partners: only partner fields). */
  'distribution.read': ['dinsos_kab', 'dinsos_prov', 'pusdatin', 'auditor', 'admin', 'pos', 'pengadaan'],
  /** Turning an approved recipient period into batches; completing and re-sending returned records. */
  'distribution.manage': ['dinsos_kab', 'admin'],
  /** The partner's cleaning: returning records with a reason code. */
  'distribution.clean': ['pos'],
  /** Distribution points, their coverage and schedules, mapping KPM to points. */
  'distribution.points': ['pos', 'dinsos_kab', 'admin'],
  /** Stock received from procurement at a point. */
  'distribution.stock': ['pengadaan', 'admin'],
  /** Targeting analytics and the aid-source overlap worklists of one's territory (seed 004). */
  'targeting.read': ['kecamatan', 'dinsos_kab', 'dinsos_prov', 'pusdatin', 'auditor', 'admin'],
  /** Importing another programme's or subsidy's beneficiary list for matching (pemadanan, seed 004). */
  'aid_source.import': ['dinsos_kab', 'dinsos_prov', 'pusdatin', 'admin'],
  /** Laporan / pengaduan of the territory: the list, a report with the reporter's identity (audited). */
  'reports.read': STAFF,
  /** Triage, assign, answer, escalate and close reports (village → kecamatan → Dinas Sosial kab). */
  'reports.handle': ['operator_desa', 'kepala_desa', 'kecamatan', 'dinsos_kab', 'admin'],
  /** Recording a receipt at the point (the point officer is a `pos` user, docs/distribution.md). */
  'distribution.receive': ['pos'],
  /** The installations whose .siks bundles are accepted (register, revoke), within one's territory (issue 16). */
  'bundle.trust': ['dinsos_kab', 'admin'],
  /** A signed bundle of one's territory: the working set (online) or the field changes (offline installation). */
  'bundle.export': ['kecamatan', 'dinsos_kab', 'admin'],
  /** Verifying and importing a bundle (field changes also need registry.write, as every sync does). */
  'bundle.import': ['kecamatan', 'dinsos_kab', 'admin'],
  /** The DCI API's partner systems (register, list, revoke), within one's territory (docs/dci.md). */
  'dci.manage': ['pusdatin', 'admin'],
  /** Drafting and editing usulan, attaching their documents: the village operator (seeds 001, 002). */
  'usulan.draft': ['operator_desa'],
  /** Declaring a household ineligible (ditidaklayakkan) and lifting it: the regency Dinas Sosial (seed 000). */
  'eligibility.declare': ['dinsos_kab'],
  /** Assigning verivali visits, reviewing what they found, deciding proposals after it: the regency Dinas Sosial. */
  'verivali.manage': ['dinsos_kab'],
  /** Recording verivali visits in the field; such a user sees only the visits given to them. */
  'verivali.visit': ['petugas'],
  /** Approving (or returning) bansos proposals at a national programme's door (seed 004). */
  'recipients.approve_national': ['pusdatin', 'admin'],
  /** Approving (or returning) bansos proposals of a provincial programme, within one's own province. */
  'recipients.approve_provincial': ['dinsos_prov', 'admin'],
  /** Computing a programme's candidates in a regency, reviewing them and submitting the bansos proposal. */
  'recipients.propose': ['dinsos_kab', 'admin'],
  /** Preparing and sending the regency's pengesahan (through the Governor to the Minister, seeds 002, 004). */
  'cycle.submit': ['dinsos_kab'],
  /** The monthly penetapan, and returning a forwarded submission to its regency: Pusdatin for the Minister. */
  'cycle.determine': ['pusdatin'],
};

export function can(role: Role, permission: Permission): boolean {
  return GRANTS[permission].includes(role);
}

/** The roles granted `permission`. */
export function rolesWith(permission: Permission): readonly Role[] {
  return GRANTS[permission];
}

export function permissionsOf(role: Role): Permission[] {
  return PERMISSIONS.filter((p) => can(role, p));
}

export function levelOfTerritory(regionCode: string): TerritoryLevel {
  if (regionCode === '') return 0;
  return (regionCode.split('.').length as TerritoryLevel) ?? 0;
}

/** A code lies within a territory when it is the territory or below it ('' is the whole nation). */
export function isWithinTerritory(code: string, territory: string): boolean {
  return territory === '' || code === territory || code.startsWith(`${territory}.`);
}

export function roleFitsRegion(role: Role, regionCode: string): boolean {
  return ROLE_INFO[role].levels.includes(levelOfTerritory(regionCode));
}

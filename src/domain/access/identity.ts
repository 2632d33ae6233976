/**
 * Identity probes. NIKs are enumerable (region, birth date, serial), so any write that refuses a NIK or KK
 * number because a record elsewhere holds it is a lookup oracle unless its answer says nothing of that
 * record. When the blocking record lies outside the actor's territory, every write answers the same neutral
 * issue (`identity.unavailable`) whatever the cause; the cause goes to the audit log only. Pure: the texts,
 * the answer's order, and the rolling-hour limit arithmetic; modules/access/identity-guard.ts does the I/O.
 */
import { AppError, ConfigError, type FieldIssue, issue, type Text } from '../errors.ts';

export type IdentityKind = 'nik' | 'kk';

/** Why a write was refused; recorded in the audit log for auditors, never answered. */
export const PROBE_CAUSES = [
  'household_member',
  'household_kk',
  'open_usulan',
  'ineligible',
  'ppks',
  'psks',
] as const;
export type ProbeCause = (typeof PROBE_CAUSES)[number];

/** The record that blocks the write: its kind, id and village. */
export interface BlockingRecord {
  entityType: 'household' | 'usulan' | 'ppks' | 'psks';
  id: string;
  villageCode: string;
}

/** A NIK or KK number as the caller sent it, and where. */
export interface IdentityUse {
  kind: IdentityKind;
  /** The NIK or KK number. */
  value: string;
  /** The caller's field (`household.members.2.nik`). */
  field: string;
}

/**
 * One refused use of a NIK or KK number held outside the actor's territory, with every hidden record that
 * blocked it (a NIK may be both registered in one village and proposed in another). Counted once.
 */
export interface Probe extends IdentityUse {
  blocks: { cause: ProbeCause; holder: BlockingRecord }[];
}

export const IDENTITY_UNAVAILABLE = 'identity.unavailable';
export const PROBE_LIMIT = 'identity.probe_limit';

/** Refusals are counted over this rolling window. */
export const PROBE_WINDOW_MS = 60 * 60 * 1000;
export const DEFAULT_PROBE_LIMIT = 20;

/** IDENTITY_PROBE_LIMIT: refusals one user may collect per rolling hour (a whole number, 1 or more). */
export function parseProbeLimit(spec: string | undefined): number {
  if (spec === undefined || spec.trim() === '') return DEFAULT_PROBE_LIMIT;
  if (!/^[1-9][0-9]{0,5}$/.test(spec.trim())) {
    throw new ConfigError(
      `IDENTITY_PROBE_LIMIT must be a whole number, 1 or more, got ${JSON.stringify(spec)}`,
    );
  }
  return Number(spec.trim());
}

const UNAVAILABLE: Record<IdentityKind, Text> = {
  nik: {
    id: 'NIK ini tidak dapat digunakan di sini. Bila orang ini terdaftar atau sedang diproses di wilayah lain, penanganannya dilakukan di wilayah tersebut; petugas di sana sudah diberi tahu.',
    en: 'This NIK cannot be used here. If this person is registered or being processed in another region, they are handled there; the officers there have been notified.',
  },
  kk: {
    id: 'Nomor KK ini tidak dapat digunakan di sini. Bila keluarga ini terdaftar atau sedang diproses di wilayah lain, penanganannya dilakukan di wilayah tersebut; petugas di sana sudah diberi tahu.',
    en: 'This KK number cannot be used here. If this family is registered or being processed in another region, it is handled there; the officers there have been notified.',
  },
};

/** The one answer for a NIK or KK number held outside the territory: the caller's field, nothing else. */
export function unavailableIssue(field: string, kind: IdentityKind): FieldIssue {
  return issue(field, IDENTITY_UNAVAILABLE, UNAVAILABLE[kind]);
}

export function isUnavailable(i: FieldIssue): boolean {
  return i.code === IDENTITY_UNAVAILABLE;
}

/**
 * The issues of an answer in an order that does not depend on which hidden record blocked the write: the
 * other issues as they came (they concern visible records and the input), then one neutral issue per field,
 * by field. Checks run in a fixed order (registry, proposals, ineligibility), so without this the neutral
 * issue's place among the others, or a second one on the same field, would tell the causes apart.
 */
export function concealedOrder(issues: readonly FieldIssue[]): FieldIssue[] {
  const neutral = new Map<string, FieldIssue>();
  const rest: FieldIssue[] = [];
  for (const i of issues) {
    if (!isUnavailable(i)) rest.push(i);
    else if (!neutral.has(i.field)) neutral.set(i.field, i);
  }
  if (neutral.size === 0) return rest;
  return [...rest, ...[...neutral.values()].sort((a, b) => compareFields(a.field, b.field))];
}

/** Dotted field paths in input order: numeric segments compare as numbers (`members.10` after `members.2`). */
export function compareFields(a: string, b: string): number {
  const x = a.split('.');
  const y = b.split('.');
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] === y[i]) continue;
    const [m, n] = [Number(x[i]), Number(y[i])];
    if (Number.isInteger(m) && Number.isInteger(n)) return m - n;
    return x[i]! < y[i]! ? -1 : 1;
  }
  return x.length - y.length;
}

/**
 * Seconds until the user may be refused again, or null while under the limit. `recent` holds the times of
 * the user's refusals inside the window, newest first (at most `limit` are needed): at the limit, the wait
 * lasts until the `limit`-th newest leaves the window.
 */
export function probeRetryAfter(recent: readonly string[], limit: number, now: Date): number | null {
  if (recent.length < limit) return null;
  const leaves = Date.parse(recent[limit - 1]!) + PROBE_WINDOW_MS;
  return Math.max(1, Math.ceil((leaves - now.getTime()) / 1000));
}

const LIMIT_TEXT: Text = {
  id: 'Terlalu banyak NIK/Nomor KK yang ditolak karena terdaftar atau diproses di wilayah lain dalam satu jam terakhir. Coba lagi nanti.',
  en: 'Too many NIKs or KK numbers were refused in the last hour because they are registered or processed in another region. Try again later.',
};

/**
 * A unique key refused the write: another request registered the same NIK between this write's checks and
 * its insert. The answer is the neutral one (the holder is unknown here, and may lie outside the territory);
 * the guard runs the write once more, whose checks then see the holder and answer precisely.
 */
export class IdentityRace extends AppError {
  constructor(field: string, kind: IdentityKind) {
    const neutral = unavailableIssue(field, kind);
    super('conflict', IDENTITY_UNAVAILABLE, neutral.message, { issues: [neutral] });
  }
}

/** The user reached the hourly limit: every write that would check identities answers this, checking nothing. */
export function probeLimitError(retryAfterSeconds: number): AppError {
  return new AppError('rate_limited', PROBE_LIMIT, LIMIT_TEXT, { extra: { retryAfter: retryAfterSeconds } });
}

/** The import line (household) that was not checked because the limit was reached before it. */
export function probeLimitIssue(field: string): FieldIssue {
  return issue(field, PROBE_LIMIT, {
    id: 'Tidak diproses: batas penolakan NIK/Nomor KK per jam tercapai. Ulangi impor nanti (baris yang sudah masuk tidak ditambahkan dua kali).',
    en: 'Not processed: the hourly limit of refused NIKs/KK numbers was reached. Re-run the import later (lines already imported are not added twice).',
  });
}

const HELD_AS: Record<ProbeCause, Text> = {
  household_member: { id: 'terdaftar di DTKS', en: 'registered in DTKS' },
  household_kk: { id: 'terdaftar di DTKS', en: 'registered in DTKS' },
  open_usulan: { id: 'ada dalam usulan yang masih berjalan', en: 'in an open proposal' },
  ineligible: { id: 'pada rumah tangga yang ditidaklayakkan', en: 'in a household declared ineligible' },
  ppks: { id: 'terdaftar sebagai PPKS', en: 'registered as PPKS' },
  psks: { id: 'terdaftar sebagai PSKS', en: 'registered as PSKS' },
};

/**
 * What the territory holding the record is told: someone in `origin` tried to use one of its people, so it
 * can check, and propose the removal (moved out) if the person has moved.
 */
export function probeNotice(use: IdentityUse, cause: ProbeCause, origin: string): Text {
  const what =
    use.kind === 'nik'
      ? { id: `NIK ${use.value}`, en: `NIK ${use.value}` }
      : { id: `Nomor KK ${use.value}`, en: `KK number ${use.value}` };
  const where = origin || 'nasional';
  const held = HELD_AS[cause];
  return {
    id: `Dari wilayah ${where} ada yang mencoba mendaftarkan atau mengusulkan ${what.id}, yang ${held.id} di wilayah Anda. Periksa datanya; bila orang atau keluarga ini sudah pindah, usulkan keluar (pindah).`,
    en: `Someone in ${origin || 'the national office'} tried to register or propose ${what.en}, which is ${held.en} in your region. Check the record; if the person or family has moved, propose its removal (moved out).`,
  };
}

/** Where the holding territory finds the record in the web app. */
export function holderLink(holder: BlockingRecord): string {
  const base = { household: '/households', usulan: '/usulan', ppks: '/ppks', psks: '/psks' }[
    holder.entityType
  ];
  return `${base}/${holder.id}`;
}

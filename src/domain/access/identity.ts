/**
 * Identity probes. NIKs are enumerable (region, birth date, serial), so any write that refuses a NIK or KK
 * number because a record elsewhere holds it is a lookup oracle unless its answer says nothing of that
 * record. When the blocking record lies outside the actor's territory, every write answers the same neutral
 * issue (`identity.unavailable`) whatever the cause; the cause goes to the audit log only. Pure: the texts,
 * the answer's order, and the rolling-hour limit arithmetic; modules/access/identity-guard.ts does the I/O.
 */

import { label, message } from '../catalogue.ts';
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

export const IDENTITY_UNAVAILABLE = 'identity.unavailable' as const;
export const PROBE_LIMIT = 'identity.probe_limit' as const;

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

const IDENTIFIER: Record<IdentityKind, Text> = { nik: label('nik'), kk: label('kk_number') };

/** The one answer for a NIK or KK number held outside the territory: the caller's field, nothing else. */
export function unavailableIssue(field: string, kind: IdentityKind): FieldIssue {
  return issue(field, IDENTITY_UNAVAILABLE, { identifier: IDENTIFIER[kind] });
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

/**
 * A unique key refused the write: another request registered the same NIK between this write's checks and
 * its insert. The answer is the neutral one (the holder is unknown here, and may lie outside the territory);
 * the guard runs the write once more, whose checks then see the holder and answer precisely.
 */
export class IdentityRace extends AppError<typeof IDENTITY_UNAVAILABLE> {
  constructor(field: string, kind: IdentityKind) {
    const neutral = unavailableIssue(field, kind);
    super('conflict', IDENTITY_UNAVAILABLE, { identifier: IDENTIFIER[kind] }, { issues: [neutral] });
  }
}

/** The user reached the hourly limit: every write that would check identities answers this, checking nothing. */
export function probeLimitError(retryAfterSeconds: number): AppError {
  return new AppError('rate_limited', PROBE_LIMIT, undefined, { extra: { retryAfter: retryAfterSeconds } });
}

/** The import line (household) that was not checked because the limit was reached before it. */
export function probeLimitIssue(field: string): FieldIssue {
  return issue(field, PROBE_LIMIT);
}

const HELD_AS: Record<ProbeCause, Text> = {
  household_member: label('held.in_dtks'),
  household_kk: label('held.in_dtks'),
  open_usulan: label('held.open_usulan'),
  ineligible: label('held.ineligible'),
  ppks: label('held.ppks'),
  psks: label('held.psks'),
};

/**
 * What the territory holding the record is told: someone in `origin` tried to use one of its people, so it
 * can check, and propose the removal (moved out) if the person has moved.
 */
export function probeNotice(use: IdentityUse, cause: ProbeCause, origin: string): Text {
  return message('identity.probe_notice', {
    origin: origin || label('national_office'),
    identifier: IDENTIFIER[use.kind],
    value: use.value,
    held: HELD_AS[cause],
  });
}

/** Where the holding territory finds the record in the web app. */
export function holderLink(holder: BlockingRecord): string {
  const base = { household: '/households', usulan: '/usulan', ppks: '/ppks', psks: '/psks' }[
    holder.entityType
  ];
  return `${base}/${holder.id}`;
}

/**
 * Laporan / pengaduan (issue 14): what a report is, the steps staff take on it, and its SLA timers. Pure:
 * the service loads the report, asks `nextState` whether a step is allowed and what it changes, and stores it.
 *
 * Lifecycle: `received` (diterima) → `in_progress` (diproses; triaged, or answered) → `closed` (selesai, with
 * an outcome). While open a report sits at one handling level — the village (desa/kelurahan) first, then the
 * kecamatan, then the regency's Dinas Sosial — and moves up by escalation (never down). Staff whose territory
 * level is the handling level or above may act on it; everyone in the territory may read it.
 *
 * SLA (defaults, configurable through `ReportSla`): triage within 3 working days (Monday–Friday, counted in
 * WIB, UTC+7) of arrival at the current level — escalation restarts it —, a first public reply within 14
 * calendar days of the report. Both due times are stored with the report so overdue lists are plain queries.
 */

export const REPORT_CATEGORIES = [
  'recipient_not_poor',
  'aid_not_received',
  'aid_cut',
  'officer_conduct',
  'data_error',
  'other',
] as const;
export type ReportCategory = (typeof REPORT_CATEGORIES)[number];

export const REPORT_STATUSES = ['received', 'in_progress', 'closed'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export const REPORT_LEVELS = ['village', 'district', 'regency'] as const;
export type ReportLevel = (typeof REPORT_LEVELS)[number];

export const REPORT_OUTCOMES = [
  'substantiated',
  'not_substantiated',
  'resolved',
  'duplicate',
  'out_of_scope',
] as const;
export type ReportOutcome = (typeof REPORT_OUTCOMES)[number];

export const REPORT_ACTIONS = ['triage', 'assign', 'reply', 'note', 'escalate', 'close'] as const;
export type ReportAction = (typeof REPORT_ACTIONS)[number];

/** Territory level (src/domain/access/roles.ts: 2 regency, 3 district, 4 village) of each handling level. */
export const LEVEL_DEPTH: Record<ReportLevel, 2 | 3 | 4> = { village: 4, district: 3, regency: 2 };

export interface ReportState {
  status: ReportStatus;
  level: ReportLevel;
  createdAt: string;
  triagedAt: string | null;
  firstReplyAt: string | null;
  triageDueAt: string;
  responseDueAt: string;
}

export interface ReportSla {
  /** Working days (Mon–Fri) to triage a report after it reaches a level. */
  triageWorkingDays: number;
  /** Calendar days from the report to the first public reply. */
  responseDays: number;
}

export const DEFAULT_REPORT_SLA: ReportSla = { triageWorkingDays: 3, responseDays: 14 };

export type StepResult =
  | { ok: true; state: ReportState }
  | { ok: false; reason: 'closed' | 'already_triaged' | 'top_level' };

const WIB_MS = 7 * 3_600_000;

/** `at` plus `days` working days (Saturdays and Sundays skipped, counted on the WIB calendar). */
export function addWorkingDays(at: string, days: number): string {
  let t = new Date(at).getTime() + WIB_MS;
  let left = days;
  while (left > 0) {
    t += 86_400_000;
    const dow = new Date(t).getUTCDay();
    if (dow !== 0 && dow !== 6) left -= 1;
  }
  return new Date(t - WIB_MS).toISOString();
}

export function addDays(at: string, days: number): string {
  return new Date(new Date(at).getTime() + days * 86_400_000).toISOString();
}

/** The state of a new report arriving at the village. */
export function newReport(at: string, sla: ReportSla = DEFAULT_REPORT_SLA): ReportState {
  return {
    status: 'received',
    level: 'village',
    createdAt: at,
    triagedAt: null,
    firstReplyAt: null,
    triageDueAt: addWorkingDays(at, sla.triageWorkingDays),
    responseDueAt: addDays(at, sla.responseDays),
  };
}

/** Whether a step is allowed on a report in this state, and the state after it. */
export function nextState(
  s: ReportState,
  action: ReportAction,
  at: string,
  sla: ReportSla = DEFAULT_REPORT_SLA,
): StepResult {
  if (s.status === 'closed') return { ok: false, reason: 'closed' };
  switch (action) {
    case 'triage':
      if (s.status !== 'received') return { ok: false, reason: 'already_triaged' };
      return { ok: true, state: { ...s, status: 'in_progress', triagedAt: at } };
    case 'assign':
    case 'note':
      return { ok: true, state: s };
    case 'reply':
      // A public answer also counts as triage.
      return {
        ok: true,
        state: {
          ...s,
          status: 'in_progress',
          triagedAt: s.triagedAt ?? at,
          firstReplyAt: s.firstReplyAt ?? at,
        },
      };
    case 'escalate': {
      const up = nextLevel(s.level);
      if (up === null) return { ok: false, reason: 'top_level' };
      // The new level triages it again, on a fresh clock.
      return {
        ok: true,
        state: {
          ...s,
          level: up,
          status: 'received',
          triagedAt: null,
          triageDueAt: addWorkingDays(at, sla.triageWorkingDays),
        },
      };
    }
    case 'close':
      return { ok: true, state: { ...s, status: 'closed' } };
  }
}

export function nextLevel(level: ReportLevel): ReportLevel | null {
  const i = REPORT_LEVELS.indexOf(level);
  return REPORT_LEVELS[i + 1] ?? null;
}

/** Which SLA timers have run out at `now` (a closed report is never overdue). */
export function overdue(s: ReportState, now: string): { triage: boolean; response: boolean } {
  if (s.status === 'closed') return { triage: false, response: false };
  return {
    triage: s.status === 'received' && now > s.triageDueAt,
    response: s.firstReplyAt === null && now > s.responseDueAt,
  };
}

/**
 * May staff at territory depth `depth` (2 regency … 4 village; 0/1 above) act on a report handled at
 * `level`? The handling office and every office above it may; a village cannot act once it went up.
 */
export function mayAct(depth: number, level: ReportLevel): boolean {
  return depth <= LEVEL_DEPTH[level];
}

/* Tracking numbers: `LPR-XXXX-XXXX`, 8 symbols of Crockford's base 32 (40 bits), read aloud without
 * ambiguity (no I, L, O, U); typed input folds case, spaces, dashes and the look-alikes O→0, I/L→1. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A tracking number from 5 random bytes (the caller passes crypto.randomBytes(5)). */
export function trackingNumber(random: Uint8Array): string {
  let bits = 0n;
  for (const b of random.slice(0, 5)) bits = (bits << 8n) | BigInt(b);
  let s = '';
  for (let i = 0; i < 8; i++) {
    s = ALPHABET[Number(bits & 31n)]! + s;
    bits >>= 5n;
  }
  return `LPR-${s.slice(0, 4)}-${s.slice(4)}`;
}

/** The canonical form of a typed tracking number, or null when it cannot be one. */
export function normalizeTrackingNumber(input: string): string | null {
  let s = input.toUpperCase().replace(/[\s\-_.]/g, '');
  if (s.startsWith('LPR')) s = s.slice(3);
  s = s.replace(/O/g, '0').replace(/[IL]/g, '1');
  if (!/^[0-9A-HJKMNP-TV-Z]{8}$/.test(s)) return null;
  return `LPR-${s.slice(0, 4)}-${s.slice(4)}`;
}

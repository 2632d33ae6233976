/**
 * Periods are months (`YYYY-MM`). Proposals are taken in a window of days each month (default the 15th to
 * the 24th, DOMAIN.md §5); the window is deployment configuration. Dates are evaluated in the deployment's
 * time zone (default Asia/Jakarta), since "the 24th" means the 24th where the operator sits.
 */
import { ConfigError, type FieldIssue, issue } from '../errors.ts';

export interface ProposalWindow {
  startDay: number;
  endDay: number;
  timeZone: string;
}

export const DEFAULT_WINDOW: ProposalWindow = { startDay: 15, endDay: 24, timeZone: 'Asia/Jakarta' };

/** A period, YYYY-MM. */
export const PERIOD_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isPeriod(s: string): boolean {
  return PERIOD_PATTERN.test(s);
}

export function checkPeriod(s: string, field = 'period'): FieldIssue[] {
  return isPeriod(s) ? [] : [issue(field, 'period.invalid', { s })];
}

/** Parses `15-24` (PROPOSAL_WINDOW) into a window; throws on nonsense so a bad deployment fails at start. */
export function parseWindow(spec: string | undefined, timeZone = DEFAULT_WINDOW.timeZone): ProposalWindow {
  if (!spec) return { ...DEFAULT_WINDOW, timeZone };
  const m = /^(\d{1,2})-(\d{1,2})$/.exec(spec.trim());
  const start = Number(m?.[1]);
  const end = Number(m?.[2]);
  if (!m || start < 1 || end > 28 || start > end) {
    throw new ConfigError(`PROPOSAL_WINDOW must look like 15-24 (days 1–28, start ≤ end), got "${spec}"`);
  }
  return { startDay: start, endDay: end, timeZone };
}

/** The local calendar date (YYYY-MM-DD) of `at` in `timeZone`. */
export function localDate(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
}

export function periodOf(at: Date, timeZone = DEFAULT_WINDOW.timeZone): string {
  return localDate(at, timeZone).slice(0, 7);
}

export function shiftPeriod(period: string, months: number): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  const idx = y * 12 + (m - 1) + months;
  return `${Math.floor(idx / 12)}-${String((idx % 12) + 1).padStart(2, '0')}`;
}

export const previousPeriod = (p: string) => shiftPeriod(p, -1);

export interface WindowStatus {
  open: boolean;
  period: string;
  /** The current window if open, otherwise the next one (local dates, inclusive). */
  opens: string;
  closes: string;
}

export function windowStatus(at: Date, w: ProposalWindow = DEFAULT_WINDOW): WindowStatus {
  const today = localDate(at, w.timeZone);
  const period = today.slice(0, 7);
  const day = Number(today.slice(8, 10));
  const dd = (n: number) => String(n).padStart(2, '0');
  const target = day > w.endDay ? shiftPeriod(period, 1) : period;
  return {
    open: day >= w.startDay && day <= w.endDay,
    period,
    opens: `${target}-${dd(w.startDay)}`,
    closes: `${target}-${dd(w.endDay)}`,
  };
}

/**
 * The latest period whose proposal window has opened on `at`: this month from the window's first day on,
 * otherwise last month. Its proposals are the ones the Musdes and the Dinas Sosial are working on.
 */
export function latestOpenedPeriod(at: Date, w: ProposalWindow = DEFAULT_WINDOW): string {
  const today = localDate(at, w.timeZone);
  const period = today.slice(0, 7);
  return Number(today.slice(8, 10)) >= w.startDay ? period : previousPeriod(period);
}

/** Whole days from `at`'s local date to the window's last day while it is open (0 on the last day); null when closed. */
export function windowDaysLeft(at: Date, w: ProposalWindow = DEFAULT_WINDOW): number | null {
  const s = windowStatus(at, w);
  if (!s.open) return null;
  return w.endDay - Number(localDate(at, w.timeZone).slice(8, 10));
}

/**
 * Where a proposal goes when it is submitted, so none is left without a way forward (issue 12, "no dead
 * ends"). A proposal belongs to the period of the window it was submitted in, and is decided by its
 * village's Musdes/Muskel of that period:
 * - no session yet, or one still in draft: it waits and enters the prelist awal when the session opens;
 * - a session that is open: it joins that session's prelist at once (appended after the other rows);
 * - a session that is closed or signed, or a period already determined: that deliberation is over, so the
 *   proposal is carried over to the next period whose deliberation can still take it.
 * Pure: the service reads the village's sessions and the determined periods, this decides.
 */
import type { MusdesState } from '../lifecycle/machines.ts';
import { shiftPeriod } from './period.ts';

/** What the village's deliberation of one period looks like when a proposal arrives. */
export interface PeriodDeliberation {
  sessionId: string | null;
  sessionState: MusdesState | null;
  /** The Minister has determined this period (no new deliberation can be held for it). */
  determined: boolean;
}

export interface Placement {
  /** The period the proposal is decided in. */
  period: string;
  /** The period it was submitted for, when it was carried over; null otherwise. */
  carriedFrom: string | null;
  /** The open session whose prelist it joins now; null when it waits for a session to open. */
  joinsSession: string | null;
}

/** A deliberation that is over: its prelist takes no more rows. */
export function deliberationOver(d: PeriodDeliberation): boolean {
  return d.determined || d.sessionState === 'closed' || d.sessionState === 'signed';
}

/** How far ahead a proposal is carried at most (a village would have to close two years of sessions). */
const MAX_CARRY = 24;

export function placeProposal(
  period: string,
  deliberationOf: (period: string) => PeriodDeliberation,
): Placement {
  let p = period;
  for (let n = 0; n < MAX_CARRY; n++, p = shiftPeriod(p, 1)) {
    const d = deliberationOf(p);
    if (deliberationOver(d)) continue;
    return {
      period: p,
      carriedFrom: p === period ? null : period,
      joinsSession: d.sessionState === 'open' ? d.sessionId : null,
    };
  }
  return { period: p, carriedFrom: period, joinsSession: null };
}

/**
 * The period the penetapan form proposes: the month after the latest determined one (determinations go in
 * order; an earlier month answers 409), or last month when none is determined yet; null when every month up
 * to the current one is determined (a future month answers 400).
 */
export function nextDeterminablePeriod(determined: readonly string[], current: string): string | null {
  const latest = [...determined].sort().at(-1);
  const next = latest ? shiftPeriod(latest, 1) : shiftPeriod(current, -1);
  return next <= current ? next : null;
}

/**
 * "Who read my data" grouped (issue 14): a family in a busy village is read hundreds of times a month by the
 * same office for the same purpose, so the citizen sees one line per local day, office, role, purpose and
 * kind (read or change) with how many times, the first and the last time, and which actions — not hundreds
 * of identical lines. Never a staff member's name: the office is the staff member's territory.
 */
import { isReadAction } from './audit-actions.ts';

/** One day's audit entries about the record, counted per office, role, purpose and action (from SQL). */
export interface AccessCount {
  officeRegionCode: string | null;
  role: string;
  purpose: string | null;
  action: string;
  count: number;
  firstAt: string;
  lastAt: string;
}

export interface AccessGroup {
  /** The local date (YYYY-MM-DD, in the time zone of the citizen's village). */
  day: string;
  kind: 'read' | 'change';
  role: string;
  officeRegionCode: string | null;
  purpose: string | null;
  count: number;
  firstAt: string;
  lastAt: string;
  /** The actions of the group with their counts, most frequent first. */
  actions: { action: string; count: number }[];
}

/** One day's counts as the citizen's lines: grouped by office, role, purpose and kind, latest first. */
export function groupDay(day: string, counts: readonly AccessCount[]): AccessGroup[] {
  const groups = new Map<string, AccessGroup>();
  for (const c of counts) {
    const kind = isReadAction(c.action) ? 'read' : 'change';
    const key = JSON.stringify([c.officeRegionCode, c.role, c.purpose, kind]);
    const g = groups.get(key);
    if (!g) {
      groups.set(key, {
        day,
        kind,
        role: c.role,
        officeRegionCode: c.officeRegionCode,
        purpose: c.purpose,
        count: c.count,
        firstAt: c.firstAt,
        lastAt: c.lastAt,
        actions: [{ action: c.action, count: c.count }],
      });
      continue;
    }
    g.count += c.count;
    if (c.firstAt < g.firstAt) g.firstAt = c.firstAt;
    if (c.lastAt > g.lastAt) g.lastAt = c.lastAt;
    const a = g.actions.find((x) => x.action === c.action);
    if (a) a.count += c.count;
    else g.actions.push({ action: c.action, count: c.count });
  }
  const out = [...groups.values()];
  for (const g of out) g.actions.sort((a, b) => b.count - a.count || (a.action < b.action ? -1 : 1));
  return out.sort(
    (a, b) => compareDesc(a.lastAt, b.lastAt) || compareDesc(a.firstAt, b.firstAt) || order(a, b),
  );
}

function compareDesc(a: string, b: string): number {
  return a < b ? 1 : a > b ? -1 : 0;
}

/** A total order for groups of the same times, so a page is always the same. */
function order(a: AccessGroup, b: AccessGroup): number {
  const ka = JSON.stringify([a.officeRegionCode, a.role, a.purpose, a.kind]);
  const kb = JSON.stringify([b.officeRegionCode, b.role, b.purpose, b.kind]);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

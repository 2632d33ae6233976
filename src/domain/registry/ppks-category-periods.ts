/**
 * The categories a PPKS carries, each for a period: a person can be, say, a neglected elderly person and a
 * person with a disability at once, and a category can end (a street child taken into care) and start again.
 * Rules: the code is one of the 26 (ppks-psks.ts), dates are real, a period starts no later than today and
 * ends no earlier than it starts, and periods of the same category never overlap (so a category is open at
 * most once).
 */
import { parseIsoDate } from '../calendar.ts';
import { type FieldIssue, issue } from '../errors.ts';
import { isPpksCategory } from './ppks-psks.ts';

export interface PpksCategoryPeriod {
  category: string;
  startDate: string;
  endDate?: string | null;
}

/** Every rule the list breaks, with `categories.N.field` paths; empty when the list is valid. */
export function checkPpksCategoryPeriods(
  periods: readonly PpksCategoryPeriod[],
  opts: { today: string; field?: string },
): FieldIssue[] {
  const field = opts.field ?? 'categories';
  const issues: FieldIssue[] = [];
  if (periods.length === 0) {
    issues.push(issue(field, 'ppks.no_category'));
  }
  periods.forEach((p, n) => {
    const at = (f: string) => `${field}.${n}.${f}`;
    if (!isPpksCategory(p.category)) {
      issues.push(issue(at('category'), 'ppks.unknown_category', { category: p.category }));
    }
    const startOk = parseIsoDate(p.startDate) !== null;
    if (!startOk) issues.push(invalidDate(at('startDate'), p.startDate));
    else if (p.startDate > opts.today) {
      issues.push(
        issue(at('startDate'), 'ppks.category_start_in_future', {
          startDate: p.startDate,
          today: opts.today,
        }),
      );
    }
    if (p.endDate != null) {
      if (parseIsoDate(p.endDate) === null) issues.push(invalidDate(at('endDate'), p.endDate));
      else if (startOk && p.endDate < p.startDate) {
        issues.push(
          issue(at('endDate'), 'ppks.category_end_before_start', {
            endDate: p.endDate,
            startDate: p.startDate,
          }),
        );
      }
    }
  });
  if (issues.length) return issues;
  periods.forEach((p, n) => {
    const earlier = periods.slice(0, n).find((q) => q.category === p.category && periodsOverlap(p, q));
    if (earlier) {
      issues.push(
        issue(`${field}.${n}.category`, 'ppks.duplicate_category', {
          category: p.category,
          startDate: earlier.startDate,
          startDate2: p.startDate,
        }),
      );
    }
  });
  return issues;
}

/** Inclusive periods; an open end runs forever. */
export function periodsOverlap(a: PpksCategoryPeriod, b: PpksCategoryPeriod): boolean {
  return a.startDate <= (b.endDate ?? '9999-12-31') && b.startDate <= (a.endDate ?? '9999-12-31');
}

/** Whether the category applies on `date` (YYYY-MM-DD). The list filter applies the same rule in SQL. */
export function isCurrentOn(p: PpksCategoryPeriod, date: string): boolean {
  return p.startDate <= date && (p.endDate == null || p.endDate >= date);
}

/** Display and snapshot order: oldest start first, then by code. */
export function sortCategoryPeriods<T extends PpksCategoryPeriod>(periods: readonly T[]): T[] {
  return [...periods].sort(
    (a, b) => a.startDate.localeCompare(b.startDate) || a.category.localeCompare(b.category),
  );
}

function invalidDate(field: string, value: string): FieldIssue {
  return issue(field, 'ppks.invalid_category_date', { value });
}

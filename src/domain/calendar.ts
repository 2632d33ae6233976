/** Calendar-date helpers shared by the domain. Dates cross the edges as YYYY-MM-DD strings. */

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in `month` (1–12) of `year`; 0 for a month out of range. */
export function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}

export function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

/** The calendar date where the code runs (the user's browser, or the server), as YYYY-MM-DD. */
export function localIsoDate(date: Date): string {
  return isoDate(date.getFullYear(), date.getMonth() + 1, date.getDate());
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Splits a real YYYY-MM-DD date into numbers; null for anything else (including 2001-02-29). */
export function parseIsoDate(s: string): { year: number; month: number; day: number } | null {
  const m = ISO_DATE.exec(s);
  if (!m) return null;
  const [year, month, day] = m.slice(1).map(Number) as [number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

/** Completed years from `birthDate` to `asOf` (both YYYY-MM-DD); null when either is not a real date. */
export function ageInYears(birthDate: string, asOf: string): number | null {
  const birth = parseIsoDate(birthDate);
  const on = parseIsoDate(asOf);
  if (!birth || !on) return null;
  const hadBirthday = on.month > birth.month || (on.month === birth.month && on.day >= birth.day);
  return on.year - birth.year - (hadBirthday ? 0 : 1);
}

export function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/**
 * Text in a CSV that a spreadsheet program opening the file would run as a formula (`=`, `+`, `-`, `@`, and
 * the tab and carriage return some programs skip before one): written with a leading apostrophe, which the
 * program shows as text, and read back without it. Only for CSV: an Excel cell written as an inline string
 * (src/lib/xlsx-stream.ts) is text already, and an apostrophe there would be shown as part of the value.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function escapeFormula(v: string): string {
  return FORMULA_START.test(v) ? `'${v}` : v;
}

/** The text `escapeFormula` was given (an apostrophe before anything else is kept: it was typed). */
export function unescapeFormula(v: string): string {
  return v.startsWith("'") && FORMULA_START.test(v.slice(1)) ? v.slice(1) : v;
}

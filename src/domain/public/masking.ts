/**
 * What the public check may show of a person (issue 14): the name masked word by word, the age in whole
 * years instead of the birth date, and nothing below the village. Pure, so the web app and WALIM show the
 * same masking the API answers.
 */

/**
 * `SUSANTI HARTONO` → `SU***** HA*****`: each word keeps its first two letters (one for words of up to two
 * letters) and the rest become `*`, one per letter, upper case. Punctuation between words (`-`, `'`, `.`)
 * is dropped; spaces are collapsed.
 */
export function maskName(name: string): string {
  return name
    .normalize('NFC')
    .toUpperCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .map((word) => {
      const letters = [...word];
      const keep = letters.length <= 2 ? 1 : 2;
      return letters.slice(0, keep).join('') + '*'.repeat(letters.length - keep);
    })
    .join(' ');
}

/** Whole years between `birthDate` (YYYY-MM-DD) and `today` (YYYY-MM-DD); 0 when not yet a year old. */
export function ageOn(birthDate: string, today: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  const age = ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
  return Math.max(0, age);
}

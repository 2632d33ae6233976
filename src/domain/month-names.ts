/** Month names, for dates and periods written out in words (index 0 is January). Pure: also runs in the browser. */

export const MONTHS_ID = [
  'Januari',
  'Februari',
  'Maret',
  'April',
  'Mei',
  'Juni',
  'Juli',
  'Agustus',
  'September',
  'Oktober',
  'November',
  'Desember',
];

export const MONTHS_EN = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** `2026-03` → `Maret 2026`: how the Berita Acara and the decree (SK) name a period. */
export function periodNameId(period: string): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return `${MONTHS_ID[m - 1] ?? m} ${y}`;
}

/** `2026-03-05` (or a timestamp) → `5 Maret 2026` / `5 March 2026`: a date written out as a letter or decree writes it. */
export function dateName(iso: string, lang: 'id' | 'en'): string {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number) as [number, number, number];
  return `${d} ${(lang === 'id' ? MONTHS_ID : MONTHS_EN)[m - 1] ?? m} ${y}`;
}

/** The Indonesian form of dateName (the SK and the Berita Acara are written in Indonesian). */
export const dateNameId = (iso: string): string => dateName(iso, 'id');

/**
 * Whole numbers with their thousands grouped as each UI language writes them: 1.234.567 (id), 1,234,567 (en).
 * Pure string work, without the runtime's ICU data: the first `Intl.NumberFormat` a browser builds loads
 * ICU's number formatting, a main-thread task of 20–70 ms on a phone-speed CPU (the public statistics page's
 * longest task, bench/results/public-pages.md). For counts and integer rupiah; a fraction is kept as written.
 */
import type { Lang } from './errors.ts';

export function groupDigits(n: number, lang: Lang): string {
  const [whole = '', fraction] = String(n).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, lang === 'id' ? '.' : ',');
  return fraction === undefined ? grouped : `${grouped}${lang === 'id' ? ',' : '.'}${fraction}`;
}

/**
 * An integer amount of rupiah, the one way DTKS writes it everywhere (screens, texts, PDFs, exports):
 * the symbol against the digits, as KBBI and Bank Indonesia write it — Rp200.000 (id), Rp200,000 (en).
 */
export function rupiah(n: number, lang: Lang): string {
  return `Rp${groupDigits(n, lang)}`;
}

/**
 * How names are compared when spelling may differ. `searchForm` is the exact form name search uses
 * (lowercase, accents and punctuation folded); `foldName` goes further and folds the spellings Indonesian
 * names are commonly written in side by side — the pre-1972 spelling still used in many names and records
 * (oe → u: Soewarno/Suwarno; dj → j: Djoko/Joko; tj → c: Tjipto/Cipto; ch → kh: Chairul/Khairul;
 * j → y: Jusuf/Yusuf; sj, nj → sy, ny), doubled letters (Sitti/Siti, Muhammad/Muhamad) and a word-final h
 * (Aminah/Amina, Fatimah/Fatima). Two names that fold alike are treated as the same spelling.
 */
import { distance } from 'fastest-levenshtein';

/** Lowercase, accents and punctuation folded: what exact name search compares against. */
export function searchForm(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Applied in order to the search form; each works on letters already folded by the ones before it. */
const SPELLING_FOLDS: readonly [RegExp, string][] = [
  [/oe/g, 'u'],
  [/ch/g, 'kh'],
  [/dj/g, 'j'],
  [/tj/g, 'c'],
  [/j/g, 'y'],
  [/ph/g, 'f'],
  [/dh/g, 'd'],
  [/th/g, 't'],
  [/q/g, 'k'],
  // Doubled letters last, so folds that produce one (oe → u in "oeu") collapse too.
  [/(\p{L})\1+/gu, '$1'],
  [/(\p{L}{2,})h\b/gu, '$1'],
];

/** The spelling-folded form of a name (see the module comment); '' for a name with no letters or digits. */
export function foldName(name: string): string {
  let s = searchForm(name);
  for (const [pattern, replacement] of SPELLING_FOLDS) s = s.replace(pattern, replacement);
  return s;
}

/** 0 (nothing alike) … 1 (same) by edit distance over the longer of two already-folded strings. */
export function foldedSimilarity(a: string, b: string): number {
  const longest = Math.max(a.length, b.length);
  if (longest === 0) return 1;
  return 1 - distance(a, b) / longest;
}

/** How alike two names are once their spellings are folded: 0 … 1. */
export function nameSimilarity(a: string, b: string): number {
  return foldedSimilarity(foldName(a), foldName(b));
}

/**
 * How well a typed query matches a name, 0 … 1: the query's folded words against the best run of as many
 * consecutive words of the folded name ("suwarno" against "soewarno saputro" scores 1), so a part of a
 * name typed correctly or in another spelling ranks above a name merely like it.
 */
export function queryMatchScore(query: string, name: string): number {
  return foldedQueryMatchScore(foldName(query), foldName(name));
}

/**
 * queryMatchScore of a query and a name both already folded (`foldName`): what a search computes for
 * every candidate from the folded name it stores, without folding each one again.
 */
export function foldedQueryMatchScore(q: string, name: string): number {
  const words = name.split(' ');
  const n = Math.max(1, q.split(' ').length);
  if (words.length <= n) return foldedSimilarity(q, words.join(' '));
  let best = 0;
  for (let i = 0; i + n <= words.length; i++)
    best = Math.max(best, foldedSimilarity(q, words.slice(i, i + n).join(' ')));
  return best;
}

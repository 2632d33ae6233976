/**
 * Likely duplicates: the same family entered twice with a typo. Three rules, each a pure comparison of two
 * records plus a blocking key that says which records are worth comparing at all (comparing every pair of
 * a 300,000-household regency would take 45 billion comparisons):
 *
 * - `person_name_birth`: two people in different households of one regency, born the same day, whose
 *   names are alike once spellings are folded (similarity ≥ PERSON_NAME_MIN). Block: regency + birth date.
 * - `head_name_address`: two households of one village whose heads' names and addresses are both alike
 *   (≥ HEAD_NAME_MIN and ≥ ADDRESS_MIN) and whose addresses carry the same numbers (neighbours at No. 12
 *   and No. 13 of one dusun are two houses). Block: village + first letter of the folded head name (a typo
 *   in the first letter is not caught by this rule; the other two still apply).
 * - `kk_one_digit`: two households whose KK numbers differ in exactly one digit (a typing slip), within one
 *   regency, and whose heads' names are at least somewhat alike (≥ KK_HEAD_NAME_MIN): KK numbers are a
 *   district, a date and a serial, so families registered one after another the same day are one digit
 *   apart by construction; alone the rule flagged over a quarter of a synthetic regency. Block: the KK
 *   number with one position masked, for each of its positions.
 *
 * Candidates are pairs of households in id order (`householdA < householdB`), so a pair is one candidate per
 * rule whichever household came first. Finding is advisory: nothing is refused or changed because of it.
 */
import { foldedSimilarity, searchForm } from '../names/name-fold.ts';

export type DuplicateRule = 'person_name_birth' | 'head_name_address' | 'kk_one_digit';
export const DUPLICATE_RULES: readonly DuplicateRule[] = [
  'person_name_birth',
  'head_name_address',
  'kk_one_digit',
];

export const PERSON_NAME_MIN = 0.85;
export const HEAD_NAME_MIN = 0.85;
export const ADDRESS_MIN = 0.8;
export const KK_HEAD_NAME_MIN = 0.7;

export interface PersonForMatch {
  id: string;
  householdId: string;
  /** Folded name (foldName). */
  nameFold: string;
  birthDate: string;
  regencyCode: string;
}

export interface HouseholdForMatch {
  id: string;
  kkNumber: string;
  /** Folded head name (foldName). */
  headNameFold: string;
  /** Address in addressForm. */
  addressForm: string;
  villageCode: string;
  regencyCode: string;
}

export interface DuplicateCandidate {
  householdA: string;
  householdB: string;
  personA: string | null;
  personB: string | null;
  rule: DuplicateRule;
  /** 0 … 1, higher is likelier. */
  score: number;
}

const ADDRESS_WORDS: Record<string, string> = {
  jl: 'jalan',
  jln: 'jalan',
  dsn: 'dusun',
  dk: 'dukuh',
  gg: 'gang',
  kp: 'kampung',
  kmp: 'kampung',
  perum: 'perumahan',
  no: '',
  nomor: '',
  nomer: '',
};

/** An address as compared: search form, common abbreviations written out, house-number words dropped. */
export function addressForm(address: string): string {
  return searchForm(address)
    .split(' ')
    .map((w) => ADDRESS_WORDS[w] ?? w)
    .filter((w) => w !== '')
    .join(' ');
}

/** The numbers of an address in order ("dusun krajan 5 rt 2" → "5 2"). */
function numbersIn(address: string): string {
  return (address.match(/\d+/g) ?? []).map((n) => String(Number(n))).join(' ');
}

/** Whether two KK numbers of the same length differ in exactly one position. */
export function kkOneDigitOff(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && ++diff > 1) return false;
  return diff === 1;
}

/** Every number one digit off `kk` (9 per position): what an index look-up for the KK rule asks for. */
export function kkOneDigitVariants(kk: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < kk.length; i++)
    for (const d of '0123456789') if (d !== kk[i]) out.push(kk.slice(0, i) + d + kk.slice(i + 1));
  return out;
}

function pair(
  rule: DuplicateRule,
  score: number,
  a: { household: string; person?: string },
  b: { household: string; person?: string },
): DuplicateCandidate {
  const [x, y] = a.household < b.household ? [a, b] : [b, a];
  return {
    householdA: x.household,
    householdB: y.household,
    personA: x.person ?? null,
    personB: y.person ?? null,
    rule,
    score: Math.round(score * 1000) / 1000,
  };
}

/** The person rule for two people; null when it does not hold. */
export function matchPersons(a: PersonForMatch, b: PersonForMatch): DuplicateCandidate | null {
  if (a.householdId === b.householdId || a.birthDate !== b.birthDate || a.regencyCode !== b.regencyCode)
    return null;
  const score = foldedSimilarity(a.nameFold, b.nameFold);
  if (score < PERSON_NAME_MIN) return null;
  return pair(
    'person_name_birth',
    score,
    { household: a.householdId, person: a.id },
    { household: b.householdId, person: b.id },
  );
}

/** The head-name-and-address rule for two households; null when it does not hold. */
export function matchHeadAndAddress(a: HouseholdForMatch, b: HouseholdForMatch): DuplicateCandidate | null {
  if (a.id === b.id || a.villageCode !== b.villageCode) return null;
  const name = foldedSimilarity(a.headNameFold, b.headNameFold);
  if (name < HEAD_NAME_MIN) return null;
  if (numbersIn(a.addressForm) !== numbersIn(b.addressForm)) return null;
  const address = foldedSimilarity(a.addressForm, b.addressForm);
  if (address < ADDRESS_MIN) return null;
  return pair('head_name_address', (name + address) / 2, { household: a.id }, { household: b.id });
}

/** The KK rule for two households; null when it does not hold. */
export function matchKk(a: HouseholdForMatch, b: HouseholdForMatch): DuplicateCandidate | null {
  if (a.id === b.id || a.regencyCode !== b.regencyCode || !kkOneDigitOff(a.kkNumber, b.kkNumber)) return null;
  const name = foldedSimilarity(a.headNameFold, b.headNameFold);
  if (name < KK_HEAD_NAME_MIN) return null;
  return pair(
    'kk_one_digit',
    (1 - 1 / a.kkNumber.length + name) / 2,
    { household: a.id },
    { household: b.id },
  );
}

/**
 * Every candidate among `people` and `households` by the three rules, comparing only records that share a
 * blocking key. With `isNew`, only pairs with at least one new household (the existing records were
 * compared before): what a create or an import needs, given the new households and the existing records
 * that share a block with them.
 */
export function findDuplicates(
  people: readonly PersonForMatch[],
  households: readonly HouseholdForMatch[],
  isNew: (householdId: string) => boolean = () => true,
): DuplicateCandidate[] {
  const out: DuplicateCandidate[] = [];
  const compareBlocks = <T>(
    items: readonly T[],
    key: (x: T) => string,
    household: (x: T) => string,
    match: (a: T, b: T) => DuplicateCandidate | null,
  ) => {
    const blocks = new Map<string, T[]>();
    for (const x of items) {
      const k = key(x);
      const block = blocks.get(k);
      if (block) block.push(x);
      else blocks.set(k, [x]);
    }
    for (const block of blocks.values()) {
      if (block.length < 2) continue;
      for (let i = 0; i < block.length; i++) {
        const a = block[i]!;
        const aNew = isNew(household(a));
        for (let j = i + 1; j < block.length; j++) {
          const b = block[j]!;
          if (!aNew && !isNew(household(b))) continue;
          const found = match(a, b);
          if (found) out.push(found);
        }
      }
    }
  };
  compareBlocks(
    people,
    (p) => `${p.regencyCode}|${p.birthDate}`,
    (p) => p.householdId,
    matchPersons,
  );
  compareBlocks(
    households,
    (h) => `${h.villageCode}|${h.headNameFold.charAt(0)}`,
    (h) => h.id,
    matchHeadAndAddress,
  );
  for (let pos = 0; pos < 16; pos++) {
    compareBlocks(
      households,
      (h) => `${h.regencyCode}|${h.kkNumber.slice(0, pos)}_${h.kkNumber.slice(pos + 1)}`,
      (h) => h.id,
      (a, b) => (a.kkNumber[pos] === b.kkNumber[pos] ? null : matchKk(a, b)),
    );
  }
  return dedupe(out);
}

/** One candidate per pair and rule: the highest-scoring (two people of one pair of households may match). */
function dedupe(found: DuplicateCandidate[]): DuplicateCandidate[] {
  const best = new Map<string, DuplicateCandidate>();
  for (const c of found) {
    const k = `${c.householdA}|${c.householdB}|${c.rule}`;
    const prev = best.get(k);
    if (!prev || c.score > prev.score) best.set(k, c);
  }
  return [...best.values()];
}

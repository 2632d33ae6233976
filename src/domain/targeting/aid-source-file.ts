/**
 * Matching other aid and subsidy sources (seed 004, "pemadanan sumber bansos dan subsidi"): the columns of a
 * beneficiary list another programme hands over, how one line is read and checked, and what a match can find.
 * Pure: no I/O.
 */
import { type FieldIssue, issue } from '../errors.ts';
import { parseKk } from '../identifiers/parse-kk.ts';
import { parseNik } from '../identifiers/parse-nik.ts';
import { normalizeRegionCode } from '../regions/region-code.ts';

/** Columns a list may have (header row, any order, other columns ignored): `nik` and/or `kk_number` at least. */
export const AID_SOURCE_COLUMNS = ['nik', 'kk_number', 'region_code'] as const;
export type AidSourceColumn = (typeof AID_SOURCE_COLUMNS)[number];

export type AidSourceHeader =
  | { ok: true; index: Partial<Record<AidSourceColumn, number>> }
  | { ok: false; reason: 'no_identifier' };

/** Finds the columns by name (case and surrounding spaces ignored; `no_kk`/`kk` are read as `kk_number`). */
export function readAidSourceHeader(fields: string[]): AidSourceHeader {
  const index: Partial<Record<AidSourceColumn, number>> = {};
  const aliases: Record<string, AidSourceColumn> = {
    nik: 'nik',
    kk_number: 'kk_number',
    no_kk: 'kk_number',
    kk: 'kk_number',
    region_code: 'region_code',
    kode_wilayah: 'region_code',
  };
  fields.forEach((f, i) => {
    const col = aliases[f.trim().toLowerCase()];
    if (col && index[col] === undefined) index[col] = i;
  });
  if (index.nik === undefined && index.kk_number === undefined) return { ok: false, reason: 'no_identifier' };
  return { ok: true, index };
}

/** One well-formed line: a valid NIK, a valid KK number, or both; the region the source names, if any. */
export interface AidSourceLine {
  line: number;
  nik: string | null;
  kkNumber: string | null;
  /** Dotted region code the source gives for the beneficiary (any level), or null. */
  regionCode: string | null;
}

export type AidSourceLineResult = { ok: true; row: AidSourceLine } | { ok: false; issues: FieldIssue[] };

/**
 * Reads one data line: NIK and KK number are checked like everywhere in DTKS (src/domain/identifiers); a line
 * needs at least one of them. A region code, when given, must be a well-formed code that exists and lies within
 * the territory the list is imported for.
 */
export function readAidSourceLine(
  line: number,
  fields: string[],
  index: Partial<Record<AidSourceColumn, number>>,
  ctx: { today: Date; isKnownRegion: (code: string) => boolean; territory: string },
): AidSourceLineResult {
  const cell = (c: AidSourceColumn) => (index[c] === undefined ? '' : (fields[index[c]] ?? '').trim());
  const issues: FieldIssue[] = [];
  const rawNik = cell('nik');
  const rawKk = cell('kk_number');
  const rawRegion = cell('region_code');
  let nik: string | null = null;
  let kkNumber: string | null = null;
  let regionCode: string | null = null;
  if (rawNik) {
    const r = parseNik(rawNik, { today: ctx.today });
    if (r.ok) nik = r.value.nik;
    else issues.push(...r.errors.map((e) => ({ ...e, field: 'nik' })));
  }
  if (rawKk) {
    const r = parseKk(rawKk, { today: ctx.today });
    if (r.ok) kkNumber = r.value.kk;
    else issues.push(...r.errors.map((e) => ({ ...e, field: 'kk_number' })));
  }
  if (!rawNik && !rawKk) issues.push(issue('nik', 'aid_source.no_identifier'));
  if (rawRegion) {
    const r = normalizeRegionCode(rawRegion);
    if (!r.ok) issues.push({ ...r.issue, field: 'region_code' });
    else if (!ctx.isKnownRegion(r.code)) {
      issues.push(issue('region_code', 'aid_source.unknown_region', { code: r.code }));
    } else if (!withinTerritory(r.code, ctx.territory)) {
      issues.push(
        issue('region_code', 'aid_source.region_outside', { code: r.code, territory: ctx.territory }),
      );
    } else regionCode = r.code;
  }
  if (issues.length) return { ok: false, issues };
  return { ok: true, row: { line, nik, kkNumber, regionCode } };
}

function withinTerritory(code: string, territory: string): boolean {
  return territory === '' || code === territory || code.startsWith(`${territory}.`);
}

/**
 * The key that makes a line a repeat of an earlier one in the same file: the NIK when there is one (a list may
 * name several members of one family, each by NIK), else the KK number.
 */
export function lineKey(row: Pick<AidSourceLine, 'nik' | 'kkNumber'>): string {
  return row.nik ? `nik:${row.nik}` : `kk:${row.kkNumber}`;
}

/** What matching a line against DTKS finds: its household by KK number, by a member's NIK, none, or a bad line. */
export const ENTRY_RESULT_CODES = ['matched_kk', 'matched_nik', 'not_found', 'rejected'] as const;
export type EntryResult = (typeof ENTRY_RESULT_CODES)[number];

/** A DTKS household an identifier leads to (active records only, in the list's territory). */
export interface FoundHousehold {
  householdId: string;
  villageCode: string;
}

/**
 * Matches one line: by KK number first (the family as DTKS knows it), then by the NIK of any active member.
 * A KK number DTKS does not know does not hide a NIK it does: a family that moved or split keeps its members.
 */
export function matchLine(
  row: Pick<AidSourceLine, 'nik' | 'kkNumber'>,
  byKk: ReadonlyMap<string, FoundHousehold>,
  byNik: ReadonlyMap<string, FoundHousehold>,
): { result: Exclude<EntryResult, 'rejected'>; household: FoundHousehold | null } {
  const kk = row.kkNumber ? byKk.get(row.kkNumber) : undefined;
  if (kk) return { result: 'matched_kk', household: kk };
  const nik = row.nik ? byNik.get(row.nik) : undefined;
  if (nik) return { result: 'matched_nik', household: nik };
  return { result: 'not_found', household: null };
}

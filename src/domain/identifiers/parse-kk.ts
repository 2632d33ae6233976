/**
 * KK number (Nomor Kartu Keluarga), DOMAIN.md §3: `PPKKCC DDMMYY SSSS` — issuing district, the date the
 * family was recorded (no +40), serial ≥ 0001. It changes when a family moves, splits or its head dies.
 */
import { label } from '../catalogue.ts';
import type { FieldIssue } from '../errors.ts';
import { DATED_NUMBER_LENGTH, type DatedNumberOptions, parseDatedNumber } from './dated-number.ts';

export interface ParsedKk {
  kk: string;
  /** Dotted Kemendagri code, e.g. '32.01.01'. */
  districtCode: string;
  regencyCode: string;
  provinceCode: string;
  /** YYYY-MM-DD; the century is inferred: the latest such date not after `today` (inferYear). */
  recordedDate: string;
  serial: number;
}

export type KkResult =
  | { ok: true; value: ParsedKk; warnings: FieldIssue[] }
  | { ok: false; errors: FieldIssue[]; warnings: FieldIssue[] };

export type ParseKkOptions = DatedNumberOptions;

const KK_SPEC = {
  codePrefix: 'kk' as const,
  name: label('kk_number'),
  dateName: label('recording_date'),
  femaleDayOffset: false,
};

export function parseKk(input: string, opts: ParseKkOptions = {}): KkResult {
  const result = parseDatedNumber(input, KK_SPEC, opts);
  if (!result.ok) return result;
  const { digits, districtCode, regencyCode, provinceCode, date, serial } = result.value;
  return {
    ok: true,
    value: { kk: digits, districtCode, regencyCode, provinceCode, recordedDate: date, serial },
    warnings: result.warnings,
  };
}

const WELL_FORMED = new RegExp(`^[0-9]{${DATED_NUMBER_LENGTH}}$`);

/** Quick shape check (16 ASCII digits, nothing else); `parseKk` does the real validation. */
export function isWellFormedKk(s: string): boolean {
  return WELL_FORMED.test(s);
}

/**
 * Kemendagri region codes (DOMAIN.md §2). The canonical form is dotted:
 * province `PP`, regency/city `PP.KK`, district `PP.KK.CC`, village `PP.KK.CC.XNNN`
 * (X = 1 kelurahan, 2 desa, 3 desa adat, …; NNN = 001–999).
 * NIK and KK prefixes use these same codes, undotted.
 */
import { type LabelKey, label } from '../catalogue.ts';
import { type FieldIssue, issue, type Text } from '../errors.ts';

export type RegionLevel = 1 | 2 | 3 | 4;

export type NormalizedRegionCode =
  | { ok: true; code: string; level: RegionLevel }
  | { ok: false; issue: FieldIssue };

const FIELD = 'regionCode';

const DOTTED = /^(\d{2})(?:\.(\d{2})(?:\.(\d{2})(?:\.(\d{4}))?)?)?$/;
const UNDOTTED = /^(\d{2})(?:(\d{2})(?:(\d{2})(\d{4})?)?)?$/;

/**
 * Exactly the codes `normalizeRegionCode` accepts, written without surrounding whitespace, as one regular
 * expression (for the OpenAPI document's parameters; src/http/params.test.ts checks the two agree).
 */
const PP = '(?!00)\\d{2}';
const VILLAGE = '[1-9](?!000)\\d{3}';
export const REGION_CODE_PATTERN = new RegExp(
  // One province part, then a dotted or an undotted tail: unambiguous, so a long list never backtracks.
  `^${PP}(?:\\.${PP}(?:\\.${PP}(?:\\.${VILLAGE})?)?|${PP}(?:${PP}(?:${VILLAGE})?)?)?$`,
);

/** The same for village codes only (level 4): `PP.KK.CC.XNNN` or `PPKKCCXNNN`. */
export const VILLAGE_CODE_PATTERN = new RegExp(
  `^(?:${PP}\\.${PP}\\.${PP}\\.${VILLAGE}|${PP}${PP}${PP}${VILLAGE})$`,
);

const LEVEL_NAMES: Record<RegionLevel, Text> = {
  1: label('level.province'),
  2: label('level.regency'),
  3: label('level.district'),
  4: label('level.village'),
};

type InvalidReason = Extract<LabelKey, `region_code.${string}`>;

function invalid(input: string, reason: InvalidReason): NormalizedRegionCode {
  return { ok: false, issue: issue(FIELD, 'region.invalid_code', { input, reason: label(reason) }) };
}

/** Accepts `32`, `3201`, `32.01`, `320101`, `32.01.01`, `3201012001`, `32.01.01.2001` (surrounding whitespace ignored). */
export function normalizeRegionCode(input: string): NormalizedRegionCode {
  const trimmed = input.trim();
  if (trimmed === '') return invalid(input, 'region_code.empty');
  const match = DOTTED.exec(trimmed) ?? UNDOTTED.exec(trimmed);
  if (!match) {
    return invalid(trimmed, 'region_code.digits');
  }
  const parts = match.slice(1).filter((p): p is string => p !== undefined);
  const [province, regency, district, village] = parts;
  if (province === '00') return invalid(trimmed, 'region_code.province_zero');
  if (regency === '00') return invalid(trimmed, 'region_code.regency_zero');
  if (district === '00') return invalid(trimmed, 'region_code.district_zero');
  if (village !== undefined) {
    if (village[0] === '0') {
      return invalid(trimmed, 'region_code.village_type');
    }
    if (village.slice(1) === '000') {
      return invalid(trimmed, 'region_code.village_serial');
    }
  }
  return { ok: true, code: parts.join('.'), level: parts.length as RegionLevel };
}

/** Canonical dotted code or a RangeError: the helpers below are for codes already validated. */
function canonical(code: string): { code: string; parts: string[]; level: RegionLevel } {
  const result = normalizeRegionCode(code);
  if (!result.ok) throw new RangeError(result.issue.message.en);
  return { code: result.code, parts: result.code.split('.'), level: result.level };
}

export function regionLevel(code: string): RegionLevel {
  return canonical(code).level;
}

export function regionLevelName(level: RegionLevel): Text {
  return LEVEL_NAMES[level];
}

/** The enclosing region, or null for a province. */
export function parentCode(code: string): string | null {
  const { parts } = canonical(code);
  return parts.length === 1 ? null : parts.slice(0, -1).join('.');
}

/** Enclosing regions, province first, excluding the code itself. */
export function ancestorCodes(code: string): string[] {
  const { parts } = canonical(code);
  return parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join('.'));
}

/**
 * True when `code` equals `territoryCode` or lies inside it. Invalid codes are never within anything,
 * so a garbled territory grants no access.
 */
export function isWithin(code: string, territoryCode: string): boolean {
  const inner = normalizeRegionCode(code);
  const outer = normalizeRegionCode(territoryCode);
  if (!inner.ok || !outer.ok) return false;
  return inner.code === outer.code || inner.code.startsWith(`${outer.code}.`);
}

/** Truncates a code to a level at or above its own (`codeAtLevel('32.01.01.2001', 2)` → `32.01`). */
export function codeAtLevel(code: string, level: RegionLevel): string {
  const { parts } = canonical(code);
  if (level > parts.length) {
    throw new RangeError(
      `Region code ${parts.join('.')} is level ${parts.length}; cannot widen to level ${level}`,
    );
  }
  return parts.slice(0, level).join('.');
}

/** `32.01.01.2001` → `3201012001` (the form inside NIK and KK numbers). */
export function undotted(code: string): string {
  return canonical(code).parts.join('');
}

export { MAX_REGION_BATCH } from './region-batch.ts';

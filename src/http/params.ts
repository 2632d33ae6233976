/**
 * Query and path parameters that carry a domain value: one zod schema each, used by every route that takes
 * such a parameter, so the OpenAPI document and the validator are the same thing. Each is checked by the
 * domain's own function (its codes and texts: `region.invalid_code`, `period.invalid`, `nik.*`,
 * `list.invalid_cursor`, on the parameter's name) and documented with a regular expression that accepts
 * exactly the same strings (src/http/params.test.ts compares the two). Where the domain trims (region codes,
 * NIKs), the pattern allows surrounding whitespace too.
 */
import { z } from 'zod';
import { checkPeriod, PERIOD_PATTERN } from '../domain/cycle/period.ts';
import { type FieldIssue, issue, type MessageCode, type Text } from '../domain/errors.ts';
import { NIK_PATTERN, parseNik } from '../domain/identifiers/parse-nik.ts';
import {
  MAX_REGION_BATCH,
  normalizeRegionCode,
  REGION_CODE_PATTERN,
  VILLAGE_CODE_PATTERN,
} from '../domain/regions/region-code.ts';
import { encodeCursor } from '../lib/cursor.ts';

/** zod issue params that carry a domain issue: problem.ts answers it with the domain's code and text. */
export interface DomainIssueParams {
  /** `field`: where inside the parameter (e.g. `codes.3`, an item of a list), when the issue says so. */
  domainIssue: { code: MessageCode; message: Text; field?: string };
}

/**
 * A string parameter checked by `check` (the domain's issues for a value, empty when it is valid) and
 * documented by `pattern`, which must accept exactly the values `check` accepts (up to `maxLength`).
 */
function domainParam(
  pattern: RegExp,
  check: (value: string) => FieldIssue[],
  meta: { description: string; examples: string[]; maxLength: number },
) {
  return z
    .string()
    .max(meta.maxLength)
    .superRefine((value, ctx) => {
      if (value.length > meta.maxLength) return; // the length is the one issue
      for (const i of check(value).filter((x) => x.severity === 'error')) {
        ctx.addIssue({
          code: 'custom',
          message: i.message.en,
          params: {
            domainIssue: { code: i.code, message: i.message, field: i.field },
          } satisfies DomainIssueParams,
        });
      }
    })
    .meta({ pattern: pattern.source, description: meta.description, examples: meta.examples });
}

/**
 * A parameter that is one of `codes`, documented as an enum; anything else is refused with the domain's
 * issue (e.g. `ppks.unknown_category`) rather than a generic one.
 */
export function codeParam(
  codes: readonly string[],
  unknown: (value: string) => FieldIssue,
  description: string,
): z.ZodType<string> {
  const known = new Set(codes);
  return z
    .string()
    .superRefine((value, ctx) => {
      if (known.has(value)) return;
      const i = unknown(value);
      ctx.addIssue({
        code: 'custom',
        message: i.message.en,
        params: { domainIssue: { code: i.code, message: i.message } } satisfies DomainIssueParams,
      });
    })
    .meta({ enum: [...codes], description });
}

/** `re` with surrounding whitespace allowed, for values the domain trims (as String.prototype.trim: \s). */
function trimmed(re: RegExp): RegExp {
  return new RegExp(`^\\s*(?:${re.source.replace(/^\^/, '').replace(/\$$/, '')})\\s*$`);
}

const regionIssues = (value: string): FieldIssue[] => {
  const result = normalizeRegionCode(value);
  return result.ok ? [] : [result.issue];
};

/** A Kemendagri region code, dotted or not: `33`, `33.07` or `3307`, `33.07.01`, `33.07.01.2001`. */
export const RegionCodeParam = domainParam(trimmed(REGION_CODE_PATTERN), regionIssues, {
  description:
    'Kemendagri region code, dotted or undotted: PP (province), PP.KK (regency/city), PP.KK.CC (district), PP.KK.CC.XNNN (village); no part 00',
  examples: ['33.07', '3307', '33.07.01.2001'],
  maxLength: 20,
});

const villageIssues = (value: string): FieldIssue[] => {
  const result = normalizeRegionCode(value);
  if (!result.ok) return [result.issue];
  if (result.level === 4) return [];
  return [issue('', 'region.not_a_village', { code: result.code })];
};

/** A village (desa/kelurahan) code, dotted or not: `33.07.01.2001` or `3307012001`. */
export const VillageCodeParam = domainParam(trimmed(VILLAGE_CODE_PATTERN), villageIssues, {
  description: 'Kemendagri village (desa/kelurahan) code, dotted or undotted: PP.KK.CC.XNNN',
  examples: ['33.07.01.2001', '3307012001'],
  maxLength: 20,
});

const regionListIssues = (value: string): FieldIssue[] => {
  const items = value.split(',');
  if (items.length > MAX_REGION_BATCH) {
    return [issue('codes', 'regions.too_many', { max: MAX_REGION_BATCH })];
  }
  return items.flatMap((item, i) => {
    const result = normalizeRegionCode(item);
    return result.ok ? [] : [{ ...result.issue, field: `codes.${i}` }];
  });
};

/** Up to MAX_REGION_BATCH comma-separated region codes, each dotted or not. */
export const RegionCodeListParam = domainParam(
  new RegExp(
    `^${trimmed(REGION_CODE_PATTERN).source.slice(1, -1)}(?:,${trimmed(REGION_CODE_PATTERN).source.slice(1, -1)}){0,${MAX_REGION_BATCH - 1}}$`,
  ),
  regionListIssues,
  {
    description: `Up to ${MAX_REGION_BATCH} comma-separated region codes, dotted or not; unknown codes are left out`,
    examples: ['33,33.07,3307012001'],
    maxLength: MAX_REGION_BATCH * 21,
  },
);

/** A period (month), YYYY-MM. */
export const PeriodParam = domainParam(PERIOD_PATTERN, (v) => checkPeriod(v), {
  description: 'Period (month), YYYY-MM',
  examples: ['2026-03'],
  maxLength: 20,
});

const nikIssues = (value: string): FieldIssue[] => {
  const result = parseNik(value);
  return result.ok ? [] : result.errors;
};

/** A NIK: 16 digits, `PPKKCC DDMMYY SSSS`, a real birth date (women: day + 40), serial ≥ 0001. */
export const NikParam = domainParam(trimmed(NIK_PATTERN), nikIssues, {
  description:
    'NIK, 16 digits PPKKCC DDMMYY SSSS: no region part 00, a real birth date (women: day + 40), serial ≥ 0001',
  examples: ['3307014107850003'],
  maxLength: 32,
});

const CURSOR_PATTERN = /^[A-Za-z0-9_-]{48}$/;

const cursorIssues = (value: string): FieldIssue[] =>
  CURSOR_PATTERN.test(value) && /^[0-9a-f-]{36}$/.test(Buffer.from(value, 'base64url').toString())
    ? []
    : [issue('cursor', 'list.invalid_cursor')];

/**
 * The cursor of a keyset-paginated list (src/lib/cursor.ts): the `nextCursor` of the previous page, opaque.
 * The pattern gives its shape; one of that shape that does not decode to a record id is refused as well.
 */
export const CursorParam = domainParam(CURSOR_PATTERN, cursorIssues, {
  description: 'The nextCursor of the previous page (opaque; omit for the first page)',
  examples: [encodeCursor('01900000-0000-7000-8000-000000000001')],
  maxLength: 100,
});

const SORT_CURSOR_PATTERN = /^[A-Za-z0-9_-]{48,800}$/;

/** A cursor of a list that may be sorted by another key than its id: an id cursor or a (value, id) one. */
export const SortableCursorParam = domainParam(
  SORT_CURSOR_PATTERN,
  (value) => (SORT_CURSOR_PATTERN.test(value) ? [] : [issue('cursor', 'list.invalid_cursor')]),
  {
    description: 'The nextCursor of the previous page, of the same sort (opaque; omit for the first page)',
    examples: [encodeCursor('01900000-0000-7000-8000-000000000001')],
    maxLength: 800,
  },
);

const LINE_CURSOR_PATTERN = /^\d{1,9}$/;

/** The cursor of a list paged by line number (an import's rejected lines): the previous page's nextCursor. */
export const LineCursorParam = domainParam(
  LINE_CURSOR_PATTERN,
  (v) => (LINE_CURSOR_PATTERN.test(v) ? [] : [issue('cursor', 'list.invalid_cursor')]),
  {
    description: 'The nextCursor of the previous page (a line number; omit for the first page)',
    examples: ['100'],
    maxLength: 20,
  },
);

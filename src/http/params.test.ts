/**
 * The documented patterns of the domain parameters accept exactly what the domain checks accept: compared
 * on every string of a large structured sample (all lengths and dot placements, boundary digits, random
 * strings) — so the OpenAPI document neither refuses what the server takes nor promises what it refuses.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { checkPeriod } from '../domain/cycle/period.ts';
import { parseNik } from '../domain/identifiers/parse-nik.ts';
import { normalizeRegionCode } from '../domain/regions/region-code.ts';
import {
  CursorParam,
  NikParam,
  PeriodParam,
  RegionCodeListParam,
  RegionCodeParam,
  VillageCodeParam,
} from './params.ts';

/** A deterministic pseudo-random generator (mulberry32), so a failure is reproducible. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Where the documented pattern (as the OpenAPI document carries it), the zod schema and the domain check
 * disagree on a sample.
 */
function disagreements(
  samples: Iterable<string>,
  accepts: (s: string) => boolean,
  schema: z.ZodType,
): string[] {
  const documented = z.toJSONSchema(schema) as { pattern: string; maxLength: number };
  const pattern = new RegExp(documented.pattern, 'u');
  const out: string[] = [];
  for (const s of samples) {
    const byPattern = pattern.test(s) && s.length <= documented.maxLength;
    const byDomain = accepts(s);
    const bySchema = schema.safeParse(s).success;
    if (byPattern !== byDomain || bySchema !== byDomain) {
      out.push(`${JSON.stringify(s)} pattern ${byPattern} domain ${byDomain} schema ${bySchema}`);
    }
  }
  return out;
}

/** Each sample also with the whitespace the domain may trim around it. */
function withSpaces(samples: Set<string>, every = 1): Set<string> {
  let i = 0;
  for (const s of [...samples]) {
    if (i++ % every === 0)
      for (const w of [' ', '\t', '\u00a0', '\n']) samples.add(`${w}${s}${i % 2 ? w : ''}`);
  }
  return samples;
}

describe('documented parameter patterns equal the domain checks', () => {
  it('region codes, dotted and undotted', () => {
    const next = random(7);
    const parts = ['00', '01', '10', '33', '99', '0', '7', '123'];
    const villages = ['0001', '1000', '2000', '2001', '1999', '9999', '001', '20011', 'a001'];
    const samples = new Set<string>(['', ' 33', '33 ', '33.', '.33', '33..07', '३३', '3307.01', '33.0701']);
    for (const a of parts)
      for (const b of ['', ...parts])
        for (const c of ['', ...parts])
          for (const d of ['', ...villages])
            for (const dot of ['.', '']) {
              samples.add([a, b, c, d].filter(Boolean).join(dot));
            }
    for (let i = 0; i < 5000; i++) {
      const len = 1 + Math.floor(next() * 14);
      samples.add(Array.from({ length: len }, () => '0123456789.x '[Math.floor(next() * 13)]).join(''));
    }
    const ok = (s: string) => normalizeRegionCode(s).ok;
    withSpaces(samples, 7);
    expect(disagreements(samples, ok, RegionCodeParam)).toEqual([]);
    const village = (s: string) => {
      const n = normalizeRegionCode(s);
      return n.ok && n.level === 4;
    };
    expect(disagreements(samples, village, VillageCodeParam)).toEqual([]);
    expect(samples.size).toBeGreaterThan(10_000);
  });

  it('lists of region codes: each item as a region code, at most 500', () => {
    const items = ['33', '33.07', ' 3307 ', '33.07.01.2001', 'x', '', '00', '33.0701'];
    const samples = new Set<string>([',', '33,', ',33', '33,,33']);
    for (const a of items) for (const b of items) for (const c of items) samples.add([a, b, c].join(','));
    for (const n of [499, 500, 501]) samples.add(Array.from({ length: n }, () => '33').join(','));
    const ok = (s: string) =>
      s.split(',').length <= 500 && s.split(',').every((c) => normalizeRegionCode(c).ok);
    expect(disagreements(samples, ok, RegionCodeListParam)).toEqual([]);
  });

  it('periods', () => {
    const samples = new Set<string>(['', '2026-3', '2026-003', '26-03', '2026/03', ' 2026-03', '2026-03 ']);
    for (const y of ['2026', '0000', '9999', '202'])
      for (let m = 0; m <= 13; m++) samples.add(`${y}-${String(m).padStart(2, '0')}`);
    const ok = (s: string) => checkPeriod(s).length === 0;
    withSpaces(samples);
    expect(disagreements(samples, ok, PeriodParam)).toEqual([]);
  });

  it('NIKs: region parts, every day of every month of leap and other years, serials', () => {
    const next = random(11);
    const samples = new Set<string>([
      '',
      '330701410785000',
      '33070141078500031',
      '3307014107850003 ',
      'x307014107850003',
    ]);
    const days = Array.from({ length: 73 }, (_, d) => String(d).padStart(2, '0'));
    const months = Array.from({ length: 14 }, (_, m) => String(m).padStart(2, '0'));
    for (const region of ['330701', '000701', '330001', '330700'])
      for (const day of days)
        for (const month of months)
          for (const yy of ['00', '04', '26', '27', '85', '99'])
            for (const serial of ['0001', '0000']) samples.add(`${region}${day}${month}${yy}${serial}`);
    for (let i = 0; i < 5000; i++) {
      samples.add(Array.from({ length: 16 }, () => Math.floor(next() * 10)).join(''));
    }
    const ok = (s: string) => parseNik(s).ok;
    withSpaces(samples, 50);
    expect(disagreements(samples, ok, NikParam)).toEqual([]);
    expect(samples.size).toBeGreaterThan(40_000);
  });

  it('a cursor has the documented shape, and one of that shape must decode to a record id', () => {
    const valid = Buffer.from('01900000-0000-7000-8000-000000000001').toString('base64url');
    expect(CursorParam.safeParse(valid).success).toBe(true);
    expect(CursorParam.safeParse('x').success).toBe(false);
    expect(CursorParam.safeParse(`${valid} `).success).toBe(false);
    expect(CursorParam.safeParse('x'.repeat(101)).error?.issues.map((i) => i.code)).toEqual(['too_big']);
    expect(CursorParam.safeParse('A'.repeat(48)).success).toBe(false);
  });

  it('the OpenAPI schema of each parameter carries its pattern and examples, and the examples are valid', () => {
    for (const schema of [
      RegionCodeParam,
      RegionCodeListParam,
      VillageCodeParam,
      PeriodParam,
      NikParam,
      CursorParam,
    ]) {
      const json = z.toJSONSchema(schema) as { pattern: string; examples: string[] };
      expect(json.pattern).toBeTruthy();
      for (const example of json.examples) {
        expect(new RegExp(json.pattern, 'u').test(example), example).toBe(true);
        expect(schema.safeParse(example).success, example).toBe(true);
      }
    }
  });
});

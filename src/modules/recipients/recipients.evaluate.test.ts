/**
 * The rows a page's evaluation gives (`evaluatePage`) against the full evaluation of every household for
 * every programme, over many random households and programme versions: the outcome, the household's columns
 * and every row not `out_of_target` are exactly the full evaluation's; an `out_of_target` row not declared
 * ineligible is short — no codes, components or amounts, and as its only reason the full evaluation's
 * target-decile line, rendered the same. A household no programme evaluates is named by the KK number and
 * head's name its ranking result stored, its snapshot not read (`withSnapshots`); one whose result predates
 * them (null) by its snapshot.
 */
import { describe, expect, it } from 'vitest';
import { copyText } from '../../db/pg-copy.ts';
import { decodeSnapshot, encodeSnapshot } from '../../db/version-snapshot.ts';
import { DEFAULT_PROGRAMMES, provincialElderlyAllowance } from '../../domain/programmes/defaults.ts';
import type { ProgrammeDocument } from '../../domain/programmes/document.ts';
import { amountForPeriod, evaluateProgramme, type Reason } from '../../domain/programmes/evaluate.ts';
import {
  buildHouseholdFacts,
  type SnapshotHousehold,
  type SnapshotMember,
} from '../../domain/programmes/facts.ts';
import type { Outcome } from '../../domain/recipients/diff.ts';
import { identityOf } from '../../domain/recipients/identity.ts';
import { readReasons, storeReasons } from '../../domain/recipients/stored-reasons.ts';
import {
  type EvaluatedRow,
  type EvaluationSettings,
  evaluatePage,
  needsSnapshot,
  type PageEntry,
  type PageHousehold,
  packRows,
  ROW_COLUMNS,
  rankingOf,
  withSnapshots,
} from './recipients.evaluate.ts';

const PERIOD = '2026-04';

/** mulberry32: the same households on every run. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rand = random(13);
const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
const chance = (p: number) => rand() < p;
const decileOrNull = () => (chance(0.05) ? null : int(1, 10));

function member(i: number, head: boolean): SnapshotMember {
  const age = head ? int(18, 90) : int(0, 90);
  return {
    id: `p${i}`,
    name: chance(0.05) ? null : `Anggota ${i}`,
    birthDate: chance(0.03) ? null : `${2026 - age}-${String(int(1, 12)).padStart(2, '0')}-15`,
    sex: pick(['M', 'F', null] as const),
    pregnant: chance(0.1),
    status: chance(0.1) ? 'removed' : 'active',
    removalReason: pick(['deceased', 'moved_out', 'left_dtks', null]),
    monthlyIncome: chance(0.3) ? int(0, 5_000_000) : null,
    relationship: head ? 1 : int(2, 8),
    schoolParticipation: int(1, 3),
    educationLevel: int(1, 12),
    disability: chance(0.1) ? int(1, 9) : 0,
    chronicIllness: chance(0.1) ? int(1, 9) : 0,
    employerType: chance(0.1) ? int(1, 8) : 0,
    jobStatus: chance(0.05) ? 5 : int(1, 4),
  };
}

function household(i: number): { page: PageHousehold; snapshot: SnapshotHousehold } {
  const n = int(1, 7);
  const snapshot: SnapshotHousehold = {
    kkNumber: chance(0.02) ? null : `33070301011${String(i).padStart(5, '0')}`,
    kksNumber: chance(0.5) ? `KKS${i}` : null,
    status: chance(0.05) ? 'removed' : 'active',
    removalReason: pick([
      'deceased',
      'no_pkh_component',
      'member_earns_umr',
      'voluntary_withdrawal',
      'left_dtks',
      null,
    ]),
    members: Array.from({ length: n }, (_, k) => member(i * 10 + k, k === 0 && !chance(0.05))),
  };
  const ranked = !chance(0.04);
  // The ranking stored the household's identity; a result ranked before migration 075 did not.
  const stored = chance(0.1) ? { kkNumber: null, headName: null } : identityOf(snapshot);
  const page: PageHousehold = {
    householdId: `h${String(i).padStart(6, '0')}`,
    provinceCode: chance(0.9) ? '33' : '35',
    regencyCode: '33.07',
    villageCode: '33.07.03.2001',
    version: 1,
    snapshot: encodeSnapshot(snapshot),
    decileNational: ranked ? decileOrNull() : null,
    decileProvince: ranked ? decileOrNull() : null,
    decileRegency: ranked ? decileOrNull() : null,
    criteria14: ranked ? int(0, 14) : chance(0.5) ? int(0, 14) : null,
    ...stored,
    ineligible: chance(0.03),
    optedOut: [],
    decided: [],
  };
  return { page, snapshot };
}

/** Programme versions with other target deciles (scope, lower and upper bound) than the shipped ones. */
function variant(doc: ProgrammeDocument, k: number): ProgrammeDocument {
  const max = int(0, 10);
  return {
    ...doc,
    version: `${doc.version}-v${k}`,
    targetDeciles: {
      scope: pick(['national', 'province', 'regency'] as const),
      ...(chance(0.5) ? { min: int(1, Math.max(1, max)) } : {}),
      max,
    },
  };
}

/** The full evaluation of a household (decoded once) for each programme: what every row was before the short-cut. */
function fullRows(docs: readonly ProgrammeDocument[], s: PageHousehold, minimumWage: number | null) {
  const household = decodeSnapshot<SnapshotHousehold>(s.snapshot!);
  const facts = buildHouseholdFacts({ ...s, household, ranking: rankingOf(s), optedOut: false }, PERIOD);
  const head = household.members.find((m) => m.relationship === 1) ?? household.members[0];
  return docs.map((doc, i) => {
    const own = { ...facts, optedOut: s.optedOut[i]! };
    const ev = evaluateProgramme(doc, own, { period: PERIOD, minimumWage });
    const t = doc.targetDeciles;
    const decile = facts.deciles?.[t.scope] ?? null;
    const outside = decile === null || decile < (t.min ?? 1) || decile > t.max;
    const outcome: Outcome = s.decided[i]
      ? 'ineligible'
      : ev.receives
        ? 'candidate'
        : ev.candidate && ev.excluded
          ? 'excluded'
          : outside
            ? 'out_of_target'
            : 'not_eligible';
    const row: EvaluatedRow = {
      householdId: s.householdId,
      villageCode: s.villageCode,
      kkNumber: household.kkNumber ?? '',
      headName: head?.name ?? '',
      decile,
      outcome,
      codes: JSON.stringify([...new Set(ev.exclusions.map((e) => e.code))]),
      components: JSON.stringify(ev.components),
      yearlyAmount: outcome === 'candidate' ? ev.yearlyAmount : 0,
      amount: outcome === 'candidate' ? amountForPeriod(doc, ev, PERIOD) : 0,
      reasons: storeReasons(ev.reasons),
    };
    return { row, reasons: ev.reasons, outside };
  });
}

const DECILE_LINES = ['programme.why.decile_in', 'programme.why.decile_out', 'programme.why.not_ranked'];

describe('a page evaluated with out-of-target households recorded without evaluation', () => {
  it('gives every household the outcome of the full evaluation; only out_of_target rows are short', async () => {
    const all: ProgrammeDocument[] = [
      ...DEFAULT_PROGRAMMES,
      provincialElderlyAllowance('33'),
      provincialElderlyAllowance('35'),
      ...DEFAULT_PROGRAMMES.flatMap((d) => [1, 2, 3].map((k) => variant(d, k))),
    ];
    const seen = new Map<string, number>();
    const count = (k: string) => seen.set(k, (seen.get(k) ?? 0) + 1);
    for (let round = 0; round < 6; round++) {
      // Odd rounds: the shipped programmes alone, as a national pass computes them — many households are
      // then outside every programme's target (with 20 programmes hardly any is).
      const docs = round % 2 ? [...DEFAULT_PROGRAMMES] : all;
      const minimumWage = chance(0.2) ? null : 2_500_000;
      const settings: EvaluationSettings = { docs, period: PERIOD, minimumWage };
      const page = Array.from({ length: 250 }, (_, k) => {
        const h = household(round * 1000 + k).page;
        h.optedOut = docs.map(() => chance(0.05));
        h.decided = docs.map(() => chance(0.05));
        return h;
      });
      const full = page.map((h) => fullRows(docs, h, minimumWage));
      // The page as a computation reads it: snapshots only of the households that need one.
      const asked: string[] = [];
      const read = await withSnapshots(
        settings,
        page.map(({ snapshot: _, ...entry }): PageEntry => entry),
        async (keys) => {
          asked.push(...keys.map((k) => k.householdId));
          return new Map(page.map((h) => [h.householdId, h.snapshot!]));
        },
      );
      const unread = page.filter((h) => !asked.includes(h.householdId));
      for (const [k, h] of page.entries()) {
        // Evaluated by a programme: declared ineligible in its review, in its target deciles, or (a provincial
        // programme) in another province, where it is not_eligible without the decile short-cut.
        const evaluated = docs.some(
          (doc, i) =>
            h.decided[i] ||
            (doc.door === 'province' && doc.provinceCode !== h.provinceCode) ||
            !full[k]![i]!.outside,
        );
        const namedByRanking = h.kkNumber !== null && h.headName !== null;
        expect(asked.includes(h.householdId), h.householdId).toBe(evaluated || !namedByRanking);
        expect(needsSnapshot(settings, h)).toBe(evaluated || !namedByRanking);
        if (!namedByRanking && !evaluated) count('unnamed, read for its name');
      }
      for (const _ of unread) count('named by its ranking result');
      expect(read.filter((h) => h.snapshot === null).map((h) => h.householdId)).toEqual(
        unread.map((h) => h.householdId),
      );
      const rows = evaluatePage(settings, read);
      for (const i of docs.keys()) expect(rows[i]).toHaveLength(page.length);
      page.forEach((s, k) => {
        full[k]!.forEach(({ row: full, reasons, outside }, i) => {
          const doc = docs[i]!;
          const got = rows[i]![k]!;
          expect(got.outcome, `${doc.version} ${s.householdId}`).toBe(full.outcome);
          count(full.outcome);
          const inProvince = doc.door === 'pusdatin' || doc.provinceCode === s.provinceCode;
          if (!outside || s.decided[i] || !inProvince) {
            if (outside) count(s.decided[i] ? 'decided' : 'other province');
            expect(got).toEqual(full);
            return;
          }
          expect(full.outcome).toBe('out_of_target');
          // Not vacuous: the full row held more than the short one.
          if (full.codes !== '[]' || full.components !== '[]') count('short with codes or components');
          const line = reasons.find((r) => DECILE_LINES.includes(r.code)) as Reason;
          expect(reasons[0]).toEqual(line);
          expect(got).toEqual({
            ...full,
            codes: '[]',
            components: '[]',
            yearlyAmount: 0,
            amount: 0,
            reasons: storeReasons([line]),
          });
          expect(readReasons(got.reasons, doc)).toEqual(readReasons(full.reasons, doc).slice(0, 1));
        });
      });
    }
    for (const k of ['candidate', 'excluded', 'not_eligible', 'ineligible', 'out_of_target']) {
      expect(seen.get(k) ?? 0, k).toBeGreaterThan(100);
    }
    for (const k of [
      'decided',
      'other province',
      'short with codes or components',
      'named by its ranking result',
      'unnamed, read for its name',
    ]) {
      expect(seen.get(k) ?? 0, k).toBeGreaterThan(20);
    }
  });
});

describe('rows packed as COPY text (PostgreSQL) on the evaluation threads', () => {
  it('holds each row as the run id and the values packed otherwise, encoded as COPY reads them', () => {
    const base: EvaluatedRow = {
      householdId: '0190a000-0000-7000-8000-000000000001',
      villageCode: '33.01.01.2001',
      kkNumber: '3301010101010001',
      headName: 'Siti',
      decile: 2,
      outcome: 'candidate',
      codes: '[]',
      components: '["child_sd"]',
      yearlyAmount: 900_000,
      amount: 225_000,
      reasons: '[["decile_in",{"scope":"national","decile":2,"min":1,"max":4}]]',
    };
    const rows: EvaluatedRow[] = [
      base,
      // Every character COPY's text format escapes, and a null decile (`\N`).
      { ...base, householdId: `${base.householdId.slice(0, -1)}2`, headName: 'A\\B\tC\nD\rE', decile: null },
      { ...base, householdId: `${base.householdId.slice(0, -1)}3`, outcome: 'out_of_target', amount: 0 },
    ];
    const runId = '0190a000-0000-7000-8000-0000000000aa';
    const asValues = packRows(rows);
    const asCopy = packRows(rows, runId);
    expect(asValues.copy).toBeNull();
    expect(asCopy.values).toEqual([]);
    // Counts and checksum lines do not depend on the packing.
    expect({ ...asCopy, values: asValues.values, copy: null }).toEqual(asValues);
    const lines = asCopy.copy!.split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toBe(
      [
        runId,
        rows[1]!.householdId,
        '33.01.01.2001',
        '3301010101010001',
        'A\\\\B\\tC\\nD\\rE',
        '\\N',
        'candidate',
        '[]',
        '["child_sd"]',
        '900000',
        '225000',
        base.reasons,
      ].join('\t'),
    );
    // Each line: the run id, then the values `packRows` would otherwise give, in ROW_COLUMNS order.
    const width = ROW_COLUMNS.length;
    lines.forEach((line, r) => {
      const fields = line.split('\t');
      expect(fields).toHaveLength(width + 1);
      expect(fields[0]).toBe(runId);
      asValues.values.slice(r * width, (r + 1) * width).forEach((v, c) => {
        expect(fields[c + 1]).toBe(copyText(v));
      });
    });
  });
});

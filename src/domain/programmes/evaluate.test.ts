import { describe, expect, it } from 'vitest';
import { household, member } from '../../../test/factories/programme-facts.ts';
import {
  DEFAULT_BPNT,
  DEFAULT_KIP_KULIAH,
  DEFAULT_PBI_JK,
  DEFAULT_PKH,
  provincialElderlyAllowance,
} from './defaults.ts';
import { describeRule, monthsText, rupiahText } from './describe.ts';
import type { ProgrammeDocument } from './document.ts';
import { amountForPeriod, countComponents, evaluateProgramme, reasonText } from './evaluate.ts';
import { householdHolds, memberHolds } from './rules.ts';

const ctx = { period: '2026-01', minimumWage: 2_500_000 };
/** The programme versions these tests evaluate, by version: what a reason is rendered with. */
const DOCS = new Map(
  [DEFAULT_PKH, DEFAULT_BPNT, DEFAULT_PBI_JK, DEFAULT_KIP_KULIAH, provincialElderlyAllowance('33')].map(
    (d) => [d.version, d],
  ),
);
const en = (e: ReturnType<typeof evaluateProgramme>) =>
  e.reasons.map((r) => reasonText(DOCS.get(e.version)!, r).en);
const yearOf = (doc: ProgrammeDocument, e: ReturnType<typeof evaluateProgramme>) =>
  Array.from({ length: 12 }, (_, i) => amountForPeriod(doc, e, `2026-${String(i + 1).padStart(2, '0')}`));

const head = () => member({ relationship: 1, sex: 'M', age: 40, name: 'Budi' });
const child = (age: number, educationLevel: number | null = null) =>
  member({ relationship: 3, age, schoolParticipation: educationLevel ? 1 : 0, educationLevel });

describe('rule evaluation', () => {
  const h = household({
    members: [head(), child(4), member({ age: 72, disability: 6 })],
    answers: { floorMaterial: 9, hasCar: false, roomCount: 2 },
  });

  it('compares household answers and measures, and asks about members', () => {
    expect(householdHolds({ var: 'memberCount', op: '=', value: 3 }, h, {})).toBe(true);
    expect(householdHolds({ var: 'floorMaterial', in: [8, 9] }, h, {})).toBe(true);
    expect(householdHolds({ var: 'hasCar', op: '!=', value: true }, h, {})).toBe(true);
    expect(householdHolds({ var: 'decileNational', op: '<=', value: 1 }, h, {})).toBe(false);
    expect(householdHolds({ someMember: { var: 'age', op: '>=', value: 70 } }, h, {})).toBe(true);
    expect(
      householdHolds({ countMembers: { var: 'age', op: '<', value: 18 }, op: '>=', value: 2 }, h, {}),
    ).toBe(false);
    expect(
      householdHolds(
        { any: [{ var: 'roomCount', op: '>', value: 5 }, { not: { var: 'hasKks', op: '=', value: false } }] },
        h,
        {},
      ),
    ).toBe(true);
    expect(
      householdHolds({ rule: 'old' }, h, {
        rules: { old: { someMember: { rule: 'senior' } } },
        memberRules: { senior: { var: 'age', op: '>', value: 65 } },
      }),
    ).toBe(true);
  });

  it('an unknown answer satisfies no comparison', () => {
    const m = member({ age: null, educationLevel: null });
    expect(memberHolds({ var: 'age', op: '<', value: 100 }, m, {})).toBe(false);
    expect(memberHolds({ var: 'educationLevel', in: [1] }, m, {})).toBe(false);
    expect(memberHolds({ not: { var: 'age', op: '<', value: 100 } }, m, {})).toBe(true);
    expect(householdHolds({ var: 'cookingFuel', op: '=', value: 1 }, h, {})).toBe(false);
  });

  it('describes rules in both languages with the codebook’s names', () => {
    const t = describeRule(
      { all: [{ var: 'floorMaterial', in: [9] }, { someMember: { var: 'age', op: '>=', value: 70 } }] },
      {},
    );
    expect(t.en).toBe(
      'all of: Main floor material is one of: Earth; some member with [Age (years, end of the period) ≥ 70]',
    );
    expect(t.id).toBe(
      'semua berikut: Jenis lantai terluas salah satu dari: Tanah; ada anggota dengan [Umur (tahun, akhir periode) ≥ 70]',
    );
    expect(rupiahText(3_000_000)).toEqual({ id: 'Rp3.000.000', en: 'Rp3,000,000' });
    expect(monthsText([1, 4, 7, 10]).id).toBe('Januari, April, Juli, Oktober');
  });
});

describe('PKH', () => {
  it('counts components per member, each member once for the best-paying one', () => {
    const baby = child(2);
    const pupil = child(8, 1);
    const teen = child(16, 8);
    const { counts, uncapped } = countComponents(DEFAULT_PKH, [head(), baby, pupil, teen]);
    expect(uncapped).toBe(3);
    expect(counts).toEqual([
      { code: 'EARLY_CHILDHOOD', count: 1, yearlyAmount: 3_000_000 },
      { code: 'SENIOR_SECONDARY', count: 1, yearlyAmount: 2_000_000 },
      { code: 'PRIMARY_SCHOOL', count: 1, yearlyAmount: 900_000 },
    ]);
    // A six-year-old already at primary school is a pupil, not a young child.
    expect(countComponents(DEFAULT_PKH, [child(6, 1)]).counts).toEqual([
      { code: 'PRIMARY_SCHOOL', count: 1, yearlyAmount: 900_000 },
    ]);
  });

  it('caps at 4 components, keeping the highest-paying, and says so', () => {
    const h = household({
      members: [
        head(),
        member({ pregnant: true, age: 28 }),
        child(1),
        child(3),
        child(9, 1),
        child(13, 4),
        member({ age: 75 }),
      ],
    });
    const e = evaluateProgramme(DEFAULT_PKH, h, ctx);
    expect(e.receives).toBe(true);
    expect(e.components).toEqual([
      { code: 'PREGNANT', count: 1, yearlyAmount: 3_000_000 },
      { code: 'EARLY_CHILDHOOD', count: 2, yearlyAmount: 6_000_000 },
      { code: 'ELDERLY', count: 1, yearlyAmount: 2_400_000 },
    ]);
    expect(e.yearlyAmount).toBe(11_400_000);
    expect(en(e)).toContain('6 components, capped to 4');
    expect(yearOf(DEFAULT_PKH, e)).toEqual([
      2_850_000, 0, 0, 2_850_000, 0, 0, 2_850_000, 0, 0, 2_850_000, 0, 0,
    ]);
  });

  it('pays quarterly tranches, the rupiah left by the division with the last one', () => {
    const odd: ProgrammeDocument = structuredClone(DEFAULT_PKH);
    if (odd.benefit.kind !== 'cash_components') throw new Error('PKH has components');
    odd.benefit.components[6]!.yearlyAmount = 1_000_001;
    const e = evaluateProgramme(odd, household({ members: [head(), member({ age: 80 })] }), ctx);
    const year = yearOf(odd, e);
    expect([year[0], year[3], year[6], year[9]]).toEqual([250_000, 250_000, 250_000, 250_001]);
    expect(year.reduce((a, b) => a + b, 0)).toBe(1_000_001);
    expect(year.every(Number.isInteger)).toBe(true);
  });

  it('excludes a family with no component left (NO_COMPONENT)', () => {
    const e = evaluateProgramme(DEFAULT_PKH, household({ members: [head(), member({ age: 38 })] }), ctx);
    expect(e).toMatchObject({
      candidate: true,
      excluded: true,
      receives: false,
      yearlyAmount: 0,
      components: [],
    });
    expect(e.exclusions).toEqual([{ code: 'NO_COMPONENT' }]);
    expect(en(e)).toEqual([
      'Decile 2 (national) is within the target deciles 1–4',
      'No PKH component',
      'Excluded: No PKH component left',
    ]);
    expect(amountForPeriod(DEFAULT_PKH, e, '2026-01')).toBe(0);
  });

  it('is not for decile 6, and says why', () => {
    const e = evaluateProgramme(
      DEFAULT_PKH,
      household({ deciles: { national: 6, province: 3, regency: 2 }, members: [head(), child(2)] }),
      ctx,
    );
    expect(e.candidate).toBe(false);
    expect(en(e)[0]).toBe('Decile 6 (national) is outside the target deciles 1–4');
    expect(e.reasons[0]).toMatchObject({
      code: 'programme.why.decile_out',
      params: { decile: 6, min: 1, max: 4 },
    });
    expect(amountForPeriod(DEFAULT_PKH, e, '2026-01')).toBe(0);
  });

  it('is not for an unranked household', () => {
    const e = evaluateProgramme(DEFAULT_PKH, household({ deciles: null, members: [head(), child(2)] }), ctx);
    expect(e.candidate).toBe(false);
    expect(e.reasons[0]!.code).toBe('programme.why.not_ranked');
  });
});

describe('BPNT, PBI-JK, KIP Kuliah and a provincial programme', () => {
  it('BPNT pays Rp200,000 every month to deciles 1–5', () => {
    const e = evaluateProgramme(
      DEFAULT_BPNT,
      household({ deciles: { national: 5, province: 9, regency: 9 } }),
      ctx,
    );
    expect(e.receives).toBe(true);
    expect(e.yearlyAmount).toBe(2_400_000);
    expect(yearOf(DEFAULT_BPNT, e)).toEqual(Array(12).fill(200_000));
    expect(en(e).at(-1)).toBe(
      'Benefit Rp2,400,000 a year, paid in January, February, March, April, May, June, July, August, September, October, November, December',
    );
  });

  it('the minimum-wage rule: a member earning the UMK excludes the family, naming the member', () => {
    const earner = member({ name: 'Sari', monthlyIncome: 2_600_000 });
    const e = evaluateProgramme(DEFAULT_BPNT, household({ members: [head(), earner] }), ctx);
    expect(e).toMatchObject({ candidate: true, excluded: true, receives: false });
    expect(e.exclusions).toEqual([{ code: 'MIN_WAGE', personId: earner.personId }]);
    expect(en(e)).toContain(
      'Excluded: A family member earns at least the regional minimum wage (UMP/UMK) (Sari)',
    );
    expect(yearOf(DEFAULT_BPNT, e)).toEqual(Array(12).fill(0));
    // Without a wage for the region, nothing to compare: the family stays.
    expect(
      evaluateProgramme(DEFAULT_BPNT, household({ members: [head(), earner] }), { ...ctx, minimumWage: null })
        .receives,
    ).toBe(true);
  });

  it('a civil servant in the family excludes it from every national programme', () => {
    const asn = member({ name: 'Agus', employerType: 1 });
    for (const doc of [DEFAULT_PKH, DEFAULT_BPNT, DEFAULT_PBI_JK, DEFAULT_KIP_KULIAH]) {
      const e = evaluateProgramme(doc, household({ members: [head(), asn, child(2)] }), ctx);
      expect(
        e.exclusions.map((x) => x.code),
        doc.code,
      ).toContain('EMPLOYER');
      expect(e.receives, doc.code).toBe(false);
    }
  });

  it('PBI-JK is a membership: receives, but no cash in any month', () => {
    const e = evaluateProgramme(DEFAULT_PBI_JK, household(), ctx);
    expect(e).toMatchObject({ receives: true, yearlyAmount: 0 });
    expect(yearOf(DEFAULT_PBI_JK, e)).toEqual(Array(12).fill(0));
    expect(en(e).at(-1)).toBe('Membership (premium paid by the government), no cash');
  });

  it('KIP Kuliah pays per student in March and September', () => {
    const student = (age: number) => member({ age, schoolParticipation: 1, educationLevel: 10 });
    const e = evaluateProgramme(
      DEFAULT_KIP_KULIAH,
      household({ members: [head(), student(19), student(22), student(30)] }),
      ctx,
    );
    expect(e.receives).toBe(true);
    expect(e.components).toEqual([{ code: 'STUDENT', count: 2, yearlyAmount: 16_800_000 }]);
    const year = yearOf(DEFAULT_KIP_KULIAH, e);
    expect(year[2]).toBe(8_400_000);
    expect(year[8]).toBe(8_400_000);
    expect(year.reduce((a, b) => a + b, 0)).toBe(16_800_000);
    const none = evaluateProgramme(DEFAULT_KIP_KULIAH, household({ members: [head(), student(30)] }), ctx);
    expect(none.candidate).toBe(false);
    expect(none.reasons.map((r) => r.code)).toContain('programme.why.rule_failed');
  });

  it('KIP Kuliah without a student says so once: its eligibility line, not "no member qualifies" again', () => {
    const none = evaluateProgramme(DEFAULT_KIP_KULIAH, household({ members: [head(), child(12, 4)] }), ctx);
    expect(none.candidate).toBe(false);
    expect(none.reasons.map((r) => r.code)).toEqual(['programme.why.decile_in', 'programme.why.rule_failed']);
    const lines = en(none);
    expect(new Set(lines).size).toBe(lines.length);
    expect(lines.filter((l) => l.includes('Higher education'))).toHaveLength(1);
  });

  it('"no member qualifies" stays when no eligibility line already asks for that member', () => {
    const student = { all: [{ var: 'educationLevel', in: [10] }] };
    const doc: ProgrammeDocument = {
      ...DEFAULT_KIP_KULIAH,
      version: 'KIP_TEST-1',
      memberRules: { student },
      // Eligible through a named household rule that asks for the same member: still said once.
      rules: { hasStudent: { someMember: { rule: 'student' } } },
      eligibility: { all: [{ rule: 'hasStudent' }] },
    };
    const viaNamed = evaluateProgramme(doc, household({ members: [head()] }), ctx);
    expect(viaNamed.reasons.map((r) => r.code)).not.toContain('programme.why.no_member');
    // Eligibility asks something else (or nothing): the benefit's own line is the only one that says it.
    const other = evaluateProgramme(
      { ...doc, eligibility: { all: [{ var: 'memberCount', op: '>=', value: 1 }] } },
      household({ members: [head()] }),
      ctx,
    );
    expect(other.reasons.map((r) => r.code)).toEqual([
      'programme.why.decile_in',
      'programme.why.rule_met',
      'programme.why.no_member',
    ]);
  });

  it('a provincial programme reads the provincial decile and ignores other provinces', () => {
    const doc = provincialElderlyAllowance('33');
    const elderly = member({ age: 66 });
    const inside = evaluateProgramme(
      doc,
      household({ members: [head(), elderly], deciles: { national: 7, province: 3, regency: 1 } }),
      ctx,
    );
    expect(inside.receives).toBe(true);
    expect(yearOf(doc, inside)).toEqual([0, 0, 300_000, 0, 0, 300_000, 0, 0, 300_000, 0, 0, 300_000]);
    const outside = evaluateProgramme(
      doc,
      household({ provinceCode: '35', members: [head(), elderly] }),
      ctx,
    );
    expect(outside.candidate).toBe(false);
    expect(en(outside)[0]).toBe("The household is outside the programme's province (33)");
  });

  it('reasons carry catalogue codes and plain parameters whose texts render in both languages', () => {
    const e = evaluateProgramme(DEFAULT_KIP_KULIAH, household(), ctx);
    for (const r of e.reasons) {
      expect(r.code.startsWith('programme.why.')).toBe(true);
      for (const v of Object.values(r.params)) expect(['string', 'number']).toContain(typeof v);
      const text = reasonText(DEFAULT_KIP_KULIAH, r);
      expect(text.id).not.toBe(text.en);
      expect(`${text.id} ${text.en}`).not.toMatch(/\{\w+\}/);
    }
  });
});

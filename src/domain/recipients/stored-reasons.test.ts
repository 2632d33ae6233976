import { describe, expect, it } from 'vitest';
import { household, member } from '../../../test/factories/programme-facts.ts';
import { DEFAULT_KIP_KULIAH, DEFAULT_PKH, provincialElderlyAllowance } from '../programmes/defaults.ts';
import { evaluateProgramme, reasonText } from '../programmes/evaluate.ts';
import { readReasons, storeReasons } from './stored-reasons.ts';

const ctx = { period: '2026-01', minimumWage: 2_500_000 };

describe('reasons stored as codes and parameters', () => {
  const cases = [
    // Components, the cap, an excluded member (a name), the amount and months.
    evaluateProgramme(
      DEFAULT_PKH,
      household({
        members: [
          member({ relationship: 1, age: 40, employerType: 1, monthlyIncome: 5_000_000, name: 'Budi' }),
          ...Array.from({ length: 5 }, () => member({ relationship: 3, age: 8, schoolParticipation: 1 })),
        ],
      }),
      ctx,
    ),
    // A failed member rule (no student) and a decile out of target.
    evaluateProgramme(
      DEFAULT_KIP_KULIAH,
      household({ deciles: { national: 9, province: 9, regency: 9 } }),
      ctx,
    ),
    // Outside the province; the household-level rule lines.
    evaluateProgramme(provincialElderlyAllowance('35'), household(), ctx),
  ];
  const docs = [DEFAULT_PKH, DEFAULT_KIP_KULIAH, provincialElderlyAllowance('35')];

  it('read back as the lines evaluating renders, in both languages', () => {
    const codes = new Set<string>();
    cases.forEach((e, i) => {
      const doc = docs[i]!;
      const read = readReasons(storeReasons(e.reasons), doc);
      expect(read).toEqual(e.reasons.map((r) => ({ code: r.code, text: reasonText(doc, r) })));
      for (const r of read) codes.add(r.code);
    });
    // Not vacuous: the lines whose parameters are references to the document occur.
    for (const code of [
      'decile_out',
      'rule_failed',
      'component',
      'capped',
      'excluded_member',
      'outside_province',
    ]) {
      expect(codes, code).toContain(`programme.why.${code}`);
    }
    const excluded = readReasons(storeReasons(cases[0]!.reasons), DEFAULT_PKH).find(
      (r) => r.code === 'programme.why.excluded_member',
    );
    expect(excluded?.text.en).toContain('(Budi)');
  });

  it('hold no rendered text, and much less than the lines in two languages', () => {
    for (const [i, e] of cases.entries()) {
      const stored = storeReasons(e.reasons);
      const rendered = JSON.stringify(
        e.reasons.map((r) => ({ code: r.code, text: reasonText(docs[i]!, r) })),
      );
      expect(stored).not.toContain('programme.why.');
      expect(stored.length).toBeLessThan(rendered.length / 2);
    }
  });

  it('reads rows stored before (rendered texts) as they are', () => {
    const old = JSON.stringify([{ code: 'programme.why.not_ranked', text: { id: 'lama', en: 'old' } }]);
    expect(readReasons(old, DEFAULT_PKH)).toEqual([
      { code: 'programme.why.not_ranked', text: { id: 'lama', en: 'old' } },
    ]);
  });
});

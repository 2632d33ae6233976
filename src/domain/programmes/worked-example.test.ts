/** docs/programmes.md's worked example is computed, not typed: every number in it is checked here. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PROGRAMMES } from './defaults.ts';
import { validateProgramme } from './document.ts';
import { amountForPeriod, evaluateProgramme, reasonText } from './evaluate.ts';
import { buildHouseholdFacts, type FactsSource } from './facts.ts';

const doc = readFileSync(new URL('../../../docs/programmes.md', import.meta.url), 'utf8');

function block<T>(tag: string): T {
  const m = doc.match(new RegExp(`\`\`\`json ${tag}\\n([\\s\\S]*?)\\n\`\`\``));
  if (!m) throw new Error(`docs/programmes.md has no json ${tag} block`);
  return JSON.parse(m[1]!) as T;
}

describe('docs/programmes.md worked example', () => {
  const input = block<{ period: string; minimumWage: number; source: FactsSource }>('worked-example-input');
  const output = block<Record<string, Record<string, unknown>>>('worked-example-output');
  const facts = buildHouseholdFacts(input.source, input.period);

  it('evaluates every shipped programme as the document says', () => {
    expect(Object.keys(output)).toEqual(DEFAULT_PROGRAMMES.map((d) => d.code));
    for (const d of DEFAULT_PROGRAMMES) {
      const e = evaluateProgramme(d, facts, { period: input.period, minimumWage: input.minimumWage });
      const { reasons, ...numbers } = output[d.code]!;
      expect(
        {
          receives: e.receives,
          exclusions: e.exclusions,
          components: e.components,
          yearlyAmount: e.yearlyAmount,
          amountForPeriod: amountForPeriod(d, e, input.period),
        },
        d.code,
      ).toEqual(numbers);
      if (reasons) expect(e.reasons.map((r) => reasonText(d, r).en)).toEqual(reasons);
    }
  });

  it('excludes the family everywhere had the head earned the minimum wage, as the text says', () => {
    const richer = structuredClone(input.source);
    richer.household.members[0]!.monthlyIncome = input.minimumWage;
    const f = buildHouseholdFacts(richer, input.period);
    for (const d of DEFAULT_PROGRAMMES) {
      const e = evaluateProgramme(d, f, { period: input.period, minimumWage: input.minimumWage });
      expect(e.exclusions, d.code).toEqual([{ code: 'MIN_WAGE', personId: 'm1' }]);
      expect(e.reasons.map((r) => reasonText(d, r).en)).toContain(
        'Excluded: A family member earns at least the regional minimum wage (UMP/UMK) (Slamet)',
      );
    }
  });

  it('the example document at the top of the page is a valid document', () => {
    const m = doc.match(/## The document\n\n```json\n([\s\S]*?)\n```/);
    expect(validateProgramme(JSON.parse(m![1]!))).toMatchObject({ ok: true });
  });
});

/** docs/ranking.md's worked example is computed, not typed: every number in it is checked here. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { criteria14 } from './criteria14.ts';
import { deciles } from './deciles.ts';
import { DEFAULT_MODEL } from './default-model.ts';
import type { RankedHousehold } from './household-input.ts';
import { type Contribution, scoreHousehold } from './score.ts';

const doc = readFileSync(new URL('../../../docs/ranking.md', import.meta.url), 'utf8');

function block<T>(tag: string): T {
  const m = doc.match(new RegExp(`\`\`\`json ${tag}\\n([\\s\\S]*?)\\n\`\`\``));
  if (!m) throw new Error(`docs/ranking.md has no json ${tag} block`);
  return JSON.parse(m[1]!) as T;
}

describe('docs/ranking.md worked example', () => {
  const input = block<{ asOf: string; household: RankedHousehold }>('worked-example-input');
  const output = block<{
    score: number;
    criteria14: number;
    criteriaMet: string[];
    contributions: Contribution[];
  }>('worked-example-output');

  it('scores the household as the document says, variable by variable', () => {
    const s = scoreHousehold(DEFAULT_MODEL, input.household, input.asOf);
    expect(s.score).toBe(output.score);
    expect(s.contributions.filter((c) => c.contribution !== 0)).toEqual(output.contributions);
    const sum = s.contributions.reduce((a, c) => a + c.contribution, DEFAULT_MODEL.intercept);
    expect(sum).toBeCloseTo(output.score, 6);
  });

  it('counts the BPS criteria as the document says', () => {
    const c = criteria14(input.household);
    expect([c.count, c.met]).toEqual([output.criteria14, output.criteriaMet]);
    expect(c.poor).toBe(true);
  });

  it('cuts the twelve scores into the deciles the document shows, and the three-household village', () => {
    const d = block<{ scores: number[]; deciles: number[] }>('worked-example-deciles');
    expect(deciles(d.scores)).toEqual(d.deciles);
    expect(deciles([12.4, 11.9, 12.8])).toEqual([4, 1, 7]);
  });

  it('lists every default variable in the table with its weight', () => {
    for (const v of DEFAULT_MODEL.variables) {
      expect(doc).toMatch(new RegExp(`\\| \`${v.name}\` \\|[^\\n]*\\| ${v.weight} \\|`));
    }
  });
});

import { describe, expect, it } from 'vitest';
import { jsonListChunks } from './output.ts';

async function text(pages: unknown[][]): Promise<string> {
  async function* gen() {
    for (const p of pages) yield p;
  }
  let out = '';
  for await (const chunk of jsonListChunks('items', gen())) out += chunk;
  return out;
}

const item = (n: number) => ({
  householdId: `h${n}`,
  decile: n % 3 === 0 ? null : n,
  components: n % 2 ? [{ code: 'ANAK_SD', count: n }] : [],
  headName: `Nama "${n}"\nbaris`,
  nested: { a: [1, { b: 'c' }], empty: {} },
});

describe('jsonListChunks', () => {
  it.each([
    ['no pages', []],
    ['only empty pages', [[], []]],
    ['one item', [[item(1)]]],
    ['several pages, an empty one between', [[item(1), item(2)], [], [item(3)], [item(4), item(5), item(6)]]],
  ])('prints what printJson({ items }) printed: %s', async (_name, pages) => {
    const all = (pages as unknown[][]).flat();
    const text1 = await text(pages as unknown[][]);
    expect(text1).toBe(`${JSON.stringify({ items: all }, null, 2)}\n`);
    expect(JSON.parse(text1)).toEqual({ items: all });
  });
});

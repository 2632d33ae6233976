import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { jsonListChunks, writeOut } from './output.ts';

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

describe('writeOut (--out FILE)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dtks-out-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the whole export under the name asked for, and nothing beside it', async () => {
    const out = join(dir, 'ok.csv');
    await writeOut(Readable.from(['a,b\n', '1,2\n']), out);
    expect(readFileSync(out, 'utf8')).toBe('a,b\n1,2\n');
    expect(readdirSync(dir)).toEqual(['ok.csv']);
  });

  it('leaves no file, and no partial one, when the export fails midway; a file already there stays', async () => {
    async function* failing() {
      yield 'a,b\n';
      yield '1,2\n';
      throw new Error('database gone');
    }
    const fresh = join(dir, 'fresh.csv');
    await expect(writeOut(Readable.from(failing()), fresh)).rejects.toThrow('database gone');
    expect(existsSync(fresh)).toBe(false);
    const kept = join(dir, 'kept.csv');
    writeFileSync(kept, 'yesterday\n');
    await expect(writeOut(Readable.from(failing()), kept)).rejects.toThrow('database gone');
    expect(readFileSync(kept, 'utf8')).toBe('yesterday\n');
    expect(readdirSync(dir).sort()).toEqual(['kept.csv', 'ok.csv']);
  });
});

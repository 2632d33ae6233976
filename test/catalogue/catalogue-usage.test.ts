/**
 * The catalogue (src/domain/catalogue.ts) is the only place with user-facing error texts: this walks the
 * sources of the server, the CLI and the web app and fails on a new inline `{ id: '…', en: '…' }` text
 * outside it, and on a problem code used in code (or expected by the web app) that the catalogue lacks.
 * The type checker already refuses an unknown code passed to issue()/AppError; this also covers codes
 * written as plain strings (`code: 'x.y'`, comparisons with `.code`).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isMessageCode } from '../../src/domain/catalogue.ts';

const root = join(import.meta.dirname, '..', '..');

/**
 * Tables of domain data whose labels are data, not messages (codebook answers, categories, roles, removal
 * reasons, deliberation outcomes, attachment kinds, Dukcapil results, the default ranking model's variables):
 * they stay beside their rules.
 */
const LABEL_TABLES = new Set([
  'src/domain/catalogue.ts',
  'src/domain/instrument/codebook.ts',
  'src/domain/registry/ppks-psks.ts',
  'src/domain/registry/removal-reasons.ts',
  'src/domain/access/roles.ts',
  'src/domain/cycle/attachments.ts',
  'src/domain/cycle/musdes.ts',
  'src/domain/dukcapil/dukcapil.ts',
  'src/domain/verivali/visit-results.ts',
  'src/domain/reports/labels.ts',
  // A ranking model document: its variables' labels are part of the model, as in every uploaded version.
  'src/domain/ranking/default-model.ts',
  // The shipped programme documents: their names are part of each document, as in every uploaded version.
  'src/domain/programmes/defaults.ts',
]);

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name))
    .map((e) => relative(root, join(e.parentPath, e.name)));
}

const files = [...sources('src'), ...sources('web/src')];

/** `en: '…'`, `en: "…"` or `en: \`…\`` — the English half of an inline two-language text. */
const INLINE_ENGLISH = /\ben:\s*['"`]/g;

function lineOf(text: string, index: number): number {
  return text.slice(0, index).split('\n').length;
}

describe('the error catalogue is the one source of texts', () => {
  it('finds the sources it checks', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files).toContain('src/modules/households/households.service.ts');
  });

  it('no inline {id, en} text outside the catalogue and the domain label tables', () => {
    const found: string[] = [];
    for (const file of files) {
      if (LABEL_TABLES.has(file)) continue;
      const text = readFileSync(join(root, file), 'utf8');
      for (const m of text.matchAll(INLINE_ENGLISH)) found.push(`${file}:${lineOf(text, m.index)}`);
    }
    expect(found, 'move these texts into src/domain/catalogue.ts (MESSAGES or LABELS)').toEqual([]);
  });

  it('every problem code written as a string exists in the catalogue', () => {
    const unknown: string[] = [];
    const patterns = [
      /\bcode:\s*'([a-z][a-z0-9_]*\.[a-z0-9_.]+)'/g,
      /\.code\s*[!=]==\s*'([a-z][a-z0-9_]*\.[a-z0-9_.]+)'/g,
      /\b(?:issue|coded|forbidden)\(\s*[^,()]*,?\s*'([a-z][a-z0-9_]*\.[a-z0-9_.]+)'/g,
    ];
    for (const file of files) {
      const text = readFileSync(join(root, file), 'utf8');
      for (const re of patterns) {
        for (const m of text.matchAll(re)) {
          const code = m[1]!;
          // The web app's own codes for problems that never reached the server.
          if (code.startsWith('client.') || code.startsWith('http.')) continue;
          // The DCI specification's own error codes (err.request.bad, …), answered by /dci/registry/….
          if (code.startsWith('err.') && file.startsWith('src/modules/dci/')) continue;
          if (!isMessageCode(code)) unknown.push(`${file}:${lineOf(text, m.index)} ${code}`);
        }
      }
    }
    expect(unknown).toEqual([]);
  });

  it('the checks would see a stray text and an unknown code', () => {
    const sample = "throw new AppError('state', 'usulan.locked', { id: 'Terkunci', en: 'Locked' });";
    expect([...sample.matchAll(INLINE_ENGLISH)]).toHaveLength(1);
    expect(isMessageCode('usulan.locked')).toBe(true);
    expect(isMessageCode('usulan.no_such_code')).toBe(false);
  });
});

/**
 * Every custom message a schema gives a pattern (`.regex(/…/, 'YYYY-MM')`) has an Indonesian text: zod writes
 * it in English only, so one missing from CUSTOM_MESSAGES leaks English into an Indonesian error. The
 * messages are read from the source, so a new one without its label fails here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { plainLabel } from '../domain/catalogue.ts';
import { CUSTOM_MESSAGES } from './problem.ts';

const SRC = new URL('../', import.meta.url).pathname;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** `.regex(/pattern/flags, 'message')` or `.regex(NAMED_PATTERN, 'message')`, over lines too. */
const REGEX_WITH_MESSAGE = /\.regex\(\s*(?:\/(?:\\.|[^/\n])+\/[a-z]*|[A-Za-z_.]+)\s*,\s*'([^']+)'/g;
const messages = new Set(
  sourceFiles(SRC).flatMap((f) =>
    [...readFileSync(f, 'utf8').matchAll(REGEX_WITH_MESSAGE)].map((m) => m[1]!),
  ),
);

describe('custom schema messages', () => {
  it('finds them in the source', () => {
    expect(messages).toContain('YYYY-MM');
    expect(messages).toContain('a village code PP.RR.KK.DDDD');
  });

  it('has an Indonesian text for each, and the English as the schema writes it', () => {
    expect([...messages].filter((m) => !(m in CUSTOM_MESSAGES))).toEqual([]);
    for (const m of messages) {
      const text = plainLabel(CUSTOM_MESSAGES[m]!);
      expect(text.en, m).toBe(m);
      expect(text.id, m).not.toBe(m);
    }
  });
});

/**
 * Every custom message a schema carries — a pattern's (`.regex(/…/, 'YYYY-MM')`), a refinement's
 * (`.refine(fn, 'm')`, `.refine(fn, { message: 'm' })`) or a custom type's (`z.custom(fn, { message: 'm' })`) —
 * has an Indonesian text: zod writes it in English only, so one missing from CUSTOM_MESSAGES leaks English
 * into an Indonesian error. A refinement without a message would say zod's English "Invalid input". The
 * messages are read from the source, so a new one without its label fails here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CUSTOM_MESSAGES, plainLabel } from '../domain/catalogue.ts';
import { issuesFromZod } from './problem.ts';

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
/** Where a refinement or a custom type starts; its arguments run to the matching parenthesis. */
const REFINEMENT = /\.refine\(|z\.custom(?:<[^>(]*>)?\(/g;

/** The text of a call's arguments from `start` (just after its `(`) to the matching `)`. */
function callArguments(text: string, start: number): string {
  let depth = 1;
  let quote: string | null = null;
  for (let i = start; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
    } else if (c === "'" || c === '"' || c === '`') quote = c;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return text.slice(start, i);
  }
  return text.slice(start);
}

/** The message of one refinement: its second argument as a string, or the `message` of its options. */
function refinementMessage(args: string): string | null {
  return /message:\s*'([^']+)'/.exec(args)?.[1] ?? /,\s*'([^']+)'\s*,?\s*$/.exec(args)?.[1] ?? null;
}

const messages = new Set<string>();
const withoutMessage: string[] = [];
for (const file of sourceFiles(SRC)) {
  const text = readFileSync(file, 'utf8');
  for (const m of text.matchAll(REGEX_WITH_MESSAGE)) messages.add(m[1]!);
  for (const m of text.matchAll(REFINEMENT)) {
    const message = refinementMessage(callArguments(text, m.index + m[0].length));
    if (message) messages.add(message);
    else withoutMessage.push(`${relative(SRC, file)}:${text.slice(0, m.index).split('\n').length}`);
  }
}

describe('custom schema messages', () => {
  it('finds them in the source: patterns, refinements and custom types', () => {
    expect(messages).toContain('YYYY-MM');
    expect(messages).toContain('a village code PP.RR.KK.DDDD');
    expect(messages).toContain('Send either nik or regionCode (not both)');
    expect(messages).toContain('a finite number');
    expect(messages).toContain('a rule');
  });

  it('gives every refinement a message (without one, zod says "Invalid input" in English)', () => {
    expect(withoutMessage).toEqual([]);
  });

  it('has an Indonesian text for each, and the English as the schema writes it', () => {
    expect([...messages].filter((m) => !(m in CUSTOM_MESSAGES))).toEqual([]);
    for (const m of messages) {
      const text = plainLabel(CUSTOM_MESSAGES[m]!);
      expect(text.en, m).toBe(m);
      expect(text.id, m).not.toBe(m);
    }
  });

  it("answers a failed refinement with its Indonesian text, not zod's English", () => {
    const schema = z.object({ n: z.number() }).refine((v) => v.n > 0, { message: 'a finite number' });
    const parsed = schema.safeParse({ n: -1 });
    expect(parsed.success).toBe(false);
    const [found] = issuesFromZod(parsed.error!.issues);
    expect(found!.message.id).toContain('bilangan terhingga');
    expect(found!.message.en).toContain('a finite number');
  });
});

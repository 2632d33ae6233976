/**
 * Every audit action the server records reads as words on the audit page, never as "other activity": the
 * actions are read from the source (`action: 'group.verb'` wherever an entry is recorded), so a new action
 * without its words fails here. For an action built from a template (`musdes.${action}`) the group is checked.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUDIT_TEXT, hasAuditText } from './audit-words.ts';

const SRC = new URL('../../../src/', import.meta.url).pathname;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [path] : [];
  });
}

const sources = sourceFiles(SRC).map((f) => readFileSync(f, 'utf8'));
const literal = new Set(
  sources.flatMap((s) => [...s.matchAll(/action: '([a-z_]+)\.([a-z_]+)'/g)].map((m) => m[0])),
);
const actions = [...literal].map((a) => a.slice("action: '".length, -1));
const templatedGroups = new Set(
  sources.flatMap((s) => [...s.matchAll(/action: `([a-z_]+)\.\$\{/g)].map((m) => m[1]!)),
);

describe('audit words', () => {
  it('finds the recorded actions in the source', () => {
    expect(actions).toContain('household.opt_outs');
    expect(actions.length).toBeGreaterThan(100);
    expect(templatedGroups).toContain('musdes');
  });

  it('has a group and a verb, in both languages, for every action recorded', () => {
    const missing = actions.filter((a) => {
      const [group, verb] = a.split('.');
      return !hasAuditText(`group.${group}`) || !hasAuditText(`verb.${verb}`);
    });
    expect(missing).toEqual([]);
    for (const a of actions) {
      const [group, verb] = a.split('.') as [string, string];
      for (const key of [`group.${group}`, `verb.${verb}`] as const) {
        expect(AUDIT_TEXT.en[key as keyof typeof AUDIT_TEXT.en], key).toBeTruthy();
      }
    }
  });

  it('has a group for every action built from a template', () => {
    expect([...templatedGroups].filter((g) => !hasAuditText(`group.${g}`))).toEqual([]);
  });
});

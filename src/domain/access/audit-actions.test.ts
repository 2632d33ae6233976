/**
 * The read/change split of audit actions against the source: an action recorded through `recordRead` or
 * `recordListRead` is a read, one recorded through `record` (inside a change's transaction) a change — but
 * for the few listed below, whose way of being recorded says nothing of what they are.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isReadAction } from './audit-actions.ts';

const SRC = new URL('../../', import.meta.url).pathname;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** Each literal action with the audit call it is recorded by (the nearest one before it). */
const recorded = sourceFiles(SRC).flatMap((file) => {
  const s = readFileSync(file, 'utf8');
  return [...s.matchAll(/action: '([a-z_]+\.[a-z_]+)'/g)].flatMap((m) => {
    const before = s.slice(Math.max(0, m.index - 700), m.index);
    const call = [...before.matchAll(/\b(recordRead|recordListRead|record)\(/g)].at(-1)?.[1];
    return call ? [{ action: m[1]!, read: call !== 'record' }] : [];
  });
});

/** Recorded outside a transaction, but events rather than reads of a record. */
const EVENTS = [
  'auth.login_locked',
  'citizen.login_locked',
  'citizen.code_failed',
  'citizen.register_existing',
];
/** Recorded inside a transaction, but reads of personal data (an offline bundle's households; a probe). */
const READS_IN_A_CHANGE = ['bundle.export', 'identity.probe'];

describe('audit actions: read or change', () => {
  it('finds the recorded actions and their calls in the source', () => {
    expect(recorded.length).toBeGreaterThan(100);
    expect(recorded).toContainEqual({ action: 'analytics.households', read: true });
    expect(recorded).toContainEqual({ action: 'household.opt_out', read: false });
  });

  it('tells every recorded read from every change', () => {
    const wrong = recorded.filter(({ action, read }) => {
      const expected = EVENTS.includes(action) ? false : READS_IN_A_CHANGE.includes(action) ? true : read;
      return isReadAction(action) !== expected;
    });
    expect(wrong).toEqual([]);
  });

  it('reads exported pages, attachment thumbnails and a prelist’s rows as reads', () => {
    for (const a of ['household.export_page', 'attachment.thumbnail', 'musdes.prelist_rows', 'ppks.list']) {
      expect(isReadAction(a), a).toBe(true);
    }
    for (const a of ['household.update', 'musdes.decide_bulk', 'distribution.receipt', 'sanggah.submit']) {
      expect(isReadAction(a), a).toBe(false);
    }
  });
});

/**
 * The read/change split of audit actions against the source: an action recorded through `recordRead` or
 * `recordListRead` is a read, one recorded through `record` (inside a change's transaction) a change — but
 * for the few listed below, whose way of being recorded says nothing of what they are.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RECORD_STEPS } from '../distribution/states.ts';
import {
  acknowledgementMachine,
  musdesMachine,
  submissionMachine,
  usulanMachine,
  visitMachine,
} from '../lifecycle/machines.ts';
import { proposalMachine } from '../recipients/proposal.ts';
import {
  HOUSEHOLD_CHANGES,
  REGISTER_CHANGES,
  REGISTER_READS,
  REGISTERS,
} from '../registry/version-changes.ts';
import { REPORT_ACTIONS } from '../reports/reports.ts';
import { SANGGAH_STEPS } from '../sanggah/sanggah-state.ts';
import { isReadAction } from './audit-actions.ts';

const SRC = new URL('../../', import.meta.url).pathname;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [path] : [];
  });
}

const steps = (m: { transitions: object }) => Object.keys(m.transitions);

/**
 * The values each action built from a template can take, one list per `${…}` in it, from the typed lists the
 * building code's parameters are declared with (a machine's transitions, a domain list): a template not
 * listed here fails the test, so a new one is classified before a citizen sees it.
 */
const TEMPLATES: Record<string, readonly (readonly string[])[]> = {
  'usulan.${action}': [steps(usulanMachine)],
  'visit.${action}': [steps(visitMachine)],
  'musdes.${action}': [steps(musdesMachine)],
  'submission.${action}': [steps(submissionMachine)],
  'berita_acara.${action}': [steps(acknowledgementMachine)],
  'recipients.${action}': [steps(proposalMachine)],
  'sanggah.${body.step}': [Object.keys(SANGGAH_STEPS)],
  'report.${action}': [REPORT_ACTIONS],
  'distribution.record_${step}': [RECORD_STEPS],
  'household.${changeType}': [HOUSEHOLD_CHANGES],
  '${entity}.${changeType}': [REGISTERS, REGISTER_CHANGES],
  '${this.#config.entity}.${what}': [REGISTERS, REGISTER_READS],
  '${this.#config.entity}.list': [REGISTERS],
  'citizen.code_sent': [],
};

/** Every action a template can build: each of its `${…}` replaced by each of its values in turn. */
function expand(template: string): string[] {
  const lists = TEMPLATES[template];
  if (!lists) return [];
  const parts = template.split(/\$\{[^}]+\}/);
  if (parts.length - 1 !== lists.length)
    throw new Error(`${template}: ${lists.length} lists for ${parts.length - 1} values`);
  return lists.reduce<string[]>(
    (built, values, i) => built.flatMap((b) => values.map((v) => b + v + parts[i + 1])),
    [parts[0]!],
  );
}

/**
 * Each action recorded in the source with the audit call it is recorded by (the nearest one before it):
 * the literals of an `action:` expression (`'household.read'`, either branch of a condition) and of an
 * exported page's event, and every value of a template (`usulan.${action}`).
 */
const templates: { file: string; template: string }[] = [];
const recorded = sourceFiles(SRC).flatMap((file) => {
  const s = readFileSync(file, 'utf8');
  const found = [
    ...[...s.matchAll(/action: ([^\n]*)/g)].map((m) => ({ index: m.index, expr: m[1]! })),
    ...[...s.matchAll(/exportPageEvent\(('[^']*')/g)].map((m) => ({ index: m.index, expr: m[1]! })),
  ];
  return found.flatMap(({ index, expr }) => {
    const before = s.slice(Math.max(0, index - 700), index);
    const call = [...before.matchAll(/\b(recordRead|recordListRead|record)\(/g)].at(-1)?.[1];
    if (!call) return [];
    const read = call !== 'record';
    const literals = [...expr.matchAll(/'([a-z_]+\.[a-z_]+)'/g)].map((m) => m[1]!);
    const built = [...expr.matchAll(/`([^`]*)`/g)].flatMap((m) => {
      templates.push({ file: file.slice(SRC.length), template: m[1]! });
      return m[1]!.includes('${') ? expand(m[1]!) : [m[1]!];
    });
    return [...literals, ...built].map((action) => ({ action, read }));
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
    expect(recorded.length).toBeGreaterThan(150);
    // Both branches of a condition, an exported page, and the values of templates.
    expect(recorded).toContainEqual({ action: 'attachment.thumbnail', read: true });
    expect(recorded).toContainEqual({ action: 'auth.login_failed', read: false });
    expect(recorded).toContainEqual({ action: 'recipients.export_page', read: true });
    expect(recorded).toContainEqual({ action: 'musdes.upload_signed', read: false });
    expect(recorded).toContainEqual({ action: 'psks.history', read: true });
    expect(recorded).toContainEqual({ action: 'analytics.households', read: true });
    expect(recorded).toContainEqual({ action: 'household.opt_out', read: false });
  });

  it('knows the values of every action built from a template', () => {
    expect(templates.filter((t) => !(t.template in TEMPLATES))).toEqual([]);
    expect(Object.keys(TEMPLATES).filter((k) => !templates.some((t) => t.template === k))).toEqual([]);
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

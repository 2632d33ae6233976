/**
 * Computing bansos proposals for one regency: N synthetic households (default 10,000) in the demo regency,
 * a determined period holding them, ranked with the default model (the real ranking service), then the
 * proposal of each national programme computed through the recipients service (evaluation, candidates
 * written page by page with checkpoints, counts, checksum), on SQLite, in this process.
 *
 *   node bench/recipients.ts [--households 10000] [--out bench/results/recipients.md]
 *
 * Not timed: seeding, the period's snapshot (inserted from the registry in one statement), publishing the
 * programme documents. Peak RSS is this process's (seeding included).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { loadConfig } from '../src/config.ts';
import { createContainer } from '../src/container.ts';
import { createDb } from '../src/db/dialect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { DEFAULT_PROGRAMMES } from '../src/domain/programmes/defaults.ts';
import { DEFAULT_MODEL } from '../src/domain/ranking/default-model.ts';
import { systemActor } from '../src/modules/access/actor.ts';
import { flags, fmt, int, machine, machineMarkdown } from './lib/report.ts';

const f = flags();
const households = int(f.get('households'), 10_000);
const out = f.get('out');
const REGENCY = '33.07';
const PERIOD = '2026-04';

const dir = mkdtempSync(join(tmpdir(), 'dtks-recipients-bench-'));
const m = machine();
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
try {
  const database = createDb(join(dir, 'bench.sqlite'));
  await migrateToLatest(database);
  const c = createContainer(database, { ...loadConfig(), dataDir: join(dir, 'data') });
  mkdirSync(join(dir, 'data'), { recursive: true });
  const actor = systemActor('bench');
  await c.seed.seed(actor, { households, regionCode: REGENCY, seed: 'bench', asOf: '2026-04-01' }, () => {});
  const db = c.database.db;
  await db
    .insertInto('periods')
    .values({ period: PERIOD, state: 'determined', createdAt: new Date().toISOString() } as never)
    .execute();
  await sql`insert into snapshot_households (period, household_id, province_code, regency_code, village_code, version, member_count)
    select ${PERIOD}, id, province_code, regency_code, village_code, version, member_count from households
    where status = 'active'`.execute(db);
  for (const doc of DEFAULT_PROGRAMMES) {
    await c.programmes.upload(actor, doc);
    await c.programmes.publish(actor, doc.code, doc.version);
  }
  await c.ranking.uploadModel(actor, DEFAULT_MODEL);
  await c.ranking.publishModel(actor, DEFAULT_MODEL.version);

  const cpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const rows: string[] = [];
  const time = async (name: string, work: () => Promise<string>) => {
    const before = load();
    const t0 = performance.now();
    const c0 = cpu();
    const what = await work();
    const ms = performance.now() - t0;
    rows.push(
      `| ${name} | ${fmt(ms / 1000, 2)} | ${fmt((cpu() - c0) / 1000, 2)} | ${fmt(households / (ms / 1000), 0)} | ${what} | ${before} → ${load()} |`,
    );
  };
  await time('rank (default model)', async () => {
    const r = await c.ranking.rank(actor, { period: PERIOD });
    return `${r.households} households`;
  });
  for (const doc of DEFAULT_PROGRAMMES) {
    await time(`compute ${doc.code}`, async () => {
      const p = await c.recipients.compute(actor, { period: PERIOD, programme: doc.code, regency: REGENCY });
      return `${p.candidates} candidates, ${p.excluded} excluded, Rp ${p.amount.toLocaleString('en')}`;
    });
  }
  const again = performance.now();
  const p = await c.recipients.compute(actor, { period: PERIOD, programme: 'PKH', regency: REGENCY });
  const againMs = performance.now() - again;
  await c.close();
  const rss = process.resourceUsage().maxRSS / 1024;
  const report = [
    `# Computing bansos proposals: ${households.toLocaleString('en')} households in one regency (SQLite)`,
    '',
    machineMarkdown(m, `node bench/recipients.ts --households ${households}`),
    '- the machine is shared with other sessions running tests: wall times move with their load (the load',
    '  average before → after each step is in its row); CPU time is this process only',
    '',
    '| step | wall s | CPU s | households/s (wall) | result | load average (1/5/15) |',
    '|---|---:|---:|---:|---|---|',
    ...rows,
    '',
    `- PKH computed again: ${fmt(againMs / 1000, 2)} s, checksum ${p.checksum?.slice(0, 12)}… (the same inputs give the same candidates)`,
    `- peak RSS of this process (seeding included): ${fmt(rss, 0)} MiB`,
    '',
  ].join('\n');
  console.log(report);
  if (out) writeFileSync(out, report);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

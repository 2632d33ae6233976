/**
 * Bansos proposals of every programme for a whole nation's period: on the database `bench/ranking.ts` built and
 * ranked (1,000,000 households over every village of the nation, period 2026-03 ranked with the default model),
 * one `recipients.compute` job per regency computing the four national programmes (PKH, BPNT, PBI-JK, KIP
 * Kuliah) in one pass (`{period, regency, programmes}`: 514 jobs), or with `--per-programme` one job per
 * regency and programme as before passes (~2,000 jobs), enqueued as the API queues them and drained by job
 * workers in this process (evaluation on the project's worker pool, RECIPIENT_THREADS), on SQLite or
 * PostgreSQL. After the computation (not in the wall time): the household look-ups that lost the index of
 * candidates by household (migration 069) timed on random households — a household's programme history and
 * the diff's "why stopped" for pages of 100 households nation-wide.
 *
 *   node bench/recipients-national.ts --engine sqlite|postgres [--households 1000000] [--workers N]
 *                                     [--threads N] [--regencies N] [--per-programme]
 *                                     [--db FILE.sqlite] [--pg postgres://…/db] [--out FILE]
 *
 * The database is migrated to this version first: point `--db`/`--pg` at a copy when the base is shared with
 * another version of the code (a database migrated past it is refused by that version).
 *
 * Run `node bench/ranking.ts --engine E --no-api` first (it builds and ranks the base). Not timed: publishing
 * the programme documents, a synthetic minimum wage per province (Rp 2,500,000 for 2026, so the minimum-wage
 * exclusion has something to compare with), deleting an earlier run's proposals of the period. Timed: from the
 * first enqueue to the last job done. CPU: this process, every thread, and on PostgreSQL the database's backends
 * (bench/lib/pg-cpu.ts: its connections and autovacuum workers; the server's WAL writer and checkpointer are not counted).
 * Peak RSS: this process's high-water mark (setup included).
 *
 * Target (issue 13): recipients of all programmes for a period at 1,000,000 households < 60 s and < 1 GiB.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { sql } from 'kysely';
import { loadConfig } from '../src/config.ts';
import { createContainer } from '../src/container.ts';
import { createDb, type EngineName, workerOpenOptions } from '../src/db/dialect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { DEFAULT_PROGRAMMES } from '../src/domain/programmes/defaults.ts';
import { type Actor, systemActor } from '../src/modules/access/actor.ts';
import { JobWorker } from '../src/modules/jobs/jobs.worker.ts';
import { RECIPIENTS_COMPUTE } from '../src/modules/recipients/recipients.jobs.ts';
import { RecipientsRepository } from '../src/modules/recipients/recipients.repository.ts';
import { trackBackends } from './lib/pg-cpu.ts';
import { flags, fmt, int, machine, machineMarkdown, mib, percentile } from './lib/report.ts';

const PERIOD = '2026-03';
const GIB = 2 ** 30;
const f = flags();
const engine = (f.get('engine') ?? 'sqlite') as EngineName;
const households = int(f.get('households'), 1_000_000);
/**
 * Job workers: on PostgreSQL three, so that the server's work for one pass (reads, COPY, commits) overlaps
 * the evaluation of others (quiet, 1,000,000 households after nat3: 94.5 s with two, 78–80 s with three or
 * four); SQLite has one writer.
 */
const workers = int(f.get('workers'), engine === 'postgres' ? 3 : 1);
/** Only the first N regencies (profiling); the default is every regency of the period. */
const regencyLimit = int(f.get('regencies'), 0);
const threads = f.get('threads') === undefined ? undefined : int(f.get('threads'), 2);
/** One job per regency and programme (before passes) instead of one pass per regency. */
const perProgramme = f.has('per-programme');
const url =
  engine === 'sqlite'
    ? resolve(f.get('db') ?? `bench/tmp/ranking/base-${households}.sqlite`)
    : (f.get('pg') ?? `postgres://postgres@127.0.0.1:5432/ranking_bench_${households}`);
const actor: Actor = systemActor('bench');
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

const m = machine();
const database = createDb(url, workerOpenOptions()); // as `dtks worker` opens it
await migrateToLatest(database);
const dataDir = mkdtempSync(join(tmpdir(), 'dtks-bench-recipients-'));
const c = createContainer(database, {
  ...loadConfig({}),
  dataDir,
  auditHmacKey: 'c7'.repeat(32),
  ...(threads === undefined ? {} : { recipientThreads: threads }),
});
const { db } = database;
try {
  const ranked = await db
    .selectFrom('rankingRuns')
    .select(['modelVersion', 'households'])
    .where('period', '=', PERIOD)
    .executeTakeFirst();
  if (!ranked) throw new Error(`${url}: period ${PERIOD} is not ranked — run bench/ranking.ts first`);

  // Not timed: an earlier run's proposals, the programme documents, a minimum wage per province.
  const earlier = db.selectFrom('recipientRuns').select('id').where('period', '=', PERIOD);
  await db.deleteFrom('recipientCandidates').where('runId', 'in', earlier).execute();
  await db.deleteFrom('recipientRuns').where('period', '=', PERIOD).execute();
  await db.deleteFrom('jobs').where('kind', '=', RECIPIENTS_COMPUTE).execute();
  if (engine === 'postgres') await sql`vacuum analyze recipient_candidates`.execute(db);
  else await sql`pragma wal_checkpoint(truncate)`.execute(db);
  const published = new Set((await c.programmes.list(actor)).items.map((p) => p.code));
  for (const doc of DEFAULT_PROGRAMMES) {
    if (published.has(doc.code)) continue;
    await c.programmes.upload(actor, doc);
    await c.programmes.publish(actor, doc.code, doc.version);
  }
  const provinces = await db
    .selectFrom('snapshotHouseholds')
    .select('provinceCode')
    .distinct()
    .where('period', '=', PERIOD)
    .execute();
  const wages = new Set((await c.wages.all()).map((w) => `${w.regionCode}/${w.year}`));
  for (const p of provinces) {
    if (wages.has(`${p.provinceCode}/2026`)) continue;
    await c.wages.set(actor, { regionCode: p.provinceCode, year: 2026, monthlyAmount: 2_500_000 });
  }
  const regencies = (
    await db
      .selectFrom('snapshotHouseholds')
      .select('regencyCode')
      .distinct()
      .where('period', '=', PERIOD)
      .orderBy('regencyCode')
      .$if(regencyLimit > 0, (q) => q.limit(regencyLimit))
      .execute()
  ).map((r) => r.regencyCode);

  const before = load();
  const backends = engine === 'postgres' ? trackBackends(url) : null;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const codes = DEFAULT_PROGRAMMES.map((d) => d.code);
  for (const regency of regencies) {
    if (perProgramme) {
      for (const programme of codes)
        await c.jobs.enqueue(actor, RECIPIENTS_COMPUTE, { period: PERIOD, programme, regency });
    } else await c.jobs.enqueue(actor, RECIPIENTS_COMPUTE, { period: PERIOD, regency, programmes: codes });
  }
  const ran = await Promise.all(
    Array.from({ length: workers }, () => new JobWorker(c.jobs, { leaseMs: 120_000 }).drain()),
  );
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const serverMs = backends ? (await backends.stop()) / 1000 : null;
  const after = load();
  const rss = process.resourceUsage().maxRSS * 1024;

  const states = await db
    .selectFrom('jobs')
    .select(['state', (eb) => eb.fn.countAll<number>().as('n')])
    .where('kind', '=', RECIPIENTS_COMPUTE)
    .groupBy('state')
    .execute();
  const totals = await db
    .selectFrom('recipientRuns')
    .select([
      'programmeCode',
      (eb) => eb.fn.count<number>('id').as('runs'),
      (eb) => eb.fn.sum<number>('evaluated').as('evaluated'),
      (eb) => eb.fn.sum<number>('candidates').as('candidates'),
      (eb) => eb.fn.sum<number>('excluded').as('excluded'),
      (eb) => eb.fn.sum<number>('amount').as('amount'),
    ])
    .where('period', '=', PERIOD)
    .groupBy('programmeCode')
    .orderBy('programmeCode')
    .execute();
  // Not timed above: the look-ups by household that go through the runs of its regency (migration 069).
  const repo = new RecipientsRepository(database.engine);
  const sample = await db
    .selectFrom('snapshotHouseholds')
    .select(['householdId', 'regencyCode'])
    .where('period', '=', PERIOD)
    .where('regencyCode', 'in', regencies)
    .orderBy(sql`random()`)
    .limit(1000)
    .execute();
  const timed = async (n: number, one: (i: number) => Promise<unknown>) => {
    const ms: number[] = [];
    for (let i = 0; i < n; i++) {
      const at = performance.now();
      await one(i);
      ms.push(performance.now() - at);
    }
    ms.sort((a, b) => a - b);
    return { p50: percentile(ms, 50), p99: percentile(ms, 99) };
  };
  // PostgreSQL: fresh statistics first, as autovacuum's analyze gives a served database after a bulk write;
  // this machine's PostgreSQL runs with autovacuum off, and the planner, still counting the candidates the
  // deletion above left (none), probed them by household across the whole primary key (24 s a call).
  if (engine === 'postgres') await sql`analyze recipient_candidates, recipient_runs`.execute(db);
  const history = await timed(200, (i) => repo.householdEvaluations(db, sample[i]!.householdId));
  let found = 0;
  const whyStopped = await timed(50, async (i) => {
    const ids = sample.slice((i * 100) % 900, ((i * 100) % 900) + 100).map((h) => h.householdId);
    found += (await repo.evaluationsIn(db, { period: PERIOD, programmeCode: 'PKH' }, null, ids)).length;
  });
  const allDone = states.every((s) => s.state === 'done');
  const met = allDone && wallMs < 60_000 && rss < GIB;
  const command = `node bench/recipients-national.ts ${process.argv.slice(2).join(' ')}`.trim();
  const md = [
    `# Bansos proposals of every national programme: ${fmt(households)} households, ${engine}`,
    '',
    machineMarkdown(m, command),
    `- data: the base of \`bench/ranking.ts\` (${fmt(households)} households over every village of the nation, period ${PERIOD} ranked with ${ranked.modelVersion}); ${fmt(regencies.length)} regencies × ${DEFAULT_PROGRAMMES.length} programmes = ${fmt(regencies.length * DEFAULT_PROGRAMMES.length)} proposals, ${perProgramme ? `one \`recipients.compute\` job per regency and programme (${fmt(regencies.length * DEFAULT_PROGRAMMES.length)} jobs, --per-programme)` : `one \`recipients.compute\` pass per regency computing the ${DEFAULT_PROGRAMMES.length} programmes (${fmt(regencies.length)} jobs)`}, enqueued then drained by ${workers} job worker(s) in this process; evaluation threads: ${threads ?? 'default (one per CPU, at most 4)'}`,
    `- not timed: programme documents published, a minimum wage of Rp 2,500,000 (2026) for each of ${provinces.length} provinces, an earlier run's proposals deleted`,
    '',
    "| wall s | CPU s (this process, all threads) | CPU s (PostgreSQL: this database's backends) | peak RSS | jobs | load average before → after |",
    '|---:|---:|---:|---:|---|---|',
    `| **${fmt(wallMs / 1000, 1)}** | ${fmt(cpuMs / 1000, 1)} | ${serverMs === null ? '–' : fmt(serverMs / 1000, 1)} | **${mib(rss)}** | ${states.map((s) => `${s.state} ${fmt(Number(s.n))}`).join(', ')} (run per worker: ${ran.join(', ')}) | ${before} → ${after} |`,
    '',
    '| programme | proposals | households evaluated | candidates | excluded | amount (Rp) |',
    '|---|---:|---:|---:|---:|---:|',
    ...totals.map(
      (t) =>
        `| ${t.programmeCode} | ${fmt(Number(t.runs))} | ${fmt(Number(t.evaluated))} | ${fmt(Number(t.candidates))} | ${fmt(Number(t.excluded))} | ${fmt(Number(t.amount))} |`,
    ),
    '',
    '| look-up by household (after the computation, not timed above) | calls | p50 ms | p99 ms |',
    '|---|---:|---:|---:|',
    `| a household's programme history (\`householdEvaluations\`: its regency's runs, each row by primary key) | 200 | ${fmt(history.p50, 2)} | ${fmt(history.p99, 2)} |`,
    `| "why stopped" for 100 households nation-wide (\`evaluationsIn\`, PKH: ${fmt(found)} rows found) | 50 | ${fmt(whyStopped.p50, 2)} | ${fmt(whyStopped.p99, 2)} |`,
    '',
    regencyLimit > 0
      ? `- a part of the period only (--regencies ${regencyLimit}): no verdict on the target`
      : `- target (< 60 s wall and < 1 GiB): ${met ? 'met' : 'MISSED'}`,
    '',
  ].join('\n');
  console.log(md);
  const out = f.get('out');
  if (out) {
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, md);
  }
} finally {
  await c.close();
  rmSync(dataDir, { recursive: true, force: true });
}

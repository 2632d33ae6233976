/**
 * Computing bansos proposals for one regency: N synthetic households (default 10,000) in the demo regency,
 * a determined period holding them, ranked with the default model (the real ranking service), then the
 * proposal of each national programme computed as the real `recipients.compute` job (enqueued, claimed by
 * a worker; evaluation, candidates written page by page with their checkpoint, counts, checksum), on
 * SQLite, in this process.
 *
 *   node bench/recipients.ts [--households 10000] [--threads N] [--out bench/results/recipients.md]
 *   node bench/recipients.ts --from bench/tmp/regency-300000.sqlite [--threads N] [--out …]
 *
 * `--threads N`: the evaluation threads (RECIPIENT_THREADS; default one per CPU, at most 4; 0 = on the job's
 * thread). The CPU column counts every thread of the process; the job thread's own CPU is given beside it:
 * on free cores the job thread (SQL, look-ups, writes) bounds the wall time of a threaded computation.
 *
 * `--from` reuses a database seeded in the regency (bench/household-list.ts writes
 * bench/tmp/regency-300000.sqlite): it is copied into bench/tmp and the copy removed afterwards, the file
 * itself is not changed. Not timed: seeding, the period's snapshot (inserted from the registry in one
 * statement), publishing the programme documents. RSS: this process's high-water mark after each step
 * (seeding included when seeded here), so a step holding whole lists would raise it.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config.ts';
import { createContainer } from '../src/container.ts';
import { createDb } from '../src/db/dialect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { DEFAULT_PROGRAMMES } from '../src/domain/programmes/defaults.ts';
import { DEFAULT_MODEL } from '../src/domain/ranking/default-model.ts';
import { systemActor } from '../src/modules/access/actor.ts';
import { JobWorker } from '../src/modules/jobs/jobs.worker.ts';
import { RECIPIENTS_COMPUTE } from '../src/modules/recipients/recipients.jobs.ts';
import { determineRegistry } from './lib/regency.ts';
import { flags, fmt, int, machine, machineMarkdown } from './lib/report.ts';

const f = flags();
const from = f.get('from');
let households = int(f.get('households'), 10_000);
const out = f.get('out');
const threadsFlag = f.get('threads');
const threads = threadsFlag === undefined ? undefined : Number(threadsFlag);
if (threads !== undefined && !(Number.isInteger(threads) && threads >= 0))
  throw new Error('--threads N (0 or more)');
const REGENCY = '33.07';
const PERIOD = '2026-04';

mkdirSync('bench/tmp', { recursive: true });
const dir = mkdtempSync(join('bench/tmp', 'recipients-'));
const m = machine();
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
try {
  if (from) copyFileSync(from, join(dir, 'bench.sqlite'));
  const database = createDb(join(dir, 'bench.sqlite'));
  await migrateToLatest(database);
  const c = createContainer(database, {
    ...loadConfig(),
    dataDir: join(dir, 'data'),
    ...(threads === undefined ? {} : { recipientThreads: threads }),
  });
  mkdirSync(join(dir, 'data'), { recursive: true });
  const actor = systemActor('bench');
  const db = c.database.db;
  if (from) {
    const n = await db
      .selectFrom('households')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('regencyCode', '=', REGENCY)
      .where('status', '=', 'active')
      .executeTakeFirstOrThrow();
    households = Number(n.n);
  } else {
    await c.seed.seed(
      actor,
      { households, regionCode: REGENCY, seed: 'bench', asOf: '2026-04-01' },
      () => {},
    );
  }
  await determineRegistry(db, PERIOD);
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
  const mib = (bytes: number) => fmt(bytes / 2 ** 20, 0);
  const rssBefore = process.resourceUsage().maxRSS * 1024;
  const mainCpu = () => {
    const u = process.threadCpuUsage();
    return (u.user + u.system) / 1000;
  };
  const rows: string[] = [];
  const time = async (name: string, work: () => Promise<string>) => {
    const before = load();
    const t0 = performance.now();
    const c0 = cpu();
    const m0 = mainCpu();
    const what = await work();
    const ms = performance.now() - t0;
    const cpuS = (cpu() - c0) / 1000;
    const mainS = (mainCpu() - m0) / 1000;
    rows.push(
      `| ${name} | ${fmt(ms / 1000, 2)} | ${fmt(cpuS, 2)} | ${fmt(mainS, 2)} | ${fmt(households / cpuS, 0)} | ${what} | ${mib(process.resourceUsage().maxRSS * 1024)} | ${mib(process.memoryUsage().heapUsed)} | ${before} → ${load()} |`,
    );
  };
  /**
   * Bounded memory: run with `node --expose-gc`, the live heap (after a full collection) is sampled every
   * 60 pages (30,000 households) of a computation; a computation holding its lists would grow it.
   */
  const gc = (globalThis as { gc?: () => void }).gc;
  let live: number[] = [];
  let pages = 0;
  const afterCheckpoint = async () => {
    if (gc && ++pages % 60 === 0) {
      gc();
      live.push(process.memoryUsage().heapUsed);
    }
  };
  const liveRows: string[] = [];
  /** One proposal as the job the API queues, drained by a worker in this process. */
  const computeJob = async (programme: string) => {
    live = [];
    pages = 0;
    const job = await c.jobs.enqueue(actor, RECIPIENTS_COMPUTE, {
      period: PERIOD,
      programme,
      regency: REGENCY,
    });
    await new JobWorker(c.jobs, { afterCheckpoint }).drain();
    if (live.length) liveRows.push(`| ${programme} | ${live.map(mib).join(' → ')} |`);
    const v = await c.jobs.get(actor, job.id);
    if (v.state !== 'done')
      throw new Error(`compute ${programme} ended ${v.state}: ${JSON.stringify(v.error)}`);
    return v.result as { candidates: number; excluded: number; amount: number; checksum: string | null };
  };
  await time('rank (default model)', async () => {
    const r = await c.ranking.rank(actor, { period: PERIOD });
    return `${r.households} households`;
  });
  for (const doc of DEFAULT_PROGRAMMES) {
    await time(`compute ${doc.code}`, async () => {
      const p = await computeJob(doc.code);
      return `${p.candidates} candidates, ${p.excluded} excluded, Rp ${p.amount.toLocaleString('en')}`;
    });
  }
  const again = performance.now();
  const p = await computeJob('PKH');
  const againMs = performance.now() - again;
  await c.close();
  const rss = process.resourceUsage().maxRSS / 1024;
  const report = [
    `# Computing bansos proposals: ${households.toLocaleString('en')} households in one regency (SQLite)`,
    '',
    machineMarkdown(
      m,
      `node bench/recipients.ts ${from ? `--from ${from}` : `--households ${households}`}${threads === undefined ? '' : ` --threads ${threads}`}`,
    ),
    `- evaluation threads: ${threads ?? 'default (one per CPU, at most 4)'}`,
    `- RSS high-water before the first step (${from ? 'database opened, programmes published' : 'seeding included'}): ${mib(rssBefore)} MiB`,
    '- the machine is shared with other sessions running tests: wall times move with their load (the load',
    '  average before → after each step is in its row); CPU time is this process only',
    '',
    '| step | wall s | CPU s (all threads) | CPU s (job thread) | households per CPU-s | result | RSS high-water after, MiB | heap used after, MiB | load average (1/5/15) |',
    '|---|---:|---:|---:|---:|---|---:|---:|---|',
    ...rows,
    '',
    `- PKH computed again: ${fmt(againMs / 1000, 2)} s, checksum ${p.checksum?.slice(0, 12)}… (the same inputs give the same candidates)`,
    `- peak RSS of this process: ${fmt(rss, 0)} MiB`,
    ...(liveRows.length
      ? [
          '',
          'Live heap (MiB, after a full collection) every 30,000 households of each computation (`--expose-gc`; the',
          'collections are inside the timed steps, ~10 per computation):',
          '',
          '| computation | live heap, MiB |',
          '|---|---|',
          ...liveRows,
        ]
      : []),
    '',
  ].join('\n');
  console.log(report);
  if (out) writeFileSync(out, report);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

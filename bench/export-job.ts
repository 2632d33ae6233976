/**
 * Job overhead of the household export: the same district exported directly (TransferService
 * .exportHouseholdsCsv streamed into a file: `dtks export`, the streamed GET) and as a `household.export` job
 * (claimed by a worker, every page of 1,000 households appended, the file synced to disk and checkpointed
 * every 2 s or 10 pages, the file renamed at the end). Both read the same keyset pages (TransferService.exportPages). The two ways alternate
 * so a busy moment of the shared machine hits both; medians are compared.
 *
 *   node bench/export-job.ts --engine sqlite|postgres [--households 100000] [--runs 3] [--pg URL] [--out FILE]
 *       [--region CODE]
 *
 * The database is bench/lib/bench-db.ts's (seeded once per engine and size); the largest district is exported,
 * or `--region` (a regency or district code, e.g. the whole bench regency 33.07).
 */
import { createWriteStream, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { loadConfig } from '../src/config.ts';
import { createContainer } from '../src/container.ts';
import { createDb } from '../src/db/dialect.ts';
import { systemActor } from '../src/modules/access/actor.ts';
import { JobWorker } from '../src/modules/jobs/jobs.worker.ts';
import { HOUSEHOLD_EXPORT } from '../src/modules/transfer/transfer.jobs.ts';
import { benchDatabase, benchEngine } from './lib/bench-db.ts';
import { flags, fmt, int, machine, machineMarkdown, median } from './lib/report.ts';

const f = flags();
const engine = benchEngine(f.get('engine'));
const households = int(f.get('households'), 100_000);
const runs = int(f.get('runs'), 3);
const m = machine();
const url = await benchDatabase(engine, households, f.get('pg'));
const dataDir = mkdtempSync(join(tmpdir(), 'dtks-bench-export-'));
const c = createContainer(createDb(url), { ...loadConfig({}), dataDir, auditHmacKey: 'c7'.repeat(32) });
const actor = systemActor('bench');

try {
  const largest = await c.database.db
    .selectFrom('households')
    .select((eb) => ['districtCode', eb.fn.countAll<number>().as('n')])
    .where('status', '=', 'active')
    .groupBy('districtCode')
    .orderBy('n', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
  const region = f.get('region') ?? largest.districtCode;
  const size =
    region === largest.districtCode
      ? Number(largest.n)
      : Number(
          (
            await c.database.db
              .selectFrom('households')
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .where('status', '=', 'active')
              .where('villageCode', 'like', `${region}%`)
              .executeTakeFirstOrThrow()
          ).n,
        );
  const out = join(dataDir, 'direct.csv');

  const measure = async (body: () => Promise<number>) => {
    const cpu = process.cpuUsage();
    const t = performance.now();
    const bytes = await body();
    const used = process.cpuUsage(cpu);
    return { wall: (performance.now() - t) / 1000, cpu: (used.user + used.system) / 1e6, bytes };
  };
  const direct = () =>
    measure(async () => {
      const { csv } = await c.transfer.exportHouseholdsCsv(actor, { region, status: 'active' });
      await pipeline(csv, createWriteStream(out));
      return statSync(out).size;
    });
  const job = () =>
    measure(async () => {
      const queued = await c.jobs.enqueue(actor, HOUSEHOLD_EXPORT, { region, status: 'active' });
      if (!(await new JobWorker(c.jobs).runOne())) throw new Error('the job was not run');
      const v = await c.jobs.get(actor, queued.id);
      if (v.state !== 'done') throw new Error(`export job ${v.state}: ${JSON.stringify(v.error)}`);
      return (v.result as { bytes: number }).bytes;
    });

  await direct(); // warm-up, not reported
  const results: { direct: Awaited<ReturnType<typeof direct>>[]; job: Awaited<ReturnType<typeof job>>[] } = {
    direct: [],
    job: [],
  };
  for (let i = 0; i < runs; i++) {
    results.direct.push(await direct());
    results.job.push(await job());
  }
  const bytes = results.direct[0]!.bytes;
  if (results.job.some((r) => r.bytes !== bytes))
    throw new Error('the job wrote another file than the export');
  const per1000 = (s: number) => (s * 1000 * 1000) / size;
  const row = (way: 'direct' | 'job') => {
    const rs = results[way];
    const wall = median(rs.map((r) => r.wall));
    const cpu = median(rs.map((r) => r.cpu));
    return {
      wall,
      cpu,
      line: `| ${way} | ${fmt(wall, 2)} | ${fmt(per1000(wall))} | ${fmt(cpu, 2)} | ${fmt(per1000(cpu))} | ${rs.map((r) => `${fmt(r.wall, 2)} (${fmt(r.cpu, 2)})`).join(', ')} |`,
    };
  };
  const d = row('direct');
  const j = row('job');
  const md = [
    `## Household export (${engine === 'sqlite' ? 'SQLite' : 'PostgreSQL'})`,
    '',
    machineMarkdown(m, `node bench/export-job.ts ${process.argv.slice(2).join(' ')}`),
    `- data: ${engine === 'sqlite' ? url : 'PostgreSQL on 127.0.0.1 (same machine)'} (${fmt(households)} seeded households); ${region === largest.districtCode ? 'the largest district, ' : ''}${region}: ${fmt(size)} active households, a ${fmt(bytes / 1024 / 1024, 1)} MiB CSV; ${runs} runs of each way, alternating, after one direct warm-up`,
    '- direct: `TransferService.exportHouseholdsCsv` streamed into a file (`dtks export --out`, the streamed GET)',
    "- job: enqueue, then a `JobWorker` claims and runs it: every page of 1,000 households appended to the run's file; every 2 s or 10 pages `fdatasync` and a checkpoint row update; the file renamed at the end",
    '- CPU: user + system time of the process over the run (both ways run in it)',
    '',
    '| way | median wall s | wall ms per 1,000 households | median CPU s | CPU ms per 1,000 households | runs: wall s (CPU s) |',
    '|---|---:|---:|---:|---:|---|',
    d.line,
    j.line,
    '',
    `Job overhead per 1,000 households: ${fmt(per1000(j.cpu - d.cpu))} ms CPU (${fmt(((j.cpu - d.cpu) / d.cpu) * 100, 1)} %), ${fmt(per1000(j.wall - d.wall))} ms wall (${fmt(((j.wall - d.wall) / d.wall) * 100, 1)} %).`,
    '',
  ].join('\n');
  console.log(md);
  const file = f.get('out') ?? `bench/tmp/export-job-${engine}.md`;
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, md);
  console.log(`written to ${file}`);
} finally {
  await c.close();
  rmSync(dataDir, { recursive: true, force: true });
}

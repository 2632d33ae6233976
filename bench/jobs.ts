/**
 * Job overhead of the household import: the same file imported directly through TransferService (what the
 * API did in the request, and `dtks import` does) and as a `household.import` job (stored with the job,
 * claimed by a worker, a checkpoint committed with every chunk). Each run starts from a copy of one migrated
 * database; the two ways alternate so a busy moment of the shared machine hits both. Target: the job at most
 * 10 % slower per 1,000 households.
 *
 *   node bench/jobs.ts [--households 10000] [--runs 5] [--chunk 500]
 *
 * Files go to bench/tmp/; the default run writes bench/results/jobs.md.
 */
import { copyFileSync, createReadStream, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createContainer } from '../src/container.ts';
import { createDb } from '../src/db/dialect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { systemActor } from '../src/modules/access/actor.ts';
import { JobWorker } from '../src/modules/jobs/jobs.worker.ts';
import { HOUSEHOLD_IMPORT } from '../src/modules/transfer/transfer.jobs.ts';
import { writeHouseholdsCsv } from './lib/households-csv.ts';
import { flags, fmt, int, machine, machineMarkdown, median } from './lib/report.ts';

const f = flags();
const n = int(f.get('households'), 10_000);
const runs = int(f.get('runs'), 5);
const chunk = int(f.get('chunk'), 500);

const file = resolve(`bench/tmp/jobs-${n}.csv`);
const template = resolve('bench/tmp/jobs-template.sqlite');
const db = resolve('bench/tmp/jobs-run.sqlite');
mkdirSync(dirname(file), { recursive: true });

const m = machine();
console.log(`writing ${fmt(n)} households → ${file}`);
await writeHouseholdsCsv(file, n);
for (const p of [template, `${template}-wal`, `${template}-shm`]) rmSync(p, { force: true });
const t = createDb(template);
await migrateToLatest(t);
await t.close();

type Way = 'direct' | 'job';

/** One import into a fresh copy of the migrated database; wall time from the start to the last commit. */
async function once(way: Way): Promise<{ ms: number; cpuMs: number; created: number }> {
  for (const p of [db, `${db}-wal`, `${db}-shm`]) rmSync(p, { force: true });
  copyFileSync(template, db);
  const c = createContainer(createDb(db));
  const actor = systemActor('bench');
  await c.regions.lookup(); // the region index is loaded in a running server
  try {
    const started = performance.now();
    const cpu = process.cpuUsage();
    let created: number;
    if (way === 'direct') {
      const s = await c.transfer.importHouseholdsCsv(actor, createReadStream(file), {
        acceptWarnings: false,
        source: 'bench.csv',
        chunkSize: chunk,
      });
      created = s.created;
    } else {
      // What the API does with a request body (read whole, stored with the job; its header check aside), then a
      // worker's run of it.
      const content = readFileSync(file);
      const job = await c.jobs.enqueue(
        actor,
        HOUSEHOLD_IMPORT,
        { source: 'bench.csv', acceptWarnings: false, chunkSize: chunk },
        { name: 'bench.csv', content },
      );
      await new JobWorker(c.jobs).drain();
      const v = await c.jobs.get(actor, job.id);
      if (v.state !== 'done') throw new Error(`job ended ${v.state}: ${JSON.stringify(v.error)}`);
      created = (v.result as { created: number }).created;
    }
    const ms = performance.now() - started;
    const used = process.cpuUsage(cpu);
    if (created !== n) throw new Error(`${way}: created ${created} of ${n}`);
    return { ms, cpuMs: (used.user + used.system) / 1000, created };
  } finally {
    await c.close();
  }
}

const times: Record<Way, number[]> = { direct: [], job: [] };
const cpuTimes: Record<Way, number[]> = { direct: [], job: [] };
for (let r = 0; r < runs; r++) {
  for (const way of (r % 2 ? ['job', 'direct'] : ['direct', 'job']) as Way[]) {
    const { ms, cpuMs } = await once(way);
    times[way].push(ms);
    cpuTimes[way].push(cpuMs);
    console.log(`  run ${r + 1} ${way}: ${fmt(ms / 1000, 2)} s wall, ${fmt(cpuMs / 1000, 2)} s CPU`);
  }
}
const perK = (ms: number) => (ms / n) * 1000;
const direct = median(times.direct);
const job = median(times.job);
const directCpu = median(cpuTimes.direct);
const jobCpu = median(cpuTimes.job);
const overhead = job / direct - 1;
const cpuOverhead = jobCpu / directCpu - 1;
const pct = (x: number) => `${x >= 0 ? '+' : ''}${fmt(x * 100, 1)} %`;
const command = `node bench/jobs.ts${process.argv.length > 2 ? ` ${process.argv.slice(2).join(' ')}` : ''}`;
const md = [
  '# Job overhead of the household import',
  '',
  machineMarkdown(m, command),
  `- data: ${fmt(n)} generated households of 4 members in Kabupaten Wonosobo (33.07), one CSV file; chunks of ${chunk} households (one transaction each); SQLite (node:sqlite, WAL), a fresh copy of one migrated database per run; ${runs} runs of each way, alternating`,
  '- direct: `TransferService.importHouseholdsCsv` over the file (the request-bound import of before, and `dtks import`)',
  "- job: enqueue (the file read whole and stored in `job_inputs`), then a `JobWorker` claims and runs it: a checkpoint (counts, rejected lines) written in every chunk's transaction, the result written at the end",
  '',
  '- CPU: user + system time of the process over the run (the import and the worker run in it): on a shared machine it moves far less with other work than the wall time does',
  '',
  '| way | median wall s | wall ms per 1,000 households | median CPU s | CPU ms per 1,000 households | runs: wall s (CPU s) |',
  '|---|---:|---:|---:|---:|---|',
  ...(['direct', 'job'] as Way[]).map((way) => {
    const w = median(times[way]);
    const c = median(cpuTimes[way]);
    const each = times[way]
      .map((x, i) => `${fmt(x / 1000, 2)} (${fmt(cpuTimes[way][i]! / 1000, 2)})`)
      .join(', ');
    return `| ${way} | ${fmt(w / 1000, 2)} | ${fmt(perK(w))} | ${fmt(c / 1000, 2)} | ${fmt(perK(c))} | ${each} |`;
  }),
  '',
  `Job overhead per 1,000 households: ${fmt(perK(jobCpu) - perK(directCpu))} ms CPU (${pct(cpuOverhead)}), ${fmt(perK(job) - perK(direct))} ms wall (${pct(overhead)}); target ≤ 10 %.`,
  '',
].join('\n');
console.log(`\n${md}`);
const target =
  f.get('out') ??
  (f.has('households') || f.has('runs') ? 'bench/tmp/results/jobs.md' : 'bench/results/jobs.md');
mkdirSync(dirname(target), { recursive: true });
writeFileSync(target, md);
console.log(`written to ${target}`);
for (const p of [db, `${db}-wal`, `${db}-shm`, template, `${template}-wal`, `${template}-shm`])
  rmSync(p, { force: true });

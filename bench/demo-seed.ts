/**
 * What `npm start` spends seeding the demo on an empty SQLite database, step by step in one run: each line
 * the seed prints ends a step (the households, the PPKS/PSKS registers, the chain settings, the update-cycle
 * activity of src/cli/demo-cycle.ts, the likely duplicates, wages, ranking, programmes, recipients,
 * distribution, the aid-source list, the citizen side), so each step's share is a ratio measured next to
 * the rest on the same machine at the same moment. `--runs n` repeats the whole seed on fresh databases
 * and reports each step's median.
 *
 *   node bench/demo-seed.ts [--households 3000] [--runs 3] [--out bench/results/demo-seed.md]
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedDemoIfEmpty } from '../src/cli/seed-demo.ts';
import { loadConfig } from '../src/config.ts';
import { createContainer } from '../src/container.ts';
import { createDb } from '../src/db/dialect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { flags, fmt, int, machine, machineMarkdown } from './lib/report.ts';

const f = flags();
const households = int(f.get('households'), 3000);
const out = f.get('out');

const runs = int(f.get('runs'), 3);

interface Mark {
  line: string;
  at: number;
  cpu: number;
}

/** One seed of a fresh database; the moment (wall and this process's CPU, ms from the start) of each line. */
async function seedOnce(): Promise<{ marks: Mark[]; total: number; totalCpu: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'dtks-demo-seed-'));
  try {
    const database = createDb(join(dir, 'demo.sqlite'));
    await migrateToLatest(database); // schema and regions: not timed
    const c = createContainer(database, { ...loadConfig(), dataDir: join(dir, 'data') });
    mkdirSync(join(dir, 'data'), { recursive: true });
    const marks: Mark[] = [];
    const cpu = () => {
      const u = process.cpuUsage();
      return (u.user + u.system) / 1000;
    };
    const started = performance.now();
    const cpuStarted = cpu();
    await seedDemoIfEmpty(c, households, (line) => {
      // Progress lines of the household import are not steps.
      if (!line.startsWith(' '))
        marks.push({ line, at: performance.now() - started, cpu: cpu() - cpuStarted });
    });
    const total = performance.now() - started;
    const totalCpu = cpu() - cpuStarted;
    await c.close();
    return { marks, total, totalCpu };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A step's name: the line's first words, without its figures. */
const stepOf = (line: string) =>
  line
    .split('\n')[0]!
    .replace(/[:(].*$/, '')
    .replace(/[\d,.]+/g, 'n')
    .trim();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const m = machine();
const all: Awaited<ReturnType<typeof seedOnce>>[] = [];
for (let i = 0; i < runs; i++) all.push(await seedOnce());
const steps = all[0]!.marks.map((x, i) => ({
  name: stepOf(x.line),
  wall: median(all.map((r) => r.marks[i]!.at - (r.marks[i - 1]?.at ?? 0))),
  cpu: median(all.map((r) => r.marks[i]!.cpu - (r.marks[i - 1]?.cpu ?? 0))),
}));
const total = median(all.map((r) => r.total));
const totalCpu = median(all.map((r) => r.totalCpu));
const s = (ms: number) => `${fmt(ms / 1000, 2)} s`;
const report = [
  '# Demo seed time (`npm start` on an empty SQLite database)',
  '',
  machineMarkdown(m, `node bench/demo-seed.ts --households ${households} --runs ${runs}`),
  "- the machine is shared with other sessions running tests: absolute times vary; each step's share is",
  `  measured in the same run as the rest; figures are the median of ${runs} runs (each on a fresh database)`,
  '',
  '| step (ends with the line) | wall time | share | CPU time (this process) | share |',
  '|---|---:|---:|---:|---:|',
  ...steps.map(
    (x) =>
      `| ${x.name} | ${s(x.wall)} | ${fmt((x.wall / total) * 100, 1)} % | ${s(x.cpu)} | ${fmt((x.cpu / totalCpu) * 100, 1)} % |`,
  ),
  `| total | ${s(total)} | 100 % | ${s(totalCpu)} | 100 % |`,
  '',
  'On this loaded machine wall time is several times CPU time (the process waits for the CPU and for',
  'fsyncs); the CPU column is closer to what an idle machine takes.',
  '',
  'Output of the first run:',
  '',
  '```',
  ...all[0]!.marks.map((x) => `${s(x.at).padStart(9)}  ${x.line.split('\n')[0]}`),
  '```',
  '',
].join('\n');
console.log(report);
if (out) writeFileSync(out, report);

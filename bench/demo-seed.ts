/**
 * What `npm start` spends seeding the demo on an empty SQLite database (the households, the PPKS/PSKS
 * registers, then the update-cycle activity of src/cli/demo-cycle.ts), phase by phase in one run, so the
 * cycle's share is a ratio measured next to the rest on the same machine at the same moment.
 *
 *   node bench/demo-seed.ts [--households 3000] [--out bench/results/demo-seed.md]
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

const dir = mkdtempSync(join(tmpdir(), 'dtks-demo-seed-'));
const m = machine();
try {
  const database = createDb(join(dir, 'demo.sqlite'));
  await migrateToLatest(database); // schema and regions: not timed
  const c = createContainer(database, { ...loadConfig(), dataDir: join(dir, 'data') });
  mkdirSync(join(dir, 'data'), { recursive: true });
  const marks: { line: string; at: number; cpu: number }[] = [];
  const cpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const started = performance.now();
  const cpuStarted = cpu();
  await seedDemoIfEmpty(c, households, (line) =>
    marks.push({ line, at: performance.now(), cpu: cpu() - cpuStarted }),
  );
  const total = performance.now() - started;
  const totalCpu = cpu() - cpuStarted;
  const at = (pattern: RegExp) => marks.find((x) => pattern.test(x.line))!.at - started;
  const cpuAt = (pattern: RegExp) => marks.find((x) => pattern.test(x.line))!.cpu;
  const householdsDone = at(/^seeded [\d,]+ households/);
  const registersDone = at(/ PPKS and /);
  const cycleDone = at(/^seeded the update cycle/);
  const cpuHouseholds = cpuAt(/^seeded [\d,]+ households/);
  const cpuRegisters = cpuAt(/ PPKS and /);
  const cpuCycle = cpuAt(/^seeded the update cycle/);
  const phases = [
    ['households (import path)', householdsDone, cpuHouseholds],
    ['PPKS/PSKS registers', registersDone - householdsDone, cpuRegisters - cpuHouseholds],
    ['update-cycle activity (new)', cycleDone - registersDone, cpuCycle - cpuRegisters],
  ] as const;
  await c.close();
  const s = (ms: number) => `${fmt(ms / 1000, 2)} s`;
  const report = [
    '# Demo seed time (`npm start` on an empty SQLite database)',
    '',
    machineMarkdown(m, `node bench/demo-seed.ts --households ${households}`),
    '- the machine is shared with other sessions running tests: absolute times vary; the share of the cycle',
    '  is measured in the same run as the rest',
    '',
    '| phase | wall time | share | CPU time (this process) | share |',
    '|---|---:|---:|---:|---:|',
    ...phases.map(
      ([name, ms, c]) =>
        `| ${name} | ${s(ms)} | ${fmt((ms / total) * 100, 1)} % | ${s(c)} | ${fmt((c / totalCpu) * 100, 1)} % |`,
    ),
    `| total | ${s(total)} | 100 % | ${s(totalCpu)} | 100 % |`,
    '',
    `Before this change the seed was the first two phases (${s(registersDone)} wall, ${s(cpuRegisters)} CPU); the`,
    `cycle adds ${s(cycleDone - registersDone)} wall (${fmt(((cycleDone - registersDone) / registersDone) * 100, 0)} % more) and ${s(cpuCycle - cpuRegisters)} CPU`,
    `(${fmt(((cpuCycle - cpuRegisters) / cpuRegisters) * 100, 0)} % more). The cycle phase includes creating the demo accounts (Argon2id`,
    'hashing, nine accounts), which `npm start` did anyway right after seeding before this change.',
    'On this loaded machine wall time is several times CPU time (the process waits for the CPU and for',
    'fsyncs); the CPU column is closer to what an idle machine takes. The first proposals also pay for',
    'loading the attachment and PDF modules, which a first upload would pay later otherwise.',
    '',
    'Output:',
    '',
    '```',
    ...marks.map((x) => `${s(x.at - started).padStart(9)}  ${x.line}`),
    '```',
    '',
  ].join('\n');
  console.log(report);
  if (out) writeFileSync(out, report);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

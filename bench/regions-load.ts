/**
 * How long the ~92,000 Kemendagri regions take on SQLite, the embedded default (target: < 3 s):
 *   1. load: reading idn-area-data's CSV files and inserting every region into a fresh database, in one
 *      transaction, exactly as migration 002 does at first start;
 *   2. index: a new process's first region lookup (RegionsService reads the whole table into memory once);
 *   3. first answer: a cold app's first `GET /api/v1/regions/3201` (index load included).
 * Each step runs `--runs` times (default 5) on a fresh temporary file; the median and the worst are
 * reported. Writes bench/results/regions-load.md and exits 1 when the median load misses the target.
 *
 *   node bench/regions-load.ts [--runs 5]
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createContainer } from '../src/container.ts';
import { createDb } from '../src/db/dialect.ts';
import { loadMigrations, migrateToLatest } from '../src/db/migrate.ts';
import { buildApp } from '../src/http/app.ts';
import { systemActor } from '../src/modules/access/actor.ts';
import { loadRegions, readRegions } from '../src/modules/regions/regions.loader.ts';
import { flags, fmt, int, machine, machineMarkdown, median } from './lib/report.ts';

const TARGET_MS = 3000;
const runs = int(flags().get('runs'), 5);
const OUT = resolve(import.meta.dirname, 'results/regions-load.md');

interface Sample {
  parseMs: number;
  loadMs: number;
  rows: number;
  indexMs: number;
  firstAnswerMs: number;
}

/** Schema without the regions (every migration before 002), so the load can be timed on its own. */
async function schemaOnly(path: string) {
  const database = createDb(path);
  const migrations = await loadMigrations();
  const before = migrations.slice(
    0,
    migrations.findIndex((m) => m.name === '002_regions'),
  );
  for (const m of before) await database.db.transaction().execute((trx) => m.up(trx, database.engine));
  return database;
}

async function sample(): Promise<Sample> {
  const dir = mkdtempSync(join(tmpdir(), 'dtks-regions-bench-'));
  try {
    const path = join(dir, 'bench.sqlite');
    const t0 = performance.now();
    const parsed = readRegions().length;
    const parseMs = performance.now() - t0;

    const database = await schemaOnly(path);
    const t1 = performance.now();
    const rows = await database.db.transaction().execute((trx) => loadRegions(trx, database.engine));
    const loadMs = performance.now() - t1;
    await database.close();
    if (rows !== parsed) throw new Error(`loaded ${rows} regions, parsed ${parsed}`);

    // A fully migrated file, then a new container as a fresh process would have it.
    const full = join(dir, 'full.sqlite');
    const migrated = createDb(full);
    await migrateToLatest(migrated);
    await migrated.close();
    const c1 = createContainer(createDb(full));
    const t2 = performance.now();
    const found = await c1.regions.find('32.01.02.2001');
    const indexMs = performance.now() - t2;
    await c1.close();
    if (!found) throw new Error('region 32.01.02.2001 missing after the load');

    const c2 = createContainer(createDb(full));
    const app = await buildApp(c2, { logger: false, webRoot: '/nonexistent' });
    await app.ready();
    // Regions need a session like every API route; a national user's login does not touch the region index.
    await c2.users.create(systemActor('bench'), {
      username: 'bench-pusdatin',
      password: 'bench-password-2026!',
      role: 'pusdatin',
      regionCode: '',
    });
    const { token } = await c2.auth.login('bench-pusdatin', 'bench-password-2026!', {
      ip: null,
      userAgent: 'bench',
    });
    const t3 = performance.now();
    const res = await app.inject({
      url: '/api/v1/regions/3201',
      headers: { authorization: `Bearer ${token}` },
    });
    const firstAnswerMs = performance.now() - t3;
    if (res.statusCode !== 200 || res.json().children.length === 0) throw new Error(`GET: ${res.statusCode}`);
    await app.close();
    await c2.close();
    return { parseMs, loadMs, rows, indexMs, firstAnswerMs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const env = machine();
const samples: Sample[] = [];
for (let i = 0; i < runs; i++) {
  const s = await sample();
  samples.push(s);
  console.log(
    `run ${i + 1}/${runs}: parse ${fmt(s.parseMs)} ms, load ${fmt(s.loadMs)} ms (${fmt(s.rows)} rows), ` +
      `index ${fmt(s.indexMs)} ms, first answer ${fmt(s.firstAnswerMs)} ms`,
  );
}

const row = (label: string, pick: (s: Sample) => number) => {
  const xs = samples.map(pick);
  return `| ${label} | ${fmt(median(xs))} | ${fmt(Math.max(...xs))} |`;
};
const loadMedian = median(samples.map((s) => s.parseMs + s.loadMs));
const pass = loadMedian < TARGET_MS;
const report = `# Regions load on SQLite

${machineMarkdown(env, `node bench/regions-load.ts --runs ${runs}`)}
- regions: ${fmt(samples[0]!.rows)} (38 provinces, regencies, districts, villages from idn-area-data)
- target: parse + load < ${fmt(TARGET_MS)} ms — **${pass ? 'met' : 'MISSED'}** (median ${fmt(loadMedian)} ms)

| step (${runs} runs, fresh temporary file each) | median ms | worst ms |
|---|---:|---:|
${row('parse the CSV files (readRegions)', (s) => s.parseMs)}
${row('insert every region, one transaction (loadRegions, as migration 002)', (s) => s.loadMs)}
${row('parse + insert', (s) => s.parseMs + s.loadMs)}
${row('first lookup in a new container (whole-table index)', (s) => s.indexMs)}
${row('first GET /api/v1/regions/3201 on a cold app (index included)', (s) => s.firstAnswerMs)}
`;
mkdirSync(dirname(OUT), { recursive: true });
writeFileSync(OUT, report);
console.log(`\n${report}\nwritten to ${OUT}`);
if (!pass) process.exitCode = 1;

/**
 * Seeding throughput: N synthetic households (default 1,000,000, ~3.9 persons each) into a fresh SQLite file
 * through the real seed service (validation, duplicate checks, versions, audit), next to a plain node:sqlite
 * prepared-statement insert of the same rows (same generator, same tables and indexes, one transaction per
 * chunk) into another fresh file. Each runs in its own child process, so peak RSS is its own.
 *
 *   node bench/seed.ts [--households N] [--chunk 500] [--profile]
 *
 * The seeded database is kept (bench/tmp/seed-N.sqlite) for bench/person-lookup.ts and
 * bench/household-list.ts; the plain one is deleted. The full run writes bench/results/seed.md.
 */

import { spawn } from 'node:child_process';
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';
import { createContainer } from '../src/container.ts';
import { createDb } from '../src/db/dialect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { storedTimestamp } from '../src/db/stored-timestamp.ts';
import { uuidParam } from '../src/db/uuid-blob.ts';
import { encodeSnapshot } from '../src/db/version-snapshot.ts';
import { localIsoDate } from '../src/domain/calendar.ts';
import { newId } from '../src/lib/ids.ts';
import { systemActor } from '../src/modules/access/actor.ts';
import { buildHousehold } from '../src/modules/households/households.builder.ts';
import { householdFromRows } from '../src/modules/households/households.mapper.ts';
import { flags, fmt, int, machine, machineMarkdown, mib } from './lib/report.ts';

const FULL = 1_000_000;
const SEED = 'bench';

interface ChildResult {
  wallMs: number;
  households: number;
  persons: number;
  rejected: number;
  maxRssBytes: number;
  /** User + system CPU time of the child: less sensitive than wall time to other work on the machine. */
  cpuMs: number;
  /** Plain insert only: where the time went. */
  generateMs?: number;
  buildMs?: number;
  sqlMs?: number;
}

const f = flags();
const households = int(f.get('households'), FULL);
const chunk = int(f.get('chunk'), 500);
const asOf = f.get('as-of') ?? localIsoDate(new Date());

if (f.has('child')) {
  const result = f.get('child') === 'seed' ? await seedChild(f.get('db')!) : await plainChild(f.get('db')!);
  process.stdout.write(`${JSON.stringify(result)}\n`);
} else {
  await parent();
}

async function parent(): Promise<void> {
  const m = machine();
  const seedPath = resolve(f.get('db') ?? `bench/tmp/seed-${households}.sqlite`);
  const plainPath = resolve(`bench/tmp/plain-${households}.sqlite`);
  for (const p of [seedPath, plainPath]) {
    removeDb(p);
    mkdirSync(dirname(p), { recursive: true });
    const database = createDb(p);
    await migrateToLatest(database); // schema and regions; not timed
    await database.close();
  }
  console.log(`seeding ${fmt(households)} households: service → ${seedPath}`);
  const load = () =>
    loadavg()
      .map((l) => l.toFixed(1))
      .join(' ');
  const loadBeforeSeed = load();
  const seed = await runChild('seed', seedPath);
  const loadBeforePlain = load();
  console.log(`plain inserts → ${plainPath}`);
  const plain = await runChild('plain', plainPath);
  const loadAfter = load();
  const seedSize = dbSize(seedPath);
  const plainSize = dbSize(plainPath);
  const storage = storageByTable(seedPath);
  const btrees = storageByBtree(seedPath);
  removeDb(plainPath);

  const rate = (r: ChildResult) => r.households / (r.wallMs / 1000);
  const ratio = rate(seed) / rate(plain);
  const sqlOnlyPlainRate = plain.households / (plain.sqlMs! / 1000);
  const gib = 2 ** 30;
  const row = (name: string, r: ChildResult, size: number) =>
    `| ${name} | ${fmt(r.households)} | ${fmt(r.persons)} | ${fmt(r.wallMs / 1000, 1)} | ${fmt(r.cpuMs / 1000, 1)} | ${fmt(rate(r))} | ${fmt(r.persons / (r.wallMs / 1000))} | ${mib(r.maxRssBytes)} | ${mib(size)} |`;
  const command = `node bench/seed.ts${process.argv.slice(2).length ? ` ${process.argv.slice(2).join(' ')}` : ''}`;
  const md = [
    `# Seed throughput: ${fmt(households)} households`,
    '',
    machineMarkdown(m, command),
    `- data: seed \`${SEED}\`, as of ${asOf}, the whole nation (83,762 villages), ${chunk} households per transaction, SQLite (node:sqlite, WAL, synchronous=NORMAL)`,
    '',
    '| path | households | persons | wall s | CPU s | households/s | persons/s | peak RSS | database file |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    row('seed service (importBatch: validation, NIK/KK checks, versions, audit)', seed, seedSize),
    row('plain node:sqlite prepared statements, same rows', plain, plainSize),
    '',
    `Plain run breakdown: generating households ${fmt(plain.generateMs! / 1000, 1)} s, building rows (buildHousehold + version snapshots) ${fmt(plain.buildMs! / 1000, 1)} s, SQL ${fmt(plain.sqlMs! / 1000, 1)} s.`,
    '',
    `- load average (1/5/15 min) before the seed ${loadBeforeSeed}, before the plain run ${loadBeforePlain}, after ${loadAfter}: the box is shared, so wall times move with other work; CPU times much less`,
    `- seed rate / plain rate: **${fmt(ratio * 100)}%** (target ≥ 50%) — ${ratio >= 0.5 ? 'met' : 'MISSED'}`,
    `- by CPU time instead of wall time (less sensitive to other load on the machine): ${fmt((plain.cpuMs / seed.cpuMs) * 100)}%`,
    `- seed rate / plain SQL-only rate (${fmt(sqlOnlyPlainRate)} households/s, generation and row building excluded): ${fmt((rate(seed) / sqlOnlyPlainRate) * 100)}%`,
    `- peak RSS of the seed: **${mib(seed.maxRssBytes)}** (target < 1 GiB) — ${seed.maxRssBytes < gib ? 'met' : 'MISSED'}`,
    `- rejected by validation: ${fmt(seed.rejected)}`,
    '',
    storageMarkdown(storage, seed.households),
    btreeMarkdown(btrees, seed.households),
  ].join('\n');
  console.log(`\n${md}`);
  const out =
    f.get('out') ??
    (households === FULL ? 'bench/results/seed.md' : `bench/tmp/results/seed-${households}.md`);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, md);
  console.log(`written to ${out}; seeded database kept at ${seedPath}`);
}

function runChild(kind: 'seed' | 'plain', db: string): Promise<ChildResult> {
  const args = [
    ...(f.has('profile') ? ['--cpu-prof', `--cpu-prof-dir=${resolve('bench/tmp/prof')}`] : []),
    new URL(import.meta.url).pathname,
    '--child',
    kind,
    '--db',
    db,
    '--households',
    String(households),
    '--chunk',
    String(chunk),
    '--as-of',
    asOf,
  ];
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`${kind} child exited with ${code}`));
      resolvePromise(JSON.parse(out.trim().split('\n').at(-1)!) as ChildResult);
    });
  });
}

function progress(done: number, started: number): void {
  if (done % Math.max(chunk, Math.floor(households / 10 / chunk) * chunk) === 0 || done === households) {
    const s = (performance.now() - started) / 1000;
    const rss = process.memoryUsage.rss();
    process.stderr.write(`  ${fmt(done)} households, ${fmt(s, 1)} s, ${fmt(done / s)}/s, RSS ${mib(rss)}\n`);
  }
}

async function seedChild(db: string): Promise<ChildResult> {
  const c = createContainer(createDb(db));
  const started = performance.now();
  const r = await c.seed.seed(systemActor('bench'), { households, seed: SEED, asOf, chunkSize: chunk }, (p) =>
    progress(p.done, started),
  );
  const wallMs = performance.now() - started;
  await c.close();
  return {
    wallMs,
    households: r.created,
    persons: r.persons,
    rejected: r.rejected,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
    cpuMs: cpuMs(),
  };
}

/** The same households, rows and version snapshots, written with plain prepared statements. */
async function plainChild(db: string): Promise<ChildResult> {
  const c = createContainer(createDb(db)); // regions and the generator only; writes go through `raw`
  const raw = new DatabaseSync(db);
  for (const pragma of [
    'journal_mode = WAL',
    'synchronous = NORMAL',
    'foreign_keys = ON',
    'busy_timeout = 5000',
    'cache_size = -65536',
    'temp_store = MEMORY',
  ])
    raw.exec(`PRAGMA ${pragma}`);
  const statements = new Map<string, { stmt: StatementSync; keys: string[] }>();
  const insert = (table: string, row: Record<string, unknown>) => {
    let s = statements.get(table);
    if (!s) {
      const keys = Object.keys(row);
      const cols = keys.map((k) => k.replace(/[A-Z]/g, (ch) => `_${ch.toLowerCase()}`));
      s = {
        keys,
        stmt: raw.prepare(
          `insert into ${table} (${cols.join(', ')}) values (${cols.map(() => '?').join(', ')})`,
        ),
      };
      statements.set(table, s);
    }
    const values: SQLInputValue[] = new Array(s.keys.length);
    for (let i = 0; i < s.keys.length; i++) {
      const v = row[s.keys[i]!];
      // Ids bound as 16-byte blobs, as the SQLite driver binds them (src/db/uuid-blob.ts, migration 083).
      values[i] =
        v === undefined ? null : typeof v === 'boolean' ? (v ? 1 : 0) : (uuidParam(v) as SQLInputValue);
    }
    s.stmt.run(...values);
  };
  const lookup = await c.regions.lookup();
  let generateMs = 0;
  let buildMs = 0;
  let sqlMs = 0;
  let done = 0;
  let persons = 0;
  const started = performance.now();
  let mark = performance.now();
  for await (const households of c.seed.generate({
    households: totalHouseholds(),
    seed: SEED,
    asOf,
    chunkSize: chunk,
  })) {
    const t1 = performance.now();
    generateMs += t1 - mark;
    const ctx = {
      now: new Date().toISOString(),
      actorId: null,
      isKnownVillage: (code: string) => lookup(code)?.level === 4,
      isKnownDistrict: (code: string) => lookup(code)?.level === 3,
    };
    const built = households.map((h) => buildHousehold(h, ctx));
    const versions = built.map((b) => ({
      id: newId(),
      entityType: 'household',
      entityId: b.household.id,
      provinceCode: b.household.provinceCode,
      villageCode: b.household.villageCode,
      version: 1,
      changeType: 'create',
      reason: 'synthetic seed',
      snapshot: encodeSnapshot(householdFromRows(b.household, b.persons)),
      changedBy: null,
      changedAt: b.household.createdAt,
    }));
    const t2 = performance.now();
    buildMs += t2 - t1;
    raw.exec('BEGIN');
    for (const b of built) insert('households', b.household as unknown as Record<string, unknown>);
    for (const b of built)
      for (const p of b.persons)
        insert('persons', {
          ...p,
          // As the households repository stores them on SQLite (src/db/stored-timestamp.ts).
          createdAt: storedTimestamp('sqlite', p.createdAt as string),
          updatedAt: storedTimestamp('sqlite', p.updatedAt as string),
        });
    for (const v of versions) insert('record_versions', v);
    raw.exec('COMMIT');
    mark = performance.now();
    sqlMs += mark - t2;
    done += households.length;
    persons += built.reduce((s, b) => s + b.persons.length, 0);
    progress(done, started);
  }
  const wallMs = performance.now() - started;
  raw.close();
  await c.close();
  return {
    wallMs,
    households: done,
    persons,
    rejected: 0,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
    cpuMs: cpuMs(),
    generateMs,
    buildMs,
    sqlMs,
  };
}

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

function totalHouseholds(): number {
  return households;
}

function removeDb(path: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
}

/** Bytes per table, its indexes included (SQLite's dbstat), after a checkpoint folded the WAL in. */
function storageByTable(path: string): Map<string, number> {
  const db = new DatabaseSync(path);
  try {
    db.exec('pragma wal_checkpoint(truncate)');
    const rows = db
      .prepare(
        `select coalesce(s.tbl_name, d.name) as tbl, sum(d.pgsize) as bytes
         from dbstat d left join sqlite_schema s on s.name = d.name group by tbl order by bytes desc`,
      )
      .all() as { tbl: string; bytes: number }[];
    return new Map(rows.map((r) => [r.tbl, r.bytes]));
  } finally {
    db.close();
  }
}

/** Bytes per b-tree (each table and each index on its own), with the table it belongs to. */
function storageByBtree(path: string): { name: string; table: string; bytes: number }[] {
  const db = new DatabaseSync(path);
  try {
    return db
      .prepare(
        `select d.name as name, coalesce(s.tbl_name, d.name) as "table", sum(d.pgsize) as bytes
         from dbstat d left join sqlite_schema s on s.name = d.name group by d.name order by bytes desc`,
      )
      .all() as { name: string; table: string; bytes: number }[];
  } finally {
    db.close();
  }
}

/** The b-trees of at least 0.01 KiB per household, regions' excluded: where the bytes go, row by row. */
function btreeMarkdown(btrees: { name: string; table: string; bytes: number }[], households: number): string {
  const kib = (bytes: number) => bytes / households / 1024;
  return [
    '### By b-tree (dbstat)',
    '',
    '| b-tree | table | KiB per household |',
    '|---|---|---:|',
    ...btrees
      .filter((b) => b.table !== 'regions' && kib(b.bytes) >= 0.01)
      .map((b) => `| ${b.name} | ${b.table} | ${fmt(kib(b.bytes), 3)} |`),
    '',
  ].join('\n');
}

/**
 * Storage per household: the whole file, and without the regions table (a fixed ~9 MiB whatever the number
 * of households). Target: ≤ 2.5 KiB per household of about four with one version (issue 11).
 */
function storageMarkdown(byTable: Map<string, number>, households: number): string {
  const total = [...byTable.values()].reduce((a, b) => a + b, 0);
  const regions = byTable.get('regions') ?? 0;
  const kib = (bytes: number) => fmt(bytes / households / 1024, 2);
  const perHousehold = (total - regions) / households / 1024;
  return [
    '## Storage per household (seed service database)',
    '',
    '| table (with its indexes) | MiB | KiB per household |',
    '|---|---:|---:|',
    ...[...byTable]
      .filter(([, b]) => b >= 2 ** 16)
      .map(([t, b]) => `| ${t} | ${fmt(b / 2 ** 20, 1)} | ${kib(b)} |`),
    `| **all tables but regions** | ${fmt((total - regions) / 2 ** 20, 1)} | **${fmt(perHousehold, 2)}** |`,
    '',
    `- per household, regions excluded: **${fmt(perHousehold, 2)} KiB** (target ≤ 2.5 KiB) — ${perHousehold <= 2.5 ? 'met' : 'MISSED'}`,
    '',
  ].join('\n');
}

function dbSize(path: string): number {
  let total = 0;
  for (const suffix of ['', '-wal'])
    try {
      total += statSync(`${path}${suffix}`).size;
    } catch {
      // no WAL file left
    }
  return total;
}

/**
 * Penetapan at national scale: determine a first period over N households (default 1,000,000), apply ~2%
 * changes, determine the second period (snapshot + diff with reasons + counts + checksum + SK), on SQLite
 * and on PostgreSQL. Each determination runs in its own child process, so its peak RSS is its own.
 *
 *   node bench/penetapan.ts [--households N] [--engine sqlite|postgres|both] [--pg postgres://…/db] [--profile]
 *
 * Data: the seed service (`dtks seed`, the import path) fills a base database once per engine and size
 * (bench/tmp/penetapan/base-N.sqlite; PostgreSQL database `penetapan_bench` or --pg); each run works on a copy
 * (file copy / CREATE DATABASE … TEMPLATE). Not timed: copying, every regency's submission for the period
 * (inserted through the submissions repository as `submitted`: the submit rules are covered by the tests),
 * and the changes between the periods — 2% of N: corrections and removals through HouseholdsRepository
 * (the same row update + record_versions snapshot the service writes, without per-household audit), and
 * new households through the seed service.
 *
 * Targets: each determination < 60 s wall and < 1 GiB peak RSS. Writes bench/results/penetapan.md.
 */

import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import pg from 'pg';
import { createContainer } from '../src/container.ts';
import { createDb, type EngineName } from '../src/db/dialect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import type { HouseholdRow } from '../src/db/schema/index.ts';
import { encodeSnapshot } from '../src/db/version-snapshot.ts';
import { newId } from '../src/lib/ids.ts';
import { type Actor, systemActor } from '../src/modules/access/actor.ts';
import { householdFromRows } from '../src/modules/households/households.mapper.ts';
import { HouseholdsRepository } from '../src/modules/households/households.repository.ts';
import { PenetapanRepository } from '../src/modules/penetapan/penetapan.repository.ts';
import { SubmissionsRepository } from '../src/modules/pengesahan/pengesahan.repository.ts';
import { flags, fmt, int, machine, machineMarkdown, mib } from './lib/report.ts';

const FULL = 1_000_000;
const P1 = '2026-03';
const P2 = '2026-04';
const GIB = 2 ** 30;

interface Determination {
  period: string;
  wallMs: number;
  maxRssBytes: number;
  summary: {
    households: number;
    persons: number;
    added: number;
    removed: number;
    changed: number;
    checksum: string;
  };
  /** With --profile: milliseconds per repository step. */
  steps?: Record<string, number>;
}

interface EngineResult {
  engine: EngineName;
  first: Determination;
  second: Determination;
  repeat: Determination;
  changes: { corrected: number; removed: number; added: number; setupMs: number };
}

const f = flags();
const households = int(f.get('households'), FULL);
const pgBase = f.get('pg') ?? 'postgres://postgres@127.0.0.1:5432/penetapan_bench';
const pusdatin: Actor = { ...systemActor('bench'), role: 'pusdatin' };

if (f.get('child') === 'determine') {
  process.stdout.write(`${JSON.stringify(await determineChild(f.get('url')!, f.get('period')!))}\n`);
} else {
  await parent();
}

async function parent(): Promise<void> {
  const m = machine();
  const engines: EngineName[] =
    f.get('engine') === 'sqlite'
      ? ['sqlite']
      : f.get('engine') === 'postgres'
        ? ['postgres']
        : ['sqlite', 'postgres'];
  const results: EngineResult[] = [];
  for (const engine of engines) results.push(await runEngine(engine));
  const row = (e: EngineResult, label: string, d: Determination) =>
    `| ${e.engine} | ${label} | ${fmt(d.summary.households)} | ${fmt(d.summary.persons)} | ${fmt(d.summary.added)} | ${fmt(d.summary.removed)} | ${fmt(d.summary.changed)} | **${fmt(d.wallMs / 1000, 1)}** | **${mib(d.maxRssBytes)}** |`;
  const met = (d: Determination) => d.wallMs < 60_000 && d.maxRssBytes < GIB;
  const command = `node bench/penetapan.ts${process.argv.length > 2 ? ` ${process.argv.slice(2).join(' ')}` : ''}`;
  const md = [
    `# Penetapan: ${fmt(households)} households`,
    '',
    machineMarkdown(m, command),
    `- data: ${fmt(households)} households from the seed service (\`dtks seed\`, whole nation), every regency submitted for both periods; between them ~2% changes (corrections and removals through HouseholdsRepository with their record_versions rows, new households through the seed service)`,
    '- each determination: one transaction (claim the `periods` row, snapshot insert…select, diff with reasons, per-regency counts, SHA-256 checksum streamed in keyset pages, SK PDF with counts per province and regency, submissions → determined, audit), in its own child process',
    '',
    '| engine | run | households | persons | added | removed | changed | wall s | peak RSS |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|',
    ...results.flatMap((e) => [
      row(e, `first period ${P1}`, e.first),
      row(e, `second period ${P2} (diff)`, e.second),
      row(e, `${P2} again (idempotent answer)`, e.repeat),
    ]),
    '',
    ...results.map(
      (e) =>
        `- ${e.engine}: changes applied between the periods: ${fmt(e.changes.corrected)} corrected, ${fmt(e.changes.removed)} removed, ${fmt(e.changes.added)} added (setup ${fmt(e.changes.setupMs / 1000, 1)} s, not timed); repeat checksum ${e.repeat.summary.checksum === e.second.summary.checksum ? 'identical' : 'DIFFERENT'}; targets (< 60 s, < 1 GiB per determination): ${[e.first, e.second].every(met) ? 'met' : 'MISSED'}`,
    ),
    ...results.flatMap((e) =>
      [e.first, e.second]
        .filter((d) => d.steps)
        .map(
          (d) =>
            `- ${e.engine} ${d.period}, where the time went (ms, steps ≥ 50 ms; the rest is the SK PDF, audit and notifications): ${Object.entries(
              d.steps!,
            )
              .map(([k, v]) => `${k} ${fmt(v)}`)
              .join(', ')}`,
        ),
    ),
    '',
  ].join('\n');
  console.log(`\n${md}`);
  const out =
    f.get('out') ??
    (households === FULL ? 'bench/results/penetapan.md' : `bench/tmp/results/penetapan-${households}.md`);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, md);
  console.log(`written to ${out}`);
}

async function runEngine(engine: EngineName): Promise<EngineResult> {
  const url = engine === 'sqlite' ? await sqliteCopy() : await postgresCopy();
  console.log(`${engine}: working copy ${url.replace(/:\/\/([^:@/]+):[^@/]+@/, '://$1:***@')}`);
  await submitAll(url, P1);
  const first = await runChild(url, P1);
  console.log(`  ${P1}: ${fmt(first.wallMs / 1000, 1)} s, ${mib(first.maxRssBytes)}`, first.summary);
  const changes = await applyChanges(url);
  console.log(`  changes: ${JSON.stringify(changes)}`);
  await submitAll(url, P2);
  const second = await runChild(url, P2);
  console.log(`  ${P2}: ${fmt(second.wallMs / 1000, 1)} s, ${mib(second.maxRssBytes)}`, second.summary);
  const repeat = await runChild(url, P2);
  if (engine === 'postgres') await dropDatabase(url);
  else for (const suffix of ['', '-wal', '-shm']) rmSync(`${url}${suffix}`, { force: true });
  return { engine, first, second, repeat, changes };
}

/** The seeded base database (seeded through `dtks seed` when absent), copied for this run. */
async function sqliteCopy(): Promise<string> {
  const base = resolve(`bench/tmp/penetapan/base-${households}.sqlite`);
  if (!existsSync(base)) seedBase(base);
  const work = resolve(`bench/tmp/penetapan/run-${households}.sqlite`);
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${work}${suffix}`, { force: true });
  // Fold the WAL into the base file so the copy is complete.
  const db = createDb(base);
  await migrateToLatest(db);
  await db.close();
  copyFileSync(base, work);
  return work;
}

async function postgresCopy(): Promise<string> {
  const admin = new pg.Client({ connectionString: withDatabase(pgBase, 'postgres') });
  await admin.connect();
  const baseName = new URL(pgBase).pathname.slice(1);
  const exists = await admin.query('select 1 from pg_database where datname = $1', [baseName]);
  if (!exists.rowCount) {
    await admin.query(`create database "${baseName}"`);
    seedBase(pgBase);
  }
  const db = createDb(pgBase);
  await migrateToLatest(db);
  await db.close();
  const work = `${baseName}_run`;
  await admin.query(`drop database if exists "${work}" with (force)`);
  await admin.query(`create database "${work}" template "${baseName}"`);
  await admin.end();
  return withDatabase(pgBase, work);
}

function seedBase(url: string): void {
  mkdirSync(dirname(resolve('bench/tmp/penetapan/x')), { recursive: true });
  console.log(`seeding ${fmt(households)} households into ${url} (dtks seed)…`);
  const r = spawnSync(
    process.execPath,
    ['src/cli/main.ts', 'seed', '--households', String(households), '--seed', 'penetapan', '--chunk', '1000'],
    { stdio: 'inherit', env: { ...process.env, DATABASE_URL: url } },
  );
  if (r.status !== 0) throw new Error('seeding failed');
}

async function dropDatabase(url: string): Promise<void> {
  const admin = new pg.Client({ connectionString: withDatabase(pgBase, 'postgres') });
  await admin.connect();
  await admin.query(`drop database if exists "${new URL(url).pathname.slice(1)}" with (force)`);
  await admin.end();
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Every regency with households submits for the period (the tests cover the submit rules). */
async function submitAll(url: string, period: string): Promise<void> {
  const database = createDb(url);
  const repo = new SubmissionsRepository();
  const regencies = await database.db.selectFrom('households').select('regencyCode').distinct().execute();
  const now = new Date().toISOString();
  await database.db.transaction().execute(async (trx) => {
    for (const { regencyCode } of regencies) {
      await repo.insert(trx, {
        id: newId(),
        period,
        provinceCode: regencyCode.slice(0, 2),
        regencyCode,
        state: 'submitted',
        approvalLetterId: null,
        beritaAcaraIds: '[]',
        submittedAt: now,
        note: null,
        version: 1,
        createdAt: now,
        createdBy: null,
        updatedAt: now,
        updatedBy: null,
      });
    }
  });
  await database.close();
}

/**
 * ~2% of the households change between the periods: every 67th household in id order (1.5%), two of three
 * corrected and one of three removed, plus 0.5% new households through the seed service.
 */
async function applyChanges(url: string): Promise<EngineResult['changes']> {
  const started = performance.now();
  const database = createDb(url);
  const { db } = database;
  const repo = new HouseholdsRepository(database.engine.name);
  let corrected = 0;
  let removed = 0;
  let after: string | null = null;
  let n = 0;
  const now = new Date().toISOString();
  for (;;) {
    const page: HouseholdRow[] = await db
      .selectFrom('households')
      .selectAll()
      .$if(after !== null, (q) => q.where('id', '>', after!))
      .orderBy('id')
      .limit(10_000)
      .execute();
    if (!page.length) break;
    after = page.at(-1)!.id;
    const picked = page.filter(() => n++ % 67 === 0);
    await db.transaction().execute(async (trx) => {
      for (const h of picked) {
        const remove = (corrected + removed) % 3 === 2;
        const patch: Partial<HouseholdRow> = remove
          ? { status: 'removed', removalReason: 'moved_out', removalNote: 'bench', updatedAt: now }
          : { address: `${h.address} (verivali ${P2})`, updatedAt: now };
        if (!(await repo.updateHousehold(trx, h.id, h.version, patch))) throw new Error('version race');
        const next = { ...h, ...patch, version: h.version + 1 } as HouseholdRow;
        await repo.insertVersions(trx, [
          {
            id: newId(),
            entityType: 'household',
            entityId: h.id,
            provinceCode: h.provinceCode,
            villageCode: h.villageCode,
            version: next.version,
            changeType: remove ? 'remove' : 'update',
            reason: remove ? 'Moved out of the region' : `verivali ${P2}`,
            snapshot: encodeSnapshot(householdFromRows(next, await repo.members(trx, h.id))),
            changedBy: null,
            changedAt: now,
          },
        ]);
        if (remove) removed++;
        else corrected++;
      }
    });
  }
  await database.close();
  const toAdd = Math.round(households * 0.005);
  const c = createContainer(createDb(url));
  const seeded = await c.seed.seed(systemActor('bench'), {
    households: toAdd,
    seed: 'penetapan-april',
    chunkSize: 1000,
  });
  await c.close();
  return { corrected, removed, added: seeded.created, setupMs: performance.now() - started };
}

function runChild(url: string, period: string): Promise<Determination> {
  const args = [new URL(import.meta.url).pathname, '--child', 'determine', '--url', url, '--period', period];
  if (f.has('profile')) args.push('--profile');
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`determine child exited with ${code}`));
      resolvePromise(JSON.parse(out.trim().split('\n').at(-1)!) as Determination);
    });
  });
}

async function determineChild(url: string, period: string): Promise<Determination> {
  const steps = f.has('profile') ? timeSteps() : null;
  const c = createContainer(createDb(url));
  const started = performance.now();
  const summary = await c.penetapan.determine(pusdatin, period);
  const wallMs = performance.now() - started;
  await c.close();
  return {
    period,
    wallMs,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
    summary,
    steps: steps ? Object.fromEntries([...steps].filter(([, ms]) => ms >= 50)) : undefined,
  };
}

/** `--profile`: where a determination's time goes, per repository step. */
function timeSteps(): Map<string, number> {
  const times = new Map<string, number>();
  const proto = PenetapanRepository.prototype as unknown as Record<string, (...a: unknown[]) => unknown>;
  for (const name of Object.getOwnPropertyNames(proto)) {
    const original = proto[name];
    if (name === 'constructor' || typeof original !== 'function') continue;
    proto[name] = async function (this: unknown, ...a: unknown[]) {
      const t = performance.now();
      try {
        return await original.apply(this, a);
      } finally {
        times.set(name, Math.round((times.get(name) ?? 0) + performance.now() - t));
      }
    };
  }
  return times;
}

/**
 * Ranking at national scale: rank N households (default 1,000,000) of a determined period with the default
 * PMT model as the real `ranking.rank` job (enqueued, claimed by a worker, a checkpoint committed with every
 * page), on SQLite and PostgreSQL, each run in its own child process so its peak RSS is its own; then
 * `GET /api/v1/households/{id}/ranking?period=` for random households of that ranked period under autocannon,
 * beside a bare Fastify route in the same run.
 *
 *   node bench/ranking.ts [--households N] [--engine sqlite|postgres|both] [--pg postgres://…/db]
 *                         [--runs 1] [--seconds 10] [--rounds 3] [--connections 50] [--no-api] [--no-rank] [--load-only] [--out FILE]
 *
 * Data (not timed, built once per engine and size and reused): the seed service's generator (the synthetic
 * households `dtks seed` imports, spread over every village of the nation) writes in bulk what the rank job
 * reads — a `determined` period, its `snapshot_households` rows and each household's `record_versions`
 * snapshot — and each household's `households` row, which the household ranking answer joins for the
 * territory check (the household's village now); it skips the tables neither reads (persons, search index).
 * A base written before households rows were part of it gets them from its snapshots (not timed).
 * Base: bench/tmp/ranking/base-N.sqlite, PostgreSQL database `ranking_bench_N` (or --pg). Before every timed
 * run the period's earlier ranking results are deleted (not timed).
 *
 * --no-rank measures the API on the period as an earlier run left it ranked.
 *
 * Targets: rank < 60 s wall and < 1 GiB peak RSS per engine; the household ranking API p99 < 50 ms.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { constants, monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import { loadConfig } from '../src/config.ts';
import { createContainer } from '../src/container.ts';
import { insertRows } from '../src/db/bulk-insert.ts';
import { createDb, type EngineName, workerOpenOptions } from '../src/db/dialect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import type { DB, HouseholdRow, RecordVersionTable, SnapshotHouseholdTable } from '../src/db/schema/index.ts';
import { decodeSnapshot, encodeSnapshot } from '../src/db/version-snapshot.ts';
import { DEFAULT_MODEL } from '../src/domain/ranking/default-model.ts';
import { newId } from '../src/lib/ids.ts';
import { type Actor, systemActor } from '../src/modules/access/actor.ts';
import { type BuildContext, buildHousehold } from '../src/modules/households/households.builder.ts';
import type { HouseholdCreate } from '../src/modules/households/households.schemas.ts';
import { JobWorker } from '../src/modules/jobs/jobs.worker.ts';
import { RANKING_RANK } from '../src/modules/ranking/ranking.jobs.ts';
import type { RankSummary } from '../src/modules/ranking/ranking.schemas.ts';
import { benchLogin, startServers } from './lib/app-server.ts';
import { type AutocannonResult, runAutocannon } from './lib/autocannon-load.ts';
import { backendCpuUs, backendTicks } from './lib/pg-cpu.ts';
import { flags, fmt, int, machine, machineMarkdown, median, mib } from './lib/report.ts';

const FULL = 1_000_000;
const PERIOD = '2026-03';
const AS_OF = '2026-03-31';
const GIB = 2 ** 30;

const f = flags();
const households = int(f.get('households'), FULL);
const runs = int(f.get('runs'), 1);
const seconds = int(f.get('seconds'), 10);
const rounds = int(f.get('rounds'), 3);
const connections = int(f.get('connections'), 50);
const pgBase = f.get('pg') ?? `postgres://postgres@127.0.0.1:5432/ranking_bench_${households}`;
const pusdatin: Actor = { ...systemActor('bench'), role: 'pusdatin' };

interface RankRun {
  wallMs: number;
  /** CPU time of the child process, every thread (user + system). */
  cpuMs: number;
  maxRssBytes: number;
  loadAverage: string;
  summary: RankSummary;
}

interface ApiResult {
  loadAverage: string;
  sampled: number;
  sets: { bare: AutocannonResult; ranking: AutocannonResult & { pgCpuUs: number | null; loop: LoopStats } }[];
}

/** The server's event loop during a round: how late its timers ran (delay) and the GC pauses, in ms. */
interface LoopStats {
  delayP99: number;
  delayMax: number;
  gcCount: number;
  /** Of gcCount, the full (mark-compact) collections; the rest are scavenges and incremental steps. */
  gcMajor: number;
  gcTotal: number;
  gcMax: number;
}

interface EngineResult {
  engine: EngineName;
  load: { ms: number; fresh: boolean; persons: number };
  ranks: RankRun[];
  api: ApiResult | null;
}

if (f.get('child') === 'rank') {
  process.stdout.write(`${JSON.stringify(await rankChild(f.get('url')!))}\n`);
  process.exit(0);
} else {
  await parent();
}

async function parent(): Promise<void> {
  const m = machine();
  const which = f.get('engine') ?? 'both';
  const engines: EngineName[] = which === 'both' ? ['sqlite', 'postgres'] : [which as EngineName];
  const results: EngineResult[] = [];
  for (const engine of engines) results.push(await runEngine(engine));
  const command = `node bench/ranking.ts${process.argv.length > 2 ? ` ${process.argv.slice(2).join(' ')}` : ''}`;
  const met = (r: RankRun) => r.wallMs < 60_000 && r.maxRssBytes < GIB;
  const apiRow = (
    e: EngineResult,
    i: number,
    name: string,
    r: AutocannonResult & { pgCpuUs?: number | null; loop?: LoopStats },
  ) =>
    `| ${e.engine} | ${i + 1} | ${name} | ${fmt(r.requests)} | ${fmt(r.perSecond)} | ${fmt(r.p50, 1)} | ${fmt(r.p97_5, 1)} | ${fmt(r.p99, 1)} | ${fmt(r.max, 1)} | ${fmt(r.serverCpuUs)} | ${r.pgCpuUs == null ? '–' : fmt(r.pgCpuUs)} | ${r.loop ? `${fmt(r.loop.delayP99, 1)} / ${fmt(r.loop.delayMax, 1)}` : '–'} | ${r.loop ? `${fmt(r.loop.gcCount)} (${fmt(r.loop.gcMajor)} full), ${fmt(r.loop.gcTotal)} / ${fmt(r.loop.gcMax, 1)}` : '–'} | ${fmt(r.non2xx)} | ${fmt(r.errors)} |`;
  const md = [
    `# Ranking: ${fmt(households)} households`,
    '',
    machineMarkdown(m, command),
    `- data: ${fmt(households)} synthetic households (the seed service's generator, every village of the nation, ${fmt(results[0]?.load.persons ?? 0)} persons) written in bulk as what the rank job reads: a determined period ${PERIOD}, its snapshot_households rows and one record_versions snapshot per household (not timed)`,
    `- rank: the \`ranking.rank\` job with ${DEFAULT_MODEL.version} (enqueued, claimed by a worker; the snapshot read in pages of 2,000 and scored in memory, deciles national/province/regency cut from the sorted scores, rows written once in pages of 5,000 with their checkpoint; on PostgreSQL two key ranges read side by side and two result pages in flight, each page one unnest INSERT; SHA-256 checksum over the same numbers), in its own child process; earlier results of the period deleted before each run (not timed)`,
    '',
    '| engine | run | households | load average before the run (1/5/15 min) | wall s | CPU s (all threads) | peak RSS | checksum |',
    '|---|---:|---:|---|---:|---:|---:|---|',
    ...results.flatMap((e) =>
      e.ranks.map(
        (r, i) =>
          `| ${e.engine} | ${i + 1} | ${fmt(r.summary.households)} | ${r.loadAverage} | **${fmt(r.wallMs / 1000, 1)}** | ${fmt(r.cpuMs / 1000, 1)} | **${mib(r.maxRssBytes)}** | \`${r.summary.checksum.slice(0, 16)}…\` |`,
      ),
    ),
    '',
    ...results
      .filter((e) => e.ranks.length > 0)
      .map(
        (e) =>
          `- ${e.engine}: data written in ${fmt(e.load.ms / 1000, 1)} s${e.load.fresh ? '' : ' (an earlier run; reused)'}; checksums of the runs ${new Set(e.ranks.map((r) => r.summary.checksum)).size === 1 ? 'identical' : 'DIFFERENT'}; targets (< 60 s, < 1 GiB): ${e.ranks.every(met) ? 'met' : 'MISSED'}`,
      ),
    ...(results.length === 2 && results.every((e) => e.ranks.length > 0)
      ? [
          `- SQLite and PostgreSQL checksums: ${results[0]!.ranks[0]!.summary.checksum === results[1]!.ranks[0]!.summary.checksum ? 'identical' : 'DIFFERENT (the households differ: each engine has its own generated ids)'}`,
        ]
      : []),
    '',
    ...(results.some((e) => e.api)
      ? [
          `## GET /api/v1/households/{id}/ranking?period=${PERIOD} at ${fmt(households)} households`,
          '',
          `- load: autocannon, ${connections} keep-alive connections over loopback from a separate process, ${seconds} s per row after a warm-up; rounds alternate the bare route and the ranking route; user pusdatin (national territory); every answer is audited (one read entry per request); server CPU = every thread of the server process per answered request (it runs the audit sealer, as \`dtks serve\` does); PG CPU = the PostgreSQL backends serving the database per answered request (from /proc, when the server runs on this machine); event-loop delay = \`perf_hooks.monitorEventLoopDelay\` (1 ms resolution) of the server's thread during the ranking round, GC pauses from \`PerformanceObserver\` 'gc' entries over the same round`,
          `- paths: random households of the ranked period (sampled per engine)`,
          '',
          '| engine | round | route | requests | req/s | p50 ms | p97.5 ms | p99 ms | max ms | server CPU µs/req | PG CPU µs/req | event-loop delay p99 / max ms | GC pauses: count (full), total ms / longest ms | non-2xx | errors |',
          '|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
          ...results.flatMap((e) =>
            (e.api?.sets ?? []).flatMap((s, i) => [
              apiRow(e, i, 'bare Fastify, constant JSON', s.bare),
              apiRow(e, i, 'household ranking', s.ranking),
            ]),
          ),
          '',
          ...results
            .filter((e) => e.api)
            .map((e) => {
              const worst = Math.max(...e.api!.sets.map((s) => s.ranking.p99));
              const ratio = median(e.api!.sets.map((s) => s.ranking.perSecond / s.bare.perSecond));
              return `- ${e.engine} (load average before: ${e.api!.loadAverage}; ${fmt(e.api!.sampled)} households sampled): worst p99 **${fmt(worst, 1)} ms** (target < 50 ms) — ${worst < 50 ? 'met' : 'MISSED'}; req/s ranking / bare, median of the rounds ${fmt(ratio, 2)}×`;
            }),
          '',
        ]
      : []),
  ].join('\n');
  console.log(`\n${md}`);
  const out =
    f.get('out') ??
    (households === FULL ? 'bench/results/ranking.md' : `bench/tmp/results/ranking-${households}.md`);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, md);
  console.log(`written to ${out}`);
}

async function runEngine(engine: EngineName): Promise<EngineResult> {
  const url = engine === 'sqlite' ? resolve(`bench/tmp/ranking/base-${households}.sqlite`) : pgBase;
  const load = await ensureData(engine, url);
  console.log(`${engine}: ${fmt(households)} households ready (${fmt(load.ms / 1000, 1)} s)`);
  if (f.has('load-only')) process.exit(0);
  const ranks: RankRun[] = [];
  for (let i = 0; i < (f.has('no-rank') ? 0 : runs); i++) {
    await clearResults(url);
    const r = await runChild(url);
    console.log(
      `  rank ${i + 1}: ${fmt(r.wallMs / 1000, 1)} s, CPU ${fmt(r.cpuMs / 1000, 1)} s, ${mib(r.maxRssBytes)}`,
      r.summary,
    );
    ranks.push(r);
  }
  const api = f.has('no-api') ? null : await apiLoad(url);
  return { engine, load, ranks, api };
}

/** The period, its snapshot rows and version snapshots, and the published default model; once per base. */
async function ensureData(
  engine: EngineName,
  url: string,
): Promise<{ ms: number; fresh: boolean; persons: number }> {
  if (engine === 'sqlite') mkdirSync(dirname(url), { recursive: true });
  else await ensurePgDatabase(url);
  const database = createDb(url);
  await migrateToLatest(database);
  const dataDir = mkdtempSync(join(tmpdir(), 'dtks-bench-rank-'));
  const c = createContainer(database, { ...loadConfig({}), dataDir, auditHmacKey: 'c7'.repeat(32) });
  const { db } = database;
  try {
    const n = Number(
      (
        await db
          .selectFrom('snapshotHouseholds')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('period', '=', PERIOD)
          .executeTakeFirstOrThrow()
      ).n,
    );
    const persons = async () =>
      Number(
        (
          await db
            .selectFrom('snapshotHouseholds')
            .select((eb) => eb.fn.sum('memberCount').as('n'))
            .where('period', '=', PERIOD)
            .executeTakeFirstOrThrow()
        ).n,
      );
    if (n === households) {
      await fillHouseholds(db, database.engine.name);
      return { ms: 0, fresh: false, persons: await persons() };
    }
    if (n !== 0) throw new Error(`${url} holds ${n} households of ${PERIOD}, not ${households}: remove it`);
    const started = performance.now();
    await db
      .insertInto('periods')
      .values({ period: PERIOD, state: 'determined', createdAt: new Date().toISOString() } as never)
      .execute();
    const now = new Date().toISOString();
    const ctx = buildContext(now);
    let done = 0;
    for await (const chunk of c.seed.generate({
      households,
      seed: 'ranking-bench',
      asOf: AS_OF,
      chunkSize: 5000,
    })) {
      const snapshots: SnapshotHouseholdTable[] = [];
      const versions: RecordVersionTable[] = [];
      const rows: HouseholdRow[] = [];
      for (const input of chunk) {
        const { reason: _r, confirmWarnings: _c, ...h } = input;
        const id = newId();
        rows.push(buildHousehold(input, ctx, id).household);
        const village = h.regionCode;
        const snapshot = {
          id,
          ...h,
          headName: h.members[0]!.name,
          memberCount: h.members.length,
          status: 'active',
          removalReason: null,
          removalNote: null,
          version: 1,
          createdAt: now,
          updatedAt: now,
          members: h.members.map((m) => ({
            id: newId(),
            ...m,
            status: 'active',
            removalReason: null,
            version: 1,
          })),
        };
        snapshots.push({
          period: PERIOD,
          householdId: id,
          provinceCode: village.slice(0, 2),
          regencyCode: village.slice(0, 5),
          villageCode: village,
          version: 1,
          memberCount: h.members.length,
        });
        versions.push({
          id: newId(),
          entityType: 'household',
          entityId: id,
          provinceCode: village.slice(0, 2),
          villageCode: village,
          version: 1,
          changeType: 'create',
          reason: null,
          snapshot: encodeSnapshot(snapshot),
          changedBy: null,
          changedAt: now,
        });
      }
      await db.transaction().execute(async (trx) => {
        await insertRows(trx, 'snapshotHouseholds', snapshots);
        await insertRows(trx, 'recordVersions', versions);
        await insertRows(trx, 'households', rows);
      });
      done += chunk.length;
      if (done % 50_000 < chunk.length) {
        console.log(
          `  ${engine}: ${fmt(done)} households written (${fmt((performance.now() - started) / 1000)} s)`,
        );
      }
    }
    if (database.engine.name === 'postgres') await sql`analyze`.execute(db);
    const models = await c.ranking.listModels(pusdatin);
    if (!models.items.some((mdl) => mdl.version === DEFAULT_MODEL.version)) {
      await c.ranking.uploadModel(pusdatin, DEFAULT_MODEL);
      await c.ranking.publishModel(pusdatin, DEFAULT_MODEL.version);
    }
    return { ms: performance.now() - started, fresh: true, persons: await persons() };
  } finally {
    await c.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The registry's view of the generated households: every village exists, no one is acting. */
function buildContext(now: string): BuildContext {
  return { now, actorId: null, isKnownVillage: () => true, isKnownDistrict: () => true };
}

/**
 * Writes the `households` rows a base of an earlier version of this benchmark lacks, from each household's
 * determined snapshot (the generator's input as it was stored), in id order and in pages of 5,000 each
 * committed on its own, so an interrupted fill resumes after the highest id written. Not timed.
 */
async function fillHouseholds(db: Kysely<DB>, engine: EngineName): Promise<void> {
  const count = async () =>
    Number(
      (
        await db
          .selectFrom('households')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const have = await count();
  if (have >= households) return;
  const started = performance.now();
  const ctx = buildContext(new Date().toISOString());
  let after =
    (await db.selectFrom('households').select('id').orderBy('id', 'desc').limit(1).executeTakeFirst())?.id ??
    null;
  let done = have;
  console.log(`  ${engine}: writing the households rows the base lacks (${fmt(households - have)})`);
  for (;;) {
    const page = await db
      .selectFrom('snapshotHouseholds as s')
      .innerJoin('recordVersions as v', (j) =>
        j
          .onRef('v.entityId', '=', 's.householdId')
          .onRef('v.version', '=', 's.version')
          .on('v.entityType', '=', 'household'),
      )
      .select(['s.householdId', 'v.snapshot'])
      .where('s.period', '=', PERIOD)
      .$if(after !== null, (b) => b.where('s.householdId', '>', after!).where('v.entityId', '>', after!))
      .orderBy('s.householdId')
      .limit(5000)
      .execute();
    if (!page.length) break;
    const rows = page.map(
      (r) => buildHousehold(decodeSnapshot<HouseholdCreate>(r.snapshot), ctx, r.householdId).household,
    );
    await db.transaction().execute((trx) => insertRows(trx, 'households', rows));
    after = page.at(-1)!.householdId;
    done += page.length;
    if (done % 50_000 < page.length) {
      console.log(
        `  ${engine}: ${fmt(done)} households rows (${fmt((performance.now() - started) / 1000)} s)`,
      );
    }
  }
  if (engine === 'postgres') await sql`analyze households`.execute(db);
  if ((await count()) !== households) throw new Error(`households rows: ${await count()}, not ${households}`);
  console.log(`  ${engine}: households rows written in ${fmt((performance.now() - started) / 1000, 1)} s`);
}

async function ensurePgDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  const adminUrl = new URL(url);
  adminUrl.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: adminUrl.toString() });
  await admin.connect();
  const exists = await admin.query('select 1 from pg_database where datname = $1', [name]);
  if (!exists.rowCount) await admin.query(`create database "${name}"`);
  await admin.end();
}

async function clearResults(url: string): Promise<void> {
  const database = createDb(url);
  const { db } = database;
  await db.deleteFrom('rankingResults').where('period', '=', PERIOD).execute();
  await db.deleteFrom('rankingRuns').where('period', '=', PERIOD).execute();
  if (database.engine.name === 'postgres') await sql`vacuum analyze ranking_results`.execute(db);
  else await sql`pragma wal_checkpoint(truncate)`.execute(db);
  await database.close();
}

function runChild(url: string): Promise<RankRun> {
  const loadAverage = loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  const args = [new URL(import.meta.url).pathname, '--child', 'rank', '--url', url];
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`rank child exited with ${code}`));
      const r = JSON.parse(out.trim().split('\n').at(-1)!) as Omit<RankRun, 'loadAverage'>;
      resolvePromise({ ...r, loadAverage });
    });
  });
}

/** One run of the `ranking.rank` job, from enqueueing to its result, in this process. */
async function rankChild(url: string): Promise<Omit<RankRun, 'loadAverage'>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'dtks-bench-rank-'));
  const c = createContainer(createDb(url, workerOpenOptions()), {
    // as `dtks worker` opens it
    ...loadConfig({}),
    dataDir,
    auditHmacKey: 'c7'.repeat(32),
  });
  const started = performance.now();
  const job = await c.jobs.enqueue(pusdatin, RANKING_RANK, { period: PERIOD });
  await new JobWorker(c.jobs).drain();
  const v = await c.jobs.get(pusdatin, job.id);
  const wallMs = performance.now() - started;
  if (v.state !== 'done') throw new Error(`rank job ended ${v.state}: ${JSON.stringify(v.error)}`);
  await c.close();
  rmSync(dataDir, { recursive: true, force: true });
  const usage = process.resourceUsage();
  return {
    wallMs,
    cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000,
    maxRssBytes: usage.maxRSS * 1024,
    summary: v.result as RankSummary,
  };
}

async function apiLoad(url: string): Promise<ApiResult> {
  const s = await startServers(url);
  try {
    const db = s.container.database.db;
    const ids = (
      await sql<{ id: string }>`
        select household_id as id from ranking_results where period = ${PERIOD}
        order by random() limit 2000`.execute(db)
    ).rows.map((r) => r.id);
    const headers = await benchLogin(s, 'bench-pusdatin', 'pusdatin', '');
    // Entries earlier runs left unsealed (before the benchmark ran the sealer) are linked now, not timed.
    await s.container.audit.seal({ wait: true });
    const paths = ids.map((id) => `/api/v1/households/${id}/ranking?period=${PERIOD}`);
    const check = await fetch(`${s.appOrigin}${paths[0]}`, { headers });
    if (check.status !== 200) throw new Error(`ranking answered ${check.status}: ${await check.text()}`);
    const loadAverage = loadavg()
      .map((l) => l.toFixed(2))
      .join(' ');
    const run = (origin: string, p: string[], secs = seconds) =>
      runAutocannon({ origin, paths: p, headers, seconds: secs, connections });
    await run(s.bareOrigin, ['/bare'], 3);
    await run(s.appOrigin, paths, 5);
    const sets: ApiResult['sets'] = [];
    for (let i = 0; i < rounds; i++) {
      const bare = await run(s.bareOrigin, ['/bare']);
      const pgBefore = url.startsWith('postgres') ? await backendTicks(url) : null;
      const watch = watchLoop();
      const r = await run(s.appOrigin, paths);
      const loop = watch.stop();
      const pgCpuUs = pgBefore
        ? backendCpuUs(pgBefore, await backendTicks(url)) / Math.max(1, r.requests)
        : null;
      const ranking = { ...r, pgCpuUs, loop };
      console.log(
        `  api round ${i + 1}: bare p99 ${bare.p99} ms, ranking p99 ${ranking.p99} ms, ${fmt(r.perSecond)}/s, server ${fmt(r.serverCpuUs)} µs, PG ${pgCpuUs == null ? '–' : fmt(pgCpuUs)} µs, loop delay p99 ${fmt(loop.delayP99, 1)} max ${fmt(loop.delayMax, 1)} ms, GC ${loop.gcCount} pauses (${loop.gcMajor} full) ${fmt(loop.gcTotal)} ms (longest ${fmt(loop.gcMax, 1)})`,
      );
      sets.push({ bare, ranking });
    }
    return { loadAverage, sampled: ids.length, sets };
  } finally {
    await s.close();
  }
}

/** Watches this process's event loop (the server's) from now until `stop`. */
function watchLoop(): { stop(): LoopStats } {
  const delay = monitorEventLoopDelay({ resolution: 1 });
  const pauses: number[] = [];
  let major = 0;
  const gc = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      pauses.push(e.duration);
      if ((e as { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) major++;
    }
  });
  gc.observe({ entryTypes: ['gc'] });
  delay.enable();
  return {
    stop() {
      delay.disable();
      gc.disconnect();
      // The histogram counts the resolution's own 1 ms in every sample.
      const ms = (ns: number) => Math.max(0, ns / 1e6 - 1);
      return {
        delayP99: ms(delay.percentile(99)),
        delayMax: ms(delay.max),
        gcCount: pauses.length,
        gcMajor: major,
        gcTotal: pauses.reduce((a, b) => a + b, 0),
        gcMax: Math.max(0, ...pauses),
      };
    },
  };
}

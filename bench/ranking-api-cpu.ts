/**
 * CPU per request of `GET /api/v1/households/{id}/ranking` in this process (app.inject: routing, session,
 * handler, audit, serialisation; no sockets), and of each ranking-specific step alone: the look-up of the
 * household's result in the period's newest run with its snapshot, decoding the snapshot, scoring it
 * (the contributions), the BPS criteria and the response schema's serialisation. CPU time, not wall time:
 * on a shared machine wall time is mostly the wait for a core. Profile with `node --cpu-prof`.
 *
 *   node bench/ranking-api-cpu.ts [--households 10000] [--requests 3000] [--out FILE]
 *
 * Data (built once, reused): bench/tmp/ranking-api-N.sqlite, N households seeded in one regency, a
 * determined period and the default model's ranking of it (not timed).
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { serializerCompiler } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { loadConfig } from '../src/config.ts';
import { createContainer } from '../src/container.ts';
import { createDb } from '../src/db/dialect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { decodeSnapshot } from '../src/db/version-snapshot.ts';
import { criteria14 } from '../src/domain/ranking/criteria14.ts';
import { DEFAULT_MODEL } from '../src/domain/ranking/default-model.ts';
import type { RankedHousehold } from '../src/domain/ranking/household-input.ts';
import { RankingModelDocument } from '../src/domain/ranking/model.ts';
import { scoreHousehold } from '../src/domain/ranking/score.ts';
import { buildApp } from '../src/http/app.ts';
import { systemActor } from '../src/modules/access/actor.ts';
import { RankingRepository } from '../src/modules/ranking/ranking.repository.ts';
import { HouseholdRanking } from '../src/modules/ranking/ranking.schemas.ts';
import { determineRegistry } from './lib/regency.ts';
import { flags, fmt, int, machine, machineMarkdown } from './lib/report.ts';

const f = flags();
const households = int(f.get('households'), 10_000);
const requests = int(f.get('requests'), 3000);
const PERIOD = '2026-04';
const PASSWORD = 'bench-password-2026!';
const m = machine();
mkdirSync('bench/tmp/ranking-api-data', { recursive: true });
const path = `bench/tmp/ranking-api-${households}.sqlite`;
const fresh = !existsSync(path);
const database = createDb(path);
await migrateToLatest(database);
const c = createContainer(database, { ...loadConfig(), dataDir: 'bench/tmp/ranking-api-data' });
const db = c.database.db;
if (fresh) {
  const actor = systemActor('bench');
  await c.seed.seed(actor, { households, regionCode: '33.07', seed: 'bench', asOf: '2026-04-01' }, () => {});
  await determineRegistry(db, PERIOD);
  await c.ranking.uploadModel(actor, DEFAULT_MODEL);
  await c.ranking.publishModel(actor, DEFAULT_MODEL.version);
  await c.ranking.rank(actor, { period: PERIOD });
  await c.users.create(actor, {
    username: 'bench-pusdatin',
    role: 'pusdatin',
    regionCode: '',
    password: PASSWORD,
    displayName: 'Bench pusdatin',
  });
}
const ids = (
  await db
    .selectFrom('rankingResults')
    .select('householdId')
    .where('period', '=', PERIOD)
    .orderBy(sql`random()`)
    .limit(2000)
    .execute()
).map((r) => r.householdId);

/** CPU µs per call of `work` (all threads of this process), after a warm-up of 300 calls. */
async function cpuPerCall(n: number, work: (i: number) => unknown): Promise<number> {
  for (let i = 0; i < 300; i++) await work(i);
  const u0 = process.cpuUsage();
  for (let i = 0; i < n; i++) await work(i);
  const u = process.cpuUsage(u0);
  return (u.user + u.system) / n;
}

const rows: string[] = [];
const row = (what: string, us: number) =>
  rows.push(
    `| ${what} | ${fmt(us, 1)} | ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} |`,
  );

const app = await buildApp(c, {
  logger: false,
  webRoot: '/nonexistent',
  settings: { rateLimits: { account: 1e9, anonymous: 1e9, login: 1e9, dci: 1e9 }, redisUrl: null },
});
await app.ready();
const login = await app.inject({
  method: 'POST',
  url: '/api/v1/auth/login',
  payload: { username: 'bench-pusdatin', password: PASSWORD },
});
const headers = { authorization: `Bearer ${login.json().token}` };
row(
  'whole request (app.inject, audited)',
  await cpuPerCall(requests, async (i) => {
    const r = await app.inject({
      url: `/api/v1/households/${ids[i % ids.length]}/ranking?period=${PERIOD}`,
      headers,
    });
    if (r.statusCode !== 200) throw new Error(r.body);
  }),
);
const repo = new RankingRepository(database.engine);
row(
  'result in the newest run with its snapshot (one query)',
  await cpuPerCall(requests, (i) => repo.newestResult(db, PERIOD, ids[i % ids.length]!)),
);
const found = await Promise.all(ids.map((id) => repo.newestResult(db, PERIOD, id)));
const snapshots = found.map((r) => r!.snapshot!);
row(
  'decode the snapshot',
  await cpuPerCall(requests, (i) => decodeSnapshot(snapshots[i % snapshots.length]!)),
);
const decoded = snapshots.map((s) => decodeSnapshot<RankedHousehold>(s));
const model = RankingModelDocument.parse(DEFAULT_MODEL);
row(
  'score with contributions',
  await cpuPerCall(requests, (i) => scoreHousehold(model, decoded[i % decoded.length]!, '2026-04-30')),
);
row('BPS criteria', await cpuPerCall(requests, (i) => criteria14(decoded[i % decoded.length]!)));
const serialise = serializerCompiler({
  schema: HouseholdRanking,
  method: 'GET',
  url: '/',
  httpStatus: '200',
} as never) as (d: unknown) => string;
const bodies = decoded.slice(0, 200).map((h, i) => {
  const s = scoreHousehold(model, h, '2026-04-30');
  const cr = criteria14(h);
  const r = found[i]!;
  return {
    period: PERIOD,
    modelVersion: r.modelVersion,
    score: r.score,
    decile: { national: r.decileNational, province: r.decileProvince, regency: r.decileRegency },
    criteria14: r.criteria14,
    criteriaMet: cr.met,
    criteriaUnknown: cr.unknown,
    contributions: s.contributions,
  };
});
row(
  'serialise the answer (response schema)',
  await cpuPerCall(requests, (i) => serialise(bodies[i % bodies.length])),
);
await app.close();
await c.close();

const report = [
  `# Household ranking API: CPU per request at ${households.toLocaleString('en')} households (SQLite, in process)`,
  '',
  machineMarkdown(m, `node bench/ranking-api-cpu.ts --households ${households} --requests ${requests}`),
  '',
  '| step | CPU µs per call | load average after (1/5/15) |',
  '|---|---:|---|',
  ...rows,
  '',
].join('\n');
console.log(report);
const out = f.get('out');
if (out) writeFileSync(out, report);

/**
 * `GET /api/v1/persons/{nik}` (authenticated, audited) next to a bare Fastify route returning a constant
 * JSON, in the same run and process, on SQLite or PostgreSQL, loaded by autocannon (a standard load
 * generator, 50 keep-alive connections) from its own process. On a small shared machine one pair of
 * measurements swings with whatever else runs, so the routes are measured in alternating rounds (bare,
 * lookup, bare, lookup, …) and judged on the median of the per-round ratios; every round is reported, with
 * the server's CPU time per request (less sensitive to the neighbours than req/s).
 * Targets: person lookups ≥ 0.5× the bare route's requests/s, p99 < 50 ms.
 *
 *   node bench/person-lookup.ts --engine sqlite|postgres [--households 100000] [--seconds 10] [--rounds 3]
 *                               [--connections 50] [--niks 5000] [--pg URL] [--pg-db NAME] [--out FILE]
 *                               [--profile FILE.cpuprofile]
 *
 * `--profile`: after the rounds, one more lookup row (not reported) under the V8 sampling profiler of the
 * server process (bench/lib/cpu-profile.ts): the profile is written and its top functions printed.
 *
 * The database (bench/lib/bench-db.ts) is seeded once per engine and size and reused.
 */
import { sql } from 'kysely';
import { benchLogin, startServers } from './lib/app-server.ts';
import { runAutocannon } from './lib/autocannon-load.ts';
import { benchDatabase } from './lib/bench-db.ts';
import { profiled } from './lib/cpu-profile.ts';
import { trackBackends } from './lib/pg-cpu.ts';
import { fmt, machine, machineMarkdown } from './lib/report.ts';
import {
  alternatingRounds,
  medianOf,
  roundsTable,
  routeBenchFlags,
  writeReport,
} from './lib/route-rounds.ts';

const f = routeBenchFlags({ households: 100_000, niks: 5000 });
const { engine, households, seconds, rounds, connections, niks: nikCount } = f;
const m = machine();
const url = await benchDatabase(engine, households, f.flags.get('pg'), f.flags.get('pg-db'));

const s = await startServers(url);
try {
  const db = s.container.database.db;
  const niks = (
    await sql<{ nik: string }>`select nik from nik_registry order by random() limit ${nikCount}`.execute(db)
  ).rows.map((r) => r.nik);
  const people = Number(
    (
      await db
        .selectFrom('nikRegistry')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  // A NIK lookup says why (X-Purpose), as the web app's lookup form does.
  const headers = { ...(await benchLogin(s, 'bench-pusdatin', 'pusdatin', '')), 'x-purpose': 'bench' };
  const lookups = niks.map((nik) => `/api/v1/persons/${nik}`);
  const check = await fetch(`${s.appOrigin}${lookups[0]}`, { headers });
  if (check.status !== 200) throw new Error(`lookup answered ${check.status}: ${await check.text()}`);

  const run = (origin: string, paths: string[], secs = seconds) =>
    runAutocannon({ origin, paths, headers, seconds: secs, connections });
  // Warm-up, not reported: JIT, connection pools, and the sampled NIKs' pages in the caches.
  await run(s.bareOrigin, ['/bare'], 3);
  await run(s.appOrigin, lookups, 5);
  // PostgreSQL: its backends' CPU per lookup too (the Node figure leaves the database's work out).
  const databaseCpuUs: number[] = [];
  const pairs = await alternatingRounds(
    rounds,
    () => run(s.bareOrigin, ['/bare']),
    async (i) => {
      // Each round starts at another place in the sample, so no round repeats the previous one's order.
      const offset = Math.floor((i * lookups.length) / rounds);
      const backends = engine === 'postgres' ? trackBackends(url) : null;
      const r = await run(s.appOrigin, [...lookups.slice(offset), ...lookups.slice(0, offset)]);
      if (backends) databaseCpuUs.push((await backends.stop()) / Math.max(1, r.requests));
      return r;
    },
  );
  const profileFile = f.flags.get('profile');
  if (profileFile) {
    const { result, top } = await profiled(profileFile, () => run(s.appOrigin, lookups));
    console.error(
      `profiled row: ${fmt(result.perSecond)} req/s, ${fmt(result.serverCpuUs)} µs server CPU per lookup\n${top}`,
    );
  }
  const ratio = medianOf(pairs, (p) => p.ratio);
  const cpuRatio = medianOf(pairs, (p) => p.cpuRatio);
  const p99 = medianOf(pairs, (p) => p.route.p99);
  const maxP99 = Math.max(...pairs.map((p) => p.route.p99));
  const engineName = engine === 'sqlite' ? 'SQLite' : 'PostgreSQL';

  const md = [
    `## ${engineName}`,
    '',
    machineMarkdown(
      m,
      `node bench/person-lookup.ts${process.argv.length > 2 ? ` ${process.argv.slice(2).join(' ')}` : ''}`,
    ),
    `- data: ${engine === 'sqlite' ? url : 'PostgreSQL on 127.0.0.1 (same machine)'}, ${fmt(households)} seeded households in 33.07 (${fmt(people)} registered NIKs), ${fmt(niks.length)} random existing NIKs cycled; user with national territory (pusdatin); every lookup is audited (one hash-chained audit entry per request)`,
    `- load: autocannon, ${connections} keep-alive connections over loopback from a separate process, ${seconds} s per row, after a warm-up (3 s bare, 5 s lookups); ${rounds} rounds, each a bare row then a lookup row`,
    '- server: one process, the app as `dtks serve` builds it (SQLite: WAL checkpoints on a background thread); server CPU = every thread of the server process per request',
    '',
    ...roundsTable(pairs, 'GET /api/v1/persons/{nik}'),
    '',
    `- lookup / bare per round: ${pairs.map((p) => fmt(p.ratio, 2)).join(', ')}`,
    `- lookup / bare, median of the rounds: **${fmt(ratio, 2)}×** (target ≥ 0.5×) — ${ratio >= 0.5 ? 'met' : 'MISSED'}`,
    `- by server CPU per request instead (bare / lookup), median: ${fmt(cpuRatio, 2)}×`,
    ...(databaseCpuUs.length
      ? [
          `- PostgreSQL backends' CPU per lookup (not in the table's server CPU), per round: ${databaseCpuUs.map((us) => `${fmt(us)} µs`).join(', ')}`,
        ]
      : []),
    `- lookup p99, median of the rounds: **${fmt(p99, 1)} ms**, worst round ${fmt(maxP99, 1)} ms (target < 50 ms) — ${maxP99 < 50 ? 'met' : 'MISSED'}`,
    '',
  ].join('\n');
  writeReport(md, f, 'person-lookup');
} finally {
  await s.close();
}

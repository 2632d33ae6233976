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
 *                               [--connections 50] [--niks 5000] [--pg URL] [--out FILE]
 *
 * The database (bench/lib/bench-db.ts) is seeded once per engine and size and reused.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { sql } from 'kysely';
import { benchLogin, startServers } from './lib/app-server.ts';
import { type AutocannonResult, runAutocannon } from './lib/autocannon-load.ts';
import { benchDatabase, benchEngine } from './lib/bench-db.ts';
import { flags, fmt, int, machine, machineMarkdown, median } from './lib/report.ts';

const f = flags();
const engine = benchEngine(f.get('engine'));
const households = int(f.get('households'), 100_000);
const seconds = int(f.get('seconds'), 10);
const rounds = int(f.get('rounds'), 3);
const connections = int(f.get('connections'), 50);
const nikCount = int(f.get('niks'), 5000);
const m = machine();
const url = await benchDatabase(engine, households, f.get('pg'));

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
  const pairs: { bare: AutocannonResult; person: AutocannonResult; ratio: number; cpuRatio: number }[] = [];
  for (let i = 0; i < rounds; i++) {
    const bare = await run(s.bareOrigin, ['/bare']);
    // Each round starts at another place in the sample, so no round repeats the previous one's order.
    const offset = Math.floor((i * lookups.length) / rounds);
    const person = await run(s.appOrigin, [...lookups.slice(offset), ...lookups.slice(0, offset)]);
    pairs.push({
      bare,
      person,
      ratio: person.perSecond / bare.perSecond,
      cpuRatio: bare.serverCpuUs / person.serverCpuUs,
    });
  }
  const ratio = median(pairs.map((p) => p.ratio));
  const cpuRatio = median(pairs.map((p) => p.cpuRatio));
  const p99 = median(pairs.map((p) => p.person.p99));
  const maxP99 = Math.max(...pairs.map((p) => p.person.p99));
  const engineName = engine === 'sqlite' ? 'SQLite' : 'PostgreSQL';

  const row = (name: string, r: AutocannonResult) =>
    `| ${name} | ${fmt(r.requests)} | ${fmt(r.perSecond)} | ${fmt(r.p50, 1)} | ${fmt(r.p97_5, 1)} | ${fmt(r.p99, 1)} | ${fmt(r.max, 1)} | ${fmt(r.serverCpuUs)} | ${fmt(r.non2xx)} | ${fmt(r.errors)} |`;
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
    '| round | route | requests | req/s | p50 ms | p97.5 ms | p99 ms | max ms | server CPU µs/req | non-2xx | errors |',
    '|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...pairs.flatMap((p, i) => [
      `| ${i + 1} ${row('bare Fastify, constant JSON', p.bare)}`,
      `| ${i + 1} ${row('GET /api/v1/persons/{nik}', p.person)}`,
    ]),
    '',
    `- lookup / bare per round: ${pairs.map((p) => fmt(p.ratio, 2)).join(', ')}`,
    `- lookup / bare, median of the rounds: **${fmt(ratio, 2)}×** (target ≥ 0.5×) — ${ratio >= 0.5 ? 'met' : 'MISSED'}`,
    `- by server CPU per request instead (bare / lookup), median: ${fmt(cpuRatio, 2)}×`,
    `- lookup p99, median of the rounds: **${fmt(p99, 1)} ms**, worst round ${fmt(maxP99, 1)} ms (target < 50 ms) — ${maxP99 < 50 ? 'met' : 'MISSED'}`,
    '',
  ].join('\n');
  console.log(md);
  const out = f.get('out') ?? `bench/tmp/person-lookup-${engine}.md`;
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, md);
  console.log(`written to ${out}`);
} finally {
  await s.close();
}

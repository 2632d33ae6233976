/**
 * `GET /api/v1/persons/{nik}` (authenticated, audited) on the seeded 1,000,000-household database, next to a
 * bare Fastify route returning a constant JSON, in the same run and process. The load generator runs in its
 * own process over loopback keep-alive connections; each measurement is bounded in requests and seconds.
 * On a small shared machine one pair of measurements swings by ±20 % with whatever else runs, so the two
 * routes are measured in alternating rounds (bare, lookup, bare, lookup, …) and judged on the median of the
 * per-round ratios; every round is reported.
 * Targets: person lookups ≥ 0.5× the bare route's requests/s, p99 < 50 ms.
 * The 1M file is ~7 GB: where the kernel evicts idle page cache (the reference machine does, see the results
 * file), read it once first (`cat bench/tmp/seed-1000000.sqlite > /dev/null`) or the run measures the disk.
 *
 *   node bench/person-lookup.ts [--db bench/tmp/seed-1000000.sqlite] [--requests 20000] [--seconds 30]
 *                               [--concurrency 16] [--niks 5000] [--rounds 5] [--out FILE]
 *                               [--checkpoints background|inline]
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { serverCacheMib } from '../src/db/dialect.ts';
import { benchLogin, sample, sampleOne, startServers } from './lib/app-server.ts';
import { type LoadResult, runLoadInChild } from './lib/load.ts';
import { flags, fmt, int, machine, machineMarkdown, median } from './lib/report.ts';

const f = flags();
const dbPath = f.get('db') ?? 'bench/tmp/seed-1000000.sqlite';
const requests = int(f.get('requests'), 20_000);
const seconds = int(f.get('seconds'), 30);
const concurrency = int(f.get('concurrency'), 16);
const nikCount = int(f.get('niks'), 5000);
const rounds = int(f.get('rounds'), 5);
/** `--checkpoints inline`: WAL checkpoints on the serving thread, as a CLI command has them, to compare. */
const checkpointThread = f.get('checkpoints') !== 'inline';
if (!existsSync(dbPath)) throw new Error(`${dbPath} is missing: run node bench/seed.ts first`);

const m = machine();
const { n } = sampleOne<{ n: number }>(dbPath, 'select max(rowid) as n from nik_registry');
// Random existing NIKs: rowids drawn uniformly, misses (none in a seeded file) simply skipped.
const rowids = Array.from({ length: nikCount }, () => 1 + Math.floor(Math.random() * n));
const niks = sample<{ nik: string }>(
  dbPath,
  `select nik from nik_registry where rowid in (${rowids.join(',')})`,
).map((r) => r.nik);
const people = sampleOne<{ n: number }>(dbPath, 'select count(*) as n from nik_registry').n;

const s = await startServers(dbPath, { checkpointThread });
try {
  const headers = await benchLogin(s, 'bench-pusdatin', 'pusdatin', '');
  const lookups = niks.map((nik) => `/api/v1/persons/${nik}`);
  const check = await fetch(`${s.appOrigin}${lookups[0]}`, { headers });
  if (check.status !== 200) throw new Error(`lookup answered ${check.status}: ${await check.text()}`);

  const run = (origin: string, paths: string[], count: number) =>
    runLoadInChild({ origin, paths, headers, requests: count, seconds, concurrency });
  // Warm-up, not reported: JIT, and every sampled NIK once so its pages are in the OS page cache (the 1M
  // file is ~6.5 GB; a cold page read from disk costs milliseconds, which measures the disk, not the app).
  await run(s.bareOrigin, ['/bare'], 3000);
  await run(s.appOrigin, lookups, lookups.length);
  const pairs: { bare: LoadResult; person: LoadResult; ratio: number; cpuRatio: number }[] = [];
  for (let i = 0; i < rounds; i++) {
    const bare = await run(s.bareOrigin, ['/bare'], requests);
    // Each round starts at another place in the sample, so no round repeats the previous one's order.
    const offset = Math.floor((i * lookups.length) / rounds);
    const person = await run(s.appOrigin, [...lookups.slice(offset), ...lookups.slice(0, offset)], requests);
    pairs.push({
      bare,
      person,
      ratio: person.perSecond / bare.perSecond,
      cpuRatio: bare.serverCpuUs! / person.serverCpuUs!,
    });
  }
  const ratio = median(pairs.map((p) => p.ratio));
  const cpuRatio = median(pairs.map((p) => p.cpuRatio));
  const p99 = median(pairs.map((p) => p.person.p99));
  const maxP99 = Math.max(...pairs.map((p) => p.person.p99));

  const row = (name: string, r: LoadResult) =>
    `| ${name} | ${fmt(r.requests)} | ${fmt(r.seconds, 1)} | ${fmt(r.perSecond)} | ${fmt(r.p50, 2)} | ${fmt(r.p95, 2)} | ${fmt(r.p99, 2)} | ${fmt(r.max, 1)} | ${fmt(r.serverCpuUs ?? Number.NaN)} | ${Object.entries(
      r.statuses,
    )
      .map(([k, v]) => `${k}: ${fmt(v)}`)
      .join(', ')}${r.errors ? `, errors: ${r.errors}` : ''} |`;
  const md = [
    '# Person lookup by NIK',
    '',
    machineMarkdown(
      m,
      `node bench/person-lookup.ts${process.argv.length > 2 ? ` ${process.argv.slice(2).join(' ')}` : ''}`,
    ),
    `- data: ${dbPath} (${fmt(people)} registered NIKs), ${fmt(niks.length)} random existing NIKs cycled; user with national territory (pusdatin); every lookup is audited (one hash-chained audit entry per request)`,
    `- load: ${concurrency} keep-alive connections over loopback from a separate process, closed loop, at most ${fmt(requests)} requests or ${seconds} s per row, after a warm-up (3,000 bare requests; one lookup of every sampled NIK); ${rounds} rounds, each a bare row then a lookup row`,
    `${
      checkpointThread
        ? '- server: opened as `dtks serve` opens it (WAL checkpoints on a background thread)'
        : '- server: WAL checkpoints on the serving thread (`--checkpoints inline`, for comparison; `dtks serve` has them on a background thread)'
    }; SQLite page cache ${fmt(serverCacheMib())} MiB${process.env.SQLITE_CACHE_MIB ? ' (SQLITE_CACHE_MIB)' : ' (default: ⅛ of memory, 64–1024 MiB)'}`,
    '',
    '| round | route | requests | s | req/s | p50 ms | p95 ms | p99 ms | max ms | server CPU µs/req | statuses |',
    '|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---|',
    ...pairs.flatMap((p, i) => [
      `| ${i + 1} ${row('bare Fastify, constant JSON', p.bare)}`,
      `| ${i + 1} ${row('GET /api/v1/persons/{nik}', p.person)}`,
    ]),
    '',
    `- lookup / bare per round: ${pairs.map((p) => fmt(p.ratio, 2)).join(', ')}`,
    `- lookup / bare, median of the rounds: **${fmt(ratio, 2)}×** (target ≥ 0.5×) — ${ratio >= 0.5 ? 'met' : 'MISSED'}`,
    `- by server CPU per request instead (bare / lookup; CPU of every thread of the server process), median: ${fmt(cpuRatio, 2)}×`,
    '- per lookup the server authenticates the bearer session (one query for session and user), reads the person with their household (one query) and appends a hash-chained audit entry (group-committed with concurrent reads, still committed before the answer); the bare route does none of this. The req/s ratio also depends on the load generator: on this 2-CPU box it shares the machine with the server, and the bare route is partly limited by it.',
    `- lookup p99, median of the rounds: **${fmt(p99, 1)} ms**, worst round ${fmt(maxP99, 1)} ms (target < 50 ms) — ${maxP99 < 50 ? 'met' : 'MISSED'}`,
    '',
  ].join('\n');
  console.log(md);
  const out = f.get('out') ?? 'bench/results/person-lookup.md';
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, md);
  console.log(`written to ${out}`);
} finally {
  await s.close();
}

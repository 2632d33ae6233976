/**
 * The floor every route of the app pays before its own work: `GET /healthz` of the real app (buildApp, as
 * `dtks serve` builds it: request id, security headers, cookies, the anonymous rate limit, the auth
 * boundary, media-type check, metrics, compression hook, zod serialisation — and no database) next to the
 * bare Fastify route, in alternating rounds loaded by autocannon (50 connections, its own process), as
 * bench/person-lookup.ts measures. A route of the app cannot cost less than this row; the ratio target
 * (≥ 0.5× the bare route) leaves a route `2 × bare − floor` µs of CPU for its own work.
 *
 *   node bench/app-floor.ts [--engine sqlite|postgres] [--households 100000] [--seconds 10] [--rounds 3]
 *                           [--pg-db NAME] [--out FILE]
 */
import { startServers } from './lib/app-server.ts';
import { runAutocannon } from './lib/autocannon-load.ts';
import { benchDatabase } from './lib/bench-db.ts';
import { fmt, machine, machineMarkdown } from './lib/report.ts';
import {
  alternatingRounds,
  medianOf,
  roundsTable,
  routeBenchFlags,
  writeReport,
} from './lib/route-rounds.ts';

const f = routeBenchFlags({ households: 100_000, niks: 0 });
const { engine, households, seconds, rounds, connections } = f;
const m = machine();
const url = await benchDatabase(engine, households, f.flags.get('pg'), f.flags.get('pg-db'));
const s = await startServers(url);
try {
  const run = (origin: string, path: string, secs = seconds) =>
    runAutocannon({ origin, paths: [path], seconds: secs, connections });
  await run(s.bareOrigin, '/bare', 3);
  await run(s.appOrigin, '/healthz', 3);
  const pairs = await alternatingRounds(
    rounds,
    () => run(s.bareOrigin, '/bare'),
    () => run(s.appOrigin, '/healthz'),
  );
  const ratio = medianOf(pairs, (p) => p.ratio);
  const floorUs = medianOf(pairs, (p) => p.route.serverCpuUs);
  const bareUs = medianOf(pairs, (p) => p.bare.serverCpuUs);
  const md = [
    `## The app's own floor (${engine === 'sqlite' ? 'SQLite' : 'PostgreSQL'} container)`,
    '',
    machineMarkdown(
      m,
      `node bench/app-floor.ts${process.argv.length > 2 ? ` ${process.argv.slice(2).join(' ')}` : ''}`,
    ),
    `- load: autocannon, ${connections} keep-alive connections over loopback from a separate process, ${seconds} s per row, after a warm-up; ${rounds} rounds, each a bare row then a /healthz row`,
    '',
    ...roundsTable(pairs, 'GET /healthz of the app (no database)'),
    '',
    `- /healthz / bare, median of the rounds: **${fmt(ratio, 2)}×**`,
    `- server CPU per request, median: bare ${fmt(bareUs)} µs, the app's /healthz ${fmt(floorUs)} µs: a route of the app at 0.5× the bare route has ≈ ${fmt(Math.max(0, 2 * bareUs - floorUs))} µs left for its own work`,
    '',
  ].join('\n');
  writeReport(md, f, 'app-floor');
} finally {
  await s.close();
}

/**
 * DCI sync search by UIN (`POST /dci/registry/sync/search`: bearer JWT verified, envelope checked, the
 * person and its household read within the partner's territory, the read audited, the answer signed)
 * next to a bare Fastify route returning a constant JSON, in the same process, loaded by autocannon from
 * its own process, in alternating rounds (as bench/person-lookup.ts; the same seeded databases).
 *
 *   node bench/dci-search.ts --engine sqlite|postgres [--households 20000] [--seconds 10] [--rounds 3]
 *                            [--connections 50] [--niks 2000] [--pg URL] [--out FILE]
 */
import { sql } from 'kysely';
import { systemActor } from '../src/modules/access/actor.ts';
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

const f = routeBenchFlags({ households: 20_000, niks: 2000 });
const { engine, households, seconds, rounds, connections, niks: nikCount } = f;
const m = machine();
const url = await benchDatabase(engine, households, f.flags.get('pg'));

const s = await startServers(url);
try {
  const db = s.container.database.db;
  const niks = (
    await sql<{ nik: string }>`select nik from nik_registry order by random() limit ${nikCount}`.execute(db)
  ).rows.map((r) => r.nik);
  const dci = s.container.dci;
  const secret = 'bench-dci-secret-2026';
  const operator = systemActor('bench');
  if (!(await dci.listPartners(operator)).some((p) => p.clientId === 'bench-dci'))
    await dci.addPartner(operator, {
      clientId: 'bench-dci',
      name: 'bench',
      scopes: ['dci.search'],
      regionCode: '',
      callbackHosts: [],
      secret,
    });
  const { access_token } = await dci.issueToken({
    grantType: 'client_credentials',
    clientId: 'bench-dci',
    clientSecret: secret,
  });
  const headers = { authorization: `Bearer ${access_token}`, 'content-type': 'application/json' };
  const bodies = niks.map((nik, i) =>
    JSON.stringify({
      signature: 'unsigned',
      header: {
        version: '1.0.0',
        message_id: `bench-${i}`,
        message_ts: new Date().toISOString(),
        action: 'search',
        sender_id: 'bench-dci',
        receiver_id: 'dtks',
        total_count: 1,
      },
      message: {
        transaction_id: `tx-${i}`,
        search_request: [
          {
            reference_id: `ref-${i}`,
            timestamp: new Date().toISOString(),
            search_criteria: { query_type: 'idtype-value', query: { type: 'UIN', value: nik } },
          },
        ],
      },
    }),
  );
  const path = '/dci/registry/sync/search';
  const check = await fetch(`${s.appOrigin}${path}`, { method: 'POST', headers, body: bodies[0] });
  const checked = (await check.json()) as {
    message?: { search_response?: { pagination?: { total_count: number } }[] };
  };
  if (check.status !== 200 || checked.message?.search_response?.[0]?.pagination?.total_count !== 1)
    throw new Error(`search answered ${check.status}: ${JSON.stringify(checked).slice(0, 300)}`);

  const bare = (secs = seconds) =>
    runAutocannon({ origin: s.bareOrigin, paths: ['/bare'], seconds: secs, connections });
  const searches = (offset: number, secs = seconds) =>
    runAutocannon({
      origin: s.appOrigin,
      paths: bodies.map(() => path),
      method: 'POST',
      bodies: [...bodies.slice(offset), ...bodies.slice(0, offset)],
      headers,
      seconds: secs,
      connections,
    });
  await bare(3);
  await searches(0, 5);
  const pairs = await alternatingRounds(rounds, bare, (i) =>
    searches(Math.floor((i * bodies.length) / rounds)),
  );
  const engineName = engine === 'sqlite' ? 'SQLite' : 'PostgreSQL';
  const md = [
    `## ${engineName}`,
    '',
    machineMarkdown(
      m,
      `node bench/dci-search.ts${process.argv.length > 2 ? ` ${process.argv.slice(2).join(' ')}` : ''}`,
    ),
    `- data: ${engine === 'sqlite' ? url : 'PostgreSQL on 127.0.0.1 (same machine)'}, ${fmt(households)} seeded households in 33.07, ${fmt(niks.length)} random existing NIKs cycled, one per request; a national partner; every answer audited (one entry per person shown) and signed (Ed25519 JWS)`,
    `- load: autocannon, ${connections} keep-alive connections, ${seconds} s per row after a warm-up; ${rounds} rounds, each a bare row then a search row`,
    '',
    ...roundsTable(pairs, 'POST /dci/registry/sync/search (UIN)'),
    '',
    `- search / bare req/s per round: ${pairs.map((p) => fmt(p.ratio, 2)).join(', ')}; median **${fmt(
      medianOf(pairs, (p) => p.ratio),
      2,
    )}×**`,
    `- by server CPU per request (bare / search), median: ${fmt(
      medianOf(pairs, (p) => p.cpuRatio),
      2,
    )}×`,
    `- search p99, median of the rounds: ${fmt(
      medianOf(pairs, (p) => p.route.p99),
      1,
    )} ms`,
    '',
  ].join('\n');
  writeReport(md, f, 'dci-search');
} finally {
  await s.close();
}

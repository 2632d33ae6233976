/**
 * `GET /api/v1/households?region=…&q=…` (authenticated, audited) next to a bare Fastify route returning a
 * constant JSON, in the same run and process, on SQLite or PostgreSQL, loaded by autocannon (a standard load
 * generator, 50 keep-alive connections) from its own process. Rounds alternate (bare, village list, village
 * name search, …) and are judged on the median of the per-round ratios; then regency-wide name searches
 * (common, rare and absent fragments) with fewer connections, as a Dinas Sosial user would run them.
 * Reported against the person lookup's targets (≥ 0.5× the bare route's requests/s, p99 < 50 ms), though a list
 * answers 50 households and audits each of their ids, far more work than one person.
 *
 *   node bench/household-list.ts --engine sqlite|postgres [--households 100000] [--seconds 10] [--rounds 3]
 *                                [--connections 50] [--regency-connections 8] [--pg URL] [--profile FILE] [--out FILE]
 *
 * The database (bench/lib/bench-db.ts: N households in regency 33.07) is seeded once per engine and reused.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { sql } from 'kysely';
import { benchLogin, startServers } from './lib/app-server.ts';
import { type AutocannonResult, runAutocannon } from './lib/autocannon-load.ts';
import { benchDatabase, benchEngine } from './lib/bench-db.ts';
import { profiled } from './lib/cpu-profile.ts';
import { fragment, REGENCY } from './lib/regency.ts';
import { flags, fmt, int, machine, machineMarkdown, median } from './lib/report.ts';

const f = flags();
const engine = benchEngine(f.get('engine'));
const households = int(f.get('households'), 100_000);
const seconds = int(f.get('seconds'), 10);
const rounds = int(f.get('rounds'), 3);
const connections = int(f.get('connections'), 50);
const regencyConnections = int(f.get('regency-connections'), 8);
const m = machine();
const url = await benchDatabase(engine, households, f.get('pg'));

const s = await startServers(url);
try {
  const db = s.container.database.db;
  const heads = (
    await sql<{ villageCode: string; name: string }>`
      select village_code as "villageCode", head_name_search as "name"
      from households order by random() limit 2000`.execute(db)
  ).rows;
  const villages = [...new Set(heads.map((h) => h.villageCode))];
  const absent = ['zqx', 'xyzw', 'qqv', 'vwxz', 'jjjq'];
  const villageLists = villages.map((v) => `/api/v1/households?region=${v}`);
  // 4 in 5 a 3–5 letter piece of a head's name in that village, 1 in 5 a name absent there.
  const villageSearches = heads.map((h, i) => {
    const q = i % 5 === 4 ? absent[i % absent.length]! : fragment(h.name, Math.random());
    return `/api/v1/households?region=${h.villageCode}&q=${encodeURIComponent(q)}`;
  });
  const share = (q: string) => heads.filter((h) => h.name.includes(q)).length / heads.length;
  const candidates = [...new Set(heads.flatMap((h, i) => [fragment(h.name, (i % 10) / 10), h.name]))];
  const byShare = candidates.map((q) => ({ q, share: share(q) })).sort((a, b) => b.share - a.share);
  const kinds = {
    common: byShare.filter((c) => c.share >= 0.05).slice(0, 10),
    rare: byShare.filter((c) => c.share > 0 && c.share < 0.01).slice(-20),
    absent: absent.map((q) => ({ q, share: 0 })),
  };
  const total = Number(
    (
      await db
        .selectFrom('households')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

  const headers = await benchLogin(s, 'bench-pusdatin', 'pusdatin', '');
  const check = await fetch(`${s.appOrigin}${villageSearches[0]}`, { headers });
  if (check.status !== 200) throw new Error(`list answered ${check.status}: ${await check.text()}`);
  const run = (origin: string, paths: string[], secs = seconds, conns = connections) =>
    runAutocannon({ origin, paths, headers, seconds: secs, connections: conns });

  // Warm-up, not reported: JIT, pools, and the sampled villages' pages in the caches.
  await run(s.bareOrigin, ['/bare'], 3);
  await run(s.appOrigin, [...villageLists, ...villageSearches], 5);
  const sets: { bare: AutocannonResult; list: AutocannonResult; search: AutocannonResult }[] = [];
  for (let i = 0; i < rounds; i++) {
    const bare = await run(s.bareOrigin, ['/bare']);
    const list = await run(s.appOrigin, villageLists);
    const search = await run(s.appOrigin, villageSearches);
    sets.push({ bare, list, search });
  }
  // `--profile FILE`: one more village-list row (not reported) under the V8 profiler of the server process.
  const profileFile = f.get('profile');
  if (profileFile) {
    const { result, top } = await profiled(profileFile, () => run(s.appOrigin, villageLists));
    console.error(
      `profiled row: ${fmt(result.perSecond)} req/s, ${fmt(result.serverCpuUs)} µs server CPU per list\n${top}`,
    );
  }
  const regency: Record<string, AutocannonResult> = {};
  for (const [kind, list] of Object.entries(kinds)) {
    if (list.length === 0) continue;
    const paths = list.map((c) => `/api/v1/households?region=${REGENCY}&q=${encodeURIComponent(c.q)}`);
    regency[kind] = await run(s.appOrigin, paths, seconds, regencyConnections);
  }

  const ratio = (k: 'list' | 'search') => median(sets.map((x) => x[k].perSecond / x.bare.perSecond));
  const cpuRatio = (k: 'list' | 'search') => median(sets.map((x) => x.bare.serverCpuUs / x[k].serverCpuUs));
  const worstP99 = (k: 'list' | 'search') => Math.max(...sets.map((x) => x[k].p99));
  const engineName = engine === 'sqlite' ? 'SQLite' : 'PostgreSQL';
  const row = (name: string, r: AutocannonResult) =>
    `| ${name} | ${fmt(r.requests)} | ${fmt(r.perSecond)} | ${fmt(r.p50, 1)} | ${fmt(r.p97_5, 1)} | ${fmt(r.p99, 1)} | ${fmt(r.max, 1)} | ${fmt(r.serverCpuUs)} | ${fmt(r.non2xx)} | ${fmt(r.errors)} |`;
  const verdict = (k: 'list' | 'search') =>
    `**${fmt(ratio(k), 2)}×** (lookup target ≥ 0.5×) — ${ratio(k) >= 0.5 ? 'met' : 'MISSED'}; by server CPU per request ${fmt(cpuRatio(k), 2)}×; worst p99 ${fmt(worstP99(k), 1)} ms (target < 50 ms) — ${worstP99(k) < 50 ? 'met' : 'MISSED'}`;
  const md = [
    `## ${engineName}`,
    '',
    machineMarkdown(
      m,
      `node bench/household-list.ts${process.argv.length > 2 ? ` ${process.argv.slice(2).join(' ')}` : ''}`,
    ),
    `- data: ${engine === 'sqlite' ? url : 'PostgreSQL on 127.0.0.1 (same machine)'}, ${fmt(total)} seeded households in regency ${REGENCY} (~${fmt(total / Math.max(1, villages.length))} per sampled village); ${fmt(villages.length)} villages and ${fmt(heads.length)} heads sampled at random`,
    `- village list: the first page (50) of a village; village search: 4 in 5 a 3–5 letter piece of a head's name in that village, 1 in 5 a name absent there; every answer with rows is audited (one entry per request); user pusdatin (national territory)`,
    `- load: autocannon, ${connections} keep-alive connections over loopback from a separate process, ${seconds} s per row, after a warm-up (3 s bare, 5 s lists); ${rounds} rounds of bare, list, search; then regency-wide searches with ${regencyConnections} connections`,
    '- server: one process, the app as `dtks serve` builds it; server CPU = every thread of the server process per request',
    '',
    '| round | route | requests | req/s | p50 ms | p97.5 ms | p99 ms | max ms | server CPU µs/req | non-2xx | errors |',
    '|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...sets.flatMap((x, i) => [
      `| ${i + 1} ${row('bare Fastify, constant JSON', x.bare)}`,
      `| ${i + 1} ${row('village list', x.list)}`,
      `| ${i + 1} ${row('village + name fragment', x.search)}`,
    ]),
    ...Object.entries(regency).map(([kind, r]) => {
      const shares = kinds[kind as keyof typeof kinds].map((c) => c.share * 100);
      return `| – ${row(`regency ${REGENCY}, ${kind} fragment (matching ${fmt(Math.min(...shares), 2)}–${fmt(Math.max(...shares), 2)}% of sampled heads)`, r)}`;
    }),
    '',
    `- village list / bare, median of the rounds: ${verdict('list')}`,
    `- village search / bare, median of the rounds: ${verdict('search')}`,
    ...Object.entries(regency).map(
      ([kind, r]) => `- regency-wide, ${kind} fragment: p50 ${fmt(r.p50, 1)} ms, p99 ${fmt(r.p99, 1)} ms`,
    ),
    '',
  ].join('\n');
  console.log(md);
  const out = f.get('out') ?? `bench/tmp/household-list-${engine}.md`;
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, md);
  console.log(`written to ${out}`);
} finally {
  await s.close();
}

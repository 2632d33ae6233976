/**
 * Regency-wide name search and the duplicate scan at 300,000 households (issue 11).
 *
 * - `GET /api/v1/households?region=33.07&q=…` (authenticated, audited) for common, rare and absent fragments
 *   of heads' names: rare and absent ones are answered through the trigram index (migration 018).
 * - `GET /api/v1/households/search?region=33.07&q=…`: tolerant search for heads' names typed in another
 *   spelling (Soewarno for Suwarno, Djoko for Joko, a doubled letter) or with one letter wrong.
 * - `dtks duplicates scan --region 33.07` in a child process: wall time and peak RSS.
 *
 * The regency database is seeded once (bench/tmp/regency-300000.sqlite, as bench/household-list.ts does).
 * With DATABASE_URL=postgres://… the same benchmark runs on PostgreSQL against that database, seeded
 * beforehand with `dtks seed --households 300000 --region 33.07 --seed regency` (same seed, same people).
 *
 *   [DATABASE_URL=postgres://…] node bench/name-search.ts [--regency-households 300000] [--requests 1000]
 *       [--seconds 30] [--no-scan] [--out bench/results/name-search.md | name-search-postgres.md]
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { sql } from 'kysely';
import { createDb } from '../src/db/dialect.ts';
import { foldName } from '../src/domain/names/name-fold.ts';
import { benchLogin, startServers } from './lib/app-server.ts';
import { type LoadResult, runLoadInChild } from './lib/load.ts';
import { type BackendTicks, backendCpuUs, backendTicks as readBackendTicks } from './lib/pg-cpu.ts';
import { fragment, REGENCY, regencyDb as regencyDbOf } from './lib/regency.ts';
import { flags, fmt, int, machine, machineMarkdown, mib } from './lib/report.ts';

const f = flags();
const requests = int(f.get('requests'), 1000);
const seconds = int(f.get('seconds'), 30);
const regencyHouseholds = int(f.get('regency-households'), 300_000);
const postgresUrl = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? '')
  ? process.env.DATABASE_URL!
  : null;
const regencyDb = postgresUrl ?? regencyDbOf(regencyHouseholds);
const engine = postgresUrl ? 'PostgreSQL' : 'SQLite';
const out = f.get('out') ?? `bench/results/name-search${postgresUrl ? '-postgres' : ''}.md`;

/** A name as it might be typed in another spelling or with a slip: old spelling first, else one letter off. */
function misspell(name: string, i: number): string {
  const old = name.replace(/u/, 'oe').replace(/\bj/, 'dj').replace(/c/, 'tj');
  if (old !== name && i % 2 === 0) return old;
  const doubled = name.replace(/([bcdfghjklmnpqrstvwxyz])/, '$1$1');
  if (i % 3 === 0) return doubled;
  // One letter replaced in the middle of the first word.
  const w = name.split(' ')[0]!;
  const at = Math.max(1, Math.floor(w.length / 2));
  const swapped = w.slice(0, at) + (w[at] === 'a' ? 'e' : 'a') + w.slice(at + 1);
  return [swapped, ...name.split(' ').slice(1)].join(' ');
}

const m = machine();
const command = `node bench/name-search.ts${process.argv.length > 2 ? ` ${process.argv.slice(2).join(' ')}` : ''}`;
// Test data sampled in registration order (every 199th head), the same people on both engines.
const sampling = createDb(regencyDb);
const heads = (
  await sql<{ name: string }>`select head_name_search as name from households order by id`.execute(
    sampling.db,
  )
).rows.filter((_, i) => (i + 1) % 199 === 0);
const share = (q: string) => heads.filter((h) => h.name.includes(q)).length / Math.max(1, heads.length);
const candidates = [...new Set(heads.flatMap((h, i) => [fragment(h.name, (i % 10) / 10), h.name]))];
const byShare = candidates.map((q) => ({ q, share: share(q) })).sort((a, b) => b.share - a.share);
const twoWordNames = [...new Set(heads.map((h) => h.name).filter((n) => n.split(' ').length === 2))];
const misspelled = twoWordNames
  .filter((_, i) => i % 7 === 0)
  .slice(0, 20)
  .map((name, i) => ({ q: misspell(name, i), name }));
const kinds = {
  common: { path: 'households', list: byShare.filter((c) => c.share >= 0.05).slice(0, 20) },
  rare: { path: 'households', list: byShare.filter((c) => c.share > 0 && c.share < 0.01).slice(-20) },
  absent: {
    path: 'households',
    list: ['zqx', 'xyzw', 'qqv', 'vwxz', 'jjjq'].map((q) => ({ q, share: 0 })),
  },
  misspelled: {
    path: 'households/search',
    list: misspelled.map((x) => ({ q: x.q, share: share(x.name) })),
  },
} as const;

const regencyCount = Number(
  (
    await sql<{ n: number }>`select count(*) as n from households
      where regency_code = ${REGENCY} and status = 'active'`.execute(sampling.db)
  ).rows[0]!.n,
);
await sampling.close();

const backendTicks = async (): Promise<BackendTicks> =>
  postgresUrl ? readBackendTicks(postgresUrl) : new Map();

const rows: string[] = [];
const results: Record<string, LoadResult> = {};
/** Of the misspelled queries, how many answered the intended head's name within the first five. */
let foundInTop5 = 0;
{
  const s = await startServers(regencyDb);
  try {
    const headers = await benchLogin(s, 'bench-pusdatin', 'pusdatin', '');
    for (const x of misspelled) {
      const r = await fetch(
        `${s.appOrigin}/api/v1/households/search?region=${REGENCY}&q=${encodeURIComponent(x.q)}&limit=5`,
        { headers },
      );
      const body = (await r.json()) as { items: { headName: string }[] };
      if (body.items.some((i) => foldName(i.headName) === foldName(x.name))) foundInTop5++;
    }
    for (const [kind, { path, list }] of Object.entries(kinds)) {
      if (list.length === 0) continue;
      const paths = list.map((c) => `/api/v1/${path}?region=${REGENCY}&q=${encodeURIComponent(c.q)}`);
      await runLoadInChild({ origin: s.appOrigin, paths, headers, requests: 50, seconds, concurrency: 4 });
      const before = await backendTicks();
      const r = await runLoadInChild({
        origin: s.appOrigin,
        paths,
        headers,
        requests,
        seconds,
        concurrency: 4,
      });
      results[kind] = r;
      const dbCpu = postgresUrl
        ? ` ${fmt(backendCpuUs(before, await backendTicks()) / Math.max(1, r.requests))} |`
        : '';
      const shares = list.map((c) => c.share);
      rows.push(
        `| ${kind} | /api/v1/${path} | ${list.length} (e.g. "${list[0]!.q}") | ${fmt(Math.min(...shares) * 100, 2)}–${fmt(Math.max(...shares) * 100, 2)}% | ${fmt(r.requests)} | ${fmt(r.perSecond)} | ${fmt(r.p50, 2)} | ${fmt(r.p95, 2)} | ${fmt(r.p99, 2)} | ${fmt(r.serverCpuUs ?? Number.NaN)} |${dbCpu} ${Object.entries(
          r.statuses,
        )
          .map(([k, v]) => `${k}: ${fmt(v)}`)
          .join(', ')} |`,
      );
    }
  } finally {
    await s.close();
  }
}

let scanLines = ['- duplicate scan: not run (--no-scan)'];
if (!f.has('no-scan')) {
  // In a child process of its own, as an operator runs it, so its peak RSS is the scan's alone.
  const started = performance.now();
  const child = spawnSync(
    '/usr/bin/time',
    [
      '-f',
      'maxrss_kib=%M',
      process.execPath,
      'src/cli/main.ts',
      'duplicates',
      'scan',
      '--region',
      REGENCY,
      '--json',
    ],
    { env: { ...process.env, DATABASE_URL: regencyDb }, encoding: 'utf8', maxBuffer: 64 * 2 ** 20 },
  );
  const wall = (performance.now() - started) / 1000;
  if (child.status !== 0) throw new Error(`duplicates scan failed: ${child.stderr}`);
  const r = JSON.parse(child.stdout) as {
    households: number;
    persons: number;
    found: number;
    inserted: number;
    byRule: Record<string, number>;
  };
  const rssKib = Number(/maxrss_kib=(\d+)/.exec(child.stderr)?.[1] ?? Number.NaN);
  scanLines = [
    `- duplicate scan (\`dtks duplicates scan --region ${REGENCY}\`, a child process): ${fmt(r.households)} households and ${fmt(r.persons)} persons compared in **${fmt(wall, 1)} s** wall, peak RSS **${mib(rssKib * 1024)}**; ${fmt(r.found)} pairs found (${Object.entries(
      r.byRule,
    )
      .map(([k, v]) => `${k} ${fmt(v)}`)
      .join(', ')}), ${fmt(r.inserted)} new`,
  ];
}

const md = [
  `# Name search and duplicate scan: a 300,000-household regency (${engine})`,
  '',
  machineMarkdown(m, command),
  `- database: ${postgresUrl ? 'PostgreSQL (DATABASE_URL)' : regencyDb} (${fmt(regencyCount)} active households in ${REGENCY}, seeded with \`dtks seed --households ${regencyHouseholds} --region ${REGENCY} --seed regency\`, then migrated to the latest migration), ${engine}`,
  ...(postgresUrl
    ? [
        '- server CPU µs/req counts the Node process only; PostgreSQL CPU µs/req is the CPU time of the backends connected to the database during the run (/proc, 10 ms ticks), the index work',
      ]
    : []),
  '- user: pusdatin (national territory), region=33.07; every answer with rows is audited; page size 50; 4 connections, a 50-request warm-up per kind',
  '',
  `| kind | route | queries | share of heads matching | requests | req/s | p50 ms | p95 ms | p99 ms | server CPU µs/req |${postgresUrl ? ' PostgreSQL CPU µs/req |' : ''} statuses |`,
  `|---|---|---|---:|---:|---:|---:|---:|---:|---:|${postgresUrl ? '---:|' : ''}---|`,
  ...rows,
  '',
  ...Object.entries(results).map(
    ([kind, r]) =>
      `- ${kind}: p95 **${fmt(r.p95, 1)} ms** (target < 100 ms) — ${r.p95 < 100 ? 'met' : 'MISSED'}`,
  ),
  `- misspelled queries whose intended name is among the first five answers: ${foundInTop5} of ${misspelled.length}`,
  ...scanLines,
  '',
].join('\n');
console.log(md);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, md);

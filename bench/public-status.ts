/**
 * Cek Bansos (`POST /api/v1/public/status`) next to a bare Fastify route returning a constant JSON, in the
 * same run and process, loaded by autocannon (50 keep-alive connections, its own process), in alternating
 * rounds (bare, check, bare, check, …), judged on the median of the per-round ratios — as
 * bench/person-lookup.ts does. Targets (issue 14): ≥ 0.5× the bare route's requests/s, p99 < 50 ms.
 *
 * Limits ON: every check counts its client and its NIK (in-process counters, as without REDIS_URL),
 * decides the adaptive challenge and logs one `public_checks` row with keyed hashes. All load comes from
 * one loopback address, so the limits are raised out of reach (PUBLIC_LIMIT_CLIENT/NIK/VILLAGE and the
 * challenge mark = 10⁹): the counting, the decisions and the log are measured, a refusal never happens.
 * The checks cycle a sample of NIKs: one third right name (found), one third wrong name for an existing
 * NIK, one third absent NIKs (both not_found).
 *
 *   node bench/public-status.ts [--engine sqlite|postgres] [--households 300000] [--seconds 10] [--rounds 3]
 *                               [--connections 50] [--niks 3000] [--pg URL] [--pg-db NAME] [--out FILE]
 *                               [--profile FILE.cpuprofile]
 *
 * `--profile`: after the rounds, one more check row (not reported) under the V8 sampling profiler of the
 * server process (bench/lib/cpu-profile.ts): the profile is written and its top functions printed.
 *
 * Either engine (the bench database of bench/lib/bench-db.ts, seeded once and reused; on PostgreSQL the
 * backends' CPU per check is reported too); the first run puts every active household in a determined
 * period's snapshot (what penetapan would have done).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname } from 'node:path';
import { sql } from 'kysely';
import { startServers } from './lib/app-server.ts';
import { type AutocannonResult, runAutocannon } from './lib/autocannon-load.ts';
import { benchDatabase, benchEngine } from './lib/bench-db.ts';
import { profiled } from './lib/cpu-profile.ts';
import { trackBackends } from './lib/pg-cpu.ts';
import { flags, fmt, int, machine, machineMarkdown, median } from './lib/report.ts';

const f = flags();
const engine = benchEngine(f.get('engine'));
const households = int(f.get('households'), 300_000);
const seconds = int(f.get('seconds'), 10);
const rounds = int(f.get('rounds'), 3);
const connections = int(f.get('connections'), 50);
const nikCount = int(f.get('niks'), 3000);
const PERIOD = '2026-11';

for (const name of [
  'PUBLIC_LIMIT_CLIENT',
  'PUBLIC_LIMIT_NIK',
  'PUBLIC_LIMIT_VILLAGE',
  'PUBLIC_CHALLENGE_AFTER',
]) {
  process.env[name] = '1000000000';
}
process.env.PUBLIC_CHALLENGE = 'adaptive';
delete process.env.REDIS_URL;

const m = machine();
const url = await benchDatabase(engine, households, f.get('pg'), f.get('pg-db'));
const s = await startServers(url);
try {
  const db = s.container.database.db;
  const determined = await db
    .selectFrom('periods')
    .select('period')
    .where('period', '=', PERIOD)
    .executeTakeFirst();
  if (!determined) {
    const t0 = performance.now();
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('periods')
        .values({ period: PERIOD, state: 'determined', createdAt: new Date().toISOString() } as never)
        .execute();
      await sql`insert into snapshot_households (period, household_id, province_code, regency_code, village_code, version, member_count)
        select ${PERIOD}, id, province_code, regency_code, village_code, version, member_count from households where status = 'active'`.execute(
        trx,
      );
    });
    console.error(`snapshot of ${PERIOD} written in ${Math.round(performance.now() - t0)} ms`);
  }
  const sample = (
    await sql<{
      nik: string;
      name: string;
    }>`select n.nik, p.name from nik_registry n join persons p on p.id = n.person_id order by random() limit ${nikCount}`.execute(
      db,
    )
  ).rows;
  const people = Number(
    (
      await db
        .selectFrom('nikRegistry')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  const bodies = sample.map((p, i) =>
    JSON.stringify(
      i % 3 === 0
        ? { nik: p.nik, name: p.name }
        : i % 3 === 1
          ? { nik: p.nik, name: 'Nama Yang Salah' }
          : { nik: `${p.nik.slice(0, 12)}${String(9000 + (i % 1000)).slice(-4)}`, name: p.name },
    ),
  );
  const probe = await fetch(`${s.appOrigin}/api/v1/public/status`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: bodies[0],
  });
  const probeBody = await probe.text();
  if (probe.status !== 200 || !probeBody.includes('"found"')) {
    throw new Error(`check answered ${probe.status}: ${probeBody}`);
  }

  const bare = (secs = seconds) =>
    runAutocannon({ origin: s.bareOrigin, paths: ['/bare'], seconds: secs, connections });
  const checks = async (offset: number, secs = seconds) => {
    const backends = engine === 'postgres' ? trackBackends(url) : null;
    const r = await runAutocannon({
      origin: s.appOrigin,
      paths: ['/api/v1/public/status'],
      method: 'POST',
      bodies: [...bodies.slice(offset), ...bodies.slice(0, offset)],
      seconds: secs,
      connections,
    });
    if (backends) databaseCpuUs.push((await backends.stop()) / Math.max(1, r.requests));
    return r;
  };
  /** PostgreSQL: the backends' CPU per check of each check row (the Node figure leaves it out). */
  const databaseCpuUs: number[] = [];
  await bare(3);
  await checks(0, 5);
  databaseCpuUs.length = 0;
  const pairs: { bare: AutocannonResult; check: AutocannonResult; ratio: number; load: number[] }[] = [];
  for (let i = 0; i < rounds; i++) {
    const b = await bare();
    const c = await checks(Math.floor((i * bodies.length) / rounds));
    pairs.push({ bare: b, check: c, ratio: c.perSecond / b.perSecond, load: loadavg() });
  }
  const profileFile = f.get('profile');
  if (profileFile) {
    const { result, top } = await profiled(profileFile, () => checks(0));
    console.error(
      `profiled row: ${fmt(result.perSecond)} req/s, ${fmt(result.serverCpuUs)} µs server CPU per check\n${top}`,
    );
  }
  const logged = Number(
    (
      await db
        .selectFrom('publicChecks')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  const ratio = median(pairs.map((p) => p.ratio));
  const p99 = median(pairs.map((p) => p.check.p99));
  const maxP99 = Math.max(...pairs.map((p) => p.check.p99));
  const row = (name: string, r: AutocannonResult) =>
    `| ${name} | ${fmt(r.requests)} | ${fmt(r.perSecond)} | ${fmt(r.p50, 1)} | ${fmt(r.p99, 1)} | ${fmt(r.max, 1)} | ${fmt(r.serverCpuUs)} | ${fmt(r.non2xx)} | ${fmt(r.errors)} |`;
  const md = [
    `## Cek Bansos — ${engine === 'sqlite' ? 'SQLite' : 'PostgreSQL'}`,
    '',
    machineMarkdown(
      m,
      `node bench/public-status.ts${process.argv.length > 2 ? ` ${process.argv.slice(2).join(' ')}` : ''}`,
    ),
    `- data: ${engine === 'sqlite' ? url : 'PostgreSQL on 127.0.0.1 (same machine)'}, ${fmt(households)} seeded households in 33.07 (${fmt(people)} registered NIKs), all in the determined period ${PERIOD}; ${fmt(bodies.length)} checks cycled: ⅓ found, ⅓ wrong name for an existing NIK, ⅓ absent NIK`,
    '- limits ON, out of reach: client/NIK counters hit per check (in-process store), adaptive challenge decided per check, one `public_checks` row written per check (PUBLIC_LIMIT_*=10⁹, PUBLIC_CHALLENGE_AFTER=10⁹: one loopback client would otherwise be refused after 30 checks)',
    `- load: autocannon, ${connections} keep-alive connections over loopback from a separate process, ${seconds} s per row, after a warm-up; ${rounds} rounds, each a bare row then a check row`,
    '',
    '| round | route | requests | req/s | p50 ms | p99 ms | max ms | server CPU µs/req | non-2xx | errors | load avg (1/5/15) |',
    '|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---|',
    ...pairs.flatMap((p, i) => [
      `| ${i + 1} ${row('bare Fastify, constant JSON', p.bare)} |`,
      `| ${i + 1} ${row('POST /api/v1/public/status', p.check)} ${p.load.map((x) => x.toFixed(1)).join(' / ')} |`,
    ]),
    '',
    `- check / bare per round: ${pairs.map((p) => fmt(p.ratio, 2)).join(', ')}`,
    `- check / bare, median of the rounds: **${fmt(ratio, 2)}×** (target ≥ 0.5×) — ${ratio >= 0.5 ? 'met' : 'MISSED'}`,
    `- check p99, median of the rounds: **${fmt(p99, 1)} ms**, worst round ${fmt(maxP99, 1)} ms (target < 50 ms) — ${maxP99 < 50 ? 'met' : 'MISSED'}`,
    ...(engine === 'postgres'
      ? [
          `- PostgreSQL backends' CPU per check (not in the table's server CPU), per round: ${databaseCpuUs
            .slice(0, rounds)
            .map((us) => `${fmt(us)} µs`)
            .join(', ')}`,
        ]
      : []),
    `- rows in public_checks after the run (every run adds its checks): ${fmt(logged)}`,
    '',
  ].join('\n');
  console.log(md);
  const out = f.get('out') ?? 'bench/tmp/public-status.md';
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, md);
  console.log(`written to ${out}`);
} finally {
  await s.close();
}

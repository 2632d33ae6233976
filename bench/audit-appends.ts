import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import pg from 'pg';
import { createContainer } from '../src/container.ts';
import { createDb, serverOpenOptions } from '../src/db/dialect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { buildApp } from '../src/http/app.ts';
import { systemActor } from '../src/modules/access/actor.ts';
import { BENCH_PASSWORD } from './lib/app-server.ts';
import { type AutocannonResult, runAutocannon } from './lib/autocannon-load.ts';
import { flags, fmt, int, machine, machineMarkdown, median } from './lib/report.ts';

const f = flags();
const engine = f.get('engine') ?? 'sqlite';
if (engine !== 'sqlite' && engine !== 'postgres') throw new Error('--engine sqlite|postgres');
const households = int(f.get('households'), 20_000);
const seconds = int(f.get('seconds'), 15);
const rounds = int(f.get('rounds'), 3);
const connections = int(f.get('connections'), 50);
const m = machine();

let url: string;
if (engine === 'sqlite') {
  mkdirSync('bench/tmp', { recursive: true });
  url = `bench/tmp/audit-${households}.sqlite`;
} else {
  const base = f.get('pg') ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `dtks_bench_audit_${households}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  const exists = await admin.query('select 1 from pg_database where datname = $1', [name]);
  if (exists.rowCount === 0) await admin.query(`create database "${name}"`);
  await admin.end();
  const u = new URL(base);
  u.pathname = `/${name}`;
  url = u.toString();
}
const fresh = engine === 'sqlite' && !existsSync(url);
const database = createDb(url, serverOpenOptions());
await migrateToLatest(database);
const dataDir = mkdtempSync(join(tmpdir(), 'dtks-bench-keys-'));
const c = createContainer(database, {
  ...(await import('../src/config.ts')).loadConfig({}),
  dataDir,
  auditHmacKey: 'c7'.repeat(32),
});
if (fresh || (await c.seed.isEmpty())) {
  const t = performance.now();
  const r = await c.seed.seed(systemActor('bench'), { households, regionCode: '33.07', seed: 'audit-bench' });
  console.error(
    `seeded ${r.created} households, ${r.persons} persons in ${Math.round(performance.now() - t)} ms`,
  );
}
await c.audit.seal({ wait: true });
const { rows: nikRows } = await (await import('kysely')).sql<{ nik: string }>`
  select nik from nik_registry order by nik limit 5000`.execute(database.db);
const niks = nikRows.map((r) => r.nik).sort(() => Math.random() - 0.5);
const people = (
  await database.db
    .selectFrom('nikRegistry')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow()
).n;

const app = await buildApp(c, {
  logger: false,
  webRoot: '/nonexistent',
  settings: { rateLimits: { account: 1e9, anonymous: 1e9, login: 1e9, dci: 1e9 }, redisUrl: null },
});
const origin = await app.listen({ host: '127.0.0.1', port: 0 });
const sealer = c.audit.startSealer({ onError: (err) => console.error('sealer:', err) });
try {
  const username = 'bench-pusdatin';
  if (!(await c.users.list(systemActor('bench'))).some((u) => u.username === username)) {
    await c.users.create(systemActor('bench'), {
      username,
      role: 'pusdatin',
      regionCode: '',
      password: BENCH_PASSWORD,
      displayName: 'Bench pusdatin',
    });
  }
  const login = await fetch(`${origin}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: BENCH_PASSWORD }),
  });
  const { token } = (await login.json()) as { token: string };
  // A NIK lookup says why (X-Purpose), as the web app's lookup form does.
  const headers = { authorization: `Bearer ${token}`, 'x-purpose': 'bench' };
  const lookups = niks.map((nik) => `/api/v1/persons/${nik}`);
  const check = await fetch(`${origin}${lookups[0]}`, { headers });
  if (check.status !== 200) throw new Error(`lookup answered ${check.status}: ${await check.text()}`);
  const auditCount = async () =>
    Number(
      (
        await database.db
          .selectFrom('auditLog')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('action', '=', 'person.read')
          .executeTakeFirstOrThrow()
      ).n,
    );

  const run = (paths: string[], s = seconds) =>
    runAutocannon({ origin, paths, headers, seconds: s, connections });
  await run(['/api/v1/auth/me'], 3); // warm-up, not reported
  await run(lookups, 3);
  const pairs: { me: AutocannonResult; person: AutocannonResult; ratio: number; entries: number }[] = [];
  for (let i = 0; i < rounds; i++) {
    const me = await run(['/api/v1/auth/me']);
    const before = await auditCount();
    const person = await run(lookups);
    const entries = (await auditCount()) - before;
    pairs.push({ me, person, ratio: person.perSecond / me.perSecond, entries });
  }
  // How far the sealer lags: entries still unsealed right after the load, and the time to seal them.
  const t = performance.now();
  const verify = await c.audit.verify();
  const verifyMs = performance.now() - t;
  const ratio = median(pairs.map((p) => p.ratio));

  const row = (name: string, r: AutocannonResult) =>
    `| ${name} | ${fmt(r.requests)} | ${fmt(r.perSecond)} | ${fmt(r.p50, 1)} | ${fmt(r.p99, 1)} | ${fmt(r.serverCpuUs)} | ${fmt(r.non2xx)} | ${fmt(r.errors)} |`;
  const md = [
    `# Audited reads under concurrency (${engine === 'sqlite' ? 'SQLite' : 'PostgreSQL'})`,
    '',
    machineMarkdown(m, `node bench/audit-appends.ts ${process.argv.slice(2).join(' ')}`),
    `- data: ${engine === 'sqlite' ? url : 'PostgreSQL 127.0.0.1 (same machine)'}, ${fmt(households)} seeded households (${fmt(Number(people))} NIKs), ${fmt(niks.length)} NIKs cycled in random order; national user (pusdatin)`,
    `- load: autocannon, ${connections} keep-alive connections, ${seconds} s per row, in a child process on the same machine; ${rounds} rounds (unaudited row, then audited row), after a 3 s warm-up of each`,
    '- server: one process, the app over the container as `dtks serve` builds it, with the audit sealer running (every 250 ms); server CPU = every thread of the server process (including the sealer) per request',
    '',
    '| round | route | requests | req/s | p50 ms | p99 ms | server CPU µs/req | non-2xx | errors |',
    '|---:|---|---:|---:|---:|---:|---:|---:|---:|',
    ...pairs.flatMap((p, i) => [
      `| ${i + 1} ${row('GET /api/v1/auth/me (authenticated, not audited)', p.me)}`,
      `| ${i + 1} ${row('GET /api/v1/persons/{nik} (audited)', p.person)}`,
    ]),
    '',
    `- audited / unaudited per round: ${pairs.map((p) => fmt(p.ratio, 2)).join(', ')}`,
    `- audited / unaudited, median: **${fmt(ratio, 2)}×** (target ≥ 0.5×) — ${ratio >= 0.5 ? 'met' : 'MISSED'}`,
    `- audit entries written per audited row: ${pairs.map((p) => fmt(p.entries)).join(', ')} (= its 2xx answers: nothing answered unaudited)`,
    `- after the last row: \`verify\` sealed what was pending and walked ${fmt(verify.entries)} keyed entries in ${fmt(verifyMs)} ms; ${verify.ok ? 'chain intact' : `BROKEN: ${JSON.stringify(verify)}`}, ${fmt(verify.unsealed)} unsealed`,
    '',
  ].join('\n');
  console.log(md);
  const out = f.get('out') ?? `bench/results/audit-appends-${engine}.md`;
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, md);
  console.log(`written to ${out}`);
} finally {
  await sealer.stop();
  await app.close();
  await c.close();
  rmSync(dataDir, { recursive: true, force: true });
}

/**
 * Audited reads under concurrency, on either engine: `GET /api/v1/persons/{nik}` (authenticated, audited: one
 * unsealed audit entry committed before the answer) next to `GET /api/v1/auth/me` (authenticated, not
 * audited) on the same server in the same run, loaded by autocannon (50 connections) from a child process.
 * The server runs the audit sealer as `dtks serve` does (links entries into the keyed chain every 250 ms), so
 * its cost is in the figures. Rounds alternate (me, lookup, me, lookup, …); judged on the median ratio.
 * Target: the audited lookup ≥ 0.5× the unaudited route's requests/s, on both engines.
 *
 *   node bench/audit-appends.ts --engine sqlite|postgres [--households 20000] [--seconds 15] [--rounds 3]
 *        [--connections 50] [--pg postgres://postgres@127.0.0.1:5432/postgres] [--out FILE]
 *
 * The database is seeded once per engine and size (SQLite: bench/tmp/audit-N.sqlite; PostgreSQL: database
 * dtks_bench_audit_N) and reused by later runs.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createContainer } from '../src/container.ts';
import { createDb, serverOpenOptions } from '../src/db/dialect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { buildApp } from '../src/http/app.ts';
import { systemActor } from '../src/modules/access/actor.ts';
import { BENCH_PASSWORD } from './lib/app-server.ts';
import { flags, fmt, int, machine, machineMarkdown, median } from './lib/report.ts';

interface Load {
  origin: string;
  paths: string[];
  headers: Record<string, string>;
  seconds: number;
  connections: number;
}

interface LoadResult {
  requests: number;
  perSecond: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  serverCpuUs: number;
}

// The child: autocannon, cycling the paths, printing one JSON line.
if (process.argv[2] === '--child') {
  const { default: autocannon } = await import('autocannon');
  const load = JSON.parse(readFileSync(process.argv[3]!, 'utf8')) as Load;
  let i = 0;
  const result = await autocannon({
    url: load.origin,
    connections: load.connections,
    duration: load.seconds,
    headers: { accept: 'application/json', ...load.headers },
    requests: [
      { method: 'GET', setupRequest: (req) => ({ ...req, path: load.paths[i++ % load.paths.length] }) },
    ],
  });
  process.stdout.write(
    `${JSON.stringify({
      requests: result.requests.total,
      perSecond: result.requests.total / (result.duration || load.seconds),
      p50: result.latency.p50,
      p99: result.latency.p99,
      non2xx: result.non2xx,
      errors: result.errors + result.timeouts,
    })}\n`,
  );
  process.exit(0);
}

function runLoad(load: Load): Promise<LoadResult> {
  const dir = mkdtempSync(join(tmpdir(), 'dtks-ac-'));
  const file = join(dir, 'load.json');
  writeFileSync(file, JSON.stringify(load));
  const cpu = process.cpuUsage();
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [fileURLToPath(import.meta.url), '--child', file],
      { maxBuffer: 1 << 20, timeout: (load.seconds + 60) * 1000 },
      (err, stdout, stderr) => {
        rmSync(dir, { recursive: true, force: true });
        if (err) return reject(new Error(`autocannon failed: ${err.message}\n${stderr}`));
        const r = JSON.parse(stdout.trim().split('\n').at(-1)!) as Omit<LoadResult, 'serverCpuUs'>;
        const used = process.cpuUsage(cpu);
        resolve({ ...r, serverCpuUs: (used.user + used.system) / Math.max(1, r.requests) });
      },
    );
  });
}

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
  settings: { rateLimits: { account: 1e9, anonymous: 1e9, login: 1e9 }, redisUrl: null },
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
  const headers = { authorization: `Bearer ${token}` };
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

  const run = (paths: string[], s = seconds) => runLoad({ origin, paths, headers, seconds: s, connections });
  await run(['/api/v1/auth/me'], 3); // warm-up, not reported
  await run(lookups, 3);
  const pairs: { me: LoadResult; person: LoadResult; ratio: number; entries: number }[] = [];
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

  const row = (name: string, r: LoadResult) =>
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

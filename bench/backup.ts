/**
 * Backup and restore time and size: N synthetic households (default 20,000) seeded into a fresh database,
 * then `dtks backup --out F` and `dtks restore F` into another fresh database, each command in its own
 * process (as an operator runs them: start-up, migration check, audit and verification included). SQLite
 * always; PostgreSQL too with `--pg postgres://…` (an administrator URL: two scratch databases are created and
 * dropped; pg_dump and pg_restore must be installed).
 *
 *   node bench/backup.ts [--households N] [--pg URL] [--out bench/results/backup.md]
 */
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import pg from 'pg';
import { flags, fmt, int, machine, machineMarkdown, mib } from './lib/report.ts';

const f = flags();
const households = int(f.get('households'), 20_000);
const pgUrl = f.get('pg');
const tmp = resolve('bench/tmp/backup');

interface Row {
  engine: string;
  seedS: number;
  backupS: number;
  restoreS: number;
  fileBytes: number;
  databaseBytes: number | null;
  rows: number;
}

function dtks(args: string[], env: Record<string, string>): Promise<{ ms: number; stdout: string }> {
  const t = performance.now();
  return new Promise((done, failed) => {
    const child = spawn(process.execPath, ['src/cli/main.ts', ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
    });
    child.on('close', (code) =>
      code === 0
        ? done({ ms: performance.now() - t, stdout })
        : failed(new Error(`dtks ${args.join(' ')} exited ${code}`)),
    );
  });
}

async function measure(engine: string, source: string, target: string): Promise<Row> {
  const dir = resolve(tmp, engine);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(resolve(dir, 'source'), { recursive: true });
  mkdirSync(resolve(dir, 'target'), { recursive: true });
  const file = resolve(dir, 'dtks.backup');
  const sourceEnv = { DATABASE_URL: source, DATA_DIR: resolve(dir, 'source') };
  const seed = await dtks(
    ['seed', '--households', String(households), '--region', '33', '--seed', 'bench'],
    sourceEnv,
  );
  console.log(`${engine}: seeded ${households} households in ${(seed.ms / 1000).toFixed(1)} s`);
  const backup = await dtks(['backup', '--out', file, '--json'], sourceEnv);
  const summary = JSON.parse(backup.stdout) as { rows: number };
  console.log(`${engine}: backup in ${(backup.ms / 1000).toFixed(1)} s`);
  const restore = await dtks(['restore', file, '--json'], {
    DATABASE_URL: target,
    DATA_DIR: resolve(dir, 'target'),
  });
  const report = JSON.parse(restore.stdout) as { mismatches: unknown[]; audit: { ok: boolean } };
  if (report.mismatches.length > 0 || !report.audit.ok) throw new Error(`${engine}: restore did not match`);
  console.log(`${engine}: restore in ${(restore.ms / 1000).toFixed(1)} s`);
  return {
    engine,
    seedS: seed.ms / 1000,
    backupS: backup.ms / 1000,
    restoreS: restore.ms / 1000,
    fileBytes: statSync(file).size,
    databaseBytes: engine === 'sqlite' ? statSync(source).size : null,
    rows: summary.rows,
  };
}

async function admin<T>(url: string, body: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await body(c);
  } finally {
    await c.end();
  }
}

const m = machine();
const rows: Row[] = [];
rows.push(await measure('sqlite', resolve(tmp, 'source.sqlite'), resolve(tmp, 'target.sqlite')));
if (pgUrl) {
  const names = ['dtks_bench_backup_source', 'dtks_bench_backup_target'];
  await admin(pgUrl, async (c) => {
    for (const n of names) {
      await c.query(`drop database if exists "${n}" with (force)`);
      await c.query(`create database "${n}"`);
    }
  });
  const urlOf = (name: string) => {
    const u = new URL(pgUrl);
    u.pathname = `/${name}`;
    return u.toString();
  };
  try {
    rows.push(await measure('postgres', urlOf(names[0]!), urlOf(names[1]!)));
  } finally {
    await admin(pgUrl, async (c) => {
      for (const n of names) await c.query(`drop database if exists "${n}" with (force)`);
    });
  }
}
rmSync(tmp, { recursive: true, force: true });

const table = [
  '| engine | rows (all tables) | seed s | backup s | restore s | backup file | SQLite file |',
  '|---|---:|---:|---:|---:|---:|---:|',
  ...rows.map(
    (r) =>
      `| ${r.engine} | ${fmt(r.rows)} | ${fmt(r.seedS, 1)} | ${fmt(r.backupS, 1)} | ${fmt(r.restoreS, 1)} | ${mib(r.fileBytes)} | ${r.databaseBytes === null ? '–' : mib(r.databaseBytes)} |`,
  ),
].join('\n');
const md = `# Backup and restore: ${fmt(households)} households

${machineMarkdown(m, `node bench/backup.ts --households ${households}${pgUrl ? ' --pg postgres://…' : ''}`)}
- data: seed \`bench\`, province 33 (Jawa Tengah), synthetic households through the seed service; no attachments
- each command in its own process, wall time including start-up (~2–5 s on this shared machine), the audit
  entry, and for restore: verification of the whole file, migration check, row counts against the manifest and
  \`audit verify\`

${table}
`;
const out = f.get('out') ?? 'bench/results/backup.md';
writeFileSync(out, md);
console.log(md);

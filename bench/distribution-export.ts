/**
 * Memory of the distribution batch export (CSV or Excel for PT Pos) at N records (default 300,000), through
 * the real service and writers: a batch of N synthetic records is written straight into a database (SQLite
 * `bench/tmp/distribution-export-<N>.sqlite`, kept for later runs; or with `--engine postgres` a fresh
 * database `dist_export_<pid>`, dropped at the end), by a child process so that the seeding's memory is not
 * in the figures. Then `DistributionService.recordPages` (keyset pages of 5,000, the export and each page
 * audited, the page's households as audit subjects) feeds `batchCsv` or `batchXlsx`, piped to a file in
 * bench/tmp as `dtks distribution export --out` does. The live heap is sampled after a full collection every
 * 30,000 records; the RSS high-water is the process's, so each format runs in its own process. The file is
 * read back afterwards (not measured): one line or row per record.
 *
 *   node --expose-gc bench/distribution-export.ts [--records 300000] [--format csv|xlsx]
 *     [--engine sqlite|postgres] [--out FILE]   (--out appends the run to FILE)
 */
import { execFileSync } from 'node:child_process';
import {
  appendFileSync,
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { strFromU8, unzipSync } from 'fflate';
import { loadConfig } from '../src/config.ts';
import { createContainer } from '../src/container.ts';
import { createDb } from '../src/db/dialect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import type { DistributionRecordTable } from '../src/db/schema/index.ts';
import { systemActor } from '../src/modules/access/actor.ts';
import { batchCsv, batchXlsx } from '../src/modules/distribution/distribution.export.ts';
import { DistributionRepository } from '../src/modules/distribution/distribution.repository.ts';
import type { RecordView } from '../src/modules/distribution/distribution.service.ts';
import { benchEngine, freshPgDatabase } from './lib/bench-db.ts';
import { REGENCY } from './lib/regency.ts';
import { flags, fmt, int, machine, machineMarkdown } from './lib/report.ts';

const f = flags();
const total = int(f.get('records'), 300_000);
const BATCH_ID = '0190f000-0000-7000-8000-00000000b47c';
const SAMPLE_EVERY = 30_000;

/** Writes the batch and its records (pages of 5,000 per transaction); run in a child process. */
async function seed(url: string): Promise<void> {
  const database = createDb(url);
  await migrateToLatest(database);
  const { db } = database;
  const repo = new DistributionRepository();
  const at = new Date().toISOString();
  await repo.insertBatch(db, {
    id: BATCH_ID,
    period: '2026-04',
    programmeCode: 'BPNT',
    provinceCode: REGENCY.slice(0, 2),
    regencyCode: REGENCY,
    runId: '0190f000-0000-7000-8000-00000000a001',
    form: 'cash',
    tranches: 1,
    packagesPerKpm: 0,
    packageValue: 0,
    state: 'sent',
    records: total,
    amount: total * 200_000,
    version: 1,
    createdAt: at,
    createdBy: null,
    sentAt: at,
    acceptedAt: null,
    acceptedBy: null,
    closedAt: null,
    updatedAt: at,
  });
  for (let from = 0; from < total; from += 5000) {
    const rows: DistributionRecordTable[] = [];
    for (let i = from; i < Math.min(total, from + 5000); i++) {
      const district = `${REGENCY}.${String((i % 26) + 1).padStart(2, '0')}`;
      rows.push({
        batchId: BATCH_ID,
        householdId: `0190f000-0000-7000-8000-${i.toString(16).padStart(12, '0')}`,
        provinceCode: REGENCY.slice(0, 2),
        regencyCode: REGENCY,
        districtCode: district,
        villageCode: `${district}.${2001 + (i % 17)}`,
        kkNumber: `33070101012${String(i % 100_000).padStart(5, '0')}`,
        headName: `Kepala Keluarga ${i}`,
        address: `Dusun ${i % 17} Jl. Mawar No. ${i % 300}`,
        rt: String(1 + (i % 9)).padStart(3, '0'),
        rw: String(1 + (i % 5)).padStart(3, '0'),
        amount: 200_000,
        state: i % 50 ? 'sent' : 'returned',
        reasonCode: i % 50 ? null : 'RT_RW_MISSING',
        version: i % 50 ? 1 : 2,
        pointId: null,
        pointMovedAt: null,
        updatedAt: at,
      });
    }
    await db.transaction().execute((tx) => repo.insertRecords(tx, rows));
  }
  await database.close();
}

if (f.has('seed')) {
  await seed(f.get('seed')!);
  process.exit(0);
}

const format = f.get('format') ?? 'csv';
if (format !== 'csv' && format !== 'xlsx') throw new Error('--format csv|xlsx');
const engine = benchEngine(f.get('engine'));
const out = f.get('out');
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');
const mib = (b: number) => fmt(b / 2 ** 20, 0);
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
const seedIn = (url: string) => {
  const t = performance.now();
  execFileSync(process.execPath, [process.argv[1]!, '--seed', url, '--records', String(total)], {
    stdio: 'inherit',
  });
  console.error(`seeded ${total} records (${engine}) in ${fmt((performance.now() - t) / 1000, 1)} s`);
};

mkdirSync('bench/tmp', { recursive: true });
let url: string;
let drop = async () => {};
if (engine === 'sqlite') {
  url = `bench/tmp/distribution-export-${total}.sqlite`;
  if (!existsSync(url)) seedIn(url);
} else {
  ({ url, drop } = await freshPgDatabase('dist_export'));
  seedIn(url);
}

const m = machine();
const file = `bench/tmp/distribution-export.${format}`;
const dataDir = mkdtempSync(join(tmpdir(), 'dtks-bench-distribution-'));
const c = createContainer(createDb(url), { ...loadConfig({}), dataDir, auditHmacKey: 'c7'.repeat(32) });
try {
  const live: string[] = [];
  async function* sampled(pages: AsyncIterable<RecordView[]>): AsyncGenerator<RecordView[]> {
    let written = 0;
    for await (const page of pages) {
      yield page;
      written += page.length;
      if (written % SAMPLE_EVERY === 0) {
        gc!();
        const u = process.memoryUsage();
        live.push(`${mib(u.heapUsed)}/${mib(u.external)}/${mib(u.rss)}`);
      }
    }
  }
  gc();
  const before = load();
  const rss0 = process.memoryUsage().rss;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const actor = systemActor('bench');
  const { batch, records, pages } = await c.distribution.recordPages(actor, BATCH_ID, { format });
  const stream = format === 'xlsx' ? batchXlsx(batch, sampled(pages)) : batchCsv(batch, sampled(pages));
  await pipeline(stream, createWriteStream(file));
  const s = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(c0);
  const high = process.resourceUsage().maxRSS * 1024;

  // Read back (not measured): one line or row per record.
  if (format === 'csv') {
    const lines = readFileSync(file, 'utf8').split('\n').length - 2;
    if (lines !== total) throw new Error(`${lines} lines in the CSV, ${total} expected`);
  } else {
    const sheet = strFromU8(unzipSync(readFileSync(file))['xl/worksheets/sheet1.xml']!);
    const rows = (sheet.match(/<row /g)?.length ?? 0) - 3;
    if (rows !== total) throw new Error(`${rows} rows in the sheet, ${total} expected`);
  }
  const subjects = await c.database.db
    .selectFrom('auditSubjects')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('action', '=', 'distribution.export_page')
    .executeTakeFirstOrThrow();

  const report = [
    `## ${format === 'xlsx' ? 'Excel' : 'CSV'}, ${total.toLocaleString('en')} records, ${engine}`,
    '',
    machineMarkdown(
      m,
      `node --expose-gc bench/distribution-export.ts --records ${total} --format ${format} --engine ${engine}`,
    ),
    '',
    '| format | engine | records | wall s | CPU s | file MiB | RSS before → high-water, MiB | every 30,000 records after a full collection: heap used / external / RSS, MiB | load average before |',
    '|---|---|---:|---:|---:|---:|---|---|---|',
    `| ${format} | ${engine} | ${records.toLocaleString('en')} | ${fmt(s, 1)} | ${fmt((cpu.user + cpu.system) / 1e6, 1)} | ${mib(statSync(file).size)} | ${mib(rss0)} → ${mib(high)} | ${live.join(' → ')} | ${before} |`,
    '',
    `Audit subjects indexed for \`distribution.export_page\` in this database so far: ${Number(subjects.n).toLocaleString('en')}.`,
    '',
  ].join('\n');
  console.log(report);
  if (out) appendFileSync(out, `${report}\n`);
} finally {
  await c.close();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(file, { force: true });
  await drop();
}

/**
 * CSV import and export at size: writes a household CSV of N households (~4 members each, streamed, never
 * held whole), imports it into a fresh SQLite file through TransferService (the path `dtks import` takes),
 * re-imports it (every household `unchanged`), then exports it again. Each step runs in its own child
 * process, so its peak RSS is its own: it should not grow with N.
 *
 *   node bench/transfer.ts [--households 20000,100000] [--chunk 500]
 *
 * Files go to bench/tmp/; the default run writes bench/results/transfer.md.
 */
import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import { createContainer } from '../src/container.ts';
import { createDb } from '../src/db/dialect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { systemActor } from '../src/modules/access/actor.ts';
import { HOUSEHOLD_COLUMNS, IMPORT_COLUMNS, MEMBER_COLUMNS } from '../src/modules/transfer/households.csv.ts';
import { flags, fmt, machine, machineMarkdown, mib } from './lib/report.ts';

const DEFAULT_SIZES = [20_000, 100_000];
const f = flags();
const sizes = (f.get('households') ?? DEFAULT_SIZES.join(','))
  .split(',')
  .map((s) => Number(s.replaceAll('_', '')));
const chunk = Number(f.get('chunk') ?? 500);
/** Each step runs with the V8 heap capped here: a step that held the file (or a growing part of it) fails. */
const HEAP_MIB = Number(f.get('heap') ?? 256);

interface StepResult {
  wallMs: number;
  maxRssBytes: number;
  households: number;
  persons?: number;
  created?: number;
  unchanged?: number;
  rejected?: number;
}

if (f.has('child')) {
  const result = await child(f.get('child')!, f.get('db')!, f.get('file')!);
  process.stdout.write(`${JSON.stringify(result)}\n`);
} else {
  await parent();
}

async function parent(): Promise<void> {
  const m = machine();
  const rows: string[] = [];
  for (const n of sizes) {
    const file = resolve(`bench/tmp/transfer-${n}.csv`);
    const db = resolve(`bench/tmp/transfer-${n}.sqlite`);
    const out = resolve(`bench/tmp/transfer-${n}-export.csv`);
    mkdirSync(dirname(file), { recursive: true });
    for (const p of [db, `${db}-wal`, `${db}-shm`]) rmSync(p, { force: true });
    console.log(`writing ${fmt(n)} households → ${file}`);
    await writeCsv(file, n);
    const database = createDb(db);
    await migrateToLatest(database);
    await database.close();
    const size = statSync(file).size;
    for (const step of ['import', 'reimport', 'export'] as const) {
      console.log(`  ${step}…`);
      const r = await runChild(step, db, step === 'export' ? out : file);
      const rate = r.households / (r.wallMs / 1000);
      rows.push(
        `| ${fmt(n)} | ${mib(size)} | ${step} | ${fmt(r.wallMs / 1000, 1)} | ${fmt(rate)} | ${mib(r.maxRssBytes)} | ${step === 'export' ? `${fmt(r.households)} households, ${fmt(r.persons ?? 0)} members` : `created ${fmt(r.created ?? 0)}, unchanged ${fmt(r.unchanged ?? 0)}, rejected ${fmt(r.rejected ?? 0)}`} |`,
      );
      console.log(`  ${rows.at(-1)}`);
    }
  }
  const command = `node bench/transfer.ts${process.argv.length > 2 ? ` ${process.argv.slice(2).join(' ')}` : ''}`;
  const md = [
    '# Household CSV import and export',
    '',
    machineMarkdown(m, command),
    `- data: generated households in the villages of Kabupaten Wonosobo (33.07), 4 members each; import in chunks of ${chunk} households (one transaction each); SQLite (node:sqlite, WAL, 64 MiB page cache)`,
    `- every step runs in its own process with the V8 heap capped at ${HEAP_MIB} MiB (\`--max-old-space-size\`)`,
    '',
    '| households | file | step | wall s | households/s | peak RSS | result |',
    '|---:|---:|---|---:|---:|---:|---|',
    ...rows,
    '',
    "Peak RSS is the whole process: Node and the region index (~92,000 regions, ~330 MiB at start), SQLite's",
    'page cache (up to 64 MiB) and the chunk in flight. The steps pass with the heap capped whatever the file',
    'size: the reader holds one household and one chunk of households; the only structure that grows is the',
    'index of KK numbers already seen (12 bytes a household, for refusing non-contiguous rows).',
    '',
  ].join('\n');
  console.log(`\n${md}`);
  const target =
    f.get('out') ?? (f.has('households') ? 'bench/tmp/results/transfer.md' : 'bench/results/transfer.md');
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, md);
  console.log(`written to ${target}`);
}

/** N households of 4 members, unique KK numbers and NIKs, rows generated as they are written. */
async function writeCsv(file: string, n: number): Promise<void> {
  const database = createDb(':memory:');
  await migrateToLatest(database);
  const c = createContainer(database);
  const regency = await c.regions.get('33.07');
  const villages: string[] = [];
  for (const d of regency.children)
    villages.push(...(await c.regions.get(d.code)).children.map((v) => v.code));
  await c.close();
  const nik = (district: string, birth: Date, female: boolean, serial: number) =>
    `${district.replaceAll('.', '')}${String(birth.getUTCDate() + (female ? 40 : 0)).padStart(2, '0')}${String(birth.getUTCMonth() + 1).padStart(2, '0')}${String(birth.getUTCFullYear()).slice(2)}${String(serial).padStart(4, '0')}`;
  const day = 86_400_000;
  function* rows(): Generator<string[]> {
    yield [...IMPORT_COLUMNS];
    for (let i = 0; i < n; i++) {
      const village = villages[i % villages.length]!;
      const district = village.split('.').slice(0, 3).join('.');
      // Dates and serials vary with i so every KK and NIK is unique.
      const serial = 1 + Math.floor(i / 3000);
      const shift = (i % 3000) * day;
      const recorded = new Date(Date.UTC(2010, 0, 1) + shift);
      const household: Record<string, unknown> = {
        kkNumber: nik(district, recorded, false, serial),
        regionCode: village,
        rw: String(1 + (i % 9)),
        rt: String(1 + (i % 15)),
        address: `Dusun Krajan No. ${i % 200}, "Gang ${i % 7}"`,
        latitude: -7.3,
        longitude: 109.9,
        floorAreaM2: 30 + (i % 50),
        floorMaterial: 1 + (i % 9),
        wallMaterial: 1 + (i % 4),
        electricityPower: 1 + (i % 5),
        cookingFuel: 1 + (i % 8),
        hasMotorcycle: i % 2 === 0,
        hasRefrigerator: i % 3 === 0,
        goatCount: i % 4,
      };
      const members = [
        {
          relationship: 1,
          sex: 'M',
          base: Date.UTC(1970, 0, 1),
          maritalStatus: 2,
          name: `Budi Santoso ${i}`,
        },
        { relationship: 2, sex: 'F', base: Date.UTC(1975, 0, 1), maritalStatus: 2, name: `Siti Aminah ${i}` },
        { relationship: 3, sex: 'M', base: Date.UTC(2000, 0, 1), maritalStatus: 1, name: `Adi Nugroho ${i}` },
        {
          relationship: 3,
          sex: 'F',
          base: Date.UTC(2004, 0, 1),
          maritalStatus: 1,
          name: `Dewi Lestari ${i}`,
        },
      ].map((m) => {
        const birth = new Date(m.base + shift);
        return {
          nik: nik(district, birth, m.sex === 'F', serial),
          name: m.name,
          birthPlace: 'Wonosobo',
          birthDate: birth.toISOString().slice(0, 10),
          sex: m.sex,
          relationship: m.relationship,
          maritalStatus: m.maritalStatus,
        } as Record<string, unknown>;
      });
      const cell = (v: unknown) =>
        v === undefined || v === null ? '' : typeof v === 'boolean' ? (v ? '1' : '0') : String(v);
      const hh = HOUSEHOLD_COLUMNS.map((col) => cell(household[col.key]));
      for (const m of members) yield [...hh, ...MEMBER_COLUMNS.map((col) => cell(m[col.key]))];
    }
  }
  await pipeline(Readable.from(rows()), stringify(), createWriteStream(file));
}

function runChild(step: string, db: string, file: string): Promise<StepResult> {
  const args = [
    `--max-old-space-size=${HEAP_MIB}`,
    new URL(import.meta.url).pathname,
    '--child',
    step,
    '--db',
    db,
    '--file',
    file,
    '--chunk',
    String(chunk),
  ];
  return new Promise((resolvePromise, reject) => {
    const proc = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    proc.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    proc.on('error', reject);
    proc.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`${step} child exited with ${code}`));
      resolvePromise(JSON.parse(out.trim().split('\n').at(-1)!) as StepResult);
    });
  });
}

async function child(step: string, db: string, file: string): Promise<StepResult> {
  const c = createContainer(createDb(db));
  const actor = systemActor('bench');
  await c.regions.lookup(); // load the region index before timing, as a running server has it
  const started = performance.now();
  let result: StepResult;
  if (step === 'export') {
    const { csv, counts } = await c.transfer.exportHouseholdsCsv(actor, { status: 'active' });
    await pipeline(csv, createWriteStream(file));
    result = { wallMs: 0, maxRssBytes: 0, households: counts.households, persons: counts.persons };
  } else {
    let rejected = 0;
    const s = await c.transfer.importHouseholdsCsv(actor, createReadStream(file), {
      acceptWarnings: false,
      source: 'bench.csv',
      chunkSize: chunk,
      onRejected: (r) => {
        if (rejected++ < 5) process.stderr.write(`  rejected line ${r.line}: ${r.issues[0]?.message.en}\n`);
      },
    });
    result = {
      wallMs: 0,
      maxRssBytes: 0,
      households: s.households,
      created: s.created,
      unchanged: s.unchanged,
      rejected: s.rejected,
    };
  }
  result.wallMs = performance.now() - started;
  result.maxRssBytes = process.resourceUsage().maxRSS * 1024;
  await c.close();
  return result;
}

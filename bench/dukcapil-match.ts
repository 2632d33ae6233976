/**
 * Dukcapil matching throughput: a 300,000-line civil-registry extract matched against a seeded regency
 * through the real service (streamed CSV reader, row checks, 1,000-NIK look-ups, stored findings and
 * rejected lines, audit).
 *
 *   node bench/dukcapil-match.ts [--rows 300000] [--regency 33.07] [--db <sqlite file or postgres://…>]
 *
 * The database is seeded with `SeedService.seed` (synthetic households of the regency, enough for the
 * extract) unless it already holds them (`bench/tmp/dukcapil-<regency>.sqlite` is kept between runs).
 * The extract is written from the regency's DTKS persons with known findings mixed in — about 94% exact,
 * 1% each of another name, another birth date, deceased, another village, unknown NIKs, and 0.2% bad
 * lines — so the counts can be checked against what was written. The match runs in a child process, so
 * its peak RSS is its own. Results: bench/results/dukcapil-match.md (full size) or bench/tmp/results/.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createReadStream, createWriteStream, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createContainer } from '../src/container.ts';
import { createDb } from '../src/db/dialect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { systemActor } from '../src/modules/access/actor.ts';
import { flags, fmt, int, machine, machineMarkdown, mib } from './lib/report.ts';

const FULL = 300_000;
const f = flags();
const rows = int(f.get('rows'), FULL);
const regency = f.get('regency') ?? '33.07';
const dbUrl = f.get('db') ?? resolve(`bench/tmp/dukcapil-${regency.replaceAll('.', '')}.sqlite`);
const file = resolve(`bench/tmp/dukcapil-${regency.replaceAll('.', '')}-${rows}.csv`);

interface ChildResult {
  wallMs: number;
  maxRssBytes: number;
  rows: number;
  rejected: number;
  counts: Record<string, number>;
  open: number;
}

interface Expected {
  exact: number;
  name: number;
  birthDate: number;
  deceased: number;
  moved: number;
  unknown: number;
  bad: number;
}

if (f.has('child')) {
  process.stdout.write(`${JSON.stringify(await child())}\n`);
} else {
  await parent();
}

async function parent(): Promise<void> {
  const m = machine();
  const database = createDb(dbUrl);
  await migrateToLatest(database);
  const c = createContainer(database);
  const actor = systemActor('bench');
  const persons = async () =>
    Number(
      (
        await database.db
          .selectFrom('persons')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('regencyCode', '=', regency)
          .where('status', '=', 'active')
          .executeTakeFirstOrThrow()
      ).n,
    );
  const needed = Math.ceil(rows * 0.96);
  let have = await persons();
  let seedSeconds: number | null = null;
  if (have < needed) {
    // ~3.9 persons per synthetic household; a margin covers the spread.
    const households = Math.ceil(((needed - have) / 3.7) * 1.05);
    console.log(`seeding ${fmt(households)} households into ${regency} (${dbUrl})`);
    const t = performance.now();
    let next = 0;
    await c.seed.seed(
      actor,
      { households, regionCode: regency, seed: `dukcapil-${have}`, chunkSize: 500 },
      (p) => {
        if (p.done >= next) {
          console.log(`  ${fmt(p.done)} / ${fmt(p.total)} households, ${fmt(p.elapsedMs / 1000, 1)} s`);
          next += Math.ceil(households / 10);
        }
      },
    );
    seedSeconds = (performance.now() - t) / 1000;
    have = await persons();
  }
  console.log(`${fmt(have)} active persons in ${regency}; writing a ${fmt(rows)}-line extract`);
  const villages = (await c.regions.villagesUnder(regency)).map((v) => v.code);
  const expected = await writeExtract(database.db, villages);
  await c.close();

  console.log('matching (child process)…');
  const r = await runChild();
  const rate = r.rows / (r.wallMs / 1000);
  const okCounts =
    r.counts.matched === expected.exact &&
    r.counts.name_mismatch === expected.name &&
    r.counts.birth_date_mismatch === expected.birthDate &&
    r.counts.deceased === expected.deceased &&
    r.counts.moved_region === expected.moved &&
    r.counts.nik_not_found === expected.unknown &&
    r.rejected === expected.bad;
  const engine = /^postgres/.test(dbUrl) ? 'PostgreSQL' : 'SQLite (node:sqlite, WAL, synchronous=NORMAL)';
  const command = `node bench/dukcapil-match.ts${process.argv.slice(2).length ? ` ${process.argv.slice(2).join(' ')}` : ''}`;
  const md = [
    `# Dukcapil matching: ${fmt(rows)}-line extract`,
    '',
    machineMarkdown(m, command),
    `- data: ${fmt(have)} active DTKS persons in regency ${regency} (synthetic, \`dtks seed\` path${seedSeconds === null ? ', seeded earlier' : `, seeded in ${fmt(seedSeconds, 1)} s`}), ${engine}`,
    `- extract: ${mib(statSync(file).size)}, written from those persons with known findings mixed in`,
    '',
    '| lines | wall s | lines/s | peak RSS | rejected |',
    '|---:|---:|---:|---:|---:|',
    `| ${fmt(r.rows)} | ${fmt(r.wallMs / 1000, 1)} | ${fmt(rate)} | ${mib(r.maxRssBytes)} | ${fmt(r.rejected)} |`,
    '',
    '| finding | found | written |',
    '|---|---:|---:|',
    `| matched | ${fmt(r.counts.matched ?? 0)} | ${fmt(expected.exact)} |`,
    `| name_mismatch | ${fmt(r.counts.name_mismatch ?? 0)} | ${fmt(expected.name)} |`,
    `| birth_date_mismatch | ${fmt(r.counts.birth_date_mismatch ?? 0)} | ${fmt(expected.birthDate)} |`,
    `| deceased | ${fmt(r.counts.deceased ?? 0)} | ${fmt(expected.deceased)} |`,
    `| moved_region | ${fmt(r.counts.moved_region ?? 0)} | ${fmt(expected.moved)} |`,
    `| nik_not_found | ${fmt(r.counts.nik_not_found ?? 0)} | ${fmt(expected.unknown)} |`,
    `| rejected (bad lines) | ${fmt(r.rejected)} | ${fmt(expected.bad)} |`,
    '',
    `- counts as written: ${okCounts ? 'yes' : 'NO'}`,
    `- every line is stored with its finding (worklist) in batches of 1,000 NIKs, one transaction per batch; open findings after the run: ${fmt(r.open)}`,
    '',
  ].join('\n');
  console.log(`\n${md}`);
  const out =
    f.get('out') ??
    (rows === FULL ? 'bench/results/dukcapil-match.md' : `bench/tmp/results/dukcapil-match-${rows}.md`);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, md);
  console.log(`written to ${out}`);
  if (!okCounts) process.exitCode = 1;
}

/**
 * The extract, streamed from the regency's persons in id order (keyset pages, never all in memory).
 * Every 100th person of the page gets one kind of finding; unknown NIKs and bad lines are added.
 */
async function writeExtract(db: ReturnType<typeof createDb>['db'], villages: string[]): Promise<Expected> {
  mkdirSync(dirname(file), { recursive: true });
  const out = createWriteStream(file);
  const write = async (line: string) => {
    if (!out.write(`${line}\n`)) await once(out, 'drain');
  };
  await write('nik,kk_number,name,birth_date,sex,region_code,status');
  const e: Expected = { exact: 0, name: 0, birthDate: 0, deceased: 0, moved: 0, unknown: 0, bad: 0 };
  let written = 0;
  let after = '';
  let n = 0;
  const unknownSerial = new Map<string, number>();
  const otherVillage = (v: string) => villages[(villages.indexOf(v) + 1) % villages.length]!;
  while (written < rows) {
    const page = await db
      .selectFrom('persons')
      .innerJoin('households', 'households.id', 'persons.householdId')
      .select([
        'persons.id',
        'persons.nik',
        'persons.name',
        'persons.birthDate',
        'persons.sex',
        'persons.villageCode',
        'households.kkNumber',
      ])
      .where('persons.regencyCode', '=', regency)
      .where('persons.status', '=', 'active')
      .where('persons.id', '>', after)
      .orderBy('persons.id')
      .limit(5000)
      .execute();
    if (!page.length) throw new Error(`only ${written} lines could be written; seed more persons`);
    for (const p of page) {
      if (written >= rows) break;
      after = p.id;
      const k = n++ % 100;
      let name = p.name;
      let birth = p.birthDate;
      let village = p.villageCode;
      let status = 'alive';
      if (k === 10) {
        name = `${p.name} Saputra`;
        e.name++;
      } else if (k === 20) {
        birth = shiftDay(p.birthDate);
        e.birthDate++;
      } else if (k === 30) {
        status = 'deceased';
        e.deceased++;
      } else if (k === 40 && villages.length > 1) {
        village = otherVillage(p.villageCode);
        e.moved++;
      } else e.exact++;
      await write([p.nik, p.kkNumber, csvText(name), birth, p.sex, village, status].join(','));
      written++;
      if (k === 50 && written < rows) {
        // A NIK DTKS does not have: born 29 Feb 2000 in the person's district, serial 9001 upwards.
        const district = p.nik.slice(0, 6);
        const serial = (unknownSerial.get(district) ?? 9000) + 1;
        unknownSerial.set(district, serial);
        const nik = `${district}290200${serial}`;
        await write([nik, p.kkNumber, 'Warga Baru', '2000-02-29', 'M', village, 'alive'].join(','));
        written++;
        e.unknown++;
      }
      if (k === 60 && n % 500 === 61 && written < rows) {
        await write(
          `${p.nik.slice(0, 10)},${p.kkNumber},Baris Rusak,${p.birthDate},${p.sex},${village},alive`,
        );
        written++;
        e.bad++;
      }
    }
  }
  out.end();
  await once(out, 'finish');
  return e;
}

function shiftDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() === 1 ? 2 : d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

function csvText(s: string): string {
  return /[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

function runChild(): Promise<ChildResult> {
  const args = [
    new URL(import.meta.url).pathname,
    '--child',
    '--rows',
    String(rows),
    '--regency',
    regency,
    '--db',
    dbUrl,
  ];
  return new Promise((resolvePromise, reject) => {
    const p = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    p.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    p.on('error', reject);
    p.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`child exited with ${code}`));
      resolvePromise(JSON.parse(out.trim().split('\n').at(-1)!) as ChildResult);
    });
  });
}

async function child(): Promise<ChildResult> {
  if (!existsSync(file)) throw new Error(`no extract at ${file}`);
  const c = createContainer(createDb(dbUrl));
  await c.regions.lookup(); // the region index is loaded by any first request; not part of the match
  const started = performance.now();
  const s = await c.dukcapil.importExtract(systemActor('bench'), createReadStream(file), {
    region: regency,
    fileName: `bench-${rows}.csv`,
  });
  const wallMs = performance.now() - started;
  await c.close();
  return {
    wallMs,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
    rows: s.rows,
    rejected: s.rejected,
    counts: s.counts,
    open: s.open,
  };
}

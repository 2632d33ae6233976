/**
 * Aid-source matching throughput (pemadanan, docs/analytics.md): a beneficiary list of NIK/KK lines matched
 * against a seeded regency through the real service (streamed CSV reader, identifier checks, batched KK and
 * NIK look-ups, stored lines, audit), then the overlap worklist's first page and counts read once.
 *
 *   node bench/aid-source-match.ts [--households 10000] [--lines 100000] [--db <sqlite file or postgres://…>]
 *
 * The list has, per seeded household, its KK number and the NIK of each member (so every line matches, by KK
 * or by a member NIK), then unknown NIKs up to `--lines`, and one malformed line in 500. A second, smaller list
 * names every tenth household again, so the overlap worklist has content. Results: bench/results/aid-source-match.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createContainer } from '../src/container.ts';
import { createDb } from '../src/db/dialect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { systemActor } from '../src/modules/access/actor.ts';
import { flags, int, machine, machineMarkdown } from './lib/report.ts';

const f = flags();
const households = int(f.get('households'), 10_000);
const lines = int(f.get('lines'), 100_000);
const regency = '33.07';
mkdirSync('bench/tmp', { recursive: true });
const dbUrl = f.get('db') ?? resolve(`bench/tmp/aid-source-${households}.sqlite`);

const m = machine();
const database = createDb(dbUrl);
await migrateToLatest(database);
const c = createContainer(database);
const actor = systemActor('bench');
const have = Number(
  (
    await database.db
      .selectFrom('households')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
  ).n,
);
if (have < households) {
  console.log(`seeding ${households - have} households into ${regency}`);
  await c.seed.seed(actor, {
    households: households - have,
    regionCode: regency,
    seed: 'aid-source',
    chunkSize: 500,
  });
}
const rows = await database.db
  .selectFrom('households as h')
  .innerJoin('persons as p', 'p.householdId', 'h.id')
  .select(['h.kkNumber', 'p.nik'])
  .where('h.status', '=', 'active')
  .where('p.status', '=', 'active')
  .orderBy('h.id')
  .execute();
const out: string[] = ['nik,kk_number'];
let lastKk = '';
for (const r of rows) {
  if (out.length > lines) break;
  if (r.kkNumber !== lastKk) {
    out.push(`,${r.kkNumber}`);
    lastKk = r.kkNumber;
  }
  out.push(`${r.nik},`);
}
for (let n = 1; out.length <= lines; n++) {
  // Unknown but well-formed NIKs (district 33.07.01, men born in January 1990), one malformed line in 500.
  const day = String(1 + (Math.floor(n / 9000) % 28)).padStart(2, '0');
  const serial = String(1 + (n % 9000)).padStart(4, '0');
  out.push(n % 500 === 0 ? '3307011501900000,' : `330701${day}0190${serial},`);
}
const csv = `${out.slice(0, lines + 1).join('\n')}\n`;
const tenth = ['kk_number', ...[...new Set(rows.map((r) => r.kkNumber))].filter((_, i) => i % 10 === 0)].join(
  '\n',
);

const rss0 = process.memoryUsage().rss;
const t0 = performance.now();
const summary = await c.aidSources.importList(actor, [csv], {
  name: 'Bench list',
  region: regency,
  fileName: 'bench.csv',
});
const wall = (performance.now() - t0) / 1000;
await c.aidSources.importList(actor, [`${tenth}\n`], {
  name: 'Bench tenth',
  region: regency,
  fileName: 'tenth.csv',
});
const t1 = performance.now();
const overlaps = await c.aidSources.overlaps(actor, { minSources: 2, limit: 100 });
const overlapMs = performance.now() - t1;
const rss = process.memoryUsage().rss;
await c.close();

const engine = dbUrl.startsWith('postgres') ? 'PostgreSQL' : 'SQLite (node:sqlite, WAL)';
const report = [
  `# Aid-source matching: ${lines.toLocaleString('en')}-line list`,
  '',
  machineMarkdown(m, `node bench/aid-source-match.ts --households ${households} --lines ${lines}`),
  `- data: ${households.toLocaleString('en')} synthetic households (${rows.length.toLocaleString('en')} active persons) in ${regency}, ${engine}`,
  '',
  '| lines | wall s | lines/s | RSS after (MiB) | matched KK | matched NIK | not found | rejected | overlap page + counts (ms) | overlapping households |',
  '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  `| ${summary.rows.toLocaleString('en')} | ${wall.toFixed(1)} | ${Math.round(summary.rows / wall).toLocaleString('en')} | ${Math.round(rss / 2 ** 20)} (${Math.round(rss0 / 2 ** 20)} before) | ${summary.counts.matched_kk} | ${summary.counts.matched_nik} | ${summary.counts.not_found} | ${summary.counts.rejected} | ${overlapMs.toFixed(0)} | ${overlaps.total} |`,
  '',
].join('\n');
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/aid-source-match.md', report);
console.log(report);

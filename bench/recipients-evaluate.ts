/**
 * The evaluation of a pass alone (`evaluatePage`, src/modules/recipients/recipients.evaluate.ts), without SQL,
 * jobs or threads: the CPU per household of decoding its version snapshot, building its facts and shaping the
 * rows of the four national programmes, on households of a base `bench/ranking.ts` built and ranked (period
 * 2026-03). The households and their snapshots are read first (not timed), then evaluated in pages of 500,
 * `--rounds` times on the same households (the first round warms the code up; the table shows every round).
 *
 *   node bench/recipients-evaluate.ts [--db bench/tmp/ranking/base-200000.sqlite] [--households 20000]
 *                                     [--rounds 5] [--out FILE]
 *
 * Compare two versions of the code by running this file from each tree on the same base (SQLite only; the
 * base is opened read-only). The share of households outside every programme's target deciles is reported:
 * since branch nat3 those are not evaluated, since national2 not decoded either when their ranking result
 * names them (KK number, head's name).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { uuidValue } from '../src/db/uuid-blob.ts';
import { DEFAULT_PROGRAMMES } from '../src/domain/programmes/defaults.ts';
import {
  evaluatePage,
  needsSnapshot,
  type PageHousehold,
} from '../src/modules/recipients/recipients.evaluate.ts';
import { flags, fmt, int, machine, machineMarkdown } from './lib/report.ts';

const PERIOD = '2026-03';
const PAGE = 500;
const f = flags();
const file = resolve(f.get('db') ?? 'bench/tmp/ranking/base-200000.sqlite');
const households = int(f.get('households'), 20_000);
const rounds = int(f.get('rounds'), 5);
const m = machine();

const db = new DatabaseSync(file, { readOnly: true });
const model = db.prepare('select model_version as v from ranking_runs where period = ?').get(PERIOD) as
  | { v: string }
  | undefined;
if (!model) throw new Error(`${file}: period ${PERIOD} is not ranked — run bench/ranking.ts first`);
const rows = db
  .prepare(
    `select s.household_id, s.province_code, s.regency_code, s.village_code, s.version, v.snapshot,
       r.decile_national, r.decile_province, r.decile_regency, r.criteria14, r.kk_number, r.head_name
     from snapshot_households s
     join record_versions v on v.entity_type = 'household' and v.entity_id = s.household_id and v.version = s.version
     left join ranking_results r on r.period = s.period and r.model_version = ? and r.household_id = s.household_id
     where s.period = ? order by s.household_id limit ?`,
  )
  .all(model.v, PERIOD, households) as Record<string, unknown>[];
db.close();
const none = DEFAULT_PROGRAMMES.map(() => false);
const read: PageHousehold[] = rows.map((r) => ({
  householdId: uuidValue(r.household_id) as string, // a 16-byte blob in the file (src/db/uuid-blob.ts)
  provinceCode: r.province_code as string,
  regencyCode: r.regency_code as string,
  villageCode: r.village_code as string,
  version: r.version as number,
  snapshot: r.snapshot as Uint8Array,
  decileNational: r.decile_national as number | null,
  decileProvince: r.decile_province as number | null,
  decileRegency: r.decile_regency as number | null,
  criteria14: r.criteria14 as number | null,
  kkNumber: r.kk_number as string | null,
  headName: r.head_name as string | null,
  ineligible: false,
  optedOut: none,
  decided: none,
}));
const settings = { docs: [...DEFAULT_PROGRAMMES], period: PERIOD, minimumWage: 2_500_000 };
// As a computation reads the page: no snapshot for a household no programme evaluates whose ranking result
// names it (`needsSnapshot`; a base ranked before migration 075 names none, and every snapshot is decoded).
const page = read.map((h) => (needsSnapshot(settings, h) ? h : { ...h, snapshot: null }));
const maxTarget = Math.max(...DEFAULT_PROGRAMMES.map((d) => d.targetDeciles.max));
const outside = page.filter((h) => h.decileNational === null || h.decileNational > maxTarget).length;

const results: { round: number; usPerHousehold: number }[] = [];
for (let round = 1; round <= rounds; round++) {
  const c0 = process.cpuUsage();
  let n = 0;
  for (let i = 0; i < page.length; i += PAGE) n += evaluatePage(settings, page.slice(i, i + PAGE))[0]!.length;
  const c = process.cpuUsage(c0);
  results.push({ round, usPerHousehold: (c.user + c.system) / n });
}
const steady = results.slice(1).map((r) => r.usPerHousehold);
const command = `node bench/recipients-evaluate.ts ${process.argv.slice(2).join(' ')}`.trim();
const md = [
  `# Evaluating a pass alone: ${fmt(page.length)} households × ${DEFAULT_PROGRAMMES.length} national programmes`,
  '',
  machineMarkdown(m, command),
  `- data: the first ${fmt(page.length)} households (by id) of period ${PERIOD} of ${file.replace(`${process.cwd()}/`, '')}, ranked with ${model.v}; ${fmt(outside)} (${fmt((100 * outside) / page.length, 1)} %) outside every programme's target deciles (national decile above ${maxTarget} or none)`,
  '',
  '| round | CPU µs per household (decode, facts, 4 programmes, rows) |',
  '|---:|---:|',
  ...results.map((r) => `| ${r.round} | ${fmt(r.usPerHousehold, 1)} |`),
  '',
  `- rounds 2–${rounds}: min ${fmt(Math.min(...steady), 1)}, max ${fmt(Math.max(...steady), 1)} µs`,
  '',
].join('\n');
console.log(md);
const out = f.get('out');
if (out) {
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, md);
}

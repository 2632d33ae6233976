/**
 * The cost of suppressing a programme's recipients views together (`suppressViewsAudited`: the per-view
 * rules, then the audit that reads all views as a reader would and hides more while a small list is worked
 * out) at national size: the 514 regencies of idn-area-data, 12 monthly periods' views and the newest lists'
 * view (13 views) per programme, as `PublicService.#programmeHiddenViews` computes them once per statistics
 * lifetime. Target (issue 14, k3's brief): < 200 ms per programme.
 *
 * Counts are synthetic, drawn per regency from a log-normal around a national programme's size (a regency's
 * list moves by up to ±3 % from one period to the next; one regency in ten misses a period's list — approved
 * late — so the newest view mixes periods):
 * - national programmes, the realistic case: PKH (median 15,000 KPM a regency), BPNT (28,000), PBI-JK
 *   (60,000), KIP Kuliah (1,200, wide spread: its smallest regencies count a few dozen);
 * - pilot programmes, the hard cases: median 15 KPM a regency (many lists under k, so many cells hidden
 *   and much for the audit to read), and median 2 (most lists of 1 … 4 KPM: hidden sums of lists of 1 KPM
 *   that the audit must break up).
 *
 *   node bench/suppression.ts [--runs 5] [--k 10] [--out bench/results/suppression.md] [--only PKH,PILOT]
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { suppressViewsAudited, type ViewUnit } from '../src/domain/public/suppression.ts';
import { createRng } from '../src/domain/synthetic/prng.ts';
import { regionDataDir } from '../src/modules/regions/regions.loader.ts';
import { flags, fmt, int, machine, machineMarkdown, median } from './lib/report.ts';

const f = flags();
const runs = int(f.get('runs'), 5);
const k = int(f.get('k'), 10);
const out = f.get('out') ?? 'bench/results/suppression.md';
const only = f.get('only')?.split(',');
const m = machine();

const regencies = readFileSync(join(regionDataDir(), 'regencies.csv'), 'utf8')
  .split(/\r?\n/)
  .slice(1)
  .filter(Boolean)
  .map((line) => line.split(',')[0]!);
const PERIODS = Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`);

const PROGRAMMES = [
  { code: 'PKH', median: 15_000, spread: 0.8 },
  { code: 'BPNT', median: 28_000, spread: 0.8 },
  { code: 'PBI-JK', median: 60_000, spread: 0.9 },
  { code: 'KIP-K', median: 1_200, spread: 1.3 },
  { code: 'PILOT', median: 15, spread: 1.2 },
  { code: 'PILOT-TINY', median: 2, spread: 0.8 },
];

function programmeViews(p: (typeof PROGRAMMES)[number], seed: number): Map<string, ViewUnit[]> {
  const { next } = createRng(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
  const views = new Map<string, ViewUnit[]>(PERIODS.map((period) => [period, []]));
  const newest: ViewUnit[] = [];
  for (const code of regencies) {
    let size = Math.max(1, Math.round(p.median * Math.exp(p.spread * normal())));
    let last: ViewUnit | null = null;
    for (const period of PERIODS) {
      size = Math.max(1, Math.round(size * (1 + (next() - 0.5) * 0.06)));
      if (next() < 0.1) continue;
      last = { code, list: `${code}@${period}`, value: size };
      views.get(period)!.push(last);
    }
    if (last) newest.push(last);
  }
  // The newest lists' view last, as the service orders them.
  views.set('', newest);
  return views;
}

interface Row {
  code: string;
  lists: number;
  small: number;
  hidden: number;
  auditHidden: number;
  audits: number;
  ms: number[];
}

const rows: Row[] = [];
for (const [i, p] of PROGRAMMES.entries()) {
  if (only && !only.includes(p.code)) continue;
  const views = programmeViews(p, 20261206 + i);
  const units = [...views.values()].flat();
  const ms: number[] = [];
  let result = suppressViewsAudited(views, k);
  for (let r = 0; r < runs; r++) {
    const start = performance.now();
    result = suppressViewsAudited(views, k);
    ms.push(performance.now() - start);
  }
  rows.push({
    code: p.code,
    lists: new Set(units.map((u) => u.list)).size,
    small: new Set(units.filter((u) => u.value < k).map((u) => u.list)).size,
    hidden: [...result.hidden.values()].reduce((n, s) => n + s.size, 0),
    auditHidden: result.auditHidden,
    audits: result.audits,
    ms,
  });
  console.log(
    p.code,
    fmt(median(ms), 1),
    'ms',
    result.auditHidden,
    'hidden by the audit in',
    result.audits,
    'audits',
  );
}

const national = rows.filter((r) => !r.code.startsWith('PILOT'));
const table = [
  '| programme | lists (regency × period) | lists under k | cells hidden (all views) | hidden by the audit | audits | median ms (runs) |',
  '|---|---:|---:|---:|---:|---:|---|',
  ...rows.map(
    (r) =>
      `| ${r.code} | ${fmt(r.lists)} | ${fmt(r.small)} | ${fmt(r.hidden)} | ${fmt(r.auditHidden)} | ${r.audits} | **${fmt(median(r.ms), 1)}** (${r.ms.map((x) => fmt(x, 1)).join(', ')}) |`,
  ),
];
const text = [
  `## ${m.date} — ${regencies.length} regencies × ${PERIODS.length + 1} views, k = ${k}`,
  '',
  machineMarkdown(m, `node bench/suppression.ts --runs ${runs} --k ${k}`),
  `- the four national programmes together: ${fmt(
    national.reduce((s, r) => s + median(r.ms), 0),
    1,
  )} ms (medians added)`,
  '',
  ...table,
  '',
].join('\n');
mkdirSync(dirname(out), { recursive: true });
let previous = '';
try {
  previous = readFileSync(out, 'utf8').replace(/^# .*\n+/, '');
} catch {
  // first run
}
writeFileSync(
  out,
  `# Suppression of a programme's recipients views at national size (bench/suppression.ts)\n\n${text}\n${previous}`,
);
console.log(text);

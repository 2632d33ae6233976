/**
 * Lighthouse 12 (its Node API, mobile preset: a mid-range phone on slow 4G, simulated throttling) on every
 * public page, served by the real server (buildApp over a small seeded database, the built web app with its
 * precompressed files), in Debian's Chromium. Targets (issue 14): performance ≥ 95, accessibility 100.
 * Each page is measured `--runs` times (default 3) and the median score is reported with every run's.
 *
 * Beside the scores, what blocked the main thread: each page's observed main-thread tasks of 10 ms or more (what
 * Lighthouse keeps and slows 4×; bench/lib/trace-tasks.ts) in its median run, with what ran inside them.
 *
 * `--profile` adds V8's sampling profiler to the trace, to name the functions that ran in those tasks (it
 * slows the page a little: its scores are not comparable with runs without it).
 *
 *   node bench/public-pages.ts [--runs 3] [--out bench/results/public-pages.md] [--pages /statistik,/cek]
 *                              [--profile] [--web dist-copy/web]
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { loadConfig } from '../src/config.ts';
import { createContainer } from '../src/container.ts';
import { createDb } from '../src/db/dialect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { buildApp } from '../src/http/app.ts';
import { systemActor } from '../src/modules/access/actor.ts';
import { ensureWebBuild, WEB_DIST } from '../test/support/web-build.ts';
import { REGENCY } from './lib/regency.ts';
import { flags, fmt, int, machine, machineMarkdown, median } from './lib/report.ts';
import { describeTask, type LongTask, longTasks } from './lib/trace-tasks.ts';

const f = flags();
const runs = int(f.get('runs'), 3);
const out = f.get('out') ?? 'bench/results/public-pages.md';
const profile = f.has('profile');
const PAGES = f.get('pages')?.split(',') ?? ['/cek', '/statistik', '/statistik?region=33'];

const m = machine();
// `--web DIR`: serve another build (e.g. a copy of the previous one, to pair runs under the same load).
const webRoot = f.get('web') ?? WEB_DIST;
if (!f.has('web')) ensureWebBuild();
const dir = mkdtempSync(join(tmpdir(), 'dtks-lh-'));
const database = createDb(join(dir, 'db.sqlite'));
await migrateToLatest(database);
const container = createContainer(database, {
  ...loadConfig({}),
  dataDir: dir,
  auditHmacKey: 'c7'.repeat(32),
});
await container.seed.seed(systemActor('bench'), { households: 500, regionCode: REGENCY, seed: 'lighthouse' });
const db = container.database.db;
await db
  .insertInto('periods')
  .values({ period: '2026-11', state: 'determined', createdAt: new Date().toISOString() } as never)
  .execute();
await db
  .insertInto('periodRegionCounts')
  .values({
    period: '2026-11',
    regencyCode: REGENCY,
    provinceCode: REGENCY.slice(0, 2),
    households: 500,
    persons: 1900,
    added: 500,
    removed: 0,
    changed: 0,
    submitted: 0,
  })
  .execute();
const app = await buildApp(container, { logger: false, webRoot });
const origin = await app.listen({ host: '127.0.0.1', port: 0 });
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
});

interface Run {
  performance: number;
  accessibility: number;
  fcp: number;
  lcp: number;
  tbt: number;
  cls: number;
  bytes: number;
  load: number;
  /** Lighthouse's main-thread work (observed × 4, as it reports it), ms. */
  mainThread: number;
  /** The first contentful paint as observed (unthrottled), ms: only tasks after it count as blocking. */
  observedFcp: number;
  /** Observed main-thread tasks of 10 ms or more. */
  tasks: LongTask[];
}
const results = new Map<string, Run[]>();
const failedRuns: string[] = [];
try {
  for (const path of PAGES) {
    const list: Run[] = [];
    for (let i = 0; i < runs; i++) {
      const r = await lighthouse(`${origin}${path}`, {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: ['performance', 'accessibility'],
        formFactor: 'mobile',
        ...(profile ? { additionalTraceCategories: 'disabled-by-default-v8.cpu_profiler' } : {}),
      });
      const lhr = r!.lhr;
      if (lhr.runtimeError || lhr.categories.performance?.score == null) {
        // A run Lighthouse itself could not finish (e.g. the page did not settle in time): left out, said so.
        failedRuns.push(`${path}: ${lhr.runtimeError?.code ?? 'no performance score'}`);
        continue;
      }
      const a = lhr.audits;
      list.push({
        performance: Math.round((lhr.categories.performance?.score ?? 0) * 100),
        accessibility: Math.round((lhr.categories.accessibility?.score ?? 0) * 100),
        fcp: a['first-contentful-paint']?.numericValue ?? 0,
        lcp: a['largest-contentful-paint']?.numericValue ?? 0,
        tbt: a['total-blocking-time']?.numericValue ?? 0,
        cls: a['cumulative-layout-shift']?.numericValue ?? 0,
        bytes: a['total-byte-weight']?.numericValue ?? 0,
        load: loadavg()[0]!,
        mainThread: a['mainthread-work-breakdown']?.numericValue ?? 0,
        observedFcp:
          (a.metrics?.details as { items?: { observedFirstContentfulPaint?: number }[] } | undefined)
            ?.items?.[0]?.observedFirstContentfulPaint ?? 0,
        tasks: await longTasks(r!.artifacts.Trace),
      });
      const failed = Object.values(lhr.audits).filter(
        (x) =>
          x.scoreDisplayMode === 'binary' &&
          x.score === 0 &&
          lhr.categories.accessibility?.auditRefs.some((ref) => ref.id === x.id),
      );
      if (failed.length)
        console.error(`${path}: accessibility audits failed: ${failed.map((x) => x.id).join(', ')}`);
    }
    results.set(path, list);
    console.error(`${path}: ${list.map((r) => `${r.performance}/${r.accessibility}`).join(', ')}`);
    for (const [i, r] of list.entries())
      console.error(
        [
          `  run ${i + 1} (TBT ${fmt(r.tbt)} ms, observed FCP at ${fmt(r.observedFcp)} ms):`,
          ...r.tasks.flatMap((t) => [
            `    ${describeTask(t)}`,
            ...t.inside.map((line) => `      ${line}`),
            ...t.hot.map((line) => `      hot: ${line}`),
          ]),
        ].join('\n'),
      );
  }
} finally {
  await chrome.kill();
  await app.close();
  await container.close();
  rmSync(dir, { recursive: true, force: true });
}

const lines = [
  '# Public pages — Lighthouse mobile',
  '',
  machineMarkdown(
    m,
    `node bench/public-pages.ts${process.argv.length > 2 ? ` ${process.argv.slice(2).join(' ')}` : ''}`,
  ),
  `- Lighthouse 12 (Node API), mobile form factor and its default simulated throttling (slow 4G, 4× CPU slowdown), Debian Chromium headless; the real server with the built public entry (precompressed assets), a 500-household database; ${runs} runs per page, medians`,
  '- targets (issue 14): performance ≥ 95, accessibility 100',
  '',
  '| page | performance (runs) | accessibility | FCP ms | LCP ms | TBT ms | main thread ms (×4) | CLS | transfer KiB | load avg (1 min) at runs |',
  '|---|---:|---:|---:|---:|---:|---:|---:|---:|---|',
  ...[...results].map(([path, list]) => {
    const med = (k: Exclude<keyof Run, 'tasks'>) => median(list.map((r) => r[k]));
    return `| \`${path}\` | **${med('performance')}** (${list.map((r) => r.performance).join(', ')}) | **${med('accessibility')}** | ${fmt(med('fcp'))} | ${fmt(med('lcp'))} | ${fmt(med('tbt'))} | ${fmt(med('mainThread'))} | ${fmt(med('cls'), 3)} | ${fmt(med('bytes') / 1024)} | ${list.map((r) => r.load.toFixed(1)).join(', ')} |`;
  }),
  '',
  failedRuns.length
    ? `- runs Lighthouse could not finish, left out: ${failedRuns.join('; ')}`
    : '- every run finished',
  '',
  'Main-thread tasks of 10 ms or more as observed (before the simulated 4× slowdown; one blocks from ~12.5 ms) in',
  "each page's median-TBT run:",
  '',
  ...[...results].flatMap(([path, list]) => {
    const mid = [...list].sort((a, b) => a.tbt - b.tbt)[(list.length - 1) >> 1];
    if (!mid) return [];
    return [
      `- \`${path}\` (TBT ${fmt(mid.tbt)} ms; first contentful paint observed at ${fmt(mid.observedFcp)} ms): ${mid.tasks.length ? '' : 'none'}`,
      ...mid.tasks.map((t) => `  - ${describeTask(t)}`),
    ];
  }),
  '',
];
const md = lines.join('\n');
console.log(md);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, md);

/**
 * Lighthouse 12 (its Node API, mobile preset: a mid-range phone on slow 4G, simulated throttling) on every
 * public page, served by the real server (buildApp over a small seeded database, the built web app with its
 * precompressed files), in Debian's Chromium. Targets (issue 14): performance ≥ 95, accessibility 100.
 * Each page is measured `--runs` times (default 3) and the median score is reported with every run's.
 *
 *   node bench/public-pages.ts [--runs 3] [--out bench/results/public-pages.md]
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

const f = flags();
const runs = int(f.get('runs'), 3);
const out = f.get('out') ?? 'bench/results/public-pages.md';
const PAGES = ['/cek', '/statistik', '/statistik?region=33'];

const m = machine();
ensureWebBuild();
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
const app = await buildApp(container, { logger: false, webRoot: WEB_DIST });
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
  '| page | performance (runs) | accessibility | FCP ms | LCP ms | TBT ms | CLS | transfer KiB | load avg (1 min) at runs |',
  '|---|---:|---:|---:|---:|---:|---:|---:|---|',
  ...[...results].map(([path, list]) => {
    const med = (k: keyof Run) => median(list.map((r) => r[k]));
    return `| \`${path}\` | **${med('performance')}** (${list.map((r) => r.performance).join(', ')}) | **${med('accessibility')}** | ${fmt(med('fcp'))} | ${fmt(med('lcp'))} | ${fmt(med('tbt'))} | ${fmt(med('cls'), 3)} | ${fmt(med('bytes') / 1024)} | ${list.map((r) => r.load.toFixed(1)).join(', ')} |`;
  }),
  '',
  failedRuns.length
    ? `- runs Lighthouse could not finish, left out: ${failedRuns.join('; ')}`
    : '- every run finished',
  '',
];
const md = lines.join('\n');
console.log(md);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, md);

/**
 * First load of the login page and the household list on a cheap phone and a slow line, measured in Chromium
 * through the DevTools protocol with Lighthouse's mobile settings (DevTools throttling preset: 562.5 ms
 * latency, 1,474.56 kbit/s down, 675 kbit/s up, CPU slowed 4×, 412 × 823 screen at 1.75 dpr, cold cache):
 * FCP, LCP, CLS, total blocking time, JavaScript and total bytes transferred. A Lighthouse-style performance
 * score is estimated from them with Lighthouse 10's mobile curves (Speed Index taken as the LCP, which bounds
 * it on these pages). Lighthouse itself is not installed; the figures are indicative, not its score.
 *
 * The current build (dist/web) is compared with the build of `--base <git ref>` (built into a temporary
 * worktree) in the same run, so the loaded machine affects both alike.
 *
 *   node bench/web-first-load.ts [--runs 3] [--base b5e9fab] [--households 300]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { seedDemoIfEmpty } from '../src/cli/seed-demo.ts';
import { createContainer } from '../src/container.ts';
import { createDb } from '../src/db/dialect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { buildApp } from '../src/http/app.ts';
import { systemActor } from '../src/modules/access/actor.ts';
import { flags, fmt, int, machine, machineMarkdown, median } from './lib/report.ts';

const f = flags();
const runs = int(f.get('runs'), 3);
const base = f.get('base') ?? 'b5e9fab';
const households = int(f.get('households'), 300);
const ROOT = resolve(import.meta.dirname, '..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PASSWORD = 'bench-password-2026!';

/**
 * Two network profiles: `lighthouse` is what Lighthouse's default mobile score models (simulated throttling:
 * 150 ms round trip, 1,638.4 kbit/s, applied here to the real load); `devtools` is its stricter DevTools preset
 * (562.5 ms latency per request, 1,474.56 kbit/s down, 675 kbit/s up), where every round trip costs more.
 */
const PROFILES = {
  lighthouse: { latency: 150, downloadThroughput: (1638.4 * 1024) / 8, uploadThroughput: (675 * 1024) / 8 },
  devtools: { latency: 562.5, downloadThroughput: (1474.56 * 1024) / 8, uploadThroughput: (675 * 1024) / 8 },
};
type Profile = keyof typeof PROFILES;
const CPU_SLOWDOWN = 4;

/** Lighthouse 10 mobile scoring: log-normal curves (p10, median) and weights. */
const CURVES = {
  fcp: { p10: 1800, median: 3000, weight: 0.1 },
  si: { p10: 3387, median: 5800, weight: 0.1 },
  lcp: { p10: 2500, median: 4000, weight: 0.25 },
  tbt: { p10: 200, median: 600, weight: 0.3 },
  cls: { p10: 0.1, median: 0.25, weight: 0.25 },
};

function erf(x: number): number {
  // Abramowitz–Stegun 7.1.26, as Lighthouse's statistics module.
  const sign = Math.sign(x);
  const a = Math.abs(x);
  const t = 1 / (1 + 0.3275911 * a);
  const y =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) *
      t *
      Math.exp(-a * a);
  return sign * y;
}

function logNormalScore({ p10, median: m }: { p10: number; median: number }, value: number): number {
  if (value <= 0) return 1;
  const standardized = (Math.log(value / m) * 0.9061938024368232) / -Math.log(p10 / m);
  return Math.min(1, Math.max(0, (1 - erf(standardized)) / 2));
}

interface Sample {
  fcp: number;
  lcp: number;
  cls: number;
  tbt: number;
  jsBytes: number;
  totalBytes: number;
  requests: number;
  score: number;
}

function score(s: Omit<Sample, 'score'>): number {
  const parts = {
    fcp: logNormalScore(CURVES.fcp, s.fcp),
    si: logNormalScore(CURVES.si, s.lcp),
    lcp: logNormalScore(CURVES.lcp, s.lcp),
    tbt: logNormalScore(CURVES.tbt, s.tbt),
    cls: logNormalScore(CURVES.cls, s.cls),
  };
  return Math.round(
    100 * Object.entries(parts).reduce((a, [k, v]) => a + v * CURVES[k as keyof typeof CURVES].weight, 0),
  );
}

/** Builds `ref`'s web app in a temporary worktree; returns its dist/web and a clean-up. */
function buildBase(ref: string): { dir: string; done: () => void } {
  const tree = mkdtempSync(join(tmpdir(), 'dtks-web-base-'));
  execFileSync('git', ['worktree', 'add', '--detach', tree, ref], { cwd: ROOT, stdio: 'ignore' });
  symlinkSync(join(ROOT, 'node_modules'), join(tree, 'node_modules'));
  execFileSync(
    join(ROOT, 'node_modules/.bin/vite'),
    ['build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'],
    {
      cwd: tree,
      stdio: 'inherit',
      env: { ...process.env, NODE_ENV: 'production' },
    },
  );
  return {
    dir: join(tree, 'dist/web'),
    done: () => {
      execFileSync('git', ['worktree', 'remove', '--force', tree], { cwd: ROOT, stdio: 'ignore' });
      rmSync(tree, { recursive: true, force: true });
    },
  };
}

// ---------------------------------------------------------------------------------------------- server
const dataDir = mkdtempSync(join(tmpdir(), 'dtks-web-bench-'));
const database = createDb(join(dataDir, 'db.sqlite'));
await migrateToLatest(database);
const container = createContainer(database, {
  ...(await import('../src/config.ts')).loadConfig({}),
  dataDir,
  auditHmacKey: 'a'.repeat(64),
});
await seedDemoIfEmpty(container, households, () => {});
await container.users.create(systemActor('bench'), {
  username: 'bench-dinsos',
  role: 'dinsos_kab',
  regionCode: '33.07',
  password: PASSWORD,
  displayName: 'Dinas Sosial (bench)',
});

execFileSync(
  join(ROOT, 'node_modules/.bin/vite'),
  ['build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'],
  {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  },
);
const baseBuild = buildBase(base);

async function serve(webRoot: string) {
  const app = await buildApp(container, {
    logger: false,
    webRoot,
    settings: { rateLimits: { account: 1e9, anonymous: 1e9, login: 1e9 }, redisUrl: null },
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  return { app, origin: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}` };
}

// ---------------------------------------------------------------------------------------------- browser
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});

/** Records paint, layout-shift and long-task entries from the very start of the document. */
const OBSERVE = `
  window.__perf = { lcp: 0, cls: 0, longTasks: [] };
  new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__perf.lcp = e.startTime; })
    .observe({ type: 'largest-contentful-paint', buffered: true });
  new PerformanceObserver((l) => { for (const e of l.getEntries()) if (!e.hadRecentInput) window.__perf.cls += e.value; })
    .observe({ type: 'layout-shift', buffered: true });
  new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__perf.longTasks.push([e.startTime, e.duration]); })
    .observe({ type: 'longtask', buffered: true });
`;

async function measure(
  origin: string,
  path: string,
  ready: string,
  loggedIn: boolean,
  profile: Profile,
): Promise<Sample> {
  const context = await browser.newContext({
    viewport: { width: 412, height: 823 },
    deviceScaleFactor: 1.75,
    isMobile: true,
    hasTouch: true,
    locale: 'id-ID',
    userAgent:
      'Mozilla/5.0 (Linux; Android 11; moto g power (2022)) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36',
  });
  if (loggedIn) {
    const res = await context.request.post(`${origin}/api/v1/auth/login`, {
      data: { username: 'bench-dinsos', password: PASSWORD },
      headers: { origin },
    });
    if (!res.ok()) throw new Error(`login failed: ${res.status()} ${await res.text()}`);
  }
  const page = await context.newPage();
  await page.addInitScript(OBSERVE);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', { offline: false, ...PROFILES[profile] });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  const types = new Map<string, string>();
  let jsBytes = 0;
  let totalBytes = 0;
  let requests = 0;
  cdp.on('Network.responseReceived', (e) => types.set(e.requestId, e.type));
  cdp.on('Network.loadingFinished', (e) => {
    requests += 1;
    totalBytes += e.encodedDataLength;
    if (types.get(e.requestId) === 'Script') jsBytes += e.encodedDataLength;
  });
  await page.goto(`${origin}${path}`, { waitUntil: 'load' });
  await page.locator(ready).first().waitFor({ timeout: 60_000 });
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(1000);
  const perf = await page.evaluate(() => {
    const w = window as unknown as { __perf: { lcp: number; cls: number; longTasks: [number, number][] } };
    const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? 0;
    const tbt = w.__perf.longTasks
      .filter(([start]) => start >= fcp)
      .reduce((a, [, d]) => a + Math.max(0, d - 50), 0);
    return { fcp, lcp: w.__perf.lcp, cls: w.__perf.cls, tbt };
  });
  await context.close();
  const s = { ...perf, jsBytes, totalBytes, requests };
  return { ...s, score: score(s) };
}

const PAGES = [
  { name: 'login page', path: '/login', ready: 'h1', loggedIn: false },
  { name: 'household list', path: '/households', ready: 'main table tbody tr', loggedIn: true },
];

const m = machine();
const results: { profile: Profile; build: string; page: string; runs: Sample[] }[] = [];
try {
  const builds = [
    { build: `base (${base})`, server: await serve(baseBuild.dir) },
    { build: 'this branch', server: await serve(join(ROOT, 'dist/web')) },
  ];
  const key = (profile: Profile, build: string, page: string) => `${profile}|${build}|${page}`;
  const byKey = new Map<string, (typeof results)[number]>();
  // Runs alternate between the builds, so a busy moment of the shared machine hits both alike.
  for (let i = 0; i < runs; i++) {
    for (const profile of Object.keys(PROFILES) as Profile[]) {
      for (const p of PAGES) {
        for (const b of builds) {
          const sample = await measure(b.server.origin, p.path, p.ready, p.loggedIn, profile);
          const k = key(profile, b.build, p.name);
          const entry = byKey.get(k) ?? { profile, build: b.build, page: p.name, runs: [] };
          entry.runs.push(sample);
          byKey.set(k, entry);
          console.log(profile, b.build, p.name, `${sample.score} (LCP ${fmt(sample.lcp)} ms)`);
        }
      }
    }
  }
  results.push(
    ...[...byKey.values()].sort((a, b) => a.profile.localeCompare(b.profile) || a.page.localeCompare(b.page)),
  );
  for (const b of builds) await b.server.app.close();
} finally {
  await browser.close();
  baseBuild.done();
  await container.close();
  rmSync(dataDir, { recursive: true, force: true });
}

const med = (xs: Sample[], k: keyof Sample) => median(xs.map((x) => x[k]));
const kb = (b: number) => `${fmt(b / 1024, 1)} KB`;
const command = `node bench/web-first-load.ts${process.argv.length > 2 ? ` ${process.argv.slice(2).join(' ')}` : ''}`;
const lines = [
  '# Web app first load on a cheap phone and a slow line',
  '',
  machineMarkdown(m, command),
  `- throttling, applied through the DevTools protocol: CPU ${CPU_SLOWDOWN}× slower; 412 × 823 px at 1.75 dpr; cache disabled; ${runs} runs each, medians. Network \`lighthouse\`: 150 ms round trip, 1,638.4 kbit/s (what Lighthouse's default mobile score simulates); \`devtools\`: 562.5 ms latency per request, 1,474.56 kbit/s down, 675 kbit/s up (its stricter applied preset)`,
  `- data: demo kabupaten with ${fmt(households)} households; household list as a regency Dinas Sosial user (logged in through the API before the measured load)`,
  '- score: estimated from FCP, LCP (also standing in for Speed Index), TBT (long tasks after FCP) and CLS with Lighthouse 10 mobile curves and weights — indicative, Lighthouse itself was not run',
  '- the machine is shared with other jobs (see the load average): compare the two builds, measured in the same run, rather than absolute times',
  '',
  '| network | build | page | score (est.) | FCP ms | LCP ms | TBT ms | CLS | JS transferred | all transferred | requests |',
  '|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ...results.map(
    (r) =>
      `| ${r.profile} | ${r.build} | ${r.page} | ${fmt(med(r.runs, 'score'))} | ${fmt(med(r.runs, 'fcp'))} | ${fmt(med(r.runs, 'lcp'))} | ${fmt(med(r.runs, 'tbt'))} | ${fmt(med(r.runs, 'cls'), 3)} | ${kb(med(r.runs, 'jsBytes'))} | ${kb(med(r.runs, 'totalBytes'))} | ${fmt(med(r.runs, 'requests'))} |`,
  ),
  '',
];
writeFileSync(join(ROOT, 'bench/results/web-first-load.md'), lines.join('\n'));
console.log(lines.join('\n'));

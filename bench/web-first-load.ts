/**
 * First load of the login page, the home (to-do) page and the household list on a cheap phone and a slow
 * line, scored by Lighthouse itself (bench/lib/lighthouse.ts: v12 node API, default mobile settings —
 * Moto G Power emulation, simulated slow 4G, CPU 4× slower — in the Debian Chromium): performance and
 * accessibility scores and the lab metrics behind them. Signed-in pages are loaded with the session cookie
 * of an API login as an extra header.
 *
 * The current build (dist/web) is compared with the build of `--base <git ref>` (built into a temporary
 * worktree) in the same run, runs alternating between the two, so the loaded machine affects both alike.
 *
 *   node bench/web-first-load.ts [--runs 3] [--base main] [--households 300]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { seedDemoIfEmpty } from '../src/cli/seed-demo.ts';
import { createContainer } from '../src/container.ts';
import { createDb } from '../src/db/dialect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { buildApp } from '../src/http/app.ts';
import { systemActor } from '../src/modules/access/actor.ts';
import { type LighthouseResult, loginCookie, runLighthouse, withChrome } from './lib/lighthouse.ts';
import { flags, fmt, int, machine, machineMarkdown, median } from './lib/report.ts';

const f = flags();
const runs = int(f.get('runs'), 3);
const base = f.get('base') ?? 'main';
const households = int(f.get('households'), 300);
const ROOT = resolve(import.meta.dirname, '..');
const USERNAME = 'bench-dinsos';
const PASSWORD = 'bench-password-2026!';

function viteBuild(cwd: string): void {
  execFileSync(
    join(ROOT, 'node_modules/.bin/vite'),
    ['build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'],
    { cwd, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } },
  );
}

/** Builds `ref`'s web app in a temporary worktree; returns its dist/web and a clean-up. */
function buildBase(ref: string): { dir: string; done: () => void } {
  const tree = mkdtempSync(join(tmpdir(), 'dtks-web-base-'));
  execFileSync('git', ['worktree', 'add', '--detach', tree, ref], { cwd: ROOT, stdio: 'ignore' });
  symlinkSync(join(ROOT, 'node_modules'), join(tree, 'node_modules'));
  viteBuild(tree);
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
  username: USERNAME,
  role: 'dinsos_kab',
  regionCode: '33.07',
  password: PASSWORD,
  displayName: 'Dinas Sosial (bench)',
});

viteBuild(ROOT);
const baseBuild = buildBase(base);

async function serve(webRoot: string) {
  const app = await buildApp(container, {
    logger: false,
    webRoot,
    settings: { rateLimits: { account: 1e9, anonymous: 1e9, login: 1e9, dci: 1e9 }, redisUrl: null },
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  return { app, origin: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}` };
}

const PAGES = [
  { name: 'login page', path: '/login', loggedIn: false },
  { name: 'home (to-do)', path: '/', loggedIn: true },
  { name: 'household list', path: '/households', loggedIn: true },
];

interface Sample extends LighthouseResult {
  load: number;
}
const m = machine();
const byKey = new Map<string, { build: string; page: string; runs: Sample[] }>();
try {
  const builds = [
    { build: `base (${base})`, server: await serve(baseBuild.dir) },
    { build: 'this branch', server: await serve(join(ROOT, 'dist/web')) },
  ];
  await withChrome(async (port) => {
    // Runs alternate between the builds, so a busy moment of the shared machine hits both alike.
    for (let i = 0; i < runs; i++) {
      for (const p of PAGES) {
        for (const b of builds) {
          const headers = p.loggedIn
            ? { cookie: await loginCookie(b.server.origin, USERNAME, PASSWORD) }
            : undefined;
          const r = await runLighthouse(`${b.server.origin}${p.path}`, { port, headers });
          const sample = { ...r, load: loadavg()[0]! };
          const k = `${p.name}|${b.build}`;
          const entry = byKey.get(k) ?? { build: b.build, page: p.name, runs: [] };
          entry.runs.push(sample);
          byKey.set(k, entry);
          console.log(
            b.build,
            p.name,
            `performance ${r.performance}, accessibility ${r.accessibility} (LCP ${fmt(r.lcp)} ms, TBT ${fmt(r.tbt)} ms, load ${sample.load.toFixed(2)})`,
            r.accessibilityFailures.join(' '),
          );
        }
      }
    }
  });
  for (const b of builds) await b.server.app.close();
} finally {
  baseBuild.done();
  await container.close();
  rmSync(dataDir, { recursive: true, force: true });
}

type Numeric = {
  [K in keyof Sample]: Sample[K] extends number ? K : never;
}[keyof Sample];
const med = (xs: Sample[], k: Numeric) => median(xs.map((x) => x[k]));
const kb = (b: number) => `${fmt(b / 1024, 1)} KB`;
const command = `node bench/web-first-load.ts${process.argv.length > 2 ? ` ${process.argv.slice(2).join(' ')}` : ''}`;
const results = [...byKey.values()];
const failures = [...new Set(results.flatMap((r) => r.runs.flatMap((s) => s.accessibilityFailures)))];
const lines = [
  '# Web app first load on a cheap phone and a slow line (Lighthouse)',
  '',
  machineMarkdown(m, command),
  `- tool: Lighthouse ${(await import('lighthouse/package.json', { with: { type: 'json' } })).default.version} (node API, bench/lib/lighthouse.ts), default mobile settings: Moto G Power emulation, simulated throttling (150 ms round trip, 1,638.4 kbit/s, CPU 4× slower), Debian Chromium headless; ${runs} runs per page and build, medians`,
  `- data: demo kabupaten with ${fmt(households)} households; signed-in pages as a regency Dinas Sosial user (API login, session cookie sent as an extra header)`,
  `- base: the build of \`${base}\`, measured in the same run, alternating with this branch; the machine is shared with other jobs, so the 1-minute load average at each run is given (median, and the highest) — simulated throttling scales the CPU work observed, so a busy machine lowers scores`,
  '',
  '| page | build | performance | accessibility | FCP ms | LCP ms | Speed Index ms | TBT ms | CLS | JS transferred | all transferred | requests | load avg (1 min) median / max |',
  '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ...results.map(
    (r) =>
      `| ${r.page} | ${r.build} | ${fmt(med(r.runs, 'performance'))} | ${fmt(med(r.runs, 'accessibility'))} | ${fmt(med(r.runs, 'fcp'))} | ${fmt(med(r.runs, 'lcp'))} | ${fmt(med(r.runs, 'speedIndex'))} | ${fmt(med(r.runs, 'tbt'))} | ${fmt(med(r.runs, 'cls'), 3)} | ${kb(med(r.runs, 'scriptBytes'))} | ${kb(med(r.runs, 'transferBytes'))} | ${fmt(med(r.runs, 'requests'))} | ${med(r.runs, 'load').toFixed(2)} / ${Math.max(...r.runs.map((s) => s.load)).toFixed(2)} |`,
  ),
  '',
  failures.length
    ? `Accessibility audits failed in some run: ${failures.map((id) => `\`${id}\``).join(', ')}.`
    : 'No accessibility audit failed in any run.',
  '',
];
writeFileSync(join(ROOT, 'bench/results/web-first-load.md'), lines.join('\n'));
console.log(lines.join('\n'));

/**
 * What every browser test needs: the real server (buildApp) over a test container serving the built web
 * app, headless Chromium in a throw-away profile, screenshots on request, and the login form.
 *
 * Without Chromium the suites are skipped with a notice, except with CI=true where that is a failure.
 * Set E2E_SHOTS=<dir> to keep a screenshot of every step.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { type BrowserContext, chromium, type LaunchOptions, type Page } from 'playwright-core';
import type { Container } from '../../src/container.ts';
import { buildApp } from '../../src/http/app.ts';
import { PASSWORD, TEST_SETTINGS } from './app.ts';
import { ensureWebBuild, WEB_DIST } from './web-build.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CI = process.env.CI === 'true' || process.env.CI === '1';
const HAS_CHROMIUM = existsSync(CHROMIUM);
const SHOTS = process.env.E2E_SHOTS;

/** Browser suites run when Chromium is there, and always on CI (where a missing Chromium fails them). */
export const RUN_BROWSER_TESTS = HAS_CHROMIUM || CI;

/** Says loudly that `suite` is skipped for want of Chromium. */
export function noticeSkippedBrowserSuite(suite: string): void {
  if (RUN_BROWSER_TESTS) return;
  const bar = '!'.repeat(78);
  console.warn(
    `\n${bar}\n!! SKIPPING ${suite}: no Chromium at ${CHROMIUM}.\n` +
      `!! Install it (apt-get install -y chromium) or set CHROMIUM_PATH. With CI=true this fails.\n${bar}\n`,
  );
}

export interface BrowserRun {
  app: FastifyInstance;
  context: BrowserContext;
  page: Page;
  /** The server's origin, e.g. http://127.0.0.1:41234 */
  base: string;
  /** Scratch space removed on close (it holds the browser profile too). */
  tmpDir: string;
  /** A full-page screenshot into E2E_SHOTS, numbered in order; nothing without it. */
  snap: (name: string) => Promise<void>;
  /** Through the login form, in Indonesian (the tests' password unless another is given); done when the logout button shows. */
  login: (username: string, password?: string) => Promise<void>;
  logout: () => Promise<void>;
  close: () => Promise<void>;
}

type ContextOptions = Omit<
  NonNullable<Parameters<typeof chromium.launchPersistentContext>[1]>,
  keyof LaunchOptions
>;

/**
 * Serves `container` with the built web app on a free port and opens Chromium on it (Indonesian locale,
 * 15 s timeouts). `name` tags the profile directory and the screenshots.
 */
export async function startBrowser(
  container: Container,
  { name, shotPrefix = `${name}-`, ...options }: { name: string; shotPrefix?: string } & ContextOptions,
): Promise<BrowserRun> {
  if (!HAS_CHROMIUM) throw new Error(`CI=true but Chromium is missing at ${CHROMIUM}`);
  ensureWebBuild();
  const app = await buildApp(container, { logger: false, webRoot: WEB_DIST, settings: TEST_SETTINGS });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const userDataDir = mkdtempSync(join(tmpdir(), `dtks-e2e-${name}-`));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    viewport: { width: 1280, height: 900 },
    locale: 'id-ID',
    // The app's service worker (offline field app) would answer scripts from its cache, out of sight of the
    // tests that look at what the network sent; test/e2e/offline.e2e.test.ts allows it.
    serviceWorkers: 'block',
    ...options,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(15_000);

  let shot = 0;
  const logoutButton = () => page.getByRole('button', { name: 'Keluar', exact: true });
  return {
    app,
    context,
    page,
    base,
    tmpDir: userDataDir,
    snap: async (step) => {
      if (!SHOTS) return;
      mkdirSync(SHOTS, { recursive: true });
      shot += 1;
      await page.screenshot({
        path: join(SHOTS, `${shotPrefix}${String(shot).padStart(2, '0')}-${step}.png`),
        fullPage: true,
      });
    },
    login: async (username, password = PASSWORD) => {
      await page.goto(`${base}/login`);
      await page.getByLabel('Nama pengguna').fill(username);
      await page.getByLabel('Kata sandi').fill(password);
      await page.getByRole('button', { name: 'Masuk' }).click();
      await logoutButton().waitFor();
    },
    logout: async () => {
      await logoutButton().click();
      await page.getByRole('heading', { name: 'Masuk' }).waitFor();
    },
    close: async () => {
      await context.close();
      await app.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

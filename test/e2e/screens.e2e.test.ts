/**
 * The screens as an office reads them, on the demo data (`npm start`'s seed, smaller): every role logs in and
 * every page its menu offers — and the first record each list links to — is read in Indonesian and must hold
 * no untranslated English word, no raw code (`household.update`, `operator_desa`, `F/M`, a short id such as
 * `01a243dd`, a username like `pusdatin` in a sentence) and no date in a machine format. Then axe-core checks
 * the main pages and fails on serious or critical violations.
 *
 * Record identifiers the audit page shows as evidence are marked `data-raw` and skipped; so is text marked
 * with another language (`lang="en"`: the language switch names English in English).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, demoAccounts } from '../../src/cli/demo.ts';
import { seedDemoIfEmpty } from '../../src/cli/seed-demo.ts';
import {
  type BrowserRun,
  noticeSkippedBrowserSuite,
  RUN_BROWSER_TESTS,
  startBrowser,
} from '../support/browser.ts';
import { openTestDb, type TestDb } from '../support/db.ts';

noticeSkippedBrowserSuite('the screen language and accessibility browser tests');

/** English words that have no business in the Indonesian UI (none of them is also Indonesian). */
const ENGLISH = [
  'the',
  'and',
  'of',
  'with',
  'by',
  'not',
  'found',
  'findings',
  'finding',
  'synthetic',
  'seed',
  'household',
  'households',
  'proposal',
  'proposals',
  'village',
  'district',
  'regency',
  'province',
  'submitted',
  'approved',
  'rejected',
  'pending',
  'returned',
  'withdrawn',
  'determined',
  'draft',
  'open',
  'closed',
  'loading',
  'error',
  'save',
  'cancel',
  'search',
  'details',
  'male',
  'female',
  'yes',
  'none',
  'null',
  'undefined',
  'true',
  'false',
  'unknown',
  'invalid',
  'match',
  'matched',
  'visit',
  'visits',
  'user',
  'users',
  'jobs',
  'job',
  'queued',
  'running',
  'done',
  'failed',
];
const ENGLISH_RE = new RegExp(`\\b(${ENGLISH.join('|')})\\b`, 'i');

/** Raw codes: `a.b` action or field codes, `snake_case` enum values, short hex ids, F/M, a bare username. */
const RAW: [string, RegExp][] = [
  // Not an e-mail address or a host name: no @ or further dot around it.
  // A file name the user uploaded (`ekstrak-dukcapil-desa.csv`) is theirs, not a code.
  ['dotted code', /(?<![@\w.-])[a-z]{3,}\.(?!(?:csv|pdf|jpe?g|png|xlsx)\b)[a-z_]{3,}(?![@\w.])/],
  ['snake_case code', /\b[a-z]+_[a-z_]+\b/],
  ['short id', /\b(?=[0-9a-f]*[a-f])(?=[0-9a-f]*\d)[0-9a-f]{8}\b/],
  ['F/M', /\b[FM]\/[FM]\b/],
  [
    'username in a sentence',
    /\boleh (pusdatin|dinsos|dinsosprov|admin|auditor|camat|kades|operator|petugas)\b/,
  ],
  ['machine date', /\b\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?\b/],
  ['[object Object]', /\[object Object\]/],
];

/** What one page says, without identifiers shown as evidence and text in another language. */
async function pageWords(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    // Literal technical text (<code>: a file's header line), identifiers shown as evidence, another language.
    const skip = (el: Element | null) =>
      !!el?.closest('code, kbd, [data-raw], [lang]:not([lang="id"]):not(html)');
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || skip(el) || el.closest('script, style, noscript')) continue;
      const text = n.textContent?.trim();
      if (text) out.push(text);
    }
    for (const el of document.querySelectorAll('[aria-label], [title], [placeholder], option, [alt]')) {
      if (skip(el)) continue;
      for (const a of ['aria-label', 'title', 'placeholder', 'alt']) {
        const v = el.getAttribute(a);
        if (v) out.push(v);
      }
    }
    return out;
  });
}

function problems(texts: string[]): string[] {
  const found: string[] = [];
  for (const text of texts) {
    const english = ENGLISH_RE.exec(text);
    if (english) found.push(`English "${english[1]}" in "${text.slice(0, 120)}"`);
    for (const [what, re] of RAW) {
      const m = re.exec(text);
      if (m) found.push(`${what} "${m[0]}" in "${text.slice(0, 120)}"`);
    }
  }
  return found;
}

/** Waits until the page shows no spinner and the network is quiet. */
async function settled(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page
    .locator('.loading')
    .first()
    .waitFor({ state: 'detached', timeout: 15_000 })
    .catch(() => {});
  await page.waitForLoadState('networkidle');
}

describe.skipIf(!RUN_BROWSER_TESTS)('screens in the office language', () => {
  let t: TestDb;
  let browser: BrowserRun;
  let page: Page;
  let base: string;
  let accounts: Awaited<ReturnType<typeof demoAccounts>>;

  beforeAll(async () => {
    t = await openTestDb('sqlite');
    await seedDemoIfEmpty(t.container, 120, () => {});
    // The demo seed creates its accounts (with their display names), as `npm start` does.
    accounts = await demoAccounts(t.container);
    browser = await startBrowser(t.container, { name: 'screens' });
    ({ page, base } = browser);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await t?.cleanup();
  });

  it('every page of every role reads in Indonesian, without English words, raw codes or machine dates', async () => {
    const found: string[] = [];
    let pages = 0;
    for (const account of accounts) {
      await browser.login(account.username, DEMO_PASSWORD);
      await settled(page);
      const links = await page
        .locator('#main-nav a[href]')
        .evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
      const visited = new Set<string>();
      const visit = async (path: string) => {
        if (visited.has(path)) return;
        visited.add(path);
        // In-app navigation (as a menu click): the shell stays, only the page loads.
        await page.evaluate((to) => {
          window.history.pushState(null, '', to);
          window.dispatchEvent(new PopStateEvent('popstate'));
        }, path);
        await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => done(null))));
        await settled(page);
        expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe(path);
        pages += 1;
        for (const p of problems(await pageWords(page))) found.push(`${account.username} ${path}: ${p}`);
      };
      for (const link of links) {
        await visit(link);
        // The first record the list links to (a household, an usulan, a Musdes, a PPKS…).
        const detailLink = page.locator('main table a[href^="/"]').first();
        const detail = (await detailLink.count()) > 0 ? await detailLink.getAttribute('href') : null;
        if (detail) await visit(detail);
      }
      await browser.logout();
    }
    expect(pages).toBeGreaterThan(40);
    expect([...new Set(found)]).toEqual([]);
  }, 600_000);

  it('the progress page fits a 1366 px screen, totals first, a chart per step that drills down; only it loads the charts', async () => {
    await page.setViewportSize({ width: 1366, height: 768 });
    const scripts: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
    });
    await browser.login('dinsos', DEMO_PASSWORD);
    await page.goto(`${base}/households`);
    await settled(page);
    expect(scripts.filter((s) => /StepChart/.test(s))).toEqual([]);

    await page.goto(`${base}/cycle/progress`);
    await settled(page);
    const cards = page.locator('.step-card');
    await expect.poll(() => cards.count()).toBe(4);
    expect(await cards.locator('h2').allInnerTexts()).toEqual(['Usulan', 'Musdes', 'Kunjungan', 'Dukcapil']);
    // Totals come before the per-village table.
    const order = await page.evaluate(() => {
      const summary = document.querySelector('.step-summary')!;
      const table = document.querySelector('.table--progress')!;
      return summary.compareDocumentPosition(table) & Node.DOCUMENT_POSITION_FOLLOWING;
    });
    expect(order).toBeTruthy();
    await expect.poll(() => page.locator('.step-chart canvas').count()).toBe(4);
    expect(scripts.some((s) => /StepChart/.test(s))).toBe(true);
    const overflow = await page.evaluate(() => {
      const main = document.querySelector('main')!;
      return {
        main: main.scrollWidth - main.clientWidth,
        page: document.documentElement.scrollWidth - window.innerWidth,
      };
    });
    expect(overflow.page).toBeLessThanOrEqual(0);
    expect(overflow.main).toBeLessThanOrEqual(0);

    // A bar opens its district: the Musdes chart has a bar per district (villages without a session yet);
    // find the leftmost pixel of the first series' colour in its canvas and click there.
    const musdes = page.locator('.step-chart canvas').nth(1);
    const spot = await musdes.evaluate((canvas: HTMLCanvasElement) => {
      const ctx = canvas.getContext('2d')!;
      const { width, height } = canvas;
      const data = ctx.getImageData(0, 0, width, height).data;
      const ratio = width / canvas.getBoundingClientRect().width;
      for (let x = 0; x < width; x++) {
        for (let y = height - 1; y > height * 0.3; y--) {
          const i = (y * width + x) * 4;
          if (data[i] === 0x00 && data[i + 1] === 0x72 && data[i + 2] === 0xb2)
            return { x: x / ratio + 2, y: y / ratio - 2 };
        }
      }
      return null;
    });
    expect(spot).not.toBeNull();
    await musdes.click({ position: spot! });
    await expect.poll(() => page.url()).toMatch(/region=33\.07\.\d{2}(&|$)/);
    await settled(page);
    await expect.poll(() => page.locator('.step-chart canvas').count()).toBe(4);
    await browser.logout();
    await page.setViewportSize({ width: 1280, height: 900 });
  }, 240_000);

  it('the main pages have no serious or critical accessibility violations (axe-core)', async () => {
    const require = createRequire(import.meta.url);
    const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
    const check = async (name: string) => {
      await settled(page);
      // Evaluated, not added as a <script>: the app's CSP allows no inline script.
      await page.evaluate(axeSource);
      const result = await page.evaluate(async () => {
        // biome-ignore lint/suspicious/noExplicitAny: axe is injected as a global script
        const axe = (window as any).axe;
        const r = await axe.run(document, { resultTypes: ['violations'] });
        return r.violations.map((v: { id: string; impact: string; nodes: { target: string[] }[] }) => ({
          id: v.id,
          impact: v.impact,
          targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
        }));
      });
      return result.map((v: { id: string; impact: string; targets: string[] }) => ({ page: name, ...v }));
    };
    const violations: { page: string; id: string; impact: string; targets: string[] }[] = [];
    await page.goto(`${base}/login`);
    violations.push(...(await check('login')));
    await browser.login('dinsos', DEMO_PASSWORD);
    for (const path of [
      '/',
      '/households',
      '/persons',
      '/ppks',
      '/cycle/usulan',
      '/cycle/musdes',
      '/cycle/verivali',
      '/cycle/progress',
      '/cycle/pengesahan',
    ]) {
      await page.goto(`${base}${path}`);
      violations.push(...(await check(path)));
      if (path === '/households') {
        await page.locator('main table a[href^="/households/"]').first().click();
        violations.push(...(await check('household detail')));
      }
    }
    await browser.logout();
    await browser.login('auditor', DEMO_PASSWORD);
    await page.goto(`${base}/audit`);
    violations.push(...(await check('/audit')));
    await page.getByText('Lihat rincian').first().click();
    violations.push(...(await check('/audit details open')));
    const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious).toEqual([]);
    // The login page's language switch lies in a landmark now (axe `region`, moderate).
    expect(violations.filter((v) => v.page === 'login')).toEqual([]);
  }, 300_000);
});

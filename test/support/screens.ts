/**
 * The office screens as an office reads them, for the browser tests split over test/e2e/screens-*.e2e.test.ts:
 * the demo data (`npm start`'s seed, smaller) served to Chromium, and the language check — every page a role's
 * menu offers, and the first record each list links to, read in Indonesian with no untranslated English
 * word, no raw code (`household.update`, `operator_desa`, `F/M`, a short id such as `01a243dd`, a username
 * like `pusdatin` in a sentence) and no date in a machine format.
 *
 * Record identifiers the audit page shows as evidence are marked `data-raw` and skipped; so is text marked
 * with another language (`lang="en"`: the language switch names English in English).
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { DEMO_PASSWORD, type DemoAccount, demoAccounts } from '../../src/cli/demo.ts';
import { seedDemoIfEmpty } from '../../src/cli/seed-demo.ts';
import { type BrowserRun, startBrowser } from './browser.ts';
import { openTestDb, type TestDb } from './db.ts';

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
export async function settled(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page
    .locator('.loading')
    .first()
    .waitFor({ state: 'detached', timeout: 15_000 })
    .catch(() => {});
  await page.waitForLoadState('networkidle');
}

export interface DemoScreens {
  t: TestDb;
  browser: BrowserRun;
  page: Page;
  base: string;
  /** The demo accounts the seed created (with their display names), as `npm start` does. */
  accounts: DemoAccount[];
  close: () => Promise<void>;
}

/** A SQLite test database with the demo seed (120 households) and its accounts, served to Chromium. */
export async function openDemoScreens(name: string): Promise<DemoScreens> {
  const t = await openTestDb('sqlite');
  await seedDemoIfEmpty(t.container, 120, () => {});
  const accounts = await demoAccounts(t.container);
  const browser = await startBrowser(t.container, { name });
  return {
    t,
    browser,
    page: browser.page,
    base: browser.base,
    accounts,
    close: async () => {
      await browser.close();
      await t.cleanup();
    },
  };
}

/**
 * Logs `account` in and reads every page its menu offers, and the first record each list links to, in
 * in-app navigation (as a menu click: the shell stays, only the page loads). Answers how many links the menu
 * had, how many pages were read and what was found on them (`<username> <path>: <problem>`).
 */
export async function readEveryPage(
  s: DemoScreens,
  account: DemoAccount,
): Promise<{ links: number; pages: number; found: string[] }> {
  const { browser, page } = s;
  const found: string[] = [];
  let pages = 0;
  await browser.login(account.username, DEMO_PASSWORD);
  await settled(page);
  const links = await page
    .locator('#main-nav a[href]')
    .evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
  const visited = new Set<string>();
  const visit = async (path: string) => {
    if (visited.has(path)) return;
    visited.add(path);
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
  return { links: new Set(links).size, pages, found };
}

/**
 * The demo accounts whose pages each screen file reads: two files (each its own database and browser) so
 * that the two browser workers share the work; together every account.
 */
export const SCREEN_ACCOUNTS = {
  /** Village, kecamatan, regency and province offices (screens-regional.e2e.test.ts). */
  regional: ['operator', 'kades', 'petugas', 'camat', 'dinsos', 'dinsosprov'],
  /** Pusdatin, the auditor, the administrator and the partners (screens-central.e2e.test.ts). */
  central: ['pusdatin', 'auditor', 'admin', 'pos', 'bulog'],
} as const;

/** The account of `username` among the demo accounts. */
export function demoAccount(s: DemoScreens, username: string): DemoAccount {
  const account = s.accounts.find((a) => a.username === username);
  if (!account) throw new Error(`no demo account ${username}`);
  return account;
}

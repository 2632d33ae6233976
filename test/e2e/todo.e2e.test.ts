/**
 * The home page's to-do list in a real browser, as each role of the demo (its cycle activity seeded): every
 * item that links to a list opens it filtered, and the list shows exactly as many rows as the item counts.
 * Set E2E_SHOTS=<dir> for screenshots.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/cli/demo.ts';
import { seedDemoIfEmpty } from '../../src/cli/seed-demo.ts';
import { type BrowserRun, RUN_BROWSER_TESTS, startBrowser } from '../support/browser.ts';
import { openTestDb, type TestDb } from '../support/db.ts';

/** The rows of the list a to-do link opens, by the list's path. */
const ROWS: Record<string, string> = {
  '/cycle/usulan': 'main table tbody tr',
  '/cycle/musdes': 'main table tbody tr',
  '/cycle/verivali': 'main .visit-cards > li',
};

describe.skipIf(!RUN_BROWSER_TESTS)('to-do list per role in the browser', { timeout: 300_000 }, () => {
  let t: TestDb;
  let browser: BrowserRun;
  let page: Page;
  let base: string;

  beforeAll(async () => {
    t = await openTestDb('sqlite');
    await seedDemoIfEmpty(t.container, 60, () => {});
    browser = await startBrowser(t.container, { name: 'todo' });
    ({ page, base } = browser);
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await t?.cleanup();
  });

  const login = async (username: string) => {
    await page.context().clearCookies();
    await page.goto(`${base}/login`);
    await page.getByLabel('Nama pengguna').fill(username);
    await page.getByLabel('Kata sandi').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.getByRole('heading', { name: 'Menunggu tindakan Anda' }).waitFor();
  };

  /** The items on the home page: code, count, link, text. */
  const items = async () =>
    page.locator('[data-todo]').evaluateAll((els) =>
      els.map((el) => ({
        code: el.getAttribute('data-todo')!,
        count: Number(el.getAttribute('data-count')),
        link: el.querySelector('a')?.getAttribute('href') ?? null,
        text: el.textContent ?? '',
      })),
    );

  /** Follows every item that opens a list and compares the list's rows with the count. */
  const checkLinks = async (username: string, expected: string[]) => {
    await login(username);
    const found = await items();
    expect(found.map((i) => i.code)).toEqual(expected);
    await browser.snap(`${username}-home`);
    let checked = 0;
    for (const item of found) {
      expect(item.text).toContain(String(item.count));
      const path = item.link?.split('?')[0] ?? '';
      const selector = ROWS[path];
      if (!selector) continue;
      await page.goto(`${base}/`);
      await page.locator(`[data-todo="${item.code}"] a`).click();
      await page.waitForURL((u) => u.pathname === path);
      await page.locator(selector).first().waitFor();
      await page.waitForLoadState('networkidle');
      expect(await page.locator(selector).count(), `${username}: ${item.code}`).toBe(item.count);
      await browser.snap(`${username}-${item.code}`);
      checked++;
    }
    return checked;
  };

  it('Dinas Sosial: visits to review, proposals to approve and to visit match their lists', async () => {
    const checked = await checkLinks('dinsos', [
      'visits_to_review',
      'usulan_to_approve',
      'usulan_to_visit',
      'villages_without_ba',
      // The demo's citizen content (src/cli/demo-citizens.ts).
      'citizen_accounts',
      'reports_overdue',
      'sanggah_open',
      'dukcapil_findings',
    ]);
    expect(checked).toBe(3);
    // The period reads as a month ("Periode berjalan: November 2026"), and the visits link names one.
    await page.goto(`${base}/`);
    expect(await page.locator('.todo p.small').textContent()).toMatch(
      /^Periode berjalan: [A-Z][a-z]+ \d{4}$/,
    );
    expect(await page.locator('[data-todo="visits_to_review"] a').getAttribute('href')).toMatch(
      /period=\d{4}-\d{2}&state=visited$/,
    );

    // The visit to review shows what the officer found against DTKS, the photos and the position.
    await page.goto(`${base}/`);
    await page.locator('[data-todo="visits_to_review"] a').click();
    await page.locator('main .visit-cards > li a').first().click();
    const findings = page.locator('[data-findings]');
    await findings.getByRole('heading', { name: 'Temuan petugas dibandingkan data DTKS' }).waitFor();
    // The demo's field finding: the RT after a split of the neighbourhood.
    expect(await findings.getAttribute('data-findings')).toBe('1');
    await findings.getByRole('cell', { name: /^00[45]$/ }).waitFor();
    const map = page.getByRole('link', { name: 'Buka lokasi di OpenStreetMap' });
    expect(await map.getAttribute('href')).toMatch(/^https:\/\/www\.openstreetmap\.org\/\?mlat=-7\.35/);
    expect(await page.locator('.photo-grid img').count()).toBe(2);
    await browser.snap('dinsos-visit-findings');
  });

  it('village operator: drafts (own and citizens’ apart), returned and submitted proposals and the open Musdes match their lists', async () => {
    const window = t.container.usulan.window();
    const checked = await checkLinks('operator', [
      ...(window.open ? ['window_closes'] : []),
      'usulan_returned',
      'usulan_mandiri_drafts',
      'usulan_drafts',
      'usulan_for_musdes',
      'musdes_to_close',
      'citizen_accounts',
      'reports_to_triage',
      'reports_overdue',
    ]);
    expect(checked).toBe(5);
  });

  it('Kepala Desa and field officer', async () => {
    expect(
      await checkLinks('kades', [
        'usulan_for_musdes',
        'musdes_to_close',
        'citizen_accounts',
        'reports_to_triage',
        'reports_overdue',
      ]),
    ).toBe(2);
    expect(await checkLinks('petugas', ['visits_assigned'])).toBe(1);
  });
});

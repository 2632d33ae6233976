/**
 * The screens as an office reads them, on the demo data (test/support/screens.ts), part one: the village,
 * kecamatan, regency and province accounts read every page of their menu in Indonesian (no English word, raw
 * code or machine date), and the progress page's layout and charts. Part two: screens-central.e2e.test.ts.
 */
import type { Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/cli/demo.ts';
import { type BrowserRun, noticeSkippedBrowserSuite, RUN_BROWSER_TESTS } from '../support/browser.ts';
import {
  type DemoScreens,
  demoAccount,
  openDemoScreens,
  readEveryPage,
  SCREEN_ACCOUNTS,
  settled,
} from '../support/screens.ts';

noticeSkippedBrowserSuite('the screen language browser tests (regional offices)');

describe.skipIf(!RUN_BROWSER_TESTS)('screens in the office language: regional offices', () => {
  let s: DemoScreens;
  let browser: BrowserRun;
  let page: Page;
  let base: string;

  beforeAll(async () => {
    s = await openDemoScreens('screens-regional');
    ({ browser, page, base } = s);
  }, 240_000);

  afterAll(async () => {
    await s?.close();
  });

  for (const username of SCREEN_ACCOUNTS.regional) {
    it(`${username}: every page of the menu reads in Indonesian, without English words, raw codes or machine dates`, async () => {
      const { links, pages, found } = await readEveryPage(s, demoAccount(s, username));
      expect(links).toBeGreaterThan(0);
      expect(pages).toBeGreaterThanOrEqual(links);
      expect([...new Set(found)]).toEqual([]);
    }, 300_000);
  }

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

  it('a province opens the progress page on a choice of regency, not on a refused request', async () => {
    const refused: string[] = [];
    const onResponse = (r: Response) => {
      if (r.status() >= 400 && new URL(r.url()).pathname.startsWith('/api/v1/progress'))
        refused.push(`${r.status()} ${r.url()}`);
    };
    page.on('response', onResponse);
    await browser.login('dinsosprov', DEMO_PASSWORD);
    await page.goto(`${base}/cycle/progress`);
    await page.getByRole('status').filter({ hasText: 'Pilih kabupaten/kota' }).waitFor();
    await page.locator('#field-regency').selectOption({ label: 'Kabupaten Wonosobo' });
    await expect.poll(() => new URL(page.url()).searchParams.get('region')).toBe('33.07');
    await expect.poll(() => page.locator('.step-card').count()).toBe(4);
    page.off('response', onResponse);
    expect(refused).toEqual([]);
    await browser.logout();
  });
});

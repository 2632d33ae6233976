/**
 * A record that is not there, in a real browser: a household that does not exist and one outside the
 * reader's territory look the same — the server's "not found", no "Coba lagi" (a 404 is not a passing
 * failure) and the way back to the list instead. Every detail page shares that one component (LoadError);
 * a usulan and a visit stand for the others here. On a phone the message fits the screen.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/modules/access/actor.ts';
import { makeHousehold } from '../factories/households.ts';
import { createUsers, PLACES } from '../support/app.ts';
import {
  type BrowserRun,
  noticeSkippedBrowserSuite,
  RUN_BROWSER_TESTS,
  startBrowser,
} from '../support/browser.ts';
import { openTestDb, type TestDb } from '../support/db.ts';

noticeSkippedBrowserSuite('the not-found browser tests');

const ABSENT = '0193aaaa-0000-7000-8000-00000000dead';

describe.skipIf(!RUN_BROWSER_TESTS)('a record that is not there, in the browser', () => {
  let t: TestDb;
  let browser: BrowserRun;
  let page: Page;
  let elsewhere = '';

  beforeAll(async () => {
    t = await openTestDb('sqlite');
    await createUsers(t.container);
    elsewhere = (
      await t.container.households.create(systemActor('e2e'), makeHousehold(PLACES.otherVillage, 7))
    ).id;
    browser = await startBrowser(t.container, { name: 'not-found', viewport: { width: 390, height: 844 } });
    ({ page } = browser);
    await browser.login('dinsos');
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await t?.cleanup();
  });

  /** What the page says: the alert's text, and whether it offers a retry. */
  const answer = async (path: string) => {
    await page.goto(`${browser.base}${path}`);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    return {
      text: ((await alert.textContent()) ?? '').trim(),
      retry: await alert.getByRole('button', { name: 'Coba lagi' }).count(),
      overflow: await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    };
  };

  it('answers an unknown household and one outside the territory alike, with the way back to the list', async () => {
    const absent = await answer(`/households/${ABSENT}`);
    await browser.snap('household-absent');
    const hidden = await answer(`/households/${elsewhere}`);
    expect(hidden).toEqual(absent);
    expect(absent.retry).toBe(0);
    expect(absent.overflow).toBeLessThanOrEqual(0);
    await page.getByRole('alert').getByRole('link', { name: 'Kembali ke daftar rumah tangga' }).click();
    await page.waitForURL(`${browser.base}/households`);
    await page.getByRole('heading', { level: 1 }).waitFor();
  });

  it('does the same on the other detail pages (one shared component)', async () => {
    for (const [path, list] of [
      [`/households/${ABSENT}/edit`, '/households'],
      [`/cycle/usulan/${ABSENT}`, '/cycle/usulan'],
      [`/cycle/verivali/visits/${ABSENT}`, '/cycle/verivali'],
      [`/ppks/${ABSENT}`, '/ppks'],
    ] as const) {
      const { retry, overflow } = await answer(path);
      expect(retry, path).toBe(0);
      expect(overflow, path).toBeLessThanOrEqual(0);
      const back = page.getByRole('alert').getByRole('link', { name: 'Kembali ke daftar' });
      expect(await back.getAttribute('href'), path).toBe(list);
    }
  });

  it('a page whose code is gone (the app was updated since the tab opened) says so and reloads, not a blank screen', async () => {
    const gone = '**/assets/PsksListPage-*.js';
    await page.route(gone, (route) => route.abort());
    await page.goto(`${browser.base}/psks`);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Muat ulang halaman untuk membuka versi terbaru');
    expect(await page.locator('#main-nav').count()).toBe(1);
    await page.unroute(gone);
    await alert.getByRole('button', { name: 'Muat ulang' }).click();
    await page.getByRole('heading', { level: 1, name: 'PSKS' }).waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
  });

  it('on a phone, a long literal line and a wide table scroll within the page, not the page sideways', async () => {
    const overflow = async (path: string) => {
      await page.goto(`${browser.base}${path}`);
      await page.locator('main h1').waitFor();
      await page.waitForLoadState('networkidle');
      return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    };
    expect(await overflow('/cycle/dukcapil')).toBeLessThanOrEqual(0);
    await browser.logout();
    await browser.login('admin');
    expect(await overflow('/users')).toBeLessThanOrEqual(0);
  });
});

/**
 * The web data layer's cache (web/src/api/query.ts) never outlives a session: a village operator opens a
 * household of her village, logs out, and the operator of another village logs in on the same tab and goes
 * to the same address in the app (no page load, so the cache would still be there): the first household
 * is never on screen, not even for a moment before the server's "not found" — watched by a
 * MutationObserver from before the second login.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/modules/access/actor.ts';
import { makeHousehold } from '../factories/households.ts';
import { createUsers, PASSWORD, PLACES } from '../support/app.ts';
import {
  type BrowserRun,
  noticeSkippedBrowserSuite,
  RUN_BROWSER_TESTS,
  startBrowser,
} from '../support/browser.ts';
import { openTestDb, type TestDb } from '../support/db.ts';

noticeSkippedBrowserSuite('the query cache browser tests');

const NAME = 'Sukarni Wijayakusuma';

describe.skipIf(!RUN_BROWSER_TESTS)('query cache in the browser', () => {
  let t: TestDb;
  let browser: BrowserRun;
  let page: Page;
  let base: string;
  let householdId: string;

  beforeAll(async () => {
    t = await openTestDb('sqlite');
    await createUsers(t.container);
    const target = makeHousehold(PLACES.villageA, 1);
    target.members[0]!.name = NAME;
    householdId = (await t.container.households.create(systemActor('e2e'), target)).id;
    browser = await startBrowser(t.container, { name: 'query-cache', shotPrefix: '' });
    ({ page, base } = browser);
  });

  afterAll(async () => {
    await browser?.close();
    await t?.cleanup();
  });

  const login = async (username: string) => {
    await page.getByLabel('Nama pengguna').fill(username);
    await page.getByLabel('Kata sandi').fill(PASSWORD);
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.getByRole('button', { name: 'Keluar' }).waitFor();
  };
  /** An in-app navigation (the app's router listens to popstate): the page, and its cache, stay. */
  const goInApp = (path: string) =>
    page.evaluate((to) => {
      window.history.pushState({}, '', to);
      window.dispatchEvent(new PopStateEvent('popstate'));
    }, path);

  it('logging out and in as another user never shows the previous user’s cached data', async () => {
    await page.goto(`${base}/login`);
    await login('op-a');
    await goInApp(`/households/${householdId}`);
    await page.getByText(NAME).first().waitFor();
    // The household list too, so more than one answer is cached.
    await goInApp('/');
    await page.getByRole('heading', { name: 'Ringkasan wilayah' }).waitFor();

    await page.getByRole('button', { name: 'Keluar' }).click();
    await page.getByRole('heading', { name: 'Masuk' }).waitFor();
    await page.evaluate((name) => {
      const w = window as unknown as { leaked: boolean };
      w.leaked = false;
      new MutationObserver(() => {
        if (document.body.textContent?.includes(name)) w.leaked = true;
      }).observe(document.body, { childList: true, subtree: true, characterData: true });
    }, NAME);
    await login('op-b');
    await goInApp(`/households/${householdId}`);
    // Outside op-b's village the household is indistinguishable from an absent one.
    await page.getByRole('alert').first().waitFor();
    await new Promise((r) => setTimeout(r, 300));
    expect(await page.evaluate(() => (window as unknown as { leaked: boolean }).leaked)).toBe(false);
    expect(await page.getByText(NAME).count()).toBe(0);
  });
});

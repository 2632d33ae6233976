/**
 * Ditidaklayakkan in a real browser: the regency Dinas Sosial finds a household it declared ineligible on its
 * own page and lifts the declaration with a reason; the list empties and the household's NIKs are free again.
 * A village operator has no such page in the menu. Set E2E_SHOTS=<dir> for screenshots.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Actor, systemActor } from '../../src/modules/access/actor.ts';
import { makeHousehold } from '../factories/households.ts';
import { createUsers, PLACES } from '../support/app.ts';
import {
  type BrowserRun,
  noticeSkippedBrowserSuite,
  RUN_BROWSER_TESTS,
  startBrowser,
} from '../support/browser.ts';
import { openTestDb, type TestDb } from '../support/db.ts';

noticeSkippedBrowserSuite('the ditidaklayakkan browser test');

describe.skipIf(!RUN_BROWSER_TESTS)('ditidaklayakkan in the browser', () => {
  let t: TestDb;
  let browser: BrowserRun;
  let page: Page;
  let householdId = '';
  const head = 'Budi Santoso 1';

  beforeAll(async () => {
    t = await openTestDb('sqlite');
    await createUsers(t.container);
    const h = await t.container.households.create(systemActor('e2e'), makeHousehold(PLACES.villageA, 1));
    householdId = h.id;
    const dinsos: Actor = { ...systemActor('e2e'), role: 'dinsos_kab', regionCode: PLACES.regency };
    await t.container.eligibility.declareIneligible(dinsos, h.id, {
      version: h.version,
      reason: 'Memiliki usaha toko bangunan',
    });
    browser = await startBrowser(t.container, { name: 'ineligible', shotPrefix: 'ineligible-' });
    ({ page } = browser);
  });

  afterAll(async () => {
    await browser?.close();
    await t?.cleanup();
  });

  it('lists the declaration and lifts it with a reason', async () => {
    await browser.login('dinsos');
    await page.getByRole('link', { name: 'Ditidaklayakkan', exact: true }).click();
    await page.getByRole('heading', { name: 'Rumah tangga ditidaklayakkan' }).waitFor();
    const row = page.locator('[data-testid="ineligible"] tbody tr');
    await row.getByRole('link', { name: head }).waitFor();
    await row.getByText('Memiliki usaha toko bangunan').waitFor();
    await browser.snap('list');

    await row.getByRole('button', { name: 'Cabut' }).click();
    // The reason is required: submitting without one changes nothing and says why.
    await page.getByRole('button', { name: 'Cabut penetapan' }).click();
    await page.locator('[id="field-reason-error"]').waitFor();
    expect(await t.container.eligibility.standing(t.container.database.db, [householdId])).toEqual(
      new Set([householdId]),
    );
    await page.getByLabel('Alasan pencabutan').fill('Hasil verifikasi ulang: keluarga tidak mampu');
    await page.getByRole('button', { name: 'Cabut penetapan' }).click();
    await page.getByRole('status').getByText(`Penetapan tidak layak ${head} dicabut`).waitFor();
    await page.getByText('Tidak ada rumah tangga yang ditidaklayakkan di wilayah Anda.').waitFor();
    expect((await t.container.eligibility.standing(t.container.database.db, [householdId])).size).toBe(0);
    await browser.snap('lifted');
  });

  it("is not in a village operator's menu", async () => {
    await browser.logout();
    await browser.login('op-a');
    await page.getByRole('navigation').first().waitFor();
    expect(await page.getByRole('link', { name: 'Ditidaklayakkan', exact: true }).count()).toBe(0);
  });
});

/**
 * The household page's "why this desil" panel in a real browser: a village operator opens a household of a
 * ranked, determined period and reads its deciles, BPS criteria and the variables behind its score, in
 * Indonesian. Runs the real server on a fresh SQLite copy and the built web app.
 *
 * Without Chromium the suite is skipped with a loud notice, except with CI=true where that is a failure.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MODEL } from '../../src/domain/ranking/default-model.ts';
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

noticeSkippedBrowserSuite('the ranking panel browser tests');

const PERIOD = '2026-03';

describe.skipIf(!RUN_BROWSER_TESTS)('why this desil, in the browser', () => {
  let t: TestDb;
  let browser: BrowserRun;
  let page: Page;
  const ids: string[] = [];

  beforeAll(async () => {
    t = await openTestDb('sqlite');
    await createUsers(t.container);
    const system = systemActor('e2e');
    for (let n = 1; n <= 4; n++) {
      const h = makeHousehold(PLACES.villageA, 70 + n, {
        floorMaterial: n % 2 ? 9 : 2,
        hasRefrigerator: n > 2,
        mealsPerDay: n === 1 ? 2 : 3,
        canPayClinic: n !== 1,
      });
      ids.push((await t.container.households.create(system, h)).id);
    }
    const db = t.container.database.db;
    await db
      .insertInto('periods')
      .values({ period: PERIOD, state: 'determined', createdAt: new Date().toISOString() } as never)
      .execute();
    await db
      .insertInto('snapshotHouseholds')
      .values(
        ids.map((householdId) => ({
          period: PERIOD,
          householdId,
          provinceCode: '33',
          regencyCode: '33.07',
          villageCode: PLACES.villageA,
          version: 1,
          memberCount: 3,
        })),
      )
      .execute();
    await t.container.ranking.uploadModel(system, DEFAULT_MODEL);
    await t.container.ranking.publishModel(system, DEFAULT_MODEL.version);
    await t.container.ranking.rank(system, { period: PERIOD });
    browser = await startBrowser(t.container, { name: 'ranking', shotPrefix: '' });
    ({ page } = browser);
  });

  afterAll(async () => {
    await browser?.close();
    await t?.cleanup();
  });

  it("shows a household's deciles, criteria and the variables behind its score", async () => {
    await browser.login('op-a');
    await page.goto(`${browser.base}/households/${ids[0]}?tab=ranking`);
    const panel = page.getByTestId('ranking-panel');
    await panel.getByRole('heading', { name: 'Mengapa desil ini' }).waitFor();
    await browser.snap('ranking-panel');
    // The poorest of four: desil 1 in every scope.
    expect(await panel.getByTestId('decile-national').textContent()).toBe('1');
    await expect(panel.getByTestId('criteria14').textContent()).resolves.toMatch(
      /dari 14 kriteria terpenuhi/,
    );
    await panel.getByText('Tidak sanggup membayar berobat ke puskesmas').waitFor();
    const rows = panel.getByTestId('contributions').getByRole('row');
    await panel.getByRole('cell', { name: 'Jumlah anggota rumah tangga' }).waitFor();
    await panel.getByRole('cell', { name: 'Lantai tanah/bambu/kayu murah' }).waitFor();
    expect(await rows.count()).toBeGreaterThan(3);
    const text = (await panel.textContent()) ?? '';
    expect(text).not.toMatch(/household_size|earth_bamboo_floor|decile/);
  });
});

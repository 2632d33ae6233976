/**
 * The targeting screens in a real browser, in Indonesian: a regency's Dinas Sosial opens the dashboard (decile
 * chart, province tile map, districts, recipients per programme, movement since the previous ranked period),
 * drills down from a programme and from a movement cell to the households, then uploads another programme's
 * beneficiary list, follows the import job and finds the household in the overlap worklist and the unknown
 * beneficiary in the not-found list. Runs the real server on a fresh SQLite copy and the built web app.
 *
 * Without Chromium the suite is skipped with a loud notice, except with CI=true where that is a failure.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PROGRAMMES } from '../../src/domain/programmes/defaults.ts';
import { systemActor } from '../../src/modules/access/actor.ts';
import { JobWorker } from '../../src/modules/jobs/jobs.worker.ts';
import { makeHousehold, makeNik } from '../factories/households.ts';
import { createUsers, PLACES } from '../support/app.ts';
import {
  type BrowserRun,
  noticeSkippedBrowserSuite,
  RUN_BROWSER_TESTS,
  startBrowser,
} from '../support/browser.ts';
import { openTestDb, type TestDb } from '../support/db.ts';
import { publishProgrammes } from '../support/recipients.ts';

noticeSkippedBrowserSuite('the targeting browser tests');

/** Village, decile in March, decile in June. */
const PLAN = [
  { village: PLACES.villageA, march: 1, june: 1 },
  { village: PLACES.villageA, march: 2, june: 4 },
  { village: PLACES.villageA2, march: 6, june: 6 },
  { village: PLACES.villageB, march: 10, june: 9 },
];
const UNKNOWN_NIK = makeNik('33.07.01', '1990-02-02', 'M', 9001);

describe.skipIf(!RUN_BROWSER_TESTS)('targeting analytics and aid-source matching, in the browser', () => {
  let t: TestDb;
  let browser: BrowserRun;
  let page: Page;
  let worker: JobWorker;
  const households: { id: string; kkNumber: string; head: string }[] = [];

  beforeAll(async () => {
    t = await openTestDb('sqlite');
    await createUsers(t.container);
    const system = systemActor('e2e');
    for (let i = 0; i < PLAN.length; i++) {
      const h = makeHousehold(PLAN[i]!.village, 80 + i);
      const created = await t.container.households.create(system, h);
      households.push({ id: created.id, kkNumber: h.kkNumber, head: h.members[0]!.name });
    }
    const db = t.container.database.db;
    for (const [period, key] of [
      ['2026-03', 'march'],
      ['2026-06', 'june'],
    ] as const) {
      await db
        .insertInto('rankingRuns')
        .values({
          period,
          modelVersion: 'pmt-e2e-1',
          state: 'done',
          households: PLAN.length,
          checksum: 'x',
          startedAt: `${period}-28T00:00:00.000Z`,
          finishedAt: `${period}-28T00:00:01.000Z`,
        })
        .execute();
      await db
        .insertInto('rankingResults')
        .values(
          PLAN.map((p, i) => ({
            period,
            modelVersion: 'pmt-e2e-1',
            householdId: households[i]!.id,
            provinceCode: '33',
            regencyCode: '33.07',
            villageCode: p.village,
            householdVersion: 1,
            score: p[key],
            criteria14: 0,
            decileNational: p[key],
            decileProvince: p[key],
            decileRegency: p[key],
          })),
        )
        .execute();
    }
    // The programme version the list was approved under (its amounts are explained by it).
    await publishProgrammes(
      t.container,
      DEFAULT_PROGRAMMES.filter((d) => d.code === 'PKH'),
    );
    // June's approved recipients: the desil-6 household receives PKH (a likely inclusion error); the
    // desil-1 household receives nothing (a likely exclusion error).
    await db
      .insertInto('recipients')
      .values({
        period: '2026-06',
        programmeCode: 'PKH',
        householdId: households[2]!.id,
        runId: '01900000-0000-7000-8000-0000000000bb',
        programmeVersion: 'PKH-2026-1',
        provinceCode: '33',
        regencyCode: '33.07',
        villageCode: PLAN[2]!.village,
        kkNumber: households[2]!.kkNumber,
        headName: households[2]!.head,
        decile: 6,
        components: '[]',
        amount: 750_000,
        approvedAt: '2026-06-28T00:00:00.000Z',
      })
      .execute();
    // A national list already matched: the first household receives LPG.
    await t.container.aidSources.importList(system, [`kk_number\n${households[0]!.kkNumber}\n`], {
      name: 'Subsidi LPG',
      region: '',
      fileName: 'lpg.csv',
    });
    browser = await startBrowser(t.container, { name: 'targeting' });
    ({ page } = browser);
    worker = new JobWorker(t.container.jobs, { pollMs: 100 });
    worker.start();
  }, 120_000);

  afterAll(async () => {
    await worker?.stop();
    await browser?.close();
    await t?.cleanup();
  });

  it('shows the regency per decile and per district, and drills down from a movement cell to the households', async () => {
    await browser.login('dinsos');
    await page.getByRole('link', { name: 'Analitik sasaran' }).click();
    await page.getByRole('heading', { name: 'Analitik sasaran' }).waitFor();
    expect(await page.locator('[data-figure="households"]').textContent()).toBe('4');
    expect(await page.locator('[data-figure="poorest"]').textContent()).toBe('1');
    // Both charts are drawn by ECharts on a canvas.
    await page.locator('[data-chart="deciles"] canvas').first().waitFor();
    await page.locator('[data-chart="provinces"] canvas').first().waitFor();
    await page.getByRole('cell', { name: /33\.07\.01/ }).waitFor();
    expect(await page.locator('[data-figure="inclusion"]').textContent()).toBe('1');
    expect(await page.locator('[data-figure="exclusion"]').textContent()).toBe('1');
    await page.locator('[data-list="recipients"]').getByRole('cell', { name: '750.000' }).waitFor();
    await browser.snap('dashboard');
    // Recipients per programme: a chart, the programme by name, and a drill-down to its households.
    const perProgramme = page.locator('[data-list="recipients"]');
    await perProgramme.locator('[data-chart="programmes"] canvas').first().waitFor();
    await perProgramme.getByRole('button', { name: 'Program Keluarga Harapan' }).click();
    const kpm = page.locator('[data-list="programme-households"]');
    await kpm
      .getByRole('heading', { name: 'Penerima Program Keluarga Harapan, periode Juni 2026' })
      .waitFor();
    await kpm.getByRole('link', { name: households[2]!.head }).waitFor();
    expect(await kpm.getByRole('row').count()).toBe(2);
    expect(await kpm.getByRole('cell', { name: 'Rp750.000' }).count()).toBe(1);
    expect(page.url()).toContain('programme=PKH');
    await browser.snap('programme-recipients');
    // The likely exclusion error: the desil-1 household that receives nothing.
    await page
      .locator('.stat-card', { hasText: 'Kemungkinan terlewat' })
      .getByRole('button', { name: 'Lihat rumah tangganya' })
      .click();
    const errors = page.locator('[data-list="households"]');
    await errors.getByRole('heading', { name: /Kemungkinan terlewat/ }).waitFor();
    await errors.getByRole('link', { name: households[0]!.head }).waitFor();
    expect(await errors.getByRole('row').count()).toBe(2);
    // Desil 2 in March, desil 4 in June: one household.
    const movement = page.locator('.table--movement');
    await movement
      .getByRole('row', { name: /Desil 2/ })
      .getByRole('button', { name: '1' })
      .click();
    const list = page.locator('[data-list="households"]');
    await list.getByRole('heading', { name: 'Rumah tangga dari desil 2 ke desil 4' }).waitFor();
    await list.getByRole('link', { name: households[1]!.head }).waitFor();
    expect(await list.getByRole('row').count()).toBe(2);
    expect(page.url()).toContain('decile=4');
    // Into a district: its villages become the rows.
    await page.locator('.table--targeting').getByRole('button').first().click();
    await page.waitForURL(/region=33\.07\.01/);
    await page.locator('.table--targeting').getByText(PLACES.villageA2).waitFor();
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).not.toMatch(/decile|households|Household/);
  });

  it('uploads a beneficiary list as a job and finds the overlap and the unknown beneficiary', async () => {
    await page.getByRole('link', { name: 'Pemadanan bansos' }).click();
    await page.getByRole('heading', { name: 'Pemadanan sumber bansos dan subsidi' }).waitFor();
    await page.getByLabel('Nama sumber').fill('BLT Dana Desa 2026');
    await page.getByLabel('Berkas CSV').setInputFiles({
      name: 'blt.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`nik,kk_number\n,${households[0]!.kkNumber}\n${UNKNOWN_NIK},\n3307011501900000,\n`),
    });
    await page.getByRole('button', { name: 'Unggah dan cocokkan' }).click();
    const result = page.locator('[data-result="import"]');
    await result.waitFor();
    expect(await result.textContent()).toContain(
      '3 baris dibaca: 1 cocok lewat KK, 0 lewat NIK anggota, 1 tidak ada di DTKS, 1 ditolak',
    );
    await page.getByRole('cell', { name: /nomor urut/ }).waitFor();
    const overlaps = page.locator('[data-list="overlaps"]');
    await overlaps.getByRole('link', { name: households[0]!.head }).waitFor();
    expect(await overlaps.locator('.source-tags li').allTextContents()).toEqual([
      'BLT Dana Desa 2026',
      'Subsidi LPG',
    ]);
    const entries = page.locator('[data-list="entries"]');
    await entries
      .getByRole('heading', { name: 'Penerima "BLT Dana Desa 2026" yang tidak ada di DTKS' })
      .waitFor();
    await entries.getByRole('cell', { name: UNKNOWN_NIK }).waitFor();
    await browser.snap('aid-sources');
    await entries.getByRole('button', { name: 'Baris ditolak' }).click();
    await entries.getByRole('cell', { name: /nomor urut/ }).waitFor();
  });
});

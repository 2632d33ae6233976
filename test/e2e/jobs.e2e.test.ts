/**
 * An import as a job in a real browser: a Dinas Sosial user uploads a CSV on the import page, watches the
 * progress bar move while a worker runs the job chunk by chunk, reads the result when it ends, and finds the
 * job on "Pekerjaan saya"; then the same in English.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobWorker } from '../../src/modules/jobs/jobs.worker.ts';
import { makeHousehold } from '../factories/households.ts';
import { householdsCsv } from '../factories/households-csv.ts';
import { createUsers, PLACES } from '../support/app.ts';
import {
  type BrowserRun,
  noticeSkippedBrowserSuite,
  RUN_BROWSER_TESTS,
  startBrowser,
} from '../support/browser.ts';
import { openTestDb, type TestDb } from '../support/db.ts';

noticeSkippedBrowserSuite('the jobs browser tests');

describe.skipIf(!RUN_BROWSER_TESTS)('an import job in the browser', () => {
  let t: TestDb;
  let browser: BrowserRun;
  let page: Page;
  let context: BrowserContext;
  let worker: JobWorker;

  beforeAll(async () => {
    t = await openTestDb('sqlite');
    await createUsers(t.container);
    browser = await startBrowser(t.container, { name: 'jobs' });
    ({ page, context } = browser);
    // A worker as `dtks serve` runs one; each step pauses so the bar can be seen moving.
    worker = new JobWorker(t.container.jobs, {
      pollMs: 100,
      afterCheckpoint: () => new Promise((r) => setTimeout(r, 300)),
    });
    worker.start();
  });

  afterAll(async () => {
    await worker?.stop();
    await browser?.close();
    await t?.cleanup();
  });

  it('shows the progress bar of an import, then its result, and lists the job', async () => {
    await browser.login('dinsos');
    await page.goto(`${browser.base}/transfer`);
    await page.getByRole('heading', { name: 'Impor rumah tangga' }).waitFor();
    // 600 households: two chunks of 500 (the API's chunk), so the bar stops once half-way.
    const households = Array.from({ length: 600 }, (_, i) => makeHousehold(PLACES.villageA, i));
    await page.getByLabel('Berkas CSV').setInputFiles({
      name: 'rumah-tangga.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(householdsCsv(households)),
    });
    await page.getByRole('button', { name: 'Impor', exact: true }).click();
    const bar = page.getByRole('progressbar', { name: 'Kemajuan' });
    await bar.waitFor();
    // Mid-way: the first chunk committed, the second not yet.
    await expect
      .poll(async () => Number(await bar.getAttribute('value')), { timeout: 15_000, interval: 50 })
      .toBeGreaterThan(0);
    const max = Number(await bar.getAttribute('max'));
    expect(max).toBeGreaterThan(0);
    await browser.snap('progress');
    await page.getByText('Selesai', { exact: true }).waitFor({ timeout: 30_000 });
    expect(Number(await bar.getAttribute('value'))).toBe(max);
    await page.getByText('Hasil impor').waitFor();
    const created = page.locator('.stat-card', { hasText: 'Ditambahkan' });
    expect(await created.locator('.stat-card__value').textContent()).toBe('600');
    await browser.snap('result');

    await page.getByRole('link', { name: 'Semua pekerjaan saya' }).click();
    await page.getByRole('heading', { name: 'Pekerjaan saya' }).waitFor();
    const row = page.locator('tbody tr').first();
    await row.getByText('Impor rumah tangga (CSV)').waitFor();
    await row.getByText('Selesai').waitFor();

    // English, from the language switch kept in localStorage.
    await page.evaluate(() => window.localStorage.setItem('dtks.lang', 'en'));
    await page.reload();
    await page.getByRole('heading', { name: 'My jobs' }).waitFor();
    await page.locator('tbody tr').first().getByText('Done').waitFor();
    expect(context.pages().length).toBe(1);
  });
});

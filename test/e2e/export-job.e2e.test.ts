/**
 * An export as a job in a real browser: a Dinas Sosial user starts the export on the transfer page, watches
 * the progress bar move while a worker writes the file page by page, downloads the finished file from the
 * link that replaces it, and finds the job, with its download, on "Pekerjaan saya".
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobWorker } from '../../src/modules/jobs/jobs.worker.ts';
import { makeHousehold } from '../factories/households.ts';
import { importSeedCsv } from '../factories/households-csv.ts';
import { createUsers, PLACES } from '../support/app.ts';
import {
  type BrowserRun,
  noticeSkippedBrowserSuite,
  RUN_BROWSER_TESTS,
  startBrowser,
} from '../support/browser.ts';
import { openTestDb, type TestDb } from '../support/db.ts';

noticeSkippedBrowserSuite('the export job browser tests');

/** More than one page of the export (1,000 households), so the bar stops part-way. */
const N = 1500;

describe.skipIf(!RUN_BROWSER_TESTS)('an export job in the browser', () => {
  let t: TestDb;
  let browser: BrowserRun;
  let page: Page;
  let worker: JobWorker;

  beforeAll(async () => {
    t = await openTestDb('sqlite');
    await createUsers(t.container);
    const households = Array.from({ length: N }, (_, i) => makeHousehold(PLACES.villageA, i));
    await importSeedCsv(t.container, households);
    browser = await startBrowser(t.container, { name: 'export-job' });
    ({ page } = browser);
    // A worker as `dtks serve` runs one; each step pauses so the bar can be seen moving.
    worker = new JobWorker(t.container.jobs, {
      pollMs: 100,
      afterCheckpoint: () => new Promise((r) => setTimeout(r, 400)),
    });
    worker.start();
  }, 120_000);

  afterAll(async () => {
    await worker?.stop();
    await browser?.close();
    await t?.cleanup();
  });

  it('shows the progress of an export, then a download link to the file, and lists the job', async () => {
    await browser.login('dinsos');
    await page.goto(`${browser.base}/transfer`);
    await page.getByRole('heading', { name: 'Ekspor rumah tangga' }).waitFor();
    await page.getByRole('button', { name: 'Siapkan berkas CSV' }).click();
    const bar = page.getByRole('progressbar', { name: 'Kemajuan' });
    await bar.waitFor();
    await expect
      .poll(async () => Number(await bar.getAttribute('value')), { timeout: 15_000, interval: 50 })
      .toBeGreaterThan(0);
    expect(Number(await bar.getAttribute('max'))).toBe(N);
    await browser.snap('progress');
    await page.getByText('Selesai', { exact: true }).waitFor({ timeout: 30_000 });
    expect(Number(await bar.getAttribute('value'))).toBe(N);
    // An export counts households ("rumah tangga"), not lines ("baris") as an import does.
    const n = N.toLocaleString('id-ID');
    await page.getByText(`${n} dari ${n} rumah tangga`).waitFor();
    await page.getByText(`Berkas siap: ${(1500).toLocaleString('id-ID')} rumah tangga`).waitFor();
    await browser.snap('ready');

    const link = page.getByRole('link', { name: 'Unduh CSV' });
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe('dtks-households-33.07-active.csv');
    const content = readFileSync((await download.path())!, 'utf8');
    const ids = new Set(
      content
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => l.split(',').at(-7)),
    );
    expect(ids.size).toBe(N);

    await page.getByRole('link', { name: 'Semua pekerjaan saya' }).click();
    await page.getByRole('heading', { name: 'Pekerjaan saya' }).waitFor();
    const row = page.locator('tbody tr').first();
    await row.getByText('Ekspor rumah tangga (CSV)').waitFor();
    await row.getByRole('link', { name: 'Unduh berkas' }).waitFor();
  });
});

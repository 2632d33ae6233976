/**
 * .siks bundles in a real browser: the Dinas Sosial registers a district laptop's public key on the
 * "Paket transfer .siks" page, uploads a field-changes bundle that laptop signed, checks it (intact, signer
 * named), imports it as a job (progress to done, the five counts shown: one created), and a second import
 * of the same file shows it unchanged. A bundle from an unregistered key is refused with the part named.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobWorker } from '../../src/modules/jobs/jobs.worker.ts';
import { oneProposalBundle } from '../factories/field-changes.ts';
import { createUsers } from '../support/app.ts';
import {
  type BrowserRun,
  noticeSkippedBrowserSuite,
  RUN_BROWSER_TESTS,
  startBrowser,
} from '../support/browser.ts';
import { actorFor } from '../support/cycle.ts';
import { openTestDb, type TestDb } from '../support/db.ts';

noticeSkippedBrowserSuite('the bundles browser tests');

describe.skipIf(!RUN_BROWSER_TESTS)('.siks bundles in the browser', { timeout: 180_000 }, () => {
  let t: TestDb;
  let laptop: TestDb;
  let browser: BrowserRun;
  let page: Page;
  let worker: JobWorker;
  let dir: string;
  let file: string;

  beforeAll(async () => {
    t = await openTestDb('sqlite');
    laptop = await openTestDb('sqlite');
    await createUsers(t.container);
    dir = mkdtempSync(join(tmpdir(), 'dtks-bundles-e2e-'));
    file = join(dir, 'perubahan-lapangan.siks');
    // The laptop's queue holds one new proposal recorded by the village operator.
    const opId = (await actorFor(t.container, 'op-a')).userId!;
    await oneProposalBundle(laptop.container, { recordedBy: opId, recordedAt: new Date(), file });
    browser = await startBrowser(t.container, { name: 'bundles' });
    ({ page } = browser);
    worker = new JobWorker(t.container.jobs, { pollMs: 100 });
    worker.start();
  }, 120_000);

  afterAll(async () => {
    await worker?.stop();
    await browser?.close();
    await t?.cleanup();
    await laptop?.cleanup();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('trusts the laptop key, verifies the bundle, imports it, and a second import is unchanged', async () => {
    await browser.login('dinsos');
    await page.goto(`${browser.base}/bundles`);
    await page.getByRole('heading', { name: 'Paket transfer .siks', level: 1 }).waitFor();

    // Not yet trusted: the check names the signature part.
    const importCard = page.locator('section[aria-labelledby="bundle-import"]');
    await page.getByTestId('bundle-file').setInputFiles(file);
    await importCard.getByRole('button', { name: 'Periksa paket' }).click();
    const verdict = page.getByTestId('bundle-verify');
    await expect.poll(async () => (await verdict.textContent()) ?? '').toContain('Paket ditolak');
    expect(await verdict.textContent()).toContain('signature.json');
    expect(await importCard.getByRole('button', { name: 'Impor paket' }).count()).toBe(0);

    // Register the laptop's public key.
    const keysCard = page.locator('section[aria-labelledby="bundle-keys"]');
    await keysCard.getByText('Belum ada kunci tepercaya.').waitFor();
    await keysCard.getByLabel('Nama instalasi').fill('Laptop Kecamatan A');
    await keysCard
      .getByLabel('Kunci publik (base64 atau PEM)')
      .fill(laptop.container.bundles.installationKey().publicKey);
    await keysCard.getByRole('button', { name: 'Daftarkan kunci' }).click();
    const keyRow = page.getByTestId('trusted-keys').locator('tbody tr');
    await keyRow.first().waitFor();
    expect(await keyRow.count()).toBe(1);
    expect(await keyRow.first().textContent()).toContain('Laptop Kecamatan A');
    expect(await keyRow.first().textContent()).toContain('Aktif');

    // Now the same file is intact and signed by the registered laptop.
    await importCard.getByRole('button', { name: 'Periksa paket' }).click();
    await expect.poll(async () => (await verdict.textContent()) ?? '').toContain('Paket utuh');
    expect(await verdict.textContent()).toContain('Laptop Kecamatan A');
    await browser.snap('verified');

    const counts = async () => {
      const report = page.getByTestId('bundle-report');
      await report.waitFor({ timeout: 30_000 });
      const dts = await report.locator('dt').allTextContents();
      const dds = await report.locator('dd').allTextContents();
      return Object.fromEntries(dts.map((k, i) => [k, Number(dds[i])]));
    };
    await importCard.getByRole('button', { name: 'Impor paket' }).click();
    await importCard.locator('[data-job-state="done"]').waitFor({ timeout: 30_000 });
    expect(await counts()).toEqual({ Baru: 1, Diperbarui: 0, 'Tidak berubah': 0, Konflik: 0, Ditolak: 0 });
    const proposals = await t.container.database.db.selectFrom('usulan').select('id').execute();
    expect(proposals).toHaveLength(1);
    await browser.snap('imported');

    // The same bundle again: nothing new, one unchanged.
    await importCard.getByRole('button', { name: 'Impor paket' }).click();
    await expect
      .poll(
        async () =>
          (await page.getByTestId('bundle-report').count()) > 0 && (await counts())['Tidak berubah'],
      )
      .toBe(1);
    expect(await counts()).toEqual({ Baru: 0, Diperbarui: 0, 'Tidak berubah': 1, Konflik: 0, Ditolak: 0 });
    await browser.snap('unchanged');
  });
});

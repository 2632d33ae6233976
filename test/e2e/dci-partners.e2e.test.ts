/**
 * "Mitra DCI" in a real browser: Pusdatin registers a partner system, sees its client secret once (gone
 * after a reload), finds it listed with its scopes and callback host, and revokes it behind the
 * confirmation. Runs the real server on a fresh SQLite copy and the built web app.
 *
 * Without Chromium the suite is skipped with a loud notice, except with CI=true where that is a failure.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUsers } from '../support/app.ts';
import {
  type BrowserRun,
  noticeSkippedBrowserSuite,
  RUN_BROWSER_TESTS,
  startBrowser,
} from '../support/browser.ts';
import { openTestDb, type TestDb } from '../support/db.ts';

noticeSkippedBrowserSuite('the DCI partners browser tests');

describe.skipIf(!RUN_BROWSER_TESTS)('DCI partners, in the browser', () => {
  let t: TestDb;
  let browser: BrowserRun;
  let page: Page;

  beforeAll(async () => {
    t = await openTestDb('sqlite');
    await createUsers(t.container);
    browser = await startBrowser(t.container, { name: 'dci-partners', shotPrefix: '' });
    ({ page } = browser);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await t?.cleanup();
  });

  it('registers a partner, shows the secret once, lists and revokes it', async () => {
    await browser.login('pusdatin');
    await page.goto(`${browser.base}/`);
    await page.getByRole('link', { name: 'Mitra DCI' }).first().click();
    await page.getByRole('heading', { name: 'Mitra DCI', level: 1 }).waitFor();
    await page.getByText('Belum ada mitra.').waitFor();

    await page.getByLabel('ID klien').fill('bpjs-kesehatan');
    await page.getByLabel('Nama mitra').fill('BPJS Kesehatan');
    await page.getByLabel('Langganan peristiwa').check();
    await page.getByLabel('Host callback').fill('dci.bpjs.example:443');
    await page.getByRole('button', { name: 'Daftarkan mitra' }).click();
    const shown = page.getByTestId('dci-secret');
    await shown.waitFor();
    const secret = ((await shown.locator('pre').textContent()) ?? '').trim();
    expect(secret).toMatch(/^[\w-]{24,}$/);
    const row = page.locator('tr[data-client="bpjs-kesehatan"]');
    await row.getByText('Aktif').waitFor();
    const text = (await row.textContent()) ?? '';
    expect(text).toContain('dci.search');
    expect(text).toContain('dci.subscribe');
    expect(text).toContain('dci.bpjs.example:443');
    expect(text).toContain('Seluruh Indonesia');
    await browser.snap('dci-partner-secret');

    // Shown once: not after a reload, nowhere in the list.
    await page.reload();
    await row.getByText('Aktif').waitFor();
    expect(await page.getByTestId('dci-secret').count()).toBe(0);
    expect(await page.content()).not.toContain(secret);

    page.once('dialog', (d) => void d.accept());
    await row.getByRole('button', { name: 'Cabut' }).click();
    await row.getByText('Dicabut', { exact: false }).waitFor();
    expect(await row.getByRole('button', { name: 'Cabut' }).count()).toBe(0);
  });
});

/**
 * Distribution in a phone-sized browser, on the demo's distribution in progress: PT Pos returns a record
 * with a reason; the Dinas Sosial finds it in its worklist, an unchanged re-send is refused, the completed one
 * is re-sent (both sides see the versions); the reconciliation moves when an entitlement is delivered.
 * Set E2E_SHOTS=<dir> for screenshots.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/cli/demo.ts';
import { seedDemoIfEmpty } from '../../src/cli/seed-demo.ts';
import { type BrowserRun, RUN_BROWSER_TESTS, startBrowser } from '../support/browser.ts';
import { openTestDb, type TestDb } from '../support/db.ts';

describe.skipIf(!RUN_BROWSER_TESTS)('distribution in the browser (phone)', { timeout: 300_000 }, () => {
  let t: TestDb;
  let browser: BrowserRun;
  let page: Page;
  let base: string;

  beforeAll(async () => {
    t = await openTestDb('sqlite');
    await seedDemoIfEmpty(t.container, 200, () => {});
    browser = await startBrowser(t.container, {
      name: 'distribution',
      viewport: { width: 390, height: 844 },
    });
    ({ page, base } = browser);
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await t?.cleanup();
  });

  const login = async (username: string) => {
    await page.context().clearCookies();
    await page.goto(`${base}/login`);
    await page.getByLabel('Nama pengguna').fill(username);
    await page.getByLabel('Kata sandi').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.getByRole('button', { name: 'Keluar', exact: true }).waitFor();
    if (username !== 'pos') await page.goto(`${base}/distribution`);
    await page.getByRole('heading', { name: 'Penyaluran bansos', level: 1 }).waitFor();
  };
  const openBatch = async () => {
    await page
      .locator('[data-testid="distribution-batches"] tbody tr')
      .first()
      .getByRole('button', { name: 'Buka' })
      .click();
    await page.locator('[data-testid="distribution-batch"]').waitFor();
  };
  const totalRow = () => page.locator('[data-testid="reconciliation-table"] tbody tr').last();

  it('return by PT Pos → worklist → refused unchanged re-send → re-send → reconciliation moves', async () => {
    // PT Pos lands on the distribution screen and returns the first record still sent.
    await login('pos');
    expect(new URL(page.url()).pathname).toBe('/distribution');
    await openBatch();
    const sent = page.locator('[data-testid="distribution-records"] tbody tr[data-state="sent"]').first();
    const household = (await sent.getAttribute('data-household'))!;
    await sent.getByRole('button', { name: 'Kembalikan' }).click();
    await page.getByLabel('Alasan').selectOption('ADDRESS_MISSING');
    await page.getByLabel('Catatan').fill('Alamat tidak ditemukan');
    await page.getByRole('button', { name: 'Kirim', exact: true }).click();
    const row = page.locator(`tr[data-household="${household}"]`);
    await expect.poll(() => row.getAttribute('data-state')).toBe('returned');
    await browser.snap('pos-returned');

    // The Dinas Sosial sees it in its worklist (the default filter), completes it and re-sends it.
    await login('dinsos');
    await openBatch();
    const item = page.locator(`tr[data-household="${household}"]`);
    await item.getByRole('button', { name: 'Lengkapi & kirim ulang' }).click();
    await page.getByRole('button', { name: 'Kirim', exact: true }).click();
    await page.getByText('dikirim ulang tanpa perubahan').waitFor();
    await page.getByLabel('Alamat').fill('Dusun Krajan RT 2 No. 9');
    await page.getByRole('button', { name: 'Kirim', exact: true }).click();
    await item.waitFor({ state: 'detached' });
    await page.getByLabel('Status').selectOption('resent');
    await page.locator(`tr[data-household="${household}"]`).getByRole('button', { name: 'Riwayat' }).click();
    const history = page.locator('[data-testid="record-history"] li');
    await expect.poll(() => history.count()).toBe(3);
    expect(await history.nth(1).textContent()).toContain('Alamat tidak ada');
    await browser.snap('dinsos-resent');

    // Reconciliation: one entitlement delivered (as the receipts module records it) moves the figures.
    const before = Number(await totalRow().locator('td').nth(2).textContent());
    const one = await t.container.database.db
      .selectFrom('entitlements')
      .select('id')
      .where('state', '=', 'allocated')
      .executeTakeFirstOrThrow();
    await t.container.database.db
      .updateTable('entitlements')
      .set({ state: 'delivered' })
      .where('id', '=', one.id)
      .execute();
    await page.reload();
    await page.locator('[data-testid="reconciliation-table"]').waitFor();
    await expect
      .poll(async () => Number(await totalRow().locator('td').nth(2).textContent()))
      .toBe(before + 1);
    await page.locator('[data-testid="distribution-reconciliation"] canvas').first().waitFor();
    await browser.snap('reconciliation');
  });
});

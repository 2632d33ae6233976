/**
 * The registry in a real browser: a village operator logs in, finds a household by name, corrects a
 * member with a reason and reads the change back in the history, in both languages; an expired session
 * returns to the login page. Runs the real server (buildApp) on a fresh SQLite copy and the built web app.
 *
 * Without Chromium the suite is skipped with a loud notice, except with CI=true where that is a failure.
 * Set E2E_SHOTS=<dir> to keep a screenshot of every step.
 */
import type { BrowserContext, Page } from 'playwright-core';
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

noticeSkippedBrowserSuite('the registry browser tests');

describe.skipIf(!RUN_BROWSER_TESTS)('registry in the browser', () => {
  let t: TestDb;
  let browser: BrowserRun;
  let context: BrowserContext;
  let page: Page;
  let base: string;
  let householdId: string;

  const snap = (step: string) => browser.snap(step);

  beforeAll(async () => {
    t = await openTestDb('sqlite');
    await createUsers(t.container);
    const system = systemActor('e2e');
    const target = makeHousehold(PLACES.villageA, 1);
    target.members[0]!.name = 'Sukarni Wijayakusuma';
    target.members[2]!.name = 'Dewi Lestari';
    householdId = (await t.container.households.create(system, target)).id;
    for (let n = 2; n <= 6; n++)
      await t.container.households.create(system, makeHousehold(PLACES.villageA, n));
    // Outside the operator's village: must never show up for them.
    const elsewhere = makeHousehold(PLACES.villageB, 7);
    elsewhere.members[0]!.name = 'Sukarni Tetangga';
    await t.container.households.create(system, elsewhere);

    browser = await startBrowser(t.container, { name: 'registry', shotPrefix: '' });
    ({ page, base, context } = browser);
  });

  afterAll(async () => {
    await browser?.close();
    await t?.cleanup();
  });

  it('logs in as a village operator, finds a household, corrects a member and sees the diff', async () => {
    await page.goto(`${base}/`);
    await expect.poll(() => page.url()).toContain('/login?next=');
    await page.getByRole('heading', { name: 'Masuk' }).waitFor();
    await page.getByLabel('Nama pengguna').fill('op-a');
    await page.getByLabel('Kata sandi').fill(PASSWORD);
    await snap('login');
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.getByRole('heading', { name: 'Ringkasan wilayah' }).waitFor();
    await snap('dashboard');

    // Search by name: only the household in the operator's own village is found.
    await page.getByRole('link', { name: 'Rumah tangga', exact: true }).click();
    await page.getByRole('heading', { name: 'Rumah tangga', exact: true }).waitFor();
    await page.getByLabel('Cari').fill('sukarni');
    const result = page.getByRole('link', { name: 'Sukarni Wijayakusuma' });
    await result.waitFor();
    await expect.poll(() => page.locator('table tbody tr').count()).toBe(1);
    expect(await page.getByText('Sukarni Tetangga').count()).toBe(0);
    expect(page.url()).toContain('q=sukarni');
    await snap('search');

    await result.click();
    await page.getByRole('heading', { name: 'Sukarni Wijayakusuma' }).waitFor();
    expect(page.url()).toContain(`/households/${householdId}`);
    await snap('detail');

    // Correct the child's schooling, with a reason.
    await page.getByRole('tab', { name: /Anggota/ }).click();
    await page
      .getByRole('row', { name: /Dewi Lestari/ })
      .getByText('Masih sekolah')
      .waitFor();
    await page.getByRole('link', { name: 'Ubah data Dewi Lestari' }).click();
    await page.getByRole('heading', { name: 'Ubah data anggota' }).waitFor();
    await page.getByLabel('Partisipasi sekolah').selectOption({ label: 'Tidak bersekolah lagi' });

    // The reason is required: saving without one shows the error at the field.
    await page.getByRole('button', { name: 'Simpan' }).click();
    await page.locator('#field-reason-error').waitFor();
    expect(await page.getByLabel('Alasan perubahan').getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('Alasan perubahan').fill('Sudah lulus SMP, tidak melanjutkan');
    await snap('member-edit');
    await page.getByRole('button', { name: 'Simpan' }).click();

    await expect.poll(() => page.url()).toContain('tab=members');
    await page
      .getByRole('row', { name: /Dewi Lestari/ })
      .getByText('Tidak bersekolah lagi')
      .waitFor();
    const saved = await t.container.households.get(systemActor('e2e-check'), householdId);
    expect(saved.version).toBe(2);
    expect(saved.members.find((m) => m.name === 'Dewi Lestari')?.schoolParticipation).toBe(2);

    // The history shows version 2 with who, why and the before/after of the field.
    await page.getByRole('tab', { name: 'Riwayat' }).click();
    const version2 = page.getByRole('article', { name: /Versi 2/ });
    await version2.waitFor();
    expect(await version2.getByRole('heading').first().textContent()).toContain('Perbaikan data anggota');
    await version2.getByText('Sudah lulus SMP, tidak melanjutkan').waitFor();
    await version2.getByText('oleh Anda (op-a)').waitFor();
    const diffRow = version2.getByRole('row', { name: /Partisipasi sekolah/ });
    expect(await diffRow.locator('td.diff-before').textContent()).toBe('Masih sekolah');
    expect(await diffRow.locator('td.diff-after').textContent()).toBe('Tidak bersekolah lagi');
    await snap('history');
  });

  it('switches to English, remembers the choice, and back', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('tab', { name: 'History' }).waitFor();
    const version2 = page.getByRole('article', { name: /Version 2/ });
    expect(await version2.getByRole('heading').first().textContent()).toContain('Member corrected');
    const diffRow = version2.getByRole('row', { name: /School participation/ });
    expect(await diffRow.locator('td.diff-before').textContent()).toBe('Still in school');
    expect(await diffRow.locator('td.diff-after').textContent()).toBe('No longer in school');
    await snap('history-en');

    await page.reload();
    await page.getByRole('tab', { name: 'History' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.getByRole('link', { name: 'Households', exact: true }).count()).toBe(1);

    await page.getByRole('button', { name: 'Bahasa Indonesia' }).click();
    await page.getByRole('tab', { name: 'Riwayat' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('id');
  });

  it('sends an expired session back to the login page, then returns to where the user was', async () => {
    await context.clearCookies();
    await page.getByRole('link', { name: 'Rumah tangga', exact: true }).click();
    await page.getByText('Sesi Anda telah berakhir').waitFor();
    expect(page.url()).toContain('/login?next=');
    await snap('expired');

    await page.getByLabel('Nama pengguna').fill('op-a');
    await page.getByLabel('Kata sandi').fill(PASSWORD);
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.getByRole('heading', { name: 'Rumah tangga', exact: true }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/households');

    await page.getByRole('button', { name: 'Keluar' }).click();
    await page.getByRole('heading', { name: 'Masuk' }).waitFor();
    const me = await page.evaluate(async () => (await fetch('/api/v1/auth/me')).status);
    expect(me).toBe(401);
  });
});

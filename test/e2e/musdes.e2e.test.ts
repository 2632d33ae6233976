/**
 * A Musdes in a real browser: the Kepala Desa sets up the session and opens it; the prelist is decided
 * from the keyboard (a removal that waits for its note, "tetap" for the rest in bulk, a new-household
 * proposal accepted), closed through the confirmation dialog, and locked by uploading the signed scan.
 * Runs the real server on a fresh SQLite copy and the built web app. Set E2E_SHOTS=<dir> for screenshots.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/modules/access/actor.ts';
import { systemActor } from '../../src/modules/access/actor.ts';
import { jpegFile, pdfFile } from '../factories/files.ts';
import { makeHousehold } from '../factories/households.ts';
import { createUsers, PASSWORD, PLACES } from '../support/app.ts';
import { type BrowserRun, RUN_BROWSER_TESTS, startBrowser } from '../support/browser.ts';
import { openTestDb, type TestDb } from '../support/db.ts';

describe.skipIf(!RUN_BROWSER_TESTS)('Musdes in the browser', () => {
  let clock = new Date('2026-03-16T09:00:00+07:00');
  let t: TestDb;
  let browser: BrowserRun;
  let page: Page;
  let base: string;
  let proposalId: string;

  const snap = (step: string) => browser.snap(step);

  beforeAll(async () => {
    t = await openTestDb('sqlite', { now: () => clock });
    await createUsers(t.container);
    const user = (await t.container.users.list(systemActor('e2e'))).find((u) => u.username === 'op-a')!;
    const op: Actor = {
      userId: user.id,
      username: 'op-a',
      role: 'operator_desa',
      regionCode: user.regionCode,
      ip: null,
      userAgent: 'e2e',
    };
    for (let n = 1; n <= 5; n++) await t.container.households.create(op, makeHousehold(PLACES.villageA, n));
    const baru = await t.container.usulan.create(op, {
      kind: 'baru',
      household: { ...makeHousehold(PLACES.villageA, 9) },
      reason: 'Keluarga miskin belum terdata',
    });
    for (const kind of ['house_front', 'house_back', 'house_inside', 'kk_copy'])
      await t.container.usulan.attach(op, baru.id, kind, `${kind}.jpg`, jpegFile());
    await t.container.usulan.submit(op, baru.id, 1);
    proposalId = baru.id;
    clock = new Date('2026-03-26T09:00:00+07:00');

    browser = await startBrowser(t.container, { name: 'musdes', viewport: { width: 1400, height: 900 } });
    ({ page, base } = browser);
    page.on('dialog', (d) => void d.accept());
  });

  afterAll(async () => {
    await browser?.close();
    await t?.cleanup();
  });

  it('sets up, opens, decides from the keyboard, closes and locks a session', async () => {
    await page.goto(`${base}/login`);
    await page.getByLabel('Nama pengguna').fill('kades-a');
    await page.getByLabel('Kata sandi').fill(PASSWORD);
    await page.getByRole('button', { name: 'Masuk' }).click();
    // The menu's link (the home page's to-do list names the Musdes too).
    await page.getByRole('link', { name: 'Musdes/Muskel', exact: true }).click();
    await page.getByRole('heading', { name: 'Musyawarah desa/kelurahan' }).waitFor();
    await page.getByRole('link', { name: 'Buat musyawarah' }).click();

    await page.getByLabel('Periode').fill('2026-03');
    await page.getByLabel('Tanggal musyawarah').fill('2026-03-26');
    await page.getByLabel('Tempat').fill('Balai Desa Kaligowong');
    await page.getByLabel('Nama').first().fill('Slamet Riyadi');
    await page.getByRole('button', { name: 'Tambah peserta' }).click();
    await page.getByLabel('Nama').nth(1).fill('Sri Wahyuni');
    await snap('create');
    await page.getByRole('button', { name: 'Buat', exact: true }).click();
    await page.getByRole('heading', { name: 'Musyawarah Desa (Musdes) Kaligowong' }).waitFor();
    await page.getByText('Draf', { exact: true }).waitFor();

    await page.getByRole('button', { name: 'Buka musyawarah' }).click();
    const rows = page.locator('tr[data-row]');
    await expect.poll(() => rows.count()).toBe(6);
    await snap('opened');

    // Row 1: removal needs a note; the key press waits for it, Enter saves and moves on.
    await rows.nth(0).focus();
    await page.keyboard.press('k');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
      .toBe('Keterangan baris 1');
    await page.keyboard.type('Pindah ke luar daerah');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
      .toMatch(/^2\. /);
    // Row 2: "B" does not apply to an existing record; "T" does.
    await page.keyboard.press('b');
    await page.keyboard.press('t');
    await expect
      .poll(() => rows.nth(1).getByRole('button', { name: 'Tetap' }).getAttribute('aria-pressed'))
      .toBe('true');

    await page.getByRole('button', { name: /Semua data DTKS yang belum diputuskan/ }).click();
    await page
      .getByRole('dialog', { name: 'Tetapkan semua yang belum diputuskan?' })
      .getByRole('button', { name: 'Ya, tetapkan "Tetap"' })
      .click();
    await page.getByText('3 baris ditetapkan "Tetap".').waitFor();
    await rows.nth(5).focus();
    await page.keyboard.press('b');
    await expect
      .poll(() => rows.nth(5).getByRole('button', { name: 'Usulan baru' }).getAttribute('aria-pressed'))
      .toBe('true');
    await snap('decided');

    await page.getByRole('button', { name: 'Tutup musyawarah' }).click();
    const dialog = page.getByRole('dialog', { name: 'Tutup musyawarah?' });
    await dialog.waitFor();
    await snap('close-dialog');
    await dialog.getByRole('button', { name: /Ya, tutup/ }).click();
    await page.getByText('Ditutup', { exact: true }).first().waitFor();
    await page.getByRole('link', { name: 'Berita Acara (PDF)' }).waitFor();
    expect((await t.container.usulan.get(systemActor('e2e'), proposalId)).state).toBe('musdes_accepted');

    const scan = join(browser.tmpDir, 'ba-ttd.pdf');
    writeFileSync(scan, pdfFile('signed'));
    await page.getByLabel('Berita Acara bertanda tangan').setInputFiles(scan);
    await page.getByRole('button', { name: 'Unggah dan kunci' }).click();
    await page.getByText('Musyawarah sudah ditandatangani dan terkunci.').waitFor();
    expect(await page.locator('.musdes-outcomes').count()).toBe(0);
    await snap('signed');

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByText('The deliberation is signed and locked.').waitFor();
  });

  it('lists the session with its result in words a kepala desa reads (not "3 T · 0 P"), on a phone too', async () => {
    await page.getByRole('button', { name: 'Bahasa Indonesia' }).click();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${base}/cycle/musdes?period=2026-03`);
    const row = page.getByRole('row', { name: /Kaligowong/ });
    await row.waitFor();
    const result = ((await row.locator('td').last().textContent()) ?? '').trim();
    expect(result).toMatch(/^Tetap \d+ · Perbaikan \d+ · Dikeluarkan \d+ · Usulan baru 1$/);
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    ).toBeLessThanOrEqual(0);
    await snap('list-result');
  });
});

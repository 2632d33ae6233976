/**
 * Proposals in a real browser: a village operator drafts a new-household proposal through the household
 * form (a NIK already in the village's DTKS is refused at its input with the details; the replacement is
 * registered in another village, which is refused with the one neutral answer and a plain explanation,
 * naming nothing of that village; the third NIK's birth date differs, which the confirmation step
 * explains), uploads the four documents, and submits inside the proposal window; the regency's Dinas
 * Sosial then finds it in its list, and the other village's operator is told of the attempt through the
 * notification bell. Runs the real server (clock frozen inside the window) on a fresh SQLite copy and the
 * built web app. Set E2E_SHOTS=<dir> for a screenshot per step.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/modules/access/actor.ts';
import { exeFile, jpegFile, pdfFile } from '../factories/files.ts';
import { makeHousehold, makeNik } from '../factories/households.ts';
import { createUsers, PLACES } from '../support/app.ts';
import {
  type BrowserRun,
  noticeSkippedBrowserSuite,
  RUN_BROWSER_TESTS,
  startBrowser,
} from '../support/browser.ts';
import { openTestDb, type TestDb } from '../support/db.ts';

noticeSkippedBrowserSuite('the usulan browser test');

describe.skipIf(!RUN_BROWSER_TESTS)('usulan in the browser', () => {
  let t: TestDb;
  let browser: BrowserRun;
  let page: Page;

  /** Already in DTKS of village A (the operator's): its spouse's NIK may not be proposed again there. */
  const inVillage = makeHousehold(PLACES.villageA, 1);
  /** In DTKS of village B: its spouse moved to village A, but must be moved out there first. */
  const elsewhere = makeHousehold(PLACES.villageB, 7);
  /** Free, but its birth date (2 July 1986) differs from the one the form took from the first NIK. */
  const spouseNik = makeNik(PLACES.districtA, '1986-07-02', 'F', 4321);
  /** What the operator types. */
  const proposed = makeHousehold(PLACES.villageA, 50);
  const head = proposed.members[0]!;

  const byId = (id: string) => page.locator(`[id="${id}"]`);
  const snap = (step: string) => browser.snap(step);
  const login = (username: string) => browser.login(username);
  const logout = () => browser.logout();

  beforeAll(async () => {
    // Inside the March 2026 proposal window (15th–24th, Jakarta time).
    t = await openTestDb('sqlite', { now: () => new Date('2026-03-16T09:00:00+07:00') });
    await createUsers(t.container);
    const system = systemActor('e2e');
    await t.container.households.create(system, inVillage);
    await t.container.households.create(system, elsewhere);

    browser = await startBrowser(t.container, { name: 'usulan' });
    ({ page } = browser);
  });

  afterAll(async () => {
    await browser?.close();
    await t?.cleanup();
  });

  it('drafts a new household through the form, fixing inline errors and confirming a warning', async () => {
    await login('op-a');
    await page.getByRole('link', { name: 'Usulan', exact: true }).click();
    await page.getByRole('heading', { name: 'Usulan', exact: true }).waitFor();
    await page.getByText('Belum ada usulan untuk pilihan ini.').waitFor();
    await page.getByRole('link', { name: 'Usulan baru' }).click();
    await page.getByRole('heading', { name: 'Usulan baru' }).waitFor();
    await page.getByText('Jendela usulan periode 2026-03 terbuka').waitFor();
    expect(await page.getByRole('radio', { name: /Rumah tangga baru/ }).isChecked()).toBe(true);

    await byId('field-kkNumber').fill(proposed.kkNumber);
    await byId('field-rw').fill('3');
    await byId('field-rt').fill('7');
    await byId('field-address').fill('Dusun Sawangan No. 4');
    await byId('field-members.0.nik').fill(head.nik);
    await byId('field-members.0.name').fill(head.name);
    await page.getByRole('button', { name: 'Tambah anggota' }).click();
    // The spouse's NIK is already in this village's DTKS: only the server knows.
    await byId('field-members.1.nik').fill(inVillage.members[1]!.nik);
    await byId('field-members.1.name').fill('Siti Aminah');
    await byId('field-members.1.relationship').selectOption('2');
    await byId('field-reason').fill('Keluarga baru pindah, belum terdata');
    await page.getByRole('button', { name: 'Simpan draf usulan' }).click();

    const nikError = byId('field-members.1.nik-error');
    await nikError.waitFor();
    expect(await nikError.textContent()).toContain('sudah terdaftar di DTKS desa ini');
    expect(await byId('field-members.1.nik').getAttribute('aria-invalid')).toBe('true');
    await page.getByRole('alert').getByRole('link', { name: 'Anggota 2 · NIK' }).waitFor();
    await snap('inline-error');

    // Another NIK: registered in another village, which the operator may not see. The answer is the
    // neutral one, with an explanation; nothing of village B shows.
    await byId('field-members.1.nik').fill(elsewhere.members[1]!.nik);
    await page.getByRole('button', { name: 'Simpan draf usulan' }).click();
    await page.getByText('Apa arti “tidak dapat digunakan di sini”?').waitFor();
    await expect.poll(() => nikError.textContent()).toContain('NIK ini tidak dapat digunakan di sini.');
    const shown = await page.locator('main').textContent();
    for (const secret of [PLACES.villageB, elsewhere.kkNumber, elsewhere.members[0]!.name])
      expect(shown).not.toContain(secret);
    expect(page.url()).toMatch(/\/cycle\/usulan\/new/);
    await snap('unavailable');

    // A third NIK, free, but with a birth date other than the one entered: a warning to confirm.
    await byId('field-members.1.nik').fill(spouseNik);
    await page.getByRole('button', { name: 'Simpan draf usulan' }).click();
    const confirm = page.getByRole('alertdialog');
    await confirm.getByText('berbeda dengan tanggal lahir dalam NIK').waitFor();
    expect(await nikError.count()).toBe(0);
    expect(await page.getByText('Apa arti “tidak dapat digunakan di sini”?').count()).toBe(0);
    await snap('warning');
    await confirm.getByRole('button', { name: 'Ya, simpan tetap' }).click();

    await page.getByRole('heading', { name: `Rumah tangga baru: ${head.name}` }).waitFor();
    await page.getByText('Draf usulan disimpan.').waitFor();
    expect(page.url()).toMatch(/\/cycle\/usulan\/[0-9a-f-]{36}\?created=1$/);
    await page.getByRole('rowheader', { name: 'Siti Aminah' }).waitFor();
  });

  it('uploads the four documents and submits inside the window', async () => {
    const checklist = page.getByText('Lampiran wajib', { exact: true });
    await checklist.waitFor();
    // A program renamed .jpg is refused by content, at its slot, and nothing is attached.
    await page
      .getByLabel('Pilih berkas untuk Foto rumah tampak depan')
      .setInputFiles({ name: 'rumah.jpg', mimeType: 'image/jpeg', buffer: exeFile() });
    const refused = byId('field-attachments.house_front-error');
    await refused.waitFor();
    expect(await refused.textContent()).toContain('tidak diterima');
    expect(await page.locator('.att-file').count()).toBe(0);
    const files: [string, string, string, Buffer][] = [
      ['Foto rumah tampak depan', 'depan.jpg', 'image/jpeg', jpegFile(64, 48, 100)],
      ['Foto rumah tampak belakang', 'belakang.jpg', 'image/jpeg', jpegFile(64, 48, 140)],
      ['Foto bagian dalam rumah', 'dalam.jpg', 'image/jpeg', jpegFile(64, 48, 180)],
      ['Salinan Kartu Keluarga', 'kk.pdf', 'application/pdf', pdfFile()],
    ];
    for (const [label, name, mimeType, buffer] of files) {
      await page.getByLabel(`Pilih berkas untuk ${label}`).setInputFiles({ name, mimeType, buffer });
      await page.getByText(`${name} diunggah.`).waitFor();
      await page.getByRole('link', { name: `Buka ${name}` }).waitFor();
    }
    await page.getByText('Semua lampiran wajib sudah diunggah.').waitFor();
    const thumb = page.getByRole('img', { name: 'Pratinjau Foto rumah tampak depan' });
    await expect
      .poll(() => thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
      .toBeGreaterThan(0);
    await snap('attachments');

    await page.getByText('terbuka sampai 24 Mar 2026').waitFor();
    await page.getByRole('button', { name: 'Kirim usulan' }).click();
    await page.getByText('Usulan dikirim.').waitFor();
    await page.locator('.page-subtitle').getByText('Dikirim', { exact: true }).waitFor();
    expect(await page.getByRole('button', { name: 'Kirim usulan' }).count()).toBe(0);
    // Only a document the Dinas Sosial may ask for (e.g. a surat pindah) can still be added once submitted.
    expect(await page.getByLabel(/Pilih berkas untuk/).count()).toBe(1);
    await page
      .getByLabel('Pilih berkas untuk Dokumen lain yang diminta Dinas Sosial (mis. surat pindah)')
      .waitFor();
    await snap('submitted');

    const id = page.url().split('/').pop()!.split('?')[0]!;
    const stored = await t.container.usulan.get(systemActor('e2e-check'), id);
    expect(stored).toMatchObject({ state: 'submitted', kind: 'baru', period: '2026-03', version: 2 });
    expect(stored.attachments.map((a) => a.kind).sort()).toEqual([
      'house_back',
      'house_front',
      'house_inside',
      'kk_copy',
    ]);

    await page.getByRole('link', { name: 'Kembali ke daftar usulan' }).click();
    const row = page.getByRole('row', { name: new RegExp(head.name) });
    await row.getByText('Dikirim', { exact: true }).waitFor();
    await row.getByText('Rumah tangga baru').waitFor();
  });

  it('lists the submitted proposal for the Dinas Sosial of the regency', async () => {
    await logout();
    await login('dinsos');
    await page.getByRole('link', { name: 'Usulan', exact: true }).click();
    await page.getByRole('heading', { name: 'Usulan dan persetujuan' }).waitFor();
    const row = page.getByRole('row', { name: new RegExp(head.name) });
    await row.getByText('Dikirim', { exact: true }).waitFor();
    expect(await row.locator('td.mono').first().textContent()).toBe(proposed.kkNumber);
    expect(await page.getByRole('link', { name: 'Usulan baru' }).count()).toBe(0);
    // The total heads the list (one page here: as many as its rows), and it sorts by name too.
    const listed = await page.locator('main table tbody tr').count();
    await page.locator('.list-total').getByText(`${listed} data`).waitFor();
    await page.getByLabel('Urutkan').selectOption({ label: 'Nama kepala rumah tangga (A–Z)' });
    await expect.poll(() => page.url()).toContain('sort=name');
    await page.getByRole('row', { name: new RegExp(head.name) }).waitFor();
    await snap('dinsos-list');

    // Not verified yet: nothing awaits its approval.
    await page.getByRole('link', { name: 'Persetujuan usulan' }).click();
    await page.getByText('Belum ada usulan untuk pilihan ini.').waitFor();
    expect(await page.getByLabel('Status').inputValue()).toBe('verified');
  });

  it("tells the other village's operator of the attempt through the notification bell", async () => {
    await logout();
    await login('op-b');
    const bell = page.getByRole('button', { name: 'Pemberitahuan, 1 belum dibaca' });
    await bell.click();
    const panel = page.getByRole('region', { name: 'Pemberitahuan' });
    await panel.getByText(`Dari wilayah ${PLACES.villageA} ada yang mencoba`).waitFor();
    await panel.getByText(`NIK ${elsewhere.members[1]!.nik}`, { exact: false }).waitFor();
    await snap('bell');
    // Opening marked it read: the count is gone, also after a reload.
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Pemberitahuan', exact: true }).waitFor();
    await page.reload();
    await page.waitForLoadState('networkidle');
    await page.getByRole('button', { name: 'Pemberitahuan', exact: true }).waitFor();
    expect(await page.getByRole('button', { name: /belum dibaca/ }).count()).toBe(0);
  });
});

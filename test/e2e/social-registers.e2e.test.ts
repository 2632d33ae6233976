/**
 * The PPKS and PSKS registers in a real browser: a village operator registers a PPKS person with two
 * categories (inline errors for a bad NIK and missing required fields first), finds the record by search
 * and by category, ends one category and corrects the address with a reason, and reads the change in the
 * history; then registers a TKSK worker with contact details, filters the PSKS list by kind and opens it.
 * Records of another village (registered through the services in setup) never show in the operator's lists.
 * Runs the real server on a fresh SQLite copy and the built web app. Set E2E_SHOTS=<dir> for screenshots.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/modules/access/actor.ts';
import { makeNik } from '../factories/households.ts';
import { createUsers, PLACES } from '../support/app.ts';
import {
  type BrowserRun,
  noticeSkippedBrowserSuite,
  RUN_BROWSER_TESTS,
  startBrowser,
} from '../support/browser.ts';
import { openTestDb, type TestDb } from '../support/db.ts';

noticeSkippedBrowserSuite('the PPKS/PSKS browser tests');

describe.skipIf(!RUN_BROWSER_TESTS)('PPKS and PSKS registers in the browser', () => {
  let t: TestDb;
  let browser: BrowserRun;
  let page: Page;
  let villageName: string;
  let ppksId: string;

  /** What the operator registers in PPKS. */
  const person = {
    name: 'Mbah Sumiyati Rahayu',
    birthDate: '1948-03-12',
    nik: makeNik(PLACES.districtA, '1948-03-12', 'F', 7001),
    address: 'Dusun Krajan RT 12/RW 3',
  };
  /** What the operator registers in PSKS. */
  const worker = {
    name: 'Bambang Hartono',
    nik: makeNik(PLACES.districtA, '1979-08-17', 'M', 7002),
    phone: '081234567890',
    email: 'bambang.tksk@example.org',
  };

  const snap = (step: string) => browser.snap(step);
  const rows = () => page.locator('table tbody tr');
  const fieldError = (path: string) => page.locator(`[id="field-${path}-error"]`);
  const invalid = (field: Locator) => field.getAttribute('aria-invalid');
  /** Goes to a register's list through the main menu. */
  const openRegister = async (name: 'PPKS' | 'PSKS') => {
    await page.getByRole('link', { name, exact: true }).click();
    await page.getByRole('heading', { name, exact: true }).waitFor();
  };

  beforeAll(async () => {
    t = await openTestDb('sqlite');
    await createUsers(t.container);
    const system = systemActor('e2e');
    villageName = (await t.container.regions.path(PLACES.villageA)).at(-1)!.name;

    // In the operator's village, in other categories and kinds than what the test registers.
    await t.container.ppks.create(system, {
      name: 'Pak Darmo Wiyono',
      regionCode: PLACES.villageA,
      categories: [{ category: 'fakir_miskin', startDate: '2021-02-01' }],
    });
    await t.container.psks.create(system, {
      kind: 'lembaga_kesejahteraan_sosial',
      name: 'LKS Harapan Bunda',
      regionCode: PLACES.villageA,
    });
    // Another village, matching the searches and filters below: must never show up for the operator.
    await t.container.ppks.create(system, {
      name: 'Sumiyati Tetangga',
      regionCode: PLACES.villageB,
      categories: [{ category: 'penyandang_disabilitas', startDate: '2020-05-01' }],
    });
    await t.container.psks.create(system, {
      kind: 'tksk',
      name: 'Bambang Tetangga',
      regionCode: PLACES.villageB,
      phone: '081298765432',
    });

    browser = await startBrowser(t.container, { name: 'social-registers', shotPrefix: 'social-' });
    ({ page } = browser);
  });

  afterAll(async () => {
    await browser?.close();
    await t?.cleanup();
  });

  it('registers a PPKS person with two categories after fixing inline errors', async () => {
    await browser.login('op-a');
    await openRegister('PPKS');
    await page.getByRole('link', { name: 'Pak Darmo Wiyono' }).waitFor();
    expect(await rows().count()).toBe(1);
    expect(await page.getByText('Sumiyati Tetangga').count()).toBe(0);
    await snap('ppks-list');

    await page.getByRole('link', { name: 'Tambah PPKS' }).click();
    await page.getByRole('heading', { name: 'Tambah PPKS' }).waitFor();
    // The operator's own village is the only choice: it is shown, not picked.
    await page.getByRole('group', { name: 'Desa/kelurahan' }).getByText(villageName).waitFor();

    // A complete NIK with an impossible birth day is flagged at the input while typing.
    const nik = page.getByLabel('NIK');
    await nik.fill('3307019913480001');
    await fieldError('nik').waitFor();
    expect(await invalid(nik)).toBe('true');
    expect(await nik.getAttribute('aria-describedby')).toContain('field-nik-error');

    // Saving with no name and an empty category row: each required field says so at the field.
    await page.getByRole('button', { name: 'Simpan' }).click();
    await page.getByText('Periksa kembali isian berikut:').waitFor();
    // The summary names each field as the form labels it, and links to it.
    const summary = page.getByRole('alert').filter({ hasText: 'Periksa kembali isian berikut:' });
    expect(await summary.getByRole('link').allTextContents()).toEqual([
      'Nama',
      'Kategori PPKS · Kategori',
      'Kategori PPKS · Mulai',
    ]);
    expect(await summary.getByRole('link', { name: 'Kategori PPKS · Mulai' }).getAttribute('href')).toBe(
      '#field-categories.0.startDate',
    );
    expect(await fieldError('name').textContent()).toBe('Wajib diisi.');
    expect(await invalid(page.getByRole('textbox', { name: 'Nama', exact: true }))).toBe('true');
    expect(await fieldError('categories.0.category').textContent()).toBe('Wajib diisi.');
    expect(await fieldError('categories.0.startDate').textContent()).toBe('Wajib diisi.');
    await snap('ppks-errors');

    await nik.fill(person.nik);
    await expect.poll(() => fieldError('nik').count()).toBe(0);
    expect(await invalid(nik)).toBeNull();
    await page.getByRole('textbox', { name: 'Nama', exact: true }).fill(person.name);
    await page.getByLabel('Tanggal lahir').fill(person.birthDate);
    await page.getByLabel('Jenis kelamin').selectOption({ label: 'Perempuan' });
    await page.getByLabel('RW', { exact: true }).fill('3');
    await page.getByLabel('RT', { exact: true }).fill('12');
    await page.getByRole('textbox', { name: 'Alamat', exact: true }).fill(person.address);

    const categories = page.getByRole('group', { name: 'Kategori', exact: true });
    const category = categories.getByRole('combobox', { name: 'Kategori' });
    const start = categories.getByLabel('Mulai');
    await category.nth(0).selectOption({ label: 'Lanjut usia terlantar' });
    await start.nth(0).fill('2023-01-01');
    await categories.getByRole('button', { name: 'Tambah kategori' }).click();
    await expect.poll(() => category.count()).toBe(2);
    await category.nth(1).selectOption({ label: 'Penyandang disabilitas' });
    await start.nth(1).fill('2022-06-01');
    await snap('ppks-filled');
    await page.getByRole('button', { name: 'Simpan' }).click();

    await page.getByRole('heading', { name: person.name }).waitFor();
    ppksId = new URL(page.url()).pathname.split('/').at(-1)!;
    expect(page.url()).toMatch(/\/ppks\/[^/]+$/);
    expect(await page.locator('.region-path').textContent()).toContain(villageName);
    const saved = await t.container.ppks.get(systemActor('e2e-check'), ppksId);
    expect(saved).toMatchObject({
      nik: person.nik,
      name: person.name,
      birthDate: person.birthDate,
      sex: 'F',
      regionCode: PLACES.villageA,
      rw: '003',
      rt: '012',
      address: person.address,
      version: 1,
    });
    expect(saved.categories).toEqual([
      { category: 'penyandang_disabilitas', startDate: '2022-06-01', endDate: null },
      { category: 'lanjut_usia_terlantar', startDate: '2023-01-01', endDate: null },
    ]);
    await snap('ppks-created');
  });

  it('finds the PPKS record by search and by category, only in the operator’s village', async () => {
    await openRegister('PPKS');
    await page.getByRole('link', { name: person.name }).waitFor();
    expect(await rows().count()).toBe(2);
    // The total heads the list; sorted by name the rows follow the alphabet, in registration order otherwise.
    await page.locator('.list-total').getByText('2 data').waitFor();
    const names = async () => (await rows().locator('th a').allTextContents()).map((n) => n.trim());
    const registered = await names();
    await page.getByLabel('Urutkan').selectOption({ label: 'Nama (A–Z)' });
    await expect.poll(() => page.url()).toContain('sort=name');
    await expect.poll(names).toEqual([...registered].sort((a, b) => a.localeCompare(b)));
    await page.getByLabel('Urutkan').selectOption({ label: 'Urutan pencatatan' });
    await expect.poll(() => page.url()).not.toContain('sort=');
    await expect.poll(names).toEqual(registered);

    await page.getByLabel('Cari nama atau NIK').fill('sumiyati');
    await expect.poll(() => page.url()).toContain('q=sumiyati');
    await expect.poll(() => rows().count()).toBe(1);
    const row = page.getByRole('row', { name: new RegExp(person.name) });
    await row.getByText('Lanjut usia terlantar').waitFor();
    await row.getByText('Penyandang disabilitas').waitFor();
    expect(await row.getByText(person.nik).count()).toBe(1);
    expect(await page.getByText('Sumiyati Tetangga').count()).toBe(0);
    await snap('ppks-search');

    // Searching by NIK finds the same record.
    await page.getByLabel('Cari nama atau NIK').fill(person.nik);
    await expect.poll(() => page.url()).toContain(`q=${person.nik}`);
    await expect.poll(() => rows().count()).toBe(1);
    await page.getByRole('link', { name: person.name }).waitFor();

    await page.getByLabel('Cari nama atau NIK').fill('');
    await expect.poll(() => page.url()).not.toContain('q=');
    await page.getByLabel('Kategori').selectOption({ label: 'Penyandang disabilitas' });
    await expect.poll(() => page.url()).toContain('category=penyandang_disabilitas');
    await expect.poll(() => rows().count()).toBe(1);
    await page.getByRole('link', { name: person.name }).waitFor();
    expect(await page.getByText('Pak Darmo Wiyono').count()).toBe(0);
    expect(await page.getByText('Sumiyati Tetangga').count()).toBe(0);

    await page.getByLabel('Kategori').selectOption({ label: 'Fakir miskin' });
    await expect.poll(() => page.url()).toContain('category=fakir_miskin');
    await page.getByRole('link', { name: 'Pak Darmo Wiyono' }).waitFor();
    await expect.poll(() => rows().count()).toBe(1);
    expect(await page.getByText(person.name).count()).toBe(0);

    // A category nobody in the village has: the list says so.
    await page.getByLabel('Kategori').selectOption({ label: 'Gelandangan' });
    await page.getByText('Tidak ada data dengan penyaring ini.').waitFor();
    expect(await rows().getByRole('link').count()).toBe(0);
    await snap('ppks-filter');
  });

  it('ends a category and corrects the address with a reason, then reads it in the history', async () => {
    await page.getByLabel('Kategori').selectOption({ label: 'Penyandang disabilitas' });
    await page.getByRole('link', { name: person.name }).click();
    await page.getByRole('heading', { name: person.name }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/ppks/${ppksId}`);

    const categories = page.getByRole('group', { name: 'Kategori', exact: true });
    const category = categories.getByRole('combobox', { name: 'Kategori' });
    await expect.poll(() => category.count()).toBe(2);
    expect(await category.nth(0).inputValue()).toBe('penyandang_disabilitas');
    expect(await category.nth(1).inputValue()).toBe('lanjut_usia_terlantar');
    await categories.getByLabel('Selesai (bila sudah)').nth(0).fill('2025-01-31');
    const address = page.getByRole('textbox', { name: 'Alamat', exact: true });
    expect(await address.inputValue()).toBe(person.address);
    await address.fill('Dusun Kauman RT 12/RW 3');

    // The reason is required: saving without one shows the error at its field.
    await page.getByRole('button', { name: 'Simpan' }).click();
    await fieldError('reason').waitFor();
    expect(await invalid(page.getByLabel('Alasan perubahan'))).toBe('true');
    await page.getByLabel('Alasan perubahan').fill('Sudah mendapat alat bantu, pindah dusun');
    await page.getByRole('button', { name: 'Simpan' }).click();
    await page.getByRole('status').getByText('Perubahan tersimpan.').waitFor();
    expect(await invalid(page.getByLabel('Alasan perubahan'))).toBeNull();
    await snap('ppks-edited');

    const saved = await t.container.ppks.get(systemActor('e2e-check'), ppksId);
    expect(saved.version).toBe(2);
    expect(saved.address).toBe('Dusun Kauman RT 12/RW 3');
    expect(saved.categories).toEqual([
      { category: 'penyandang_disabilitas', startDate: '2022-06-01', endDate: '2025-01-31' },
      { category: 'lanjut_usia_terlantar', startDate: '2023-01-01', endDate: null },
    ]);

    await page.getByRole('tab', { name: 'Riwayat' }).click();
    const version2 = page.getByRole('article', { name: /Versi 2/ });
    await version2.waitFor();
    expect(await version2.getByRole('heading').first().textContent()).toContain('Perbaikan data');
    await version2.getByText('Sudah mendapat alat bantu, pindah dusun').waitFor();
    const addressRow = version2.getByRole('row', { name: /^Alamat/ });
    expect(await addressRow.locator('td.diff-before').textContent()).toBe(person.address);
    expect(await addressRow.locator('td.diff-after').textContent()).toBe('Dusun Kauman RT 12/RW 3');
    const categoryRow = version2.getByRole('row', { name: /Kategori PPKS/ });
    const before = await categoryRow.locator('td.diff-before').textContent();
    const after = await categoryRow.locator('td.diff-after').textContent();
    expect(before).toMatch(/^Penyandang disabilitas \(.+ – …\); Lanjut usia terlantar \(.+ – …\)$/);
    expect(after).toMatch(/^Penyandang disabilitas \(.+ – .*2025\); Lanjut usia terlantar \(.+ – …\)$/);
    await page.getByRole('article', { name: /Versi 1/ }).waitFor();
    await snap('ppks-history');

    // In the list, the ended category is marked as such and the other stays current.
    await openRegister('PPKS');
    const row = page.getByRole('row', { name: new RegExp(person.name) });
    await row.waitFor();
    expect(await row.locator('.tag--ended').textContent()).toBe('Penyandang disabilitas');
    expect(await row.locator('.tag:not(.tag--ended)').textContent()).toBe('Lanjut usia terlantar');
  });

  it('registers a TKSK worker with contact details, filters PSKS by kind and opens the record', async () => {
    await openRegister('PSKS');
    await page.getByRole('link', { name: 'LKS Harapan Bunda' }).waitFor();
    expect(await rows().count()).toBe(1);
    expect(await page.getByText('Bambang Tetangga').count()).toBe(0);

    await page.getByRole('link', { name: 'Tambah PSKS' }).click();
    await page.getByRole('heading', { name: 'Tambah PSKS' }).waitFor();
    await page.getByRole('textbox', { name: 'Nama', exact: true }).fill(worker.name);
    // The kind is required.
    await page.getByRole('button', { name: 'Simpan' }).click();
    await fieldError('kind').waitFor();
    expect(await fieldError('kind').textContent()).toBe('Wajib diisi.');
    expect(await invalid(page.getByLabel('Jenis'))).toBe('true');
    expect(await fieldError('name').count()).toBe(0);

    await page.getByLabel('Jenis').selectOption({ label: 'Tenaga Kesejahteraan Sosial Kecamatan (TKSK)' });
    await page.getByLabel('NIK').fill(worker.nik);
    await page.getByRole('textbox', { name: 'Alamat', exact: true }).fill('Jl. Pemuda No. 4');
    await page.getByLabel('Telepon').fill(worker.phone);
    await page.getByLabel('Email').fill(worker.email);
    await page.getByRole('group', { name: 'Desa/kelurahan domisili' }).getByText(villageName).waitFor();
    await snap('psks-filled');
    await page.getByRole('button', { name: 'Simpan' }).click();

    await page.getByRole('heading', { name: worker.name }).waitFor();
    const id = new URL(page.url()).pathname.split('/').at(-1)!;
    await page.getByText('Tenaga Kesejahteraan Sosial Kecamatan (TKSK)').first().waitFor();
    const saved = await t.container.psks.get(systemActor('e2e-check'), id);
    expect(saved).toMatchObject({
      kind: 'tksk',
      name: worker.name,
      nik: worker.nik,
      regionCode: PLACES.villageA,
      phone: '+6281234567890',
      email: worker.email,
      version: 1,
    });
    expect(await page.getByLabel('Telepon').inputValue()).toBe('+6281234567890');
    await snap('psks-created');

    await openRegister('PSKS');
    await page.getByLabel('Jenis').selectOption({ label: 'Tenaga Kesejahteraan Sosial Kecamatan (TKSK)' });
    await expect.poll(() => page.url()).toContain('kind=tksk');
    await page.getByRole('link', { name: worker.name }).waitFor();
    await expect.poll(() => rows().count()).toBe(1);
    const row = page.getByRole('row', { name: new RegExp(worker.name) });
    await row.getByText(`+6281234567890 · ${worker.email}`).waitFor();
    expect(await page.getByText('LKS Harapan Bunda').count()).toBe(0);
    expect(await page.getByText('Bambang Tetangga').count()).toBe(0);
    await snap('psks-filter');

    await page.getByRole('link', { name: worker.name }).click();
    await page.getByRole('heading', { name: worker.name }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/psks/${id}`);
    expect(await page.locator('.region-path').textContent()).toContain(villageName);
    expect(await page.getByLabel('Email').inputValue()).toBe(worker.email);
  });
});

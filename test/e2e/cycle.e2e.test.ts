/**
 * The whole update cycle for one village in a real browser, every step by the role that owns it:
 * the village operator proposes a new household (form, four documents, submit); the Kepala Desa runs the
 * Musdes (prelist awal, the proposal accepted, one registered household removed with a note, the rest
 * "tetap" in bulk, Berita Acara, signed scan); the Dinas Sosial assigns the verivali visits, the field
 * officer records them, the Dinas Sosial accepts them, approves both proposals and submits the regency's
 * pengesahan with the Bupati's letter; Pusdatin determines the period and downloads the SK; the new
 * household is then found in the household list and shown as determined in 2026-03.
 * Runs the real server (clock frozen inside the March 2026 proposal window; the browser's clock and time
 * zone agree) on a fresh SQLite copy and the built web app. Set E2E_SHOTS=<dir> for a screenshot per step.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/modules/access/actor.ts';
import type { HouseholdCreate } from '../../src/modules/households/households.schemas.ts';
import { jpegFile, pdfFile } from '../factories/files.ts';
import { makeHousehold } from '../factories/households.ts';
import { createUsers, PLACES } from '../support/app.ts';
import {
  type BrowserRun,
  noticeSkippedBrowserSuite,
  RUN_BROWSER_TESTS,
  startBrowser,
} from '../support/browser.ts';
import { createUser } from '../support/cycle.ts';
import { openTestDb, type TestDb } from '../support/db.ts';
import { pdfText } from '../support/pdf-text.ts';

/** Inside the March 2026 proposal window (15th–24th, Jakarta time): every step happens on this day. */
const NOW = new Date('2026-03-16T09:00:00+07:00');
const PERIOD = '2026-03';
const PERIOD_TEXT = 'Maret 2026'; // the period as the screens word it

noticeSkippedBrowserSuite('the update-cycle browser test');

describe.skipIf(!RUN_BROWSER_TESTS)('the update cycle of one village in the browser', () => {
  let t: TestDb;
  let browser: BrowserRun;
  let context: BrowserContext;
  let page: Page;

  /** Registered in village A before the cycle: the Musdes keeps three and removes the first. */
  const existing = [1, 2, 3, 4].map((n) => makeHousehold(PLACES.villageA, n));
  const removed = existing[0]!;
  const removedHead = removed.members[0]!.name;
  /** Registered in another village of the regency (no Musdes there): still part of the regency's DTKS. */
  const otherVillage = makeHousehold(PLACES.villageB, 5);
  /** Registered in another regency that submits nothing: not in the first determined period. */
  const otherRegency = makeHousehold(PLACES.otherVillage, 6);
  /** What the village operator proposes. */
  const proposed: HouseholdCreate = makeHousehold(PLACES.villageA, 40);
  const head = { ...proposed.members[0]!, name: 'Wagiman Sutrisno' };
  const spouse = { ...proposed.members[1]!, name: 'Painem Lestari' };

  const byId = (id: string) => page.locator(`[id="${id}"]`);
  const snap = (step: string) => browser.snap(step);
  const login = (username: string) => browser.login(username);
  const logout = () => browser.logout();
  const nav = (name: string) => page.getByRole('navigation').getByRole('link', { name, exact: true }).click();
  /** The state badge under a page's title (proposal, Musdes session). */
  const usulanState = () => page.locator('.page-subtitle .usulan-state');
  const musdesState = () => page.locator('.page-subtitle .musdes-state');
  const subtitle = () => page.locator('.page-subtitle').textContent();
  /** The Musdes tally cards as label → number. */
  const tally = async () =>
    Object.fromEntries(
      (await page.locator('.musdes-summary__item').allInnerTexts()).map((text) => {
        const [label, n] = text.split('\n').map((x) => x.trim());
        return [label, Number(n)];
      }),
    );
  const proposalState = async (kk: string) =>
    (
      await t.container.database.db
        .selectFrom('usulan')
        .select('state')
        .where('kkNumber', '=', kk)
        .executeTakeFirstOrThrow()
    ).state;

  beforeAll(async () => {
    t = await openTestDb('sqlite', { now: () => NOW });
    await createUsers(t.container);
    await createUser(t.container, 'petugas-a', 'petugas', PLACES.districtA);
    const system = systemActor('e2e-setup');
    for (const h of [...existing, otherVillage, otherRegency]) await t.container.households.create(system, h);

    browser = await startBrowser(t.container, {
      name: 'cycle',
      viewport: { width: 1400, height: 900 },
      timezoneId: 'Asia/Jakarta',
      // The officer's phone: "use my location" answers with a spot in Wonosobo.
      geolocation: { latitude: -7.3605, longitude: 109.9021 },
      permissions: ['geolocation'],
      acceptDownloads: true,
    });
    ({ page, context } = browser);
    // The browser's calendar agrees with the server's (pages default to the current month).
    await context.clock.setFixedTime(NOW);
    page.on('dialog', (d) => void d.accept());
  });

  // The steps build on each other: after a failure (screenshot kept), the rest is skipped.
  let broken = false;
  beforeEach(({ onTestFailed, skip }) => {
    if (broken) skip();
    onTestFailed(async () => {
      broken = true;
      await snap('FAILED');
    });
  });

  afterAll(async () => {
    await browser?.close();
    await t?.cleanup();
  });

  it('1. the village operator proposes a new household, attaches the documents and submits', async () => {
    await login('op-a');
    await nav('Usulan');
    await page.getByRole('heading', { name: 'Usulan', exact: true }).waitFor();
    await page.getByRole('link', { name: 'Usulan baru' }).click();
    await page.getByText(`Jendela usulan periode ${PERIOD} terbuka`).waitFor();
    expect(await page.getByRole('radio', { name: /Rumah tangga baru/ }).isChecked()).toBe(true);

    await byId('field-kkNumber').fill(proposed.kkNumber);
    await byId('field-rw').fill('4');
    await byId('field-rt').fill('2');
    await byId('field-address').fill('Dusun Sigedang No. 12');
    await byId('field-members.0.nik').fill(head.nik);
    await byId('field-members.0.name').fill(head.name);
    await page.getByRole('button', { name: 'Tambah anggota' }).click();
    await byId('field-members.1.nik').fill(spouse.nik);
    await byId('field-members.1.name').fill(spouse.name);
    await byId('field-members.1.relationship').selectOption('2');
    await byId('field-reason').fill('Buruh tani tanpa lahan, belum terdata di DTKS');
    await snap('usulan-form');
    await page.getByRole('button', { name: 'Simpan draf usulan' }).click();
    await page.getByRole('heading', { name: `Rumah tangga baru: ${head.name}` }).waitFor();
    await page.getByText('Draf usulan disimpan.').waitFor();
    expect(await usulanState().textContent()).toBe('Draf');

    const files: [string, string, string, Buffer][] = [
      ['Foto rumah tampak depan', 'depan.jpg', 'image/jpeg', jpegFile(64, 48, 90)],
      ['Foto rumah tampak belakang', 'belakang.jpg', 'image/jpeg', jpegFile(64, 48, 130)],
      ['Foto bagian dalam rumah', 'dalam.jpg', 'image/jpeg', jpegFile(64, 48, 170)],
      ['Salinan Kartu Keluarga', 'kk.pdf', 'application/pdf', pdfFile('KK Wagiman')],
    ];
    for (const [label, name, mimeType, buffer] of files) {
      await page.getByLabel(`Pilih berkas untuk ${label}`).setInputFiles({ name, mimeType, buffer });
      await page.getByText(`${name} diunggah.`).waitFor();
    }
    await page.getByText('Semua lampiran wajib sudah diunggah.').waitFor();
    await snap('usulan-attached');

    await page.getByRole('button', { name: 'Kirim usulan' }).click();
    await page.getByText('Usulan dikirim.').waitFor();
    await usulanState().getByText('Dikirim', { exact: true }).waitFor();
    await snap('usulan-submitted');
    expect(await proposalState(proposed.kkNumber)).toBe('submitted');
  });

  it('2. the Kepala Desa holds the Musdes: prelist awal, every row decided, Berita Acara, signed scan', async () => {
    await logout();
    await login('kades-a');
    await nav('Musdes/Muskel');
    await page.getByRole('heading', { name: 'Musyawarah desa/kelurahan' }).waitFor();
    await page.getByRole('link', { name: 'Buat musyawarah' }).click();
    await page.getByLabel('Periode').fill(PERIOD);
    await page.getByLabel('Tanggal musyawarah').fill('2026-03-16');
    await page.getByLabel('Tempat').fill('Balai Desa');
    await page.getByLabel('Nama').first().fill('Slamet Riyadi');
    await page.getByRole('button', { name: 'Tambah peserta' }).click();
    await page.getByLabel('Nama').nth(1).fill('Sri Wahyuni');
    await page.getByRole('button', { name: 'Buat', exact: true }).click();
    await page.getByRole('heading', { name: /^Musyawarah Desa \(Musdes\)/ }).waitFor();
    await musdesState().getByText('Draf', { exact: true }).waitFor();

    // Opening generates the prelist awal: the four registered households, then the proposal.
    await page.getByRole('button', { name: 'Buka musyawarah' }).click();
    const rows = page.locator('tr[data-row]');
    await expect.poll(() => rows.count()).toBe(5);
    await musdesState().getByText('Berlangsung', { exact: true }).waitFor();
    expect(await tally()).toMatchObject({ Baris: 5, 'Belum diputuskan': 5 });
    await snap('musdes-open');

    const proposalRow = rows.filter({ hasText: head.name });
    expect(await proposalRow.getByText('Usulan baru', { exact: true }).count()).toBeGreaterThan(0);
    await proposalRow.getByRole('button', { name: 'Usulan baru' }).click();
    await expect
      .poll(() => proposalRow.getByRole('button', { name: 'Usulan baru' }).getAttribute('aria-pressed'))
      .toBe('true');

    // A removal waits for its note, then is saved with it.
    const removedRow = rows.filter({ hasText: removedHead });
    await removedRow.getByRole('button', { name: 'Dikeluarkan' }).click();
    await removedRow.getByRole('textbox').fill('Pindah ke Kabupaten Temanggung');
    await removedRow.getByRole('button', { name: 'Simpan', exact: true }).click();
    await expect
      .poll(() => removedRow.getByRole('button', { name: 'Dikeluarkan' }).getAttribute('aria-pressed'))
      .toBe('true');

    await page.getByRole('button', { name: /Semua data DTKS yang belum diputuskan/ }).click();
    await page
      .getByRole('dialog', { name: 'Tetapkan semua yang belum diputuskan?' })
      .getByRole('button', { name: 'Ya, tetapkan "Tetap"' })
      .click();
    await page.getByText('3 baris ditetapkan "Tetap".').waitFor();
    await expect.poll(tally).toEqual({
      Baris: 5,
      'Belum diputuskan': 0,
      Perbaikan: 0,
      Dikeluarkan: 1,
      'Usulan baru': 1,
      Tetap: 3,
    });
    await snap('musdes-decided');

    await page.getByRole('button', { name: 'Tutup musyawarah' }).click();
    const dialog = page.getByRole('dialog', { name: 'Tutup musyawarah?' });
    await dialog.getByRole('button', { name: /Ya, tutup/ }).click();
    await musdesState().getByText('Ditutup', { exact: true }).waitFor();
    await page.getByRole('link', { name: 'Berita Acara (PDF)' }).waitFor();

    await page.getByLabel('Berita Acara bertanda tangan').setInputFiles({
      name: 'berita-acara-ttd.pdf',
      mimeType: 'application/pdf',
      buffer: pdfFile('Berita Acara ditandatangani'),
    });
    await page.getByRole('button', { name: 'Unggah dan kunci' }).click();
    await page.getByText('Musyawarah sudah ditandatangani dan terkunci.').waitFor();
    await musdesState().getByText('Ditandatangani', { exact: true }).waitFor();
    await snap('musdes-signed');
    // Closing moved the proposal on and turned the removal into an accepted proposal of its own.
    expect(await proposalState(proposed.kkNumber)).toBe('musdes_accepted');
    expect(await proposalState(removed.kkNumber)).toBe('musdes_accepted');
  });

  it('3. the Dinas Sosial assigns the visits of the village to a field officer', async () => {
    await logout();
    await login('dinsos');
    // This regency does not use the kecamatan's acknowledgement: the signed Berita Acara waits for none.
    await nav('Tanda terima Berita Acara');
    const ba = page.locator('tbody tr').filter({ hasText: PLACES.villageA });
    await ba.getByText('Tidak perlu tanda terima').waitFor();
    expect(await ba.getByText('Menunggu tanda terima').count()).toBe(0);
    await nav('Verivali');
    await page.getByRole('heading', { name: 'Penugasan verivali' }).waitFor();
    await page.getByRole('button', { name: new RegExp(PLACES.villageA.replaceAll('.', '\\.')) }).click();
    const waiting = page.getByRole('region', { name: 'Usulan menunggu kunjungan' });
    // Both proposals the Musdes accepted wait for a visit: the new household and the removal.
    await expect.poll(() => waiting.getByText('Belum ditugaskan').count()).toBe(2);
    await waiting
      .getByRole('row', { name: new RegExp(head.name) })
      .getByText('Usulan baru')
      .waitFor();
    await waiting.getByRole('row', { name: removedHead }).getByText('Dikeluarkan').waitFor();
    await waiting.getByLabel('Petugas pendata').selectOption({ label: 'petugas-a (Wadaslintang)' });
    await snap('verivali-assign');
    await waiting.getByRole('button', { name: 'Tugaskan semua yang belum (2)' }).click();
    await waiting.getByText('2 kunjungan ditugaskan; 0 sudah punya kunjungan.').waitFor();
    await expect.poll(() => waiting.getByRole('link', { name: 'Ditugaskan · petugas-a' }).count()).toBe(2);
    await snap('verivali-assigned');
  });

  it('4. the field officer records both visits', async () => {
    await logout();
    await login('petugas-a');
    await nav('Verivali');
    await page.getByRole('heading', { name: 'Kunjungan saya' }).waitFor();
    const cards = page.locator('.visit-card');
    await expect.poll(() => cards.count()).toBe(2);
    // Each card names its village, not its code.
    const villageName = (await t.container.regions.names([PLACES.villageA])).get(PLACES.villageA)!;
    await expect.poll(() => cards.first().textContent()).toContain(villageName);
    expect(await cards.first().textContent()).not.toContain(PLACES.villageA);
    await snap('petugas-list');

    // The proposed household: found and eligible; the form starts from what the village proposed.
    await cards.filter({ hasText: head.name }).getByRole('link', { name: 'Isi kunjungan' }).click();
    await page.getByRole('heading', { name: 'Kunjungan rumah tangga' }).waitFor();
    await page.getByLabel('Hasil kunjungan').selectOption('found_eligible');
    await page.getByRole('button', { name: 'Gunakan lokasi saya' }).click();
    await expect.poll(() => page.getByLabel('Lintang').inputValue()).toBe('-7.360500');
    expect(await byId('field-kkNumber').inputValue()).toBe(proposed.kkNumber);
    await page.getByLabel('Catatan petugas').fill('Rumah berdinding bambu, lantai tanah');
    await snap('visit-baru-form');
    await page.getByRole('button', { name: 'Simpan hasil kunjungan' }).click();
    await page.getByText('Hasil kunjungan tersimpan; menunggu pemeriksaan Dinas Sosial.').waitFor();
    expect(await subtitle()).toMatch(/Sudah dikunjungi$/);
    await snap('visit-baru-recorded');

    // The household the Musdes removed: it has moved away, no instrument needed.
    await nav('Verivali');
    await cards.filter({ hasText: removedHead }).getByRole('link', { name: 'Isi kunjungan' }).click();
    await page.getByLabel('Hasil kunjungan').selectOption('moved');
    await page.getByText('Untuk hasil ini instrumen tidak perlu diisi.').waitFor();
    await page.getByRole('button', { name: 'Gunakan lokasi saya' }).click();
    await expect.poll(() => page.getByLabel('Bujur').inputValue()).toBe('109.902100');
    await page.getByRole('button', { name: 'Simpan hasil kunjungan' }).click();
    await page.getByText('Hasil kunjungan tersimpan; menunggu pemeriksaan Dinas Sosial.').waitFor();
    expect(await subtitle()).toMatch(/Sudah dikunjungi$/);

    // Nothing is left on the officer's list of visits to make.
    await nav('Verivali');
    await page.getByText('Belum ada kunjungan.').waitFor();
  });

  it('5. the Dinas Sosial accepts the visits, approves the proposals and submits the pengesahan', async () => {
    await logout();
    await login('dinsos');
    await nav('Verivali');
    const cards = page.locator('.visit-card');
    for (const name of [head.name, removedHead]) {
      await cards.filter({ hasText: name }).getByRole('link', { name: 'Periksa' }).click();
      await page.getByRole('heading', { name: 'Kunjungan rumah tangga' }).waitFor();
      expect(await subtitle()).toMatch(/Sudah dikunjungi$/);
      await page.getByRole('button', { name: 'Terima kunjungan' }).click();
      await page.getByText('Kunjungan Diterima.').waitFor();
      expect(await subtitle()).toMatch(/Diterima$/);
      expect(await subtitle()).not.toContain(PLACES.villageA);
      await snap('visit-accepted');
      // The way back names where it goes.
      await page.getByRole('link', { name: 'Daftar kunjungan', exact: true }).click();
    }
    // The visit list and a visit page fit a phone's width.
    await page.setViewportSize({ width: 390, height: 844 });
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    await cards.first().waitFor();
    expect(await overflow()).toBeLessThanOrEqual(0);
    await cards.first().getByRole('link').click();
    await page.getByRole('heading', { name: 'Kunjungan rumah tangga' }).waitFor();
    expect(await overflow()).toBeLessThanOrEqual(0);
    await page.setViewportSize({ width: 1400, height: 900 });
    await page.getByRole('link', { name: 'Daftar kunjungan', exact: true }).click();
    // The new household was found eligible; the removal was confirmed (the household moved away).
    expect(await proposalState(proposed.kkNumber)).toBe('verified');
    expect(await proposalState(removed.kkNumber)).toBe('verified');

    await nav('Persetujuan usulan');
    await page.getByRole('heading', { name: 'Usulan dan persetujuan' }).waitFor();
    const list = page.getByRole('row');
    await expect.poll(() => list.filter({ hasText: 'Terverifikasi' }).count()).toBe(2);
    await snap('approval-list');
    for (const name of [head.name, removedHead]) {
      await page
        .getByRole('row', { name: new RegExp(name) })
        .getByRole('link')
        .first()
        .click();
      await usulanState().getByText('Terverifikasi', { exact: true }).waitFor();
      await page.getByRole('button', { name: 'Setujui usulan' }).click();
      await usulanState().getByText('Disetujui Dinsos', { exact: true }).waitFor();
      await snap('usulan-approved');
      await nav('Persetujuan usulan');
    }
    await expect.poll(() => list.filter({ hasText: 'Terverifikasi' }).count()).toBe(0);

    await nav('Pengesahan');
    await page.getByRole('heading', { name: 'Pengesahan kabupaten/kota' }).waitFor();
    await page.getByRole('button', { name: `Siapkan pengajuan periode ${PERIOD_TEXT}` }).click();
    await page.getByRole('heading', { name: 'Berita Acara yang ditandatangani (1)' }).waitFor();
    await page.getByText('Surat pengesahan Bupati/Walikota belum diunggah.').waitFor();
    await page.getByLabel(/^Berkas/).setInputFiles({
      name: 'surat-pengesahan-bupati.pdf',
      mimeType: 'application/pdf',
      buffer: pdfFile('Surat pengesahan Bupati Wonosobo'),
    });
    await page.getByRole('button', { name: 'Unggah surat' }).click();
    await page.getByRole('link', { name: 'Lihat surat' }).waitFor();
    await snap('pengesahan-ready');
    await page.getByRole('button', { name: 'Kirim ke Pusdatin' }).click();
    await page
      .getByRole('dialog', { name: `Kirim pengesahan periode ${PERIOD_TEXT}?` })
      .getByRole('button', { name: 'Ya, kirim pengesahan' })
      .click();
    const state = page.getByRole('heading', { name: new RegExp(`· ${PERIOD_TEXT}`) });
    await state.getByText('Dikirim', { exact: true }).waitFor();
    await page.getByText('Dikirim pada 16 Mar 2026').waitFor();
    await page.getByText('Disetujui Dinsos: 2').waitFor();
    expect(await page.getByRole('button', { name: 'Kirim ke Pusdatin' }).count()).toBe(0);
    await snap('pengesahan-submitted');
  });

  it('6. Pusdatin determines the period, sees the summary and downloads the SK', async () => {
    await logout();
    await login('pusdatin');
    await nav('Penetapan DTKS');
    await page.getByRole('heading', { name: 'Penetapan DTKS bulanan' }).waitFor();
    await page.getByLabel('Periode yang ditetapkan').fill(PERIOD);
    await page.getByRole('button', { name: 'Tetapkan…' }).click();
    await page
      .getByRole('dialog', { name: `Tetapkan DTKS periode ${PERIOD_TEXT}?` })
      .getByRole('button', { name: 'Ya, tetapkan' })
      .click();
    // Village A: three kept + the new one; village B's household; the other regency submitted nothing.
    await page.getByText(`DTKS periode ${PERIOD} ditetapkan: 5 rumah tangga`).waitFor();
    const summary = page.locator('section[aria-labelledby="penetapan-summary"]');
    await summary.waitFor();
    await snap('penetapan');
    const value = (term: string) =>
      summary.locator('dt', { hasText: term }).locator('xpath=following-sibling::dd[1]');
    expect(await value('Rumah tangga').textContent()).toBe('5');
    expect(await value('Individu').textContent()).toBe('14');
    // The first determination: everything is new, nothing to compare with.
    expect(await value('Baru / Keluar / Berubah').textContent()).toBe('5 / 0 / 0');
    expect(await value('Dibandingkan dengan').textContent()).toBe('penetapan pertama');
    const checksum = await value('Checksum').textContent();
    expect(checksum).toMatch(/^[0-9a-f]{64}$/);
    const periodRow = page.getByRole('row', { name: new RegExp(`^${PERIOD_TEXT}`) });
    await periodRow.getByText('Ditetapkan', { exact: true }).waitFor();
    await periodRow.getByText(`SK-DTKS/${PERIOD}/0001`).waitFor();
    // Only the regency that submitted; the diff lists the new household with its reason.
    const regencies = page.getByRole('region', { name: 'Jumlah per kabupaten/kota' });
    expect(await regencies.locator('tbody tr').count()).toBe(1);
    await regencies.getByRole('rowheader', { name: 'Kabupaten Wonosobo' }).waitFor();
    await page
      .getByRole('row', { name: new RegExp(head.name) })
      .getByText('penetapan pertama')
      .waitFor();

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      summary.getByRole('link', { name: 'Unduh SK (PDF)' }).click(),
    ]);
    const sk = readFileSync(await download.path());
    expect(sk.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = pdfText(sk);
    expect(text).toContain(`SK-DTKS/${PERIOD}/0001`);
    expect(text.replaceAll('\n', '')).toContain(checksum);
  });

  it('7. the new household is in DTKS, determined in 2026-03', async () => {
    await logout();
    await login('op-a');
    await nav('Rumah tangga');
    await page.getByLabel('Cari').fill(head.name);
    const row = page.getByRole('row', { name: new RegExp(head.name) });
    await row.waitFor();
    await row.getByRole('link').first().click();
    await page.getByRole('heading', { name: head.name }).waitFor();
    await page.getByRole('combobox', { name: 'DTKS per periode' }).selectOption(PERIOD);
    const asOf = page.getByRole('region', { name: 'DTKS per periode' });
    await asOf.getByRole('heading', { name: `Rumah tangga ini dalam DTKS periode ${PERIOD_TEXT}` }).waitFor();
    await asOf.getByText('Aktif', { exact: true }).waitFor();
    await asOf.getByRole('rowheader', { name: spouse.name }).waitFor();
    await snap('as-of');

    // What the database holds: every proposal determined, the snapshot, the period's summary.
    const db = t.container.database.db;
    const proposals = await db.selectFrom('usulan').select(['kind', 'state', 'householdId']).execute();
    expect(proposals.map((p) => `${p.kind}:${p.state}`).sort()).toEqual([
      'baru:determined',
      'dikeluarkan:determined',
    ]);
    const households = await db.selectFrom('households').select(['id', 'kkNumber', 'status']).execute();
    const idOf = (kk: string) => households.find((h) => h.kkNumber === kk)!.id;
    expect(households.find((h) => h.kkNumber === removed.kkNumber)!.status).toBe('removed');
    const created = proposals.find((p) => p.kind === 'baru')!.householdId!;
    expect(created).toBe(idOf(proposed.kkNumber));
    const snapshot = await db
      .selectFrom('snapshotHouseholds')
      .select(['householdId', 'version'])
      .where('period', '=', PERIOD)
      .orderBy('householdId')
      .execute();
    expect(snapshot.map((r) => r.householdId).sort()).toEqual(
      [...existing.slice(1), otherVillage, proposed].map((h) => idOf(h.kkNumber)).sort(),
    );
    const period = await db
      .selectFrom('periods')
      .selectAll()
      .where('period', '=', PERIOD)
      .executeTakeFirstOrThrow();
    expect(period).toMatchObject({
      state: 'determined',
      skNumber: `SK-DTKS/${PERIOD}/0001`,
      households: 5,
      persons: 14,
      added: 5,
      removed: 0,
      changed: 0,
    });
    const lines = snapshot.map((r) => `${r.householdId}:${r.version}\n`).join('');
    expect(period.checksum).toBe(createHash('sha256').update(lines).digest('hex'));
    const submission = await db.selectFrom('submissions').selectAll().executeTakeFirstOrThrow();
    expect(submission).toMatchObject({ regencyCode: PLACES.regency, period: PERIOD, state: 'determined' });
    expect(JSON.parse(submission.beritaAcaraIds)).toHaveLength(1);
  });
});

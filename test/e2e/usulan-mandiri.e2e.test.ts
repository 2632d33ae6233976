/**
 * Usulan mandiri on a phone (390×844): a verified citizen logs in, opens "Daftar Usulan", adds a proposal
 * of a family ("Tambahkan Usulan"), uploads the KTP, KK and house photos, and follows it: the village
 * operator sees it marked as a citizen's own in the staff list and submits it, the Musdes accepts it, and
 * the citizen's timeline shows each step. The
 * operator completes the citizen's draft on a phone before submitting it ("dilengkapi operator desa"). The correction request form sends a perbaikan draft. The new
 * public pages pass axe-core without serious or critical violations. On /warga/program the citizen declares
 * that their family opts out of a programme (the office sees it as the citizen's) and withdraws it. Set E2E_SHOTS=<dir> for screenshots.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LogCodeSender } from '../../src/modules/citizen/code-sender.ts';
import { jpegFile } from '../factories/files.ts';
import { makeHousehold, makeKk } from '../factories/households.ts';
import { createUsers, login, PLACES } from '../support/app.ts';
import { seriousViolations } from '../support/axe.ts';
import { type BrowserRun, RUN_BROWSER_TESTS, startBrowser } from '../support/browser.ts';
import { actorFor } from '../support/cycle.ts';
import { openTestDb, type TestDb } from '../support/db.ts';
import { publishProgrammes } from '../support/recipients.ts';

const PASSWORD = 'Kebun-Salak-Wonosobo-77';
/** Inside the proposal window (Jakarta time), so the operator can submit. */
const NOW = new Date('2026-03-16T09:00:00+07:00');

describe.skipIf(!RUN_BROWSER_TESTS)('usulan mandiri on a phone', { timeout: 300_000 }, () => {
  let t: TestDb;
  let browser: BrowserRun;
  let page: Page;
  let base: string;
  const sender = new LogCodeSender(() => {});
  const staff: Record<string, Record<string, string>> = {};
  let me: { nik: string; name: string };
  let proposalId = '';
  let householdId = '';

  beforeAll(async () => {
    t = await openTestDb('sqlite', { codeSender: sender, now: () => NOW });
    await createUsers(t.container);
    browser = await startBrowser(t.container, {
      name: 'usulan-mandiri',
      viewport: { width: 390, height: 844 },
    });
    ({ page, base } = browser);
    for (const u of ['op-a']) staff[u] = await login(browser.app, u);
    await publishProgrammes(t.container);
    // The citizen is registered in DTKS (for the correction request) and has a verified account.
    const res = await browser.app.inject({
      method: 'POST',
      url: '/api/v1/households',
      headers: staff['op-a'],
      payload: makeHousehold(PLACES.villageA, 81),
    });
    expect(res.statusCode, res.body).toBe(201);
    me = res.json().members[1];
    householdId = res.json().id;
    const body = {
      nik: me.nik,
      kkNumber: res.json().kkNumber,
      fullName: me.name,
      address: 'Dusun Krajan No. 81',
      rt: '5',
      rw: '2',
      villageCode: PLACES.villageA,
      phone: '081234568181',
      email: 'siti.usul@example.id',
      username: 'sitiusul',
      password: PASSWORD,
    };
    const reg = await browser.app.inject({
      method: 'POST',
      url: '/api/v1/public/citizen/register',
      payload: body,
    });
    expect(reg.statusCode, reg.body).toBe(202);
    const code = sender.sent.find((m) => m.to === body.email)?.code;
    const ok = await browser.app.inject({
      method: 'POST',
      url: '/api/v1/public/citizen/confirm',
      payload: { login: body.email, code },
    });
    expect(ok.statusCode).toBe(204);
    // The village's verification is covered by citizen.e2e.test.ts.
    await t.container.database.db
      .updateTable('citizenAccounts')
      .set({ state: 'verified' })
      .where('username', '=', body.username)
      .execute();
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await t?.cleanup();
  });

  it('proposes a family, adds the photos, and follows it through the village’s steps', async () => {
    await page.goto(`${base}/warga/masuk`);
    await page.getByLabel('Email atau NIK').fill(me.nik);
    await page.getByLabel('Kata sandi').fill(PASSWORD);
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.waitForURL((u) => u.pathname === '/warga/akun');
    await page.getByRole('link', { name: /^Daftar Usulan/ }).click();
    await page.waitForURL((u) => u.pathname === '/warga/usulan');
    await page.getByText('Belum ada usulan.').waitFor();
    await page.getByRole('link', { name: 'Tambahkan Usulan' }).click();
    await page.waitForURL((u) => u.pathname === '/warga/usulan/tambah');

    const family = makeHousehold(PLACES.villageA, 82);
    const head = family.members[0]!;
    // Sent empty first: the faults are marked at their fields, and said in words under the form (not as
    // "household.kkNumber: …; reason: …").
    await page.getByRole('button', { name: 'Kirim usulan' }).click();
    await page.getByText('Periksa kembali isian yang ditandai di atas.').waitFor();
    expect(await page.locator('main').innerText()).not.toMatch(/household\.|reason:/);
    await page.getByRole('radio', { name: 'Keluarga lain' }).check();
    await page.getByLabel('Provinsi').selectOption('33');
    await page.getByLabel('Kabupaten/kota').selectOption('33.07');
    await page.getByLabel('Kecamatan').selectOption('33.07.01');
    await page.getByLabel('Desa/kelurahan').selectOption(PLACES.villageA);
    await page.getByLabel('Alamat', { exact: true }).fill('Dusun Krajan No. 82');
    await page.getByLabel('RT', { exact: true }).fill('3');
    await page.getByLabel('RW', { exact: true }).fill('1');
    await page.getByLabel('Nomor Kartu Keluarga (KK)').fill(makeKk('33.07.01', '2015-03-10', 83));
    await page.getByLabel(/^NIK/).fill(head.nik);
    await page.getByLabel('Nama lengkap').fill('Budi Santoso');
    await page.getByLabel('Tanggal lahir').fill(head.birthDate);
    await page.getByLabel('Jenis kelamin').selectOption('M');
    await page
      .getByLabel('Mengapa keluarga ini perlu masuk DTKS')
      .fill('Buruh tani, penghasilan tidak tetap');
    await page.getByRole('checkbox', { name: /Saya menyatakan data ini benar/ }).check();
    await browser.snap('tambah');
    await page.getByRole('button', { name: 'Kirim usulan' }).click();

    await page.waitForURL((u) => /^\/warga\/usulan\/[0-9a-f-]{36}$/.test(u.pathname));
    proposalId = new URL(page.url()).pathname.split('/').pop()!;
    await page
      .getByText('Usulan diterima; menunggu diperiksa dan diajukan operator desa/kelurahan')
      .first()
      .waitFor();
    for (const [label, name, mimeType] of [
      ['Foto KTP', 'ktp.jpg', 'image/jpeg'],
      ['Foto atau salinan Kartu Keluarga', 'kk.jpg', 'image/jpeg'],
      ['Foto rumah tampak depan', 'depan.jpg', 'image/jpeg'],
      ['Foto rumah tampak belakang', 'belakang.jpg', 'image/jpeg'],
      ['Foto bagian dalam rumah', 'dalam.jpg', 'image/jpeg'],
    ] as const) {
      await page.getByLabel(label, { exact: true }).setInputFiles({ name, mimeType, buffer: jpegFile() });
      await page.getByText(`${label} (sudah diunggah)`).waitFor();
    }
    await page.getByText('Berkas sudah lengkap.').waitFor();
    await browser.snap('berkas');

    // The village operator, on a phone too: marked as a citizen's own in the list; completes it (the floor
    // area a citizen is not asked) on the edit screen, then submits it as usual; the Musdes accepts.
    const citizenCookies = await page.context().cookies();
    await browser.login('op-a');
    await page.goto(`${base}/cycle/usulan?source=mandiri`);
    const row = page.locator('tr', { hasText: 'Budi Santoso' });
    await row.getByText('Usulan warga (mandiri)').waitFor();
    await browser.snap('operator-list');
    await row.getByRole('link', { name: 'Budi Santoso' }).click();
    await page.getByRole('link', { name: 'Lengkapi usulan warga' }).click();
    await page.waitForURL((u) => u.pathname === `/cycle/usulan/${proposalId}/edit`);
    await page.getByRole('heading', { name: /^Lengkapi usulan warga/ }).waitFor();
    expect(
      await page
        .getByLabel(/^Alamat/)
        .first()
        .inputValue(),
    ).toBe('Dusun Krajan No. 82');
    await page.getByLabel(/^Luas lantai/).fill('24');
    await browser.snap('operator-lengkapi');
    await page.getByRole('button', { name: 'Simpan draf usulan' }).click();
    await page.waitForURL((u) => u.pathname === `/cycle/usulan/${proposalId}`);
    await page.getByText('Perubahan draf disimpan.').waitFor();
    const staffView = await browser.app.inject({
      url: `/api/v1/usulan/${proposalId}`,
      headers: staff['op-a'],
    });
    expect(staffView.json()).toMatchObject({
      source: 'mandiri',
      payload: { household: { floorAreaM2: 24, address: 'Dusun Krajan No. 82' } },
    });
    const sub = await browser.app.inject({
      method: 'POST',
      url: `/api/v1/usulan/${proposalId}/submit`,
      headers: staff['op-a'],
      payload: { version: staffView.json().version },
    });
    expect(sub.statusCode, sub.body).toBe(200);
    const kades = await actorFor(t.container, 'kades-a');
    await t.container.database.db
      .transaction()
      .execute((trx) => t.container.usulan.advance(trx, kades, proposalId, 'musdes_accept'));

    await page.context().clearCookies();
    await page.context().addCookies(citizenCookies);
    await page.goto(`${base}/warga/usulan/${proposalId}`);
    const steps = page.getByTestId('usulan-timeline').locator('li');
    await expect.poll(() => steps.count()).toBe(4);
    const text = await page.getByTestId('usulan-timeline').innerText();
    expect(text).toContain('Dilengkapi operator desa/kelurahan');
    expect(text).toContain('Diajukan desa/kelurahan');
    expect(text).toContain('Disetujui Musdes/Muskel');
    expect(await page.locator('main').innerText()).not.toMatch(/op-a|kades-a/);
    await browser.snap('perjalanan');
  });

  it('sends a correction request of the citizen’s own data', async () => {
    await page.goto(`${base}/warga/usulan/perbaikan`);
    await page.getByLabel('Apa yang salah dan apa yang benar').fill('Nama saya salah ketik di DTKS');
    await page.getByLabel('Nama saya yang benar').fill('Siti Aminah');
    await page.getByRole('button', { name: 'Kirim permintaan perbaikan' }).click();
    await page.waitForURL((u) => /^\/warga\/usulan\/[0-9a-f-]{36}$/.test(u.pathname));
    await page.getByRole('heading', { name: 'Permintaan perbaikan data' }).waitFor();
    const list = await browser.app.inject({
      url: '/api/v1/usulan?source=mandiri&kind=perbaikan',
      headers: staff['op-a'],
    });
    expect(list.json().items).toHaveLength(1);
  });

  it('declares the family’s opt-out of a programme, which the office sees, and withdraws it', async () => {
    await page.goto(`${base}/warga/akun`);
    await page.getByRole('link', { name: /^Nyatakan keluarga Anda mundur/ }).click();
    await page.waitForURL((u) => u.pathname === '/warga/program');
    await page.getByText('Keluarga Anda tidak mundur dari program apa pun.').waitFor();
    await page.getByLabel('Program', { exact: true }).selectOption('BPNT');
    await page.getByLabel('Alasan', { exact: true }).fill('Penghasilan kami sudah cukup');
    await page.getByRole('button', { name: 'Nyatakan mundur' }).click();
    await page.getByText('Pernyataan tercatat.').waitFor();
    const status = page.getByTestId('opt-out-status');
    await expect.poll(() => status.allInnerTexts()).toEqual(['Berlaku']);
    await browser.snap('mundur');

    const seen = await browser.app.inject({
      url: `/api/v1/households/${householdId}/opt-outs`,
      headers: staff['op-a'],
    });
    expect(seen.statusCode, seen.body).toBe(200);
    expect(seen.json().items).toMatchObject([{ programme: 'BPNT', standing: true, declaredBy: 'citizen' }]);

    await page.getByLabel(/^Alasan pembatalan/).fill('Ternyata kami masih membutuhkan');
    await page.getByRole('button', { name: 'Batalkan pernyataan' }).click();
    await expect.poll(() => status.allInnerTexts()).toEqual(['Dibatalkan']);
  });

  it('passes axe-core on the proposal pages', async () => {
    const violations = [];
    for (const path of [
      '/warga/usulan',
      '/warga/usulan/tambah',
      '/warga/usulan/perbaikan',
      `/warga/usulan/${proposalId}`,
      '/warga/program',
    ]) {
      await page.goto(`${base}${path}`);
      violations.push(...(await seriousViolations(page, path)));
    }
    expect(violations).toEqual([]);
  });
});

/**
 * Sanggah on a phone (390×844): a verified citizen objects to a recipient of their village on
 * /warga/sanggah and adds an evidence photo; the regency Dinas Sosial investigates and upholds it on the
 * staff page /sanggah; the citizen then sees the decision and its reason. The page passes axe-core without
 * serious or critical violations, and the citizen's reason reaches the staff page as text.
 * Set E2E_SHOTS=<dir> for screenshots.
 */
import type { Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/modules/access/actor.ts';
import { LogCodeSender } from '../../src/modules/citizen/code-sender.ts';
import { jpegFile } from '../factories/files.ts';
import { makeHousehold, makeKk, makeNik } from '../factories/households.ts';
import { createUsers, login, PLACES } from '../support/app.ts';
import { seriousViolations } from '../support/axe.ts';
import { type BrowserRun, RUN_BROWSER_TESTS, startBrowser } from '../support/browser.ts';
import { openTestDb, type TestDb } from '../support/db.ts';

const PASSWORD = 'Kebun-Salak-Wonosobo-77';
const REASON = '<b>Punya mobil</b> dan toko besar di pasar';

describe.skipIf(!RUN_BROWSER_TESTS)('sanggah on a phone', { timeout: 300_000 }, () => {
  let t: TestDb;
  let browser: BrowserRun;
  let page: Page;
  let base: string;
  const sender = new LogCodeSender(() => {});
  let target: { nik: string; name: string };
  const email = 'penyanggah@example.id';

  beforeAll(async () => {
    t = await openTestDb('sqlite', { codeSender: sender });
    await createUsers(t.container);
    browser = await startBrowser(t.container, { name: 'sanggah', viewport: { width: 390, height: 844 } });
    ({ page, base } = browser);
    await t.container.users.create(systemActor('test'), {
      username: 'petugas-a',
      displayName: 'Petugas Desa A',
      role: 'petugas',
      regionCode: PLACES.villageA,
      password: PASSWORD,
    });
    const op = await login(browser.app, 'op-a');
    const res = await browser.app.inject({
      method: 'POST',
      url: '/api/v1/households',
      headers: op,
      payload: makeHousehold(PLACES.villageA, 91),
    });
    expect(res.statusCode, res.body).toBe(201);
    const h = res.json();
    target = h.members[0];
    // An approved recipient of the newest period (the recipients module's approval, written directly).
    await t.container.database.db
      .insertInto('recipients')
      .values({
        period: '2026-06',
        programmeCode: 'PKH',
        householdId: h.id,
        runId: '01900000-0000-7000-8000-000000000000',
        programmeVersion: '1',
        provinceCode: '33',
        regencyCode: PLACES.regency,
        villageCode: PLACES.villageA,
        kkNumber: h.kkNumber,
        headName: target.name,
        decile: 1,
        components: '[]',
        amount: 750000,
        approvedAt: '2026-06-01T00:00:00.000Z',
      })
      .execute();
    const reg = await browser.app.inject({
      method: 'POST',
      url: '/api/v1/public/citizen/register',
      payload: {
        nik: makeNik('33.07.01', '1985-03-02', 'F', 9101),
        kkNumber: makeKk('33.07.01', '2012-05-05', 911),
        fullName: 'Warga Penyanggah',
        address: 'Dusun Krajan No. 9',
        rt: '3',
        rw: '1',
        villageCode: PLACES.villageA,
        phone: '081234569101',
        email,
        username: 'penyanggah',
        password: PASSWORD,
      },
    });
    expect(reg.statusCode, reg.body).toBe(202);
    const code = sender.sent.find((m) => m.to === email)!.code!;
    const confirmed = await browser.app.inject({
      method: 'POST',
      url: '/api/v1/public/citizen/confirm',
      payload: { login: email, code },
    });
    expect(confirmed.statusCode).toBe(204);
    // The village's verification is covered by citizen.e2e.test.ts.
    await t.container.database.db
      .updateTable('citizenAccounts')
      .set({ state: 'verified' })
      .where('username', '=', 'penyanggah')
      .execute();
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await t?.cleanup();
  });

  const axe = (name: string) => seriousViolations(page, name);

  it('citizen objects → the Dinas Sosial upholds → the citizen sees the decision', async () => {
    await page.goto(`${base}/warga/masuk`);
    await page.getByLabel('Email atau NIK').fill(email);
    await page.getByLabel('Kata sandi').fill(PASSWORD);
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.waitForURL((u) => u.pathname === '/warga/akun');
    await page.getByRole('link', { name: 'Sanggah penerima bansos di desa Anda' }).click();
    await page.waitForURL((u) => u.pathname === '/warga/sanggah');
    await page.getByText('Belum ada sanggahan.').waitFor();
    expect(await axe('/warga/sanggah')).toEqual([]);

    // Sent empty first: the faults are marked at their fields, and said in words under the form.
    await page.getByRole('button', { name: 'Kirim sanggahan' }).click();
    await page.getByText('Periksa kembali isian yang ditandai di atas.').waitFor();
    expect(await page.locator('main').innerText()).not.toMatch(/\bnik:|reason:/);
    await page.getByLabel('NIK salah satu anggota keluarga penerima').fill(target.nik);
    await page.getByLabel('Nama orang itu seperti di KTP').fill(target.name);
    // A reason of several lines: a text area, not a one-line field.
    expect(await page.getByLabel('Alasan sanggahan').evaluate((e) => e.tagName)).toBe('TEXTAREA');
    await page.getByLabel('Alasan sanggahan').fill(REASON);
    await browser.snap('sanggah-form');
    await page.getByRole('button', { name: 'Kirim sanggahan' }).click();
    await page.getByText('Sanggahan terkirim.').waitFor();
    await page.getByText('Terkirim, menunggu pemeriksaan Dinas Sosial').waitFor();
    await page
      .getByLabel(/^Foto bukti/)
      .setInputFiles({ name: 'mobil.jpg', mimeType: 'image/jpeg', buffer: jpegFile(80, 60) });
    await page.getByLabel('Foto bukti (1 dari 3)').waitFor();
    // Withdrawing cannot be undone: the first tap only asks, and "Tidak" leaves the objection open.
    await page.getByRole('button', { name: 'Batalkan sanggahan' }).click();
    await page
      .getByText('Batalkan sanggahan ini? Sanggahan yang dibatalkan tidak dapat dibuka lagi.')
      .waitFor();
    await browser.snap('sanggah-withdraw-asks');
    await page.getByRole('button', { name: 'Tidak', exact: true }).click();
    await page.getByRole('button', { name: 'Batalkan sanggahan' }).waitFor();
    await page.getByText('Terkirim, menunggu pemeriksaan Dinas Sosial').waitFor();
    const mine = await page.locator('main').innerText();
    expect(mine).not.toContain(target.name);
    expect(mine).not.toContain(target.nik);
    expect(await axe('/warga/sanggah (filed)')).toEqual([]);
    await browser.snap('sanggah-filed');
    const citizenCookies = await page.context().cookies();

    await page.setViewportSize({ width: 1280, height: 900 });
    await browser.login('dinsos');
    await page.goto(`${base}/sanggah`);
    await page.getByRole('link', { name: 'Periksa' }).first().click();
    await page.getByText(REASON).waitFor();
    await page.getByRole('img', { name: 'Foto bukti 1' }).waitFor();
    await page
      .getByLabel('Tugaskan kunjungan verivali ke petugas (boleh kosong)')
      .selectOption({ label: 'Petugas Desa A' });
    await page.getByRole('button', { name: 'Mulai pemeriksaan' }).click();
    await page.getByText('Kunjungan verivali ditugaskan').waitFor();
    // The decision buttons wait for a reason, and say so.
    const needReason = page.getByText('Tulis alasan keputusan (paling sedikit 3 huruf)');
    await needReason.waitFor();
    expect(
      await page.getByRole('button', { name: 'Terima sanggahan: nyatakan tidak layak' }).isDisabled(),
    ).toBe(true);
    await page.getByLabel('Alasan keputusan (dibaca warga penyanggah)').fill('Kunjungan: keluarga mampu');
    await needReason.waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: 'Terima sanggahan: nyatakan tidak layak' }).click();
    // Irreversible for the citizen's record: a dialog names the consequence, and cancelling sends nothing.
    const dialog = page.getByRole('dialog', { name: 'Terima sanggahan?' });
    await dialog.getByText(`Keluarga ${target.name} dinyatakan tidak layak`).waitFor();
    await dialog.getByRole('button', { name: 'Batal' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await page.getByText('Sedang diperiksa').count()).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Terima sanggahan: nyatakan tidak layak' }).click();
    await dialog.getByRole('button', { name: 'Ya, nyatakan tidak layak' }).click();
    await page.getByText('Keputusan: Kunjungan: keluarga mampu').waitFor();
    await browser.snap('sanggah-decided');

    await page.context().clearCookies();
    await page.context().addCookies(citizenCookies.filter((c) => c.name === 'dtks_citizen'));
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${base}/warga/sanggah`);
    await page.getByText('Diterima: keluarga dinyatakan tidak layak').waitFor();
    await page.getByText('Kunjungan: keluarga mampu').waitFor();
    await browser.snap('sanggah-citizen-sees');
  });

  it('each citizen page reads its list once (an unstable text function re-ran the read after every answer)', async () => {
    await page.context().clearCookies();
    await page.goto(`${base}/warga/masuk`);
    await page.getByLabel('Email atau NIK').fill(email);
    await page.getByLabel('Kata sandi').fill(PASSWORD);
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.waitForURL((u) => u.pathname === '/warga/akun');
    for (const [path, api] of [
      ['/warga/sanggah', '/api/v1/public/citizen/sanggah'],
      ['/warga/program', '/api/v1/public/citizen/opt-outs'],
      ['/warga/usulan', '/api/v1/public/citizen/usulan'],
    ] as const) {
      let reads = 0;
      const count = (r: Request) => {
        if (r.method() === 'GET' && new URL(r.url()).pathname === api) reads += 1;
      };
      page.on('request', count);
      await page.goto(`${base}${path}`);
      await page.getByRole('link', { name: 'Kembali ke akun' }).waitFor();
      await page.waitForTimeout(1500);
      page.off('request', count);
      expect(reads, path).toBe(1);
    }
  });
});

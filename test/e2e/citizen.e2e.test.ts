/**
 * A citizen on a phone (390×844): registers, confirms with the code the log sender wrote (captured here),
 * logs in with the NIK, uploads the KTP photos, and — once the village verified the account — sees in
 * "who read my data" the Dinas Sosial's read with its office and purpose, never a staff name. The public
 * citizen pages pass axe-core without serious or critical violations, and a `<script>` name reaches the
 * staff list as text. Set E2E_SHOTS=<dir> for screenshots.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LogCodeSender } from '../../src/modules/citizen/code-sender.ts';
import { jpegFile } from '../factories/files.ts';
import { makeHousehold } from '../factories/households.ts';
import { createUsers, login, PLACES } from '../support/app.ts';
import { unsealedAuditRow } from '../support/audit-rows.ts';
import { seriousViolations } from '../support/axe.ts';
import { type BrowserRun, RUN_BROWSER_TESTS, startBrowser } from '../support/browser.ts';
import { openTestDb, type TestDb } from '../support/db.ts';

const PASSWORD = 'Kebun-Salak-Wonosobo-77';

describe.skipIf(!RUN_BROWSER_TESTS)('citizen account on a phone', { timeout: 300_000 }, () => {
  let t: TestDb;
  let browser: BrowserRun;
  let page: Page;
  let base: string;
  const sender = new LogCodeSender(() => {});
  const staff: Record<string, Record<string, string>> = {};
  let head: { nik: string; name: string };
  let household: { id: string; kkNumber: string };

  beforeAll(async () => {
    t = await openTestDb('sqlite', { codeSender: sender });
    await createUsers(t.container);
    browser = await startBrowser(t.container, { name: 'citizen', viewport: { width: 390, height: 844 } });
    ({ page, base } = browser);
    for (const u of ['op-a', 'dinsos']) staff[u] = await login(browser.app, u);
    const res = await browser.app.inject({
      method: 'POST',
      url: '/api/v1/households',
      headers: staff['op-a'],
      payload: makeHousehold(PLACES.villageA, 77),
    });
    expect(res.statusCode, res.body).toBe(201);
    household = res.json();
    head = res.json().members[0];
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await t?.cleanup();
  });

  const axe = (name: string) => seriousViolations(page, name);

  it('registers, confirms with the code, logs in, uploads the KTP, and sees who read the data', async () => {
    const email = 'sari.warga@example.id';
    await page.goto(`${base}/warga/daftar`);
    // Sent empty first: every fault is marked at its field on the first try (NIK and KK included), and the
    // message under the form says so in words, not with the API's field paths.
    await page.getByRole('button', { name: 'Daftar' }).click();
    await page.getByText('Periksa kembali isian yang ditandai di atas.').waitFor();
    expect(await page.locator('main').innerText()).not.toMatch(/kkNumber|fullName|villageCode/);
    for (const label of ['NIK (16 angka, sesuai KTP)', 'Nomor Kartu Keluarga (16 angka)'])
      expect(await page.getByLabel(label).getAttribute('aria-invalid'), label).toBe('true');
    await page.getByLabel('NIK (16 angka, sesuai KTP)').fill(head.nik);
    await page.getByLabel('Nomor Kartu Keluarga (16 angka)').fill(household.kkNumber);
    await page.getByLabel('Nama lengkap sesuai KTP').fill(head.name);
    await page.getByLabel('Provinsi').selectOption('33');
    await page.getByLabel('Kabupaten/kota').selectOption('33.07');
    await page.getByLabel('Kecamatan').selectOption('33.07.01');
    await page.getByLabel('Desa/kelurahan').selectOption(PLACES.villageA);
    await page.getByLabel('Alamat (jalan, dusun, nomor rumah)').fill('Dusun Krajan No. 77');
    await page.getByLabel('RT', { exact: true }).fill('5');
    await page.getByLabel('RW', { exact: true }).fill('2');
    await page.getByRole('textbox', { name: 'Nomor HP' }).fill('081234567777');
    await page.getByRole('textbox', { name: 'Email' }).fill(email);
    await page.getByLabel('Nama pengguna').fill('sari77');
    await page.getByLabel('Kata sandi', { exact: true }).fill(PASSWORD);
    await browser.snap('register');
    await page.getByRole('button', { name: 'Daftar' }).click();

    await page.waitForURL((u) => u.pathname === '/warga/konfirmasi');
    await page.getByText('Pendaftaran diterima').waitFor();
    const code = sender.sent.find((m) => m.to === email)?.code;
    expect(code).toMatch(/^\d{6}$/);
    await page.getByLabel('Kode 6 angka').fill(code!);
    await page.getByRole('button', { name: 'Konfirmasi' }).click();
    await page.getByText('Terkonfirmasi.').waitFor();
    await browser.snap('confirmed');

    await page.getByRole('link', { name: 'Masuk akun warga' }).click();
    await page.getByLabel('Email atau NIK').fill(head.nik);
    await page.getByLabel('Kata sandi').fill(PASSWORD);
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.waitForURL((u) => u.pathname === '/warga/akun');
    await page.getByText('Menunggu pemeriksaan desa/kelurahan').waitFor();
    await page.getByText('Daftar ini tersedia setelah akun Anda diverifikasi').waitFor();
    await page
      .getByLabel(/^Foto KTP/)
      .setInputFiles({ name: 'ktp.jpg', mimeType: 'image/jpeg', buffer: jpegFile() });
    await page.getByText('Foto KTP (sudah diunggah)').waitFor();
    await page
      .getByLabel(/^Swafoto memegang KTP/)
      .setInputFiles({ name: 'selfie.jpg', mimeType: 'image/jpeg', buffer: jpegFile(80, 60) });
    await page.getByText('Swafoto memegang KTP (sudah diunggah)').waitFor();
    await browser.snap('uploaded');

    // The village verifies; the regency's Dinas Sosial reads the household for a stated purpose.
    const list = await browser.app.inject({ url: '/api/v1/citizen-accounts', headers: staff['op-a'] });
    const item = list.json().items.find((i: { nik: string }) => i.nik === head.nik);
    const decided = await browser.app.inject({
      method: 'POST',
      url: `/api/v1/citizen-accounts/${item.id}/decision`,
      headers: staff['op-a'],
      payload: { action: 'verify', version: item.version },
    });
    expect(decided.statusCode, decided.body).toBe(200);
    const read = await browser.app.inject({
      url: `/api/v1/households/${household.id}`,
      headers: { ...staff.dinsos, 'x-purpose': encodeURIComponent('Pemeriksaan usulan bantuan') },
    });
    expect(read.statusCode).toBe(200);

    await page.reload();
    await page.getByText('Terverifikasi').waitFor();
    const readers = page.locator('main ol.pub-access');
    await readers.getByText('Pemeriksaan usulan bantuan').waitFor();
    const rows = await readers.locator('li').allInnerTexts();
    expect(
      rows.some((r) => r.includes('Dinas Sosial kabupaten/kota') && r.includes('Pemeriksaan usulan bantuan')),
    ).toBe(true);
    // One line per day, office and purpose, with how many times and the time in the village's zone.
    expect(rows.find((r) => r.includes('Pemeriksaan usulan bantuan'))).toMatch(/1 kali[\s\S]*WIB/);
    const text = await page.locator('main').innerText();
    for (const name of ['op-a', 'dinsos']) expect(text).not.toContain(name);
    await browser.snap('who-read-my-data');

    // A month of daily reads by the village office: the first page ends after 20 lines, "Muat lebih
    // banyak" appends the days before, until there are none.
    const db = t.container.database.db;
    const opA = await db
      .selectFrom('users')
      .select(['id', 'role'])
      .where('username', '=', 'op-a')
      .executeTakeFirstOrThrow();
    for (let day = 1; day <= 30; day++) {
      const at = `2026-09-${String(day).padStart(2, '0')}T03:00:00.000Z`;
      await db
        .insertInto('auditLog')
        .values(
          unsealedAuditRow({
            seq: 90_000_000 + day,
            id: `01900000-0000-7000-8000-${String(day).padStart(12, '0')}`,
            chain: 'e2e-access-log',
            at,
            actorId: opA.id,
            actorUsername: 'op-a',
            actorRole: opA.role,
            action: 'household.read',
            entityType: 'household',
            entityId: household.id,
            purpose: 'Pemutakhiran harian',
          }),
        )
        .execute();
    }
    await page.reload();
    await readers.getByText('Pemeriksaan usulan bantuan').waitFor();
    const more = page.getByRole('button', { name: 'Muat lebih banyak' });
    await more.waitFor();
    const shown = await readers.locator('li').count();
    expect(shown).toBeGreaterThanOrEqual(20);
    expect(shown).toBeLessThan(32);
    await more.click();
    await readers.locator('li').nth(shown).waitFor();
    await expect.poll(() => more.count()).toBe(0);
    const all = await readers.locator('li').allInnerTexts();
    expect(all.filter((r) => r.includes('Pemutakhiran harian'))).toHaveLength(30);
    await browser.snap('who-read-my-data-more');
  });

  it('passes axe-core on every citizen page', async () => {
    const violations = [];
    await page.goto(`${base}/warga/akun`);
    await page.locator('main ol.pub-access').waitFor();
    violations.push(...(await axe('/warga/akun')));
    for (const path of ['/warga/daftar', '/warga/konfirmasi', '/warga/lupa']) {
      await page.goto(`${base}${path}`);
      violations.push(...(await axe(path)));
    }
    await page.getByLabel('Email atau NIK').fill('tidak.ada@example.id');
    await page.getByRole('button', { name: 'Kirim kode' }).click();
    await page.getByLabel('Kode 6 angka').waitFor();
    violations.push(...(await axe('/warga/lupa (code)')));
    await page.context().clearCookies();
    await page.goto(`${base}/warga/masuk`);
    violations.push(...(await axe('/warga/masuk')));
    expect(violations).toEqual([]);
  });

  it('shows a citizen’s script as text on the staff page', async () => {
    const res = await browser.app.inject({
      method: 'POST',
      url: '/api/v1/public/citizen/register',
      payload: {
        nik: '3307014404900001',
        kkNumber: '3307011003159001',
        fullName: '<script>window.__pwned = 1</script>',
        address: '<img src=x onerror="window.__pwned = 2">',
        rt: '1',
        rw: '1',
        villageCode: PLACES.villageA,
        phone: '081200000001',
        email: 'script@example.id',
        username: 'skrip',
        password: PASSWORD,
      },
    });
    expect(res.statusCode, res.body).toBe(202);
    const code = sender.sent.find((m) => m.to === 'script@example.id')!.code!;
    const confirmed = await browser.app.inject({
      method: 'POST',
      url: '/api/v1/public/citizen/confirm',
      payload: { login: 'script@example.id', code },
    });
    expect(confirmed.statusCode).toBe(204);
    await page.setViewportSize({ width: 1280, height: 900 });
    await browser.login('op-a');
    await page.goto(`${base}/citizen-accounts`);
    await page.getByText('<script>window.__pwned = 1</script>').waitFor();
    await page.getByRole('link', { name: 'Periksa' }).last().click();
    await page.getByText('<img src=x onerror="window.__pwned = 2">', { exact: false }).waitFor();
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await browser.snap('staff-escaped');
  });
});

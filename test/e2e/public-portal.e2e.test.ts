/**
 * The public pages on a phone (issue 14): Cek Bansos by NIK and by region, the proof-of-work widget once the
 * client's pattern asks for it (adaptive mode, mark 1), the masked result, the statistics page with its
 * lazily loaded chart and its drill-down to the village with hidden small cells, the language switch — the public entry alone (never the staff bundle). Then axe-core
 * over every public page (and the staff abuse-reports page), failing on any serious or critical violation.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HouseholdCreate } from '../../src/modules/households/households.schemas.ts';
import { makeHousehold } from '../factories/households.ts';
import { createUsers, PLACES } from '../support/app.ts';
import {
  type BrowserRun,
  noticeSkippedBrowserSuite,
  RUN_BROWSER_TESTS,
  startBrowser,
} from '../support/browser.ts';
import { openTestDb, type TestDb } from '../support/db.ts';
import { seedDetermined } from '../support/public.ts';

noticeSkippedBrowserSuite('the public portal browser tests');

const PHONE = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
};

async function axeViolations(page: Page, name: string) {
  const require = createRequire(import.meta.url);
  const source = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(source);
  const result = await page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is injected as a global script
    const axe = (window as any).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v: { id: string; impact: string; nodes: { target: string[] }[] }) => ({
      id: v.id,
      impact: v.impact,
      targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
    }));
  });
  return (result as { id: string; impact: string; targets: string[] }[]).map((v) => ({ page: name, ...v }));
}

if (RUN_BROWSER_TESTS) {
  describe('public portal on a phone', () => {
    let t: TestDb;
    let browser: BrowserRun;
    let page: Page;
    let base: string;
    let households: HouseholdCreate[];
    const scripts: string[] = [];

    beforeAll(async () => {
      t = await openTestDb('sqlite', {
        publicChallenge: 'adaptive',
        publicLimits: { client: 50, nik: 50, village: 50, challengeAfter: 2 },
      });
      await createUsers(t.container);
      households = [1, 2, 3].map((n) => makeHousehold(PLACES.villageA, n));
      await seedDetermined(t.container, '2026-11', households);
      // Three entitlements handed to PT Pos in the regency: too few to publish, so hidden (×) at every level.
      const at = new Date().toISOString();
      await t.container.database.db
        .insertInto('entitlements')
        .values(
          (['delivered', 'delivered', 'allocated'] as const).map((state) => ({
            id: crypto.randomUUID(),
            batchId: crypto.randomUUID(),
            householdId: crypto.randomUUID(),
            tranche: 1,
            period: '2026-12',
            programmeCode: 'PKH',
            provinceCode: '33',
            regencyCode: PLACES.regency,
            districtCode: PLACES.districtA,
            villageCode: PLACES.villageA,
            pointId: null,
            form: 'cash' as const,
            amount: 300_000,
            packages: 0,
            state,
            returnReason: null,
            returnedAt: null,
            deliveredAt: null,
            version: 1,
            createdAt: at,
            updatedAt: at,
          })),
        )
        .execute();
      browser = await startBrowser(t.container, { name: 'public', ...PHONE });
      page = browser.page;
      base = browser.base;
      page.on('request', (r) => {
        if (r.resourceType() === 'script') scripts.push(r.url());
      });
    }, 240_000);
    afterAll(async () => {
      await browser?.close();
      await t?.cleanup();
    });

    it('checks by NIK and name: a masked result, from the public entry only', async () => {
      await page.goto(`${base}/cek`);
      await page.getByRole('heading', { name: 'Cek Bansos', level: 1 }).waitFor();
      const head = households[0]!.members[0]!;
      await page.getByLabel('NIK (16 angka, sesuai KTP)').fill(head.nik);
      await page.getByLabel('Nama lengkap (sesuai KTP)').fill(head.name.toLowerCase());
      await page.getByRole('button', { name: 'Cari data' }).click();
      await page.getByRole('heading', { name: 'Data ditemukan' }).waitFor();
      await expect.poll(() => page.getByText('BU** SA***** 1').count()).toBe(1);
      expect(await page.locator('main').innerText()).not.toContain(head.nik);
      await browser.snap('found');
      // The public bundle, not the staff app's.
      expect(scripts.some((s) => /\/assets\/public-[^/]+\.js$/.test(s))).toBe(true);
      expect(scripts.some((s) => /\/assets\/index-[^/]+\.js$/.test(s))).toBe(false);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      // Every menu entry is in sight on the phone (the menu wraps; it used to scroll "Laporkan" away).
      const outOfSight = await page.evaluate(() =>
        [...document.querySelectorAll('nav a')]
          .filter((a) => a.getBoundingClientRect().right > window.innerWidth)
          .map((a) => a.textContent),
      );
      expect(outOfSight).toEqual([]);
    });

    it('asks for the proof of work once the pattern is suspicious, then answers', async () => {
      const m = households[1]!.members[1]!;
      await page.getByLabel('NIK (16 angka, sesuai KTP)').fill(m.nik);
      await page.getByLabel('Nama lengkap (sesuai KTP)').fill('Nama Lain');
      await page.getByRole('button', { name: 'Cari data' }).click();
      await page.getByRole('heading', { name: 'Data tidak ditemukan' }).waitFor();
      await page.getByRole('button', { name: 'Cari data' }).click();
      await page.getByRole('alert').filter({ hasText: 'pemeriksaan keamanan' }).waitFor();
      await page.locator('altcha-widget').waitFor();
      await expect
        .poll(() => page.locator('altcha-widget').getByText('Terverifikasi').count(), { timeout: 30_000 })
        .toBe(1);
      await browser.snap('challenge-solved');
      await page.getByLabel('Nama lengkap (sesuai KTP)').fill(m.name);
      await page.getByRole('button', { name: 'Cari data' }).click();
      await page.getByRole('heading', { name: 'Data ditemukan' }).waitFor();
      await expect.poll(() => page.getByText('SI** AM**** 2').count()).toBe(1);
    });

    it('checks by region: province, regency, district, village and name', async () => {
      // A fresh client (new context) is not challenged at first.
      await page.context().clearCookies();
      await page.goto(`${base}/cek`);
      await page.getByLabel('Wilayah').check();
      const choose = async (label: string, code: string) => {
        const select = page.getByLabel(label, { exact: true });
        await expect.poll(() => select.locator(`option[value="${code}"]`).count()).toBe(1);
        await select.selectOption(code);
      };
      await choose('Provinsi', '33');
      await choose('Kabupaten/Kota', PLACES.regency);
      await choose('Kecamatan', PLACES.districtA);
      await choose('Desa/Kelurahan', PLACES.villageA);
      await page.getByLabel('Nama lengkap (sesuai KTP)').fill('Adi Nugroho 3');
      await page.getByRole('button', { name: 'Cari data' }).click();
      // The earlier checks may have reached the mark: solve when asked.
      const found = page.getByRole('heading', { name: 'Data ditemukan' });
      const asked = page.locator('altcha-widget');
      await Promise.race([found.waitFor(), asked.waitFor()]);
      if (await asked.count()) {
        await expect.poll(() => asked.getByText('Terverifikasi').count(), { timeout: 30_000 }).toBe(1);
        await page.getByRole('button', { name: 'Cari data' }).click();
        await found.waitFor();
      }
      await expect.poll(() => page.getByText('AD* NU***** 3').count()).toBe(1);
      await browser.snap('found-by-region');
    });

    it('shows the statistics with a table first and the chart loaded on demand; switches language', async () => {
      await page.getByRole('link', { name: 'Statistik' }).click();
      await page.getByRole('heading', { name: 'Statistik DTKS', level: 1 }).waitFor();
      await page.getByRole('rowheader', { name: /Jawa Tengah/i }).waitFor();
      // No recipient list approved in this database: said so, under its own heading.
      await page.getByRole('heading', { name: 'Penerima per program bantuan' }).waitFor();
      await page.getByText('Belum ada daftar penerima yang disetujui di wilayah ini.').waitFor();
      // The chart library is fetched only when the chart is asked for; the staff data layer (TanStack
      // Query's chunk) never.
      expect(scripts.some((s) => /echarts/.test(s))).toBe(false);
      expect(scripts.filter((s) => /\/assets\/query-[^/]+\.js$/.test(s))).toEqual([]);
      // The month names come from the shared formatters' own small chunk, not the staff lists' chunk.
      expect(scripts.filter((s) => /\/assets\/lists-[^/]+\.js$/.test(s))).toEqual([]);
      await page.getByRole('button', { name: 'Tampilkan grafik' }).click();
      await expect.poll(() => page.locator('.pub-chart svg').count()).toBeGreaterThan(0);
      expect(scripts.some((s) => /echarts/.test(s))).toBe(true);
      await page.getByRole('link', { name: /Jawa Tengah/i }).click();
      await expect.poll(() => page.url()).toMatch(/region=33$/);
      await page.getByRole('rowheader', { name: /Wonosobo/i }).waitFor();
      // The distribution figures of the province: three entitlements in all, each count and its amount ×.
      await page.getByRole('heading', { name: 'Penyaluran melalui PT Pos, periode Desember 2026' }).waitFor();
      for (const state of ['Dialokasikan', 'Sudah diterima', 'Dikembalikan', 'Belum tersalur']) {
        const row = page.getByRole('row', { name: new RegExp(`^${state}`) });
        expect(await row.getByRole('cell', { name: 'disembunyikan' }).count(), state).toBe(2);
      }
      expect(await page.locator('main').innerText()).not.toMatch(/Rp\s?600\.000|Rp\s?900\.000/);
      // Down to the kecamatan and the village: three households in all, so every figure is hidden (× with
      // its spoken word and the note on small cells), and the period can be chosen.
      await page.getByRole('link', { name: /Wonosobo/i }).click();
      await page.getByRole('link', { name: 'Wadaslintang' }).click();
      await expect.poll(() => page.url()).toMatch(/region=33\.07\.01$/);
      await page.getByRole('rowheader', { name: 'Kaligowong' }).waitFor();
      await page.getByText(/angka di bawah 10 keluarga tidak ditampilkan/).waitFor();
      expect(await page.getByRole('cell', { name: 'disembunyikan' }).count()).toBeGreaterThan(0);
      await page.getByLabel('Periode', { exact: true }).selectOption('2026-11');
      await expect.poll(() => page.url()).toMatch(/period=2026-11/);
      await page.getByRole('link', { name: 'Kaligowong' }).click();
      await page.getByRole('heading', { name: /Statistik DTKS — Kaligowong/, level: 1 }).waitFor();
      await page.getByRole('link', { name: /Kembali ke Wadaslintang/ }).click();
      await page.getByRole('rowheader', { name: 'Kaligowong' }).waitFor();
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('heading', { name: /DTKS statistics/ }).waitFor();
      await page.getByRole('link', { name: 'Check aid' }).click();
      await page.getByRole('heading', { name: 'Check social aid', level: 1 }).waitFor();
      await page.getByRole('button', { name: 'Bahasa Indonesia' }).click();
      await browser.snap('statistics');
    });

    it('fits the statistics of many programmes on the phone: no sideways page scroll, names not codes', async () => {
      // Eight programmes with long names and large figures in four regencies (the test database has no
      // approved recipient list, so the answer is given here).
      const programmes = Array.from({ length: 8 }, (_, i) => ({
        code: `PROV_33_SANTUNAN_LANSIA_${i}`,
        name: `Santunan Lanjut Usia Provinsi Jawa Tengah Tahap ${i + 1}`,
        period: '2026-11',
        households: 123_456 + i,
        amount: 98_765_432_100 + i,
      }));
      const children = ['33.01', '33.02', '33.03', '33.04'].map((code, n) => ({
        code,
        name: `Kabupaten Dengan Nama Panjang ${n + 1}`,
        households: 1_234_567,
        persons: 4_567_890,
        programmes: programmes.map((p) => ({ code: p.code, households: p.households, amount: p.amount })),
      }));
      const answer = {
        region: { code: '33', name: 'Jawa Tengah', level: 1, parentCode: null, parentName: null },
        period: '2026-11',
        minCell: 10,
        periods: [{ period: '2026-11', households: 4_938_268, persons: 18_271_560 }],
        children,
        programmes,
        distribution: null,
      };
      await page.route('**/api/v1/public/statistics**', (route) =>
        route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(answer) }),
      );
      try {
        await page.goto(`${base}/statistik?region=33`);
        await page
          .getByRole('columnheader', { name: 'Santunan Lanjut Usia Provinsi Jawa Tengah Tahap 8' })
          .waitFor();
        expect(await page.getByText('PROV_33_SANTUNAN_LANSIA_0').count()).toBe(0);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow).toBeLessThanOrEqual(0);
        await browser.snap('statistics-many-programmes');
        const violations = await axeViolations(page, '/statistik with many programmes');
        expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
      } finally {
        await page.unroute('**/api/v1/public/statistics**');
      }
    });

    it('has no serious or critical accessibility violations on any public page (axe-core)', async () => {
      const violations = [];
      await page.goto(`${base}/cek`);
      await page.getByRole('heading', { name: 'Cek Bansos', level: 1 }).waitFor();
      violations.push(...(await axeViolations(page, '/cek')));
      const head = households[2]!.members[0]!;
      await page.getByLabel('NIK (16 angka, sesuai KTP)').fill(head.nik);
      await page.getByLabel('Nama lengkap (sesuai KTP)').fill(head.name);
      await page.getByRole('button', { name: 'Cari data' }).click();
      await page.locator('altcha-widget, .pub-result').first().waitFor();
      violations.push(...(await axeViolations(page, '/cek answered or challenged')));
      await page.getByLabel('Wilayah').check();
      violations.push(...(await axeViolations(page, '/cek by region')));
      await page.goto(`${base}/statistik`);
      await page.getByRole('rowheader').first().waitFor();
      violations.push(...(await axeViolations(page, '/statistik')));
      await page.getByRole('button', { name: 'Tampilkan grafik' }).click();
      await page.locator('.pub-chart svg').first().waitFor();
      violations.push(...(await axeViolations(page, '/statistik with the chart')));
      await page.goto(`${base}/statistik?region=33`);
      await page.getByRole('rowheader').first().waitFor();
      violations.push(...(await axeViolations(page, '/statistik?region=33')));
      await page.goto(`${base}/statistik?region=33.07.01&period=2026-11`);
      await page.getByRole('rowheader').first().waitFor();
      violations.push(...(await axeViolations(page, '/statistik?region=33.07.01 (hidden cells)')));
      await page.setViewportSize({ width: 1280, height: 900 });
      await browser.login('dinsos');
      await page.goto(`${base}/abuse-reports`);
      await page.getByRole('heading', { name: 'Laporan penyalahgunaan Cek Bansos' }).waitFor();
      violations.push(...(await axeViolations(page, '/abuse-reports (staff)')));
      const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(serious).toEqual([]);
    }, 120_000);

    it('a page whose code is gone (the site was updated since it opened) says so and reloads, not a blank page', async () => {
      const gone = '**/assets/LaporPage-*.js';
      await page.route(gone, (route) => route.abort());
      await page.goto(`${base}/lapor`);
      const alert = page.getByRole('alert');
      await alert.waitFor();
      expect(await alert.textContent()).toContain('muat ulang halaman');
      await page.unroute(gone);
      await alert.getByRole('button', { name: 'Muat ulang' }).click();
      await page.locator('main h1').waitFor();
      expect(await page.getByRole('alert').count()).toBe(0);
    });
  });
}

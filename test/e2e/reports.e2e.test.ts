/**
 * Laporan on a phone (issue 14): a citizen files a report at /lapor without an account, receives the tracking
 * number and follows it at /lapor/lacak; the village operator triages and answers on the staff "Laporan"
 * page (where the reporter's script shows as text); the reporter then sees the reply. Then axe-core over the
 * new public pages and the staff page, failing on any serious or critical violation.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jpegFile } from '../factories/files.ts';
import { createUsers, PLACES } from '../support/app.ts';
import {
  type BrowserRun,
  noticeSkippedBrowserSuite,
  RUN_BROWSER_TESTS,
  startBrowser,
} from '../support/browser.ts';
import { openTestDb, type TestDb } from '../support/db.ts';

noticeSkippedBrowserSuite('the reports browser tests');

const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const SCRIPT = '<script>window.__pwned = 1</script>';

async function axeViolations(page: Page, name: string) {
  const require = createRequire(import.meta.url);
  await page.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
  const result = await page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is injected as a global script
    const r = await (window as any).axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v: { id: string; impact: string; nodes: { target: string[] }[] }) => ({
      id: v.id,
      impact: v.impact,
      targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
    }));
  });
  return (result as { id: string; impact: string; targets: string[] }[]).map((v) => ({ page: name, ...v }));
}

if (RUN_BROWSER_TESTS) {
  describe('reports: file, track, staff answer', () => {
    let t: TestDb;
    let browser: BrowserRun;
    let page: Page;
    let base: string;
    let tracking = '';
    /** Moves the server's clock (SLA timers) ahead. */
    let shift = 0;
    const violations: { page: string; id: string; impact: string; targets: string[] }[] = [];

    beforeAll(async () => {
      t = await openTestDb('sqlite', { publicChallenge: 'off', now: () => new Date(Date.now() + shift) });
      await createUsers(t.container);
      browser = await startBrowser(t.container, { name: 'reports', ...PHONE });
      page = browser.page;
      base = browser.base;
    }, 240_000);
    afterAll(async () => {
      await browser?.close();
      await t?.cleanup();
    });

    it('files a report on a phone and receives a tracking number', async () => {
      await page.goto(`${base}/lapor`);
      await page.getByRole('heading', { name: 'Laporkan', level: 1 }).waitFor();
      violations.push(...(await axeViolations(page, '/lapor')));
      // Sent empty: each field says what is missing in words, and the summary sends the citizen there
      // instead of listing API paths (reporter.name, villageCode).
      await page.getByRole('button', { name: 'Kirim laporan' }).click();
      await page.getByText('Periksa kembali isian yang ditandai di atas.').waitFor();
      const sentEmpty = await page.locator('main').innerText();
      expect(sentEmpty).not.toContain('reporter.name');
      expect(sentEmpty).toContain('wajib diisi');
      await page.getByLabel('Nama Anda').fill(`Warga ${SCRIPT}`);
      await page.getByLabel('Nomor telepon/WhatsApp').fill('081234567890');
      const choose = async (label: string, code: string) => {
        const select = page.getByLabel(label, { exact: true });
        await expect.poll(() => select.locator(`option[value="${code}"]`).count()).toBe(1);
        await select.selectOption(code);
      };
      await choose('Provinsi', '33');
      await choose('Kabupaten/kota', PLACES.regency);
      await choose('Kecamatan', PLACES.districtA);
      await choose('Desa/kelurahan', PLACES.villageA);
      await page.getByLabel('Alamat (nama jalan, dusun, atau ciri rumah)').fill('Dusun Krajan');
      await page.getByLabel('Jenis laporan').selectOption('aid_cut');
      await page.getByLabel('Isi laporan').fill(`Bantuan dipotong Rp50.000 ${SCRIPT}`);
      await page
        .getByLabel('Foto bukti (tidak wajib, paling banyak 3)')
        .setInputFiles({ name: 'bukti.jpg', mimeType: 'image/jpeg', buffer: jpegFile() });
      await page.getByRole('button', { name: 'Kirim laporan' }).click();
      const number = page.getByTestId('tracking-number');
      await number.waitFor();
      tracking = (await number.innerText()).trim();
      expect(tracking).toMatch(/^LPR-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await browser.snap('filed');
      await page.getByRole('status').getByRole('link', { name: 'Lacak laporan' }).click();
      await expect.poll(() => page.getByTestId('report-status').textContent()).toBe('Diterima');
      violations.push(...(await axeViolations(page, '/lapor/lacak with a report')));
      expect(await page.locator('main').innerText()).not.toContain('081234567890');
    });

    it('the village operator triages and answers; the reporter sees the reply', async () => {
      await page.setViewportSize({ width: 1280, height: 900 });
      await browser.login('op-a');
      // A week later the untriaged report is overdue: listed, counted per village.
      shift = 7 * 86_400_000;
      await page.goto(`${base}/reports?overdue=true`);
      await page.getByTestId('reports-overdue').getByRole('cell', { name: '1' }).waitFor();
      await page.getByTestId('reports').getByText('Belum ditelaah').waitFor();
      shift = 0;
      await page.goto(`${base}/reports`);
      await page.getByRole('link', { name: tracking }).click();
      await page.getByTestId('report-text').waitFor();
      expect(await page.getByTestId('report-text').innerText()).toContain(SCRIPT);
      await page.getByRole('img', { name: 'Foto bukti 1' }).waitFor();
      expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
      violations.push(...(await axeViolations(page, '/reports/:id (staff)')));
      await page.getByRole('button', { name: 'Telaah' }).click();
      await page.getByRole('button', { name: 'Telaah' }).waitFor({ state: 'detached' });
      // Assign to an officer of the report's village: only those `assign` accepts are offered.
      const assignees = page.getByLabel('Tugaskan kepada');
      const offered = await assignees.locator('option').allInnerTexts();
      expect(offered.some((o) => o.startsWith('kades-a'))).toBe(true);
      expect(offered.some((o) => o.startsWith('op-b') || o.startsWith('dinsos-other'))).toBe(false);
      await assignees.selectOption({ label: offered.find((o) => o.startsWith('kades-a'))! });
      await page.getByRole('button', { name: 'Tugaskan', exact: true }).click();
      await page.getByTestId('report-steps').getByText('Ditugaskan kepada kades-a').waitFor();
      await page.getByLabel('Tanggapan atau catatan').fill('Laporan Anda sedang kami periksa ke lapangan.');
      await page.getByRole('button', { name: 'Simpan' }).click();
      await page.getByTestId('report-steps').getByText('Tanggapan untuk pelapor').waitFor();
      await page.goto(`${base}/reports`);
      await page.getByTestId('reports').waitFor();
      violations.push(...(await axeViolations(page, '/reports (staff)')));
      await browser.snap('staff');
      // The auditor reads the report without its steps, told why.
      await browser.logout();
      await browser.login('auditor');
      await page.goto(`${base}/reports`);
      await page.getByRole('link', { name: tracking }).click();
      await page.getByText('Peran Anda dapat membaca laporan warga, tetapi tidak menanganinya.').waitFor();
      expect(await page.getByLabel('Tanggapan atau catatan').count()).toBe(0);
      await browser.logout();

      await page.setViewportSize(PHONE.viewport);
      await page.goto(`${base}/lapor/lacak?nomor=${encodeURIComponent(tracking)}`);
      await expect.poll(() => page.getByTestId('report-status').textContent()).toBe('Diproses');
      await page.getByText('Laporan Anda sedang kami periksa ke lapangan.').waitFor();
      await browser.snap('reporter-sees-reply');
      const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(serious).toEqual([]);
    });
  });
}

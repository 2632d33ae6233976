/**
 * "Program bansos" in a real browser: Pusdatin pastes a programme document with a mistake and sees the problem
 * at its JSON pointer, uploads a good one, opens the draft, reads its rules in words and publishes it behind
 * the confirmation; PKH's components and amounts read in Indonesian. Runs the real server on a fresh SQLite
 * copy and the built web app.
 *
 * Without Chromium the suite is skipped with a loud notice, except with CI=true where that is a failure.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_KIP_KULIAH, DEFAULT_PKH } from '../../src/domain/programmes/defaults.ts';
import { systemActor } from '../../src/modules/access/actor.ts';
import { createUsers } from '../support/app.ts';
import {
  type BrowserRun,
  noticeSkippedBrowserSuite,
  RUN_BROWSER_TESTS,
  startBrowser,
} from '../support/browser.ts';
import { openTestDb, type TestDb } from '../support/db.ts';

noticeSkippedBrowserSuite('the programme pages browser tests');

describe.skipIf(!RUN_BROWSER_TESTS)('programmes as configuration, in the browser', () => {
  let t: TestDb;
  let browser: BrowserRun;
  let page: Page;

  beforeAll(async () => {
    t = await openTestDb('sqlite');
    await createUsers(t.container);
    const system = systemActor('e2e');
    await t.container.programmes.upload(system, DEFAULT_PKH);
    await t.container.programmes.publish(system, DEFAULT_PKH.code, DEFAULT_PKH.version);
    browser = await startBrowser(t.container, { name: 'programmes', shotPrefix: '' });
    ({ page } = browser);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await t?.cleanup();
  });

  it('shows where a document is wrong, then uploads, explains and publishes a good one', async () => {
    await browser.login('pusdatin');
    await page.goto(`${browser.base}/programmes`);
    await page.getByRole('heading', { name: 'Program bansos', level: 1 }).waitFor();
    const list = page.getByTestId('programmes');
    await list.getByRole('link', { name: 'Program Keluarga Harapan' }).waitFor();
    await list.getByText('Desil 1–4 (nasional)').waitFor();

    const text = page.getByLabel('Atau tempel isi dokumen');
    await text.fill(
      JSON.stringify({ ...DEFAULT_KIP_KULIAH, eligibility: { var: 'kolamRenang', op: '=', value: true } }),
    );
    await page.getByRole('button', { name: 'Periksa dan unggah' }).click();
    const problems = page.getByTestId('document-problems');
    await problems.getByText('/eligibility/var').waitFor();
    await problems.getByText('Variabel rumah tangga "kolamRenang" tidak dikenal', { exact: false }).waitFor();
    await browser.snap('programme-problems');

    await text.fill(JSON.stringify(DEFAULT_KIP_KULIAH));
    await page.getByRole('button', { name: 'Periksa dan unggah' }).click();
    await page.getByText('Tersimpan sebagai draf: KIP_KULIAH versi KIP_KULIAH-2026-1.').waitFor();
    await page.getByRole('link', { name: 'Buka untuk diterbitkan' }).click();

    const version = page.getByTestId('programme-version');
    await version.getByRole('heading', { name: 'Versi KIP_KULIAH-2026-1 (draf)' }).waitFor();
    const rules = (await page.getByTestId('programme-rules').textContent()) ?? '';
    expect(rules).toContain('ada anggota dengan [semua berikut: Partisipasi sekolah = Masih sekolah;');
    expect(rules).toContain('Perguruan tinggi');
    expect(rules).toContain('Umur (tahun, akhir periode) ≤ 24');
    await page
      .getByTestId('programme-exclusions')
      .getByText('Ditidaklayakkan oleh Pemerintah Daerah')
      .waitFor();
    const amounts = (await page.getByTestId('programme-amounts').textContent()) ?? '';
    expect(amounts).toContain('Rp4.200.000 × Mahasiswa');
    expect(amounts).toContain('Maret, September');
    await browser.snap('programme-draft');

    await version.getByRole('button', { name: 'Terbitkan' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Terbitkan KIP_KULIAH versi KIP_KULIAH-2026-1?').waitFor();
    await dialog.getByRole('button', { name: 'Terbitkan' }).click();
    await page.getByText('Diterbitkan: KIP_KULIAH versi KIP_KULIAH-2026-1.').waitFor();
    await version.getByRole('heading', { name: 'Versi KIP_KULIAH-2026-1 (berlaku)' }).waitFor();
    expect((await t.container.programmes.current('KIP_KULIAH'))?.version).toBe('KIP_KULIAH-2026-1');
  });

  it("reads PKH's components, cap and quarterly schedule in Indonesian, without a publish button for others", async () => {
    await browser.logout();
    await browser.login('dinsos');
    await page.goto(`${browser.base}/programmes/PKH`);
    const amounts = page.getByTestId('programme-amounts');
    await amounts.getByText('Paling banyak 4 komponen per keluarga', { exact: false }).waitFor();
    await amounts.getByRole('cell', { name: 'Anak sekolah SD/sederajat' }).waitFor();
    await amounts.getByRole('cell', { name: 'Rp900.000' }).waitFor();
    expect((await amounts.textContent()) ?? '').toContain('Januari, April, Juli, Oktober');
    await page
      .getByTestId('programme-rules')
      .waitFor({ state: 'detached' })
      .catch(() => {});
    await page.getByText('Tidak ada syarat selain desil sasaran.').waitFor();
    expect(await page.getByRole('button', { name: 'Terbitkan' }).count()).toBe(0);
    await browser.snap('programme-pkh');
  });
});

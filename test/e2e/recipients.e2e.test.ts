/**
 * Bansos recipients in a real browser: the period is determined and ranked (seeded); the regency's Dinas
 * Sosial computes PKH for its regency (a job), submits it; Pusdatin approves it; the household's "Program"
 * tab then shows PKH received in that period and why. Runs the real server on a fresh SQLite copy and the
 * built web app, in Indonesian.
 *
 * Without Chromium the suite is skipped with a loud notice, except with CI=true where that is a failure.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/modules/access/actor.ts';
import { JobWorker } from '../../src/modules/jobs/jobs.worker.ts';
import { makeHousehold } from '../factories/households.ts';
import { createUsers, PLACES } from '../support/app.ts';
import {
  type BrowserRun,
  noticeSkippedBrowserSuite,
  RUN_BROWSER_TESTS,
  startBrowser,
} from '../support/browser.ts';
import { openTestDb, type TestDb } from '../support/db.ts';
import { determinedRankedPeriod, publishProgrammes } from '../support/recipients.ts';

noticeSkippedBrowserSuite('the recipients browser tests');

const PERIOD = '2026-04';

describe.skipIf(!RUN_BROWSER_TESTS)('bansos recipients, in the browser', () => {
  let t: TestDb;
  let browser: BrowserRun;
  let page: Page;
  let worker: JobWorker;
  const ids: string[] = [];
  let names: Map<string, string>;

  beforeAll(async () => {
    t = await openTestDb('sqlite');
    await createUsers(t.container);
    await publishProgrammes(t.container);
    names = await t.container.regions.names([PLACES.regency, PLACES.villageA]);
    const system = systemActor('e2e');
    for (let n = 1; n <= 3; n++) {
      const h = makeHousehold(PLACES.villageA, 80 + n);
      // A child in junior secondary school: one PKH component.
      h.members[2] = { ...h.members[2]!, educationLevel: 4 };
      ids.push((await t.container.households.create(system, h)).id);
    }
    await determinedRankedPeriod(
      t.container,
      PERIOD,
      ids.map((id, i) => ({ id, village: PLACES.villageA, decile: i + 1 })),
    );
    worker = new JobWorker(t.container.jobs, { pollMs: 50 });
    worker.start();
    browser = await startBrowser(t.container, { name: 'recipients', shotPrefix: '' });
    ({ page } = browser);
  }, 180_000);

  afterAll(async () => {
    await worker?.stop();
    await browser?.close();
    await t?.cleanup();
  });

  it('proposes and approves PKH for the regency, then shows the household its programme history', async () => {
    await browser.login('dinsos');
    await page.goto(`${browser.base}/recipients`);
    await page.getByRole('heading', { name: 'Penerima bansos', level: 1 }).waitFor();
    // The regency is the territory's only one, by name; the programmes are those published that apply here.
    const computeForm = page.locator('form', {
      has: page.getByRole('heading', { name: 'Hitung calon penerima' }),
    });
    await computeForm
      .getByRole('group', { name: 'Kabupaten/kota' })
      .getByText(names.get(PLACES.regency)!)
      .waitFor();
    const programme = computeForm.locator('select[name="programme"]');
    await programme.locator('option[value="PKH"]').waitFor({ state: 'attached' });
    expect(
      await programme.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value)),
    ).toEqual(['', 'BPNT', 'KIP_KULIAH', 'PBI_JK', 'PKH']);
    expect(await programme.locator('option[value="PKH"]').textContent()).toBe('Program Keluarga Harapan');
    expect(await computeForm.getByRole('button', { name: 'Hitung calon' }).isDisabled()).toBe(true);
    await programme.selectOption('PKH');
    await page.getByRole('button', { name: 'Hitung calon' }).click();
    const row = page.getByTestId('recipient-proposals').locator('tr[data-programme="PKH"]');
    await page.locator('tr[data-programme="PKH"][data-state="computed"]').waitFor();
    expect(await row.locator('td').nth(3).textContent()).toBe('3');
    // The buttons' cell lines up with the row's other cells (a flex cell left the lines out of step).
    const tops = await row
      .locator('td')
      .evaluateAll((cells) => [...new Set(cells.map((c) => Math.round(c.getBoundingClientRect().top)))]);
    expect(tops).toHaveLength(1);
    await row.getByRole('button', { name: 'Periksa calon' }).click();
    const review = page.getByTestId('candidate-review');
    await review.locator('tr[data-outcome="candidate"]').first().waitFor();
    // The candidates' village by name, not its code.
    await review
      .getByRole('cell', { name: names.get(PLACES.villageA)!, exact: true })
      .first()
      .waitFor();
    expect(await review.getByRole('cell', { name: PLACES.villageA, exact: true }).count()).toBe(0);
    await browser.snap('recipients-review');
    await row.getByRole('button', { name: 'Ajukan' }).click();
    await page.locator('tr[data-programme="PKH"][data-state="submitted"]').waitFor();
    await browser.logout();

    await browser.login('pusdatin');
    await page.goto(`${browser.base}/recipients?state=submitted`);
    const submitted = page.locator('tr[data-programme="PKH"][data-state="submitted"]');
    await submitted.getByRole('button', { name: 'Setujui' }).click();
    await page.goto(`${browser.base}/recipients`);
    await page.locator('tr[data-programme="PKH"][data-state="approved"]').waitFor();
    const totals = page.getByTestId('recipient-totals');
    await totals.getByRole('rowheader', { name: 'Jumlah' }).waitFor();
    await page.getByTestId('recipients').locator('tbody tr').nth(2).waitFor();
    const recipients = page.getByTestId('recipients');
    await recipients
      .getByRole('cell', { name: names.get(PLACES.villageA)!, exact: true })
      .first()
      .waitFor();
    expect(await recipients.getByRole('cell', { name: PLACES.villageA, exact: true }).count()).toBe(0);
    await browser.snap('recipients-approved');

    await page.goto(`${browser.base}/households/${ids[0]}?tab=programmes`);
    const panel = page.getByTestId('household-programmes');
    await panel.getByRole('heading', { name: 'Mengapa (tidak) menerima, periode April 2026' }).waitFor();
    const history = panel.getByTestId('programme-history');
    await history.locator('tr[data-status="recipient"]').waitFor();
    // Programme names arrive apart from the rows (the code shows until then).
    await expect
      .poll(() => history.locator('tr[data-status="recipient"] td').nth(1).textContent())
      .toBe('Program Keluarga Harapan');
    const text = (await panel.textContent()) ?? '';
    expect(text).toMatch(/Rp375\.000/);
    expect(text).not.toMatch(/out_of_target|candidate|JUNIOR_SECONDARY/);
    await browser.snap('household-programmes');

    // The regency records the family's opt-out of PKH on its written request; the tab lists it as standing.
    await browser.logout();
    await browser.login('dinsos');
    await page.goto(`${browser.base}/households/${ids[0]}?tab=programmes`);
    const optOuts = page.getByTestId('opt-outs');
    const form = optOuts.getByTestId('opt-out-form');
    await form.locator('select[name="programme"] option[value="PKH"]').waitFor({ state: 'attached' });
    await form.locator('select[name="programme"]').selectOption('PKH');
    await form.locator('input[name="requestedOn"]').fill('2024-06-03');
    await form.locator('input[name="reason"]').fill('Keluarga sudah mampu');
    await form.getByRole('button', { name: 'Catat' }).click();
    await optOuts.locator('tr[data-programme="PKH"][data-standing="true"]').waitFor();
    await expect
      .poll(() => optOuts.locator('tr[data-programme="PKH"] td').first().textContent())
      .toBe('Program Keluarga Harapan');
  });

  it('computes every other programme of the regency in one pass; the approved PKH stays as it is', async () => {
    await page.goto(`${browser.base}/recipients`);
    await page.getByRole('heading', { name: 'Penerima bansos', level: 1 }).waitFor();
    await page.locator('input[name="allProgrammes"]').check();
    expect(await page.locator('select[name="programme"]').isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Hitung calon' }).click();
    for (const code of ['BPNT', 'KIP_KULIAH', 'PBI_JK']) {
      await page.locator(`tr[data-programme="${code}"][data-state="computed"]`).waitFor();
    }
    expect(await page.locator('tr[data-programme="PKH"]').getAttribute('data-state')).toBe('approved');
    // PBI-JK pays no cash to the family: its amount says so instead of "Rp0".
    const pbi = page.locator('tr[data-programme="PBI_JK"] td').nth(5);
    expect(await pbi.textContent()).toMatch(/^Iuran ke BPJS/);
    expect(await pbi.locator('[title]').getAttribute('title')).toMatch(/BPJS Kesehatan/);
    // KIP Kuliah pays in March and September: April's amount says it is not a payment month.
    const kip = page.locator('tr[data-programme="KIP_KULIAH"] td').nth(5);
    expect(await kip.textContent()).toMatch(/^Tidak dibayar bulan ini/);
    expect(await page.getByTestId('recipient-proposals').textContent()).not.toContain('Rp0');
    // The page, its compute form and a candidate review fit a phone's width (tables scroll inside their frame).
    await page.setViewportSize({ width: 390, height: 844 });
    await page.locator('tr[data-programme="PBI_JK"]').getByRole('button', { name: 'Periksa calon' }).click();
    await page.getByTestId('candidate-review').locator('tbody tr').first().waitFor();
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    ).toBeLessThanOrEqual(0);
    await browser.snap('recipients-phone');
  });
});

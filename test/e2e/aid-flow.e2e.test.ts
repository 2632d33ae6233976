/**
 * The whole targeting flow of issue 13 in one browser run, through the screens only: Pusdatin's analyst
 * publishes a scoring model and ranks the determined period with it (a job, its progress bar to the end);
 * the regency's Dinas Sosial computes the PKH candidates of its regency from that ranking and submits them;
 * Pusdatin approves; a household of the approved list then shows its "why this desil" panel (with the model
 * version just published) and its programme history (PKH in that period). Only the determined period and the
 * programme documents are seeded; no ranking is written directly. Runs the real server (and a job worker, as
 * `dtks serve` does) on a fresh SQLite copy and the built web app, in Indonesian.
 *
 * Without Chromium the suite is skipped with a loud notice, except with CI=true where that is a failure.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MODEL } from '../../src/domain/ranking/default-model.ts';
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
import { determinedPeriod, publishProgrammes } from '../support/recipients.ts';

noticeSkippedBrowserSuite('the targeting flow browser test');

/** April: a PKH tranche is paid (quarterly, January, April, July and October). */
const PERIOD = '2026-04';
/** How the screens name it. */
const PERIOD_LABEL = 'April 2026';
const MODEL = 'pmt-flow-1';

describe.skipIf(!RUN_BROWSER_TESTS)(
  'publish a model, rank, propose and approve PKH, explain a household',
  () => {
    let t: TestDb;
    let browser: BrowserRun;
    let page: Page;
    let worker: JobWorker;
    /** Poorest first: the model orders them so (earth floor, firewood, two meals a day → ceramic, a car). */
    const ids: string[] = [];

    beforeAll(async () => {
      t = await openTestDb('sqlite');
      await createUsers(t.container);
      await publishProgrammes(t.container);
      const system = systemActor('e2e');
      const answers = [
        { floorMaterial: 9, cookingFuel: 8, hasMotorcycle: false, mealsPerDay: 2, canPayClinic: false },
        { floorMaterial: 9, cookingFuel: 8, hasMotorcycle: true, mealsPerDay: 3 },
        { floorMaterial: 2, cookingFuel: 3, hasMotorcycle: true, hasRefrigerator: true },
        { floorMaterial: 2, cookingFuel: 2, hasMotorcycle: true, hasRefrigerator: true, hasCar: true },
      ];
      for (const [n, a] of answers.entries()) {
        const h = makeHousehold(PLACES.villageA, 90 + n, a);
        // A child in junior secondary school: one PKH component in every family.
        h.members[2] = { ...h.members[2]!, educationLevel: 4 };
        ids.push((await t.container.households.create(system, h)).id);
      }
      await determinedPeriod(
        t.container,
        PERIOD,
        ids.map((id) => ({ id, village: PLACES.villageA })),
      );
      // A worker as `dtks serve` runs one; each checkpoint pauses so the ranking's bar can be seen.
      worker = new JobWorker(t.container.jobs, {
        pollMs: 50,
        afterCheckpoint: () => new Promise((r) => setTimeout(r, 200)),
      });
      worker.start();
      browser = await startBrowser(t.container, { name: 'aid-flow', shotPrefix: 'aid-flow-' });
      ({ page } = browser);
    }, 180_000);

    afterAll(async () => {
      await worker?.stop();
      await browser?.close();
      await t?.cleanup();
    });

    it('goes from a published model to a household told why it ranks and receives PKH', async () => {
      // Pusdatin's analyst: upload the model, publish it behind the confirmation, rank the period with it.
      await browser.login('pusdatin');
      await page.goto(`${browser.base}/ranking-models`);
      await page.getByRole('heading', { name: 'Model pemeringkatan (PMT)' }).waitFor();
      await page
        .getByLabel('Isi dokumen model (JSON)')
        .fill(JSON.stringify({ ...DEFAULT_MODEL, version: MODEL }));
      await page.getByRole('button', { name: 'Periksa dan simpan sebagai draf' }).click();
      await page.getByText(`Model ${MODEL} tersimpan sebagai draf.`).waitFor();
      const row = page.getByTestId('ranking-models').locator(`tr[data-version="${MODEL}"]`);
      await row.getByRole('button', { name: 'Terbitkan' }).click();
      await page
        .getByRole('dialog', { name: `Terbitkan model ${MODEL}?` })
        .getByRole('button', { name: 'Terbitkan' })
        .click();
      await row.getByText('Terbit').waitFor();
      await page.getByLabel('Periode yang ditetapkan').selectOption(PERIOD);
      await page.getByLabel('Versi model yang dipakai').selectOption(MODEL);
      await page.getByRole('button', { name: 'Mulai peringkat' }).click();
      const job = page.getByTestId('rank-job');
      const bar = job.getByRole('progressbar', { name: 'Kemajuan' });
      await bar.waitFor();
      await job.getByText('Selesai', { exact: true }).waitFor({ timeout: 30_000 });
      expect(Number(await bar.getAttribute('value'))).toBe(ids.length);
      await page
        .getByTestId('rank-result')
        .getByText(`Selesai: ${ids.length} rumah tangga periode ${PERIOD} diperingkat dengan model ${MODEL}.`)
        .waitFor();
      await browser.snap('ranked');
      await browser.logout();

      // The regency's Dinas Sosial: PKH candidates of its regency from that ranking, reviewed and submitted.
      // Four households of one nation rank into deciles 1, 3, 6 and 8: PKH (deciles 1–4) takes the first two.
      await browser.login('dinsos');
      await page.goto(`${browser.base}/recipients`);
      await page.getByRole('heading', { name: 'Penerima bansos', level: 1 }).waitFor();
      const programme = page.locator('select[name="programme"]');
      await programme.locator('option[value="PKH"]').waitFor({ state: 'attached' });
      await programme.selectOption('PKH');
      await page.getByRole('button', { name: 'Hitung calon' }).click();
      const proposal = page.locator('tr[data-programme="PKH"]');
      await page.locator('tr[data-programme="PKH"][data-state="computed"]').waitFor({ timeout: 30_000 });
      expect(await proposal.locator('td').nth(3).textContent()).toBe('2');
      await proposal.getByRole('button', { name: 'Periksa calon' }).click();
      await page.getByTestId('candidate-review').locator('tr[data-outcome="candidate"]').nth(1).waitFor();
      await proposal.getByRole('button', { name: 'Ajukan' }).click();
      await page.locator('tr[data-programme="PKH"][data-state="submitted"]').waitFor();
      await browser.snap('submitted');
      await browser.logout();

      // Pusdatin approves: the list becomes the period's recipients.
      await browser.login('pusdatin');
      await page.goto(`${browser.base}/recipients?state=submitted`);
      await page
        .locator('tr[data-programme="PKH"][data-state="submitted"]')
        .getByRole('button', { name: 'Setujui' })
        .click();
      await page.goto(`${browser.base}/recipients`);
      await page.locator('tr[data-programme="PKH"][data-state="approved"]').waitFor();
      const recipients = page.getByTestId('recipients');
      await recipients.locator('tbody tr').nth(1).waitFor();
      expect(await recipients.locator('tbody tr').count()).toBe(2);
      await browser.snap('approved');

      // A household of that list: its "why this desil" from the model just published, then its PKH history.
      await recipients.locator('tbody tr').first().getByRole('link').click();
      await page.waitForURL(/\/households\/[0-9a-f-]{36}$/);
      const householdId = new URL(page.url()).pathname.split('/').at(-1)!;
      expect(ids.slice(0, 2)).toContain(householdId);
      await page.getByRole('tab', { name: 'Desil' }).click();
      const panel = page.getByTestId('ranking-panel');
      await panel.getByRole('heading', { name: 'Mengapa desil ini' }).waitFor();
      await panel.getByText(`model ${MODEL}:`, { exact: false }).waitFor();
      const decile = Number(await panel.getByTestId('decile-national').textContent());
      expect(decile).toBe(householdId === ids[0] ? 1 : 3);
      await panel
        .getByTestId('contributions')
        .getByRole('cell', { name: 'Jumlah anggota rumah tangga' })
        .waitFor();
      await browser.snap('why-this-desil');

      await page.getByRole('tab', { name: 'Program' }).click();
      const programmes = page.getByTestId('household-programmes');
      const history = programmes.getByTestId('programme-history');
      const pkh = history.locator('tr[data-status="recipient"]');
      await pkh.waitFor();
      expect(await pkh.locator('td').allTextContents()).toEqual([
        PERIOD_LABEL,
        'Program Keluarga Harapan',
        expect.any(String),
        // One component (a junior secondary pupil, Rp1.500.000 a year): its quarterly tranche.
        expect.stringMatching(/^Rp375\.000/),
      ]);
      await browser.snap('programme-history');
    }, 60_000);
  },
);

/**
 * Ranking in a real browser: a village operator opens a household of a ranked, determined period and reads
 * its deciles, BPS criteria and the variables behind its score, in Indonesian; then Pusdatin uploads model
 * versions on the ranking models page (a refused one shows its document paths, a lumping one its flag),
 * publishes one behind the confirmation, re-ranks the period as a job with its progress bar, and the
 * household's "why this desil" panel answers from the new model, the first run still readable beside it. Runs the real server (and a job worker, as
 * `dtks serve` does) on a fresh SQLite copy and the built web app.
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

noticeSkippedBrowserSuite('the ranking panel browser tests');

const PERIOD = '2026-03';

describe.skipIf(!RUN_BROWSER_TESTS)('why this desil, in the browser', () => {
  let t: TestDb;
  let browser: BrowserRun;
  let page: Page;
  let worker: JobWorker;
  const ids: string[] = [];

  beforeAll(async () => {
    t = await openTestDb('sqlite');
    await createUsers(t.container);
    const system = systemActor('e2e');
    for (let n = 1; n <= 4; n++) {
      const h = makeHousehold(PLACES.villageA, 70 + n, {
        floorMaterial: n % 2 ? 9 : 2,
        hasRefrigerator: n > 2,
        mealsPerDay: n === 1 ? 2 : 3,
        canPayClinic: n !== 1,
      });
      // The same income everywhere (Rp1.200.000 a person in a household of three): it orders nobody.
      h.members[0] = { ...h.members[0]!, monthlyIncome: 3_600_000 };
      ids.push((await t.container.households.create(system, h)).id);
    }
    const db = t.container.database.db;
    await db
      .insertInto('periods')
      .values({ period: PERIOD, state: 'determined', createdAt: new Date().toISOString() } as never)
      .execute();
    await db
      .insertInto('snapshotHouseholds')
      .values(
        ids.map((householdId) => ({
          period: PERIOD,
          householdId,
          provinceCode: '33',
          regencyCode: '33.07',
          villageCode: PLACES.villageA,
          version: 1,
          memberCount: 3,
        })),
      )
      .execute();
    await t.container.ranking.uploadModel(system, DEFAULT_MODEL);
    await t.container.ranking.publishModel(system, DEFAULT_MODEL.version);
    await t.container.ranking.rank(system, { period: PERIOD });
    browser = await startBrowser(t.container, { name: 'ranking', shotPrefix: '' });
    ({ page } = browser);
    // A worker as `dtks serve` runs one; each checkpoint pauses so the bar can be seen.
    worker = new JobWorker(t.container.jobs, {
      pollMs: 100,
      afterCheckpoint: () => new Promise((r) => setTimeout(r, 300)),
    });
    worker.start();
  });

  afterAll(async () => {
    await worker?.stop();
    await browser?.close();
    await t?.cleanup();
  });

  it("shows a household's deciles, criteria and the variables behind its score", async () => {
    await browser.login('op-a');
    await page.goto(`${browser.base}/households/${ids[0]}?tab=ranking`);
    const panel = page.getByTestId('ranking-panel');
    await panel.getByRole('heading', { name: 'Mengapa desil ini' }).waitFor();
    await browser.snap('ranking-panel');
    // The poorest of four: desil 1 in every scope.
    expect(await panel.getByTestId('decile-national').textContent()).toBe('1');
    await expect(panel.getByTestId('criteria14').textContent()).resolves.toMatch(
      /dari 14 kriteria terpenuhi/,
    );
    await panel.getByText('Tidak sanggup membayar berobat ke puskesmas').waitFor();
    const rows = panel.getByTestId('contributions').getByRole('row');
    await panel.getByRole('cell', { name: 'Jumlah anggota rumah tangga' }).waitFor();
    await panel.getByRole('cell', { name: 'Lantai tanah/bambu/kayu murah' }).waitFor();
    expect(await rows.count()).toBeGreaterThan(3);
    // Values as the instrument names them, not answer codes; amounts and areas with their unit.
    const valueIn = (variable: string) =>
      rows
        .filter({ has: page.getByRole('cell', { name: variable, exact: true }) })
        .getByRole('cell')
        .nth(1);
    expect(await valueIn('Lantai tanah/bambu/kayu murah').textContent()).toBe('Tanah');
    expect(await valueIn('Pendapatan per orang').textContent()).toBe('Rp1.200.000');
    expect(await valueIn('Luas lantai per orang').textContent()).toBe('12 m²');
    expect(await valueIn('Sepeda motor').textContent()).toBe('Ya');
    const text = (await panel.textContent()) ?? '';
    expect(text).not.toMatch(/household_size|earth_bamboo_floor|decile/);
  });

  it('publishes a model, re-ranks the period as a job, and the why panel answers from it', async () => {
    await browser.logout();
    await browser.login('pusdatin');
    await page.goto(`${browser.base}/ranking-models`);
    await page.getByRole('heading', { name: 'Model pemeringkatan (PMT)' }).waitFor();
    const models = page.getByTestId('ranking-models');
    await models.locator('tr[data-version="pmt-default-1"]').getByText('Terbit').waitFor();
    // The model's own description, in the screen's language.
    const description = models.locator('tr[data-version="pmt-default-1"]').getByTestId('model-description');
    expect(await description.textContent()).toMatch(/^Uji kemampuan \(PMT\) bawaan DTKS: model ilustratif/);
    const text = page.getByLabel('Isi dokumen model (JSON)');
    const upload = page.getByRole('button', { name: 'Periksa dan simpan sebagai draf' });

    // Refused: every problem at its path in the document, nothing stored.
    await text.fill(
      JSON.stringify({
        version: 'pmt-e2e-bad',
        intercept: 1,
        variables: [{ name: 'x', source: { kind: 'household', field: 'noSuchAnswer' }, weight: 'a' }],
      }),
    );
    await upload.click();
    const issues = page.getByTestId('model-issues');
    await issues.getByText('Model ditolak dan tidak disimpan').waitFor();
    await issues.locator('code', { hasText: 'variables.0.weight' }).waitFor();
    await browser.snap('model-refused');
    expect(await models.locator('tr[data-version="pmt-e2e-bad"]').count()).toBe(0);

    // A model that tells nobody apart: stored as a draft, flagged.
    await text.fill(
      JSON.stringify({
        version: 'pmt-e2e-flat',
        intercept: 1,
        variables: [
          {
            name: 'car',
            source: { kind: 'household', field: 'hasCar' },
            transform: { type: 'linear' },
            weight: 1,
          },
        ],
      }),
    );
    await upload.click();
    await page.getByTestId('concentration-warning').waitFor();
    await models.locator('tr[data-version="pmt-e2e-flat"]').getByTestId('concentration-flag').waitFor();

    // A real new version, from a file: uploaded, then published behind the confirmation.
    const next = { ...DEFAULT_MODEL, version: 'pmt-e2e-2', intercept: DEFAULT_MODEL.intercept + 1 };
    await page.getByLabel('Berkas model (JSON)').setInputFiles({
      name: 'pmt-e2e-2.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(next)),
    });
    await expect.poll(() => text.inputValue()).toContain('pmt-e2e-2');
    await upload.click();
    await page.getByText('Model pmt-e2e-2 tersimpan sebagai draf.').waitFor();
    const row = models.locator('tr[data-version="pmt-e2e-2"]');
    await row.getByText('Draf').waitFor();
    await row.getByRole('button', { name: 'Terbitkan' }).click();
    const dialog = page.getByRole('dialog', { name: 'Terbitkan model pmt-e2e-2?' });
    await dialog.waitFor();
    await browser.snap('model-confirm');
    await dialog.getByRole('button', { name: 'Terbitkan' }).click();
    await page.getByText('Model pmt-e2e-2 diterbitkan.').waitFor();
    await row.getByText('Terbit').waitFor();

    // Re-rank the determined period with it: a job, followed by its progress bar to the end.
    await page.getByLabel('Periode yang ditetapkan').selectOption(PERIOD);
    await page.getByLabel('Versi model yang dipakai').selectOption('pmt-e2e-2');
    await page.getByRole('button', { name: 'Mulai peringkat' }).click();
    const job = page.getByTestId('rank-job');
    const bar = job.getByRole('progressbar', { name: 'Kemajuan' });
    await bar.waitFor();
    await job.getByText('Selesai', { exact: true }).waitFor({ timeout: 30_000 });
    expect(Number(await bar.getAttribute('value'))).toBe(4);
    await page
      .getByTestId('rank-result')
      .getByText(`Selesai: 4 rumah tangga periode ${PERIOD} diperingkat dengan model pmt-e2e-2.`)
      .waitFor();
    await browser.snap('rank-done');

    // The household's panel now explains the new model's ranking; the poorest is still desil 1.
    await page.goto(`${browser.base}/households/${ids[0]}?tab=ranking`);
    const panel = page.getByTestId('ranking-panel');
    await panel.getByRole('heading', { name: 'Mengapa desil ini' }).waitFor();
    await panel.getByText(/model pmt-e2e-2/).waitFor();
    expect(await panel.getByTestId('decile-national').textContent()).toBe('1');
    await panel.getByRole('cell', { name: 'Jumlah anggota rumah tangga' }).waitFor();
    await browser.snap('why-new-model');

    // The period's first ranking stays readable as it was: the panel offers both model versions.
    const versions = panel.getByLabel('Versi model');
    expect(await versions.locator('option').allTextContents()).toEqual([
      'pmt-e2e-2 (terbaru)',
      'pmt-default-1',
    ]);
    // Scores as shown ("-1,234"): the new model's intercept is one higher.
    const score = async () =>
      Number((await panel.locator('dd').nth(3).textContent())!.replace('−', '-').replace(',', '.'));
    const newScore = await score();
    await versions.selectOption('pmt-default-1');
    await panel.getByText(/model pmt-default-1/).waitFor();
    expect(await panel.getByTestId('decile-national').textContent()).toBe('1');
    expect(await score()).toBeCloseTo(newScore - 1, 3);
    await browser.snap('why-past-model');
  });
});

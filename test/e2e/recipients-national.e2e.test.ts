/**
 * "Hitung calon penerima" for a national account, in a real browser: the administrator (territory: the
 * nation) chooses a province, then one of its regencies; the programmes offered are those published whose
 * door covers that regency — the national ones everywhere, a province's own programme only in its regencies.
 * Computing the provincial programme there gives its proposal. Desktop, in Indonesian, like the other
 * recipients tests (test/e2e/recipients.e2e.test.ts: a regency's Dinas Sosial, its regency fixed).
 *
 * Without Chromium the suite is skipped with a loud notice, except with CI=true where that is a failure.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provincialElderlyAllowance } from '../../src/domain/programmes/defaults.ts';
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
import { createUser } from '../support/cycle.ts';
import { openTestDb, type TestDb } from '../support/db.ts';
import { determinedRankedPeriod, publishProgrammes } from '../support/recipients.ts';

noticeSkippedBrowserSuite('the national recipients browser tests');

const PERIOD = '2026-04';
const NATIONAL = ['BPNT', 'KIP_KULIAH', 'PBI_JK', 'PKH'];
/** Jawa Tengah's own programme (the test regency's province) and Jawa Timur's. */
const CENTRAL_JAVA = 'PROV_33_SANTUNAN_LANSIA';
const EAST_JAVA = 'PROV_35_SANTUNAN_LANSIA';

describe.skipIf(!RUN_BROWSER_TESTS)('computing recipients as a national account, in the browser', () => {
  let t: TestDb;
  let browser: BrowserRun;
  let page: Page;
  let worker: JobWorker;
  let names: Map<string, string>;

  beforeAll(async () => {
    t = await openTestDb('sqlite');
    await createUsers(t.container);
    await publishProgrammes(t.container);
    for (const [username, province] of [
      ['prov-jateng', '33'],
      ['prov-jatim', '35'],
    ] as const) {
      const user = await createUser(t.container, username, 'dinsos_prov', province);
      await publishProgrammes(t.container, [provincialElderlyAllowance(province)], {
        ...systemActor('e2e'),
        userId: user.id,
        username,
        role: 'dinsos_prov',
        regionCode: province,
      });
    }
    names = await t.container.regions.names([PLACES.regency]);
    const ids: string[] = [];
    for (let n = 1; n <= 3; n++) {
      ids.push(
        (await t.container.households.create(systemActor('e2e'), makeHousehold(PLACES.villageA, 90 + n))).id,
      );
    }
    await determinedRankedPeriod(
      t.container,
      PERIOD,
      ids.map((id, i) => ({ id, village: PLACES.villageA, decile: i + 1 })),
    );
    worker = new JobWorker(t.container.jobs, { pollMs: 50 });
    worker.start();
    browser = await startBrowser(t.container, { name: 'recipients-national', shotPrefix: '' });
    ({ page } = browser);
  }, 180_000);

  afterAll(async () => {
    await worker?.stop();
    await browser?.close();
    await t?.cleanup();
  });

  /** The values of a select's options, once more than the empty choice is there. */
  const optionValues = async (select: Locator) => {
    await select.locator('option').nth(1).waitFor({ state: 'attached' });
    return select.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
  };

  it('chooses a province, then a regency: a provincial programme is offered only in its own province', async () => {
    await browser.login('admin');
    await page.goto(`${browser.base}/recipients`);
    await page.getByRole('heading', { name: 'Penerima bansos', level: 1 }).waitFor();
    const form = page.locator('form', { has: page.getByRole('heading', { name: 'Hitung calon penerima' }) });
    const province = form.getByRole('combobox', { name: 'Provinsi', exact: true });
    const programme = form.locator('select[name="programme"]');
    const compute = form.getByRole('button', { name: 'Hitung calon' });
    // The nation's territory: a province to choose first, no regency chosen yet, nothing to compute.
    expect(await optionValues(province)).toContain('33');
    expect(await compute.isDisabled()).toBe(true);

    await province.selectOption('33');
    const regency = form.getByRole('combobox', { name: 'Kabupaten/kota', exact: true });
    expect(await optionValues(regency)).toContain(PLACES.regency);
    expect(await regency.locator(`option[value="${PLACES.regency}"]`).textContent()).toBe(
      names.get(PLACES.regency),
    );
    await regency.selectOption(PLACES.regency);
    await programme.locator(`option[value="${CENTRAL_JAVA}"]`).waitFor({ state: 'attached' });
    expect((await optionValues(programme)).slice(1).sort()).toEqual([...NATIONAL, CENTRAL_JAVA].sort());
    await programme.selectOption(CENTRAL_JAVA);
    expect(await compute.isDisabled()).toBe(false);
    await browser.snap('recipients-national-compute');

    // Another province's regency: its own programme instead, Jawa Tengah's is gone (and no longer chosen).
    await province.selectOption('35');
    expect(await compute.isDisabled()).toBe(true);
    const eastJava = (await optionValues(regency)).filter((v) => v.startsWith('35.'));
    expect(eastJava.length).toBeGreaterThan(1);
    await regency.selectOption(eastJava[0]!);
    await programme.locator(`option[value="${EAST_JAVA}"]`).waitFor({ state: 'attached' });
    expect((await optionValues(programme)).slice(1).sort()).toEqual([...NATIONAL, EAST_JAVA].sort());
    expect(await programme.inputValue()).toBe('');
    expect(await compute.isDisabled()).toBe(true);

    // Back in Jawa Tengah, the provincial programme is computed for the chosen regency.
    await province.selectOption('33');
    await regency.locator(`option[value="${PLACES.regency}"]`).waitFor({ state: 'attached' });
    await regency.selectOption(PLACES.regency);
    await programme.locator(`option[value="${CENTRAL_JAVA}"]`).waitFor({ state: 'attached' });
    await programme.selectOption(CENTRAL_JAVA);
    await compute.click();
    const row = page.locator(`tr[data-programme="${CENTRAL_JAVA}"][data-state="computed"]`);
    await row.waitFor();
    // The regency's name arrives after the row (its code shows until then).
    await expect.poll(() => row.locator('td').nth(1).textContent()).toBe(names.get(PLACES.regency));
    expect(await page.locator(`tr[data-programme="${EAST_JAVA}"]`).count()).toBe(0);
  });
});

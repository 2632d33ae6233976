/**
 * The duplicate worklist in a real browser: a regency Dinas Sosial user opens the worklist, compares a
 * likely duplicate side by side and resolves it by removing one household as a duplicate; the pair then
 * shows as linked and the removed household keeps its data. Runs the real server (buildApp) on a fresh
 * SQLite copy and the built web app.
 *
 * Without Chromium the suite is skipped with a loud notice, except with CI=true where that is a failure.
 * Set E2E_SHOTS=<dir> to keep a screenshot of every step.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/modules/access/actor.ts';
import { makeHousehold } from '../factories/households.ts';
import { createUsers, PLACES } from '../support/app.ts';
import {
  type BrowserRun,
  noticeSkippedBrowserSuite,
  RUN_BROWSER_TESTS,
  startBrowser,
} from '../support/browser.ts';
import { openTestDb, type TestDb } from '../support/db.ts';

noticeSkippedBrowserSuite('the duplicate worklist browser tests');

describe.skipIf(!RUN_BROWSER_TESTS)('duplicate worklist in the browser', () => {
  let t: TestDb;
  let browser: BrowserRun;
  let page: Page;
  const ids: Record<string, string> = {};

  const snap = (step: string) => browser.snap(step);

  beforeAll(async () => {
    t = await openTestDb('sqlite');
    await createUsers(t.container);
    const system = systemActor('e2e');
    // One family entered twice with the old and the new spelling of the head's name.
    for (const [n, head] of [
      [61, 'Soewarno Saputro'],
      [62, 'Suwarno Saputro'],
    ] as const) {
      const h = makeHousehold(PLACES.villageA, n);
      h.members[0]!.name = head;
      h.address = 'Dusun Krajan 5';
      ids[head] = (await t.container.households.create(system, h)).id;
    }
    browser = await startBrowser(t.container, { name: 'duplicates', shotPrefix: '' });
    ({ page } = browser);
  });

  afterAll(async () => {
    await browser?.close();
    await t?.cleanup();
  });

  it('opens the worklist, compares a candidate side by side and removes one household as a duplicate', async () => {
    await browser.login('dinsos');
    await page.getByRole('link', { name: 'Kemungkinan data ganda' }).click();
    await page.getByRole('heading', { name: 'Kemungkinan data ganda' }).waitFor();
    const row = page.getByRole('row', { name: /Kepala rumah tangga dan alamat mirip/ });
    await row.waitFor();
    expect(await row.textContent()).toMatch(
      /Soewarno Saputro.*↔.*Suwarno Saputro|Suwarno Saputro.*↔.*Soewarno Saputro/,
    );
    await snap('worklist');

    await row.getByRole('link', { name: 'Kepala rumah tangga dan alamat mirip' }).click();
    await page.getByRole('heading', { name: 'Bandingkan dua rumah tangga' }).waitFor();
    // Both households side by side, each with its members.
    for (const head of ['Soewarno Saputro', 'Suwarno Saputro']) {
      const side = page.getByRole('region', { name: head, exact: true });
      await side.getByRole('link', { name: head, exact: true }).waitFor();
      expect(await side.locator('table tbody tr').count()).toBeGreaterThan(0);
    }
    await snap('side-by-side');
    // On a phone the households stack and each member table scrolls sideways: it says so, and its edge is
    // shaded on the side where columns are hidden.
    const desk = page.viewportSize()!;
    await page.setViewportSize({ width: 390, height: 844 });
    const hint = page.getByText('Geser tabel ke samping untuk melihat semua kolom.');
    await expect.poll(() => hint.count()).toBe(2);
    expect(await page.locator('.table-wrap[data-overflow="right"]').count()).toBe(2);
    await page
      .locator('.table-wrap')
      .first()
      .evaluate((el) => el.scrollBy(10_000, 0));
    await expect.poll(() => page.locator('.table-wrap[data-overflow="left"]').count()).toBe(1);
    await snap('side-by-side-phone');
    await page.setViewportSize(desk);
    // The score in Indonesian (a decimal comma, not "0.87"); the decision one named group, an option a line.
    expect(await page.getByText(/· Skor /).textContent()).toMatch(/· Skor \d(,\d{1,2})?$/);
    const lefts = await page
      .getByRole('group', { name: 'Keputusan' })
      .getByRole('radio')
      .evaluateAll((radios) => radios.map((r) => r.getBoundingClientRect().left));
    expect([lefts.length, new Set(lefts).size]).toEqual([3, 1]);

    // Remove the newer spelling's record as the duplicate, with a reason.
    await page.getByLabel('Keluarkan satu rumah tangga sebagai duplikat').check();
    await page.getByLabel('Rumah tangga yang dikeluarkan').selectOption({ value: ids['Suwarno Saputro']! });
    const save = page.getByRole('button', { name: 'Simpan penyelesaian' });
    expect(await save.isDisabled()).toBe(true);
    await page.getByLabel('Alasan').fill('KK yang sama dicatat dua kali dengan ejaan lama');
    await snap('resolve');
    await save.click();

    await page
      .getByRole('status')
      .getByText('Ditautkan — Diselesaikan: satu rumah tangga dikeluarkan sebagai duplikat')
      .waitFor();
    expect(await page.getByRole('button', { name: 'Simpan penyelesaian' }).count()).toBe(0);
    await snap('resolved');

    // Nothing deleted: the duplicate is removed (still readable), the kept one is untouched.
    const system = systemActor('e2e-check');
    const removed = await t.container.households.get(system, ids['Suwarno Saputro']!);
    expect(removed.status).toBe('removed');
    expect(removed.members.length).toBeGreaterThan(0);
    expect((await t.container.households.get(system, ids['Soewarno Saputro']!)).status).not.toBe('removed');

    // The open worklist no longer shows the pair; the linked one does.
    await page.getByRole('link', { name: 'Kembali' }).click();
    await page.getByRole('heading', { name: 'Kemungkinan data ganda' }).waitFor();
    await page.getByLabel('Status').selectOption({ value: 'linked' });
    await page
      .getByRole('row', { name: /Kepala rumah tangga dan alamat mirip/ })
      .getByText('Ditautkan')
      .waitFor();
  });
});

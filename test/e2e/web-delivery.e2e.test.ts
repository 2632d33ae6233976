/**
 * How the web app reaches a browser: the scripts arrive compressed (the build's precompressed copies), and a
 * regency-wide household list names the villages of its rows with one region request, not one per district.
 * The first screen loads only what it shows: the login page brings neither the error catalogue nor the
 * instrument codebook until an answer is an error, and a list page comes in a handful of scripts.
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

noticeSkippedBrowserSuite('the web delivery browser tests');

const VILLAGES = [PLACES.villageA, PLACES.villageA2, PLACES.villageB];

describe.skipIf(!RUN_BROWSER_TESTS)('web app delivery', () => {
  let t: TestDb;
  let browser: BrowserRun;
  let page: Page;
  let villageNames: Map<string, string>;

  beforeAll(async () => {
    t = await openTestDb('sqlite');
    await createUsers(t.container);
    const system = systemActor('e2e');
    for (const [i, village] of VILLAGES.entries()) {
      await t.container.households.create(system, makeHousehold(village, i + 1));
    }
    villageNames = await t.container.regions.names(VILLAGES);
    browser = await startBrowser(t.container, { name: 'delivery' });
    ({ page } = browser);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.cleanup();
  });

  it('sends the scripts compressed and names a regency list’s villages in one region request', async () => {
    // The encoding as the browser received it; the size is read again afterwards, since a response's body is gone
    // once the page that loaded it navigates away (the login page does).
    const scripts: { url: string; encoding: string | undefined }[] = [];
    const regionRequests: string[] = [];
    page.on('response', (res) => {
      const url = new URL(res.url());
      if (res.status() === 200 && url.pathname.startsWith('/assets/') && url.pathname.endsWith('.js')) {
        scripts.push({ url: url.pathname, encoding: res.headers()['content-encoding'] });
      }
      if (url.pathname.startsWith('/api/v1/regions')) regionRequests.push(url.pathname + url.search);
    });

    await browser.login('dinsos');
    regionRequests.length = 0;
    await page.goto(`${browser.base}/households`);
    for (const village of VILLAGES) {
      await page
        .getByRole('cell', { name: villageNames.get(village)! })
        .first()
        .waitFor();
    }

    // Every script of 1 KiB or more came compressed (the build leaves smaller ones as they are).
    const sent = await Promise.all(
      scripts.map(async (s) => ({
        ...s,
        bytes: (await (await page.request.get(`${browser.base}${s.url}`)).body()).byteLength,
      })),
    );
    expect(sent.some((s) => /\/index-[^/]+\.js$/.test(s.url) && s.encoding)).toBe(true);
    for (const s of sent) if (s.bytes >= 1024) expect(['br', 'gzip'], s.url).toContain(s.encoding);

    const batches = regionRequests.filter((r) => r.includes('codes='));
    expect(batches).toHaveLength(1);
    const asked = decodeURIComponent(batches[0]!.split('codes=')[1]!).split(',');
    expect(asked).toEqual(expect.arrayContaining(VILLAGES));
    // The names came in one request: no district was fetched for its children's names.
    expect(regionRequests.filter((r) => /\/regions\/33\.07\.0[12]$/.test(r))).toEqual([]);
  });

  /** The scripts the page's document has loaded so far (from the network or the cache). */
  const loadedScripts = (p: Page) =>
    p.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .map((e) => new URL(e.name).pathname)
        .filter((path) => path.startsWith('/assets/') && path.endsWith('.js')),
    );

  it('loads the login page without the error catalogue and the codebook', async () => {
    await browser.context.clearCookies();
    await page.goto(`${browser.base}/login`);
    await page.getByLabel('Nama pengguna').waitFor();
    await page.waitForLoadState('networkidle');
    const shell = await loadedScripts(page);
    expect(shell.some((s) => /\/index-[^/]+\.js$/.test(s))).toBe(true);
    // Texts only the catalogue (an error message) and the codebook (a question) hold: in none of the scripts.
    const code = await Promise.all(
      shell.map(async (s) => (await page.request.get(`${browser.base}${s}`)).text()),
    );
    for (const marker of ['Terjadi kesalahan di server; sudah dicatat', 'Jenis lantai terluas']) {
      expect(code.filter((c) => c.includes(marker))).toEqual([]);
    }
    // A refused login (401) shows the server's text, in the page's language, without the catalogue.
    await page.getByLabel('Nama pengguna').fill('dinsos');
    await page.getByLabel('Kata sandi').fill('not-the-password');
    await page.getByRole('button', { name: 'Masuk' }).click();
    await expect.poll(async () => (await page.getByRole('alert').textContent()) ?? '').toMatch(/\S/);
  });

  it('brings a list page in a handful of scripts', async () => {
    await browser.login('dinsos');
    await page.goto(`${browser.base}/households`);
    await page.locator('main table tbody tr').first().waitFor();
    await page.waitForLoadState('networkidle');
    const scripts = await loadedScripts(page);
    // Shell (entry, runtime, React, dictionaries), the signed-in layout and its menu rules, the page, the list
    // helpers, the notification bell: many more would mean the list helpers are split into chunks again.
    expect(scripts.length, scripts.join('\n')).toBeLessThanOrEqual(12);
    expect(scripts.some((s) => /\/lists-[^/]+\.js$/.test(s))).toBe(true);
  });
});

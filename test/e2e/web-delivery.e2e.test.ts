/**
 * How the web app reaches a browser: the scripts arrive compressed (the build's precompressed copies), and a
 * regency-wide household list names the villages of its rows with one region request, not one per district.
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
    const scripts: Promise<{ url: string; encoding: string | undefined; bytes: number }>[] = [];
    const regionRequests: string[] = [];
    page.on('response', (res) => {
      const url = new URL(res.url());
      if (res.status() === 200 && url.pathname.startsWith('/assets/') && url.pathname.endsWith('.js')) {
        const encoding = res.headers()['content-encoding'];
        scripts.push(res.body().then((b) => ({ url: url.pathname, encoding, bytes: b.byteLength })));
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
    const sent = await Promise.all(scripts);
    expect(sent.some((s) => /\/index-[^/]+\.js$/.test(s.url) && s.encoding)).toBe(true);
    for (const s of sent) if (s.bytes >= 1024) expect(['br', 'gzip'], s.url).toContain(s.encoding);

    const batches = regionRequests.filter((r) => r.includes('codes='));
    expect(batches).toHaveLength(1);
    const asked = decodeURIComponent(batches[0]!.split('codes=')[1]!).split(',');
    expect(asked).toEqual(expect.arrayContaining(VILLAGES));
    // The names came in one request: no district was fetched for its children's names.
    expect(regionRequests.filter((r) => /\/regions\/33\.07\.0[12]$/.test(r))).toEqual([]);
  });
});

/**
 * The screens as an office reads them, on the demo data (test/support/screens.ts), part two: Pusdatin, the
 * auditor, the administrator and the partners read every page of their menu in Indonesian (no English word,
 * raw code or machine date), and axe-core checks the main pages, failing on serious or critical violations.
 * Part one: screens-regional.e2e.test.ts.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/cli/demo.ts';
import { type BrowserRun, noticeSkippedBrowserSuite, RUN_BROWSER_TESTS } from '../support/browser.ts';
import {
  type DemoScreens,
  demoAccount,
  openDemoScreens,
  readEveryPage,
  SCREEN_ACCOUNTS,
  settled,
} from '../support/screens.ts';

noticeSkippedBrowserSuite('the screen language and accessibility browser tests (central offices, partners)');

describe.skipIf(!RUN_BROWSER_TESTS)(
  'screens in the office language: central offices and partners, accessibility',
  () => {
    let s: DemoScreens;
    let browser: BrowserRun;
    let page: Page;
    let base: string;

    beforeAll(async () => {
      s = await openDemoScreens('screens-central');
      ({ browser, page, base } = s);
    }, 240_000);

    afterAll(async () => {
      await s?.close();
    });

    it('the two screen files read every demo account between them', () => {
      expect(s.accounts.map((a) => a.username).sort()).toEqual(
        [...SCREEN_ACCOUNTS.regional, ...SCREEN_ACCOUNTS.central].sort(),
      );
    });

    for (const username of SCREEN_ACCOUNTS.central) {
      it(`${username}: every page of the menu reads in Indonesian, without English words, raw codes or machine dates`, async () => {
        const { links, pages, found } = await readEveryPage(s, demoAccount(s, username));
        expect(links).toBeGreaterThan(0);
        expect(pages).toBeGreaterThanOrEqual(links);
        expect([...new Set(found)]).toEqual([]);
      }, 300_000);
    }

    it('the main pages have no serious or critical accessibility violations (axe-core)', async () => {
      const require = createRequire(import.meta.url);
      const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
      const check = async (name: string) => {
        await settled(page);
        // Evaluated, not added as a <script>: the app's CSP allows no inline script.
        await page.evaluate(axeSource);
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
        return result.map((v: { id: string; impact: string; targets: string[] }) => ({ page: name, ...v }));
      };
      const violations: { page: string; id: string; impact: string; targets: string[] }[] = [];
      await page.goto(`${base}/login`);
      violations.push(...(await check('login')));
      await browser.login('dinsos', DEMO_PASSWORD);
      for (const path of [
        '/',
        '/households',
        '/persons',
        '/ppks',
        '/cycle/usulan',
        '/cycle/musdes',
        '/cycle/verivali',
        '/cycle/progress',
        '/cycle/pengesahan',
      ]) {
        await page.goto(`${base}${path}`);
        violations.push(...(await check(path)));
        if (path === '/households') {
          await page.locator('main table a[href^="/households/"]').first().click();
          violations.push(...(await check('household detail')));
        }
      }
      await browser.logout();
      await browser.login('auditor', DEMO_PASSWORD);
      await page.goto(`${base}/audit`);
      violations.push(...(await check('/audit')));
      await page.getByText('Lihat rincian').first().click();
      violations.push(...(await check('/audit details open')));
      const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(serious).toEqual([]);
      // The login page's language switch lies in a landmark now (axe `region`, moderate).
      expect(violations.filter((v) => v.page === 'login')).toEqual([]);
    }, 300_000);
  },
);

/**
 * The chain as the seeds describe it, in a real browser (issue 12): village → kecamatan → regency →
 * province → Pusdatin. The Kepala Desa uploads the signed Berita Acara of a closed Musdes; the Camat returns
 * it with a note; the village signs it again; the Camat acknowledges it; the regency's Dinas Sosial submits
 * its pengesahan, which goes to the province; the provincial Dinas Sosial comments and forwards it; Pusdatin
 * determines the period. The regency uses the kecamatan step and the province reviews (set up through the
 * service, as the offices would on their pengesahan screen). Set E2E_SHOTS=<dir> for a screenshot per step.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../../src/lib/ids.ts';
import { systemActor } from '../../src/modules/access/actor.ts';
import { pdfFile } from '../factories/files.ts';
import { makeHousehold } from '../factories/households.ts';
import { createUsers, PLACES } from '../support/app.ts';
import {
  type BrowserRun,
  noticeSkippedBrowserSuite,
  RUN_BROWSER_TESTS,
  startBrowser,
} from '../support/browser.ts';
import { actorFor, createUser } from '../support/cycle.ts';
import { openTestDb, type TestDb } from '../support/db.ts';

const NOW = new Date('2026-03-20T09:00:00+07:00');
const PERIOD = '2026-03';
/** The period as the screens name it (formatPeriod). */
const MONTH = 'Maret 2026';

noticeSkippedBrowserSuite('the chain browser test');

describe.skipIf(!RUN_BROWSER_TESTS)(
  'village → kecamatan → regency → province → Pusdatin in the browser',
  () => {
    let t: TestDb;
    let browser: BrowserRun;
    let page: Page;
    let sessionId = '';

    const snap = (step: string) => browser.snap(step);
    let loggedIn = false;
    const login = async (username: string) => {
      if (loggedIn) await browser.logout();
      await browser.login(username);
      loggedIn = true;
    };
    const nav = (name: string) =>
      page.getByRole('navigation').getByRole('link', { name, exact: true }).click();
    const musdesState = () => page.locator('.page-subtitle .musdes-state');
    const db = () => t.container.database.db;
    const uploadSigned = async (file: string) => {
      await page.goto(`${browser.base}/cycle/musdes/${sessionId}`);
      await musdesState().getByText('Ditutup', { exact: true }).waitFor();
      await page.getByLabel('Berita Acara bertanda tangan').setInputFiles({
        name: file,
        mimeType: 'application/pdf',
        buffer: pdfFile(`Berita Acara ditandatangani (${file})`),
      });
      await page.getByRole('button', { name: 'Unggah dan kunci' }).click();
      await musdesState().getByText('Ditandatangani', { exact: true }).waitFor();
    };
    const baRow = () => page.locator('tbody tr').filter({ hasText: PLACES.villageA });

    beforeAll(async () => {
      t = await openTestDb('sqlite', { now: () => NOW });
      await createUsers(t.container);
      await createUser(t.container, 'prov', 'dinsos_prov', '33');
      const c = t.container;
      const system = systemActor('e2e-setup');
      for (const n of [1, 2, 3]) await c.households.create(system, makeHousehold(PLACES.villageA, n));
      await c.households.create(system, makeHousehold(PLACES.villageB, 4));
      // The regency uses the kecamatan step; the province reviews and forwards by itself after 7 days.
      await c.chain.updateSettings(system, PLACES.regency, { kecamatanAcknowledgement: true });
      await c.chain.updateSettings(system, '33', { provinceReview: true, autoForwardDays: 7 });
      // The village's Musdes is held and closed (the Musdes screens have their own browser test).
      const kades = await actorFor(c, 'kades-a');
      let s = await c.musdes.create(kades, {
        villageCode: PLACES.villageA,
        period: PERIOD,
        heldOn: '2026-03-18',
        place: 'Balai Desa',
        participants: [{ name: 'Slamet Riyadi', role: 'kepala_desa' }],
      });
      s = await c.musdes.open(kades, s.id, s.version);
      const bulk = await c.musdes.decideBulk(kades, s.id, {
        outcome: 'tetap',
        filter: { source: 'existing', undecidedOnly: true },
      });
      s = await c.musdes.close(kades, s.id, bulk.session.version);
      sessionId = s.id;

      browser = await startBrowser(c, {
        name: 'chain',
        viewport: { width: 1400, height: 900 },
        timezoneId: 'Asia/Jakarta',
      });
      page = browser.page;
      await browser.context.clock.setFixedTime(NOW);
      page.on('dialog', (d) => void d.accept());
    });

    let broken = false;
    beforeEach(({ onTestFailed, skip }) => {
      if (broken) skip();
      onTestFailed(async () => {
        broken = true;
        await snap('FAILED');
      });
    });

    afterAll(async () => {
      await browser?.close();
      await t?.cleanup();
    });

    it('1. the village uploads the signed Berita Acara', async () => {
      await login('kades-a');
      await uploadSigned('berita-acara-ttd.pdf');
      await snap('village-signed');
    });

    it('2. the kecamatan returns it to the village with a note', async () => {
      await login('camat-a');
      await nav('Tanda terima Berita Acara');
      await page.getByRole('heading', { name: 'Berita Acara desa/kelurahan' }).waitFor();
      const row = baRow();
      await row.getByText('Menunggu tanda terima').waitFor();
      await row.getByRole('textbox').fill('Tanda tangan ketua BPD belum ada');
      await row.getByRole('button', { name: 'Kembalikan ke desa' }).click();
      await page
        .getByRole('status')
        .getByText(/Dikembalikan ke desa/)
        .waitFor();
      await baRow().getByText('Tanda tangan ketua BPD belum ada').waitFor();
      await snap('kecamatan-returned');
      const session = await db()
        .selectFrom('musdesSessions')
        .select('state')
        .where('id', '=', sessionId)
        .executeTakeFirstOrThrow();
      expect(session.state).toBe('closed');
    });

    it('3. the village reads the note, signs it again; the kecamatan acknowledges it', async () => {
      await login('kades-a');
      await page.goto(`${browser.base}/cycle/musdes/${sessionId}`);
      const returnNote = page.getByRole('note');
      await returnNote.getByText(/Kecamatan mengembalikan Berita Acara pada/).waitFor();
      await returnNote.getByText('Tanda tangan ketua BPD belum ada').waitFor();
      await uploadSigned('berita-acara-ttd-2.pdf');
      expect(await page.getByRole('note').count()).toBe(0);
      await snap('village-signed-again');

      await login('camat-a');
      await nav('Tanda terima Berita Acara');
      const row = baRow();
      await row.getByText('Dikembalikan sebelumnya: Tanda tangan ketua BPD belum ada').waitFor();
      await row.getByRole('button', { name: /Terima Berita Acara/ }).click();
      await baRow().getByText('Diterima', { exact: true }).waitFor();
      await snap('kecamatan-acknowledged');
    });

    it('4. the regency submits its pengesahan, which goes to the province', async () => {
      await login('dinsos');
      await nav('Pengesahan');
      await page.getByRole('button', { name: `Siapkan pengajuan periode ${MONTH}` }).click();
      await page.getByRole('heading', { name: 'Berita Acara yang ditandatangani (1)' }).waitFor();
      // The chain this regency and its province chose shows on the same screen.
      expect(await page.getByLabel(/harus diterima kecamatan/).isChecked()).toBe(true);
      await page.getByLabel(/^Berkas/).setInputFiles({
        name: 'surat-pengesahan-bupati.pdf',
        mimeType: 'application/pdf',
        buffer: pdfFile('Surat pengesahan Bupati Wonosobo'),
      });
      await page.getByRole('button', { name: 'Unggah surat' }).click();
      await page.getByRole('link', { name: 'Lihat surat' }).waitFor();
      await page.getByRole('button', { name: 'Kirim ke Dinas Sosial provinsi' }).click();
      await page
        .getByRole('dialog', { name: `Kirim pengesahan periode ${MONTH}?` })
        .getByRole('button', { name: 'Ya, kirim pengesahan' })
        .click();
      const state = page.getByRole('heading', { name: /· Maret 2026/ });
      await state.getByText('Di provinsi', { exact: true }).waitFor();
      await page.getByText('Menunggu Dinas Sosial provinsi meneruskan ke Pusdatin.').waitFor();
      await page.getByText(/Diteruskan otomatis ke Pusdatin pada 27 Mar 2026/).waitFor();
      await snap('regency-submitted');
    });

    it('5. the province comments and forwards it to Pusdatin', async () => {
      await login('prov');
      await nav('Pengesahan');
      // The province's own step of the chain: reviewed, forwarded automatically after 7 days; it allows 10.
      expect(await page.getByLabel(/ditelaah provinsi/).isChecked()).toBe(true);
      const days = page.getByLabel(/Teruskan otomatis setelah/);
      expect(await days.inputValue()).toBe('7');
      await days.fill('10');
      await page.getByRole('button', { name: 'Simpan alur' }).click();
      await page.getByText('Alur tersimpan.').waitFor();
      expect((await t.container.chain.settingsFor(db(), PLACES.regency)).autoForwardDays).toBe(10);
      await page.getByRole('link', { name: 'Kabupaten Wonosobo' }).click();
      await page
        .getByRole('heading', { name: /· Maret 2026/ })
        .getByText('Di provinsi', { exact: true })
        .waitFor();
      await page.getByLabel('Komentar baru').fill('Berita Acara desa sudah diterima camat');
      await page.getByRole('button', { name: 'Tambahkan komentar' }).click();
      await page.getByRole('heading', { name: 'Komentar (1)' }).waitFor();
      // The comment names the person and the office, not the login name.
      const comment = page.locator('#sub-comments ~ ul li').first();
      await comment.getByText(/Dinas Sosial provinsi · /).waitFor();
      await page.getByLabel('Komentar untuk Pusdatin (boleh kosong)').fill('Lengkap, diteruskan');
      await page.getByRole('button', { name: 'Teruskan ke Pusdatin' }).click();
      await page
        .getByRole('heading', { name: /· Maret 2026/ })
        .getByText('Dikirim', { exact: true })
        .waitFor();
      await page.getByRole('heading', { name: 'Komentar (2)' }).waitFor();
      await snap('province-forwarded');
    });

    it('6. Pusdatin determines the period with the forwarded regency', async () => {
      await login('pusdatin');
      await nav('Penetapan DTKS');
      await page.getByLabel('Periode yang ditetapkan').fill(PERIOD);
      await page.getByRole('button', { name: 'Tetapkan…' }).click();
      await page.getByRole('button', { name: 'Ya, tetapkan' }).click();
      await page.getByText(`DTKS periode ${PERIOD} ditetapkan: 4 rumah tangga`).waitFor();
      await snap('pusdatin-determined');
      const actions = await db()
        .selectFrom('auditLog')
        .select(['action', 'actorUsername'])
        .where('action', 'in', [
          'berita_acara.return',
          'berita_acara.acknowledge',
          'submission.submit',
          'submission.comment',
          'submission.forward',
        ])
        .orderBy('seq')
        .execute();
      expect(actions.map((a) => `${a.action} ${a.actorUsername}`)).toEqual([
        'berita_acara.return camat-a',
        'berita_acara.acknowledge camat-a',
        'submission.submit dinsos',
        'submission.comment prov',
        'submission.comment prov',
        'submission.forward prov',
      ]);
    });

    it('7. the regency opens Pengesahan where its work is, with its past submissions listed, on a phone', async () => {
      // Another village signed its Berita Acara of the next period: the server opens the page there.
      const now = NOW.toISOString();
      await db()
        .insertInto('musdesSessions')
        .values({
          id: newId(),
          period: '2026-04',
          state: 'signed',
          heldOn: '2026-04-10',
          place: 'Balai desa',
          participants: '[]',
          counts: null,
          beritaAcaraId: newId(),
          signedScanId: newId(),
          provinceCode: '33',
          regencyCode: PLACES.regency,
          districtCode: PLACES.districtB,
          villageCode: PLACES.villageB,
          version: 3,
          createdAt: now,
          createdBy: null,
          updatedAt: now,
          updatedBy: null,
        })
        .execute();
      await login('dinsos');
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(`${browser.base}/cycle/pengesahan`);
      await page.getByRole('button', { name: 'Siapkan pengajuan periode April 2026' }).waitFor();
      expect(await page.getByLabel('Periode').inputValue()).toBe('2026-04');
      const history = page.getByRole('table', { name: 'Riwayat pengajuan' });
      const past = history.locator(`tr[data-period="${PERIOD}"]`);
      await past.getByText('Ditetapkan', { exact: true }).waitFor();
      expect(await history.locator('tbody tr').count()).toBe(1);
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
      ).toBeLessThanOrEqual(0);
      await snap('regency-history');
      await past.getByRole('link', { name: 'Buka' }).click();
      await page.getByRole('link', { name: `Kembali ke pengesahan periode ${MONTH}` }).click();
      await page.waitForURL(`${browser.base}/cycle/pengesahan?period=${PERIOD}`);
      await history.locator(`tr[data-period="${PERIOD}"]`).getByText('Ditampilkan di atas').waitFor();

      // Years of earlier periods: the history shows a page of them and reads the next on "Muat lebih banyak".
      const base = await db()
        .selectFrom('submissions')
        .selectAll()
        .where('period', '=', PERIOD)
        .executeTakeFirstOrThrow();
      const earlier = Array.from({ length: 60 }, (_, i) => {
        const month = 2026 * 12 + 1 - i; // 2026-02, 2026-01, … back five years
        return `${Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}`;
      });
      await db()
        .insertInto('submissions')
        .values(earlier.map((period) => ({ ...base, id: newId(), period })))
        .execute();
      await page.reload();
      await history.locator(`tr[data-period="${PERIOD}"]`).waitFor();
      expect(await history.locator('tbody tr').count()).toBe(50);
      await page.getByText('Menampilkan 50 data pertama; masih ada lagi.').waitFor();
      await page.getByRole('button', { name: 'Muat lebih banyak' }).click();
      await history.locator(`tr[data-period="${earlier.at(-1)}"]`).waitFor();
      expect(await history.locator('tbody tr').count()).toBe(61);
      await page.getByText('Menampilkan semua 61 data.').waitFor();
      expect(await page.getByRole('button', { name: 'Muat lebih banyak' }).count()).toBe(0);
    });
  },
);

/**
 * No dead ends, in a real browser (issue 12). The late-usulan path: a proposal sent while the village's
 * Musdes is open joins its prelist, one sent after it closed is carried over to the next period (both said
 * on screen), and a withdrawal needs its explanation. The confirmations: bulk "tetap", close, reopen, send the
 * pengesahan (listing what it leaves behind) and penetapan (on the proposed next period) each open the app's
 * dialog; cancelling (button or Escape) changes nothing, confirming does the step.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/modules/access/actor.ts';
import { pdfFile } from '../factories/files.ts';
import { makeHousehold } from '../factories/households.ts';
import { createUsers, PLACES } from '../support/app.ts';
import { type BrowserRun, RUN_BROWSER_TESTS, startBrowser } from '../support/browser.ts';
import { actorFor } from '../support/cycle.ts';
import { openTestDb, type TestDb } from '../support/db.ts';

const PERIOD = '2026-03';

describe.skipIf(!RUN_BROWSER_TESTS)('no dead ends in the cycle, in the browser', () => {
  const clock = new Date('2026-03-20T09:00:00+07:00');
  let t: TestDb;
  let browser: BrowserRun;
  let page: Page;
  let base: string;
  let op: Actor;
  let kades: Actor;
  let dinsos: Actor;
  let sessionId: string;
  const households: string[] = [];
  const proposals: string[] = [];

  const session = () => t.container.musdes.get(kades, sessionId);
  const correction = async (n: number) =>
    (
      await t.container.usulan.create(op, {
        kind: 'perbaikan',
        householdId: households[n]!,
        changes: { address: `Dusun Krajan RT ${n + 1}` },
        memberChanges: [],
        reason: 'Alamat berubah',
      })
    ).id;
  const dialog = (name: string) => page.getByRole('dialog', { name });

  beforeAll(async () => {
    t = await openTestDb('sqlite', { now: () => clock });
    await createUsers(t.container);
    op = await actorFor(t.container, 'op-a');
    kades = await actorFor(t.container, 'kades-a');
    dinsos = await actorFor(t.container, 'dinsos');
    for (let n = 1; n <= 3; n++) {
      households.push((await t.container.households.create(op, makeHousehold(PLACES.villageA, 400 + n))).id);
    }
    const s = await t.container.musdes.create(kades, {
      villageCode: PLACES.villageA,
      period: PERIOD,
      heldOn: '2026-03-20',
      place: 'Balai Desa Kaligowong',
      participants: [
        { name: 'Slamet Riyadi', role: 'kepala_desa' },
        { name: 'Sri Wahyuni', role: 'bpd' },
      ],
    });
    sessionId = (await t.container.musdes.open(kades, s.id, s.version)).id;
    proposals.push(await correction(0), await correction(1));
    browser = await startBrowser(t.container, { name: 'dead-ends', viewport: { width: 1366, height: 900 } });
    ({ page, base } = browser);
  });

  afterAll(async () => {
    await browser?.close();
    await t?.cleanup();
  });

  it('a proposal sent while the Musdes is open joins its prelist, and the screen says so', async () => {
    await browser.login('op-a');
    await page.goto(`${base}/cycle/usulan/${proposals[0]}`);
    await page
      .getByTestId('next-step')
      .getByText(/Operator desa melengkapi data/)
      .waitFor();
    await page.getByRole('button', { name: 'Kirim usulan' }).click();
    await page.getByText(`Musdes/Muskel desa periode ${PERIOD} sedang berlangsung`).waitFor();
    await page
      .getByTestId('next-step')
      .getByText(/Musdes\/Muskel desa memutuskan usulan ini/)
      .waitFor();
    await page.getByRole('link', { name: 'Lihat musyawarah' }).waitFor();
    await browser.snap('joined');
    expect((await t.container.usulan.get(op, proposals[0]!)).musdesSessionId).toBe(sessionId);
    await browser.logout();
  });

  it('bulk "tetap" and close ask first: cancel changes nothing, confirm does it', async () => {
    await browser.login('kades-a');
    await page.goto(`${base}/cycle/musdes/${sessionId}`);
    await page
      .getByTestId('next-step')
      .getByText(/Musyawarah memberi keputusan/)
      .waitFor();
    // With rows undecided the close dialog says so and its confirm button cannot be pressed (it did nothing).
    await page.getByRole('button', { name: 'Tutup musyawarah' }).click();
    const early = dialog('Tutup musyawarah?');
    await early.getByText('Masih ada 3 baris tanpa hasil.', { exact: false }).waitFor();
    expect(await early.getByRole('button', { name: /Ya, tutup/ }).isDisabled()).toBe(true);
    await early.getByRole('button', { name: 'Batal' }).click();
    await early.waitFor({ state: 'hidden' });
    const bulkButton = page.getByRole('button', { name: /Semua data DTKS yang belum diputuskan/ });
    await bulkButton.click();
    const bulk = dialog('Tetapkan semua yang belum diputuskan?');
    await bulk.getByText(/datanya tidak berubah/).waitFor();
    await browser.snap('bulk-dialog');
    await bulk.getByRole('button', { name: 'Batal' }).click();
    await bulk.waitFor({ state: 'hidden' });
    expect((await session()).tally.undecided).toBe(3);
    await bulkButton.click();
    await bulk.getByRole('button', { name: 'Ya, tetapkan "Tetap"' }).click();
    await page.getByText('2 baris ditetapkan "Tetap".').waitFor();
    expect((await session()).tally.undecided).toBe(1);

    const rows = await t.container.musdes.rows(kades, sessionId, { limit: 50 } as never);
    const proposalRow = rows.items.find((r) => r.usulanId === proposals[0])!;
    await t.container.musdes.decide(kades, sessionId, proposalRow.id, { outcome: 'perbaikan' });
    await page.reload();
    await page.getByRole('button', { name: 'Tutup musyawarah' }).click();
    const close = dialog('Tutup musyawarah?');
    await close.waitFor();
    await page.keyboard.press('Escape');
    await close.waitFor({ state: 'hidden' });
    expect((await session()).state).toBe('open');
    await page.getByRole('button', { name: 'Tutup musyawarah' }).click();
    await close.getByRole('button', { name: /Ya, tutup/ }).click();
    await page.getByText('Ditutup', { exact: true }).first().waitFor();
    expect((await session()).state).toBe('closed');
    await browser.logout();
  });

  it('a proposal sent after the Musdes closed is carried over; withdrawing it needs an explanation', async () => {
    await browser.login('op-a');
    await page.goto(`${base}/cycle/usulan/${proposals[1]}`);
    await page.getByRole('button', { name: 'Kirim usulan' }).click();
    await page
      .getByText(
        `Musdes/Muskel desa periode ${PERIOD} sudah ditutup, jadi usulan ini dibawa ke periode 2026-04`,
      )
      .waitFor();
    await page
      .getByText(`Diajukan untuk periode ${PERIOD}, tetapi musyawarah periode itu sudah ditutup`)
      .waitFor();
    await browser.snap('carried-over');
    expect(await t.container.usulan.get(op, proposals[1]!)).toMatchObject({
      state: 'submitted',
      period: '2026-04',
      carriedFrom: PERIOD,
    });

    await page.getByRole('button', { name: 'Tarik usulan' }).click();
    await page.getByRole('button', { name: 'Ya, tarik usulan' }).click();
    await page.getByText('Wajib, paling sedikit 3 huruf', { exact: false }).first().waitFor();
    expect((await t.container.usulan.get(op, proposals[1]!)).state).toBe('submitted');
    await page.getByLabel('Alasan penarikan').fill('Keluarga pindah ke Temanggung');
    await page.getByRole('button', { name: 'Ya, tarik usulan' }).click();
    await page.getByText('Ditarik oleh operator desa: Keluarga pindah ke Temanggung').waitFor();
    await page
      .getByTestId('next-step')
      .getByText(/Selesai: usulan ditarik/)
      .waitFor();
    expect((await t.container.usulan.get(op, proposals[1]!)).state).toBe('withdrawn');
    await browser.logout();
  });

  it('reopening asks first: Escape changes nothing, confirm reopens', async () => {
    await browser.login('kades-a');
    await page.goto(`${base}/cycle/musdes/${sessionId}`);
    const reopenButton = page.getByRole('button', { name: 'Buka kembali' });
    await reopenButton.click();
    const reopen = dialog('Buka kembali musyawarah?');
    await reopen.getByText(/membatalkan Berita Acara/).waitFor();
    // The safe choice has the focus, and Tab stays inside the dialog.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Batal');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('dialog') !== null)).toBe(true);
    await browser.snap('reopen-dialog');
    await page.keyboard.press('Escape');
    await reopen.waitFor({ state: 'hidden' });
    expect((await session()).state).toBe('closed');
    await reopenButton.click();
    await reopen.getByRole('button', { name: 'Ya, buka kembali' }).click();
    await page.getByRole('button', { name: 'Tutup musyawarah' }).waitFor();
    expect((await session()).state).toBe('open');
    await browser.logout();
  });

  it('sending the pengesahan lists what it leaves behind; cancel keeps the draft, confirm sends it', async () => {
    const s = await session();
    const closed = await t.container.musdes.close(kades, sessionId, s.version);
    await t.container.musdes.uploadSignedScan(
      kades,
      sessionId,
      'ba.pdf',
      pdfFile('Berita Acara'),
      closed.version,
    );
    const sub = (await t.container.submissions.create(dinsos, { period: PERIOD })).view;
    await t.container.submissions.uploadLetter(dinsos, sub.id, 'surat.pdf', pdfFile('Surat pengesahan'));

    await browser.login('dinsos');
    await page.goto(`${base}/cycle/pengesahan?period=${PERIOD}`);
    await page
      .getByTestId('next-step')
      .getByText(/mengunggah surat pengesahan/)
      .waitFor();
    await page.getByRole('button', { name: 'Kirim ke Pusdatin' }).click();
    const send = dialog('Kirim pengesahan periode Maret 2026?');
    const unresolved = send.getByTestId('unresolved');
    await unresolved.getByText('Usulan yang belum tuntas (1)').waitFor();
    await unresolved.getByText(/Diterima Musdes/).waitFor();
    await unresolved.getByText(/desa\/kelurahan belum mengadakan musyawarah periode ini/).waitFor();
    await browser.snap('pengesahan-dialog');
    await send.getByRole('button', { name: 'Batal' }).click();
    await send.waitFor({ state: 'hidden' });
    expect((await t.container.submissions.get(dinsos, sub.id)).state).toBe('draft');
    await page.getByRole('button', { name: 'Kirim ke Pusdatin' }).click();
    await send.getByRole('button', { name: 'Ya, kirim pengesahan' }).click();
    await page.getByText(/Dikirim pada/).waitFor();
    expect((await t.container.submissions.get(dinsos, sub.id)).state).toBe('submitted');
    await browser.logout();
  });

  it('penetapan proposes the next determinable period and asks first', async () => {
    await browser.login('pusdatin');
    await page.goto(`${base}/cycle/penetapan`);
    await page.getByText('Periode berikutnya yang dapat ditetapkan: 2026-02.').waitFor();
    expect(await page.getByLabel('Periode yang ditetapkan').inputValue()).toBe('2026-02');
    await page.getByRole('button', { name: 'Tetapkan…' }).click();
    const determine = dialog('Tetapkan DTKS periode Februari 2026?');
    await determine.getByText(/tidak dapat diubah atau dibatalkan/).waitFor();
    await page.keyboard.press('Escape');
    await determine.waitFor({ state: 'hidden' });
    expect((await t.container.penetapan.list(dinsos)).items.filter((p) => p.state === 'determined')).toEqual(
      [],
    );
    await page.getByRole('button', { name: 'Tetapkan…' }).click();
    await determine.getByRole('button', { name: 'Ya, tetapkan' }).click();
    await page.getByText(/DTKS periode 2026-02 ditetapkan/).waitFor();
    // The form now proposes the month after it, the one that can be determined next.
    await page.getByText(`Periode berikutnya yang dapat ditetapkan: ${PERIOD}.`).waitFor();
    expect(await page.getByLabel('Periode yang ditetapkan').inputValue()).toBe(PERIOD);
    await page
      .getByTestId('next-step')
      .getByText(/SK penetapan sudah terbit/)
      .waitFor();
  });
});

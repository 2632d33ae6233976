/**
 * Distribution in a phone-sized browser, on the demo's distribution in progress: PT Pos returns a record
 * with a reason; the Dinas Sosial finds it in its worklist, an unchanged re-send is refused, the completed one
 * is re-sent (both sides see the versions); the reconciliation moves when an entitlement is delivered.
 * PT Pos adds a distribution point and its schedule, re-maps, moves one KPM to it by hand (kept by the next
 * mapping), and accepts the batch once nothing waits for
 * completion; procurement records the stock a point received for an in-kind batch. The Dinas Sosial and PT Pos
 * prepare invitation letters of an accepted batch as a job.
 * Set E2E_SHOTS=<dir> for screenshots.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/cli/demo.ts';
import { seedDemoIfEmpty } from '../../src/cli/seed-demo.ts';
import { systemActor } from '../../src/modules/access/actor.ts';
import { JobWorker } from '../../src/modules/jobs/jobs.worker.ts';
import { DISTRIBUTION_INVITATIONS } from '../../src/modules/receipts/invitations.jobs.ts';
import { type BrowserRun, RUN_BROWSER_TESTS, startBrowser } from '../support/browser.ts';
import { actorFor } from '../support/cycle.ts';
import { openTestDb, type TestDb } from '../support/db.ts';

describe.skipIf(!RUN_BROWSER_TESTS)('distribution in the browser (phone)', { timeout: 300_000 }, () => {
  let t: TestDb;
  let browser: BrowserRun;
  let page: Page;
  let base: string;

  beforeAll(async () => {
    t = await openTestDb('sqlite');
    await seedDemoIfEmpty(t.container, 200, () => {});
    browser = await startBrowser(t.container, {
      name: 'distribution',
      viewport: { width: 390, height: 844 },
    });
    ({ page, base } = browser);
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await t?.cleanup();
  });

  const login = async (username: string) => {
    await page.context().clearCookies();
    await page.goto(`${base}/login`);
    await page.getByLabel('Nama pengguna').fill(username);
    await page.getByLabel('Kata sandi').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.getByRole('button', { name: 'Keluar', exact: true }).waitFor();
    if (username !== 'pos') await page.goto(`${base}/distribution`);
    await page.getByRole('heading', { name: 'Penyaluran bansos', level: 1 }).waitFor();
  };
  /** Opens the demo's batch still being cleaned (the other one is accepted and in distribution) by default. */
  const openBatch = async (row = '[data-state="sent"]') => {
    await page
      .locator(`[data-testid="distribution-batches"] tbody tr${row}`)
      .first()
      .getByRole('button', { name: 'Buka' })
      .click();
    await page.locator('[data-testid="distribution-batch"]').waitFor();
  };
  const totalRow = () => page.locator('[data-testid="reconciliation-table"] tbody tr').last();

  it('return by PT Pos → worklist → refused unchanged re-send → re-send → reconciliation moves', async () => {
    // PT Pos lands on the distribution screen and returns the first record still sent. Nothing it loads is
    // refused (no programme list, no notices: the batch names its programme), and names, not codes, show.
    const refused: string[] = [];
    const onResponse = (r: { status(): number; url(): string }) => {
      if (r.status() === 403) refused.push(r.url());
    };
    page.on('response', onResponse);
    await login('pos');
    expect(new URL(page.url()).pathname).toBe('/distribution');
    await openBatch();
    await page.waitForTimeout(500);
    page.off('response', onResponse);
    expect(refused).toEqual([]);
    const heading = await page.locator('[data-testid="distribution-batch"] h2').innerText();
    expect(heading).not.toMatch(/^[A-Z0-9_]+ ·/);
    const sent = page.locator('[data-testid="distribution-records"] tbody tr[data-state="sent"]').first();
    const household = (await sent.getAttribute('data-household'))!;
    await sent.getByRole('button', { name: 'Kembalikan' }).click();
    await page.getByLabel('Alasan').selectOption('ADDRESS_MISSING');
    await page.getByLabel('Catatan').fill('Alamat tidak ditemukan');
    await page.getByRole('button', { name: 'Kirim', exact: true }).click();
    const row = page.locator(`tr[data-household="${household}"]`);
    await expect.poll(() => row.getAttribute('data-state')).toBe('returned');
    await browser.snap('pos-returned');

    // The Dinas Sosial sees it in its worklist (the default filter), completes it and re-sends it.
    await login('dinsos');
    await openBatch();
    const item = page.locator(`tr[data-household="${household}"]`);
    await item.getByRole('button', { name: 'Lengkapi & kirim ulang' }).click();
    await page.getByRole('button', { name: 'Kirim', exact: true }).click();
    await page.getByText('dikirim ulang tanpa perubahan').waitFor();
    await page.getByLabel('Alamat').fill('Dusun Krajan RT 2 No. 9');
    await page.getByRole('button', { name: 'Kirim', exact: true }).click();
    await item.waitFor({ state: 'detached' });
    await page.getByLabel('Status').selectOption('resent');
    await page.locator(`tr[data-household="${household}"]`).getByRole('button', { name: 'Riwayat' }).click();
    const history = page.locator('[data-testid="record-history"] li');
    await expect.poll(() => history.count()).toBe(3);
    expect(await history.nth(1).textContent()).toContain('Alamat tidak ada');
    await browser.snap('dinsos-resent');

    // Reconciliation: one entitlement delivered (as the receipts module records it) moves the figures.
    const before = Number(await totalRow().locator('td').nth(2).textContent());
    const one = await t.container.database.db
      .selectFrom('entitlements')
      .select('id')
      .where('state', '=', 'allocated')
      .executeTakeFirstOrThrow();
    await t.container.database.db
      .updateTable('entitlements')
      .set({ state: 'delivered' })
      .where('id', '=', one.id)
      .execute();
    await page.reload();
    await page.locator('[data-testid="reconciliation-table"]').waitFor();
    await expect
      .poll(async () => Number(await totalRow().locator('td').nth(2).textContent()))
      .toBe(before + 1);
    await page.locator('[data-testid="distribution-reconciliation"] canvas').first().waitFor();
    await browser.snap('reconciliation');
  });
  it('points, schedules, re-mapping and stock on screen; PT Pos accepts the batch once the worklist is empty', async () => {
    const db = t.container.database.db;
    const demo = await db
      .selectFrom('distributionBatches')
      .selectAll()
      .where('state', '=', 'sent')
      .executeTakeFirstOrThrow();
    const district = (
      await db.selectFrom('distributionPoints').select('districtCode').executeTakeFirstOrThrow()
    ).districtCode;
    await login('pos');
    // Regions by name, not by code.
    const regency = (await t.container.regions.find(demo.regencyCode))!.name;
    const districtName = (await t.container.regions.find(district))!.name;
    const batchRow = page.locator('[data-testid="distribution-batches"] tbody tr[data-state="sent"]').first();
    await expect.poll(() => batchRow.textContent()).toContain(regency);
    await openBatch();
    const points = page.locator('[data-testid="distribution-points"]');
    await points.getByRole('button', { name: 'Tambah titik salur' }).click();
    const form = page.locator('[data-testid="point-form"]');
    await form.getByLabel('Kode titik').fill('KP-UJI');
    await form.getByLabel('Nama titik salur').fill('Gedung serbaguna uji');
    await form.getByLabel('Tempat').fill('Jl. Uji 1');
    await form.getByLabel('Kode kecamatan').fill(district);
    await form.getByRole('button', { name: 'Simpan' }).click();
    const row = points.locator('tr[data-point="KP-UJI"]');
    await row.waitFor();
    await expect.poll(() => row.textContent()).toContain(`seluruh kecamatan ${districtName}`);

    await row.getByRole('button', { name: 'Tambah jadwal' }).click();
    const sched = page.locator('[data-testid="schedule-form"]');
    await sched.getByLabel('Mulai').fill(`${demo.period}-20T08:00`);
    await sched.getByLabel('Selesai').fill(`${demo.period}-20T15:00`);
    await sched.getByRole('button', { name: 'Simpan' }).click();
    await expect.poll(async () => (await row.textContent()) ?? '').toContain('Tahap 1');

    await page.getByRole('button', { name: 'Petakan ke titik salur' }).click();
    await page.getByText('KPM dipetakan').waitFor();
    const allocation = page.locator('[data-testid="distribution-allocation"] tbody tr');
    await expect.poll(() => allocation.count()).toBeGreaterThan(1);
    await browser.snap('points');

    // One KPM moved by hand to the new point (audited); mapping again keeps it there.
    const kpUji = (
      await db
        .selectFrom('distributionPoints')
        .select('id')
        .where('code', '=', 'KP-UJI')
        .executeTakeFirstOrThrow()
    ).id;
    const kpm = page.locator('[data-testid="distribution-records"] tbody tr[data-state="sent"]').first();
    const kpmId = (await kpm.getAttribute('data-household'))!;
    await kpm.getByRole('button', { name: 'Pindahkan titik' }).click();
    await page.getByLabel('Titik salur tujuan').selectOption(kpUji);
    await page.getByRole('button', { name: 'Kirim', exact: true }).click();
    const kpmPoint = page.locator(`tr[data-household="${kpmId}"] td[data-point]`);
    await expect.poll(() => kpmPoint.getAttribute('data-point')).toBe(kpUji);
    await browser.snap('moved');
    await page.getByRole('button', { name: 'Petakan ke titik salur' }).click();
    await page.getByText('KPM dipetakan').waitFor();
    await page.reload();
    await page.locator('[data-testid="distribution-batch"]').waitFor();
    expect(
      await page.locator(`tr[data-household="${kpmId}"] td[data-point]`).getAttribute('data-point'),
    ).toBe(kpUji);

    // Accepting while records wait for completion is refused with the count; nothing changes.
    await page.getByRole('button', { name: 'Terima batch' }).click();
    await page.locator('[data-testid="accept-form"]').getByRole('button', { name: 'Terima batch' }).click();
    await page.getByText('masih dikembalikan').waitFor();
    expect(await page.locator('[data-testid="batch-state"]').getAttribute('data-state')).toBe('sent');

    // The Dinas Sosial completes what was returned (through the service, as its screen does), then PT Pos accepts.
    const system = systemActor('test');
    const returned = await t.container.distribution.records(system, demo.id, {
      state: 'returned',
      limit: 100,
    });
    for (const r of returned.items) {
      await t.container.distribution.resendRecord(system, demo.id, r.householdId, {
        rt: String((Number(r.rt) || 0) + 1),
        version: r.version,
      });
    }
    await page.reload();
    await page.locator('[data-testid="distribution-batch"]').waitFor();
    await page.getByRole('button', { name: 'Terima batch' }).click();
    await page.locator('[data-testid="accept-form"]').getByRole('button', { name: 'Terima batch' }).click();
    await expect
      .poll(() => page.locator('[data-testid="batch-state"]').getAttribute('data-state'))
      .toBe('accepted');
    expect(await page.locator('[data-testid="batch-state"]').textContent()).toContain('Diterima PT Pos');
    await browser.snap('accepted');

    // Procurement records the packages a point received for an in-kind batch.
    const other = await db
      .selectFrom('recipientRuns')
      .select('programmeCode')
      .where('state', '=', 'approved')
      .where('period', '=', demo.period)
      .where('regencyCode', '=', demo.regencyCode)
      .where('programmeCode', 'not in', db.selectFrom('distributionBatches').select('programmeCode'))
      .executeTakeFirstOrThrow();
    const inKind = await t.container.distribution.createBatch(system, {
      period: demo.period,
      programme: other.programmeCode,
      regency: demo.regencyCode,
      form: 'in_kind',
      packagesPerKpm: 1,
      packageValue: 100_000,
    });
    await t.container.distribution.mapBatch(system, inKind.id);
    await login('bulog');
    await page
      .locator(`[data-testid="distribution-batches"] tbody tr[data-programme="${other.programmeCode}"]`)
      .getByRole('button', { name: 'Buka' })
      .click();
    await page.locator('[data-testid="distribution-batch"]').waitFor();
    const pointRow = points.locator('tr[data-point="KP-UJI"]');
    await pointRow.getByRole('button', { name: 'Catat stok' }).click();
    const stock = page.locator('[data-testid="stock-form"]');
    await stock.getByLabel('Paket').fill('7');
    await stock.getByLabel('Nomor surat jalan').fill('SJ-UJI-1');
    await stock.getByLabel('Diterima pada').fill(`${demo.period}-18T10:00`);
    await stock.getByRole('button', { name: 'Simpan' }).click();
    await page.getByText('Tersimpan.').waitFor();
    const stockRows = await db
      .selectFrom('distributionStock')
      .selectAll()
      .where('batchId', '=', inKind.id)
      .execute();
    expect(stockRows.map((r) => [r.packages, r.deliveryNote])).toEqual([[7, 'SJ-UJI-1']]);
    await browser.snap('stock');
  });
  it('the Dinas Sosial, then PT Pos, prepare the invitation letters as a job and download the ZIP', async () => {
    const worker = new JobWorker(t.container.jobs, { pollMs: 100 });
    worker.start();
    try {
      await login('dinsos');
      await openBatch('[data-programme="BPNT"]');
      const panel = page.locator('[data-testid="distribution-invitations"]');
      await panel.getByRole('button', { name: 'Siapkan surat undangan' }).click();
      await panel.getByRole('progressbar', { name: 'Kemajuan' }).waitFor();
      const link = panel.getByRole('link', { name: 'Unduh ZIP surat undangan' });
      await link.waitFor({ timeout: 60_000 });
      expect(await panel.getByRole('status').last().textContent()).toMatch(
        /surat undangan dalam \d+ berkas PDF/,
      );
      await browser.snap('invitations');
      const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
      expect(download.suggestedFilename()).toMatch(/\.zip$/);
      const bytes = readFileSync((await download.path())!);
      expect(bytes.subarray(0, 2).toString()).toBe('PK');

      // PT Pos prints the letters of an accepted batch itself (its own job); a batch not accepted offers none.
      await login('pos');
      await openBatch();
      await page.getByTestId('invitations-after-accept').waitFor();
      expect(await page.locator('[data-testid="distribution-invitations"]').count()).toBe(0);
      await page.goto(`${base}/distribution`);
      await openBatch('[data-programme="BPNT"]');
      const posPanel = page.locator('[data-testid="distribution-invitations"]');
      await posPanel.getByRole('button', { name: 'Siapkan surat undangan' }).click();
      const posLink = posPanel.getByRole('link', { name: 'Unduh ZIP surat undangan' });
      await posLink.waitFor({ timeout: 60_000 });
      await browser.snap('invitations-pos');
      const [posDownload] = await Promise.all([page.waitForEvent('download'), posLink.click()]);
      expect(
        readFileSync((await posDownload.path())!)
          .subarray(0, 2)
          .toString(),
      ).toBe('PK');
    } finally {
      await worker.stop();
    }
  });
  it("PT Pos follows its own jobs on 'Pekerjaan saya': live progress, the ZIP, cancel; others' jobs absent", async () => {
    const db = t.container.database.db;
    const pos = await db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'pos')
      .executeTakeFirstOrThrow();
    const mine = async () =>
      (await db.selectFrom('jobs').select('id').where('ownerId', '=', pos.id).execute()).length;
    const before = await mine();
    await login('pos');
    expect(await page.locator('nav a[href="/jobs"]').count()).toBeGreaterThan(0);
    // A job started on the distribution screen, no worker yet: queued.
    await openBatch('[data-programme="BPNT"]');
    await page
      .locator('[data-testid="distribution-invitations"]')
      .getByRole('button', { name: 'Siapkan surat undangan' })
      .click();
    await expect.poll(mine).toBe(before + 1);
    const job = await db
      .selectFrom('jobs')
      .select('id')
      .where('ownerId', '=', pos.id)
      .where('state', '=', 'queued')
      .executeTakeFirstOrThrow();
    await page.goto(`${base}/jobs`);
    await page.getByRole('heading', { name: 'Pekerjaan saya' }).waitFor();
    const rows = page.locator('tbody tr');
    // Only PT Pos's own jobs, though the Dinas Sosial's are in the same territory.
    await expect.poll(() => rows.count()).toBe(before + 1);
    for (const text of await rows.allTextContents()) expect(text).toContain('Undangan penyaluran');
    const row = page.locator(`tr[data-job-id="${job.id}"]`);
    await row.getByText('Dalam antrean').waitFor();
    // A worker takes it, pausing after each village: the row moves without a reload, then offers the ZIP.
    const worker = new JobWorker(t.container.jobs, {
      pollMs: 100,
      afterCheckpoint: () => new Promise((r) => setTimeout(r, 500)),
    });
    worker.start();
    try {
      await row.getByText('Berjalan').waitFor({ timeout: 30_000 });
      await browser.snap('pos-jobs-running');
      const ended = () =>
        db.selectFrom('jobs').select(['state', 'error']).where('id', '=', job.id).executeTakeFirstOrThrow();
      await expect
        .poll(async () => (await ended()).state, { timeout: 150_000, interval: 500 })
        .not.toMatch(/queued|running/);
      expect(await ended()).toMatchObject({ state: 'done' });
      const download = row.getByRole('link', { name: 'Unduh berkas' });
      await download.waitFor({ timeout: 10_000 });
      const bar = row.getByRole('progressbar', { name: 'Kemajuan' });
      expect(await bar.getAttribute('value')).toBe(await bar.getAttribute('max'));
      const [file] = await Promise.all([page.waitForEvent('download'), download.click()]);
      expect(file.suggestedFilename()).toMatch(/^undangan-BPNT-.*\.zip$/);
      expect(
        readFileSync((await file.path())!)
          .subarray(0, 2)
          .toString(),
      ).toBe('PK');
    } finally {
      await worker.stop();
    }
    // Another one, cancelled from the list while it waits.
    const batch = await db
      .selectFrom('distributionBatches')
      .select('id')
      .where('state', '=', 'accepted')
      .executeTakeFirstOrThrow();
    const started = {
      jobId: (
        await t.container.jobs.enqueue(await actorFor(t.container, 'pos'), DISTRIBUTION_INVITATIONS, {
          batchId: batch.id,
        })
      ).id,
    };
    await page.getByRole('button', { name: 'Muat ulang' }).click();
    const third = page.locator(`tr[data-job-id="${started.jobId}"]`);
    await third.getByRole('button', { name: 'Batalkan' }).click();
    await third.getByText('Dibatalkan').waitFor();
    await browser.snap('pos-jobs-cancelled');
    expect(
      (await db.selectFrom('jobs').select('state').where('id', '=', started.jobId).executeTakeFirstOrThrow())
        .state,
    ).toBe('cancelled');
  });
});

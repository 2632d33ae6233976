/**
 * Proof of receipt on a phone-sized browser, on the demo's distribution in progress: the point officer (`pos`)
 * opens "Penerimaan bantuan", uploads a photo of an invitation's QR code (the no-camera path: the same jsQR
 * decoding as camera frames), sees the KPM, adds a camera-sized photo (sent shrunk to 1600 px), signs on the
 * canvas and records the receipt; the
 * reconciliation's delivered count moves by one and a second upload of the same code shows it as received; a
 * code of a batch PT Pos has not accepted yet shows the KPM without the form.
 * Offline, the page checks a code's signature itself with the published key it kept: an altered code is
 * shown invalid, a genuine one is shown as checked on the device.
 * Set E2E_SHOTS=<dir> for screenshots.
 */
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jpeg from 'jpeg-js';
import type { Page } from 'playwright-core';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/cli/demo.ts';
import { seedDemoIfEmpty } from '../../src/cli/seed-demo.ts';
import { newId } from '../../src/lib/ids.ts';
import { type BrowserRun, RUN_BROWSER_TESTS, startBrowser } from '../support/browser.ts';
import { actorFor } from '../support/cycle.ts';
import { openTestDb, type TestDb } from '../support/db.ts';
import { alteredQr, pngBase64, qrPayload } from '../support/receipts.ts';

describe.skipIf(!RUN_BROWSER_TESTS)('proof of receipt in the browser (phone)', { timeout: 300_000 }, () => {
  let t: TestDb;
  let browser: BrowserRun;
  let page: Page;
  let base: string;
  const dir = mkdtempSync(join(tmpdir(), 'dtks-receipts-e2e-'));
  let qr1 = '';
  let qrPng = '';
  let qrPng2 = '';
  let qrPngCleaning = '';
  let qr2 = '';
  let entitlement2 = '';
  let kk = '';
  let period = '';
  let regency = '';

  beforeAll(async () => {
    t = await openTestDb('sqlite');
    await seedDemoIfEmpty(t.container, 200, () => {});
    const db = t.container.database.db;
    // The demo has receipts already (src/cli/demo-receipts.ts).
    const seeded = await db.selectFrom('receipts').select('id').execute();
    expect(seeded.length).toBeGreaterThan(0);
    // An outstanding entitlement at a point, of the batch PT Pos accepted; its schedule is moved to span now.
    const accepted = db.selectFrom('distributionBatches').select('id').where('state', '=', 'accepted');
    const e = await db
      .selectFrom('entitlements')
      .selectAll()
      .where('state', '=', 'allocated')
      .where('pointId', 'is not', null)
      .where('batchId', 'in', accepted)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    period = e.period;
    regency = e.regencyCode;
    const now = Date.now();
    const span = {
      startsAt: new Date(now - 86_400_000).toISOString(),
      endsAt: new Date(now + 86_400_000).toISOString(),
    };
    const updated = await db
      .updateTable('distributionSchedules')
      .set(span)
      .where('pointId', '=', e.pointId!)
      .where('batchId', '=', e.batchId)
      .where('tranche', '=', e.tranche)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) {
      await db
        .insertInto('distributionSchedules')
        .values({
          id: newId(),
          pointId: e.pointId!,
          batchId: e.batchId,
          tranche: e.tranche,
          ...span,
          createdAt: new Date().toISOString(),
        })
        .execute();
    }
    let qr = '';
    for await (const line of t.container.receipts.invitationLines(e.batchId, e.villageCode, span.endsAt)) {
      if (line.entitlementId === e.id) {
        qr = t.container.receipts.qrFor(line);
        qr1 = qr;
        kk = line.kkNumber;
      }
    }
    // A second outstanding entitlement at the same point and tranche (any village): the offline case.
    const e2 = await db
      .selectFrom('entitlements')
      .selectAll()
      .where('state', '=', 'allocated')
      .where('pointId', '=', e.pointId!)
      .where('batchId', '=', e.batchId)
      .where('tranche', '=', e.tranche)
      .where('id', '!=', e.id)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    entitlement2 = e2.id;
    for await (const line of t.container.receipts.invitationLines(e2.batchId, e2.villageCode, span.endsAt)) {
      if (line.entitlementId === e2.id) qr2 = t.container.receipts.qrFor(line);
    }
    expect(qr2).not.toBe('');
    qrPng2 = join(dir, 'undangan-qr-2.png');
    await QRCode.toFile(qrPng2, qr2, { errorCorrectionLevel: 'M', width: 600 });
    expect(qr).not.toBe('');
    qrPng = join(dir, 'undangan-qr.png');
    await QRCode.toFile(qrPng, qr, { errorCorrectionLevel: 'M', width: 600 });
    // An invitation of the batch still being cleaned: shown, but not to be handed over yet.
    const cleaning = await db
      .selectFrom('entitlements as e')
      .innerJoin('distributionBatches as b', 'b.id', 'e.batchId')
      .select(['e.id', 'e.batchId', 'e.villageCode'])
      .where('b.state', '=', 'sent')
      .where('e.pointId', 'is not', null)
      .orderBy('e.id')
      .executeTakeFirstOrThrow();
    for await (const line of t.container.receipts.invitationLines(
      cleaning.batchId,
      cleaning.villageCode,
      span.endsAt,
    )) {
      if (line.entitlementId === cleaning.id) {
        qrPngCleaning = join(dir, 'undangan-qr-pemadanan.png');
        await QRCode.toFile(qrPngCleaning, t.container.receipts.qrFor(line), {
          errorCorrectionLevel: 'M',
          width: 600,
        });
      }
    }
    expect(qrPngCleaning).not.toBe('');
    writeFileSync(join(dir, 'foto.png'), Buffer.from(pngBase64(5), 'base64'));
    const [w, h] = [3200, 2400];
    const noise = Buffer.alloc(w * h * 4);
    for (let i = 0; i < noise.length; i++) noise[i] = Math.imul(i, 2654435761) >>> 24;
    writeFileSync(join(dir, 'kamera.jpg'), jpeg.encode({ width: w, height: h, data: noise }, 90).data);
    browser = await startBrowser(t.container, { name: 'receipts', viewport: { width: 390, height: 844 } });
    ({ page, base } = browser);
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await t?.cleanup();
  });

  const delivered = async () => {
    const res = await page.request.get(
      `${base}/api/v1/distribution/reconciliation?period=${period}&region=${regency}`,
    );
    expect(res.status()).toBe(200);
    return (await res.json()).delivered as number;
  };

  it('upload the QR → see the KPM → photo and signature → recorded; the reconciliation moves', async () => {
    await browser.login('pos', DEMO_PASSWORD);
    const before = await delivered();
    await page.goto(`${base}/distribution/receive`);
    await page.getByRole('heading', { name: 'Penerimaan bantuan', level: 1 }).waitFor();
    await page.locator('input[name="qrImage"]').setInputFiles(qrPng);
    const kpm = page.getByTestId('receive-kpm');
    await kpm.waitFor();
    expect(await kpm.textContent()).toContain(kk);
    // A phone camera's picture (3200×2400, noisy: ≈ 5 MB): the page sends it shrunk to 1600 px, JPEG.
    await page.locator('input[name="photo"]').setInputFiles(join(dir, 'kamera.jpg'));
    const pad = page.getByTestId('signature-pad');
    await pad.scrollIntoViewIfNeeded();
    const box = (await pad.boundingBox())!;
    await page.mouse.move(box.x + 20, box.y + 30);
    await page.mouse.down();
    for (let i = 1; i <= 10; i++) await page.mouse.move(box.x + 20 + i * 25, box.y + 30 + (i % 3) * 15);
    await page.mouse.up();
    await browser.snap('receipt-kpm');
    const [sent] = await Promise.all([
      page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/api/v1/distribution/receipts')),
      page.getByRole('button', { name: 'Catat penerimaan' }).click(),
    ]);
    await page.getByTestId('receive-note').filter({ hasText: 'Penerimaan tercatat.' }).waitFor();
    expect(await delivered()).toBe(before + 1);
    const photo = String((sent.postDataJSON() as { photo: string }).photo);
    expect(photo.startsWith('data:image/jpeg;base64,')).toBe(true);
    const bytes = Buffer.from(photo.slice(photo.indexOf(',') + 1), 'base64');
    const shrunk = jpeg.decode(bytes, { useTArray: true });
    expect([shrunk.width, shrunk.height]).toEqual([1600, 1200]);
    expect(bytes.length).toBeLessThan(statSync(join(dir, 'kamera.jpg')).size / 2);

    // The same invitation again: the page shows it was already received; nothing to record.
    await page.locator('input[name="qrImage"]').setInputFiles(qrPng);
    await kpm.getByText('Sudah diterima pada').waitFor();
    expect(await page.getByRole('button', { name: 'Catat penerimaan' }).count()).toBe(0);
    await browser.snap('receipt-repeat');

    // An invitation of a batch PT Pos has not accepted yet: the KPM is shown, nothing can be recorded.
    await page.locator('input[name="qrImage"]').setInputFiles(qrPngCleaning);
    await page.getByTestId('not-accepted').waitFor();
    expect(await page.getByTestId('not-accepted').textContent()).toContain('belum diterima PT Pos');
    expect(await page.getByRole('button', { name: 'Catat penerimaan' }).count()).toBe(0);
    expect(await delivered()).toBe(before + 1);
    await browser.snap('receipt-not-accepted');
  });

  it('offline: the receipt waits in the device queue; another device synced first → one receipt, this one told', async () => {
    await page.goto(`${base}/distribution/receive`);
    await page.locator('input[name="qrImage"]').setInputFiles(qrPng2);
    const kpm = page.getByTestId('receive-kpm');
    await kpm.waitFor();
    await page.context().setOffline(true);
    await page.locator('input[name="photo"]').setInputFiles(join(dir, 'foto.png'));
    const box = (await page.getByTestId('signature-pad').boundingBox())!;
    await page.mouse.move(box.x + 30, box.y + 40);
    await page.mouse.down();
    for (let i = 1; i <= 8; i++) await page.mouse.move(box.x + 30 + i * 20, box.y + 40 + (i % 2) * 20);
    await page.mouse.up();
    await page.getByRole('button', { name: 'Catat penerimaan' }).click();
    await page.getByTestId('receive-note').filter({ hasText: 'disimpan di antrean' }).waitFor();
    await page.getByText('Antrean perangkat: 1').waitFor();

    // Meanwhile another device records the same invitation.
    const other = await actorFor(t.container, 'pos');
    await t.container.receipts.receive(other, {
      qr: qr2,
      photo: pngBase64(7),
      signature: pngBase64(8),
      deviceId: 'other-device',
    });

    await page.context().setOffline(false);
    const send = page.getByRole('button', { name: 'Kirim antrean sekarang' });
    // The connection's return and this tap may both start a sync: the officer is told once (one sync at a time).
    if (await send.isVisible()) await send.click().catch(() => {});
    await page.getByText('Sudah diterima sebelumnya pada').first().waitFor();
    await page.getByText('Antrean perangkat: 0').waitFor();
    expect(await page.getByText('Sudah diterima sebelumnya pada').count()).toBe(1);
    const rows = await t.container.database.db
      .selectFrom('receipts')
      .select(['deviceId'])
      .where('entitlementId', '=', entitlement2)
      .execute();
    expect(rows).toEqual([{ deviceId: 'other-device' }]);
    await browser.snap('receipt-offline-told');
  });
  it('offline: the device checks the QR signature with the kept public key — an altered code is invalid', async () => {
    await page.goto(`${base}/distribution/receive`);
    await page.getByRole('heading', { name: 'Penerimaan bantuan', level: 1 }).waitFor();
    // Online once: the page keeps the published key.
    await expect
      .poll(() => page.evaluate(() => localStorage.getItem('dtks.distribution.publicKey')))
      .toContain('Ed25519');
    const altered = alteredQr(qr1, { a: qrPayload(qr1).a + 1_000_000 });
    const forgedPng = join(dir, 'undangan-palsu.png');
    await QRCode.toFile(forgedPng, altered, { errorCorrectionLevel: 'M', width: 600 });

    await page.context().setOffline(true);
    await page.locator('input[name="qrImage"]').setInputFiles(forgedPng);
    await page
      .getByTestId('receive-note')
      .filter({ hasText: 'Kode QR tidak sah (diperiksa di perangkat)' })
      .waitFor();
    expect(await page.getByTestId('receive-kpm').count()).toBe(0);
    await browser.snap('receipt-offline-forged');

    await page.locator('input[name="qrImage"]').setInputFiles(qrPng);
    await page.getByTestId('receive-kpm').waitFor();
    expect(await page.getByTestId('offline-check').getAttribute('data-check')).toBe('checked');
    expect(await page.getByTestId('receive-kpm').textContent()).toContain(kk);
    await page.context().setOffline(false);
  });
});

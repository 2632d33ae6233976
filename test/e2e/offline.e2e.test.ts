/**
 * The offline field app in a real browser: a field officer opens the installable app (manifest linked, the
 * service worker keeping the shell), downloads the territory's working set, goes offline (the browser's
 * offline mode), records the assigned visit with a photo, and comes back online: the queued change is sent
 * by itself and the visit, with its photo, is on the server. Then a conflict: a Musdes row the device had
 * undecided is decided differently online; the device's decision comes back as a conflict with both
 * versions side by side, and "keep mine" applies it on the server's version. Logging out with it unsent asks
 * first (declined: the change stays); logging out otherwise wipes the data.
 * Runs the real server (clock frozen inside the proposal window) on a fresh SQLite copy and the built web app.
 */
import jpeg from 'jpeg-js';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/modules/access/actor.ts';
import { jpegFile } from '../factories/files.ts';
import { makeHousehold } from '../factories/households.ts';
import { createUsers, login, PASSWORD, PLACES } from '../support/app.ts';
import {
  type BrowserRun,
  noticeSkippedBrowserSuite,
  RUN_BROWSER_TESTS,
  startBrowser,
} from '../support/browser.ts';
import { acceptedProposal, actorFor, createUser, openedMusdes } from '../support/cycle.ts';
import { openTestDb, type TestDb } from '../support/db.ts';

noticeSkippedBrowserSuite('the offline browser test');

describe.skipIf(!RUN_BROWSER_TESTS)('offline field app in the browser', () => {
  let t: TestDb;
  let browser: BrowserRun;
  let page: Page;
  let visitId: string;
  let petugasId: string;

  const waitFor = async (check: () => Promise<boolean>, what: string) => {
    for (let i = 0; i < 100; i++) {
      if (await check()) return;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`timed out waiting for ${what}`);
  };

  const unlock = async () => {
    await page.getByLabel('Kata sandi').fill(PASSWORD);
    await page.getByRole('button', { name: 'Buka data lapangan' }).click();
    await page.getByRole('button', { name: 'Unduh data wilayah' }).waitFor();
  };

  beforeAll(async () => {
    t = await openTestDb('sqlite', { now: () => new Date('2026-03-16T09:00:00+07:00') });
    await createUsers(t.container);
    petugasId = (await createUser(t.container, 'petugas-a', 'petugas', PLACES.districtA)).id;
    await t.container.households.create(systemActor('e2e'), makeHousehold(PLACES.villageA, 61));
    browser = await startBrowser(t.container, {
      name: 'offline',
      viewport: { width: 390, height: 844 },
      serviceWorkers: 'allow',
    });
    ({ page } = browser);
    const op = await login(browser.app, 'op-a');
    const usulanId = await acceptedProposal(browser.app, t.container, op, {
      kind: 'baru',
      household: makeHousehold(PLACES.villageA, 60),
      reason: 'Keluarga miskin belum terdaftar',
    });
    const dinsos = await actorFor(t.container, 'dinsos');
    visitId = (await t.container.verivali.assign(dinsos, { usulanId, assignedTo: petugasId })).id;
  });

  afterAll(async () => {
    await browser?.close();
    await t?.cleanup();
  });

  it('downloads, records a visit with a photo offline, and syncs it when back online', async () => {
    await browser.login('petugas-a');
    await page.goto(`${browser.base}/offline`);
    await page.getByRole('heading', { name: 'Kerja lapangan (luring)' }).waitFor();
    // Opened at its address (a reload), the key is gone from memory: the password opens the data again,
    // and only the right one (checked against a value sealed with the key, without the server).
    await unlock();
    await page.reload();
    await page.getByLabel('Kata sandi').fill('wrong-password-1');
    await page.getByRole('button', { name: 'Buka data lapangan' }).click();
    await page.getByText('Kata sandi salah').waitFor();
    await unlock();
    // Installable: the manifest is linked and the service worker controls the app.
    expect(await page.locator('link[rel="manifest"]').getAttribute('href')).toBe('/manifest.webmanifest');
    const manifest = await (await fetch(`${browser.base}/manifest.webmanifest`)).json();
    expect(manifest).toMatchObject({ short_name: 'DTKS', display: 'standalone', start_url: '/offline' });
    const scope = await page.evaluate(() =>
      Promise.race([
        navigator.serviceWorker.ready.then((r) => r.scope),
        new Promise((r) => setTimeout(() => r('no service worker'), 60_000)),
      ]),
    );
    expect(scope).toBe(`${browser.base}/`);
    // The public entry still loads as before (the worker leaves it to the network).
    const pub = await fetch(`${browser.base}/cek`);
    expect(await pub.text()).toContain('<div id="root">');

    await page.getByRole('button', { name: 'Unduh data wilayah' }).click();
    await expect.poll(() => page.getByTestId('downloaded').textContent()).toContain('1 kunjungan');
    await browser.snap('downloaded');

    await browser.context.setOffline(true);
    await page.getByText('Tidak tersambung').waitFor();
    await page.getByRole('button', { name: 'Kunjungan' }).click();
    await page.getByRole('button', { name: /Budi Santoso 60/ }).click();
    await page.getByRole('radio', { name: 'Ditemukan, layak' }).check();
    await page.locator('input[name="latitude"]').fill('-7.36');
    await page.locator('input[name="longitude"]').fill('109.9');
    await page.getByTestId('photo-input').setInputFiles({
      name: 'rumah.jpg',
      mimeType: 'image/jpeg',
      buffer: jpegFile(),
    });
    await page.getByText('1 foto').waitFor();
    await browser.snap('visit-form');
    await page.getByRole('button', { name: 'Simpan kunjungan' }).click();
    await page.getByRole('button', { name: 'Antrean' }).click();
    await expect.poll(() => page.getByTestId('queue-item').count()).toBe(1);
    // Nothing reached the server yet.
    const dinsos = await actorFor(t.container, 'dinsos');
    expect((await t.container.verivali.get(dinsos, visitId)).state).toBe('assigned');
    // At rest the record is ciphertext: the head's name is nowhere in the stored rows.
    const stored = await page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((ok, ko) => {
        const r = indexedDB.open('dtks-offline');
        r.onsuccess = () => ok(r.result);
        r.onerror = () => ko(r.error);
      });
      const rows = await new Promise<unknown[]>((ok) => {
        const r = db.transaction('records').objectStore('records').getAll();
        r.onsuccess = () => ok(r.result);
      });
      db.close();
      return rows.map((row) => new TextDecoder().decode((row as { data: ArrayBuffer }).data)).join('');
    });
    expect(stored.length).toBeGreaterThan(0);
    expect(stored).not.toContain('Budi Santoso 60');

    await browser.context.setOffline(false);
    // The visit is recorded, then its photo attached: both are on the server once the queue is empty.
    await waitFor(
      async () => (await t.container.verivali.get(dinsos, visitId)).photos.length === 1,
      'the sync',
    );
    const v = await t.container.verivali.get(dinsos, visitId);
    expect(v).toMatchObject({ result: 'found_eligible', latitude: -7.36, longitude: 109.9 });
    expect(v.photos).toEqual([expect.objectContaining({ kind: 'visit_photo', mime: 'image/jpeg' })]);
    await page.getByRole('button', { name: 'Antrean' }).click();
    await page.getByText('Tidak ada perubahan yang menunggu.').waitFor();
    await browser.snap('synced');
  });

  it('shows a Musdes decision made meanwhile online as a conflict, side by side; keep mine applies it', async () => {
    await browser.logout();
    // Logging out left nothing on the device.
    const dbs = await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
    expect(dbs).not.toContain('dtks-offline');

    const op = await login(browser.app, 'op-a');
    const session = await openedMusdes(browser.app, op, '2026-03-16');

    await browser.login('kades-a');
    await page.goto(`${browser.base}/offline`);
    await unlock();
    await page.getByRole('button', { name: 'Unduh data wilayah' }).click();
    await expect.poll(() => page.getByTestId('downloaded').textContent()).toMatch(/[1-9]\d* baris Musdes/);
    const rows = (
      await browser.app.inject({ method: 'GET', url: `/api/v1/musdes/${session.id}/rows`, headers: op })
    ).json().items as { id: string; headName: string; allowedOutcomes: string[] }[];
    const row = rows.find(
      (r) => r.allowedOutcomes.includes('perbaikan') && r.allowedOutcomes.includes('tetap'),
    )!;

    await browser.context.setOffline(true);
    await page.getByRole('button', { name: 'Musdes' }).click();
    const item = page.locator('li', { hasText: row.headName });
    await item.getByLabel('Keterangan').fill('Alamat pindah RT');
    await item.getByRole('button', { name: 'Perbaikan' }).click();
    await item.getByText('Hasil disimpan di perangkat.').waitFor();

    // Meanwhile, online, the operator decides the same row "tetap".
    const decided = await browser.app.inject({
      method: 'PUT',
      url: `/api/v1/musdes/${session.id}/rows/${row.id}`,
      headers: op,
      payload: { outcome: 'tetap' },
    });
    expect(decided.statusCode, decided.body).toBe(200);

    await browser.context.setOffline(false);
    await page.getByRole('button', { name: 'Antrean' }).click();
    const conflict = page.getByTestId('queue-item');
    await expect.poll(() => conflict.textContent(), { timeout: 20_000 }).toContain('Konflik');
    await expect.poll(() => conflict.textContent()).toContain('Versi server');
    expect(await conflict.textContent()).toContain('Versi saya (perangkat)');
    await browser.snap('conflict');
    // Logging out with a change not sent yet asks first; declining keeps the change and the session.
    let asked = '';
    page.once('dialog', (d) => {
      asked = d.message();
      void d.dismiss();
    });
    await page.getByRole('button', { name: 'Keluar', exact: true }).click();
    await expect.poll(() => asked).toContain('1 perubahan lapangan yang belum terkirim');
    await page.getByRole('heading', { name: 'Kerja lapangan (luring)' }).waitFor();
    await page.getByRole('button', { name: 'Antrean' }).click();
    await expect.poll(() => conflict.textContent()).toContain('Konflik');
    await conflict.getByRole('button', { name: 'Pakai versi saya' }).click();
    await page.getByText('Tidak ada perubahan yang menunggu.').waitFor();
    const after = (
      await browser.app.inject({ method: 'GET', url: `/api/v1/musdes/${session.id}/rows`, headers: op })
    ).json().items as { id: string; outcome: string }[];
    expect(after.find((r) => r.id === row.id)!.outcome).toBe('perbaikan');
  });

  it('drafts a new household with two members offline; back online it is a draft in the usulan list', async () => {
    await browser.logout();
    await browser.login('op-a');
    // The login sealed the value the password is checked against (nothing of /offline opened yet).
    await waitFor(
      () =>
        page.evaluate(async () => {
          if (!(await indexedDB.databases()).some((d) => d.name === 'dtks-offline')) return false;
          const db = await new Promise<IDBDatabase>((ok, ko) => {
            const r = indexedDB.open('dtks-offline');
            r.onsuccess = () => ok(r.result);
            r.onerror = () => ko(r.error);
          });
          const found = await new Promise<boolean>((ok) => {
            if (!db.objectStoreNames.contains('meta')) return ok(false);
            const r = db.transaction('meta').objectStore('meta').get('check');
            r.onsuccess = () => ok(r.result !== undefined);
            r.onerror = () => ok(false);
          });
          db.close();
          return found;
        }),
      'the check value sealed at login',
    );
    // So the very first unlock after a reload already refuses a wrong password.
    await page.goto(`${browser.base}/offline`);
    await page.getByLabel('Kata sandi').fill('wrong-password-1');
    await page.getByRole('button', { name: 'Buka data lapangan' }).click();
    await page.getByText('Kata sandi salah').waitFor();
    await unlock();
    await page.getByRole('button', { name: 'Unduh data wilayah' }).click();
    await expect.poll(() => page.getByTestId('downloaded').textContent()).toContain('rumah tangga');

    const proposed = makeHousehold(PLACES.villageA, 62);
    const [head, spouse] = proposed.members;
    await browser.context.setOffline(true);
    await page.getByText('Tidak tersambung').waitFor();
    await page.getByRole('button', { name: 'Rumah tangga', exact: true }).click();
    await page.getByRole('button', { name: 'Usulan rumah tangga baru' }).click();
    const byId = (id: string) => page.locator(`[id="${id}"]`);
    await byId('field-kkNumber').fill(proposed.kkNumber);
    await byId('field-rw').fill('4');
    await byId('field-rt').fill('2');
    await byId('field-address').fill('Dusun Sigedang No. 12');
    await byId('field-members.0.nik').fill(head!.nik);
    await byId('field-members.0.name').fill(head!.name);
    await page.getByRole('button', { name: 'Tambah anggota' }).click();
    // The spouse's NIK typed is one already in this village's DTKS: only the server can tell.
    await byId('field-members.1.nik').fill(makeHousehold(PLACES.villageA, 61).members[1]!.nik);
    await byId('field-members.1.name').fill(spouse!.name);
    await byId('field-members.1.relationship').selectOption('2');
    await byId('field-reason').fill('Buruh tani tanpa lahan, belum terdata di DTKS');
    // A camera-sized photo of the front of the house: made smaller in the browser before it is kept.
    await page.getByTestId('photo-kind').selectOption('house_front');
    await page.getByTestId('photo-input').setInputFiles({
      name: 'depan.jpg',
      mimeType: 'image/jpeg',
      buffer: jpegFile(2400, 1800, 90),
    });
    await page.getByText('1 foto').waitFor();
    await browser.snap('new-household-offline');
    await page.getByRole('button', { name: 'Simpan draf usulan' }).click();
    await page.getByText('Draf usulan disimpan di perangkat.').waitFor();
    await page.getByRole('button', { name: 'Antrean' }).click();
    const queued = page.getByTestId('queue-item');
    await expect.poll(() => queued.count()).toBe(1);
    expect(await queued.textContent()).toContain(`Rumah tangga baru — ${head!.name}`);
    const op = await actorFor(t.container, 'op-a');
    const drafts = async () =>
      (await t.container.usulan.list(op, { kind: 'baru', limit: 100 })).items.filter(
        (u) => u.headName === head!.name,
      );
    expect(await drafts()).toHaveLength(0);

    await browser.context.setOffline(false);
    // Refused with the field's problem: "fix" reopens the form with it at the input; corrected, it syncs.
    await expect.poll(() => queued.textContent(), { timeout: 20_000 }).toContain('Ditolak');
    await queued.getByRole('button', { name: 'Perbaiki usulan' }).click();
    const nikError = byId('field-members.1.nik-error');
    await expect.poll(() => nikError.textContent()).toContain('sudah terdaftar di DTKS desa ini');
    expect(await byId('field-kkNumber').inputValue()).toBe(proposed.kkNumber);
    await browser.snap('new-household-refused');
    await byId('field-members.1.nik').fill(spouse!.nik);
    await page.getByRole('button', { name: 'Simpan draf usulan' }).click();
    await waitFor(async () => (await drafts()).length === 1, 'the new household to sync');
    await page.getByText('Tidak ada perubahan yang menunggu.').waitFor();
    const [draft] = await drafts();
    const full = await t.container.usulan.get(op, draft!.id);
    expect(full).toMatchObject({ kind: 'baru', state: 'draft' });
    expect(JSON.stringify(full)).toContain(spouse!.nik);
    // The photo came with it (kept through the refusal and the fix), compressed: 1600 px on its long side.
    expect(full.attachments).toEqual([expect.objectContaining({ kind: 'house_front', mime: 'image/jpeg' })]);
    const stored = await t.container.attachments.open(op, full.attachments[0]!.id, 'file');
    const chunks: Buffer[] = [];
    for await (const c of stored.stream) chunks.push(c as Buffer);
    const image = jpeg.decode(Buffer.concat(chunks), { useTArray: true });
    expect([image.width, image.height]).toEqual([1600, 1200]);
    // The staff app's proposal list shows it.
    await page.goto(`${browser.base}/cycle/usulan`);
    await page.getByText(head!.name).first().waitFor();
    await browser.snap('new-household-synced');
  });
});

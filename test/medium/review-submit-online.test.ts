/**
 * Review of 0725703 (submission and withdrawal stay online): the service refuses `submit` and `withdraw` on
 * an offline installation, but the proposal's view still offers them (`allowedActions`), so the UI
 * (UsulanActions, which shows the steps the API lists) keeps a "Kirim" / "Tarik" button that can only fail —
 * with a 409 the page reads as "someone changed the proposal meanwhile" and reloads. Written failing by the
 * review. The offline installation is SQLite only (an offline installation has no PostgreSQL mode).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeHousehold } from '../factories/households.ts';
import { createUsers, PLACES } from '../support/app.ts';
import { actorFor } from '../support/cycle.ts';
import { openTestDb, type TestDb } from '../support/db.ts';

describe('offline installation: the steps a proposal offers (sqlite)', () => {
  let laptop: TestDb;
  beforeAll(async () => {
    laptop = await openTestDb('sqlite', {
      now: () => new Date('2026-03-16T09:00:00+07:00'),
      installationMode: 'offline',
    });
    await createUsers(laptop.container);
  });
  afterAll(async () => {
    await laptop?.cleanup();
  });

  it('does not offer submission or withdrawal, which the laptop refuses (usulan.submit_online)', async () => {
    const op = await actorFor(laptop.container, 'op-a');
    const made = await laptop.container.usulan.create(op, {
      kind: 'baru',
      household: makeHousehold(PLACES.villageA, 50),
      reason: 'Disusun di kecamatan',
      confirmWarnings: true,
    });
    await expect(laptop.container.usulan.submit(op, made.id, made.version)).rejects.toMatchObject({
      code: 'usulan.submit_online',
    });
    const view = await laptop.container.usulan.get(op, made.id);
    // Actual: ['submit', 'withdraw'] (allowedActions ignores the installation mode).
    expect(view.allowedActions.filter((a) => a === 'submit' || a === 'withdraw')).toEqual([]);
  });
});

/**
 * An offline installation leaves reopening a returned proposal (`revise`, returned → draft) to the online
 * registry like submission and withdrawal: refused with `usulan.revise_online`, nothing changed. SQLite
 * only (an offline installation has no PostgreSQL mode).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeHousehold } from '../factories/households.ts';
import { createUsers, PLACES } from '../support/app.ts';
import { actorFor } from '../support/cycle.ts';
import { openTestDb, type TestDb } from '../support/db.ts';

describe('offline installation: reopening a returned proposal stays online (sqlite)', () => {
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

  it('refuses revise with usulan.revise_online and leaves the proposal as it was', async () => {
    const op = await actorFor(laptop.container, 'op-a');
    const made = await laptop.container.usulan.create(op, {
      kind: 'baru',
      household: makeHousehold(PLACES.villageA, 51),
      reason: 'Disusun di kecamatan',
      confirmWarnings: true,
    });
    await expect(laptop.container.usulan.revise(op, made.id, made.version)).rejects.toMatchObject({
      code: 'usulan.revise_online',
    });
    const view = await laptop.container.usulan.get(op, made.id);
    expect({ state: view.state, version: view.version }).toEqual({ state: 'draft', version: made.version });
    expect(view.allowedActions).not.toContain('revise');
  });
});

/**
 * An offline installation (a kecamatan laptop) leaves the steps of a proposal that only the online registry
 * takes — submission, withdrawal, and reopening a returned proposal (`revise`, returned → draft) — to it: the
 * service refuses them (`usulan.submit_online`, `usulan.revise_online`), nothing changes, and the proposal's
 * view does not offer them (`allowedActions`). First written failing by the review of 0725703: the view still
 * offered submission and withdrawal, so the UI (UsulanActions, which shows the steps the API lists) kept a
 * "Kirim" / "Tarik" button that could only fail — with a 409 the page read as "someone changed the proposal
 * meanwhile" and reloaded. SQLite only (an offline installation has no PostgreSQL mode).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeHousehold } from '../factories/households.ts';
import { PLACES } from '../support/app.ts';
import { actorFor } from '../support/cycle.ts';
import type { TestDb } from '../support/db.ts';
import { offlineLaptop } from '../support/offline-pair.ts';

describe('offline installation: the steps of a proposal that stay online (sqlite)', () => {
  let laptop: TestDb;
  beforeAll(async () => {
    laptop = await offlineLaptop(() => new Date('2026-03-16T09:00:00+07:00'));
  });
  afterAll(async () => {
    await laptop?.cleanup();
  });
  /** A proposal drafted on the laptop by the village operator. */
  const drafted = async (no: number) => {
    const op = await actorFor(laptop.container, 'op-a');
    const made = await laptop.container.usulan.create(op, {
      kind: 'baru',
      household: makeHousehold(PLACES.villageA, no),
      reason: 'Disusun di kecamatan',
      confirmWarnings: true,
    });
    return { op, made };
  };

  it('does not offer submission or withdrawal, which the laptop refuses (usulan.submit_online)', async () => {
    const { op, made } = await drafted(50);
    await expect(laptop.container.usulan.submit(op, made.id, made.version)).rejects.toMatchObject({
      code: 'usulan.submit_online',
    });
    const view = await laptop.container.usulan.get(op, made.id);
    // Before the fix: ['submit', 'withdraw'] (allowedActions ignored the installation mode).
    expect(view.allowedActions.filter((a) => a === 'submit' || a === 'withdraw')).toEqual([]);
  });

  it('refuses revise with usulan.revise_online and leaves the proposal as it was', async () => {
    const { op, made } = await drafted(51);
    await expect(laptop.container.usulan.revise(op, made.id, made.version)).rejects.toMatchObject({
      code: 'usulan.revise_online',
    });
    const view = await laptop.container.usulan.get(op, made.id);
    expect({ state: view.state, version: view.version }).toEqual({ state: 'draft', version: made.version });
    expect(view.allowedActions).not.toContain('revise');
  });
});

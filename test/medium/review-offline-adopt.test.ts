/**
 * Review (not production): a proposal made on an offline installation and edited there after it was sent
 * online. The cycle mirror's "adopt" rule compares the laptop's version with the online version — numbers of
 * two different databases — so (A) an edit made on the laptop after the first export is refused online as a
 * conflict on every later export, and (B) when both sides edited it once, the next working set marks the
 * laptop's edit as mirrored: it is never exported and no conflict is reported (silent divergence).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Actor, systemActor } from '../../src/modules/access/actor.ts';
import { makeHousehold } from '../factories/households.ts';
import { createUsers, PLACES } from '../support/app.ts';
import { actorFor } from '../support/cycle.ts';
import { openTestDb, type TestDb } from '../support/db.ts';

const clock = new Date('2026-03-16T09:00:00+07:00');

describe('offline installation: proposals made on the laptop, edited after they were sent', () => {
  let online: TestDb;
  let laptop: TestDb;
  let dir: string;
  let camat: Actor;
  let dinsos: Actor;
  const system = systemActor('test');
  let n = 0;
  const body = (no: number, reason: string) => ({
    kind: 'baru' as const,
    household: makeHousehold(PLACES.villageA, no),
    reason,
    confirmWarnings: true,
  });
  const workingSet = async () => {
    const file = join(dir, `ws-${++n}.siks`);
    await online.container.bundles.exportWorkingSet(camat, PLACES.districtA, file);
    return laptop.container.bundles.import(system, file);
  };
  const changes = async () => {
    const file = join(dir, `fc-${++n}.siks`);
    const manifest = await laptop.container.bundles.exportFieldChanges(
      await actorFor(laptop.container, 'camat-a'),
      { region: PLACES.districtA },
      file,
    );
    return { manifest, report: await online.container.bundles.import(dinsos, file) };
  };

  beforeAll(async () => {
    online = await openTestDb('sqlite', { now: () => clock });
    laptop = await openTestDb('sqlite', { now: () => clock, installationMode: 'offline' });
    dir = mkdtempSync(join(tmpdir(), 'dtks-review-'));
    for (const c of [online.container, laptop.container]) await createUsers(c);
    camat = await actorFor(online.container, 'camat-a');
    dinsos = await actorFor(online.container, 'dinsos');
    await laptop.container.bundles.trustKey(system, {
      name: 'DTKS online',
      publicKey: online.container.bundles.installationKey().publicKey,
      regionCode: PLACES.regency,
    });
    await online.container.bundles.trustKey(dinsos, {
      name: 'Laptop',
      publicKey: laptop.container.bundles.installationKey().publicKeyPem,
      regionCode: PLACES.districtA,
    });
    await online.container.households.create(system, makeHousehold(PLACES.villageA, 1));
    await workingSet();
  });
  afterAll(async () => {
    await online?.cleanup();
    await laptop?.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('(A) an edit made on the laptop after the proposal was sent reaches the online registry', async () => {
    const opL = await actorFor(laptop.container, 'op-a');
    const made = await laptop.container.usulan.create(opL, body(30, 'Keluarga baru pindah'));
    expect((await changes()).report).toMatchObject({ created: 1, conflicts: 0 });
    await laptop.container.usulan.updateDraft(opL, made.id, made.version, body(30, 'Diedit di laptop'));
    const { report } = await changes();
    // Actual: conflicts 1 (sent again as a creation, baseVersion 0, which differs from the stored one).
    expect(report).toMatchObject({ conflicts: 0, rejected: 0 });
    const opA = await actorFor(online.container, 'op-a');
    expect((await online.container.usulan.get(opA, made.id)).reason).toBe('Diedit di laptop');
  });

  it('(B) edited on both sides: the laptop edit is sent or reported as a conflict, never dropped', async () => {
    const opL = await actorFor(laptop.container, 'op-a');
    const opA = await actorFor(online.container, 'op-a');
    const made = await laptop.container.usulan.create(opL, body(31, 'Keluarga baru pindah'));
    const first = await changes();
    expect(first.report.rows.filter((r) => r.targetId === made.id)).toEqual([]);
    const o = await online.container.usulan.get(opA, made.id);
    await online.container.usulan.updateDraft(opA, made.id, o.version, body(31, 'Diedit online'));
    const l = await laptop.container.usulan.get(opL, made.id);
    await laptop.container.usulan.updateDraft(opL, made.id, l.version, body(31, 'Diedit di laptop'));
    await workingSet();
    const { manifest, report } = await changes();
    const laptopReason = (await laptop.container.usulan.get(opL, made.id)).reason;
    const onlineReason = (await online.container.usulan.get(opA, made.id)).reason;
    const mine = report.rows.filter((r) => r.targetId === made.id).map((r) => r.status);
    // Actual: the laptop edit is not exported (noted as mirrored by the working set), nothing is reported,
    // and the two sides differ for good ('Diedit di laptop' here, 'Diedit online' there).
    expect({ laptopReason, onlineReason, mine }).toEqual(
      laptopReason === onlineReason
        ? { laptopReason, onlineReason, mine }
        : { laptopReason, onlineReason, mine: ['conflict'] },
    );
    void manifest;
  });
});

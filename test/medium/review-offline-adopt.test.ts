/**
 * Work on an offline installation (a kecamatan laptop) changed again after it was sent online, before the
 * next working set arrives. First written by the review as failing tests: the cycle mirror's "adopt" rule
 * compared the laptop's version with the online version — numbers of two different databases — so (A) an edit
 * made on the laptop after the first export was refused online as a conflict on every later export, and (B)
 * when both sides edited it once, the next working set marked the laptop's edit as mirrored: never exported,
 * no conflict reported (silent divergence). Extended (C–G): a second change chains on the first — its base is
 * what the first change leaves online — for proposals mirrored from online and made on the laptop, photos
 * included, and for Musdes rows decided again; a real online change in between is still a conflict. Online
 * on both engines; the laptop is SQLite.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/modules/access/actor.ts';
import { jpegFile } from '../factories/files.ts';
import { makeHousehold } from '../factories/households.ts';
import { login, PLACES } from '../support/app.ts';
import { actorFor, openedMusdes } from '../support/cycle.ts';
import { ENGINES, type TestDb } from '../support/db.ts';
import { type OfflinePair, offlinePair } from '../support/offline-pair.ts';

let clock = new Date('2026-03-16T09:00:00+07:00');

for (const engine of ENGINES)
  describe(`offline installation: work changed again after it was sent (online ${engine})`, () => {
    let online: TestDb;
    let laptop: TestDb;
    let app: FastifyInstance;
    let dinsos: Actor;
    let pair: OfflinePair;
    const body = (no: number, reason: string) => ({
      kind: 'baru' as const,
      household: makeHousehold(PLACES.villageA, no),
      reason,
      confirmWarnings: true,
    });
    const workingSet = () => pair.carryWorkingSet();
    const changes = () => pair.carryFieldChanges();

    beforeAll(async () => {
      clock = new Date('2026-03-16T09:00:00+07:00');
      pair = await offlinePair(engine, { now: () => clock, households: 2 });
      ({ online, laptop, app, dinsos } = pair);
      await workingSet();
    });
    afterAll(async () => {
      await pair?.close();
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

    const exportOnly = async () => (await pair.exportFieldChanges()).file;
    const rowsOf = (report: { rows: { targetId: string | null; status: string }[] }, id: string) =>
      report.rows.filter((r) => r.targetId === id).map((r) => r.status);

    it('(C) a proposal from online edited twice on the laptop, exported after each: the second chains', async () => {
      const opA = await actorFor(online.container, 'op-a');
      const opL = await actorFor(laptop.container, 'op-a');
      const p = await online.container.usulan.create(opA, body(40, 'Dibuat online'));
      await workingSet();
      await laptop.container.usulan.updateDraft(opL, p.id, 1, body(40, 'Laptop pertama'));
      await laptop.container.usulan.attach(opL, p.id, 'house_front', 'depan.jpg', jpegFile(64, 48, 60));
      const first = await changes();
      expect(rowsOf(first.report, p.id)).toEqual([]);
      expect(await online.container.usulan.get(opA, p.id)).toMatchObject({
        version: 2,
        reason: 'Laptop pertama',
      });
      const l = await laptop.container.usulan.get(opL, p.id);
      await laptop.container.usulan.updateDraft(opL, p.id, l.version, body(40, 'Laptop kedua'));
      await laptop.container.usulan.attach(opL, p.id, 'house_back', 'belakang.jpg', jpegFile(64, 48, 200));
      const second = await changes();
      expect(rowsOf(second.report, p.id)).toEqual([]);
      const now = await online.container.usulan.get(opA, p.id);
      expect(now).toMatchObject({ version: 3, reason: 'Laptop kedua' });
      // Each photo once, though the second change carries both.
      expect(now.attachments.map((a) => a.kind).sort()).toEqual(['house_back', 'house_front']);
      // Exported again with nothing new: the same changes, unchanged.
      const third = await changes();
      expect(rowsOf(third.report, p.id)).toEqual([]);
      expect(third.report.created + third.report.updated).toBe(0);
      // The next working set brings it back as sent: nothing of it goes out any more.
      await workingSet();
      const file = await exportOnly();
      const after = await online.container.bundles.import(dinsos, file);
      expect(rowsOf(after, p.id)).toEqual([]);
      expect(after.created + after.updated).toBe(0);
    });

    it('(D) a real online edit between the two laptop edits is still a conflict', async () => {
      const opA = await actorFor(online.container, 'op-a');
      const opL = await actorFor(laptop.container, 'op-a');
      const made = await laptop.container.usulan.create(opL, body(41, 'Dibuat di laptop'));
      expect(rowsOf((await changes()).report, made.id)).toEqual([]);
      const o = await online.container.usulan.get(opA, made.id);
      await online.container.usulan.updateDraft(opA, made.id, o.version, body(41, 'Diedit online'));
      const l = await laptop.container.usulan.get(opL, made.id);
      await laptop.container.usulan.updateDraft(opL, made.id, l.version, body(41, 'Laptop lagi'));
      const { report } = await changes();
      expect(rowsOf(report, made.id)).toEqual(['conflict']);
      expect((await online.container.usulan.get(opA, made.id)).reason).toBe('Diedit online');
    });

    it('(E) the first bundle lost: the second carries the chain and applies on what the laptop started from', async () => {
      const opA = await actorFor(online.container, 'op-a');
      const opL = await actorFor(laptop.container, 'op-a');
      // A proposal made on the laptop, and one mirrored from online.
      const made = await laptop.container.usulan.create(opL, body(42, 'Dibuat di laptop'));
      const p = await online.container.usulan.create(opA, body(43, 'Dibuat online'));
      await workingSet();
      await laptop.container.usulan.updateDraft(opL, p.id, 1, body(43, 'Laptop pertama'));
      await exportOnly(); // never arrives
      const m = await laptop.container.usulan.get(opL, made.id);
      await laptop.container.usulan.updateDraft(opL, made.id, m.version, body(42, 'Laptop kedua'));
      const l = await laptop.container.usulan.get(opL, p.id);
      await laptop.container.usulan.updateDraft(opL, p.id, l.version, body(43, 'Laptop kedua'));
      const { report } = await changes();
      expect(rowsOf(report, made.id)).toEqual([]);
      expect(rowsOf(report, p.id)).toEqual([]);
      expect(await online.container.usulan.get(opA, made.id)).toMatchObject({
        version: 1,
        reason: 'Laptop kedua',
      });
      expect(await online.container.usulan.get(opA, p.id)).toMatchObject({
        version: 2,
        reason: 'Laptop kedua',
      });
      // And a third edit chains on the second, which arrived.
      const l2 = await laptop.container.usulan.get(opL, p.id);
      await laptop.container.usulan.updateDraft(opL, p.id, l2.version, body(43, 'Laptop ketiga'));
      expect(rowsOf((await changes()).report, p.id)).toEqual([]);
      expect(await online.container.usulan.get(opA, p.id)).toMatchObject({
        version: 3,
        reason: 'Laptop ketiga',
      });
    });

    it('(F) a Musdes row decided again on the laptop after it was sent chains; one decided online is a conflict', async () => {
      clock = new Date('2026-03-26T09:00:00+07:00');
      const session = await openedMusdes(app, await login(app, 'op-a'), '2026-03-26');
      await workingSet();
      const kadesL = await actorFor(laptop.container, 'kades-a');
      const kadesA = await actorFor(online.container, 'kades-a');
      const existing = (await laptop.container.musdes.rows(kadesL, session.id, { limit: 50 })).items.filter(
        (r) => r.source === 'existing',
      );
      const [r1, r2] = existing;
      await laptop.container.musdes.decide(kadesL, session.id, r1!.id, { outcome: 'tetap' });
      await laptop.container.musdes.decide(kadesL, session.id, r2!.id, { outcome: 'tetap' });
      const first = await changes();
      expect(rowsOf(first.report, r1!.id)).toEqual([]);
      expect(rowsOf(first.report, r2!.id)).toEqual([]);
      // Online, r2 is decided again by someone there; on the laptop both are decided again.
      await online.container.musdes.decide(kadesA, session.id, r2!.id, {
        outcome: 'perbaikan',
        note: 'Alamat salah',
      });
      clock = new Date(clock.getTime() + 60_000);
      await laptop.container.musdes.decide(kadesL, session.id, r1!.id, {
        outcome: 'dikeluarkan',
        note: 'Pindah ke luar desa',
      });
      await laptop.container.musdes.decide(kadesL, session.id, r2!.id, {
        outcome: 'dikeluarkan',
        note: 'Meninggal',
      });
      const { report } = await changes();
      expect(rowsOf(report, r1!.id)).toEqual([]);
      expect(rowsOf(report, r2!.id)).toEqual(['conflict']);
      const onlineRows = (await online.container.musdes.rows(kadesA, session.id, { limit: 50 })).items;
      expect(onlineRows.find((r) => r.id === r1!.id)).toMatchObject({
        outcome: 'dikeluarkan',
        note: 'Pindah ke luar desa',
      });
      expect(onlineRows.find((r) => r.id === r2!.id)?.outcome).toBe('perbaikan');
      // Again with nothing new: r1 unchanged, r2 still the conflict.
      const again = await changes();
      expect(rowsOf(again.report, r1!.id)).toEqual([]);
      expect(rowsOf(again.report, r2!.id)).toEqual(['conflict']);
      // The next working set has r1 as decided here: it arrived, nothing of it goes out any more; r2 stays
      // the laptop's decision against the online one, still reported.
      await workingSet();
      const { manifest: sent, report: last } = await changes();
      expect(sent.counts['musdes.outcome']).toBe(1);
      expect(rowsOf(last, r1!.id)).toEqual([]);
      expect(rowsOf(last, r2!.id)).toEqual(['conflict']);
      expect(last.updated).toBe(0);
    });

    it('(G) submission and withdrawal stay online: the laptop refuses them, the draft travels as a draft', async () => {
      const opL = await actorFor(laptop.container, 'op-a');
      const opA = await actorFor(online.container, 'op-a');
      const made = await laptop.container.usulan.create(opL, body(44, 'Disusun di kecamatan'));
      await expect(laptop.container.usulan.submit(opL, made.id, made.version)).rejects.toMatchObject({
        kind: 'state',
        code: 'usulan.submit_online',
      });
      await expect(
        laptop.container.usulan.withdraw(opL, made.id, made.version, 'Salah input'),
      ).rejects.toMatchObject({ code: 'usulan.submit_online' });
      expect(await laptop.container.usulan.get(opL, made.id)).toMatchObject({ state: 'draft', version: 1 });
      expect(rowsOf((await changes()).report, made.id)).toEqual([]);
      expect(await online.container.usulan.get(opA, made.id)).toMatchObject({ state: 'draft' });
    });
  });

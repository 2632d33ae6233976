/**
 * An offline installation (a kecamatan laptop, embedded SQLite) round trip through .siks bundles: the online
 * registry's working set mirrored into the laptop's own tables — households, open proposals, the territory's
 * assigned visits, open Musdes sessions and rows, staff usernames — the laptop's operators working on them
 * with the usual services, and the laptop's field changes exported from its own database and imported online
 * (idempotent; a Musdes row decided on both sides reported as a conflict, row by row).
 */
import { dirname, join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Actor, systemActor } from '../../src/modules/access/actor.ts';
import { jpegFile } from '../factories/files.ts';
import { makeHousehold } from '../factories/households.ts';
import { login, PLACES } from '../support/app.ts';
import { runDtks } from '../support/cli.ts';
import { acceptedProposal, actorFor, createUser, openedMusdes } from '../support/cycle.ts';
import { ENGINES, type TestDb } from '../support/db.ts';
import { type OfflinePair, offlinePair } from '../support/offline-pair.ts';

let clock = new Date('2026-03-16T09:00:00+07:00');
const GPS = { latitude: -7.36, longitude: 109.9 };
const later = (minutes: number) => {
  clock = new Date(clock.getTime() + minutes * 60_000);
};

for (const engine of ENGINES) {
  describe(`offline installation round trip (online ${engine}, laptop sqlite)`, () => {
    let online: TestDb;
    let laptop: TestDb;
    let app: FastifyInstance;
    let dir: string;
    let dinsos: Actor;
    let camat: Actor;
    let pair: OfflinePair;
    const system = systemActor('test');
    const ids = { draft: '', accepted: '', visit: '', fresh: '', session: '', rows: [] as string[] };

    const exportWorkingSet = (name: string) => pair.carryWorkingSet(name);
    const exportChanges = (name: string) => pair.exportFieldChanges(name);

    beforeAll(async () => {
      clock = new Date('2026-03-16T09:00:00+07:00');
      pair = await offlinePair(engine, { now: () => clock, households: 3 });
      ({ online, laptop, app, dir, dinsos, camat } = pair);
      // The field officer too, on both sides by username (their ids differ).
      for (const c of [online.container, laptop.container])
        await createUser(c, 'petugas-a', 'petugas', PLACES.districtA);
      const op = await login(app, 'op-a');
      const opA = await actorFor(online.container, 'op-a');
      ids.draft = (
        await online.container.usulan.create(opA, {
          kind: 'baru',
          household: makeHousehold(PLACES.villageA, 20),
          reason: 'Keluarga miskin belum terdaftar',
        })
      ).id;
      ids.accepted = await acceptedProposal(app, online.container, op, {
        kind: 'baru',
        household: makeHousehold(PLACES.villageA, 21),
        reason: 'Keluarga miskin belum terdaftar',
      });
      const petugasOnline = await actorFor(online.container, 'petugas-a');
      ids.visit = (
        await online.container.verivali.assign(dinsos, {
          usulanId: ids.accepted,
          assignedTo: petugasOnline.userId!,
        })
      ).id;
    });
    afterAll(async () => {
      await pair?.close();
    });

    it('mirrors open proposals and the territory’s visits into the laptop, assigned to its own officer', async () => {
      const report = await exportWorkingSet('ws-1.siks');
      expect(report).toMatchObject({ conflicts: 0, rejected: 0, skipped: 0 });
      const opL = await actorFor(laptop.container, 'op-a');
      const petugasL = await actorFor(laptop.container, 'petugas-a');
      const draft = await laptop.container.usulan.get(opL, ids.draft);
      expect(draft).toMatchObject({ state: 'draft', version: 1 });
      const visit = await laptop.container.verivali.get(petugasL, ids.visit);
      expect(visit).toMatchObject({ state: 'assigned', assignedTo: { id: petugasL.userId } });
      // Importing it again changes nothing.
      const again = await laptop.container.bundles.import(system, join(dir, 'ws-1.siks'));
      expect(again).toMatchObject({ created: 0, updated: 0, conflicts: 0, rejected: 0 });
    });

    it("exports the laptop's own proposals and visits with photos; online applies them once", async () => {
      const opL = await actorFor(laptop.container, 'op-a');
      const petugasL = await actorFor(laptop.container, 'petugas-a');
      later(5);
      await laptop.container.usulan.updateDraft(opL, ids.draft, 1, {
        kind: 'baru',
        household: makeHousehold(PLACES.villageA, 20),
        reason: 'Rumah tidak layak huni, dicatat di kecamatan',
        confirmWarnings: true,
      });
      const fresh = await laptop.container.usulan.create(opL, {
        kind: 'baru',
        household: makeHousehold(PLACES.villageA, 22),
        reason: 'Keluarga baru pindah, belum terdaftar',
        confirmWarnings: true,
      });
      ids.fresh = fresh.id;
      await laptop.container.usulan.attach(opL, fresh.id, 'house_front', 'depan.jpg', jpegFile(64, 48, 90));
      const visit = await laptop.container.verivali.get(petugasL, ids.visit);
      await laptop.container.verivali.record(petugasL, ids.visit, {
        version: visit.version,
        result: 'found_eligible',
        ...GPS,
        notes: 'Dinding bambu, lantai tanah',
        instrument: visit.prefill as never,
        confirmWarnings: true,
      });
      await laptop.container.verivali.attachPhoto(petugasL, ids.visit, 'rumah.jpg', jpegFile(64, 48, 140));

      const { file, manifest } = await exportChanges('fc-1.siks');
      expect(manifest).toMatchObject({ kind: 'field-changes', territory: PLACES.districtA });
      expect(manifest.counts).toMatchObject({
        changes: 3,
        photos: 2,
        'usulan.draft': 2,
        'verivali.visit': 1,
      });
      expect(manifest.base).not.toBeNull();

      const report = await online.container.bundles.import(dinsos, file);
      expect(report.rows).toEqual([]);
      expect(report).toMatchObject({ created: 1, updated: 2, unchanged: 0, conflicts: 0, rejected: 0 });
      const opA = await actorFor(online.container, 'op-a');
      const edited = await online.container.usulan.get(opA, ids.draft);
      expect(edited).toMatchObject({ version: 2, reason: 'Rumah tidak layak huni, dicatat di kecamatan' });
      // Made by the laptop's op-a: applied as the online op-a.
      const made = await online.container.usulan.get(opA, ids.fresh);
      expect(made.attachments).toEqual([expect.objectContaining({ kind: 'house_front' })]);
      const recorded = await online.container.verivali.get(dinsos, ids.visit);
      expect(recorded).toMatchObject({
        state: 'visited',
        result: 'found_eligible',
        notes: 'Dinding bambu, lantai tanah',
      });
      expect(recorded.photos).toHaveLength(1);

      const again = await online.container.bundles.import(dinsos, file);
      expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 3, conflicts: 0, rejected: 0 });
      // Exported again with nothing new: the same change ids, all unchanged.
      later(1);
      const { file: same } = await exportChanges('fc-1b.siks');
      expect(await online.container.bundles.import(dinsos, same)).toMatchObject({
        created: 0,
        updated: 0,
        unchanged: 3,
      });
    });

    it('mirrors an open Musdes; decisions come back, one decided on both sides is a conflict', async () => {
      clock = new Date('2026-03-26T09:00:00+07:00');
      const session = await openedMusdes(app, await login(app, 'op-a'), '2026-03-26');
      ids.session = session.id;

      const report = await exportWorkingSet('ws-2.siks');
      expect(report).toMatchObject({ conflicts: 0, rejected: 0, skipped: 0 });
      const kadesL = await actorFor(laptop.container, 'kades-a');
      const rows = await laptop.container.musdes.rows(kadesL, session.id, { limit: 50 });
      const existing = rows.items.filter((r) => r.source === 'existing');
      expect(existing.length).toBeGreaterThanOrEqual(2);
      const [r1, r2] = existing;

      // Decided online meanwhile, and differently on the laptop.
      later(10);
      await online.container.musdes.decide(await actorFor(online.container, 'op-a'), session.id, r2!.id, {
        outcome: 'tetap',
      });
      await laptop.container.musdes.decide(kadesL, session.id, r1!.id, { outcome: 'tetap' });
      await laptop.container.musdes.decide(kadesL, session.id, r2!.id, {
        outcome: 'dikeluarkan',
        note: 'Sudah pindah ke luar desa',
      });
      const { file, manifest } = await exportChanges('fc-2.siks');
      // The proposals sent from the laptop (one made there, one edited there) came back with the working set
      // as they were sent: taken over, not sent again.
      expect(manifest.counts).toMatchObject({ 'musdes.outcome': 2 });
      expect(manifest.counts['usulan.draft']).toBeUndefined();
      const back = await online.container.bundles.import(dinsos, file);
      expect(back).toMatchObject({ created: 0, updated: 1, conflicts: 1, rejected: 0 });
      expect(back.rows).toEqual([
        expect.objectContaining({
          status: 'conflict',
          kind: 'musdes.outcome',
          targetId: r2!.id,
          reason: expect.objectContaining({ code: 'sync.musdes_decided' }),
          current: expect.objectContaining({ outcome: 'tetap' }),
        }),
      ]);
      const kadesA = await actorFor(online.container, 'kades-a');
      const onlineRows = await online.container.musdes.rows(kadesA, session.id, { limit: 50 });
      expect(onlineRows.items.find((r) => r.id === r1!.id)?.outcome).toBe('tetap');
      expect(onlineRows.items.find((r) => r.id === r2!.id)?.outcome).toBe('tetap');

      // The same from the command line of the laptop (its own process, the real clock: a newer bundle).
      const cliFile = join(dir, 'fc-cli.siks');
      const cli = await runDtks(
        [
          'bundle',
          'export',
          '--kind',
          'field-changes',
          '--region',
          PLACES.districtA,
          '--out',
          cliFile,
          '--as',
          'camat-a',
        ],
        { url: laptop.url, env: { DATA_DIR: dirname(laptop.url), INSTALLATION_MODE: 'offline' } },
      );
      expect(cli.code, cli.stderr).toBe(0);
      expect(JSON.parse(cli.stdout)).toMatchObject({ kind: 'field-changes', counts: manifest.counts });
      expect(await online.container.bundles.import(dinsos, cliFile)).toMatchObject({
        created: 0,
        updated: 0,
        conflicts: 1,
        rejected: 0,
      });
    });

    it('refuses to export field changes from its own database on an online installation', async () => {
      await expect(
        online.container.bundles.exportFieldChanges(camat, { region: PLACES.districtA }, join(dir, 'x.siks')),
      ).rejects.toMatchObject({ code: 'bundle.field_changes_online' });
    });
  });
}

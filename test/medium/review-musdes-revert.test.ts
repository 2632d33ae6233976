/**
 * Review of 12c865c / 4258c5d (chained laptop changes): a Musdes row decided on the laptop, sent, then decided
 * back to the outcome it was mirrored with — while the online registry's next working set, exported after
 * the first decision arrived but before the second did, is imported on the laptop. The cycle mirror takes a
 * row over from the bundle when the laptop's outcome equals the one mirrored (cycle.mirror.ts: `here.outcome
 * === before.outcome`), which is also what a decision back to the mirrored outcome looks like: the laptop's
 * last decision is overwritten, the chain dropped, and — when that second bundle never arrives — it is never
 * sent again nor reported. Written failing by the review. Online on both engines; the laptop is SQLite.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Actor, systemActor } from '../../src/modules/access/actor.ts';
import { makeHousehold } from '../factories/households.ts';
import { createUsers, login, PLACES, testApp } from '../support/app.ts';
import { actorFor, openedMusdes } from '../support/cycle.ts';
import { ENGINES, openTestDb, type TestDb } from '../support/db.ts';

let clock = new Date('2026-03-26T09:00:00+07:00');

for (const engine of ENGINES)
  describe(`offline installation: a Musdes row decided back to its mirrored outcome (online ${engine})`, () => {
    let online: TestDb;
    let laptop: TestDb;
    let dir: string;
    let camat: Actor;
    let dinsos: Actor;
    let app: FastifyInstance;
    const system = systemActor('test');
    let n = 0;
    const exportWorkingSet = async () => {
      const file = join(dir, `ws-${++n}.siks`);
      await online.container.bundles.exportWorkingSet(camat, PLACES.districtA, file);
      return file;
    };
    const exportChanges = async () => {
      const file = join(dir, `fc-${++n}.siks`);
      const manifest = await laptop.container.bundles.exportFieldChanges(
        await actorFor(laptop.container, 'camat-a'),
        { region: PLACES.districtA },
        file,
      );
      return { file, manifest };
    };

    beforeAll(async () => {
      online = await openTestDb(engine, { now: () => clock });
      laptop = await openTestDb('sqlite', { now: () => clock, installationMode: 'offline' });
      dir = mkdtempSync(join(tmpdir(), 'dtks-review-revert-'));
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
      await online.container.households.create(system, makeHousehold(PLACES.villageA, 2));
      app = await testApp(online.container);
    });
    afterAll(async () => {
      await app?.close();
      await online?.cleanup();
      await laptop?.cleanup();
      rmSync(dir, { recursive: true, force: true });
    });

    it("keeps the laptop's last decision (or reports it) when a working set from before it arrived is imported", async () => {
      const session = await openedMusdes(app, await login(app, 'op-a'), '2026-03-26');
      const kadesA = await actorFor(online.container, 'kades-a');
      const kadesL = await actorFor(laptop.container, 'kades-a');
      const row = (await online.container.musdes.rows(kadesA, session.id, { limit: 50 })).items.find(
        (r) => r.source === 'existing',
      )!;
      // Decided online first; the laptop mirrors it with that outcome.
      await online.container.musdes.decide(kadesA, session.id, row.id, { outcome: 'tetap' });
      await laptop.container.bundles.import(system, await exportWorkingSet());
      // The laptop decides otherwise; that arrives online.
      clock = new Date(clock.getTime() + 60_000);
      await laptop.container.musdes.decide(kadesL, session.id, row.id, {
        outcome: 'dikeluarkan',
        note: 'Pindah ke luar desa',
      });
      const first = await exportChanges();
      expect(first.manifest.counts['musdes.outcome']).toBe(1);
      const applied = await online.container.bundles.import(dinsos, first.file);
      expect(applied.rows.filter((r) => r.targetId === row.id)).toEqual([]);
      // A working set is exported online now (it has 'dikeluarkan').
      const ws = await exportWorkingSet();
      // On the laptop the row is decided back to 'tetap' and sent; that bundle is lost on the way.
      clock = new Date(clock.getTime() + 60_000);
      await laptop.container.musdes.decide(kadesL, session.id, row.id, {
        outcome: 'tetap',
        note: 'Salah pilih',
      });
      const second = await exportChanges();
      expect(second.manifest.counts['musdes.outcome']).toBe(1);
      // The working set arrives on the laptop.
      await laptop.container.bundles.import(system, ws);
      const here = (await laptop.container.musdes.rows(kadesL, session.id, { limit: 50 })).items.find(
        (r) => r.id === row.id,
      );
      // Actual: 'dikeluarkan' — the laptop's last decision is overwritten by the online one it followed.
      expect(here?.outcome).toBe('tetap');
      // And the next field-changes bundle still carries it (applied online on what the first one left).
      const third = await exportChanges();
      expect(third.manifest.counts['musdes.outcome']).toBe(1);
      const report = await online.container.bundles.import(dinsos, third.file);
      expect(report.rows.filter((r) => r.targetId === row.id)).toEqual([]);
      const there = (await online.container.musdes.rows(kadesA, session.id, { limit: 50 })).items.find(
        (r) => r.id === row.id,
      );
      expect(there?.outcome).toBe('tetap');
    });
  });

/**
 * Review of 12c865c / 4258c5d (chained laptop changes): a Musdes row decided on the laptop, sent, then decided
 * back to the outcome it was mirrored with — while the online registry's next working set, exported after
 * the first decision arrived but before the second did, is imported on the laptop. The cycle mirror takes a
 * row over from the bundle when the laptop's outcome equals the one mirrored (cycle.mirror.ts: `here.outcome
 * === before.outcome`), which is also what a decision back to the mirrored outcome looks like: the laptop's
 * last decision is overwritten, the chain dropped, and — when that second bundle never arrives — it is never
 * sent again nor reported. Written failing by the review. Online on both engines; the laptop is SQLite.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/modules/access/actor.ts';
import { login } from '../support/app.ts';
import { actorFor, openedMusdes } from '../support/cycle.ts';
import { ENGINES } from '../support/db.ts';
import { type OfflinePair, offlinePair } from '../support/offline-pair.ts';

let clock = new Date('2026-03-26T09:00:00+07:00');

for (const engine of ENGINES)
  describe(`offline installation: a Musdes row decided back to its mirrored outcome (online ${engine})`, () => {
    let pair: OfflinePair;
    const system = systemActor('test');
    beforeAll(async () => {
      pair = await offlinePair(engine, { now: () => clock, households: 2 });
    });
    afterAll(async () => {
      await pair?.close();
    });

    it("keeps the laptop's last decision (or reports it) when a working set from before it arrived is imported", async () => {
      const { online, laptop, dinsos, app, exportWorkingSet, exportFieldChanges: exportChanges } = pair;
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

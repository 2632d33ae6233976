/**
 * Review of 12c865c / 4258c5d (chained laptop changes): a Musdes row decided on the laptop and sent; the
 * decision arrives online; then the Kepala Desa decides the row again online. The next working set has the
 * online decision, but the cycle mirror takes a Musdes row over only when the laptop's outcome is still the
 * one mirrored (cycle.mirror.ts), and counts it as "arrived" only when the bundle has the laptop's outcome: the
 * laptop keeps its own decision with its chain, sends the same change again at every export, and the online
 * registry answers it `unchanged` (its id was applied) — the two stay different and nothing is reported.
 * Proposals in the same situation are taken over (takesOver: the online version moved past the one the sent
 * change left). Written failing by the review. Online on both engines; the laptop is SQLite.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/modules/access/actor.ts';
import { login } from '../support/app.ts';
import { actorFor, openedMusdes } from '../support/cycle.ts';
import { ENGINES } from '../support/db.ts';
import { type OfflinePair, offlinePair } from '../support/offline-pair.ts';

let clock = new Date('2026-03-26T09:00:00+07:00');

for (const engine of ENGINES)
  describe(`offline installation: a Musdes row decided online after the laptop's decision arrived (online ${engine})`, () => {
    let pair: OfflinePair;
    const system = systemActor('test');
    beforeAll(async () => {
      pair = await offlinePair(engine, { now: () => clock, households: 2 });
    });
    afterAll(async () => {
      await pair?.close();
    });

    it('takes over an online decision made after its own arrived (or reports the difference)', async () => {
      const { online, laptop, dinsos, app, exportWorkingSet, exportFieldChanges: exportChanges } = pair;
      const session = await openedMusdes(app, await login(app, 'op-a'), '2026-03-26');
      const kadesA = await actorFor(online.container, 'kades-a');
      const kadesL = await actorFor(laptop.container, 'kades-a');
      await laptop.container.bundles.import(system, await exportWorkingSet());
      const row = (await laptop.container.musdes.rows(kadesL, session.id, { limit: 50 })).items.find(
        (r) => r.source === 'existing',
      )!;
      clock = new Date(clock.getTime() + 60_000);
      await laptop.container.musdes.decide(kadesL, session.id, row.id, { outcome: 'tetap' });
      const first = await exportChanges();
      expect(first.manifest.counts['musdes.outcome']).toBe(1);
      const applied = await online.container.bundles.import(dinsos, first.file);
      expect(applied.rows.filter((r) => r.targetId === row.id)).toEqual([]);
      // Decided again online, after the laptop's decision arrived.
      clock = new Date(clock.getTime() + 60_000);
      await online.container.musdes.decide(kadesA, session.id, row.id, {
        outcome: 'dikeluarkan',
        note: 'Meninggal dunia',
      });
      await laptop.container.bundles.import(system, await exportWorkingSet());
      const here = (await laptop.container.musdes.rows(kadesL, session.id, { limit: 50 })).items.find(
        (r) => r.id === row.id,
      );
      const again = await exportChanges();
      const report = await online.container.bundles.import(dinsos, again.file);
      const reported = report.rows.filter((r) => r.targetId === row.id).map((r) => r.status);
      // Actual: the laptop still says 'tetap', sends it again, and nothing is reported ([]).
      expect({ here: here?.outcome, reported }).toEqual(
        here?.outcome === 'dikeluarkan'
          ? { here: 'dikeluarkan', reported }
          : { here: here?.outcome, reported: ['conflict'] },
      );
    });
  });

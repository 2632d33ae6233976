/**
 * IdentityGuard on both engines: what `run` records whether the write commits or throws, the rerun after a
 * lost race, the outer check a nested write must be given, and the national actor who is never counted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IdentityRace, unavailableIssue } from '../../src/domain/access/identity.ts';
import { type Actor, systemActor } from '../../src/modules/access/actor.ts';
import { IdentityGuard } from '../../src/modules/access/identity-guard.ts';
import { IdentityProbesRepository } from '../../src/modules/access/identity-probes.repository.ts';
import { makeNik } from '../factories/households.ts';
import { PLACES } from '../support/app.ts';
import { ENGINES, openTestDb, type TestDb } from '../support/db.ts';

const outsider: Actor = {
  userId: '0190a0a0-0000-7000-8000-000000000001',
  username: 'op-b',
  role: 'operator_desa',
  regionCode: PLACES.villageB,
  ip: null,
  userAgent: 'vitest',
};
const holder = {
  entityType: 'ppks' as const,
  id: '0190a0a0-0000-7000-8000-0000000000aa',
  villageCode: PLACES.villageA,
};

for (const engine of ENGINES) {
  describe(`IdentityGuard (${engine})`, () => {
    let t: TestDb;
    let guard: IdentityGuard;
    let serial = 100;
    const nik = () => makeNik(PLACES.districtA, '1970-01-01', 'M', serial++);

    beforeAll(async () => {
      t = await openTestDb(engine);
      const c = t.container;
      guard = new IdentityGuard({
        db: c.database.db,
        repo: new IdentityProbesRepository(),
        audit: c.audit,
        notifications: c.notifications,
        config: { identityProbeLimit: 5, now: () => new Date() },
      });
    });
    afterAll(async () => {
      await t?.cleanup();
    });

    const recorded = async (value: string) => {
      const db = t.container.database.db;
      const audits = await db
        .selectFrom('auditLog')
        .selectAll()
        .where('action', '=', 'identity.probe')
        .where('entityId', '=', value)
        .execute();
      const notices = await db
        .selectFrom('notifications')
        .select('link')
        .where('message', 'like', `%${value}%`)
        .execute();
      return { audits, notices };
    };
    const counted = async (key: string) =>
      Number(
        (
          await t.container.database.db
            .selectFrom('identityProbes')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('actorKey', '=', key)
            .executeTakeFirstOrThrow()
        ).n,
      );

    it('records the probes of a write that commits (an import) and of one that throws', async () => {
      const [a, b] = [nik(), nik()];
      const answer = await guard.run(outsider, { action: 'test.import' }, async (check) =>
        check.hidden({ field: 'members.0.nik', kind: 'nik', value: a }, 'ppks', holder),
      );
      expect(answer).toEqual(unavailableIssue('members.0.nik', 'nik'));
      await expect(
        guard.run(outsider, { action: 'test.create' }, async (check) => {
          throw new Error(check.hidden({ field: 'nik', kind: 'nik', value: b }, 'ppks', holder)!.code);
        }),
      ).rejects.toThrow('identity.unavailable');
      for (const [value, write] of [
        [a, 'test.import'],
        [b, 'test.create'],
      ] as const) {
        const { audits, notices } = await recorded(value);
        expect(audits).toHaveLength(1);
        expect(audits[0]).toMatchObject({
          actorUsername: 'op-b',
          entityType: 'nik',
          regionCode: PLACES.villageA,
        });
        expect(JSON.parse(audits[0]!.details)).toEqual({
          write,
          field: write === 'test.import' ? 'members.0.nik' : 'nik',
          cause: 'ppks',
          holder: { entityType: 'ppks', id: holder.id },
        });
        expect(notices).toEqual([{ link: `/ppks/${holder.id}` }]);
      }
      expect(await counted(outsider.userId!)).toBe(2);
    });

    it('a holder inside the territory is no probe', async () => {
      const value = nik();
      const inside = await guard.run(outsider, { action: 'test.create' }, async (check) =>
        check.hidden({ field: 'nik', kind: 'nik', value }, 'ppks', {
          ...holder,
          villageCode: PLACES.villageB,
        }),
      );
      expect(inside).toBeNull();
      expect((await recorded(value)).audits).toEqual([]);
    });

    it('runs a write that lost a race once more, whose checks then answer; a second race stays neutral', async () => {
      const value = nik();
      let attempts = 0;
      const answer = await guard.run(outsider, { action: 'test.create' }, async (check) => {
        if (++attempts === 1) throw new IdentityRace('nik', 'nik');
        return check.hidden({ field: 'nik', kind: 'nik', value }, 'ppks', holder);
      });
      expect(attempts).toBe(2);
      expect(answer?.code).toBe('identity.unavailable');
      expect((await recorded(value)).audits).toHaveLength(1);

      attempts = 0;
      const twice = guard.run(outsider, { action: 'test.create' }, async () => {
        attempts++;
        throw new IdentityRace('nik', 'nik');
      });
      await expect(twice).rejects.toMatchObject({ status: 409, code: 'identity.unavailable' });
      expect(attempts).toBe(2);
    });

    it("a write inside another's transaction takes that write's check, and records nothing itself", async () => {
      const db = t.container.database.db;
      await expect(guard.run(outsider, { action: 'test.nested', trx: db }, async () => 1)).rejects.toThrow(
        /pass that write's IdentityCheck as `identity`/,
      );
      const value = nik();
      await guard.run(outsider, { action: 'test.outer' }, async (outer) => {
        await db.transaction().execute((trx) =>
          guard.run(outsider, { action: 'test.nested', trx, within: outer }, async (check) => {
            expect(check).toBe(outer);
            check.hidden({ field: 'nik', kind: 'nik', value }, 'psks', { ...holder, entityType: 'psks' });
          }),
        );
        expect((await recorded(value)).audits).toEqual([]);
      });
      const { audits } = await recorded(value);
      expect(audits.map((a) => JSON.parse(a.details).write)).toEqual(['test.outer']);
    });

    it('never counts or limits the national operator', async () => {
      const system = systemActor('test');
      for (let i = 0; i < 7; i++) {
        const hiddenFromNation = await guard.run(system, { action: 'test.create' }, async (check) => {
          expect(check.remaining).toBe(Number.POSITIVE_INFINITY);
          return check.hidden({ field: 'nik', kind: 'nik', value: nik() }, 'ppks', holder);
        });
        expect(hiddenFromNation).toBeNull();
      }
      expect(await counted('name:system:test')).toBe(0);
    });
  });
}

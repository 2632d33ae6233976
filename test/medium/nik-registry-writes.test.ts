/**
 * Since migration 082 a NIK is registered by writing its person: `nik_registry` is a view over the active
 * persons and "one active holder per NIK" the unique partial index `persons_nik_active_idx`. A write whose
 * NIK check missed a holder (another request registered it in between) is refused by that index with the
 * answer the registry's primary key gave; a NIK corrected, freed or handed to another member within one
 * write (an offline bundle's newer version of a household) never trips the index on the way.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Container } from '../../src/container.ts';
import type { PersonRow } from '../../src/db/schema/index.ts';
import { newId } from '../../src/lib/ids.ts';
import type { Actor } from '../../src/modules/access/actor.ts';
import { BundlesRepository } from '../../src/modules/bundles/bundles.repository.ts';
import { HouseholdsRepository } from '../../src/modules/households/households.repository.ts';
import { makeHousehold, makeNik } from '../factories/households.ts';
import { PLACES } from '../support/app.ts';
import { ENGINES, openTestDb, type TestDb } from '../support/db.ts';
import { rowCounts } from '../support/db-state.ts';
import { failure } from '../support/failure.ts';

const op: Actor = {
  userId: null,
  username: 'op-nik',
  role: 'operator_desa',
  regionCode: PLACES.villageA,
  ip: null,
  userAgent: 'vitest',
};

for (const engine of ENGINES) {
  describe(`NIKs registered by the persons' own rows (${engine})`, () => {
    let t: TestDb;
    let c: Container;
    let n = 500;
    const fresh = () => makeHousehold(PLACES.villageA, ++n);
    const registry = (niks: string[]) =>
      c.database.db
        .selectFrom('nikRegistry')
        .select(['nik', 'personId', 'villageCode'])
        .where('nik', 'in', niks)
        .orderBy('nik')
        .execute();

    beforeAll(async () => {
      t = await openTestDb(engine);
      c = t.container;
    });
    afterAll(async () => {
      await t.cleanup();
    });

    /** As if another request registered the NIK between the check (which saw no holder) and the write. */
    async function lostRace(call: () => Promise<unknown>) {
      const missed = vi.spyOn(HouseholdsRepository.prototype, 'nikEntries').mockResolvedValue([]);
      try {
        const before = await rowCounts(c);
        const err = await failure(call());
        expect(err.code, err.message).toBe('identity.unavailable');
        expect(err.kind).toBe('conflict');
        expect(await rowCounts(c)).toEqual(before);
        return err;
      } finally {
        missed.mockRestore();
      }
    }

    it('a create, a member added or a NIK corrected that lost the race for a NIK: identity.unavailable, nothing written', async () => {
      const input = fresh();
      const holder = await c.households.create(op, input);
      const taken = holder.members[1]!.nik;
      const twin = { ...fresh(), confirmWarnings: true };
      twin.members[2] = { ...input.members[1]!, relationship: 6 };
      const created = await lostRace(() => c.households.create(op, twin));
      expect(created.issues.map((i) => i.field)).toEqual(['members']);

      const other = await c.households.create(op, fresh());
      const member = { ...input.members[1]!, relationship: 6 };
      const added = await lostRace(() =>
        c.households.addMember(op, other.id, {
          version: 1,
          reason: 'ikut tinggal',
          member,
          confirmWarnings: true,
        }),
      );
      expect(added.issues.map((i) => i.field)).toEqual(['member.nik']);
      const corrected = await lostRace(() =>
        c.households.updateMember(op, other.id, other.members[2]!.id, {
          version: 1,
          reason: 'NIK sesuai KTP',
          nik: taken,
          confirmWarnings: true,
        }),
      );
      expect(corrected.issues.map((i) => i.field)).toEqual(['nik']);
      expect(await registry([taken])).toEqual([
        { nik: taken, personId: holder.members[1]!.id, villageCode: PLACES.villageA },
      ]);
    });

    it('a corrected NIK moves with its person; the former one is free for another household', async () => {
      const h = await c.households.create(op, fresh());
      const child = h.members[2]!;
      const corrected = makeNik('33.07.01', child.birthDate, child.sex, 7000 + (n % 100));
      await c.households.updateMember(op, h.id, child.id, {
        version: 1,
        reason: 'NIK sesuai KTP',
        nik: corrected,
        confirmWarnings: true,
      });
      expect(await registry([child.nik, corrected])).toEqual([
        { nik: corrected, personId: child.id, villageCode: PLACES.villageA },
      ]);
      const other = await c.households.create(op, fresh());
      const taker = await c.households.addMember(op, other.id, {
        version: 1,
        reason: 'ikut tinggal',
        member: {
          nik: child.nik,
          name: 'Pemilik NIK',
          birthDate: child.birthDate,
          sex: child.sex,
          relationship: 6,
        },
        confirmWarnings: true,
      });
      const added = taker.members.find((m) => m.nik === child.nik)!;
      expect(await registry([child.nik])).toEqual([
        { nik: child.nik, personId: added.id, villageCode: PLACES.villageA },
      ]);
    });

    it("an offline bundle's newer version: a member dropped and its NIK given to a new one, two NIKs swapped, one corrected", async () => {
      const h = await c.households.create(op, fresh());
      const added = await c.households.addMember(op, h.id, {
        version: 1,
        reason: 'lahir',
        member: {
          nik: makeNik('33.07.01', '2020-05-06', 'M', 7200 + (n % 100)),
          name: 'Bungsu',
          birthDate: '2020-05-06',
          sex: 'M',
          relationship: 3,
        },
        confirmWarnings: true,
      });
      const db = c.database.db;
      const household = await db
        .selectFrom('households')
        .selectAll()
        .where('id', '=', h.id)
        .executeTakeFirstOrThrow();
      const stored = await db
        .selectFrom('persons')
        .selectAll()
        .where('householdId', '=', h.id)
        .orderBy('id')
        .execute();
      const [head, spouse, child, youngest] = added.members.map((m) => stored.find((p) => p.id === m.id)!);
      const corrected = makeNik('33.07.01', head!.birthDate, head!.sex, 7400 + (n % 100));
      const newcomer: PersonRow = { ...youngest!, id: newId(), name: 'Pengganti', version: 1 };
      const next = (p: PersonRow, nik: string): PersonRow => ({ ...p, nik, version: p.version + 1 });
      const persons = [
        next(head!, corrected), // a NIK corrected
        next(spouse!, child!.nik), // two members' NIKs swapped
        next(child!, spouse!.nik),
        newcomer, // the youngest not listed any more (kept, removed), its NIK now the newcomer's
      ];
      await db
        .transaction()
        .execute((trx) =>
          new BundlesRepository().replaceHousehold(
            trx,
            { household: { ...household, version: household.version + 1 }, persons },
            null,
            new Date().toISOString(),
          ),
        );
      const niks = [head!.nik, corrected, spouse!.nik, child!.nik, youngest!.nik];
      expect(await registry(niks)).toEqual(
        [
          { nik: corrected, personId: head!.id, villageCode: PLACES.villageA },
          { nik: child!.nik, personId: spouse!.id, villageCode: PLACES.villageA },
          { nik: spouse!.nik, personId: child!.id, villageCode: PLACES.villageA },
          { nik: youngest!.nik, personId: newcomer.id, villageCode: PLACES.villageA },
        ].sort((a, b) => (a.nik < b.nik ? -1 : 1)),
      );
      const after = await db
        .selectFrom('persons')
        .select(['id', 'nik', 'status', 'version'])
        .where('householdId', '=', h.id)
        .execute();
      expect(after).toHaveLength(5);
      expect(after.find((p) => p.id === youngest!.id)).toEqual({
        id: youngest!.id,
        nik: youngest!.nik,
        status: 'removed',
        version: youngest!.version + 1,
      });
      expect(after.filter((p) => p.status === 'active').map((p) => [p.id, p.version])).toEqual(
        expect.arrayContaining(persons.map((p) => [p.id, p.version])),
      );
    });
  });
}

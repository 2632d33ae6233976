import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeHousehold } from '../factories/households.ts';
import { createUsers, login, PLACES, testApp } from '../support/app.ts';
import { ENGINES, openTestDb, type TestDb } from '../support/db.ts';

for (const engine of ENGINES) {
  describe(`households API (${engine})`, () => {
    let t: TestDb;
    let app: FastifyInstance;
    let op: Record<string, string>;

    beforeAll(async () => {
      t = await openTestDb(engine);
      await createUsers(t.container);
      app = await testApp(t.container);
      op = await login(app, 'op-a');
    });
    afterAll(async () => {
      await app.close();
      await t.cleanup();
    });

    it('creates a household, reads it back, lists and finds it by NIK', async () => {
      const input = makeHousehold(PLACES.villageA, 1);
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/households',
        headers: op,
        payload: input,
      });
      expect(res.statusCode, res.body).toBe(201);
      const h = res.json();
      expect(h).toMatchObject({
        kkNumber: input.kkNumber,
        regionCode: PLACES.villageA,
        rt: '005',
        rw: '002',
        version: 1,
        memberCount: 3,
      });
      expect(h.headName).toBe('Budi Santoso 1');
      expect(h.hasMotorcycle).toBe(true);
      expect(h.regionPath.map((r: { code: string }) => r.code)).toEqual([
        '33',
        '33.07',
        '33.07.01',
        '33.07.01.2001',
      ]);

      const list = await app.inject({
        url: `/api/v1/households?region=${PLACES.villageA}&q=budi`,
        headers: op,
      });
      expect(list.statusCode, list.body).toBe(200);
      expect(list.json().items.map((i: { id: string }) => i.id)).toEqual([h.id]);
      expect(list.json().items[0]).toMatchObject({
        kkNumber: input.kkNumber,
        regionCode: PLACES.villageA,
        rt: '005',
        rw: '002',
        headName: 'Budi Santoso 1',
      });

      const person = await app.inject({ url: `/api/v1/persons/${input.members[1]!.nik}`, headers: op });
      expect(person.statusCode, person.body).toBe(200);
      expect(person.json().person.name).toBe('Siti Aminah 1');
    });

    it('lists with the total over all pages, sorted by name A–Z or in creation order', async () => {
      const names = ['Wati Sorted', 'Agus Sorted', 'Mulyadi Sorted', 'budi Sorted', 'Citra Sorted'];
      for (const [i, name] of names.entries()) {
        const input = makeHousehold(PLACES.villageA, 40 + i);
        input.members[0]!.name = name;
        const res = await app.inject({
          method: 'POST',
          url: '/api/v1/households',
          headers: op,
          payload: input,
        });
        expect(res.statusCode, res.body).toBe(201);
      }
      const pageOf = async (query: string) => {
        const res = await app.inject({
          url: `/api/v1/households?region=${PLACES.villageA}&${query}`,
          headers: op,
        });
        expect(res.statusCode, res.body).toBe(200);
        return res.json() as {
          items: { headName: string }[];
          nextCursor: string | null;
          total: number | null;
        };
      };
      const seen: string[] = [];
      let page = await pageOf('sort=name&limit=2&q=sorted');
      expect(page.total).toBe(5);
      seen.push(...page.items.map((i) => i.headName));
      while (page.nextCursor) {
        page = await pageOf(`sort=name&limit=2&q=sorted&cursor=${page.nextCursor}`);
        expect(page.total).toBeNull();
        seen.push(...page.items.map((i) => i.headName));
      }
      expect(seen).toEqual(['Agus Sorted', 'budi Sorted', 'Citra Sorted', 'Mulyadi Sorted', 'Wati Sorted']);
      const created = await pageOf('limit=200&q=sorted');
      expect(created.items.map((i) => i.headName)).toEqual(names);
      expect(created.total).toBe(5);
      expect((await pageOf('q=nobody-at-all')).total).toBe(0);
      // A cursor of the other sort is refused, not read as a restart.
      const idCursor = (await pageOf('limit=1&q=sorted')).nextCursor!;
      const wrong = await app.inject({
        url: `/api/v1/households?region=${PLACES.villageA}&sort=name&cursor=${idCursor}`,
        headers: op,
      });
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json().code).toBeDefined();
      expect(wrong.body).toContain('cursor');
    });

    it('edits a member with optimistic concurrency and shows the history with a diff', async () => {
      const created = (
        await app.inject({
          method: 'POST',
          url: '/api/v1/households',
          headers: op,
          payload: makeHousehold(PLACES.villageA, 2),
        })
      ).json();
      const child = created.members.find((m: { relationship: number }) => m.relationship === 3);
      const edit = await app.inject({
        method: 'PATCH',
        url: `/api/v1/households/${created.id}/members/${child.id}`,
        headers: op,
        payload: { version: 1, reason: 'Lulus SD', schoolParticipation: 2, highestDiploma: 1 },
      });
      expect(edit.statusCode, edit.body).toBe(200);
      expect(edit.json().version).toBe(2);

      const stale = await app.inject({
        method: 'PATCH',
        url: `/api/v1/households/${created.id}`,
        headers: op,
        payload: { version: 1, reason: 'ganti RT', rt: '7' },
      });
      expect(stale.statusCode).toBe(409);
      expect(stale.json()).toMatchObject({ code: 'record.version_conflict', currentVersion: 2 });

      const hist = await app.inject({ url: `/api/v1/households/${created.id}/history`, headers: op });
      expect(hist.statusCode, hist.body).toBe(200);
      const [latest, first] = hist.json().items;
      expect(latest.version).toBe(2);
      expect(latest.reason).toBe('Lulus SD');
      expect(latest.changes.membersChanged[0].changes).toEqual([
        { field: 'highestDiploma', before: null, after: 1 },
        { field: 'schoolParticipation', before: 1, after: 2 },
      ]);
      expect(first.changes.membersAdded).toHaveLength(3);
    });

    it('refuses a NIK already registered, naming where for a user who may see it', async () => {
      const a = makeHousehold(PLACES.villageA, 3);
      await app.inject({ method: 'POST', url: '/api/v1/households', headers: op, payload: a });
      const dup = makeHousehold(PLACES.villageA, 4);
      dup.members[2] = {
        ...dup.members[2]!,
        nik: a.members[0]!.nik,
        birthDate: a.members[0]!.birthDate,
        sex: 'M',
      };
      const res = await app.inject({ method: 'POST', url: '/api/v1/households', headers: op, payload: dup });
      expect(res.statusCode, res.body).toBe(409);
      expect(res.json().code).toBe('nik.already_registered');
      expect(res.json().errors[0].field).toBe('members.2.nik');
      expect(res.json().errors[0].message).toContain(a.kkNumber);
    });

    it('keeps the dashboard counts in step with every write', async () => {
      const counts = async () => {
        const res = await app.inject({
          url: `/api/v1/stats/regions?region=${PLACES.districtA}`,
          headers: await login(app, 'camat-a'),
        });
        expect(res.statusCode, res.body).toBe(200);
        return (
          res.json().rows.find((r: { code: string }) => r.code === PLACES.villageA2) ?? {
            households: 0,
            persons: 0,
          }
        );
      };
      const before = await counts();
      const a = (
        await app.inject({
          method: 'POST',
          url: '/api/v1/households',
          headers: await login(app, 'dinsos'),
          payload: makeHousehold(PLACES.villageA2, 50),
        })
      ).json();
      const b = (
        await app.inject({
          method: 'POST',
          url: '/api/v1/households',
          headers: await login(app, 'dinsos'),
          payload: makeHousehold(PLACES.villageA2, 51),
        })
      ).json();
      expect(await counts()).toMatchObject({
        households: before.households + 2,
        persons: before.persons + 6,
      });
      const child = a.members.find((m: { relationship: number }) => m.relationship === 3);
      const dinsos = await login(app, 'dinsos');
      const rm = await app.inject({
        method: 'POST',
        url: `/api/v1/households/${a.id}/members/${child.id}/removal`,
        headers: dinsos,
        payload: { version: 1, reasonCode: 'moved_out' },
      });
      expect(rm.statusCode, rm.body).toBe(200);
      const gone = await app.inject({
        method: 'POST',
        url: `/api/v1/households/${b.id}/removal`,
        headers: dinsos,
        payload: { version: 1, reasonCode: 'economic_improvement' },
      });
      expect(gone.statusCode, gone.body).toBe(200);
      expect(await counts()).toMatchObject({
        households: before.households + 1,
        persons: before.persons + 2,
      });
      const direct = await t.container.database.db
        .selectFrom('households')
        .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('memberCount').as('p')])
        .where('villageCode', '=', PLACES.villageA2)
        .where('status', '=', 'active')
        .executeTakeFirstOrThrow();
      expect(await counts()).toMatchObject({ households: Number(direct.n), persons: Number(direct.p) });
    });
  });
}

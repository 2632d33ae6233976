/**
 * The seed service through the real import path, on every engine: households spread over the villages of
 * the region, validated, versioned, audited, deterministic per seed, and refused outside the territory.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/modules/access/actor.ts';
import { systemActor } from '../../src/modules/access/actor.ts';
import type { SeedProgress } from '../../src/modules/seed/seed.service.ts';
import { PLACES } from '../support/app.ts';
import { ENGINES, openTestDb, type TestDb } from '../support/db.ts';
import { rowCounts } from '../support/db-state.ts';

const AS_OF = '2026-01-10';

for (const engine of ENGINES) {
  describe(`seed service (${engine})`, () => {
    let t: TestDb;
    const admin = systemActor('test');

    beforeAll(async () => {
      t = await openTestDb(engine);
    });
    afterAll(async () => {
      await t.cleanup();
    });

    it('lists the villages under a region', async () => {
      const villages = await t.container.regions.villagesUnder(PLACES.districtA);
      expect(villages.length).toBeGreaterThan(5);
      expect(villages.every((v) => v.level === 4 && v.code.startsWith(`${PLACES.districtA}.`))).toBe(true);
      expect(villages.map((v) => v.code)).toContain(PLACES.villageA);
      expect((await t.container.regions.villagesUnder('3307')).length).toBe(265);
      expect(await t.container.regions.villagesUnder(PLACES.villageA)).toHaveLength(1);
      expect((await t.container.regions.villagesUnder('')).length).toBeGreaterThan(80_000);
      await expect(t.container.regions.villagesUnder('33.99')).rejects.toMatchObject({
        code: 'record.not_found',
      });
    });

    it('seeds households spread over the region, with versions, NIKs and one audit entry per chunk', async () => {
      const before = await rowCounts(t.container);
      const seen: SeedProgress[] = [];
      const r = await t.container.seed.seed(
        admin,
        { households: 250, regionCode: PLACES.regency, seed: 7, asOf: AS_OF, chunkSize: 100 },
        (p) => seen.push(p),
      );
      expect(r).toMatchObject({ done: 250, total: 250, created: 250, unchanged: 0, rejected: 0, seed: '7' });
      expect(r.rejections).toEqual([]);
      expect(r.villages).toBe(265);
      expect(seen.map((p) => p.done)).toEqual([100, 200, 250]);
      expect(seen.at(-1)!.persons).toBe(r.persons);

      const after = await rowCounts(t.container);
      expect(after.households - before.households).toBe(250);
      expect(after.persons - before.persons).toBe(r.persons);
      expect(after.nikRegistry - before.nikRegistry).toBe(r.persons);
      expect(after.recordVersions - before.recordVersions).toBe(250);
      expect(after.auditLog - before.auditLog).toBe(3);

      const db = t.container.database.db;
      const villages = await db
        .selectFrom('households')
        .select('villageCode')
        .distinct()
        .where('regencyCode', '=', PLACES.regency)
        .execute();
      expect(villages.length).toBeGreaterThan(80); // spread, not piled into one village
      const audit = await db
        .selectFrom('auditLog')
        .select(['action', 'details'])
        .where('action', '=', 'household.seed')
        .execute();
      expect(audit).toHaveLength(3);
      expect(JSON.parse(audit[0]!.details)).toMatchObject({ source: 'seed', count: 100 });
      expect(await t.container.seed.isEmpty()).toBe(false);
    });

    it('is deterministic: the same seed adds nothing, another seed adds new households', async () => {
      const again = await t.container.seed.seed(admin, {
        households: 250,
        regionCode: PLACES.regency,
        seed: 7,
        asOf: AS_OF,
        chunkSize: 100,
      });
      expect(again).toMatchObject({ created: 0, unchanged: 250, rejected: 0 });

      const first = [];
      for await (const chunk of t.container.seed.generate({
        households: 3,
        regionCode: PLACES.regency,
        seed: 7,
        asOf: AS_OF,
      }))
        first.push(...chunk);
      const stored = await t.container.households.list(admin, {
        q: first[0]!.kkNumber,
        status: 'active',
        limit: 5,
      });
      expect(stored.items.map((i) => i.headName)).toEqual([first[0]!.members[0]!.name]);

      const other = await t.container.seed.seed(admin, {
        households: 120,
        regionCode: PLACES.districtB,
        seed: 8,
        asOf: AS_OF,
      });
      expect(other).toMatchObject({ created: 120, unchanged: 0, rejected: 0 });
    });

    it('checks permission, territory and arguments', async () => {
      const operator: Actor = {
        ...admin,
        username: 'op',
        role: 'operator_desa',
        regionCode: PLACES.villageA,
      };
      await expect(
        t.container.seed.seed(operator, { households: 1, regionCode: PLACES.villageA }),
      ).rejects.toMatchObject({ code: 'access.forbidden' });
      const dinsos: Actor = {
        ...admin,
        username: 'dinsos',
        role: 'dinsos_kab',
        regionCode: PLACES.otherRegency,
      };
      await expect(
        t.container.seed.seed(dinsos, { households: 1, regionCode: PLACES.regency }),
      ).rejects.toMatchObject({
        code: 'record.not_found',
      });
      await expect(t.container.seed.seed(dinsos, { households: 1 })).rejects.toMatchObject({
        code: 'record.not_found',
      });
      const own = await t.container.seed.seed(dinsos, {
        households: 5,
        regionCode: PLACES.otherRegency,
        asOf: AS_OF,
      });
      expect(own.created).toBe(5);
      await expect(t.container.seed.seed(admin, { households: 0 })).rejects.toMatchObject({
        issues: [expect.objectContaining({ code: 'seed.invalid_count' })],
      });
      await expect(t.container.seed.seed(admin, { households: 1, regionCode: 'x' })).rejects.toMatchObject({
        issues: [expect.objectContaining({ field: 'region' })],
      });
    });
  });
}

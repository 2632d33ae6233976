/**
 * preparedQuery on every engine's root handle answers the rows Kysely's own query answers, camelCase keys
 * and types included, without Kysely's executor (SQLite: straight on the connection; PostgreSQL: a named
 * prepared statement of a pooled connection); inside a transaction it runs on the transaction and sees its
 * uncommitted rows.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { preparedQuery } from '../../src/db/prepared.ts';
import { ENGINES, openTestDb, type TestDb } from '../support/db.ts';

const byParent = preparedQuery((db, parent: string) =>
  db
    .selectFrom('regions')
    .select(['code', 'name', 'level', 'parentCode', 'provinceCode'])
    .where('parentCode', '=', parent)
    .orderBy('code'),
);

for (const engine of ENGINES) {
  describe(`preparedQuery (${engine})`, () => {
    let t: TestDb;
    beforeAll(async () => {
      t = await openTestDb(engine);
    });
    afterAll(async () => {
      await t.cleanup();
    });

    it('answers what the Kysely query answers, without its executor, every call with its own values', async () => {
      const db = t.container.database.db;
      const kysely = (parent: string) =>
        db
          .selectFrom('regions')
          .select(['code', 'name', 'level', 'parentCode', 'provinceCode'])
          .where('parentCode', '=', parent)
          .orderBy('code')
          .execute();
      const executed = vi.spyOn(db, 'executeQuery');
      const first = await byParent(db, '33');
      const again = await byParent(db, '33');
      const other = await byParent(db, '33.07');
      expect(executed).not.toHaveBeenCalled();
      executed.mockRestore();
      expect(first.length).toBeGreaterThan(10);
      expect(first).toEqual(await kysely('33'));
      expect(again).toEqual(first);
      expect(other).toEqual(await kysely('33.07'));
      expect(other.every((r) => r.parentCode === '33.07' && typeof r.level === 'number')).toBe(true);
      expect(await byParent(db, 'no such region')).toEqual([]);
    });

    it('inside a transaction runs on the transaction', async () => {
      const db = t.container.database.db;
      await db
        .transaction()
        .execute(async (trx) => {
          await trx
            .insertInto('regions')
            .values({
              code: 'x-99',
              name: 'Uji',
              level: 1,
              parentCode: 'x-test',
              provinceCode: '99',
            } as never)
            .execute();
          expect((await byParent(trx, 'x-test')).map((r) => r.name)).toEqual(['Uji']);
          throw new Error('roll back');
        })
        .catch((err: Error) => expect(err.message).toBe('roll back'));
      expect(await byParent(db, 'x-test')).toEqual([]);
    });
  });
}

import type { Kysely } from 'kysely';
import type { DB, Region } from '../../db/schema/index.ts';

export class RegionsRepository {
  all(db: Kysely<DB>): Promise<Region[]> {
    return db.selectFrom('regions').selectAll().orderBy('code').execute();
  }

  find(db: Kysely<DB>, code: string): Promise<Region | undefined> {
    return db.selectFrom('regions').selectAll().where('code', '=', code).executeTakeFirst();
  }

  findMany(db: Kysely<DB>, codes: string[]): Promise<Region[]> {
    if (codes.length === 0) return Promise.resolve([]);
    return db.selectFrom('regions').selectAll().where('code', 'in', codes).orderBy('code').execute();
  }

  children(db: Kysely<DB>, parentCode: string | null): Promise<Region[]> {
    return db
      .selectFrom('regions')
      .selectAll()
      .$if(parentCode === null, (q) => q.where('parentCode', 'is', null))
      .$if(parentCode !== null, (q) => q.where('parentCode', '=', parentCode!))
      .orderBy('code')
      .execute();
  }

  async count(db: Kysely<DB>): Promise<number> {
    const r = await db
      .selectFrom('regions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }
}

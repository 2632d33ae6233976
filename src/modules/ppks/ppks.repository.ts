import type { Kysely } from 'kysely';
import type { DB, NewPpksRow, PpksCategoryRow, PpksRow } from '../../db/schema/index.ts';
import { containsLiteral } from '../../db/sql-helpers.ts';
import type { RegisterPageFilter } from '../social/register-records.ts';

export interface PpksListFilter extends RegisterPageFilter {
  /** Records carrying this category on `asOf` (started, not ended). */
  category?: { code: string; asOf: string };
}

const LIST_COLUMNS = [
  'id',
  'name',
  'nik',
  'villageCode',
  'rw',
  'rt',
  'status',
  'version',
  'updatedAt',
] as const;

export class PpksRepository {
  findById(db: Kysely<DB>, id: string): Promise<PpksRow | undefined> {
    return db.selectFrom('ppks').selectAll().where('id', '=', id).executeTakeFirst();
  }

  categories(db: Kysely<DB>, ppksIds: string[]): Promise<PpksCategoryRow[]> {
    if (ppksIds.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('ppksCategories')
      .selectAll()
      .where('ppksId', 'in', ppksIds)
      .orderBy('startDate')
      .orderBy('category')
      .execute();
  }

  list(db: Kysely<DB>, f: PpksListFilter) {
    return db
      .selectFrom('ppks')
      .select(LIST_COLUMNS)
      .$if(f.scope !== null, (q) => q.where(f.scope!.column, '=', f.scope!.value))
      .$if(f.status !== 'all', (q) => q.where('status', '=', f.status as 'active' | 'removed'))
      .$if(f.name !== undefined, (q) => q.where(containsLiteral('nameSearch', f.name!)))
      .$if(f.nik !== undefined, (q) => q.where('nik', '=', f.nik!))
      .$if(f.category !== undefined, (q) =>
        q.where('id', 'in', (eb) =>
          eb
            .selectFrom('ppksCategories')
            .select('ppksId')
            .where('category', '=', f.category!.code)
            .where('startDate', '<=', f.category!.asOf)
            .where((w) => w.or([w('endDate', 'is', null), w('endDate', '>=', f.category!.asOf)])),
        ),
      )
      .$if(f.afterId !== undefined, (q) => q.where('id', '>', f.afterId!))
      .orderBy('id')
      .limit(f.limit)
      .execute();
  }

  activeByNik(db: Kysely<DB>, nik: string): Promise<PpksRow | undefined> {
    return db
      .selectFrom('ppks')
      .selectAll()
      .where('nik', '=', nik)
      .where('status', '=', 'active')
      .executeTakeFirst();
  }

  /** The active DTKS person holding this NIK, if any. */
  async dtksPersonId(db: Kysely<DB>, nik: string): Promise<string | null> {
    const row = await db
      .selectFrom('nikRegistry')
      .select('personId')
      .where('nik', '=', nik)
      .executeTakeFirst();
    return row?.personId ?? null;
  }

  async personVillage(db: Kysely<DB>, personId: string): Promise<string | null> {
    const row = await db
      .selectFrom('persons')
      .select('villageCode')
      .where('id', '=', personId)
      .executeTakeFirst();
    return row?.villageCode ?? null;
  }

  async insert(db: Kysely<DB>, row: NewPpksRow): Promise<void> {
    await db.insertInto('ppks').values(row).execute();
  }

  /** The current list replaces the stored one; earlier lists live on in the version snapshots. */
  async replaceCategories(db: Kysely<DB>, ppksId: string, rows: PpksCategoryRow[]): Promise<void> {
    await db.deleteFrom('ppksCategories').where('ppksId', '=', ppksId).execute();
    if (rows.length) await db.insertInto('ppksCategories').values(rows).execute();
  }

  /** Optimistic update: changes nothing and answers false when the stored version is not `version`. */
  async update(db: Kysely<DB>, id: string, version: number, patch: Partial<PpksRow>): Promise<boolean> {
    const r = await db
      .updateTable('ppks')
      .set({ ...patch, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }
}

import type { Kysely } from 'kysely';
import type { DB, NewPpksRow, PpksCategoryRow, PpksRow } from '../../db/schema/index.ts';
import { containsLiteral } from '../../db/sql-helpers.ts';
import type { RegisterFilter, RegisterPageFilter } from '../social/register-records.ts';

export interface PpksFilter extends RegisterFilter {
  /** Records carrying this category on `asOf` (started, not ended). */
  category?: { code: string; asOf: string };
}
export type PpksListFilter = PpksFilter & RegisterPageFilter;

const LIST_COLUMNS = [
  'id',
  'name',
  'nik',
  'nameSearch',
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

  #filtered(db: Kysely<DB>, f: PpksFilter) {
    return db
      .selectFrom('ppks')
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
      );
  }

  /** One page in registration order, or by name (search form, A–Z) then id. */
  list(db: Kysely<DB>, f: PpksListFilter) {
    const byName = f.sort === 'name';
    return this.#filtered(db, f)
      .select(LIST_COLUMNS)
      .$if(f.afterId !== undefined && !byName, (q) => q.where('id', '>', f.afterId!))
      .$if(f.afterId !== undefined && byName, (q) =>
        q.where((eb) =>
          eb.or([
            eb('nameSearch', '>', f.afterName ?? ''),
            eb.and([eb('nameSearch', '=', f.afterName ?? ''), eb('id', '>', f.afterId!)]),
          ]),
        ),
      )
      .$if(byName, (q) => q.orderBy('nameSearch'))
      .orderBy('id')
      .limit(f.limit)
      .execute();
  }

  /** How many records the list's filters match (all pages). */
  async count(db: Kysely<DB>, f: PpksFilter): Promise<number> {
    const row = await this.#filtered(db, f)
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirst();
    return Number(row?.n ?? 0);
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

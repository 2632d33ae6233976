import type { Kysely } from 'kysely';
import type { DB, NewPsksRow, PsksRow } from '../../db/schema/index.ts';
import { containsLiteral } from '../../db/sql-helpers.ts';
import type { RegisterFilter, RegisterPageFilter } from '../social/register-records.ts';

export interface PsksFilter extends RegisterFilter {
  kind?: string;
}
export type PsksListFilter = PsksFilter & RegisterPageFilter;

const LIST_COLUMNS = [
  'id',
  'kind',
  'isInstitution',
  'name',
  'nameSearch',
  'nik',
  'villageCode',
  'phone',
  'email',
  'status',
  'version',
  'updatedAt',
] as const;

export class PsksRepository {
  findById(db: Kysely<DB>, id: string): Promise<PsksRow | undefined> {
    return db.selectFrom('psks').selectAll().where('id', '=', id).executeTakeFirst();
  }

  #filtered(db: Kysely<DB>, f: PsksFilter) {
    return db
      .selectFrom('psks')
      .$if(f.scope !== null, (q) => q.where(f.scope!.column, '=', f.scope!.value))
      .$if(f.status !== 'all', (q) => q.where('status', '=', f.status as 'active' | 'removed'))
      .$if(f.kind !== undefined, (q) => q.where('kind', '=', f.kind!))
      .$if(f.name !== undefined, (q) => q.where(containsLiteral('nameSearch', f.name!)))
      .$if(f.nik !== undefined, (q) => q.where('nik', '=', f.nik!));
  }

  /** One page in registration order, or by name (search form, A–Z) then id. */
  list(db: Kysely<DB>, f: PsksListFilter) {
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
  async count(db: Kysely<DB>, f: PsksFilter): Promise<number> {
    const row = await this.#filtered(db, f)
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  activeByKindAndNik(db: Kysely<DB>, kind: string, nik: string): Promise<PsksRow | undefined> {
    return db
      .selectFrom('psks')
      .selectAll()
      .where('kind', '=', kind)
      .where('nik', '=', nik)
      .where('status', '=', 'active')
      .executeTakeFirst();
  }

  async insert(db: Kysely<DB>, row: NewPsksRow): Promise<void> {
    await db.insertInto('psks').values(row).execute();
  }

  /** Optimistic update: changes nothing and answers false when the stored version is not `version`. */
  async update(db: Kysely<DB>, id: string, version: number, patch: Partial<PsksRow>): Promise<boolean> {
    const r = await db
      .updateTable('psks')
      .set({ ...patch, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }
}

import type { Kysely } from 'kysely';
import type { DB, NewPsksRow, PsksRow } from '../../db/schema/index.ts';
import { containsLiteral } from '../../db/sql-helpers.ts';
import type { RegisterPageFilter } from '../social/register-records.ts';

export interface PsksListFilter extends RegisterPageFilter {
  kind?: string;
}

const LIST_COLUMNS = [
  'id',
  'kind',
  'isInstitution',
  'name',
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

  list(db: Kysely<DB>, f: PsksListFilter) {
    return db
      .selectFrom('psks')
      .select(LIST_COLUMNS)
      .$if(f.scope !== null, (q) => q.where(f.scope!.column, '=', f.scope!.value))
      .$if(f.status !== 'all', (q) => q.where('status', '=', f.status as 'active' | 'removed'))
      .$if(f.kind !== undefined, (q) => q.where('kind', '=', f.kind!))
      .$if(f.name !== undefined, (q) => q.where(containsLiteral('nameSearch', f.name!)))
      .$if(f.nik !== undefined, (q) => q.where('nik', '=', f.nik!))
      .$if(f.afterId !== undefined, (q) => q.where('id', '>', f.afterId!))
      .orderBy('id')
      .limit(f.limit)
      .execute();
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

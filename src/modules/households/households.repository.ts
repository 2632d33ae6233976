import type { Kysely } from 'kysely';
import type {
  DB,
  HouseholdRow,
  HouseholdUpdate,
  NewHouseholdRow,
  NewPersonRow,
  NikRegistryTable,
  PersonRow,
  PersonUpdate,
  RecordVersionRow,
} from '../../db/schema/index.ts';
import { insertRows, paddedInList } from '../../db/bulk-insert.ts';
import { containsLiteral } from '../../db/sql-helpers.ts';
import type { RegionColumn } from '../access/actor.ts';

export interface HouseholdListFilter {
  scope: { column: RegionColumn; value: string } | null;
  rw?: string;
  rt?: string;
  status: 'active' | 'removed' | 'all';
  /** Lowercased substring of the head's name. */
  name?: string;
  /** Exact KK number or member NIK. */
  number?: string;
  afterId?: string;
  limit: number;
}

const LIST_COLUMNS = [
  'id',
  'kkNumber',
  'villageCode',
  'rw',
  'rt',
  'headName',
  'memberCount',
  'status',
  'address',
  'updatedAt',
] as const;

export class HouseholdsRepository {
  findById(db: Kysely<DB>, id: string): Promise<HouseholdRow | undefined> {
    return db.selectFrom('households').selectAll().where('id', '=', id).executeTakeFirst();
  }

  members(db: Kysely<DB>, householdId: string): Promise<PersonRow[]> {
    return db
      .selectFrom('persons')
      .selectAll()
      .where('householdId', '=', householdId)
      .orderBy('relationship')
      .orderBy('birthDate')
      .orderBy('id')
      .execute();
  }

  list(db: Kysely<DB>, f: HouseholdListFilter) {
    return db
      .selectFrom('households')
      .select(LIST_COLUMNS)
      .$if(f.scope !== null, (q) => q.where(f.scope!.column, '=', f.scope!.value))
      .$if(f.status !== 'all', (q) => q.where('status', '=', f.status as 'active' | 'removed'))
      .$if(f.rw !== undefined, (q) => q.where('rw', '=', f.rw!))
      .$if(f.rt !== undefined, (q) => q.where('rt', '=', f.rt!))
      .$if(f.name !== undefined, (q) => q.where(containsLiteral('headNameSearch', f.name!)))
      .$if(f.number !== undefined, (q) =>
        q.where((eb) =>
          eb.or([
            eb('kkNumber', '=', f.number!),
            eb('id', 'in', eb.selectFrom('persons').select('householdId').where('nik', '=', f.number!)),
          ]),
        ),
      )
      .$if(f.afterId !== undefined, (q) => q.where('id', '>', f.afterId!))
      .orderBy('id')
      .limit(f.limit)
      .execute();
  }

  activeByKk(db: Kysely<DB>, kkNumber: string): Promise<HouseholdRow | undefined> {
    return db
      .selectFrom('households')
      .selectAll()
      .where('kkNumber', '=', kkNumber)
      .where('status', '=', 'active')
      .executeTakeFirst();
  }

  /** Active households holding any of these KK numbers (one query for a whole import chunk). */
  async activeByKks(db: Kysely<DB>, kkNumbers: string[]): Promise<HouseholdRow[]> {
    const out: HouseholdRow[] = [];
    for (const part of slices([...new Set(kkNumbers)], IN_LIST_MAX)) {
      out.push(
        ...(await db
          .selectFrom('households')
          .selectAll()
          .where('kkNumber', 'in', paddedInList(part))
          .where('status', '=', 'active')
          .execute()),
      );
    }
    return out;
  }

  async nikEntries(db: Kysely<DB>, niks: string[]): Promise<NikRegistryTable[]> {
    const out: NikRegistryTable[] = [];
    for (const part of slices([...new Set(niks)], IN_LIST_MAX)) {
      out.push(
        ...(await db.selectFrom('nikRegistry').selectAll().where('nik', 'in', paddedInList(part)).execute()),
      );
    }
    return out;
  }

  insertHouseholds(db: Kysely<DB>, rows: NewHouseholdRow[]): Promise<void> {
    return insertRows(db, 'households', rows);
  }

  insertPersons(db: Kysely<DB>, rows: NewPersonRow[]): Promise<void> {
    return insertRows(db, 'persons', rows);
  }

  registerNiks(db: Kysely<DB>, rows: NikRegistryTable[]): Promise<void> {
    return insertRows(db, 'nikRegistry', rows);
  }

  async unregisterNiks(db: Kysely<DB>, niks: string[]): Promise<void> {
    if (niks.length) await db.deleteFrom('nikRegistry').where('nik', 'in', niks).execute();
  }

  /** Optimistic update: changes nothing and answers false when the stored version is not `version`. */
  async updateHousehold(
    db: Kysely<DB>,
    id: string,
    version: number,
    patch: HouseholdUpdate,
  ): Promise<boolean> {
    const r = await db
      .updateTable('households')
      .set({ ...patch, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async updatePerson(db: Kysely<DB>, id: string, patch: PersonUpdate): Promise<void> {
    await db
      .updateTable('persons')
      .set((eb) => ({ ...patch, version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .execute();
  }

  insertVersions(db: Kysely<DB>, rows: RecordVersionRow[]): Promise<void> {
    return insertRows(db, 'recordVersions', rows);
  }

  versions(db: Kysely<DB>, entityId: string): Promise<RecordVersionRow[]> {
    return db
      .selectFrom('recordVersions')
      .selectAll()
      .where('entityId', '=', entityId)
      .orderBy('version')
      .execute();
  }

  personByNik(db: Kysely<DB>, nik: string): Promise<PersonRow | undefined> {
    return db
      .selectFrom('nikRegistry')
      .innerJoin('persons', 'persons.id', 'nikRegistry.personId')
      .selectAll('persons')
      .where('nikRegistry.nik', '=', nik)
      .executeTakeFirst();
  }

  /** Active households and persons per child region of `scope` (the dashboard's drill-down). */
  async countsBy(
    db: Kysely<DB>,
    scope: { column: RegionColumn; value: string } | null,
    groupBy: RegionColumn,
  ): Promise<{ code: string; households: number; persons: number }[]> {
    const rows = await db
      .selectFrom('households')
      .select((eb) => [
        eb.ref(groupBy).as('code'),
        eb.fn.countAll<number>().as('households'),
        eb.fn.sum<number>('memberCount').as('persons'),
      ])
      .$if(scope !== null, (q) => q.where(scope!.column, '=', scope!.value))
      .where('status', '=', 'active')
      .groupBy(groupBy)
      .orderBy(groupBy)
      .execute();
    return rows.map((r) => ({
      code: r.code as string,
      households: Number(r.households),
      persons: Number(r.persons ?? 0),
    }));
  }
}

/** Values per `IN (…)` list: far below both engines' parameter limits. */
const IN_LIST_MAX = 4096;
function* slices<T>(items: T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

import { type Kysely, sql } from 'kysely';
import { insertRows, paddedInList } from '../../db/bulk-insert.ts';
import type { DB, DukcapilImportRow, DukcapilMatchRow, DukcapilRejectTable } from '../../db/schema/index.ts';

export interface MatchFilter {
  importId: string;
  result?: string;
  /** 'open' | 'resolved' | 'all' | a resolution code. */
  resolution: string;
  afterLine?: number;
  limit: number;
}

export class DukcapilRepository {
  async insertImport(db: Kysely<DB>, row: DukcapilImportRow): Promise<void> {
    await db.insertInto('dukcapilImports').values(row).execute();
  }

  async updateImport(db: Kysely<DB>, id: string, patch: Partial<DukcapilImportRow>): Promise<void> {
    await db.updateTable('dukcapilImports').set(patch).where('id', '=', id).execute();
  }

  findImport(db: Kysely<DB>, id: string): Promise<DukcapilImportRow | undefined> {
    return db.selectFrom('dukcapilImports').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Imports of regencies within `territory` ('' = all), newest first. */
  listImports(db: Kysely<DB>, territory: string, limit: number): Promise<DukcapilImportRow[]> {
    return db
      .selectFrom('dukcapilImports')
      .selectAll()
      .$if(territory !== '', (q) =>
        q.where((eb) =>
          eb.or([eb('regencyCode', '=', territory), eb('regencyCode', 'like', `${territory}.%`)]),
        ),
      )
      .orderBy('createdAt', 'desc')
      .limit(limit)
      .execute();
  }

  /** Rows still to resolve per import. */
  async openCounts(db: Kysely<DB>, importIds: string[]): Promise<Map<string, number>> {
    if (!importIds.length) return new Map();
    const rows = await db
      .selectFrom('dukcapilMatches')
      .select((eb) => ['importId', eb.fn.countAll<number>().as('n')])
      .where('importId', 'in', importIds)
      .where('result', '!=', 'matched')
      .where('resolution', 'is', null)
      .groupBy('importId')
      .execute();
    return new Map(rows.map((r) => [r.importId, Number(r.n)]));
  }

  /**
   * The active DTKS persons holding these NIKs, with their household's KK number and village: the persons
   * rows themselves (the unique index of active NIKs), as the view `nik_registry` would answer them.
   */
  personsByNik(db: Kysely<DB>, niks: string[]) {
    if (!niks.length) return Promise.resolve([]);
    return db
      .selectFrom('persons')
      .innerJoin('households', 'households.id', 'persons.householdId')
      .select([
        'persons.nik',
        'persons.id as personId',
        'persons.householdId',
        'persons.villageCode',
        'persons.name',
        'persons.birthDate',
        'persons.sex',
        'households.kkNumber',
      ])
      .where('persons.nik', 'in', paddedInList(niks))
      .where('persons.status', '=', sql.lit('active'))
      .execute();
  }

  /**
   * How many DTKS NIKs (active persons) the regency holds. Read from `persons` through its regency index
   * (persons_regency_birth_idx), not through the view `nik_registry`: the view has no index on the village,
   * so a regency there is a scan of every active NIK with a row look-up each (migration 082).
   */
  async countNiks(db: Kysely<DB>, regency: string): Promise<number> {
    const r = await activeOfRegency(db, regency)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  /**
   * The regency's DTKS NIKs after `after`, in NIK order: the regency's active persons by its index, the page
   * sorted by NIK (a top-`limit` sort of one regency's people per page, where the registry table's key order
   * was a scan of the nation's NIKs from `after` on).
   */
  async niksOf(db: Kysely<DB>, regency: string, after: string | undefined, limit: number): Promise<string[]> {
    const rows = await activeOfRegency(db, regency)
      .select('nik')
      .$if(after !== undefined, (q) => q.where('nik', '>', after!))
      .orderBy('nik')
      .limit(limit)
      .execute();
    return rows.map((r) => r.nik);
  }

  /** Removes what a failed run stored (its findings and rejected lines); the import row stays. */
  async deleteFindings(db: Kysely<DB>, importId: string): Promise<void> {
    await db.deleteFrom('dukcapilMatches').where('importId', '=', importId).execute();
    await db.deleteFrom('dukcapilRejects').where('importId', '=', importId).execute();
  }

  /** NIKs of this import already stored (by an earlier batch), with their line. */
  storedNiks(db: Kysely<DB>, importId: string, niks: string[]) {
    if (!niks.length) return Promise.resolve([]);
    return db
      .selectFrom('dukcapilMatches')
      .select(['nik', 'line'])
      .where('importId', '=', importId)
      .where('nik', 'in', paddedInList(niks))
      .execute();
  }

  insertMatches(db: Kysely<DB>, rows: DukcapilMatchRow[]): Promise<void> {
    return insertRows(db, 'dukcapilMatches', rows);
  }

  insertRejects(db: Kysely<DB>, rows: DukcapilRejectTable[]): Promise<void> {
    return insertRows(db, 'dukcapilRejects', rows);
  }

  matches(db: Kysely<DB>, f: MatchFilter): Promise<DukcapilMatchRow[]> {
    return db
      .selectFrom('dukcapilMatches')
      .selectAll()
      .where('importId', '=', f.importId)
      .$if(f.result !== undefined, (q) => q.where('result', '=', f.result!))
      .$if(f.result === undefined, (q) => q.where('result', '!=', 'matched'))
      .$if(f.resolution === 'open', (q) => q.where('resolution', 'is', null))
      .$if(f.resolution === 'resolved', (q) => q.where('resolution', 'is not', null))
      .$if(!['open', 'resolved', 'all'].includes(f.resolution), (q) =>
        q.where('resolution', '=', f.resolution),
      )
      .$if(f.afterLine !== undefined, (q) => q.where('line', '>', f.afterLine!))
      .orderBy('line')
      .limit(f.limit)
      .execute();
  }

  findMatch(db: Kysely<DB>, id: string): Promise<DukcapilMatchRow | undefined> {
    return db.selectFrom('dukcapilMatches').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Records a resolution once: false when the row was already resolved. */
  async resolve(
    db: Kysely<DB>,
    id: string,
    patch: Pick<DukcapilMatchRow, 'resolution' | 'note' | 'resolvedBy' | 'resolvedAt'>,
  ): Promise<boolean> {
    const r = await db
      .updateTable('dukcapilMatches')
      .set(patch)
      .where('id', '=', id)
      .where('resolution', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  rejects(db: Kysely<DB>, importId: string, afterLine: number | undefined, limit: number) {
    return db
      .selectFrom('dukcapilRejects')
      .selectAll()
      .where('importId', '=', importId)
      .$if(afterLine !== undefined, (q) => q.where('line', '>', afterLine!))
      .orderBy('line')
      .limit(limit)
      .execute();
  }
}

/**
 * A regency's active persons (the NIKs `nik_registry` lists for it), by `persons_regency_birth_idx`; the
 * village prefix is kept as the registry's own test (the regency code is the village code's first two parts).
 */
function activeOfRegency(db: Kysely<DB>, regency: string) {
  return db
    .selectFrom('persons')
    .where('regencyCode', '=', regency)
    .where('status', '=', sql.lit('active'))
    .where('villageCode', 'like', `${regency}.%`);
}

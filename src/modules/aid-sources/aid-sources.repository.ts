/** The only SQL of aid-source matching: lists, their lines, the DTKS look-ups of a batch, and the overlaps. */
import { type Kysely, sql } from 'kysely';
import { insertRows, paddedInList } from '../../db/bulk-insert.ts';
import type { AidSourceEntryTable, AidSourceRow, DB } from '../../db/schema/index.ts';

/** `region_code` at or below `territory`. */
function within(territory: string) {
  return sql<boolean>`(region_code = ${territory} or region_code like ${`${territory}.%`})`;
}

export interface OverlapFilter {
  /** Lists whose entries count (visible, complete). */
  sourceIds: string[];
  /** Only entries at or below these codes ('' = no limit); both apply. */
  territory: string;
  region: string;
  /** Only households that are in this list. */
  sourceId?: string;
  minSources: number;
  afterHouseholdId?: string;
  limit?: number;
}

export class AidSourcesRepository {
  async insertSource(db: Kysely<DB>, row: AidSourceRow): Promise<void> {
    await db.insertInto('aidSources').values(row).execute();
  }

  async updateSource(db: Kysely<DB>, id: string, patch: Partial<AidSourceRow>): Promise<void> {
    await db.updateTable('aidSources').set(patch).where('id', '=', id).execute();
  }

  findSource(db: Kysely<DB>, id: string): Promise<AidSourceRow | undefined> {
    return db.selectFrom('aidSources').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /**
   * Lists an actor of `territory` may see, newest first: those imported for a region within it, and those
   * whose region contains it (a national or provincial list, of which it sees its own part).
   */
  visibleSources(db: Kysely<DB>, territory: string, limit: number): Promise<AidSourceRow[]> {
    const above = territory === '' ? [] : ancestorsOf(territory);
    return db
      .selectFrom('aidSources')
      .selectAll()
      .$if(territory !== '', (q) =>
        q.where((eb) => eb.or([within(territory), eb('regionCode', 'in', ['', ...above])])),
      )
      .orderBy('createdAt', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
  }

  /** Lines per list and result, counting only lines at or below `territory`. */
  async countsWithin(db: Kysely<DB>, sourceIds: string[], territory: string) {
    if (!sourceIds.length) return [];
    const rows = await db
      .selectFrom('aidSourceEntries')
      .select((eb) => ['sourceId', 'result', eb.fn.countAll<number>().as('n')])
      .where('sourceId', 'in', sourceIds)
      .$if(territory !== '', (q) => q.where(() => within(territory)))
      .groupBy(['sourceId', 'result'])
      .execute();
    return rows.map((r) => ({ sourceId: r.sourceId, result: r.result, n: Number(r.n) }));
  }

  /** Active DTKS households with these KK numbers, at or below `territory`. */
  householdsByKk(db: Kysely<DB>, kks: string[], territory: string) {
    if (!kks.length) return Promise.resolve([]);
    return db
      .selectFrom('households')
      .select(['kkNumber', 'id as householdId', 'villageCode'])
      .where('kkNumber', 'in', paddedInList(kks))
      .where('status', '=', 'active')
      .$if(territory !== '', (q) =>
        q.where((eb) =>
          eb.or([eb('villageCode', '=', territory), eb('villageCode', 'like', `${territory}.%`)]),
        ),
      )
      .orderBy('id')
      .execute();
  }

  /** Active DTKS members with these NIKs (nik_registry holds active NIKs only), at or below `territory`. */
  householdsByNik(db: Kysely<DB>, niks: string[], territory: string) {
    if (!niks.length) return Promise.resolve([]);
    return db
      .selectFrom('nikRegistry')
      .innerJoin('households', 'households.id', 'nikRegistry.householdId')
      .select(['nikRegistry.nik', 'nikRegistry.householdId', 'households.villageCode'])
      .where('nikRegistry.nik', 'in', paddedInList(niks))
      .where('households.status', '=', 'active')
      .$if(territory !== '', (q) =>
        q.where((eb) =>
          eb.or([
            eb('households.villageCode', '=', territory),
            eb('households.villageCode', 'like', `${territory}.%`),
          ]),
        ),
      )
      .execute();
  }

  insertEntries(db: Kysely<DB>, rows: AidSourceEntryTable[]): Promise<void> {
    return insertRows(db, 'aidSourceEntries', rows);
  }

  /** Lines of one list in file order, at or below `territory` and `region`, optionally of one result. */
  entries(
    db: Kysely<DB>,
    q: {
      sourceId: string;
      territory: string;
      region: string;
      result?: string;
      afterLine?: number;
      limit: number;
    },
  ) {
    return db
      .selectFrom('aidSourceEntries')
      .selectAll()
      .where('sourceId', '=', q.sourceId)
      .$if(q.territory !== '', (b) => b.where(() => within(q.territory)))
      .$if(q.region !== '', (b) => b.where(() => within(q.region)))
      .$if(q.result !== undefined, (b) => b.where('result', '=', q.result!))
      .$if(q.afterLine !== undefined, (b) => b.where('line', '>', q.afterLine!))
      .orderBy('line')
      .limit(q.limit)
      .execute();
  }

  #overlapGroups(db: Kysely<DB>, f: OverlapFilter) {
    return db
      .selectFrom('aidSourceEntries')
      .select((eb) => ['householdId', eb.fn.count<number>('sourceId').distinct().as('sources')])
      .where('householdId', 'is not', null)
      .where('sourceId', 'in', f.sourceIds)
      .$if(f.territory !== '', (b) => b.where(() => within(f.territory)))
      .$if(f.region !== '', (b) => b.where(() => within(f.region)))
      .$if(f.sourceId !== undefined, (b) =>
        b.where('householdId', 'in', (eb) =>
          eb
            .selectFrom('aidSourceEntries as s')
            .select('s.householdId')
            .where('s.sourceId', '=', f.sourceId!)
            .where('s.householdId', 'is not', null),
        ),
      )
      .groupBy('householdId')
      .having((eb) => eb.fn.count('sourceId').distinct(), '>=', f.minSources);
  }

  /** Households in at least `minSources` of the lists, in household id order (one keyset page). */
  async overlapPage(db: Kysely<DB>, f: OverlapFilter) {
    if (!f.sourceIds.length) return [];
    const rows = await this.#overlapGroups(db, f)
      .$if(f.afterHouseholdId !== undefined, (b) => b.where('householdId', '>', f.afterHouseholdId!))
      .orderBy('householdId')
      .limit(f.limit ?? 100)
      .execute();
    return rows.map((r) => ({ householdId: r.householdId!, sources: Number(r.sources) }));
  }

  /** How many households are in 2, 3, … of the lists (with the same filters). */
  async overlapDistribution(db: Kysely<DB>, f: OverlapFilter) {
    if (!f.sourceIds.length) return [];
    const rows = await db
      .selectFrom(this.#overlapGroups(db, f).as('g'))
      .select((eb) => ['g.sources', eb.fn.countAll<number>().as('n')])
      .groupBy('g.sources')
      .orderBy('g.sources')
      .execute();
    return rows.map((r) => ({ sources: Number(r.sources), households: Number(r.n) }));
  }

  /** For these households: each list (of `sourceIds`) that names them. */
  async sourcesOf(db: Kysely<DB>, householdIds: string[], sourceIds: string[]) {
    if (!householdIds.length || !sourceIds.length) return [];
    return db
      .selectFrom('aidSourceEntries')
      .select(['householdId', 'sourceId'])
      .distinct()
      .where('householdId', 'in', householdIds)
      .where('sourceId', 'in', sourceIds)
      .execute();
  }

  /** The DTKS side of a worklist row: KK number, head and village of these households. */
  households(db: Kysely<DB>, ids: string[]) {
    if (!ids.length) return Promise.resolve([]);
    return db
      .selectFrom('households')
      .select(['id', 'kkNumber', 'headName', 'villageCode', 'status'])
      .where('id', 'in', ids)
      .execute();
  }
}

/** '33.07.01' → ['33', '33.07']. */
function ancestorsOf(code: string): string[] {
  const parts = code.split('.');
  return parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join('.'));
}

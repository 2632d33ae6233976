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
  /** Count this period's approved recipients as sources, one per programme; null: lists only. */
  recipientsPeriod: string | null;
}

/** The source id of a programme's approved recipients in the overlaps: `kpm:PKH`. */
export const KPM_PREFIX = 'kpm:';

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

  /** Active DTKS members with these NIKs (persons by their unique index of active NIKs), at or below `territory`. */
  householdsByNik(db: Kysely<DB>, niks: string[], territory: string) {
    if (!niks.length) return Promise.resolve([]);
    return db
      .selectFrom('persons')
      .innerJoin('households', 'households.id', 'persons.householdId')
      .select(['persons.nik', 'persons.householdId', 'households.villageCode'])
      .where('persons.nik', 'in', paddedInList(niks))
      .where('persons.status', '=', sql.lit('active'))
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

  /**
   * (household, source, region) rows the overlaps count: the matched lines of the lists, and — when a period is
   * given — that period's approved recipients, one source per programme (`kpm:<code>`).
   */
  #named(f: Pick<OverlapFilter, 'sourceIds' | 'recipientsPeriod'>) {
    const lists = f.sourceIds.length
      ? sql`select household_id, text(source_id) as source_id, region_code, 1 as is_list
          from aid_source_entries where household_id is not null and source_id in (${sql.join(f.sourceIds)})`
      : sql`select household_id, text(source_id) as source_id, region_code, 1 as is_list
          from aid_source_entries where 1 = 0`;
    if (f.recipientsPeriod === null) return lists;
    return sql`${lists} union all
      select household_id, ${sql.lit(KPM_PREFIX)} || programme_code, village_code, 0 from recipients
      where period = ${f.recipientsPeriod}`;
  }

  /**
   * Households named by at least `minSources` sources, at least one of them an imported list (households
   * receiving several programmes of the ministry are the rule, not a finding), within the territory and region.
   */
  #overlapGroups(f: OverlapFilter) {
    const inScope = (code: string) =>
      code === '' ? sql`1 = 1` : sql`(n.region_code = ${code} or n.region_code like ${`${code}.%`})`;
    return sql`
      select n.household_id, count(distinct n.source_id) as sources
      from (${this.#named(f)}) n
      where ${inScope(f.territory)} and ${inScope(f.region)}
        ${
          f.sourceId === undefined
            ? sql``
            : sql`and n.household_id in (select s.household_id from aid_source_entries s
                where s.source_id = ${f.sourceId} and s.household_id is not null)`
        }
        ${f.afterHouseholdId === undefined ? sql`` : sql`and n.household_id > ${f.afterHouseholdId}`}
      group by n.household_id
      having count(distinct n.source_id) >= ${f.minSources} and max(n.is_list) = 1`;
  }

  /** Households in at least `minSources` sources, in household id order (one keyset page). */
  async overlapPage(db: Kysely<DB>, f: OverlapFilter) {
    if (!f.sourceIds.length) return [];
    const rows = await sql<{ householdId: string; sources: number | string }>`
      ${this.#overlapGroups(f)} order by n.household_id limit ${f.limit ?? 100}`.execute(db);
    return rows.rows.map((r) => ({ householdId: r.householdId, sources: Number(r.sources) }));
  }

  /** How many households are in 2, 3, … sources (with the same filters). */
  async overlapDistribution(db: Kysely<DB>, f: OverlapFilter) {
    if (!f.sourceIds.length) return [];
    const rows = await sql<{ sources: number | string; n: number | string }>`
      select g.sources, count(*) as n from (${this.#overlapGroups({ ...f, afterHouseholdId: undefined })}) g
      group by g.sources order by g.sources`.execute(db);
    return rows.rows.map((r) => ({ sources: Number(r.sources), households: Number(r.n) }));
  }

  /** For these households: each source (list id, or `kpm:<programme>`) that names them. */
  async sourcesOf(
    db: Kysely<DB>,
    householdIds: string[],
    f: Pick<OverlapFilter, 'sourceIds' | 'recipientsPeriod'>,
  ) {
    if (!householdIds.length) return [];
    const rows = await sql<{ householdId: string; sourceId: string }>`
      select distinct n.household_id, n.source_id from (${this.#named(f)}) n
      where n.household_id in (${sql.join(householdIds)})`.execute(db);
    return rows.rows;
  }

  /** The newest period with approved recipients (null: none yet). */
  async latestRecipientsPeriod(db: Kysely<DB>): Promise<string | null> {
    const r = await db
      .selectFrom('recipients')
      .select((eb) => eb.fn.max('period').as('period'))
      .executeTakeFirst();
    return (r?.period as string | null | undefined) ?? null;
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

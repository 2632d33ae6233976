/**
 * The SQL of penetapan. The determination itself is a handful of set-based statements (`insert … select`)
 * that run unchanged on SQLite and PostgreSQL: no rows travel through the application, so a million
 * households cost the database's time, not Node's memory. `string_agg(… order by …)` is standard on
 * PostgreSQL and exists in SQLite since 3.44 (node:sqlite ships a newer one).
 */
import { type Expression, type Insertable, type Kysely, sql } from 'kysely';
import { refreshStatistics } from '../../db/bulk-insert.ts';
import type { DbEngine } from '../../db/dialect.ts';
import type { DB, PeriodRow } from '../../db/schema/index.ts';
import type { RegionColumn } from '../access/actor.ts';

type PeriodRegionCountRow = Insertable<DB['periodRegionCounts']>;

/** What a snapshot row copies from the household, or from the previous period's snapshot row. */
const SNAPSHOT_COPIED = ['provinceCode', 'regencyCode', 'villageCode', 'version', 'memberCount'] as const;
const SNAPSHOT_COLUMNS = ['period', 'householdId', ...SNAPSHOT_COPIED] as const;
const CHANGE_COLUMNS = [
  'period',
  'householdId',
  'provinceCode',
  'regencyCode',
  'change',
  'fromVersion',
  'toVersion',
  'reason',
] as const;

export type ChangeKind = 'added' | 'removed' | 'changed';

export interface DiffFilter {
  change?: ChangeKind;
  scope: { column: RegionColumn; value: string } | null;
  afterId?: string;
  limit: number;
}

/** The reasons of a household's versions in (from, to], oldest first: "update: verivali 2026-03; remove: Died". */
function reasonsBetween(householdRef: string, fromVersion: string | null, toVersion: string | null) {
  const id = sql.ref(householdRef);
  return sql<
    string | null
  >`(select substr(string_agg(rv.change_type || coalesce(': ' || rv.reason, ''), '; ' order by rv.version), 1, 500)
    from record_versions rv
    where rv.entity_id = ${id} and rv.entity_type = 'household'
      ${fromVersion ? sql`and rv.version > ${sql.ref(fromVersion)}` : sql``}
      ${toVersion ? sql`and rv.version <= ${sql.ref(toVersion)}` : sql``})`;
}

export class PenetapanRepository {
  readonly #engine: DbEngine;

  constructor(engine: DbEngine) {
    this.#engine = engine;
  }

  /** Fresh planner statistics for a table that just received a period's rows (where the engine needs it). */
  async refreshStatistics(db: Kysely<DB>, table: 'snapshot_households' | 'snapshot_changes'): Promise<void> {
    await refreshStatistics(db, this.#engine, table);
  }

  findPeriod(db: Kysely<DB>, period: string): Promise<PeriodRow | undefined> {
    return db.selectFrom('periods').selectAll().where('period', '=', period).executeTakeFirst();
  }

  listPeriods(db: Kysely<DB>): Promise<PeriodRow[]> {
    return db.selectFrom('periods').selectAll().orderBy('period', 'desc').execute();
  }

  /**
   * Claims the period for determination: makes sure its row exists, then takes the row's write lock with a
   * no-op update. A concurrent determination of the same period waits here (PostgreSQL row lock; SQLite
   * has one connection and serialises transactions) until the first one commits, then reads its result.
   */
  async claimPeriod(db: Kysely<DB>, period: string, now: string): Promise<PeriodRow> {
    await db
      .insertInto('periods')
      .values({ period, state: 'open', createdAt: now })
      .onConflict((oc) => oc.column('period').doNothing())
      .execute();
    await db
      .updateTable('periods')
      .set((eb) => ({ state: eb.ref('state') }))
      .where('period', '=', period)
      .execute();
    return (await this.findPeriod(db, period))!;
  }

  latestDeterminedBefore(db: Kysely<DB>, period: string): Promise<string | undefined> {
    return this.#latestDetermined(db, '<', period);
  }

  latestDeterminedAfter(db: Kysely<DB>, period: string): Promise<string | undefined> {
    return this.#latestDetermined(db, '>', period);
  }

  #latestDetermined(db: Kysely<DB>, side: '<' | '>', period: string): Promise<string | undefined> {
    return db
      .selectFrom('periods')
      .select('period')
      .where('state', '=', 'determined')
      .where('period', side, period)
      .orderBy('period', 'desc')
      .limit(1)
      .executeTakeFirst()
      .then((r) => r?.period);
  }

  /** The next decree number: one more than the highest so far (1 for the first). */
  async nextSkSequence(db: Kysely<DB>): Promise<number> {
    const r = await db
      .selectFrom('periods')
      .select((eb) => eb.fn.max('skSequence').as('n'))
      .executeTakeFirst();
    return Number(r?.n ?? 0) + 1;
  }

  submittedRegencies(db: Kysely<DB>, period: string) {
    return db
      .selectFrom('submissions')
      .select(['id', 'regencyCode', 'version'])
      .where('period', '=', period)
      .where('state', '=', 'submitted')
      .orderBy('regencyCode')
      .execute();
  }

  /**
   * The snapshot rows: the current active households of every regency with a submitted submission, and,
   * for every other regency, its rows of the previous determined period unchanged.
   */
  async insertSnapshot(db: Kysely<DB>, period: string, previous: string | undefined): Promise<void> {
    const submitted = db
      .selectFrom('submissions')
      .select('regencyCode')
      .where('period', '=', period)
      .where('state', '=', 'submitted');
    const append = (rows: Expression<unknown>) =>
      db.insertInto('snapshotHouseholds').columns(SNAPSHOT_COLUMNS).expression(rows).execute();
    await append(
      db
        .selectFrom('households')
        .select((eb) => [eb.val(period).as('period'), 'id', ...SNAPSHOT_COPIED])
        .where('status', '=', 'active')
        // A correlated EXISTS, not `regency_code in (…)`: the households are read in one sequential pass
        // (in insertion order, which for UUIDv7 ids is id order, so the rows append to the snapshot's key)
        // instead of one index lookup per household.
        .where(({ exists, selectFrom }) =>
          exists(
            selectFrom('submissions as s')
              .select('s.id')
              .where('s.period', '=', period)
              .where('s.state', '=', 'submitted')
              .whereRef('s.regencyCode', '=', 'households.regencyCode'),
          ),
        ),
    );
    if (previous === undefined) return;
    await append(
      db
        .selectFrom('snapshotHouseholds')
        .select((eb) => [eb.val(period).as('period'), 'householdId', ...SNAPSHOT_COPIED])
        .where('period', '=', previous)
        .where('regencyCode', 'not in', submitted)
        .orderBy('householdId'),
    );
  }

  /** The diff against the previous determined period, each change with the reasons recorded in between. */
  async insertChanges(db: Kysely<DB>, period: string, previous: string | undefined): Promise<void> {
    const append = (rows: Expression<unknown>) =>
      db.insertInto('snapshotChanges').columns(CHANGE_COLUMNS).expression(rows).execute();
    await append(
      db
        .selectFrom('snapshotHouseholds as c')
        .select((eb) => [
          eb.val(period).as('period'),
          'c.householdId',
          'c.provinceCode',
          'c.regencyCode',
          sql<string>`'added'`.as('change'),
          sql<number | null>`null`.as('fromVersion'),
          'c.version',
          // The first determination has no earlier determined state to explain against: every household
          // is new to it (its history stays in record_versions). Later, an added household's reason is
          // its history up to the determined version (e.g. "create: usulan baru 2026-04 (…)").
          previous === undefined
            ? sql<string>`'penetapan pertama'`.as('reason')
            : reasonsBetween('c.household_id', null, 'c.version').as('reason'),
        ])
        .where('c.period', '=', period)
        .$if(previous !== undefined, (q) =>
          q.where(({ not, exists, selectFrom }) =>
            not(
              exists(
                selectFrom('snapshotHouseholds as p')
                  .select('p.householdId')
                  .where('p.period', '=', previous!)
                  .whereRef('p.householdId', '=', 'c.householdId'),
              ),
            ),
          ),
        ),
    );
    if (previous === undefined) return;
    await append(
      db
        .selectFrom('snapshotHouseholds as p')
        .innerJoin('households as h', 'h.id', 'p.householdId')
        .select((eb) => [
          eb.val(period).as('period'),
          'p.householdId',
          'p.provinceCode',
          'p.regencyCode',
          sql<string>`'removed'`.as('change'),
          'p.version',
          sql<number | null>`null`.as('toVersion'),
          sql<string>`coalesce(h.removal_reason || ': ', '') || coalesce(${reasonsBetween('p.household_id', 'p.version', null)}, '')`.as(
            'reason',
          ),
        ])
        .where('p.period', '=', previous)
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('snapshotHouseholds as c')
                .select('c.householdId')
                .where('c.period', '=', period)
                .whereRef('c.householdId', '=', 'p.householdId'),
            ),
          ),
        ),
    );
    await append(
      db
        .selectFrom('snapshotHouseholds as c')
        .innerJoin('snapshotHouseholds as p', (j) =>
          j.onRef('p.householdId', '=', 'c.householdId').on('p.period', '=', previous),
        )
        .select((eb) => [
          eb.val(period).as('period'),
          'c.householdId',
          'c.provinceCode',
          'c.regencyCode',
          sql<string>`'changed'`.as('change'),
          'p.version',
          'c.version',
          reasonsBetween('c.household_id', 'p.version', 'c.version').as('reason'),
        ])
        .where('c.period', '=', period)
        .whereRef('c.version', '<>', 'p.version'),
    );
  }

  /**
   * Materialises the counts per regency (households, persons, added, removed, changed) and per village: two GROUP BYs of at
   * most a few thousand rows, merged here, one insert.
   */
  async insertRegionCounts(db: Kysely<DB>, period: string, submitted: string[]): Promise<void> {
    const households = await db
      .selectFrom('snapshotHouseholds')
      .select((eb) => [
        'regencyCode',
        'provinceCode',
        eb.fn.countAll<number>().as('households'),
        eb.fn.sum<number>('memberCount').as('persons'),
      ])
      .where('period', '=', period)
      .groupBy(['regencyCode', 'provinceCode'])
      .execute();
    const changes = await db
      .selectFrom('snapshotChanges')
      .select((eb) => ['regencyCode', 'provinceCode', 'change', eb.fn.countAll<number>().as('n')])
      .where('period', '=', period)
      .groupBy(['regencyCode', 'provinceCode', 'change'])
      .execute();
    const isSubmitted = new Set(submitted);
    const rows = new Map<string, PeriodRegionCountRow>();
    const row = (regencyCode: string, provinceCode: string) => {
      let r = rows.get(regencyCode);
      if (!r) {
        r = {
          period,
          regencyCode,
          provinceCode,
          households: 0,
          persons: 0,
          added: 0,
          removed: 0,
          changed: 0,
          submitted: isSubmitted.has(regencyCode) ? 1 : 0,
        };
        rows.set(regencyCode, r);
      }
      return r;
    };
    for (const h of households) {
      const r = row(h.regencyCode, h.provinceCode);
      r.households = Number(h.households);
      r.persons = Number(h.persons);
    }
    // A regency whose every household left DTKS this period still has a line (with zero households).
    for (const c of changes) row(c.regencyCode, c.provinceCode)[c.change] = Number(c.n);
    const all = [...rows.values()];
    for (let i = 0; i < all.length; i += 1000) {
      await db
        .insertInto('periodRegionCounts')
        .values(all.slice(i, i + 1000))
        .execute();
    }
    // Per village too (the public statistics below the regency): one INSERT … SELECT GROUP BY.
    await db
      .insertInto('periodVillageCounts')
      .columns(['regencyCode', 'period', 'villageCode', 'households', 'persons'])
      .expression((eb) =>
        eb
          .selectFrom('snapshotHouseholds')
          .select((s) => [
            'regencyCode',
            'period',
            'villageCode',
            s.fn.countAll<number>().as('households'),
            s.fn.sum<number>('memberCount').as('persons'),
          ])
          .where('period', '=', period)
          .groupBy(['regencyCode', 'period', 'villageCode']),
      )
      .execute();
  }

  regionCounts(db: Kysely<DB>, period: string, provinceCode?: string, regencyCode?: string) {
    return db
      .selectFrom('periodRegionCounts')
      .selectAll()
      .where('period', '=', period)
      .$if(provinceCode !== undefined, (q) => q.where('provinceCode', '=', provinceCode!))
      .$if(regencyCode !== undefined, (q) => q.where('regencyCode', '=', regencyCode!))
      .orderBy('regencyCode')
      .execute();
  }

  async totals(db: Kysely<DB>, period: string) {
    const r = await db
      .selectFrom('periodRegionCounts')
      .select((eb) => [
        eb.fn.coalesce(eb.fn.sum<number>('households'), sql<number>`0`).as('households'),
        eb.fn.coalesce(eb.fn.sum<number>('persons'), sql<number>`0`).as('persons'),
        eb.fn.coalesce(eb.fn.sum<number>('added'), sql<number>`0`).as('added'),
        eb.fn.coalesce(eb.fn.sum<number>('removed'), sql<number>`0`).as('removed'),
        eb.fn.coalesce(eb.fn.sum<number>('changed'), sql<number>`0`).as('changed'),
      ])
      .where('period', '=', period)
      .executeTakeFirstOrThrow();
    return {
      households: Number(r.households),
      persons: Number(r.persons),
      added: Number(r.added),
      removed: Number(r.removed),
      changed: Number(r.changed),
    };
  }

  /**
   * One keyset page of the snapshot in household id order as text, `<id>:<version>` lines joined by the
   * database (one string per page instead of thousands of row objects): what the checksum is computed over.
   * `text(id)`: the id's canonical string on both engines (a blob on SQLite, src/db/uuid-blob.ts).
   */
  async snapshotPage(
    db: Kysely<DB>,
    period: string,
    afterId: string | null,
    limit: number,
  ): Promise<{ rows: number; text: string | null }> {
    const page = db
      .selectFrom('snapshotHouseholds')
      .select(['householdId', 'version'])
      .where('period', '=', period)
      .$if(afterId !== null, (q) => q.where('householdId', '>', afterId!))
      .orderBy('householdId')
      .limit(limit)
      .as('page');
    const r = await db
      .selectFrom(page)
      .select((eb) => [
        eb.fn.countAll<number>().as('rows'),
        sql<
          string | null
        >`string_agg(text(${sql.ref('page.householdId')}) || ':' || ${sql.ref('page.version')}, ${'\n'} order by ${sql.ref('page.householdId')})`.as(
          'text',
        ),
      ])
      .executeTakeFirstOrThrow();
    return { rows: Number(r.rows), text: r.text };
  }

  async markDetermined(db: Kysely<DB>, period: string, patch: Partial<PeriodRow>): Promise<void> {
    await db.updateTable('periods').set(patch).where('period', '=', period).execute();
  }

  approvedUsulanIn(db: Kysely<DB>, regencyCodes: string[], period: string) {
    if (!regencyCodes.length) return Promise.resolve([]);
    return db
      .selectFrom('usulan')
      .select(['id', 'regencyCode'])
      .where('regencyCode', 'in', regencyCodes)
      .where('state', '=', 'approved')
      .where('period', '<=', period)
      .orderBy('id')
      .execute();
  }

  /** Moves every submitted submission of the period to `determined` in one statement. */
  async determineSubmissions(
    db: Kysely<DB>,
    period: string,
    patch: { state: string; updatedAt: string; updatedBy: string | null },
  ): Promise<void> {
    await db
      .updateTable('submissions')
      .set((eb) => ({ ...patch, version: eb('version', '+', 1) }))
      .where('period', '=', period)
      .where('state', '=', 'submitted')
      .execute();
  }

  /**
   * A household's row in a period's snapshot, with the village it lives in now (`villageCode`, the
   * household's, which decides who may read it) beside the village the period recorded
   * (`periodVillageCode`).
   */
  snapshotRow(db: Kysely<DB>, period: string, householdId: string) {
    return db
      .selectFrom('snapshotHouseholds as s')
      .innerJoin('households as h', 'h.id', 's.householdId')
      .select(['s.version', 's.villageCode as periodVillageCode', 'h.villageCode'])
      .where('s.period', '=', period)
      .where('s.householdId', '=', householdId)
      .executeTakeFirst();
  }

  versionSnapshot(db: Kysely<DB>, householdId: string, version: number) {
    return db
      .selectFrom('recordVersions')
      .select(['snapshot', 'changedAt'])
      .where('entityId', '=', householdId)
      .where('version', '=', version)
      .where('entityType', '=', 'household')
      .executeTakeFirst();
  }

  /** A page of the diff, in household id order, with the household's KK, head and village for display. */
  diff(db: Kysely<DB>, period: string, f: DiffFilter) {
    return db
      .selectFrom('snapshotChanges as sc')
      .innerJoin('households as h', 'h.id', 'sc.householdId')
      .select([
        'sc.householdId',
        'sc.change',
        'sc.fromVersion',
        'sc.toVersion',
        'sc.reason',
        'sc.regencyCode',
        'h.villageCode',
        'h.kkNumber',
        'h.headName',
      ])
      .where('sc.period', '=', period)
      .$if(f.change !== undefined, (q) => q.where('sc.change', '=', f.change!))
      .$if(f.scope !== null, (q) => q.where(`h.${f.scope!.column}`, '=', f.scope!.value))
      .$if(f.afterId !== undefined, (q) => q.where('sc.householdId', '>', f.afterId!))
      .orderBy('sc.householdId')
      .limit(f.limit)
      .execute();
  }
}

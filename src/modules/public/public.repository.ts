import { type Kysely, sql } from 'kysely';
import { preparedQuery } from '../../db/prepared.ts';
import type { DB } from '../../db/schema/index.ts';
import type { AbuseReportTable, PublicCheckTable } from '../../db/schema/public.table.ts';

/** A person as the public check reads them: nothing but what it may show (masked) and match on. */
export interface PublicPersonRow {
  name: string;
  birthDate: string;
  villageCode: string;
  householdId: string;
}

/**
 * The check's one read, compiled once (bench/results/public-status.md: building and compiling it with
 * Kysely on every check cost more than running it).
 */
const personByNikQuery = preparedQuery((db, nik: string, period: string) =>
  activeInSnapshot(db, period).where('p.nik', '=', nik),
);

/** The same for several NIKs in one statement (PostgreSQL: `= any($2)`, a text array), each row with its NIK. */
const personsByNiksQuery = preparedQuery((db, period: string, niks: readonly string[]) =>
  activeInSnapshot(db, period).select('p.nik as registryNik').where('p.nik', '=', sql<string>`any(${niks})`),
);

/**
 * The active holder of a NIK (`persons` by its unique index of active NIKs, migration 082: what the view
 * `nik_registry` lists, without joining persons to itself) if their household is in the period's snapshot.
 * `status` is a literal so that both planners see the partial index applies.
 */
function activeInSnapshot(db: Kysely<DB>, period: string) {
  return db
    .selectFrom('persons as p')
    .innerJoin('snapshotHouseholds as s', (j) =>
      j.onRef('s.householdId', '=', 'p.householdId').on('s.period', '=', period),
    )
    .select(['p.name', 'p.birthDate', 'p.villageCode', 'p.householdId'])
    .where('p.status', '=', sql.lit('active'));
}

export class PublicRepository {
  /**
   * Where a look-up is a round trip (PostgreSQL), the checks' NIK reads that arrive together are read in one
   * statement (`personsByNiks`, through GroupedRead); on SQLite each is one call into the library.
   */
  readonly groupsLookups: boolean;

  constructor(opts: { groupsLookups?: boolean } = {}) {
    this.groupsLookups = opts.groupsLookups ?? false;
  }

  /** The latest determined period, or null before the first penetapan. */
  async latestPeriod(db: Kysely<DB>): Promise<string | null> {
    const row = await db
      .selectFrom('periods')
      .select('period')
      .where('state', '=', 'determined')
      .orderBy('period', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row?.period ?? null;
  }

  /**
   * The active holder of `nik` if their household is in `period`'s determined snapshot. One query, the same
   * for every NIK: an existing NIK whose name will not match costs what an absent one does.
   */
  async personByNik(db: Kysely<DB>, nik: string, period: string): Promise<PublicPersonRow | undefined> {
    const [row] = await personByNikQuery(db, nik, period);
    return row;
  }

  /**
   * `personByNik` for several NIKs (distinct) of one period in one statement, by NIK; a NIK without an active
   * holder in the snapshot is left out. Only where look-ups are gathered (`groupsLookups`).
   */
  async personsByNiks(
    db: Kysely<DB>,
    period: string,
    niks: readonly string[],
  ): Promise<Map<string, PublicPersonRow>> {
    const rows = await personsByNiksQuery(db, period, niks);
    return new Map(rows.map(({ registryNik, ...row }) => [registryNik, row]));
  }

  /** Active people of a village whose households are in `period`'s snapshot (names are matched by the caller). */
  async peopleOfVillage(db: Kysely<DB>, villageCode: string, period: string): Promise<PublicPersonRow[]> {
    return db
      .selectFrom('households as h')
      .innerJoin('snapshotHouseholds as s', (j) =>
        j.onRef('s.householdId', '=', 'h.id').on('s.period', '=', period),
      )
      .innerJoin('persons as p', 'p.householdId', 'h.id')
      .select(['p.name', 'p.birthDate', 'p.villageCode', 'p.householdId'])
      .where('h.villageCode', '=', villageCode)
      .where('h.status', '=', 'active')
      .where('p.status', '=', 'active')
      .execute();
  }

  async insertChecks(db: Kysely<DB>, rows: PublicCheckTable[]): Promise<void> {
    await db.insertInto('publicChecks').values(rows).execute();
  }

  /** Deletes up to `batch` check-log rows older than `before`; how many went. */
  async pruneChecks(db: Kysely<DB>, before: string, batch: number): Promise<number> {
    const ids = db
      .selectFrom('publicChecks')
      .select('id')
      .where('checkedAt', '<', before)
      .orderBy('checkedAt')
      .limit(batch);
    const r = await db.deleteFrom('publicChecks').where('id', 'in', ids).executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  /** Counts one more of a suspicious pattern in its hour (one row per kind, subject and hour). */
  async countAbuse(db: Kysely<DB>, row: AbuseReportTable): Promise<void> {
    await db
      .insertInto('abuseReports')
      .values(row)
      .onConflict((oc) =>
        oc.columns(['kind', 'subjectHash', 'hour']).doUpdateSet({
          count: sql`abuse_reports.count + 1`,
          lastAt: row.lastAt,
        }),
      )
      .execute();
  }

  async abuseReports(
    db: Kysely<DB>,
    q: {
      scope: {
        column: 'provinceCode' | 'regencyCode' | 'districtCode' | 'villageCode';
        value: string;
      } | null;
      since: string;
      limit: number;
    },
  ) {
    let query = db
      .selectFrom('abuseReports')
      .selectAll()
      .where('lastAt', '>=', q.since)
      .orderBy('lastAt', 'desc')
      .limit(q.limit);
    if (q.scope) query = query.where(q.scope.column, '=', q.scope.value);
    return query.execute();
  }

  /** DTKS size per regency of the newest `limit` determined periods (the statistics' upper levels). */
  async regencyCountsByPeriod(db: Kysely<DB>, limit: number) {
    const periods = db
      .selectFrom('periods')
      .select('period')
      .where('state', '=', 'determined')
      .orderBy('period', 'desc')
      .limit(limit);
    const rows = await db
      .selectFrom('periodRegionCounts')
      .select(['period', 'provinceCode', 'regencyCode', 'households', 'persons'])
      .where('period', 'in', periods)
      .execute();
    return rows.map((r) => ({ ...r, households: Number(r.households), persons: Number(r.persons) }));
  }

  /**
   * DTKS size per kecamatan (PP.RR.DD) of every regency, for these periods, with its largest village's:
   * a kecamatan whose villages all count 1 has its own total hidden on every page (`hiddenFromBelow`).
   */
  async kecamatanCounts(db: Kysely<DB>, periods: string[]) {
    if (!periods.length) return [];
    const kecamatan = sql<string>`substr(${sql.ref('villageCode')}, 1, 8)`;
    const rows = await db
      .selectFrom('periodVillageCounts')
      .select([
        'period',
        'regencyCode',
        kecamatan.as('kecamatanCode'),
        (eb) => eb.fn.sum<number>('households').as('households'),
        (eb) => eb.fn.max<number>('households').as('largestVillage'),
      ])
      .where('period', 'in', periods)
      .groupBy(['period', 'regencyCode', kecamatan])
      .execute();
    return rows.map((r) => ({
      ...r,
      households: Number(r.households),
      largestVillage: Number(r.largestVillage),
    }));
  }

  /** DTKS size per village of one regency, for these periods (migration 064). */
  async villageCounts(db: Kysely<DB>, regencyCode: string, periods: string[]) {
    if (!periods.length) return [];
    const rows = await db
      .selectFrom('periodVillageCounts')
      .select(['period', 'villageCode', 'households', 'persons'])
      .where('regencyCode', '=', regencyCode)
      .where('period', 'in', periods)
      .execute();
    return rows.map((r) => ({ ...r, households: Number(r.households), persons: Number(r.persons) }));
  }
}

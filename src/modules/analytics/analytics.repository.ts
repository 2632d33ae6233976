/**
 * The only SQL of targeting analytics: grouped counts over a ranking run's results (households per decile,
 * per child region, per province; decile movement between two runs) and the drill-down page of households.
 * Every query is limited to one region, expressed on the result's own region columns.
 */
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { DB } from '../../db/schema/index.ts';
import {
  EXCLUSION_DECILE_TO,
  INCLUSION_DECILE_FROM,
  MEMBER_EXCLUSION_CODES,
} from '../../domain/targeting/aggregates.ts';

export interface Run {
  period: string;
  modelVersion: string;
}

/** The rows of `alias` at or below `code` (level 0–4). */
function inRegion(alias: string, code: string): RawBuilder<boolean> {
  const col = (c: string) => sql.ref(`${alias}.${c}`);
  switch (code === '' ? 0 : code.split('.').length) {
    case 0:
      return sql<boolean>`1 = 1`;
    case 1:
      return sql<boolean>`${col('province_code')} = ${code}`;
    case 2:
      return sql<boolean>`${col('regency_code')} = ${code}`;
    case 3:
      return sql<boolean>`${col('village_code')} like ${`${code}.%`}`;
    default:
      return sql<boolean>`${col('village_code')} = ${code}`;
  }
}

/** The code of the child region one level below `code` a result lies in (null for a village: no children). */
function childOf(alias: string, code: string): RawBuilder<string> | null {
  const col = (c: string) => sql.ref(`${alias}.${c}`);
  switch (code === '' ? 0 : code.split('.').length) {
    case 0:
      return sql<string>`${col('province_code')}`;
    case 1:
      return sql<string>`${col('regency_code')}`;
    case 2:
      // District codes are PP.KK.CC: the village code's first 8 characters.
      return sql<string>`substr(${col('village_code')}, 1, 8)`;
    case 3:
      return sql<string>`${col('village_code')}`;
    default:
      return null;
  }
}

/** Which deciles a histogram, a movement or a drill-down counts in: national, or within each province/regency. */
export type DecileScope = 'national' | 'province' | 'regency';

/** The decile column of `alias` for a scope. */
function decileCol(alias: string, scope: DecileScope): RawBuilder<number> {
  return sql<number>`${sql.ref(`${alias}.decile_${scope}`)}`;
}

/** Which likely-error list a drill-down asks for (docs/analytics.md). */
export type TargetingError = 'inclusion' | 'exclusion';

/** A household of `r` receives something in the run's period (any programme). */
const receives = sql<boolean>`exists (select 1 from recipients x where x.period = r.period and x.household_id = r.household_id)`;

/** The likely-error condition on a ranking result `r` (see src/domain/targeting/aggregates.ts). */
function errorCondition(error: TargetingError): RawBuilder<boolean> {
  if (error === 'exclusion') {
    return sql<boolean>`(r.decile_national <= ${EXCLUSION_DECILE_TO} and not ${receives})`;
  }
  const member = sql.join(
    MEMBER_EXCLUSION_CODES.map((c) => sql`c.codes like ${`%"${c}"%`}`),
    sql` or `,
  );
  return sql<boolean>`(${receives} and (r.decile_national >= ${INCLUSION_DECILE_FROM} or exists (
    select 1 from recipient_runs u join recipient_candidates c on c.run_id = u.id and c.household_id = r.household_id
    where u.regency_code = r.regency_code and u.period = r.period and (${member}))))`;
}

export class AnalyticsRepository {
  /** Approved recipients and their amounts per (child region, programme) of a period within `region`. */
  async programmeGroups(db: Kysely<DB>, period: string, region: string) {
    const child = childOf('x', region) ?? sql<string>`${region}`;
    const rows = await sql<{
      regionCode: string;
      programmeCode: string;
      households: number | string;
      amount: number | string;
    }>`
      select ${child} as region_code, x.programme_code, count(*) as households, sum(x.amount) as amount
      from recipients x
      where x.period = ${period} and ${inRegion('x', region)}
      group by ${child}, x.programme_code`.execute(db);
    return rows.rows.map((r) => ({
      regionCode: r.regionCode,
      programmeCode: r.programmeCode,
      households: Number(r.households),
      amount: Number(r.amount),
    }));
  }

  /** Households of the run within `region` on each likely-error list. */
  async errorCounts(db: Kysely<DB>, run: Run, region: string): Promise<Record<TargetingError, number>> {
    const count = async (error: TargetingError) => {
      const r = await sql<{ n: number | string }>`
        select count(*) as n from ranking_results r
        where r.period = ${run.period} and r.model_version = ${run.modelVersion} and ${inRegion('r', region)}
          and ${errorCondition(error)}`.execute(db);
      return Number(r.rows[0]?.n ?? 0);
    };
    return { inclusion: await count('inclusion'), exclusion: await count('exclusion') };
  }

  /** Households per (child region, decile of the scope) of a run within `region`. */
  async decileGroups(db: Kysely<DB>, run: Run, region: string, scope: DecileScope = 'national') {
    const child = childOf('r', region) ?? sql<string>`${region}`;
    const decile = decileCol('r', scope);
    const rows = await sql<{ regionCode: string; decile: number | null; households: number | string }>`
      select ${child} as region_code, ${decile} as decile, count(*) as households
      from ranking_results r
      where r.period = ${run.period} and r.model_version = ${run.modelVersion} and ${inRegion('r', region)}
      group by ${child}, ${decile}`.execute(db);
    return rows.rows.map((r) => ({
      regionCode: r.regionCode,
      decile: Number(r.decile),
      households: Number(r.households),
    }));
  }

  /** Households of a run within `region` (for those that entered or left between two runs). */
  async total(db: Kysely<DB>, run: Run, region: string): Promise<number> {
    const r = await sql<{ n: number | string }>`
      select count(*) as n from ranking_results r
      where r.period = ${run.period} and r.model_version = ${run.modelVersion} and ${inRegion('r', region)}`.execute(
      db,
    );
    return Number(r.rows[0]?.n ?? 0);
  }

  /** (previous decile, current decile) counts of households ranked in both runs, placed by the current run. */
  async movementGroups(db: Kysely<DB>, current: Run, previous: Run, region: string, scope: DecileScope) {
    const from = decileCol('p', scope);
    const to = decileCol('c', scope);
    const rows = await sql<{ from: number; to: number; households: number | string }>`
      select ${from} as "from", ${to} as "to", count(*) as households
      from ranking_results c
      join ranking_results p on p.household_id = c.household_id
        and p.period = ${previous.period} and p.model_version = ${previous.modelVersion}
      where c.period = ${current.period} and c.model_version = ${current.modelVersion} and ${inRegion('c', region)}
      group by ${from}, ${to}`.execute(db);
    return rows.rows.map((r) => ({
      from: Number(r.from),
      to: Number(r.to),
      households: Number(r.households),
    }));
  }

  /**
   * One keyset page (household id order) of the run's households within `region`, optionally of one decile and
   * one previous decile, with the household's KK number, head and village as DTKS holds them now.
   */
  async householdPage(
    db: Kysely<DB>,
    q: {
      run: Run;
      previous: Run | null;
      region: string;
      scope: DecileScope;
      decile?: number;
      previousDecile?: number;
      error?: TargetingError;
      afterId?: string;
      limit: number;
    },
  ) {
    const prev = q.previous;
    const decile = decileCol('r', q.scope);
    const previousDecile = decileCol('p', q.scope);
    const rows = await sql<{
      householdId: string;
      kkNumber: string;
      headName: string;
      villageCode: string;
      score: number;
      decile: number;
      previousDecile: number | null;
    }>`
      select r.household_id, h.kk_number, h.head_name, r.village_code, r.score,
        ${decile} as decile, ${prev ? previousDecile : sql`null`} as previous_decile
      from ranking_results r
      join households h on h.id = r.household_id
      ${
        prev
          ? sql`left join ranking_results p on p.household_id = r.household_id
              and p.period = ${prev.period} and p.model_version = ${prev.modelVersion}`
          : sql``
      }
      where r.period = ${q.run.period} and r.model_version = ${q.run.modelVersion} and ${inRegion('r', q.region)}
        ${q.decile !== undefined ? sql`and ${decile} = ${q.decile}` : sql``}
        ${q.previousDecile !== undefined && prev ? sql`and ${previousDecile} = ${q.previousDecile}` : sql``}
        ${q.error !== undefined ? sql`and ${errorCondition(q.error)}` : sql``}
        ${q.afterId !== undefined ? sql`and r.household_id > ${q.afterId}` : sql``}
      order by r.household_id
      limit ${q.limit}`.execute(db);
    return rows.rows.map((r) => ({
      ...r,
      score: Number(r.score),
      decile: Number(r.decile),
      previousDecile: r.previousDecile === null ? null : Number(r.previousDecile),
    }));
  }
}

import type { Kysely } from 'kysely';
import type { DB, IneligibleTable, ProgrammeOptOutRow, ProgrammeOptOutTable } from '../../db/schema/index.ts';
import type { RegionColumn } from '../access/actor.ts';

/** A declaration as listed; also its GROUP BY, since each row counts the household's members. */
const DECLARATION = [
  'ineligibleRegistry.householdId',
  'ineligibleRegistry.kkNumber',
  'ineligibleRegistry.period',
  'ineligibleRegistry.reason',
  'ineligibleRegistry.declaredAt',
  'households.villageCode',
  'households.headName',
] as const;

export class EligibilityRepository {
  async insert(db: Kysely<DB>, rows: IneligibleTable[]): Promise<void> {
    if (rows.length) await db.insertInto('ineligibleRegistry').values(rows).execute();
  }

  /** Marks a household's standing declarations lifted; answers how many NIKs were freed. */
  async lift(
    db: Kysely<DB>,
    householdId: string,
    lift: { at: string; by: string | null; reason: string },
  ): Promise<number> {
    const r = await db
      .updateTable('ineligibleRegistry')
      .set({ liftedAt: lift.at, liftedBy: lift.by, liftReason: lift.reason })
      .where('householdId', '=', householdId)
      .where('liftedAt', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows);
  }

  /** Households among `ids` with a standing (not lifted) declaration. */
  async standing(db: Kysely<DB>, ids: readonly string[]): Promise<Set<string>> {
    if (!ids.length) return new Set();
    const rows = await db
      .selectFrom('ineligibleRegistry')
      .select('householdId')
      .distinct()
      .where('householdId', 'in', ids)
      .where('liftedAt', 'is', null)
      .execute();
    return new Set(rows.map((r) => r.householdId));
  }

  /** Standing ineligible declarations of households in a region, newest first. */
  list(db: Kysely<DB>, scope: { column: RegionColumn; value: string } | null, limit: number) {
    const col = scope ? (`households.${scope.column}` as const) : null;
    return db
      .selectFrom('ineligibleRegistry')
      .innerJoin('households', 'households.id', 'ineligibleRegistry.householdId')
      .select(DECLARATION)
      .select((eb) => eb.fn.countAll<number>().as('persons'))
      .$if(col !== null, (q) => q.where(col!, '=', scope!.value))
      .where('ineligibleRegistry.liftedAt', 'is', null)
      .groupBy(DECLARATION)
      .orderBy('ineligibleRegistry.declaredAt', 'desc')
      .limit(limit)
      .execute();
  }

  async insertOptOut(db: Kysely<DB>, row: ProgrammeOptOutTable): Promise<void> {
    await db.insertInto('programmeOptOuts').values(row).execute();
  }

  /** A household's opt-outs, standing and withdrawn, newest first. */
  optOuts(db: Kysely<DB>, householdId: string): Promise<ProgrammeOptOutRow[]> {
    return db
      .selectFrom('programmeOptOuts')
      .selectAll()
      .where('householdId', '=', householdId)
      .orderBy('recordedAt', 'desc')
      .orderBy('id', 'desc')
      .execute();
  }

  /** Stamps a standing opt-out withdrawn; false when it is not (or no longer) standing. */
  async withdrawOptOut(
    db: Kysely<DB>,
    householdId: string,
    id: string,
    w: { at: string; by: string | null; reason: string; citizen?: string },
  ): Promise<boolean> {
    const r = await db
      .updateTable('programmeOptOuts')
      .set({
        withdrawnAt: w.at,
        withdrawnBy: w.by,
        withdrawReason: w.reason,
        withdrawnByCitizen: w.citizen ?? null,
      })
      .where('id', '=', id)
      .where('householdId', '=', householdId)
      .where('withdrawnAt', 'is', null)
      // A citizen withdraws only what was declared from the portal (a written request stays with the office).
      .$if(w.citizen !== undefined, (q) => q.where('citizenAccountId', 'is not', null))
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /** Households among `ids` with a standing opt-out of `programmeCode`. */
  async optedOut(db: Kysely<DB>, ids: readonly string[], programmeCode: string): Promise<Set<string>> {
    if (!ids.length) return new Set();
    const rows = await db
      .selectFrom('programmeOptOuts')
      .select('householdId')
      .where('householdId', 'in', ids)
      .where('programmeCode', '=', programmeCode)
      .where('withdrawnAt', 'is', null)
      .execute();
    return new Set(rows.map((r) => r.householdId));
  }

  /** Standing opt-outs of households among `ids` from programmes among `programmeCodes`. */
  optedOutOf(db: Kysely<DB>, ids: readonly string[], programmeCodes: readonly string[]) {
    if (!ids.length || !programmeCodes.length) return Promise.resolve([]);
    return db
      .selectFrom('programmeOptOuts')
      .select(['householdId', 'programmeCode'])
      .where('householdId', 'in', ids)
      .where('programmeCode', 'in', programmeCodes)
      .where('withdrawnAt', 'is', null)
      .execute();
  }

  /** Published programmes' documents (code and JSON), for the citizen's choice of programme. */
  publishedProgrammes(db: Kysely<DB>): Promise<{ code: string; document: string }[]> {
    return db
      .selectFrom('programmeVersions')
      .select(['code', 'document'])
      .where('state', '=', 'published')
      .orderBy('code')
      .execute();
  }

  async programmeExists(db: Kysely<DB>, code: string): Promise<boolean> {
    return (
      (await db.selectFrom('programmes').select('code').where('code', '=', code).executeTakeFirst()) !==
      undefined
    );
  }
}

import type { Kysely } from 'kysely';
import type { DB, MinimumWageRow, MinimumWageTable } from '../../db/schema/index.ts';

/** The regional minimum wages (UMP/UMK) reference table. */
export class WagesRepository {
  /** Figures of a province (its UMP and every UMK in it) or of everything, newest year first. */
  async list(db: Kysely<DB>, q: { provinceCode?: string; year?: number }): Promise<MinimumWageRow[]> {
    return db
      .selectFrom('minimumWages')
      .selectAll()
      .$if(q.provinceCode !== undefined, (b) => b.where('provinceCode', '=', q.provinceCode!))
      .$if(q.year !== undefined, (b) => b.where('year', '=', q.year!))
      .orderBy('year', 'desc')
      .orderBy('regionCode')
      .limit(10_000)
      .execute();
  }

  async find(db: Kysely<DB>, regionCode: string, year: number): Promise<MinimumWageRow | undefined> {
    return db
      .selectFrom('minimumWages')
      .selectAll()
      .where('regionCode', '=', regionCode)
      .where('year', '=', year)
      .executeTakeFirst();
  }

  async insert(db: Kysely<DB>, row: MinimumWageTable): Promise<void> {
    await db.insertInto('minimumWages').values(row).execute();
  }

  /** Updates the figure if it is still at `version`; false when someone changed it first. */
  async update(db: Kysely<DB>, row: MinimumWageTable, version: number): Promise<boolean> {
    const r = await db
      .updateTable('minimumWages')
      .set({
        monthlyAmount: row.monthlyAmount,
        decree: row.decree,
        version: row.version,
        updatedAt: row.updatedAt,
        updatedBy: row.updatedBy,
      })
      .where('regionCode', '=', row.regionCode)
      .where('year', '=', row.year)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }
}

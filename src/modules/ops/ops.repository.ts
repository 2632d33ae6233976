/** The queries of health checks and operational metrics. */
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema/index.ts';

export class OpsRepository {
  /** One round trip to the database. */
  async ping(db: Kysely<DB>): Promise<void> {
    await sql`select 1`.execute(db);
  }

  /**
   * Jobs by state, or null while the database has no `jobs` table (it comes with the job queue's migration;
   * until then the metric is simply absent).
   */
  async jobCounts(db: Kysely<DB>): Promise<{ state: string; n: number }[] | null> {
    try {
      const r = await sql<{
        state: string;
        n: number | string;
      }>`select state, count(*) as n from jobs group by state`.execute(db);
      return r.rows.map((row) => ({ state: row.state, n: Number(row.n) }));
    } catch {
      return null;
    }
  }
}

/** The queries of health checks and operational metrics. */
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema/index.ts';

export class OpsRepository {
  /** One round trip to the database. */
  async ping(db: Kysely<DB>): Promise<void> {
    await sql`select 1`.execute(db);
  }
}

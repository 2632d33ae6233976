import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema/index.ts';

export class SeedRepository {
  /** True when at least one household (in any state) is stored: a cheap probe, not a count. */
  async hasHouseholds(db: Kysely<DB>): Promise<boolean> {
    const row = await db.selectFrom('households').select('id').limit(1).executeTakeFirst();
    return row !== undefined;
  }
}

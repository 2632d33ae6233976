import type { Kysely } from 'kysely';
import type { DB, RecordVersionRow } from '../../db/schema/index.ts';

export interface VersionWithAuthor extends RecordVersionRow {
  /** Display name of the user who made the change; null for system changes or unknown users. */
  changedByName: string | null;
}

/** Version snapshots of the PPKS and PSKS registers (households keep their own, with member rows). */
export class RecordVersionsRepository {
  async insert(db: Kysely<DB>, row: RecordVersionRow): Promise<void> {
    await db.insertInto('recordVersions').values(row).execute();
  }

  list(db: Kysely<DB>, entityType: string, entityId: string): Promise<VersionWithAuthor[]> {
    return db
      .selectFrom('recordVersions')
      .leftJoin('users', 'users.id', 'recordVersions.changedBy')
      .selectAll('recordVersions')
      .select('users.displayName as changedByName')
      .where('recordVersions.entityId', '=', entityId)
      .where('recordVersions.entityType', '=', entityType)
      .orderBy('recordVersions.version')
      .execute();
  }
}

/** The SQL of .siks bundles: trusted keys and the import log (migration 041). */
import type { Insertable, Kysely } from 'kysely';
import type {
  BundleImportRow,
  BundleImportsTable,
  BundleTrustedKeyRow,
  BundleTrustedKeysTable,
  DB,
} from '../../db/schema/index.ts';

export class BundlesRepository {
  listKeys(db: Kysely<DB>): Promise<BundleTrustedKeyRow[]> {
    return db.selectFrom('bundleTrustedKeys').selectAll().orderBy('createdAt').orderBy('id').execute();
  }

  keyByFingerprint(db: Kysely<DB>, fingerprint: string): Promise<BundleTrustedKeyRow | undefined> {
    return db
      .selectFrom('bundleTrustedKeys')
      .selectAll()
      .where('fingerprint', '=', fingerprint)
      .executeTakeFirst();
  }

  keyById(db: Kysely<DB>, id: string): Promise<BundleTrustedKeyRow | undefined> {
    return db.selectFrom('bundleTrustedKeys').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async insertKey(db: Kysely<DB>, row: Insertable<BundleTrustedKeysTable>): Promise<void> {
    await db.insertInto('bundleTrustedKeys').values(row).execute();
  }

  async revokeKey(
    db: Kysely<DB>,
    id: string,
    set: { revokedAt: string; revokedBy: string | null; revokeReason: string },
  ): Promise<number> {
    const r = await db
      .updateTable('bundleTrustedKeys')
      .set(set)
      .where('id', '=', id)
      .where('revokedAt', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows);
  }

  /** The newest bundle (by the time its source made it) imported from a source. */
  newestImport(db: Kysely<DB>, source: string): Promise<BundleImportRow | undefined> {
    return db
      .selectFrom('bundleImports')
      .selectAll()
      .where('sourceInstallation', '=', source)
      .orderBy('bundleCreatedAt', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  async insertImport(db: Kysely<DB>, row: Insertable<BundleImportsTable>): Promise<void> {
    await db.insertInto('bundleImports').values(row).execute();
  }

  listImports(db: Kysely<DB>, territory: string, limit: number): Promise<BundleImportRow[]> {
    let q = db.selectFrom('bundleImports').selectAll();
    if (territory !== '')
      q = q.where((eb) =>
        eb.or([eb('territory', '=', territory), eb('territory', 'like', `${territory}.%`)]),
      );
    return q.orderBy('importedAt', 'desc').limit(limit).execute();
  }

  /** The stored versions of these households (the working-set mirror's upsert). */
  async householdVersions(
    db: Kysely<DB>,
    ids: string[],
  ): Promise<Map<string, { version: number; villageCode: string; memberCount: number; status: string }>> {
    if (!ids.length) return new Map();
    const rows = await db
      .selectFrom('households')
      .select(['id', 'version', 'villageCode', 'memberCount', 'status'])
      .where('id', 'in', ids)
      .execute();
    return new Map(rows.map((r) => [r.id, r]));
  }

  /** Removes a household's row, members and NIK entries before its newer version is written. */
  async dropHousehold(db: Kysely<DB>, id: string): Promise<void> {
    await db.deleteFrom('nikRegistry').where('householdId', '=', id).execute();
    await db.deleteFrom('persons').where('householdId', '=', id).execute();
    await db.deleteFrom('households').where('id', '=', id).execute();
  }
}

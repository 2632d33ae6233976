/** The queries of backup and restore: what a database holds, table by table, and its migrations. */
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema/index.ts';

/**
 * Tables a freshly migrated database already fills (the region reference data and the migrator's
 * bookkeeping): rows there do not make a database "non-empty". A migration that loads reference data into
 * another table adds it here.
 */
export const REFERENCE_TABLES: ReadonlySet<string> = new Set([
  'regions',
  'kysely_migration',
  'kysely_migration_lock',
]);

export class BackupRepository {
  /** Rows per table (every table of the schema, the migrator's included), by table name. */
  async tableCounts(db: Kysely<DB>): Promise<Record<string, number>> {
    const tables = (await db.introspection.getTables({ withInternalKyselyTables: true }))
      .filter((t) => !t.isView && (t.schema === undefined || t.schema === 'public'))
      .map((t) => t.name)
      .sort();
    const counts: Record<string, number> = {};
    for (const name of tables) {
      const r = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(name)}`.execute(db);
      counts[name] = Number(r.rows[0]!.n);
    }
    return counts;
  }

  /** Names of the applied migrations, in the order they were applied. */
  async appliedMigrations(db: Kysely<DB>): Promise<string[]> {
    const r = await sql<{ name: string }>`select name from kysely_migration order by timestamp, name`.execute(
      db,
    );
    return r.rows.map((row) => row.name);
  }
}

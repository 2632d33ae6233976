import { type Kysely, sql } from 'kysely';
import type { Migration } from '../migrate.ts';

/**
 * `nik_registry` keeps what only it can answer cheaply: the NIK (its primary key, the "one active holder"
 * rule), the holder's person id and the holder's village (a regency's NIKs in NIK order for Dukcapil
 * matching, and the territory check of a NIK probe, without a join). `household_id` and `province_code`
 * go (issue 11, storage per household): the household is the holder's `persons.household_id`, one
 * primary-key look-up away, and the province is the village code's first two digits. Readers join
 * `persons` on `person_id` (src/modules/*\/…repository.ts). About 40 bytes less per active person.
 *
 * SQLite: the table is rebuilt WITHOUT ROWID (as migration 021 left it) and its rows copied in key order;
 * PostgreSQL: the two columns are dropped (a heap keeps no per-column space to rebuild for).
 */
export const nikRegistryNarrowMigration: Migration = {
  name: '076_nik_registry_narrow',
  async up(db, e) {
    if (e.name === 'sqlite') await rebuild(db);
    else {
      await db.schema.alterTable('nik_registry').dropColumn('household_id').execute();
      await db.schema.alterTable('nik_registry').dropColumn('province_code').execute();
    }
  },
};

// biome-ignore lint/suspicious/noExplicitAny: migrations see the schema as it was, not today's DB type
async function rebuild(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('nik_registry_narrow')
    .addColumn('nik', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('village_code', 'text', (c) => c.notNull())
    .modifyEnd(sql`without rowid`)
    .execute();
  await sql`insert into nik_registry_narrow (nik, person_id, village_code)
    select nik, person_id, village_code from nik_registry order by nik`.execute(db);
  await db.schema.dropTable('nik_registry').execute();
  await db.schema.alterTable('nik_registry_narrow').renameTo('nik_registry').execute();
}

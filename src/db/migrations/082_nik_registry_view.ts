import { type Kysely, sql } from 'kysely';
import { type Migration, MigrationError } from '../migrate.ts';

/**
 * `nik_registry` held every active person's NIK a second time (with the holder's id and village): ~0.32 KiB
 * of a household's 3.16 on SQLite (issue 11, storage per household). The same answers come from `persons`
 * itself: the rule "a NIK has at most one active holder" becomes a unique partial index on the active
 * persons' NIKs (`persons_nik_active_idx`, both engines), and `nik_registry` a view of the same name and
 * columns over the active persons, so its readers keep working. An index costs about a third of the table:
 * it holds the NIK and a row pointer, not the id and village (those are the person's own row).
 *
 * The view is exactly the table only if every writer kept the table equal to the active persons: each
 * active person's (NIK, id, village) registered, nothing else. That is checked on the stored data first;
 * a database that breaks it is refused with a message naming the counts, nothing changed (its data is not
 * "fixed" silently: which of two holders keeps a NIK is a decision for people, not for a migration).
 *
 * The new index is created before the table is dropped, so a database that holds two active persons with one
 * NIK fails on the index as well — but the check names the count first. `persons_nik_removed_idx` (the
 * removed people's NIKs, migration 021) stays: the two partial indexes together index every NIK once.
 *
 * The hot readers (person lookup, Cek Bansos, Dukcapil, DCI) read `persons` by the index directly rather than
 * join the view to `persons` on its id. A later migration that rebuilds `persons` (create, copy, drop, rename,
 * as 081 does) must drop this view first and create it again after: SQLite refuses the rename while a view
 * names a missing table, PostgreSQL the drop while a view depends on it.
 */
export const nikRegistryViewMigration: Migration = {
  name: '082_nik_registry_view',
  async up(db, e) {
    await checkInvariant(db);
    await db.schema
      .createIndex('persons_nik_active_idx')
      .on('persons')
      .column('nik')
      .unique()
      // A literal (not a parameter), as the view and the readers write it: both planners then see that a
      // query for active persons is covered by the partial index.
      .where(sql.ref('status'), '=', sql.lit('active'))
      .execute();
    await db.schema.dropTable('nik_registry').execute();
    await db.schema
      .createView('nik_registry')
      .as(
        db
          .selectFrom('persons')
          .select(['nik', 'id as person_id', 'village_code'])
          .where('status', '=', sql.lit('active')),
      )
      .execute();
    if (e.name === 'postgres') await refuseWrites(db);
  },
};

/**
 * PostgreSQL would let a simple view be written (an "automatically updatable" view): a DELETE from
 * `nik_registry` would delete persons, an UPDATE change their NIK behind the service's checks. Nothing
 * personal is deleted and the registry is read-only, so every write to the view is refused, as SQLite
 * refuses writing any view.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations see the schema as it was, not today's DB type
async function refuseWrites(db: Kysely<any>): Promise<void> {
  await sql`create function nik_registry_read_only() returns trigger language plpgsql as $$
    begin
      raise exception 'cannot modify nik_registry: it is a view of the active persons (migration 082)'
        using errcode = 'object_not_in_prerequisite_state';
    end $$`.execute(db);
  await sql`create trigger nik_registry_read_only instead of insert or update or delete on nik_registry
    for each row execute function nik_registry_read_only()`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations see the schema as it was, not today's DB type
async function checkInvariant(db: Kysely<any>): Promise<void> {
  const count = async (query: ReturnType<typeof sql<{ n: number | string }>>) =>
    Number((await query.execute(db)).rows[0]?.n ?? 0);
  const shared = await count(sql`select count(*) as n from (select nik from persons
    where status = 'active' group by nik having count(*) > 1) t`);
  const unregistered = await count(sql`select count(*) as n from persons p
    where p.status = 'active' and not exists (select 1 from nik_registry r
      where r.nik = p.nik and r.person_id = p.id and r.village_code = p.village_code)`);
  const orphaned = await count(sql`select count(*) as n from nik_registry r
    where not exists (select 1 from persons p
      where p.id = r.person_id and p.nik = r.nik and p.status = 'active' and p.village_code = r.village_code)`);
  const problems = [
    shared && `${shared} NIK(s) held by more than one active person`,
    unregistered && `${unregistered} active person(s) whose NIK, id and village are not in nik_registry`,
    orphaned &&
      `${orphaned} nik_registry entr(y/ies) whose holder is not an active person with that NIK and village`,
  ].filter(Boolean);
  if (problems.length) {
    throw new MigrationError(
      `082: nik_registry is not the active persons' NIKs, so it cannot become a view over them: ${problems.join('; ')}. Correct the records (nothing was changed) and start again.`,
    );
  }
}

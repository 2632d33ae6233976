/** The SQL of .siks bundles: trusted keys and the import log (migration 041). */
import type { Insertable, Kysely } from 'kysely';
import type {
  BundleImportRow,
  BundleImportsTable,
  BundleTrustedKeyRow,
  BundleTrustedKeysTable,
  DB,
  HouseholdRow,
  NikRegistryTable,
  PersonRow,
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

  /** The newest working set imported here (the base of the field changes recorded since). */
  newestWorkingSet(db: Kysely<DB>): Promise<BundleImportRow | undefined> {
    return db
      .selectFrom('bundleImports')
      .selectAll()
      .where('kind', '=', 'working-set')
      .orderBy('bundleCreatedAt', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  /** The active staff accounts of a territory, by username (a working set's `user` records). */
  staffWithin(db: Kysely<DB>, territory: string): Promise<{ id: string; username: string }[]> {
    return db
      .selectFrom('users')
      .select(['id', 'username'])
      .where('status', '=', 'active')
      .$if(territory !== '', (q) =>
        q.where((eb) =>
          eb.or([eb('regionCode', '=', territory), eb('regionCode', 'like', `${territory}.%`)]),
        ),
      )
      .orderBy('username')
      .execute();
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

  /**
   * Writes a household's newer version over its row, in place: members are updated or added by id; members
   * stored but no longer listed are kept and marked removed (a version up); the NIK index then holds exactly
   * the active members' NIKs, as the registry keeps it. No person row is deleted.
   */
  async replaceHousehold(
    db: Kysely<DB>,
    rows: { household: HouseholdRow; persons: PersonRow[]; nikEntries: NikRegistryTable[] },
    by: string | null,
    at: string,
  ): Promise<void> {
    const { id, ...household } = rows.household;
    await db.updateTable('households').set(household).where('id', '=', id).execute();
    const incoming = new Set(rows.persons.map((p) => p.id));
    const stored = await db
      .selectFrom('persons')
      .select(['id', 'householdId', 'status', 'nik'])
      .where((eb) =>
        eb.or([eb('householdId', '=', id), ...(incoming.size ? [eb('id', 'in', [...incoming])] : [])]),
      )
      .execute();
    const known = new Set(stored.map((p) => p.id));
    for (const { id: personId, ...person } of rows.persons) {
      if (known.has(personId))
        await db.updateTable('persons').set(person).where('id', '=', personId).execute();
      else
        await db
          .insertInto('persons')
          .values({ id: personId, ...person })
          .execute();
    }
    const gone = stored.filter((p) => p.householdId === id && !incoming.has(p.id) && p.status === 'active');
    if (gone.length)
      await db
        .updateTable('persons')
        .set((eb) => ({
          status: 'removed',
          removalNote: 'not in the working set bundle',
          updatedAt: at,
          updatedBy: by,
          version: eb('version', '+', 1),
        }))
        .where(
          'id',
          'in',
          gone.map((p) => p.id),
        )
        .execute();
    // The village is part of the key: a household the bundle moved has its members' entries rewritten with
    // the new village (the NIK territory checks and Dukcapil's regency scan read it without a join).
    const key = (n: { nik: string; personId: string; villageCode: string }) =>
      `${n.personId} ${n.nik} ${n.villageCode}`;
    const active = new Set(rows.nikEntries.map(key));
    // The household's registered NIKs: those of its members (the ones moved in above included), looked up by
    // the registry's key — each member's NIK as stored before this write (the one registered) or as written.
    const members = new Set([...incoming, ...stored.filter((p) => p.householdId === id).map((p) => p.id)]);
    const niks = [...new Set([...stored.map((p) => p.nik), ...rows.persons.map((p) => p.nik)])];
    const indexed = (
      niks.length
        ? await db
            .selectFrom('nikRegistry')
            .select(['nik', 'personId', 'villageCode'])
            .where('nik', 'in', niks)
            .execute()
        : []
    ).filter((n) => members.has(n.personId));
    const stale = indexed.filter((n) => !active.has(key(n))).map((n) => n.nik);
    if (stale.length) await db.deleteFrom('nikRegistry').where('nik', 'in', stale).execute();
    const have = new Set(indexed.map(key));
    const add = rows.nikEntries.filter((n) => !have.has(key(n)));
    if (add.length) await db.insertInto('nikRegistry').values(add).execute();
  }
}

/** The SQL of .siks bundles: trusted keys and the import log (migration 041). */
import type { Insertable, Kysely } from 'kysely';
import type {
  BundleImportRow,
  BundleImportsTable,
  BundleTrustedKeyRow,
  BundleTrustedKeysTable,
  DB,
  HouseholdRow,
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
   * stored but no longer listed are kept and marked removed (a version up). No person row is deleted. The
   * active members' NIKs are the registry (the view `nik_registry` over `persons_nik_active_idx`, migration
   * 082), so nothing else is written for them — but that unique index is checked row by row, as each person
   * is written (PostgreSQL too: per row, not at commit), so the writes are ordered never to hold one NIK
   * twice on the way: first every stored member who stops being active under the NIK they hold (no longer
   * listed, listed as removed, or listed with another NIK — a NIK corrected, two members' NIKs swapped, a
   * member removed and another added with the removed one's NIK) leaves the index, then the listed members
   * are written as listed.
   */
  async replaceHousehold(
    db: Kysely<DB>,
    rows: { household: HouseholdRow; persons: PersonRow[] },
    by: string | null,
    at: string,
  ): Promise<void> {
    const { id, ...household } = rows.household;
    await db.updateTable('households').set(household).where('id', '=', id).execute();
    const incoming = new Map(rows.persons.map((p) => [p.id, p]));
    const stored = await db
      .selectFrom('persons')
      .select(['id', 'householdId', 'status', 'nik'])
      .where((eb) =>
        eb.or([eb('householdId', '=', id), ...(incoming.size ? [eb('id', 'in', [...incoming.keys()])] : [])]),
      )
      .execute();
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
    // Out of the index for a moment (inside this transaction): each is written again, as listed, below.
    const leaving = stored.filter((p) => {
      const next = incoming.get(p.id);
      return p.status === 'active' && next && (next.status !== 'active' || next.nik !== p.nik);
    });
    if (leaving.length)
      await db
        .updateTable('persons')
        .set({ status: 'removed' })
        .where(
          'id',
          'in',
          leaving.map((p) => p.id),
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
  }
}

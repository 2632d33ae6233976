/** The only SQL of programmes: programmes, their immutable versions, publishing and the used flag. */
import type { Kysely } from 'kysely';
import type {
  DB,
  ProgrammeRow,
  ProgrammeTable,
  ProgrammeVersionRow,
  ProgrammeVersionTable,
} from '../../db/schema/index.ts';

export class ProgrammesRepository {
  list(db: Kysely<DB>): Promise<ProgrammeRow[]> {
    return db.selectFrom('programmes').selectAll().orderBy('code').execute();
  }

  find(db: Kysely<DB>, code: string): Promise<ProgrammeRow | undefined> {
    return db.selectFrom('programmes').selectAll().where('code', '=', code).executeTakeFirst();
  }

  async insert(db: Kysely<DB>, row: ProgrammeTable): Promise<void> {
    await db.insertInto('programmes').values(row).execute();
  }

  versions(db: Kysely<DB>, code: string): Promise<ProgrammeVersionRow[]> {
    return db
      .selectFrom('programmeVersions')
      .selectAll()
      .where('code', '=', code)
      .orderBy('createdAt', 'desc')
      .orderBy('version', 'desc')
      .execute();
  }

  findVersion(db: Kysely<DB>, code: string, version: string): Promise<ProgrammeVersionRow | undefined> {
    return db
      .selectFrom('programmeVersions')
      .selectAll()
      .where('code', '=', code)
      .where('version', '=', version)
      .executeTakeFirst();
  }

  async insertVersion(db: Kysely<DB>, row: ProgrammeVersionTable): Promise<void> {
    await db.insertInto('programmeVersions').values(row).execute();
  }

  /** The published versions of every programme (at most one each). */
  published(db: Kysely<DB>): Promise<ProgrammeVersionRow[]> {
    return db.selectFrom('programmeVersions').selectAll().where('state', '=', 'published').execute();
  }

  /**
   * The version that was current at `at`: the last published by then (publishing retires the one before,
   * so the latest publication up to `at` is the one in force at `at`). Drafts never count.
   */
  currentAt(db: Kysely<DB>, code: string, at: string): Promise<ProgrammeVersionRow | undefined> {
    return db
      .selectFrom('programmeVersions')
      .selectAll()
      .where('code', '=', code)
      .where('publishedAt', 'is not', null)
      .where('publishedAt', '<=', at)
      .orderBy('publishedAt', 'desc')
      .orderBy('version', 'desc')
      .executeTakeFirst();
  }

  /** Retires the published version of `code` (if any) and publishes `version`, a draft; false if not a draft. */
  async publish(
    db: Kysely<DB>,
    code: string,
    version: string,
    at: string,
    by: string | null,
  ): Promise<boolean> {
    await db
      .updateTable('programmeVersions')
      .set({ state: 'retired' })
      .where('code', '=', code)
      .where('state', '=', 'published')
      .execute();
    const r = await db
      .updateTable('programmeVersions')
      .set({ state: 'published', publishedAt: at, publishedBy: by })
      .where('code', '=', code)
      .where('version', '=', version)
      .where('state', '=', 'draft')
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /**
   * Marks a published (or retired) version used; false when there is no such version. A version already used
   * is only read: every computation marks its versions — 2,056 times in a national computation of four
   * programmes at 200,000 households — and rewriting the same row each time cost a commit waiting on the disk
   * (PostgreSQL) and a dead row version.
   */
  async markUsed(db: Kysely<DB>, code: string, version: string): Promise<boolean> {
    const found = await db
      .selectFrom('programmeVersions')
      .select('used')
      .where('code', '=', code)
      .where('version', '=', version)
      .where('state', '!=', 'draft')
      .executeTakeFirst();
    if (!found) return false;
    if (found.used === 1) return true;
    const r = await db
      .updateTable('programmeVersions')
      .set({ used: 1 })
      .where('code', '=', code)
      .where('version', '=', version)
      .where('state', '!=', 'draft')
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }
}

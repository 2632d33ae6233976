import type { Kysely } from 'kysely';
import type { AuthSessionRow, DB } from '../../db/schema/index.ts';

export class AuthRepository {
  async insertSession(db: Kysely<DB>, row: AuthSessionRow): Promise<void> {
    await db.insertInto('authSessions').values(row).execute();
  }

  findSession(db: Kysely<DB>, id: string): Promise<AuthSessionRow | undefined> {
    return db.selectFrom('authSessions').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async touchSession(db: Kysely<DB>, id: string, at: string): Promise<void> {
    await db.updateTable('authSessions').set({ lastUsedAt: at }).where('id', '=', id).execute();
  }

  async revokeSession(db: Kysely<DB>, id: string, at: string): Promise<void> {
    await db.updateTable('authSessions').set({ revokedAt: at }).where('id', '=', id).execute();
  }

  throttle(db: Kysely<DB>, username: string) {
    return db.selectFrom('loginThrottle').selectAll().where('username', '=', username).executeTakeFirst();
  }

  async saveThrottle(
    db: Kysely<DB>,
    username: string,
    failures: number,
    lockedUntil: string | null,
    at: string,
  ) {
    await db
      .insertInto('loginThrottle')
      .values({ username, failures, lockedUntil, updatedAt: at })
      .onConflict((oc) => oc.column('username').doUpdateSet({ failures, lockedUntil, updatedAt: at }))
      .execute();
  }

  async clearThrottle(db: Kysely<DB>, username: string) {
    await db.deleteFrom('loginThrottle').where('username', '=', username).execute();
  }
}

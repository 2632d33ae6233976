import type { Kysely } from 'kysely';
import { preparedQuery } from '../../db/prepared.ts';
import type { AuthSessionRow, DB } from '../../db/schema/index.ts';

/** Every authenticated request runs this: the session and its user in one prepared query. */
const sessionWithUser = preparedQuery((db, id: string) =>
  db
    .selectFrom('authSessions')
    .innerJoin('users', 'users.id', 'authSessions.userId')
    .select([
      'authSessions.userId',
      'authSessions.expiresAt',
      'authSessions.lastUsedAt',
      'authSessions.revokedAt',
      'users.username',
      'users.role',
      'users.regionCode',
      'users.status',
    ])
    .where('authSessions.id', '=', id),
);

export class AuthRepository {
  async insertSession(db: Kysely<DB>, row: AuthSessionRow): Promise<void> {
    await db.insertInto('authSessions').values(row).execute();
  }

  async sessionWithUser(db: Kysely<DB>, id: string) {
    return (await sessionWithUser(db, id))[0];
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

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
}

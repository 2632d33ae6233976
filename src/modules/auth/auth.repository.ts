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

  /**
   * Counts one login attempt of (username, client) and answers the count, or undefined when the client
   * must still wait. One statement (an upsert whose update is conditional), so parallel attempts are
   * counted one by one and each sees the count its own attempt made. `waitCutoffs[k]`: the latest last
   * attempt after which a client with `free + k` failures may try again (the last one: any count beyond).
   */
  async claimAttempt(
    db: Kysely<DB>,
    a: {
      username: string;
      client: string;
      at: string;
      free: number;
      waitCutoffs: string[];
      forgetBefore: string;
    },
  ): Promise<number | undefined> {
    const row = await db
      .insertInto('loginAttempts')
      .values({ username: a.username, client: a.client, failures: 1, lastAttemptAt: a.at })
      .onConflict((oc) =>
        oc
          .columns(['username', 'client'])
          .doUpdateSet((eb) => ({
            failures: eb
              .case()
              .when('loginAttempts.lastAttemptAt', '<=', a.forgetBefore)
              .then(1)
              .else(eb('loginAttempts.failures', '+', 1))
              .end(),
            lastAttemptAt: a.at,
          }))
          .where((eb) =>
            eb.or([
              eb('loginAttempts.failures', '<', a.free),
              eb('loginAttempts.lastAttemptAt', '<=', a.forgetBefore),
              ...a.waitCutoffs.map((cutoff, k) =>
                eb.and([
                  eb('loginAttempts.failures', k === a.waitCutoffs.length - 1 ? '>=' : '=', a.free + k),
                  eb('loginAttempts.lastAttemptAt', '<=', cutoff),
                ]),
              ),
            ]),
          ),
      )
      .returning('failures')
      .executeTakeFirst();
    return row?.failures;
  }

  /** The account's failures over all clients, unless forgotten. */
  async accountFailures(db: Kysely<DB>, username: string, forgetBefore: string): Promise<number> {
    const row = await db
      .selectFrom('loginAttempts')
      .select('failures')
      .where('username', '=', username)
      .where('client', '=', '*')
      .where('lastAttemptAt', '>', forgetBefore)
      .executeTakeFirst();
    return row?.failures ?? 0;
  }

  attempts(db: Kysely<DB>, username: string, client: string) {
    return db
      .selectFrom('loginAttempts')
      .select(['failures', 'lastAttemptAt'])
      .where('username', '=', username)
      .where('client', '=', client)
      .executeTakeFirst();
  }

  /** Adds a failure to the account's count over all clients (`client = '*'`). */
  async addAccountFailure(db: Kysely<DB>, username: string, at: string, forgetBefore: string) {
    await db
      .insertInto('loginAttempts')
      .values({ username, client: '*', failures: 1, lastAttemptAt: at })
      .onConflict((oc) =>
        oc.columns(['username', 'client']).doUpdateSet((eb) => ({
          failures: eb
            .case()
            .when('loginAttempts.lastAttemptAt', '<=', forgetBefore)
            .then(1)
            .else(eb('loginAttempts.failures', '+', 1))
            .end(),
          lastAttemptAt: at,
        })),
      )
      .execute();
  }

  /** Clears the counts of (username, client) and the account's; without a client, every client's. */
  async clearAttempts(db: Kysely<DB>, username: string, client?: string): Promise<number> {
    const result = await db
      .deleteFrom('loginAttempts')
      .where('username', '=', username)
      .$if(client !== undefined, (q) => q.where('client', 'in', [client!, '*']))
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}

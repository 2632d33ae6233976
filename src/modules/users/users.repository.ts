import type { Kysely } from 'kysely';
import type { DB, NewUserRow, UserRow, UserUpdate } from '../../db/schema/index.ts';
import type { SessionCache } from '../auth/session-cache.ts';

export class UsersRepository {
  readonly #sessions: SessionCache | undefined;

  /** `sessions`: the authenticated sessions kept in memory, dropped for a user whenever it changes. */
  constructor(sessions?: SessionCache) {
    this.#sessions = sessions;
  }

  findByUsername(db: Kysely<DB>, username: string): Promise<UserRow | undefined> {
    return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  }

  findById(db: Kysely<DB>, id: string): Promise<UserRow | undefined> {
    return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async insert(db: Kysely<DB>, row: NewUserRow): Promise<void> {
    await db.insertInto('users').values(row).execute();
  }

  async update(db: Kysely<DB>, id: string, patch: UserUpdate): Promise<void> {
    this.#sessions?.forgetUser(id);
    await db.updateTable('users').set(patch).where('id', '=', id).execute();
    this.#sessions?.forgetUser(id);
  }

  /** Users whose territory lies within `territory` ('' = all). */
  list(db: Kysely<DB>, territory: string): Promise<UserRow[]> {
    return db
      .selectFrom('users')
      .selectAll()
      .$if(territory !== '', (q) =>
        q.where((eb) =>
          eb.or([eb('regionCode', '=', territory), eb('regionCode', 'like', `${territory}.%`)]),
        ),
      )
      .orderBy('username')
      .execute();
  }
}

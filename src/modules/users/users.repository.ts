import type { Kysely } from 'kysely';
import type { DB, NewUserRow, UserRow, UserUpdate } from '../../db/schema/index.ts';

export class UsersRepository {
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
    await db.updateTable('users').set(patch).where('id', '=', id).execute();
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

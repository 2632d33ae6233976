import type { Migration } from '../migrate.ts';

/**
 * Failed-login counting per username — for names that exist and names that don't alike, so the lockout
 * answer (429) cannot be used to find out which usernames exist. Supersedes users.failed_logins and
 * users.locked_until, which are no longer read or written.
 */
export const loginThrottleMigration: Migration = {
  name: '011_login_throttle',
  async up(db, e) {
    await db.schema
      .createTable('login_throttle')
      .addColumn('username', 'text', (c) => c.primaryKey())
      .addColumn('failures', 'integer', (c) => c.notNull())
      .addColumn('locked_until', e.types.timestamp)
      .addColumn('updated_at', e.types.timestamp, (c) => c.notNull())
      .execute();
  },
};

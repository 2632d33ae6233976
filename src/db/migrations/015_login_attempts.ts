import type { Migration } from '../migrate.ts';

/**
 * Failed logins counted per username *and* client address (`client = '*'` holds the account's count over
 * all clients), so a guesser elsewhere cannot lock the real user out; the wait grows with each failure
 * after the free attempts (src/domain/access/login-backoff.ts). Replaces login_throttle (per username only),
 * whose counts are dropped: at worst a locked name gets its free attempts back once.
 */
export const loginAttemptsMigration: Migration = {
  name: '015_login_attempts',
  async up(db, e) {
    await db.schema
      .createTable('login_attempts')
      .addColumn('username', 'text', (c) => c.notNull())
      .addColumn('client', 'text', (c) => c.notNull())
      .addColumn('failures', 'integer', (c) => c.notNull())
      .addColumn('last_attempt_at', e.types.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('login_attempts_pk', ['username', 'client'])
      .execute();
    await db.schema.dropTable('login_throttle').execute();
  },
};

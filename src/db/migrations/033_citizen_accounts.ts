import type { Migration } from '../migrate.ts';

/**
 * Citizen accounts (issue 14): citizens register on the public pages, confirm their phone or e-mail with a
 * one-time code and are verified by their village's staff against the registry. Kept apart from staff
 * `users` (another population, another lifecycle, never a role). `nik_live` and `email_live` hold the NIK
 * and e-mail while the account is not rejected, NULL after: a unique index over them keeps one live account
 * per NIK and per address on both engines (NULLs never collide) while a rejected citizen may register again.
 * The audit log gains `purpose`: why a staff member read a record (the screen, or free text for a NIK
 * lookup), shown to the citizen in "who read my data".
 */
export const citizenAccountsMigration: Migration = {
  name: '033_citizen_accounts',
  async up(db, e) {
    await db.schema
      .createTable('citizen_accounts')
      .addColumn('id', e.types.uuid, (c) => c.primaryKey())
      .addColumn('nik', 'text', (c) => c.notNull())
      .addColumn('nik_live', 'text')
      .addColumn('kk_number', 'text', (c) => c.notNull())
      .addColumn('full_name', 'text', (c) => c.notNull())
      .addColumn('address', 'text', (c) => c.notNull())
      .addColumn('rt', 'text', (c) => c.notNull())
      .addColumn('rw', 'text', (c) => c.notNull())
      .addColumn('province_code', 'text', (c) => c.notNull())
      .addColumn('regency_code', 'text', (c) => c.notNull())
      .addColumn('district_code', 'text', (c) => c.notNull())
      .addColumn('village_code', 'text', (c) => c.notNull())
      .addColumn('phone', 'text', (c) => c.notNull())
      .addColumn('email', 'text', (c) => c.notNull())
      .addColumn('email_live', 'text')
      .addColumn('username', 'text', (c) => c.notNull().unique())
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('contact_confirmed_at', e.types.timestamp)
      .addColumn('decided_at', e.types.timestamp)
      .addColumn('decided_by', e.types.uuid)
      .addColumn('decision_note', 'text')
      .addColumn('ktp_attachment_id', e.types.uuid)
      .addColumn('selfie_attachment_id', e.types.uuid)
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('created_at', e.types.timestamp, (c) => c.notNull())
      .addColumn('updated_at', e.types.timestamp, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('citizen_accounts_nik_live_key')
      .unique()
      .on('citizen_accounts')
      .column('nik_live')
      .execute();
    await db.schema
      .createIndex('citizen_accounts_email_live_key')
      .unique()
      .on('citizen_accounts')
      .column('email_live')
      .execute();
    await db.schema
      .createIndex('citizen_accounts_village_state_idx')
      .on('citizen_accounts')
      .columns(['village_code', 'state', 'id'])
      .execute();
    await db.schema
      .createTable('citizen_codes')
      .addColumn('id', e.types.uuid, (c) => c.primaryKey())
      .addColumn('account_id', e.types.uuid, (c) => c.notNull())
      .addColumn('purpose', 'text', (c) => c.notNull())
      .addColumn('code_hash', 'text', (c) => c.notNull())
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull())
      .addColumn('created_at', e.types.timestamp, (c) => c.notNull())
      .addColumn('expires_at', e.types.timestamp, (c) => c.notNull())
      .addColumn('used_at', e.types.timestamp)
      .execute();
    await db.schema
      .createIndex('citizen_codes_account_idx')
      .on('citizen_codes')
      .columns(['account_id', 'purpose', 'created_at'])
      .execute();
    await db.schema
      .createTable('citizen_sessions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('account_id', e.types.uuid, (c) => c.notNull())
      .addColumn('created_at', e.types.timestamp, (c) => c.notNull())
      .addColumn('expires_at', e.types.timestamp, (c) => c.notNull())
      .addColumn('last_used_at', e.types.timestamp, (c) => c.notNull())
      .addColumn('revoked_at', e.types.timestamp)
      .addColumn('ip', 'text')
      .addColumn('user_agent', 'text')
      .execute();
    await db.schema.alterTable('audit_log').addColumn('purpose', 'text').execute();
  },
};

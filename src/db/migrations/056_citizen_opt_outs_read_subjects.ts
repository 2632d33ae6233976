import { sql } from 'kysely';
import type { Migration } from '../migrate.ts';

/**
 * Two things of the citizen's side (issue 14), one migration number:
 *
 * 1. `audit_subjects`: the records a list or search read returned, one row per record and read (its entity
 *    id, the audit entry's id and what "who read my data" shows: when, action, role, user, purpose). The
 *    audit entry itself names them in `details`; this is their index, so a citizen's access log finds list
 *    reads by key instead of scanning the log. Written in the audit append's transaction. Older list reads
 *    are not back-filled (their `details` shapes differ by module).
 * 2. A citizen declares their family's opt-out of a programme from their portal (issue 13 "opted out", issue
 * 14): the same `programme_opt_outs` record as the staff path, marked with the declaring citizen account
 * (`citizen_account_id`; `recorded_by` stays null), and a withdrawal by the citizen with theirs
 * (`withdrawn_by_citizen`). Existing rows were all recorded by staff: both stay null.
 */
export const citizenOptOutsReadSubjectsMigration: Migration = {
  name: '056_citizen_opt_outs_read_subjects',
  async up(db, e) {
    await db.schema.alterTable('programme_opt_outs').addColumn('citizen_account_id', e.types.uuid).execute();
    await db.schema
      .alterTable('programme_opt_outs')
      .addColumn('withdrawn_by_citizen', e.types.uuid)
      .execute();
    // Stored once, in key order, where the engine can (SQLite WITHOUT ROWID): one B-tree per row written.
    let subjects = db.schema
      .createTable('audit_subjects')
      .addColumn('entity_id', 'text', (c) => c.notNull())
      .addColumn('at', e.types.timestamp, (c) => c.notNull())
      .addColumn('audit_id', e.types.uuid, (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('actor_id', e.types.uuid)
      .addColumn('actor_role', 'text')
      .addColumn('purpose', 'text')
      .addPrimaryKeyConstraint('audit_subjects_pk', ['entity_id', 'at', 'audit_id']);
    if (e.clusteredTables) subjects = subjects.modifyEnd(sql`without rowid`);
    await subjects.execute();
  },
};

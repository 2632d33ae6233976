import type { Migration } from '../migrate.ts';

/**
 * "Who read my data" pages a citizen's record by local day (issue 14): it asks for the latest entry about a
 * record before a time, then counts a day's entries. `audit_log_entity_idx` orders a record's entries by `seq`,
 * which on PostgreSQL does not follow `at` (a sequence numbers concurrent appends in commit-independent order),
 * so each page would scan every entry of the record: 100,000 for a family a busy village reads daily. This
 * index answers both by a range seek. (`audit_subjects` is already keyed by entity and time.) No data changes.
 */
export const auditEntityTimeIndexMigration: Migration = {
  name: '078_audit_entity_time_index',
  async up(db) {
    await db.schema
      .createIndex('audit_log_entity_at_idx')
      .on('audit_log')
      .columns(['entity_id', 'at'])
      .execute();
  },
};

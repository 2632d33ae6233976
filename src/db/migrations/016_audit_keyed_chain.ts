import { sql } from 'kysely';
import type { Migration } from '../migrate.ts';

/**
 * The audit chain, keyed and sealed apart from the appends (docs/architecture.md, "Audit chain"):
 * - `pos`: the entry's place in its chain, given by the sealer; NULL while the entry is not sealed yet
 *   (its `prev_hash` and `hash` are then empty). Entries chained before this migration keep their `seq`.
 * - `key_id`: the id of the HMAC key that keyed the entry's hash; NULL for entries chained with plain
 *   SHA-256 before this migration, re-keyed at the first start that has the key (AuditService.rekeyLegacy).
 * - `audit_chain.last_seq` / `last_hash` now name the last *sealed* position and its hash.
 * - `seq` stays the entry's number in the log (listing order, API cursor), handed out at append without
 *   locking the chain head: PostgreSQL draws it from the sequence `audit_log_seq`.
 */
export const auditKeyedChainMigration: Migration = {
  name: '016_audit_keyed_chain',
  async up(db, e) {
    await db.schema.alterTable('audit_log').addColumn('pos', e.types.bigint).execute();
    await db.schema.alterTable('audit_log').addColumn('key_id', 'text').execute();
    await db
      .updateTable('audit_log')
      .set({ pos: sql.ref('seq') })
      .execute();
    await db.schema
      .createIndex('audit_log_pos_idx')
      .on('audit_log')
      .columns(['chain', 'pos'])
      .unique()
      .execute();
    await db.schema
      .createIndex('audit_log_unsealed_idx')
      .on('audit_log')
      .columns(['chain', 'seq'])
      .where(sql.ref('pos'), 'is', null)
      .execute();
    if (e.sequences) {
      await sql`create sequence audit_log_seq`.execute(db);
      await sql`alter sequence audit_log_seq owned by audit_log.seq`.execute(db);
      await sql`alter table audit_log alter column seq set default nextval('audit_log_seq')`.execute(db);
      await sql`select setval('audit_log_seq', greatest((select max(seq) from audit_log), 1), (select max(seq) from audit_log) is not null)`.execute(
        db,
      );
    }
  },
};

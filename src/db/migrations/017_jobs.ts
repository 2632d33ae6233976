import type { Migration } from '../migrate.ts';

/**
 * Long work as jobs (src/modules/jobs): one row per job, claimed by a worker with a lease that its heartbeat
 * renews; an expired lease is taken over by another worker, which resumes from the job's last checkpoint
 * (`checkpoint`, written in the same transaction as the work it records). The file an import was started
 * with is kept beside the job (`job_inputs`), in the database, so any server or `dtks worker` can run it.
 */
export const jobsMigration: Migration = {
  name: '017_jobs',
  async up(db, e) {
    await db.schema
      .createTable('jobs')
      .addColumn('id', e.types.uuid, (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('params', 'text', (c) => c.notNull())
      .addColumn('owner_id', e.types.uuid)
      .addColumn('owner_name', 'text', (c) => c.notNull())
      .addColumn('owner_role', 'text', (c) => c.notNull())
      .addColumn('region_code', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('phase', 'text')
      .addColumn('done', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('total', 'integer')
      .addColumn('checkpoint', 'text')
      .addColumn('result', 'text')
      .addColumn('error', 'text')
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('cancel_requested', 'smallint', (c) => c.notNull().defaultTo(0))
      .addColumn('lease_owner', 'text')
      .addColumn('lease_expires_at', e.types.timestamp)
      .addColumn('heartbeat_at', e.types.timestamp)
      .addColumn('created_at', e.types.timestamp, (c) => c.notNull())
      .addColumn('started_at', e.types.timestamp)
      .addColumn('finished_at', e.types.timestamp)
      .execute();
    // The queue's look-up: the oldest queued job, or a running one whose lease has expired.
    await db.schema.createIndex('jobs_state_idx').on('jobs').columns(['state', 'created_at']).execute();
    await db.schema.createIndex('jobs_owner_idx').on('jobs').columns(['owner_id', 'id']).execute();
    await db.schema.createIndex('jobs_region_idx').on('jobs').columns(['region_code', 'id']).execute();
    await db.schema
      .createTable('job_inputs')
      .addColumn('job_id', e.types.uuid, (c) => c.primaryKey().references('jobs.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('size', 'integer', (c) => c.notNull())
      .addColumn('content', e.types.blob, (c) => c.notNull())
      .execute();
  },
};

import { sql } from 'kysely';
import type { Migration } from '../migrate.ts';

/**
 * Ranking (issue 13): PMT models as immutable versioned documents, one run per (period, model version), and
 * per household of the period its score, BPS criteria count and deciles. Results are written once; a new
 * model version ranks the period again as a new result, the old one stays.
 */
export const rankingMigration: Migration = {
  name: '027_ranking',
  async up(db, e) {
    await db.schema
      .createTable('ranking_models')
      .addColumn('version', 'text', (c) => c.primaryKey())
      .addColumn('document', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('largest_share', 'real', (c) => c.notNull())
      .addColumn('flagged', 'integer', (c) => c.notNull())
      .addColumn('created_at', e.types.timestamp, (c) => c.notNull())
      .addColumn('created_by', e.types.uuid)
      .addColumn('published_at', e.types.timestamp)
      .addColumn('published_by', e.types.uuid)
      .execute();
    await db.schema
      .createTable('ranking_runs')
      .addColumn('period', 'text', (c) => c.notNull())
      .addColumn('model_version', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('households', 'integer')
      .addColumn('checksum', 'text')
      .addColumn('started_at', e.types.timestamp, (c) => c.notNull())
      .addColumn('finished_at', e.types.timestamp)
      .addPrimaryKeyConstraint('ranking_runs_pk', ['period', 'model_version'])
      .execute();
    let t = db.schema
      .createTable('ranking_results')
      .addColumn('period', 'text', (c) => c.notNull())
      .addColumn('model_version', 'text', (c) => c.notNull())
      .addColumn('household_id', e.types.uuid, (c) => c.notNull())
      .addColumn('province_code', 'text', (c) => c.notNull())
      .addColumn('regency_code', 'text', (c) => c.notNull())
      .addColumn('village_code', 'text', (c) => c.notNull())
      .addColumn('household_version', 'integer', (c) => c.notNull())
      .addColumn('score', 'double precision', (c) => c.notNull())
      .addColumn('criteria14', 'integer', (c) => c.notNull())
      .addColumn('decile_national', 'integer')
      .addColumn('decile_province', 'integer')
      .addColumn('decile_regency', 'integer')
      .addPrimaryKeyConstraint('ranking_results_pk', ['period', 'model_version', 'household_id']);
    if (e.clusteredTables) t = t.modifyEnd(sql`without rowid`);
    await t.execute();
    await db.schema
      .createIndex('ranking_results_score_idx')
      .on('ranking_results')
      .columns(['period', 'model_version', 'score'])
      .execute();
  },
};

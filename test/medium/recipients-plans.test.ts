/**
 * Without an index of candidates by household (migration 069), a household's evaluations (its programme
 * history) and the diff's "why stopped" look each household up by keys only: the plans search, never scan,
 * `recipient_candidates` and `snapshot_households`. SQLite's plans (its planner keeps no statistics here,
 * so the plan is the one a national database gets); PostgreSQL's with sequential scans disabled, which
 * still scans a table when no index can serve the query. Their results: test/http/recipients*.test.ts.
 */
import { type Compilable, CompiledQuery, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecipientsRepository } from '../../src/modules/recipients/recipients.repository.ts';
import { ENGINES, openTestDb, type TestDb } from '../support/db.ts';

const HOUSEHOLD = '01900000-0000-7000-8000-000000000001';
const OTHERS = Array.from(
  { length: 100 },
  (_, i) => `01900000-0000-7000-8000-${String(i).padStart(12, '0')}`,
);

describe.each(ENGINES)('recipients look-ups by household use keys only (%s)', (engine) => {
  let t: TestDb;
  let repo: RecipientsRepository;

  beforeAll(async () => {
    t = await openTestDb(engine);
    repo = new RecipientsRepository(t.container.database.engine);
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  /** The plan's lines: SQLite's `explain query plan` details, PostgreSQL's `explain` text. */
  async function plan(query: Compilable): Promise<string[]> {
    const db = t.container.database.db;
    const c = query.compile();
    if (engine === 'sqlite') {
      const rows = await db.executeQuery<{ detail: string }>(
        CompiledQuery.raw(`explain query plan ${c.sql}`, [...c.parameters]),
      );
      return rows.rows.map((r) => r.detail);
    }
    return db.transaction().execute(async (trx) => {
      await sql`set local enable_seqscan = off`.execute(trx);
      const rows = await trx.executeQuery<{ queryPlan: string }>(
        CompiledQuery.raw(`explain ${c.sql}`, [...c.parameters]),
      );
      return rows.rows.map((r) => Object.values(r)[0] as string);
    });
  }

  /** The queries name the tables by these aliases (SQLite's plan says the alias, PostgreSQL's the table). */
  const ALIAS: Record<string, string> = {
    recipient_candidates: 'c',
    snapshot_households: 's',
    recipient_runs: 'r',
  };
  const scans = (lines: string[], table: string) =>
    lines.filter((l) =>
      engine === 'sqlite'
        ? new RegExp(`^SCAN ${ALIAS[table]}\\b`).test(l)
        : l.includes(`Seq Scan on ${table}`),
    );

  it("a household's programme history: per determined period its snapshot row, that regency's runs, then each run's row, all by key", async () => {
    const lines = await plan(repo.householdEvaluationsQuery(t.container.database.db, HOUSEHOLD));
    for (const table of ['recipient_candidates', 'snapshot_households', 'recipient_runs']) {
      expect(scans(lines, table), lines.join('\n')).toEqual([]);
    }
    if (engine === 'sqlite') {
      const text = lines.join('\n');
      expect(text).toMatch(/SEARCH s USING PRIMARY KEY \(period=\? AND household_id=\?\)/);
      expect(text).toContain('SEARCH r USING INDEX recipient_runs_regency_idx (regency_code=? AND period=?)');
      expect(text).toMatch(/SEARCH c USING PRIMARY KEY \(run_id=\? AND household_id=\?\)/);
    }
  });

  it("the diff's why stopped: snapshot, run and row each by key, for a nation's page", async () => {
    const lines = await plan(
      repo.evaluationsInQuery(
        t.container.database.db,
        { period: '2026-03', programmeCode: 'PKH' },
        null,
        OTHERS,
      ),
    );
    for (const table of ['recipient_candidates', 'snapshot_households', 'recipient_runs']) {
      expect(scans(lines, table), lines.join('\n')).toEqual([]);
    }
    if (engine === 'sqlite') {
      const text = lines.join('\n');
      expect(text).toMatch(/SEARCH s USING PRIMARY KEY \(period=\? AND household_id=\?\)/);
      // The run by all three columns of its key: one run per household, not every run of the period.
      expect(text).toMatch(
        /SEARCH r USING INDEX \w+ \(period=\? AND programme_code=\? AND regency_code=\?\)/,
      );
      expect(text).toMatch(/SEARCH c USING PRIMARY KEY \(run_id=\? AND household_id=\?\)/);
    }
  });
});

/**
 * "Who read my data" on a record read 100,000 times (issue 14) must not scan its entries per page: the
 * latest entry before a day is one index probe per record and table, and a day's counts a range of the
 * index — `audit_log_entity_at_idx` (migration 078) and `audit_subjects`' key (entity, at). SQLite's plans
 * (no statistics: the plan a national database gets); PostgreSQL's with sequential scans disabled, which
 * still scans a table when no index can serve the query. Timings: bench/citizen-access-log.ts.
 */
import { type Compilable, CompiledQuery, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CitizenRepository } from '../../src/modules/citizen/citizen.repository.ts';
import { ENGINES, openTestDb, type TestDb } from '../support/db.ts';

const KEYS = [
  '01900000-0000-7000-8000-000000000001',
  '01900000-0000-7000-8000-000000000002',
  '3307014502900001',
];

describe.each(ENGINES)('who read my data looks entries up by record and time (%s)', (engine) => {
  let t: TestDb;
  const repo = new CitizenRepository();

  beforeAll(async () => {
    t = await openTestDb(engine);
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  async function plan(query: Compilable): Promise<string> {
    const db = t.container.database.db;
    const c = query.compile();
    if (engine === 'sqlite') {
      const rows = await db.executeQuery<{ detail: string }>(
        CompiledQuery.raw(`explain query plan ${c.sql}`, [...c.parameters]),
      );
      return rows.rows.map((r) => r.detail).join('\n');
    }
    return db.transaction().execute(async (trx) => {
      await sql`set local enable_seqscan = off`.execute(trx);
      const rows = await trx.executeQuery(CompiledQuery.raw(`explain ${c.sql}`, [...c.parameters]));
      return rows.rows.map((r) => Object.values(r as object)[0] as string).join('\n');
    });
  }

  const scansAuditLog = (text: string) =>
    engine === 'sqlite'
      ? /SCAN (audit_log|audit_subjects)\b/.test(text)
      : /Seq Scan on audit_(log|subjects)/.test(text);

  it('the latest entry before a day: an index probe per record, never a scan', async () => {
    const text = await plan(
      repo.latestAccessQuery(t.container.database.db, KEYS, '2026-10-05T17:00:00.000Z'),
    );
    expect(scansAuditLog(text), text).toBe(false);
    expect(text).toContain('audit_log_entity_at_idx');
    if (engine === 'sqlite') {
      expect(text).toMatch(
        /SEARCH audit_log USING COVERING INDEX audit_log_entity_at_idx \(entity_id=\? AND at<\?\)/,
      );
      expect(text).toMatch(/SEARCH audit_subjects USING PRIMARY KEY \(entity_id=\? AND at<\?\)/);
    }
  });

  it("a day's counts: a range of the same index per record", async () => {
    const text = await plan(
      repo.accessCountsQuery(
        t.container.database.db,
        KEYS,
        '2026-10-04T17:00:00.000Z',
        '2026-10-05T17:00:00.000Z',
      ),
    );
    expect(scansAuditLog(text), text).toBe(false);
    // PostgreSQL picks by statistics: on an empty log the time index serves a day as well; with a real
    // log's statistics it takes the record's range (bench/citizen-access-log.ts prints that plan).
    if (engine === 'sqlite') {
      expect(text).toMatch(
        /audit_log USING INDEX audit_log_entity_at_idx \(entity_id=\? AND at>\? AND at<\?\)/,
      );
      expect(text).toMatch(/audit_subjects USING PRIMARY KEY \(entity_id=\? AND at>\? AND at<\?\)/);
    }
  });
});

import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  copiesText,
  insertCopyText,
  insertRows,
  insertValues,
  paddedInList,
  refreshStatisticsIfFarBehind,
  refreshStatisticsIfGrown,
  statisticsBehind,
} from '../../src/db/bulk-insert.ts';
import { copyText } from '../../src/db/pg-copy.ts';
import { decodeSnapshot, encodeSnapshot } from '../../src/db/version-snapshot.ts';
import { ENGINES, openTestDb, type TestDb } from '../support/db.ts';

const entry = (n: number) => ({
  nik: String(3307010101900000 + n),
  personId: `0190a000-0000-7000-8000-${String(n).padStart(12, '0')}`,
  villageCode: '33.07.01.2001',
});

describe('paddedInList', () => {
  it('pads to a power of two (at least 8) with the last value', () => {
    expect(paddedInList([])).toEqual([]);
    expect(paddedInList([1, 2, 3])).toEqual([1, 2, 3, 3, 3, 3, 3, 3]);
    expect(paddedInList(Array.from({ length: 9 }, (_, i) => i))).toHaveLength(16);
    expect(paddedInList(Array.from({ length: 16 }, (_, i) => i))).toHaveLength(16);
  });
});

describe('statisticsBehind', () => {
  it('asks for an analyze when never analyzed or more than a fifth (and 20 rows) off', () => {
    expect(statisticsBehind(0, null)).toBe(true);
    expect(statisticsBehind(0, -1)).toBe(true);
    expect(statisticsBehind(20, 0)).toBe(false);
    expect(statisticsBehind(21, 0)).toBe(true);
    expect(statisticsBehind(1220, 1000)).toBe(false);
    expect(statisticsBehind(1221, 1000)).toBe(true);
    expect(statisticsBehind(779, 1000)).toBe(true);
  });
});

for (const engine of ENGINES) {
  describe(`insertRows (${engine})`, () => {
    let t: TestDb;
    beforeAll(async () => {
      t = await openTestDb(engine);
      // A narrow table keyed by text to write into: nik_registry as it was before migration 082 made it a view
      // over persons, in this test's own database (the DB type still names its columns).
      const db = t.container.database.db;
      await sql`drop view nik_registry`.execute(db);
      await sql`create table nik_registry (nik text primary key, person_id ${sql.raw(
        engine === 'postgres' ? 'uuid' : 'text',
      )} not null, village_code text not null)`.execute(db);
    });
    afterAll(async () => {
      await t.cleanup();
    });

    it('writes every row once, in full batches and power-of-two remainders', async () => {
      const db = t.container.database.db;
      await insertRows(db, 'nikRegistry', []);
      const rows = Array.from({ length: 1000 + 437 }, (_, i) => entry(i));
      await insertRows(db, 'nikRegistry', rows);
      const stored = await db.selectFrom('nikRegistry').selectAll().orderBy('nik').execute();
      expect(stored).toEqual(rows);
    });

    it('writes rows given as flat values after fixed columns, as insertRows writes the same rows', async () => {
      const db = t.container.database.db;
      const villageCode = '33.07.01.2999';
      const columns = ['nik', 'personId'] as const;
      const rows = Array.from({ length: 300 + 37 }, (_, i) => ({ ...entry(5000 + i), villageCode }));
      const values = rows.flatMap((r) => columns.map((c) => r[c]));
      await insertValues(db, 'nikRegistry', { villageCode }, columns, []);
      await insertValues(db, 'nikRegistry', { villageCode }, columns, values);
      const stored = await db
        .selectFrom('nikRegistry')
        .selectAll()
        .where('villageCode', '=', villageCode)
        .orderBy('nik')
        .execute();
      expect(stored).toEqual(rows);
    });

    it('carries text the arrays must escape, bytes, nulls and doubles exactly (PostgreSQL: unnested arrays)', async () => {
      const db = t.container.database.db;
      const awkward = ['say "hi", {x} \\ back\\slash', 'NULL', '', ' , ', "it's\ttab"];
      const rows = awkward.map((reason, i) => ({
        id: `0190a000-0000-7000-8000-0000000001${String(i).padStart(2, '0')}`,
        entityType: 'household',
        entityId: `0190a000-0000-7000-8000-0000000002${String(i).padStart(2, '0')}`,
        provinceCode: '33',
        villageCode: '33.07.01.2001',
        version: i + 1,
        changeType: 'update',
        reason,
        snapshot: encodeSnapshot({ n: i, reason }),
        changedBy: i % 2 ? null : '0190a000-0000-7000-8000-000000000301',
        changedAt: `2026-01-0${i + 1}T00:00:00.000Z`,
      }));
      const executed = vi.spyOn(db, 'executeQuery');
      await insertRows(db, 'recordVersions', rows);
      const statements = executed.mock.calls.map(([q]) => (q as { sql: string }).sql);
      executed.mockRestore();
      // One statement for the five rows on PostgreSQL (unnested arrays); on SQLite VALUES lists of 4 and 1.
      expect(statements.filter((s) => s.startsWith('insert'))).toHaveLength(engine === 'postgres' ? 1 : 2);
      if (engine === 'postgres') expect(statements.at(-1)).toMatch(/select \* from unnest\(cast\(\$1 as /);
      const stored = await db
        .selectFrom('recordVersions')
        .selectAll()
        .where('changeType', '=', 'update')
        .orderBy('version')
        .execute();
      expect(stored.map((r) => ({ ...r, snapshot: decodeSnapshot(r.snapshot) }))).toEqual(
        rows.map((r, i) => ({ ...r, snapshot: { n: i, reason: awkward[i] } })),
      );

      const scores = [0.1, -1 / 3, 1e-300, 1e308, 12.345678901234567];
      await insertRows(
        db,
        'rankingResults',
        scores.map((score, i) => ({
          period: '2026-03',
          modelVersion: 'm',
          householdId: `0190a000-0000-7000-8000-0000000004${String(i).padStart(2, '0')}`,
          provinceCode: '33',
          regencyCode: '33.07',
          villageCode: '33.07.01.2001',
          householdVersion: 1,
          score,
          criteria14: i,
          decileNational: i === 0 ? null : i,
          decileProvince: null,
          decileRegency: 10,
        })),
      );
      const results = await db.selectFrom('rankingResults').selectAll().orderBy('householdId').execute();
      expect(results.map((r) => [r.score, r.criteria14, r.decileNational, r.decileRegency])).toEqual(
        scores.map((score, i) => [score, i, i === 0 ? null : i, 10]),
      );
      // The next test reads the table's only version.
      await db.deleteFrom('recordVersions').where('changeType', '=', 'update').execute();
    });

    // PostgreSQL only: defined for that engine alone, so the SQLite run skips nothing (CI=true allows no skip).
    if (engine === 'postgres')
      it('PostgreSQL: rows of text and numbers go through one COPY, escaped exactly; a failing COPY fails its transaction only', async () => {
        const db = t.container.database.db;
        const awkward = ['\\N', 'tab\there', 'line\nbreak\r\n', 'back\\slash \\t', '', 'ñamé "q" {x},', '\\'];
        const personId = '0190a000-0000-7000-8000-900000000888'; // no entry(n) has it
        const columns = ['nik', 'villageCode'] as const;
        const rows = awkward.map((text, i) => ({
          ...entry(30_000 + i),
          personId,
          villageCode: i % 2 ? `${text}|${i}` : text,
        }));
        const executed = vi.spyOn(db, 'executeQuery');
        await insertValues(
          db,
          'nikRegistry',
          { personId },
          columns,
          rows.flatMap((r) => columns.map((c) => r[c])),
        );
        const statements = executed.mock.calls.map(([q]) => (q as { sql: string }).sql);
        executed.mockRestore();
        expect(statements).toEqual(['copy "nik_registry" ("person_id", "nik", "village_code") from stdin']);
        const stored = await db
          .selectFrom('nikRegistry')
          .selectAll()
          .where('personId', '=', personId)
          .orderBy('nik')
          .execute();
        expect(stored).toEqual(rows);

        // A duplicate key: the COPY fails, its transaction rolls back, the connections stay usable.
        const again = [{ ...entry(40_000), personId }, rows[0]!];
        await expect(
          db.transaction().execute(async (trx) => {
            await insertValues(
              trx,
              'nikRegistry',
              { personId },
              columns,
              again.flatMap((r) => columns.map((c) => r[c])),
            );
          }),
        ).rejects.toThrow(/duplicate key/);
        const after = await db
          .selectFrom('nikRegistry')
          .select('nik')
          .where('personId', '=', personId)
          .execute();
        expect(after).toHaveLength(rows.length);
      });

    it('writes rows encoded as COPY text lines in one COPY on PostgreSQL; elsewhere writes nothing and says so', async () => {
      const db = t.container.database.db;
      const columns = ['nik', 'personId', 'villageCode'] as const;
      const rows = ['tab\there', 'back\\slash', 'line\nbreak', '33'].map((text, i) => ({
        ...entry(50_000 + i),
        villageCode: text,
      }));
      const line = (r: (typeof rows)[number]) => `${columns.map((c) => copyText(r[c])).join('\t')}\n`;
      // Two texts (as two threads' batches): lines of one, then of the other.
      const texts = [rows.slice(0, 3).map(line).join(''), line(rows[3]!)];
      expect(copiesText(db)).toBe(engine === 'postgres');
      const executed = vi.spyOn(db, 'executeQuery');
      const wrote = await insertCopyText(db, 'nikRegistry', columns, texts);
      const statements = executed.mock.calls.map(([q]) => (q as { sql: string }).sql);
      executed.mockRestore();
      const stored = await db
        .selectFrom('nikRegistry')
        .selectAll()
        .where(
          'nik',
          'in',
          rows.map((r) => r.nik),
        )
        .orderBy('nik')
        .execute();
      expect(wrote).toBe(engine === 'postgres');
      if (engine === 'postgres') {
        expect(statements).toEqual(['copy "nik_registry" ("nik", "person_id", "village_code") from stdin']);
        expect(stored).toEqual(rows);
      } else {
        expect(statements).toEqual([]);
        expect(stored).toEqual([]);
      }
    });

    it('falls back to plain inserts for rows with missing or undefined columns', async () => {
      const db = t.container.database.db;
      await insertRows(db, 'recordVersions', [
        {
          id: '0190a000-0000-7000-8000-0000000000a1',
          entityType: 'household',
          entityId: '0190a000-0000-7000-8000-0000000000b1',
          provinceCode: '33',
          villageCode: '33.07.01.2001',
          version: 1,
          changeType: 'create',
          reason: undefined,
          snapshot: encodeSnapshot({}),
          changedBy: null,
          changedAt: '2026-01-01T00:00:00.000Z',
        },
      ]);
      const [v] = await db.selectFrom('recordVersions').selectAll().execute();
      expect(v).toMatchObject({ version: 1, reason: null });
      expect(decodeSnapshot(v!.snapshot)).toEqual({});
    });

    // PostgreSQL only: defined for that engine alone, so the SQLite run skips nothing (CI=true allows no skip).
    if (engine === 'postgres')
      it("refreshes the planner's count of a growing table only once it fell behind by a fifth", async () => {
        const db = t.container.database.db;
        const estimated = async () =>
          (
            await sql<{
              n: number;
            }>`select reltuples::int as n from pg_class where relname = 'nik_registry'`.execute(db)
          ).rows[0]!.n;
        const add = (from: number, n: number) =>
          insertRows(
            db,
            'nikRegistry',
            Array.from({ length: n }, (_, i) => entry(20_000 + from + i)),
          );
        await sql`analyze nik_registry`.execute(db);
        const counted = async () =>
          Number(
            (
              await db
                .selectFrom('nikRegistry')
                .select((eb) => eb.fn.countAll().as('n'))
                .executeTakeFirstOrThrow()
            ).n,
          );
        const start = await counted();
        expect(await estimated()).toBe(start);
        await add(0, 10);
        await refreshStatisticsIfGrown(db, t.container.database.engine, 'nik_registry');
        expect(await estimated()).toBe(start);
        await add(10, Math.ceil(start / 5) + 20);
        await refreshStatisticsIfGrown(db, t.container.database.engine, 'nik_registry');
        expect(await estimated()).toBe(await counted());
      });

    // PostgreSQL only: defined for that engine alone, so the SQLite run skips nothing (CI=true allows no skip).
    if (engine === 'postgres')
      it('analyzes a table far behind once when several callers find it so together', async () => {
        const db = t.container.database.db;
        const { engine: dbEngine } = t.container.database;
        await sql`analyze nik_registry`.execute(db);
        // More rows "written" than the estimate: far behind for every caller.
        const written = 1_000_000;
        const refresh = () => refreshStatisticsIfFarBehind(db, dbEngine, 'nik_registry', written);
        await db.connection().execute(async (locker) => {
          // The first caller's analyze waits on this lock (analyze takes SHARE UPDATE EXCLUSIVE) until commit.
          await sql`begin`.execute(locker);
          await sql`lock table nik_registry in share update exclusive mode`.execute(locker);
          const answers: (boolean | undefined)[] = [undefined, undefined, undefined];
          const calls = answers.map((_, i) =>
            refresh().then((r) => {
              answers[i] = r;
              return r;
            }),
          );
          // The two others find that analyze under way and leave it to it.
          await vi.waitFor(() => expect(answers.filter((a) => a === false)).toHaveLength(2), {
            timeout: 10_000,
          });
          expect(answers.filter((a) => a === undefined)).toHaveLength(1);
          await sql`commit`.execute(locker);
          expect((await Promise.all(calls)).filter(Boolean)).toHaveLength(1);
        });
        // Once that one is done, the next caller finding it far behind analyzes again.
        expect(await refreshStatisticsIfFarBehind(db, dbEngine, 'nik_registry', written)).toBe(true);
      });
  });
}

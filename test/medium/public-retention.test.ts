/**
 * Retention of the public check log (issue 14): rows older than PUBLIC_CHECK_RETENTION_DAYS go, newer stay,
 * on both engines; the default is 90 days; a backlog larger than one batch is removed completely.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { PublicCheckTable } from '../../src/db/schema/public.table.ts';
import { newId } from '../../src/lib/ids.ts';
import { ENGINES, openTestDb, type TestDb } from '../support/db.ts';

const NOW = new Date('2026-12-05T03:00:00Z');
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000).toISOString();

function row(checkedAt: string): PublicCheckTable {
  return {
    id: newId(),
    checkedAt,
    channel: 'web',
    clientHash: 'c'.repeat(64),
    nikHash: 'n'.repeat(64),
    villageCode: null,
    outcome: 'not_found',
    challenged: 0,
  };
}

for (const engine of ENGINES) {
  describe(`public check log retention (${engine})`, () => {
    let t: TestDb | undefined;
    afterEach(async () => {
      await t?.cleanup();
      t = undefined;
    });

    it('keeps 90 days by default: older rows go, newer stay', async () => {
      t = await openTestDb(engine, { now: () => NOW });
      const db = t.container.database.db;
      const old = [row(daysAgo(400)), row(daysAgo(91)), row(daysAgo(90.01))];
      const fresh = [row(daysAgo(89.99)), row(daysAgo(1)), row(NOW.toISOString())];
      await db
        .insertInto('publicChecks')
        .values([...old, ...fresh])
        .execute();
      const r = await t.container.publicPortal.pruneCheckLog();
      expect(r).toEqual({ removed: 3, before: daysAgo(90) });
      const left = await db.selectFrom('publicChecks').select('id').execute();
      expect(left.map((x) => x.id).sort()).toEqual(fresh.map((x) => x.id).sort());
      expect(await t.container.publicPortal.pruneCheckLog()).toEqual({ removed: 0, before: daysAgo(90) });
    });

    it('follows the configured days and removes a backlog larger than one batch', async () => {
      t = await openTestDb(engine, { now: () => NOW, publicCheckRetentionDays: 7 });
      const db = t.container.database.db;
      const old = Array.from({ length: 5_200 }, (_, n) => row(daysAgo(8 + (n % 50))));
      for (let i = 0; i < old.length; i += 500) {
        await db
          .insertInto('publicChecks')
          .values(old.slice(i, i + 500))
          .execute();
      }
      const keep = row(daysAgo(6));
      await db.insertInto('publicChecks').values(keep).execute();
      expect((await t.container.publicPortal.pruneCheckLog()).removed).toBe(5_200);
      const left = await db.selectFrom('publicChecks').select('id').execute();
      expect(left).toEqual([{ id: keep.id }]);
    });
  });
}

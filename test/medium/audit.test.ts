/**
 * The audit chain as a service and as the CLI sees it: entries commit or roll back with the change they
 * describe, and any edit, removal in the middle or removal at the end is found by `verify()` and by
 * `dtks audit verify`.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Container } from '../../src/container.ts';
import { type Actor, systemActor } from '../../src/modules/access/actor.ts';
import { makeHousehold } from '../factories/households.ts';
import { PLACES } from '../support/app.ts';
import { runDtks } from '../support/cli.ts';
import { ENGINES, openTestDb, type TestDb } from '../support/db.ts';
import { rowCounts } from '../support/db-state.ts';

/** A different, well-formed id (the last hex digit changed), for rows forged behind the chain's back. */
const otherId = (id: string) => `${id.slice(0, -1)}${id.endsWith('f') ? 'e' : 'f'}`;

const officer: Actor = {
  userId: null,
  username: 'op-test',
  role: 'operator_desa',
  regionCode: PLACES.villageA,
  ip: '10.0.0.1',
  userAgent: 'vitest',
};

/** `dtks audit verify` in its own process against the test database; never throws on a non-zero exit. */
function cliVerify(url: string, ...args: string[]) {
  return runDtks(['audit', 'verify', ...args], { url, timeoutMs: 30_000 });
}

async function seedEntries(c: Container, n: number) {
  for (let i = 1; i <= n; i++) {
    await c.audit.recordRead(officer, {
      action: 'test.read',
      entityType: 'household',
      entityId: `entity-${i}`,
      regionCode: PLACES.villageA,
      details: { i },
    });
  }
}

for (const engine of ENGINES) {
  describe(`audit chain (${engine})`, () => {
    let t: TestDb;
    let c: Container;
    beforeEach(async () => {
      t = await openTestDb(engine);
      c = t.container;
    });
    afterEach(async () => {
      await t.cleanup();
    });
    const db = () => c.database.db;

    describe('entries share the transaction of the change', () => {
      it('when the audit entry cannot be written, the household is not created either', async () => {
        await seedEntries(c, 2);
        // Occupy the next sequence number behind the chain's back, so the create's audit insert fails.
        const last = await db()
          .selectFrom('auditLog')
          .selectAll()
          .where('seq', '=', 2)
          .executeTakeFirstOrThrow();
        await db()
          .insertInto('auditLog')
          .values({ ...last, seq: 3, id: otherId(last.id) })
          .execute();
        const before = await rowCounts(c);
        const chainBefore = await db().selectFrom('auditChain').selectAll().execute();
        await expect(
          c.households.create(systemActor('test'), makeHousehold(PLACES.villageA, 1)),
        ).rejects.toThrow();
        expect(await rowCounts(c)).toEqual(before);
        expect(await db().selectFrom('auditChain').selectAll().execute()).toEqual(chainBefore);
        const kk = makeHousehold(PLACES.villageA, 1).kkNumber;
        expect(await db().selectFrom('households').select('id').where('kkNumber', '=', kk).execute()).toEqual(
          [],
        );
      });

      it('when the audit entry cannot be written, an edit is rolled back', async () => {
        const admin = systemActor('test');
        const h = await c.households.create(admin, makeHousehold(PLACES.villageA, 2));
        const head = await db().selectFrom('auditChain').select('lastSeq').executeTakeFirstOrThrow();
        const last = await db()
          .selectFrom('auditLog')
          .selectAll()
          .where('seq', '=', Number(head.lastSeq))
          .executeTakeFirstOrThrow();
        await db()
          .insertInto('auditLog')
          .values({ ...last, seq: Number(head.lastSeq) + 1, id: otherId(last.id) })
          .execute();
        await expect(
          c.households.update(admin, h.id, { version: 1, reason: 'ganti alamat', address: 'Jalan Baru 9' }),
        ).rejects.toThrow();
        const stored = await db()
          .selectFrom('households')
          .selectAll()
          .where('id', '=', h.id)
          .executeTakeFirstOrThrow();
        expect(stored).toMatchObject({ version: 1, address: h.address });
        const versions = await db()
          .selectFrom('recordVersions')
          .select('version')
          .where('entityId', '=', h.id)
          .execute();
        expect(versions.map((v) => v.version)).toEqual([1]);
      });
    });

    describe('verify()', () => {
      it('an intact chain verifies', async () => {
        await seedEntries(c, 6);
        expect(await c.audit.verify()).toEqual({ ok: true, entries: 6, chains: 1 });
      });

      it('an empty log verifies', async () => {
        expect(await c.audit.verify()).toMatchObject({ ok: true, entries: 0 });
      });

      it('reports the seq of an entry whose details were altered', async () => {
        await seedEntries(c, 6);
        await db().updateTable('auditLog').set({ details: '{"i":99}' }).where('seq', '=', 3).execute();
        expect(await c.audit.verify()).toMatchObject({
          ok: false,
          chain: 'main',
          seq: 3,
          reason: 'entry content was altered',
        });
      });

      it('reports an altered actor, time or region too', async () => {
        await seedEntries(c, 4);
        for (const [column, value] of [
          ['actorUsername', 'someone-else'],
          ['at', '2020-01-01T00:00:00.000Z'],
          ['regionCode', PLACES.villageB],
          ['action', 'test.nothing'],
        ] as const) {
          const original = await db()
            .selectFrom('auditLog')
            .selectAll()
            .where('seq', '=', 2)
            .executeTakeFirstOrThrow();
          await db()
            .updateTable('auditLog')
            .set({ [column]: value })
            .where('seq', '=', 2)
            .execute();
          expect(await c.audit.verify(), column).toMatchObject({ ok: false, seq: 2 });
          await db()
            .updateTable('auditLog')
            .set({ [column]: original[column] })
            .where('seq', '=', 2)
            .execute();
          expect(await c.audit.verify(), column).toMatchObject({ ok: true });
        }
      });

      it('an altered entry whose hash was recomputed breaks the link of the next one', async () => {
        await seedEntries(c, 5);
        const { auditEntryHash } = await import('../../src/modules/audit/audit.hash.ts');
        const row = await db()
          .selectFrom('auditLog')
          .selectAll()
          .where('seq', '=', 3)
          .executeTakeFirstOrThrow();
        const { hash: _h, ...rest } = { ...row, seq: Number(row.seq), details: '{"i":42}' };
        await db()
          .updateTable('auditLog')
          .set({ details: rest.details, hash: auditEntryHash(rest) })
          .where('seq', '=', 3)
          .execute();
        expect(await c.audit.verify()).toMatchObject({
          ok: false,
          seq: 4,
          reason: 'link to the previous entry is broken',
        });
      });

      it('reports an entry deleted from the middle', async () => {
        await seedEntries(c, 6);
        await db().deleteFrom('auditLog').where('seq', '=', 4).execute();
        const result = await c.audit.verify();
        expect(result).toMatchObject({ ok: false, chain: 'main', seq: 4 });
        expect(result.ok === false && result.reason).toMatch(/entry 4 is missing/);
      });

      it('reports the last entry deleted (the chain head no longer matches)', async () => {
        await seedEntries(c, 6);
        await db().deleteFrom('auditLog').where('seq', '=', 6).execute();
        const result = await c.audit.verify();
        expect(result).toMatchObject({ ok: false, chain: 'main', seq: 6, entries: 5 });
        expect(result.ok === false && result.reason).toMatch(/entries were removed/);
      });
    });

    describe('dtks audit verify (CLI, own process)', () => {
      it('exits 0 when intact and non-zero naming the entry when broken', async () => {
        await seedEntries(c, 5);
        const ok = await cliVerify(t.url);
        expect(ok.code, ok.stderr).toBe(0);
        expect(ok.stdout).toMatch(/audit chain intact: 5 entries in 1 chain/);

        const json = await cliVerify(t.url, '--json');
        expect(json.code).toBe(0);
        expect(JSON.parse(json.stdout)).toEqual({ ok: true, entries: 5, chains: 1 });

        await db().updateTable('auditLog').set({ details: '{"i":0}' }).where('seq', '=', 2).execute();
        const broken = await cliVerify(t.url);
        expect(broken.code).toBe(1);
        expect(broken.stderr).toMatch(
          /audit chain BROKEN at entry 2 \(chain main\): entry content was altered/,
        );

        const brokenJson = await cliVerify(t.url, '--json');
        expect(brokenJson.code).toBe(1);
        expect(JSON.parse(brokenJson.stdout)).toMatchObject({ ok: false, seq: 2 });
      });

      it('names the missing entry when a middle entry was deleted', async () => {
        await seedEntries(c, 5);
        await db().deleteFrom('auditLog').where('seq', '=', 3).execute();
        const broken = await cliVerify(t.url);
        expect(broken.code).toBe(1);
        expect(broken.stderr).toMatch(/BROKEN at entry 3 .*entry 3 is missing/);
      });
    });
  });
}

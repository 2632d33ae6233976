/**
 * The audit chain as a service and as the CLI sees it: entries commit or roll back with the change they
 * describe, the sealer links them into a keyed (HMAC) chain, and any edit, removal in the middle or at the
 * end — even with every hash recomputed, as plain SHA-256 or under another key — is found by `verify()`
 * and by `dtks audit verify`. Checkpoints: test/medium/audit-checkpoint.test.ts.
 *
 * `dtks audit verify` in a process of its own (`runDtks`: argv, exit codes 0 and 1 as the shell sees them,
 * stdout/stderr as pipes, --json): the intact chain (text and JSON) and the broken one (text). The other runs
 * use the same command tree inside the test's process (`runDtksInProcess`): what they prove — the broken
 * chain as JSON, the re-keying of a legacy chain, a missing entry, another key — is the command's and
 * service's, not the process's.
 */
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Container } from '../../src/container.ts';
import { newId } from '../../src/lib/ids.ts';
import { type Actor, systemActor } from '../../src/modules/access/actor.ts';
import {
  auditEntryHmac,
  type ChainedEntry,
  GENESIS_HASH,
  legacyEntryHash,
} from '../../src/modules/audit/audit.hash.ts';
import { AuditRepository } from '../../src/modules/audit/audit.repository.ts';
import { makeHousehold } from '../factories/households.ts';
import { PLACES } from '../support/app.ts';
import { runDtks, runDtksInProcess } from '../support/cli.ts';
import { ENGINES, openTestDb, type TestDb } from '../support/db.ts';
import { rowCounts } from '../support/db-state.ts';

const officer: Actor = {
  userId: null,
  username: 'op-test',
  role: 'operator_desa',
  regionCode: PLACES.villageA,
  ip: '10.0.0.1',
  userAgent: 'vitest',
};

/** `dtks audit verify` in this process against the test database; never throws on a non-zero exit. */
function cliVerify(url: string, ...args: string[]) {
  return runDtksInProcess(['audit', 'verify', ...args], { url });
}

/** `dtks audit verify` in its own process against the test database; never throws on a non-zero exit. */
function spawnedVerify(url: string, ...args: string[]) {
  return runDtks(['audit', 'verify', ...args], { url, timeoutMs: 30_000 });
}

/** `n` entries, sealed (the chain covers them), as the server's sealer would within a second. */
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
  await c.audit.seal();
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
      afterEach(() => {
        vi.restoreAllMocks();
      });

      it('when the audit entry cannot be written, the household is not created either', async () => {
        await seedEntries(c, 2);
        const before = await rowCounts(c);
        const chainBefore = await db().selectFrom('auditChain').selectAll().execute();
        vi.spyOn(AuditRepository.prototype, 'append').mockRejectedValueOnce(new Error('disk full'));
        await expect(
          c.households.create(systemActor('test'), makeHousehold(PLACES.villageA, 1)),
        ).rejects.toThrow('disk full');
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
        vi.spyOn(AuditRepository.prototype, 'append').mockRejectedValueOnce(new Error('disk full'));
        await expect(
          c.households.update(admin, h.id, { version: 1, reason: 'ganti alamat', address: 'Jalan Baru 9' }),
        ).rejects.toThrow('disk full');
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

      it('a write commits its entry: unsealed on PostgreSQL until the sealer links it, linked at once on SQLite', async () => {
        const h = await c.households.create(systemActor('test'), makeHousehold(PLACES.villageA, 3));
        const entry = await db()
          .selectFrom('auditLog')
          .selectAll()
          .where('entityId', '=', h.id)
          .executeTakeFirstOrThrow();
        expect(entry).toMatchObject(
          engine === 'postgres'
            ? { pos: null, hash: '', keyId: null }
            : { pos: expect.any(Number), keyId: c.audit.keys.hmac().keyId },
        );
        expect(await c.audit.verify()).toMatchObject({ ok: true, unsealed: 0 });
        const sealed = await db()
          .selectFrom('auditLog')
          .selectAll()
          .where('entityId', '=', h.id)
          .executeTakeFirstOrThrow();
        expect(Number(sealed.pos)).toBeGreaterThan(0);
        expect(sealed.hash).toMatch(/^[0-9a-f]{64}$/);
      });
    });

    describe('verify()', () => {
      it('an intact chain verifies', async () => {
        await seedEntries(c, 6);
        expect(await c.audit.verify()).toEqual({ ok: true, entries: 6, chains: 1, unsealed: 0 });
      });

      it('a sealing pass longer than one turn of links (200) links one unbroken chain', async () => {
        // The sealer computes a batch's links slice by slice, each slice after the one before.
        await Promise.all(
          Array.from({ length: 450 }, (_, i) =>
            c.audit.recordRead(officer, { action: 'test.read', entityId: `entity-${i}`, details: { i } }),
          ),
        );
        await c.audit.seal();
        expect(await c.audit.verify()).toEqual({ ok: true, entries: 450, chains: 1, unsealed: 0 });
        const links = await db()
          .selectFrom('auditLog')
          .select(['pos', 'prevHash', 'hash'])
          .orderBy('pos')
          .execute();
        expect(links.map((l) => Number(l.pos))).toEqual(Array.from({ length: 450 }, (_, i) => i + 1));
        expect(links.slice(1).map((l) => l.prevHash)).toEqual(links.slice(0, -1).map((l) => l.hash));
      });

      it('an empty log verifies', async () => {
        expect(await c.audit.verify()).toMatchObject({ ok: true, entries: 0 });
      });

      it('seals pending entries first, and counts those another sealer holds back', async () => {
        await c.audit.recordRead(officer, { action: 'test.read', entityId: 'late' });
        expect(await c.audit.verify()).toEqual({ ok: true, entries: 1, chains: 1, unsealed: 0 });
      });

      it('reports the entry whose details were altered', async () => {
        await seedEntries(c, 6);
        await db().updateTable('auditLog').set({ details: '{"i":99}' }).where('pos', '=', 3).execute();
        expect(await c.audit.verify()).toMatchObject({
          ok: false,
          chain: 'main',
          position: 3,
          reason: 'entry content was altered (its keyed hash does not match)',
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
            .where('pos', '=', 2)
            .executeTakeFirstOrThrow();
          await db()
            .updateTable('auditLog')
            .set({ [column]: value })
            .where('pos', '=', 2)
            .execute();
          expect(await c.audit.verify(), column).toMatchObject({ ok: false, position: 2 });
          await db()
            .updateTable('auditLog')
            .set({ [column]: original[column] })
            .where('pos', '=', 2)
            .execute();
          expect(await c.audit.verify(), column).toMatchObject({ ok: true });
        }
      });

      // What plain SHA-256 allowed: edit an entry, recompute its hash and every later one and the head.
      for (const [how, rehash, reason] of [
        [
          'plain SHA-256',
          (row: ChainedEntry) => ({ hash: legacyEntryHash(row), keyId: null }),
          /not keyed \(plain SHA-256\)/,
        ],
        [
          'plain SHA-256 under the installation key id',
          (row: ChainedEntry, keyId: string) => ({ hash: legacyEntryHash(row), keyId }),
          /content was altered/,
        ],
        [
          'HMAC with another key',
          (row: ChainedEntry, keyId: string) => ({ hash: auditEntryHmac(Buffer.alloc(32, 9), row), keyId }),
          /content was altered/,
        ],
        [
          'HMAC with another key under its own id',
          (row: ChainedEntry) => ({
            hash: auditEntryHmac(Buffer.alloc(32, 9), row),
            keyId: 'feedfacefeedface',
          }),
          /keyed with another key \(feedfacefeedface/,
        ],
      ] as const) {
        it(`a rewritten chain with recomputed hashes (${how}) is named at its first rewritten entry`, async () => {
          await seedEntries(c, 6);
          const { keyId } = c.audit.keys.hmac();
          const rows = await db().selectFrom('auditLog').selectAll().orderBy('pos').execute();
          let prevHash = rows[2]!.prevHash;
          for (const row of rows.slice(2)) {
            const pos = Number(row.pos);
            const edited = {
              ...row,
              seq: Number(row.seq),
              pos,
              prevHash,
              details: pos === 3 ? '{"i":42}' : row.details,
            };
            const { hash, keyId: k } = rehash(edited, keyId);
            await db()
              .updateTable('auditLog')
              .set({ details: edited.details, prevHash, hash, keyId: k })
              .where('pos', '=', pos)
              .execute();
            prevHash = hash;
          }
          await db().updateTable('auditChain').set({ lastHash: prevHash }).execute();
          const result = await c.audit.verify();
          expect(result).toMatchObject({ ok: false, chain: 'main', position: 3, seq: Number(rows[2]!.seq) });
          expect(result.ok === false && result.reason).toMatch(reason);
        });
      }

      it('reports an entry deleted from the middle', async () => {
        await seedEntries(c, 6);
        await db().deleteFrom('auditLog').where('pos', '=', 4).execute();
        const result = await c.audit.verify();
        expect(result).toMatchObject({ ok: false, chain: 'main', position: 4, seq: null });
        expect(result.ok === false && result.reason).toMatch(/entry 4 is missing/);
      });

      it('reports the last entry deleted (the chain head no longer matches)', async () => {
        await seedEntries(c, 6);
        await db().deleteFrom('auditLog').where('pos', '=', 6).execute();
        const result = await c.audit.verify();
        expect(result).toMatchObject({ ok: false, chain: 'main', position: 6, entries: 5 });
        expect(result.ok === false && result.reason).toMatch(/entries were removed/);
      });
    });

    describe('chains from before the audit key (migration 016)', () => {
      /** Entries as the plain SHA-256 chain wrote them: pos = seq, no key id. */
      async function legacyChain(n: number) {
        let prevHash = GENESIS_HASH;
        for (let seq = 1; seq <= n; seq++) {
          const entry = {
            seq,
            id: newId(),
            chain: 'main',
            at: `2026-01-0${seq}T00:00:00.000Z`,
            actorId: null,
            actorUsername: 'op-old',
            actorRole: 'operator_desa',
            action: 'test.read',
            entityType: 'household',
            entityId: `old-${seq}`,
            provinceCode: '33',
            regionCode: PLACES.villageA,
            ip: null,
            userAgent: null,
            details: JSON.stringify({ seq }),
            prevHash,
          };
          const hash = legacyEntryHash(entry);
          await db()
            .insertInto('auditLog')
            .values({ ...entry, hash, pos: seq, keyId: null })
            .execute();
          prevHash = hash;
        }
        await db()
          .insertInto('auditChain')
          .values({ chain: 'main', lastSeq: n, lastHash: prevHash })
          .execute();
        if (engine === 'postgres') await sql`select setval('audit_log_seq', ${n})`.execute(db());
      }

      it('an intact legacy chain is re-keyed once, then verifies and grows', async () => {
        await legacyChain(4);
        expect(await c.audit.verify()).toMatchObject({
          ok: false,
          position: 1,
          reason: expect.stringMatching(/not keyed/),
        });
        expect(await c.audit.rekeyLegacy()).toEqual({ rekeyed: 4 });
        expect(await c.audit.rekeyLegacy()).toEqual({ rekeyed: 0 });
        await seedEntries(c, 2);
        expect(await c.audit.verify()).toEqual({ ok: true, entries: 6, chains: 1, unsealed: 0 });
        const keyIds = await db().selectFrom('auditLog').select('keyId').distinct().execute();
        expect(keyIds).toEqual([{ keyId: c.audit.keys.hmac().keyId }]);
      });

      it('a broken legacy chain is left as it is and reported', async () => {
        await legacyChain(4);
        await db().updateTable('auditLog').set({ details: '{"seq":0}' }).where('seq', '=', 2).execute();
        const before = await db().selectFrom('auditLog').selectAll().orderBy('seq').execute();
        expect(await c.audit.rekeyLegacy()).toEqual({
          rekeyed: 0,
          broken: { chain: 'main', position: 2, reason: 'entry content was altered' },
        });
        expect(await db().selectFrom('auditLog').selectAll().orderBy('seq').execute()).toEqual(before);
        expect(await c.audit.verify()).toMatchObject({ ok: false, position: 1 });
      });

      it('the CLI re-keys at start and verifies', async () => {
        await legacyChain(3);
        const r = await cliVerify(t.url);
        expect(r.code, r.stderr).toBe(0);
        expect(r.stderr).toMatch(/re-keyed 3 entries/);
        expect(r.stdout).toMatch(/audit chain intact: 3 entries in 1 chain/);
      });
    });

    describe('dtks audit verify (CLI)', { timeout: 120_000 }, () => {
      it('exits 0 when intact and non-zero naming the entry when broken', async () => {
        await seedEntries(c, 5);
        const ok = await spawnedVerify(t.url);
        expect(ok.code, ok.stderr).toBe(0);
        expect(ok.stdout).toMatch(/audit chain intact: 5 entries in 1 chain/);

        const json = await spawnedVerify(t.url, '--json');
        expect(json.code).toBe(0);
        expect(JSON.parse(json.stdout)).toEqual({ ok: true, entries: 5, chains: 1, unsealed: 0 });

        await db().updateTable('auditLog').set({ details: '{"i":0}' }).where('pos', '=', 2).execute();
        const broken = await spawnedVerify(t.url);
        expect(broken.code).toBe(1);
        expect(broken.stderr).toMatch(
          /audit chain BROKEN at entry 2 \(chain main, seq \d+\): entry content was altered/,
        );

        const brokenJson = await cliVerify(t.url, '--json');
        expect(brokenJson.code).toBe(1);
        expect(JSON.parse(brokenJson.stdout)).toMatchObject({ ok: false, position: 2 });
      });

      it('names the missing entry when a middle entry was deleted', async () => {
        await seedEntries(c, 5);
        await db().deleteFrom('auditLog').where('pos', '=', 3).execute();
        const broken = await cliVerify(t.url);
        expect(broken.code).toBe(1);
        expect(broken.stderr).toMatch(/BROKEN at entry 3 .*entry 3 is missing/);
      });

      it('fails naming the entry when the chain is checked with another key', async () => {
        await seedEntries(c, 3);
        const wrong = await runDtksInProcess(['audit', 'verify'], {
          url: t.url,
          env: { AUDIT_HMAC_KEY: 'b6'.repeat(32) },
        });
        expect(wrong.code).toBe(1);
        expect(wrong.stderr).toMatch(/BROKEN at entry 1 .*keyed with another key/);
      });
    });
  });
}

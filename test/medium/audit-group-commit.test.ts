/**
 * Audited reads that arrive together share one commit (group commit), without losing any entry or
 * breaking the hash chain, and a failure is reported to every caller of the failed group.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Actor, systemActor } from '../../src/modules/access/actor.ts';
import { AuditRepository } from '../../src/modules/audit/audit.repository.ts';
import { AuditService } from '../../src/modules/audit/audit.service.ts';
import { ENGINES, openTestDb, type TestDb } from '../support/db.ts';

for (const engine of ENGINES) {
  describe(`audit group commit (${engine})`, () => {
    let t: TestDb;
    const reader: Actor = { ...systemActor('test'), username: 'reader', role: 'pusdatin' };

    beforeAll(async () => {
      t = await openTestDb(engine);
    });
    afterAll(async () => {
      await t.cleanup();
    });

    const entries = () =>
      t.container.database.db
        .selectFrom('auditLog')
        .select(['seq', 'at', 'action', 'entityId'])
        .where('action', '=', 'person.read')
        .orderBy('seq')
        .execute();

    it('writes every concurrent read, in order, in one chain', async () => {
      await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          t.container.audit.recordRead(reader, { action: 'person.read', entityId: `p${i}`, details: { i } }),
        ),
      );
      const rows = await entries();
      expect(rows.map((r) => r.entityId)).toEqual(Array.from({ length: 40 }, (_, i) => `p${i}`));
      const seqs = rows.map((r) => Number(r.seq));
      expect(seqs).toEqual(seqs.map((_, i) => seqs[0]! + i));
      expect(new Set(rows.map((r) => r.at)).size).toBe(1); // one commit for the burst
      expect(await t.container.audit.verify()).toMatchObject({ ok: true });

      await t.container.audit.recordRead(reader, { action: 'person.read', entityId: 'alone' });
      expect((await entries()).at(-1)!.entityId).toBe('alone');
      expect(await t.container.audit.verify()).toMatchObject({ ok: true });
    });

    it('keeps a group open while it still grows from one event-loop turn to the next', async () => {
      // Under load, requests reach their audit step a turn or two apart while earlier ones wait: each read
      // here arrives one turn after the previous (the next is scheduled before this one is recorded).
      // A generous window, so a slow turn on a busy test machine cannot split the group.
      const repo = new AuditRepository(t.container.database.engine);
      const audit = new AuditService(t.container.database.db, repo, t.container.audit.keys, {
        gatherMs: 5000,
      });
      // A commit: a transaction (SQLite: linked under the write lock), or one INSERT on its own (PostgreSQL).
      const transactions = vi.spyOn(t.container.database.db, 'transaction');
      const statements = vi.spyOn(repo, 'appendUnsealedAlone');
      const commits = { count: () => transactions.mock.calls.length + statements.mock.calls.length };
      const reads: Promise<void>[] = [];
      await new Promise<void>((done) => {
        const arrive = (i: number) => {
          if (i < 5) setImmediate(() => arrive(i + 1));
          else setImmediate(done);
          reads.push(audit.recordRead(reader, { action: 'person.read', entityId: `turn-${i}` }));
        };
        arrive(0);
      });
      await Promise.all(reads);
      expect(commits.count()).toBe(1);
      transactions.mockRestore();
      const rows = (await entries()).filter((r) => String(r.entityId).startsWith('turn-'));
      expect(rows.map((r) => r.entityId)).toEqual([
        'turn-0',
        'turn-1',
        'turn-2',
        'turn-3',
        'turn-4',
        'turn-5',
      ]);
      expect(await t.container.audit.verify()).toMatchObject({ ok: true });
    });

    it('rejects only the caller whose event cannot be recorded', async () => {
      const before = (await entries()).length;
      const results = await Promise.allSettled([
        t.container.audit.recordRead(reader, { action: 'person.read', entityId: 'ok-1' }),
        t.container.audit.recordRead(reader, { action: 'person.read', details: { n: 1n } }),
        t.container.audit.recordRead(reader, { action: 'person.read', entityId: 'ok-2' }),
      ]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect((await entries()).length).toBe(before + 2);
      expect(await t.container.audit.verify()).toMatchObject({ ok: true });
    });

    it('a group the database refuses leaves none of its entries, and no caller is answered as audited', async () => {
      const all = () => t.container.database.db.selectFrom('auditLog').select('seq').execute();
      const before = (await all()).length;
      // The middle entry breaks a NOT NULL column: the group's one statement (PostgreSQL) or transaction
      // (SQLite) fails as a whole.
      const results = await Promise.allSettled([
        t.container.audit.recordRead(reader, { action: 'person.read', entityId: 'group-1' }),
        t.container.audit.recordRead(reader, { action: null as unknown as string, entityId: 'group-2' }),
        t.container.audit.recordRead(reader, { action: 'person.read', entityId: 'group-3' }),
      ]);
      expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
      expect((await all()).length).toBe(before);
      await t.container.audit.recordRead(reader, { action: 'person.read', entityId: 'after' });
      expect((await entries()).at(-1)!.entityId).toBe('after');
      expect(await t.container.audit.seal({ wait: true })).toBeGreaterThanOrEqual(0);
      expect(await t.container.audit.verify()).toMatchObject({ ok: true, unsealed: 0 });
    });
  });
}

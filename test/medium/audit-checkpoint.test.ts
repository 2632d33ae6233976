/**
 * Signed checkpoints (`dtks audit checkpoint`, `dtks audit verify --checkpoint`) and the sealer: a kept
 * checkpoint proves that the chain still holds the head it signed, so a rewritten (hashes recomputed),
 * truncated or replaced log fails, as does a checkpoint signed with another key or edited; a bad file is a
 * clear error. The sealer links appends within a second, one sealer at a time, and writes checkpoints.
 *
 * Own process (`runDtks`: argv, exit codes 0, 1 and 2 as the shell sees them, stdout/stderr as pipes):
 * `audit checkpoint --out` and the `audit verify --checkpoint` that holds, the rewritten chain's failure and
 * the missing checkpoint file. The other CLI runs use the same command tree inside the test's process
 * (`runDtksInProcess`): what they prove — the printed checkpoint, the foreign key, the bad files — is the
 * commands' and service's, not the process's.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Container } from '../../src/container.ts';
import type { Actor } from '../../src/modules/access/actor.ts';
import { parseCheckpoints, signCheckpoint } from '../../src/modules/audit/audit.checkpoint.ts';
import { legacyEntryHash } from '../../src/modules/audit/audit.hash.ts';
import { AuditKeys } from '../../src/modules/audit/audit.keys.ts';
import { PLACES } from '../support/app.ts';
import { runDtks, runDtksInProcess } from '../support/cli.ts';
import { ENGINES, openTestDb, type TestDb } from '../support/db.ts';

const reader: Actor = {
  userId: null,
  username: 'op-test',
  role: 'operator_desa',
  regionCode: PLACES.villageA,
  ip: '10.0.0.1',
  userAgent: 'vitest',
};

async function read(c: Container, n: number, tag = 'e') {
  for (let i = 1; i <= n; i++) {
    await c.audit.recordRead(reader, { action: 'test.read', entityId: `${tag}-${i}`, details: { i } });
  }
}

for (const engine of ENGINES) {
  describe(`audit checkpoints and sealer (${engine})`, { timeout: 120_000 }, () => {
    let t: TestDb;
    let c: Container;
    let dir: string;
    beforeEach(async () => {
      t = await openTestDb(engine);
      c = t.container;
      dir = mkdtempSync(join(tmpdir(), 'dtks-cp-'));
    });
    afterEach(async () => {
      await t.cleanup();
      rmSync(dir, { recursive: true, force: true });
    });
    const db = () => c.database.db;
    /** The CLI with this test database's keys, in this process. */
    const dtks = (...args: string[]) =>
      runDtksInProcess(args, { url: t.url, env: { KEY_DIR: c.audit.keys.keyDir } });
    /** The CLI with this test database's keys, as a process of its own. */
    const spawned = (...args: string[]) =>
      runDtks(args, { url: t.url, env: { KEY_DIR: c.audit.keys.keyDir }, timeoutMs: 30_000 });

    it('a checkpoint written by the CLI verifies while the chain grows, with its public key', async () => {
      await read(c, 4);
      const file = join(dir, 'cp.json');
      const out = await spawned('audit', 'checkpoint', '--out', file);
      expect(out.code, out.stderr).toBe(0);
      expect(out.stdout).toMatch(/checkpoint of main entry 4 written to .*cp\.json \(key [0-9a-f]{16}\)/);
      const [cp] = parseCheckpoints(readFileSync(file, 'utf8'));
      expect(cp).toMatchObject({
        heads: [{ chain: 'main', position: 4 }],
        publicKey: c.audit.keys.signing().publicKeyBase64,
      });

      await read(c, 3, 'later');
      const ok = await spawned('audit', 'verify', '--checkpoint', file);
      expect(ok.code, ok.stderr).toBe(0);
      expect(ok.stdout).toMatch(/audit chain holds the signed head of .*: main entry 4/);

      // Without --out the checkpoint is printed, covering the entries sealed since.
      const printed = await dtks('audit', 'checkpoint');
      expect(printed.code, printed.stderr).toBe(0);
      expect(parseCheckpoints(printed.stdout)[0]!.heads).toEqual([
        expect.objectContaining({ chain: 'main', position: 7 }),
      ]);
    });

    it('a chain rewritten with recomputed hashes fails the checkpoint, naming the entry', async () => {
      await read(c, 5);
      const cp = await c.audit.checkpoint();
      // Rewrite entry 2 and every later hash and the head as plain SHA-256, claiming the installation key.
      const rows = await db().selectFrom('auditLog').selectAll().orderBy('pos').execute();
      let prevHash = rows[1]!.prevHash;
      for (const row of rows.slice(1)) {
        const edited = {
          ...row,
          seq: Number(row.seq),
          prevHash,
          details: row.pos === 2 ? '{}' : row.details,
        };
        const hash = legacyEntryHash(edited);
        await db()
          .updateTable('auditLog')
          .set({ details: edited.details, prevHash, hash })
          .where('pos', '=', Number(row.pos))
          .execute();
        prevHash = hash;
      }
      await db().updateTable('auditChain').set({ lastHash: prevHash }).execute();
      expect(await c.audit.verifyCheckpoints([cp])).toMatchObject({ ok: false, chain: 'main', position: 2 });
      const file = join(dir, 'cp.json');
      writeFileSync(file, JSON.stringify(cp));
      const r = await spawned('audit', 'verify', '--checkpoint', file);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/BROKEN at entry 2 \(chain main\): entry content was altered/);
    });

    it('a truncated tail fails the checkpoint even when the head row was moved back', async () => {
      await read(c, 6);
      const cp = await c.audit.checkpoint();
      await db().deleteFrom('auditLog').where('pos', '>', 4).execute();
      const last = await db()
        .selectFrom('auditLog')
        .select('hash')
        .where('pos', '=', 4)
        .executeTakeFirstOrThrow();
      await db().updateTable('auditChain').set({ lastSeq: 4, lastHash: last.hash }).execute();
      expect(await c.audit.verify()).toMatchObject({ ok: true, entries: 4 }); // invisible without the checkpoint
      expect(await c.audit.verifyCheckpoints([cp])).toEqual({
        ok: false,
        chain: 'main',
        position: 6,
        reason: `entry 6 signed at ${cp.at} is gone: the chain ends at 4 (truncated or replaced)`,
      });
    });

    it('a replaced log (a new chain written with the key) fails the checkpoint', async () => {
      await read(c, 3);
      const cp = await c.audit.checkpoint();
      await db().deleteFrom('auditLog').execute();
      await db().deleteFrom('auditChain').execute();
      await read(c, 5, 'replacement');
      expect(await c.audit.verify()).toMatchObject({ ok: true, entries: 5 });
      const verdict = await c.audit.verifyCheckpoints([cp]);
      expect(verdict).toMatchObject({ ok: false, chain: 'main', position: 3 });
      expect(verdict.ok === false && verdict.reason).toMatch(/entry 3 differs from the one signed/);
    });

    it('a checkpoint signed with another key, or edited after signing, is refused', async () => {
      await read(c, 2);
      const cp = await c.audit.checkpoint();
      const stranger = new AuditKeys({ dataDir: dir }).signing();
      const foreign = signCheckpoint(stranger, cp.heads, cp.at);
      expect(await c.audit.verifyCheckpoints([foreign])).toEqual({
        ok: false,
        chain: null,
        position: null,
        reason: `the checkpoint was signed with another key (${stranger.keyId}), not this installation's (${c.audit.keys.signing().keyId})`,
      });
      const edited = { ...cp, heads: [{ ...cp.heads[0]!, position: 1 }] };
      expect(await c.audit.verifyCheckpoints([edited])).toMatchObject({
        ok: false,
        reason: 'the checkpoint signature is not valid',
      });
      const file = join(dir, 'foreign.json');
      writeFileSync(file, JSON.stringify(foreign));
      const r = await dtks('audit', 'verify', '--checkpoint', file);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/audit checkpoint REFUSED: the checkpoint was signed with another key/);
    });

    it('a bad checkpoint file is a clear error (exit 2) naming what is wrong', async () => {
      const cases: [string, string | null, RegExp][] = [
        ['missing.json', null, /missing\.json cannot be read \(ENOENT\)/],
        ['empty.json', '', /the file is empty/],
        ['text.json', 'not a checkpoint\n', /line 1 is not JSON/],
        ['field.json', JSON.stringify({ format: 'dtks-audit-checkpoint/1', at: 'x' }), /line 1, at: /],
      ];
      for (const [name, content, message] of cases) {
        const file = join(dir, name);
        if (content !== null) writeFileSync(file, content);
        // The first (a missing file) in a process of its own; the rest in this process.
        const r = await (content === null ? spawned : dtks)('audit', 'verify', '--checkpoint', file);
        expect(r.code, name).toBe(2);
        expect(r.stderr, name).toMatch(
          /error audit\.checkpoint_invalid: The audit checkpoint file cannot be read/,
        );
        expect(r.stderr, name).toMatch(message);
      }
      expect(() => parseCheckpoints('{"format":"other"}')).toThrow(/line 1, format/);
    });

    it('the sealer links appends within a second and appends signed checkpoints to its file', async () => {
      const file = join(dir, 'checkpoints.jsonl');
      const sealer = c.audit.startSealer({ intervalMs: 50, checkpointEveryMs: 0, checkpointFile: file });
      try {
        await read(c, 3);
        const deadline = Date.now() + 1000;
        let unsealed = 3;
        while (unsealed > 0 && Date.now() < deadline) {
          await new Promise((r) => setTimeout(r, 50));
          const row = await db()
            .selectFrom('auditLog')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('pos', 'is', null)
            .executeTakeFirstOrThrow();
          unsealed = Number(row.n);
        }
        expect(unsealed).toBe(0);
        await read(c, 2, 'more');
      } finally {
        await sealer.stop();
      }
      expect(await c.audit.verify()).toEqual({ ok: true, entries: 5, chains: 1, unsealed: 0 });
      const written = parseCheckpoints(readFileSync(file, 'utf8'));
      expect(written.length).toBeGreaterThanOrEqual(1);
      expect(await c.audit.verifyCheckpoints(written)).toMatchObject({
        ok: true,
        checkpoints: written.length,
      });
    });

    it('concurrent sealers and appends: every entry sealed once, in one unbroken chain', async () => {
      const appends = Array.from({ length: 120 }, (_, i) =>
        c.audit.recordRead(reader, { action: 'test.read', entityId: `c-${i}` }),
      );
      const writes = Array.from({ length: 20 }, (_, i) =>
        db()
          .transaction()
          .execute((trx) => c.audit.record(trx, reader, { action: 'test.write', entityId: `w-${i}` })),
      );
      const sealers = Array.from({ length: 4 }, async () => {
        for (let i = 0; i < 10; i++) await c.audit.seal();
      });
      // A verification while sealers link entries checks up to the head it read, and passes.
      const verifications = Array.from({ length: 3 }, async () => {
        for (let i = 0; i < 3; i++) expect(await c.audit.verify()).toMatchObject({ ok: true });
      });
      await Promise.all([...appends, ...writes, ...sealers, ...verifications]);
      await c.audit.seal({ wait: true });
      expect(await c.audit.verify()).toEqual({ ok: true, entries: 140, chains: 1, unsealed: 0 });
      const positions = await db().selectFrom('auditLog').select('pos').orderBy('pos').execute();
      expect(positions.map((p) => Number(p.pos))).toEqual(Array.from({ length: 140 }, (_, i) => i + 1));
    });
  });
}

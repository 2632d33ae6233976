/**
 * Migration 083 stores every UUID as its 16 bytes on SQLite (36 characters of text before; PostgreSQL keeps
 * `uuid`), converted at the driver's boundary (src/db/uuid-blob.ts). A demo database written by the version
 * before it — households, persons, versions, the audit chain, users, the cycle, penetapan, ranking,
 * recipients — comes out with every table reading back exactly as before, the same API answers (keyset pages
 * followed by their cursors too), an audit chain that still verifies, ids stored as blobs, and nothing more
 * to change when the migration runs again. Before 083 the driver binds ids as text: what an old version wrote.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, DEMO_REGENCY } from '../../src/cli/demo.ts';
import { seedDemoIfEmpty } from '../../src/cli/seed-demo.ts';
import { loadConfig } from '../../src/config.ts';
import { type Container, createContainer } from '../../src/container.ts';
import { type Database, uuidBlobsOn } from '../../src/db/dialect.ts';
import { login, testApp } from '../support/app.ts';
import { ENGINES, openDbBefore, TEST_AUDIT_HMAC_KEY } from '../support/db.ts';

const UUID_BLOBS = '083_uuid_blobs';

for (const engine of ENGINES) {
  describe(`UUIDs as 16-byte blobs, migration 083 (${engine})`, () => {
    let migration: Awaited<ReturnType<typeof openDbBefore>> | undefined;
    let database: Database;
    let c: Container;
    let app: FastifyInstance;
    let dir: string;
    const headers: Record<string, Record<string, string>> = {};
    let tablesBefore: Record<string, string[]>;
    let answersBefore: Map<string, unknown>;
    let verifiedBefore: Awaited<ReturnType<Container['audit']['verify']>>;
    let idTypesBefore: string[];
    const urls: [string, string][] = [];
    // biome-ignore lint/suspicious/noExplicitAny: every table, whatever its type
    const raw = () => database.db as unknown as Kysely<any>;

    /** Every ordinary table's rows, each as JSON, sorted (the order of a scan is not the point). */
    async function tables(): Promise<Record<string, string[]>> {
      const names =
        engine === 'sqlite'
          ? await sql<{ name: string }>`select name from pragma_table_list
              where schema = 'main' and type = 'table' and name not like 'sqlite%' order by name`.execute(
              raw(),
            )
          : await sql<{ name: string }>`select table_name as name from information_schema.tables
              where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`.execute(raw());
      const out: Record<string, string[]> = {};
      for (const { name } of names.rows) {
        const rows = await sql<Record<string, unknown>>`select * from ${sql.id(name)}`.execute(raw());
        out[name] = rows.rows
          .map((r) =>
            JSON.stringify(r, (_, v) => (v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v)),
          )
          .sort();
      }
      return out;
    }

    /** Each URL's answer, and for a page with a cursor the next page's too. */
    async function answers(): Promise<Map<string, unknown>> {
      const out = new Map<string, unknown>();
      for (const [who, url] of urls) {
        let next: string | null = url;
        for (let page = 0; next && page < 3; page++) {
          const res: { statusCode: number; body: string; json(): unknown } = await app.inject({
            url: next,
            headers: headers[who],
          });
          expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
          const body = res.json() as { nextCursor?: string | null };
          out.set(`${who} ${next}`, body);
          const cursor = body.nextCursor;
          next = cursor ? `${url}${url.includes('?') ? '&' : '?'}cursor=${encodeURIComponent(cursor)}` : null;
        }
      }
      return out;
    }

    /** How a few tables store their ids (SQLite: `typeof`). */
    async function idTypes(): Promise<string[]> {
      const { rows } = await sql<{ t: string }>`select distinct typeof(id) as t from households
        union select distinct typeof(household_id) from persons
        union select distinct typeof(entity_id) from record_versions
        union select distinct typeof(id) from users
        union select distinct typeof(actor_id) from audit_log where actor_id is not null
        order by 1`.execute(raw());
      return rows.map((r) => r.t);
    }

    beforeAll(async () => {
      migration = await openDbBefore(engine, UUID_BLOBS);
      database = migration.database;
      dir = mkdtempSync(join(tmpdir(), 'dtks-t-'));
      c = createContainer(database, { ...loadConfig({}), dataDir: dir, auditHmacKey: TEST_AUDIT_HMAC_KEY });
      await seedDemoIfEmpty(c, 40, () => {});
      app = await testApp(c);
      for (const u of ['operator', 'dinsos', 'pusdatin', 'admin'])
        headers[u] = await login(app, u, DEMO_PASSWORD);
      const db = database.db;
      const household = await db
        .selectFrom('households')
        .select('id')
        .where('status', '=', 'active')
        .orderBy('id')
        .executeTakeFirstOrThrow();
      const person = await db
        .selectFrom('persons')
        .select('nik')
        .where('householdId', '=', household.id)
        .executeTakeFirstOrThrow();
      const period = await db
        .selectFrom('periods')
        .select('period')
        .orderBy('period')
        .executeTakeFirstOrThrow();
      urls.push(
        ['dinsos', `/api/v1/households?region=${DEMO_REGENCY}&limit=7`],
        ['dinsos', `/api/v1/households/${household.id}`],
        ['dinsos', `/api/v1/households/${household.id}/history`],
        ['dinsos', `/api/v1/households/${household.id}/programmes`],
        ['dinsos', `/api/v1/persons/${person.nik}`],
        ['admin', '/api/v1/users'],
        ['pusdatin', '/api/v1/periods'],
        ['pusdatin', `/api/v1/periods/${period.period}`],
        ['pusdatin', `/api/v1/periods/${period.period}/changes?limit=5`],
        ['dinsos', `/api/v1/periods/${period.period}/recipients?programme=PKH&limit=5`],
        ['dinsos', '/api/v1/usulan?limit=5'],
        ['dinsos', '/api/v1/sanggah'],
        ['dinsos', '/api/v1/recipient-proposals'],
        ['dinsos', '/api/v1/distribution/batches'],
        ['operator', '/api/v1/musdes'],
        ['dinsos', '/api/v1/submissions'],
        ['operator', '/api/v1/todo'],
      );
      answersBefore = await answers();
      verifiedBefore = await c.audit.verify();
      if (engine === 'sqlite') idTypesBefore = await idTypes();
      tablesBefore = await tables();
      await migration.apply();
    }, 300_000);
    afterAll(async () => {
      await app?.close();
      await migration?.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('reads every table back exactly as before', async () => {
      expect(Object.keys(tablesBefore).length).toBeGreaterThan(50);
      expect(tablesBefore.households!.length).toBeGreaterThan(0);
      const after = await tables();
      for (const [table, rows] of Object.entries(tablesBefore)) expect(after[table], table).toEqual(rows);
    });

    it('answers the same API reads, page after page', async () => {
      // Some lists were followed to a second page (their cursors hold ids).
      expect(answersBefore.size).toBeGreaterThan(urls.length);
      expect(await answers()).toEqual(answersBefore);
    });

    it('still verifies the audit chain written before it', async () => {
      expect(verifiedBefore.ok).toBe(true);
      const verified = await c.audit.verify();
      expect(verified).toMatchObject({ ok: true, chains: verifiedBefore.ok ? verifiedBefore.chains : -1 });
      expect(verified.entries).toBeGreaterThanOrEqual(verifiedBefore.entries);
    });

    // SQLite only (its storage): not declared for PostgreSQL, so nothing is skipped there.
    if (engine === 'sqlite') {
      it('finds text ids written before it and leaves blobs, binding blobs from then on', async () => {
        expect(idTypesBefore).toEqual(['text']);
        expect(await idTypes()).toEqual(['blob']);
        expect(uuidBlobsOn(database.db)).toBe(true);
        // Nothing else that was text changed type: NIKs, codes, names.
        const { rows } = await sql<{
          n: string;
          v: string;
        }>`select typeof(nik) as n, typeof(village_code) as v
          from persons limit 1`.execute(raw());
        expect(rows).toEqual([{ n: 'text', v: 'text' }]);
      });

      it('changes nothing when it runs again', async () => {
        const before = await tables();
        await migration!.apply();
        expect(await tables()).toEqual(before);
      });
    }
  });
}

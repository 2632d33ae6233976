/**
 * Audit through the API: every write leaves exactly one entry (a rejected write none), every read of
 * personal data leaves one, and the log is readable only by auditors and admins, filtered by user, record
 * and time, limited to the auditor's territory.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeHousehold } from '../factories/households.ts';
import { createUsers, login, PLACES, testApp } from '../support/app.ts';
import { runDtks, runDtksInProcess } from '../support/cli.ts';
import { ENGINES, openTestDb, type TestDb } from '../support/db.ts';
import { rowCounts } from '../support/db-state.ts';

interface Entry {
  seq: number;
  action: string;
  actorUsername: string;
  actorRole: string;
  entityType: string | null;
  entityId: string | null;
  regionCode: string | null;
  at: string;
  details: Record<string, unknown>;
  hash: string;
}

for (const engine of ENGINES) {
  describe(`audit API (${engine})`, () => {
    let t: TestDb;
    let app: FastifyInstance;
    const as: Record<string, Record<string, string>> = {};
    let household: {
      id: string;
      version: number;
      members: { id: string; nik: string; relationship: number }[];
    };
    let otherRegencyId: string;

    /** Audit entries written since `afterSeq`, oldest first, straight from the database. */
    async function entriesAfter(afterSeq: number) {
      return t.container.database.db
        .selectFrom('auditLog')
        .selectAll()
        .where('seq', '>', afterSeq)
        .orderBy('seq')
        .execute();
    }
    async function lastSeq(): Promise<number> {
      const r = await t.container.database.db
        .selectFrom('auditLog')
        .select((eb) => eb.fn.max('seq').as('s'))
        .executeTakeFirst();
      return Number(r?.s ?? 0);
    }
    const audit = (query: string, who = 'auditor') =>
      app.inject({ url: `/api/v1/audit${query}`, headers: as[who] });

    beforeAll(async () => {
      t = await openTestDb(engine);
      await createUsers(t.container);
      app = await testApp(t.container);
      for (const u of ['op-a', 'op-b', 'auditor', 'admin', 'dinsos']) as[u] = await login(app, u);
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/households',
        headers: as['op-a'],
        payload: makeHousehold(PLACES.villageA, 1),
      });
      expect(res.statusCode, res.body).toBe(201);
      household = res.json();
      const other = await app.inject({
        method: 'POST',
        url: '/api/v1/households',
        headers: as.admin,
        payload: makeHousehold(PLACES.otherVillage, 2),
      });
      expect(other.statusCode, other.body).toBe(201);
      otherRegencyId = other.json().id;
    });
    afterAll(async () => {
      await app.close();
      await t.cleanup();
    });

    describe('writes', () => {
      it('each write creates its audit entry, naming actor, record, region and version', async () => {
        const head = household.members.find((m) => m.relationship === 1)!;
        const child = household.members.find((m) => m.relationship === 3)!;
        const steps = [
          {
            method: 'PATCH' as const,
            url: `/api/v1/households/${household.id}`,
            payload: { version: 1, reason: 'pindah RT', rt: '7' },
            action: 'household.update',
          },
          {
            method: 'PATCH' as const,
            url: `/api/v1/households/${household.id}/members/${child.id}`,
            payload: { version: 2, reason: 'naik kelas', schoolParticipation: 2 },
            action: 'household.member_update',
          },
          {
            method: 'POST' as const,
            url: `/api/v1/households/${household.id}/members/${child.id}/removal`,
            payload: { version: 3, reasonCode: 'moved_out' },
            action: 'household.member_remove',
          },
        ];
        for (const [i, s] of steps.entries()) {
          const seq = await lastSeq();
          const res = await app.inject({
            method: s.method,
            url: s.url,
            headers: as['op-a'],
            payload: s.payload,
          });
          expect(res.statusCode, res.body).toBe(200);
          const written = (await entriesAfter(seq)).filter((e) => e.action !== 'household.read');
          expect(written).toHaveLength(1);
          expect(written[0]).toMatchObject({
            action: s.action,
            actorUsername: 'op-a',
            actorRole: 'operator_desa',
            entityType: 'household',
            entityId: household.id,
            regionCode: PLACES.villageA,
            provinceCode: '33',
          });
          expect(JSON.parse(written[0]!.details)).toMatchObject({ version: i + 2 });
        }
        expect(head).toBeDefined();
      });

      it('a create is audited once with the new id', async () => {
        const seq = await lastSeq();
        const res = await app.inject({
          method: 'POST',
          url: '/api/v1/households',
          headers: as['op-a'],
          payload: makeHousehold(PLACES.villageA, 3),
        });
        expect(res.statusCode).toBe(201);
        const creates = (await entriesAfter(seq)).filter((e) => e.action === 'household.create');
        expect(creates).toHaveLength(1);
        expect(creates[0]).toMatchObject({ entityId: res.json().id, regionCode: PLACES.villageA });
        expect(JSON.parse(creates[0]!.details)).toMatchObject({ count: 1, ids: [res.json().id] });
      });

      it('a rejected write leaves no entry (and no other change)', async () => {
        const before = await rowCounts(t.container);
        const attempts = [
          // stale version
          {
            method: 'PATCH',
            url: `/api/v1/households/${household.id}`,
            payload: { version: 1, reason: 'ulang', rt: '8' },
          },
          // warning not confirmed (birth date disagrees with the NIK)
          {
            method: 'POST',
            url: '/api/v1/households',
            payload: (() => {
              const h = makeHousehold(PLACES.villageA, 4);
              h.members[2] = { ...h.members[2]!, birthDate: '2010-11-21' };
              return h;
            })(),
          },
          // invalid NIK
          {
            method: 'POST',
            url: '/api/v1/households',
            payload: makeHousehold(PLACES.villageA, 5, { kkNumber: '3307010000000000' }),
          },
          // outside territory
          { method: 'POST', url: '/api/v1/households', payload: makeHousehold(PLACES.villageB, 6) },
          // unknown removal reason
          {
            method: 'POST',
            url: `/api/v1/households/${household.id}/removal`,
            payload: { version: 4, reasonCode: 'bored' },
          },
        ] as const;
        for (const a of attempts) {
          const res = await app.inject({
            method: a.method,
            url: a.url,
            headers: as['op-a'],
            payload: a.payload,
          });
          expect(res.statusCode, `${a.url} ${res.body}`).toBeGreaterThanOrEqual(400);
          expect(res.statusCode).toBeLessThan(500);
        }
        const forbidden = await app.inject({
          method: 'PATCH',
          url: `/api/v1/households/${household.id}`,
          headers: as.auditor,
          payload: { version: 4, reason: 'auditor mencoba', rt: '9' },
        });
        expect(forbidden.statusCode).toBe(403);
        expect(await rowCounts(t.container)).toEqual(before);
      });
    });

    describe('reads of personal data', () => {
      it('detail, person by NIK, history and list each create one entry', async () => {
        const nik = household.members[0]!.nik;
        const reads = [
          { url: `/api/v1/households/${household.id}`, action: 'household.read', entityId: household.id },
          { url: `/api/v1/persons/${nik}`, action: 'person.read', entityId: household.members[0]!.id },
          {
            url: `/api/v1/households/${household.id}/history`,
            action: 'household.history',
            entityId: household.id,
          },
          { url: '/api/v1/households?q=budi', action: 'household.list', entityId: null },
        ];
        for (const r of reads) {
          const seq = await lastSeq();
          const res = await app.inject({ url: r.url, headers: as.dinsos });
          expect(res.statusCode, res.body).toBe(200);
          const written = await entriesAfter(seq);
          expect(written, r.url).toHaveLength(1);
          expect(written[0]).toMatchObject({
            action: r.action,
            actorUsername: 'dinsos',
            entityId: r.entityId,
          });
        }
        const [list] = await entriesAfter((await lastSeq()) - 1);
        expect(JSON.parse(list!.details).ids).toContain(household.id);
        expect(list!.regionCode).toBe(PLACES.regency);
      });

      it('a read that finds nothing, or nothing visible, writes no entry', async () => {
        const before = await rowCounts(t.container);
        await app.inject({ url: `/api/v1/households/${household.id}`, headers: as['op-b'] });
        await app.inject({ url: `/api/v1/persons/${household.members[0]!.nik}`, headers: as['op-b'] });
        await app.inject({ url: '/api/v1/households?q=zzzz', headers: as['op-a'] });
        expect(await rowCounts(t.container)).toEqual(before);
      });
    });

    describe('GET /api/v1/audit', () => {
      it('is only for auditors and admins', async () => {
        for (const who of ['op-a', 'dinsos']) {
          const res = await audit('', who);
          expect(res.statusCode).toBe(403);
          expect(res.json().code).toBe('access.forbidden');
          const verify = await app.inject({ url: '/api/v1/audit/verify', headers: as[who] });
          expect(verify.statusCode).toBe(403);
        }
        expect((await app.inject({ url: '/api/v1/audit' })).statusCode).toBe(401);
        expect((await audit('')).statusCode).toBe(200);
        expect((await audit('', 'admin')).statusCode).toBe(200);
        // Browsing the log is itself a read of personal data: the next page shows the previous browse.
        const latest = (await audit('?username=admin&limit=1', 'admin')).json().items[0];
        expect(latest).toMatchObject({ action: 'audit.list', actorUsername: 'admin' });
        const verify = await app.inject({ url: '/api/v1/audit/verify', headers: as.auditor });
        expect(verify.json()).toMatchObject({ ok: true });
      });

      it('filters by user, by record and by time, newest first, with a cursor', async () => {
        const byUser = (await audit('?username=dinsos&limit=200', 'admin')).json().items as Entry[];
        expect(byUser.length).toBeGreaterThanOrEqual(4);
        for (const e of byUser) expect(e.actorUsername).toBe('dinsos');
        const seqs = byUser.map((e) => e.seq);
        expect(seqs).toEqual([...seqs].sort((a, b) => b - a));

        const byRecord = (await audit(`?entityId=${household.id}&limit=200`)).json().items as Entry[];
        expect(byRecord.length).toBeGreaterThan(0);
        for (const e of byRecord) expect(e.entityId).toBe(household.id);
        expect(byRecord.map((e) => e.action)).toEqual(
          expect.arrayContaining(['household.update', 'household.member_update', 'household.read']),
        );

        const both = (await audit(`?entityId=${household.id}&username=op-a&action=household.update`)).json()
          .items as Entry[];
        expect(both).toHaveLength(1);

        const all = (await audit('?limit=200', 'admin')).json().items as Entry[];
        const middle = all[Math.floor(all.length / 2)]!;
        const later = (await audit(`?from=${encodeURIComponent(middle.at)}&limit=200`, 'admin')).json()
          .items as Entry[];
        expect(later.length).toBeGreaterThan(0);
        for (const e of later) expect(e.at >= middle.at).toBe(true);
        expect(later.length).toBeLessThan(all.length);
        const earlier = (await audit(`?to=${encodeURIComponent(middle.at)}&limit=200`, 'admin')).json()
          .items as Entry[];
        for (const e of earlier) expect(e.at < middle.at).toBe(true);
        expect((await audit('?from=2000-01-01&to=2000-01-02', 'admin')).json().items).toEqual([]);
        expect((await audit('?from=yesterday')).statusCode).toBe(400);

        const page1 = (await audit('?limit=3', 'admin')).json();
        expect(page1.items).toHaveLength(3);
        const page2 = (await audit(`?limit=3&cursor=${page1.nextCursor}`, 'admin')).json();
        expect(page2.items[0].seq).toBe(page1.items[2].seq - 1);
      });

      it('names people, regions and records, and filters by action group and region', async () => {
        const items = (await audit(`?entityId=${household.id}&group=household&limit=200`)).json()
          .items as (Entry & { actorName: string | null; regionName: string | null; entityName: string })[];
        expect(items.length).toBeGreaterThan(0);
        const head = await t.container.database.db
          .selectFrom('households')
          .select('headName')
          .where('id', '=', household.id)
          .executeTakeFirstOrThrow();
        const actor = await t.container.database.db
          .selectFrom('users')
          .select('displayName')
          .where('username', '=', 'op-a')
          .executeTakeFirstOrThrow();
        const village = await t.container.regions.get(PLACES.villageA);
        for (const e of items) {
          expect(e.action).toMatch(/^household\./);
          expect(e.entityName).toBe(head.headName);
          expect(e.regionName).toBe(village.name);
        }
        const byOpA = items.find((e) => e.actorUsername === 'op-a')!;
        expect(byOpA.actorName).toBe(actor.displayName || 'op-a');

        const auth = (await audit('?group=auth&limit=200', 'admin')).json().items as Entry[];
        expect(auth.length).toBeGreaterThan(0);
        for (const e of auth) expect(e.action).toMatch(/^auth\./);

        const inB = (await audit(`?regionCode=${PLACES.districtB.replaceAll('.', '')}&limit=200`)).json()
          .items as Entry[];
        for (const e of inB) expect(e.regionCode).toMatch(/^33\.07\.02/);
        const inA = (await audit(`?regionCode=${PLACES.districtA}&limit=200`)).json().items as Entry[];
        expect(inA.map((e) => e.entityId)).toContain(household.id);
        // Another regency through the filter: still only the auditor's territory, so nothing.
        expect((await audit(`?regionCode=${PLACES.otherRegency}`)).json().items).toEqual([]);
        expect((await audit('?group=Household!')).statusCode).toBe(400);
        const bad = await audit('?regionCode=33.00');
        expect(bad.statusCode).toBe(400);
        expect(bad.body).toContain('regionCode');
      });

      // `audit list` in a process of its own (`runDtks`: argv, exit codes, stdout/stderr as pipes, the text
      // lines) for the filtered list and the refusal; the JSON list runs the same command tree inside this
      // process (`runDtksInProcess`): what it proves is the command's and service's, not the process's.
      it('dtks audit list names the same people and records, filtered by group and region', async () => {
        await t.container.audit.seal();
        const head = await t.container.database.db
          .selectFrom('households')
          .select('headName')
          .where('id', '=', household.id)
          .executeTakeFirstOrThrow();
        const village = await t.container.regions.get(PLACES.villageA);
        const out = await runDtks(
          [
            'audit',
            'list',
            '--as',
            'auditor',
            '--group',
            'household',
            '--region',
            PLACES.districtA,
            '--limit',
            '500',
          ],
          { url: t.url },
        );
        expect(out.code, out.stderr).toBe(0);
        const lines = out.stdout.trim().split('\n');
        expect(lines.length).toBeGreaterThan(0);
        for (const line of lines) expect(line).toMatch(/ {2}household\./);
        expect(lines.some((l) => l.includes(head.headName) && l.includes(village.name))).toBe(true);
        const json = await runDtksInProcess(
          ['audit', 'list', '--as', 'auditor', '--group', 'auth', '--json'],
          {
            url: t.url,
          },
        );
        expect(json.code, json.stderr).toBe(0);
        for (const e of JSON.parse(json.stdout) as Entry[]) expect(e.action).toMatch(/^auth\./);
        const refused = await runDtks(['audit', 'list', '--as', 'op-a'], { url: t.url });
        expect(refused.code).not.toBe(0);
      }, 180_000);

      it('a regency auditor sees only entries of their regency', async () => {
        const mine = (await audit('?limit=200')).json().items as Entry[];
        expect(mine.length).toBeGreaterThan(0);
        for (const e of mine) expect(e.regionCode ?? '').toMatch(/^33\.07(\.|$)/);
        expect(mine.map((e) => e.entityId)).not.toContain(otherRegencyId);
        const forOther = (await audit(`?entityId=${otherRegencyId}`)).json().items;
        expect(forOther).toEqual([]);
        const admin = (await audit(`?entityId=${otherRegencyId}`, 'admin')).json().items as Entry[];
        expect(admin.map((e) => e.action)).toContain('household.create');
      });
    });
  });
}

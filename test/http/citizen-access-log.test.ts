/**
 * "Who read my data" grouped and paged (issue 14) on both engines: a family's audit entries — its own
 * entries and list reads that returned it — come as one line per local day (WIB for a village in Central
 * Java), office, role, purpose and kind with a count; paging by `cursor` gives every entry exactly once,
 * newest day first, unchanged by entries appended meanwhile; another family's reads never appear; a change
 * is listed as a change; an entry naming both the household and the person counts once.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccessGroup } from '../../src/domain/access/access-log.ts';
import { isReadAction } from '../../src/domain/access/audit-actions.ts';
import { localDay } from '../../src/domain/regions/time-zone.ts';
import { newId } from '../../src/lib/ids.ts';
import { LogCodeSender } from '../../src/modules/citizen/code-sender.ts';
import { makeHousehold } from '../factories/households.ts';
import { importSeedCsv } from '../factories/households-csv.ts';
import { createUsers, PLACES, testApp } from '../support/app.ts';
import { unsealedAuditRow } from '../support/audit-rows.ts';
import { citizenAccount } from '../support/citizen.ts';
import { ENGINES, openTestDb, type TestDb } from '../support/db.ts';

interface Page {
  timeZone: string;
  groups: AccessGroup[];
  nextCursor: string | null;
}
/** One synthetic audit entry: who (a test user, or null for system work), when, what, about which records. */
interface Entry {
  at: string;
  who: string | null;
  action: string;
  purpose: string | null;
  /** The record of the entry itself (`audit_log.entity_id`). */
  entity: 'household' | 'person' | 'nik' | 'other' | null;
  /** Records the read returned (`audit_subjects`). */
  subjects?: ('household' | 'person' | 'other')[];
}

const keyOf = (g: {
  day: string;
  officeRegionCode: string | null;
  role: string;
  purpose: string | null;
  kind: string;
}) => JSON.stringify([g.day, g.officeRegionCode, g.role, g.purpose, g.kind]);

for (const engine of ENGINES) {
  describe(`who read my data, grouped and paged (${engine})`, () => {
    const sender = new LogCodeSender(() => {});
    let t: TestDb;
    let app: FastifyInstance;
    let mine: Record<string, string>;
    let ids: { household: string; person: string; nik: string; other: string };
    const users = new Map<string, { id: string; role: string; regionCode: string }>();
    let seq = 50_000_000;

    const append = async (entries: Entry[]) => {
      const db = t.container.database.db;
      const entity = (e: Entry['entity']) => (e === null ? null : ids[e]);
      for (const e of entries) {
        const id = newId();
        const user = e.who ? users.get(e.who)! : null;
        await db
          .insertInto('auditLog')
          .values(
            unsealedAuditRow({
              seq: ++seq,
              id,
              chain: 'test-access-log',
              at: e.at,
              actorId: user?.id ?? null,
              actorUsername: e.who,
              actorRole: user?.role ?? null,
              action: e.action,
              entityId: entity(e.entity),
              purpose: e.purpose,
            }),
          )
          .execute();
        for (const s of e.subjects ?? []) {
          await db
            .insertInto('auditSubjects')
            .values({
              entityId: ids[s],
              at: e.at,
              auditId: id,
              action: e.action,
              actorId: user?.id ?? null,
              actorRole: user?.role ?? null,
              purpose: e.purpose,
            })
            .execute();
        }
      }
    };

    /** What the citizen must see of `entries`: counts per day, office, role, purpose and kind. */
    const expected = (entries: Entry[]) => {
      const out = new Map<string, number>();
      for (const e of entries) {
        const about = [e.entity, ...(e.subjects ?? [])].some(
          (x) => x === 'household' || x === 'person' || x === 'nik',
        );
        if (!about || !e.who) continue;
        const u = users.get(e.who)!;
        const k = keyOf({
          day: localDay(e.at, 'WIB'),
          officeRegionCode: u.regionCode,
          role: u.role,
          purpose: e.purpose,
          kind: isReadAction(e.action) ? 'read' : 'change',
        });
        out.set(k, (out.get(k) ?? 0) + 1);
      }
      return out;
    };

    const page = async (query: string) => {
      const res = await app.inject({ url: `/api/v1/public/citizen/access-log${query}`, headers: mine });
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as Page;
    };
    const allPages = async (limit: number, between?: () => Promise<void>) => {
      const groups: AccessGroup[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const p = await page(`?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
        expect(p.timeZone).toBe('WIB');
        groups.push(...p.groups);
        cursor = p.nextCursor;
        if (pages++ === 0) await between?.();
      } while (cursor && pages < 100);
      return { groups, pages };
    };

    // Three days of October 2026 (WIB), and a pair one millisecond apart across a WIB midnight.
    const SYNTHETIC: Entry[] = [
      ...Array.from(
        { length: 12 },
        (_, i): Entry => ({
          at: `2026-10-05T0${i % 9}:${String(10 + i).padStart(2, '0')}:00.000Z`,
          who: 'op-a',
          action: 'household.list',
          purpose: 'Daftar rumah tangga desa',
          entity: null,
          // A list holding both the household and the person counts once.
          subjects: i % 2 ? ['household', 'person'] : ['household'],
        }),
      ),
      {
        at: '2026-10-05T03:00:00.000Z',
        who: 'op-a',
        action: 'household.update',
        purpose: 'Daftar rumah tangga desa',
        entity: 'household',
      },
      {
        at: '2026-10-05T16:59:59.999Z',
        who: 'dinsos',
        action: 'person.read',
        purpose: 'Penetapan',
        entity: 'person',
      },
      {
        at: '2026-10-05T17:00:00.000Z',
        who: 'dinsos',
        action: 'person.read',
        purpose: 'Penetapan',
        entity: 'person',
      },
      ...Array.from(
        { length: 7 },
        (_, i): Entry => ({
          at: `2026-10-06T0${i}:30:00.000Z`,
          who: 'dinsos',
          action: i % 3 ? 'household.read' : 'recipients.diff',
          purpose: 'Penetapan',
          entity: i % 3 ? 'household' : null,
          subjects: i % 3 ? [] : ['household'],
        }),
      ),
      // Its own entry and its subject row (the same entry) count once.
      {
        at: '2026-10-06T08:00:00.000Z',
        who: 'pusdatin',
        action: 'household.read',
        purpose: null,
        entity: 'household',
        subjects: ['person'],
      },
      {
        at: '2026-10-09T02:00:00.000Z',
        who: 'op-a',
        action: 'person.read',
        purpose: 'Warga datang',
        entity: 'nik',
      },
      // System work (no role) is nobody's read; another family's reads are not this family's.
      {
        at: '2026-10-09T03:00:00.000Z',
        who: null,
        action: 'household.update',
        purpose: null,
        entity: 'household',
      },
      ...Array.from(
        { length: 5 },
        (_, i): Entry => ({
          at: `2026-10-0${5 + i}T04:00:00.000Z`,
          who: i % 2 ? 'op-a' : 'dinsos',
          action: i % 2 ? 'household.read' : 'household.list',
          purpose: 'Keluarga lain',
          entity: i % 2 ? 'other' : null,
          subjects: i % 2 ? [] : ['other'],
        }),
      ),
    ];

    beforeAll(async () => {
      t = await openTestDb(engine, { codeSender: sender });
      const c = t.container;
      const db = c.database.db;
      await createUsers(c);
      for (const u of await db
        .selectFrom('users')
        .select(['id', 'username', 'role', 'regionCode'])
        .execute()) {
        users.set(u.username, { id: u.id, role: u.role, regionCode: u.regionCode });
      }
      await importSeedCsv(
        c,
        Array.from({ length: 2 }, (_, i) => makeHousehold(PLACES.villageA, i)),
      );
      const [household, other] = (
        await db
          .selectFrom('households')
          .select('id')
          .where('villageCode', '=', PLACES.villageA)
          .orderBy('id')
          .execute()
      ).map((h) => h.id);
      const person = await db
        .selectFrom('persons')
        .select(['id', 'nik', 'name'])
        .where('householdId', '=', household!)
        .where('nik', 'is not', null)
        .orderBy('id')
        .executeTakeFirstOrThrow();
      ids = { household: household!, person: person.id, nik: person.nik!, other: other! };
      app = await testApp(c);
      mine = await citizenAccount(app, c, sender, 1, {
        prefix: 'pemilik',
        serial: 5600,
        verified: true,
        who: { nik: person.nik!, name: person.name },
      });
      await append(SYNTHETIC);
    });
    afterAll(async () => {
      await app?.close();
      await t?.cleanup();
    });

    it('groups per WIB day, office, role, purpose and kind, and pages through every entry exactly once', async () => {
      const want = expected(SYNTHETIC);
      for (const limit of [1, 2, 20]) {
        const { groups, pages } = await allPages(limit);
        // Newest day first, no line twice.
        const days = groups.map((g) => g.day);
        expect(days, `limit ${limit}`).toEqual([...days].sort().reverse());
        expect(new Set(groups.map(keyOf)).size).toBe(groups.length);
        const october = groups.filter((g) => g.day.startsWith('2026-10'));
        expect(new Map(october.map((g) => [keyOf(g), g.count])), `limit ${limit}`).toEqual(want);
        if (limit === 1) expect(pages).toBeGreaterThanOrEqual(3);
        for (const g of groups) {
          expect(g.actions.reduce((n, a) => n + a.count, 0)).toBe(g.count);
          expect(g.firstAt <= g.lastAt).toBe(true);
          expect(localDay(g.firstAt, 'WIB')).toBe(g.day);
          expect(localDay(g.lastAt, 'WIB')).toBe(g.day);
        }
      }
    });

    it('shows the day’s counts, first and last time, the actions, and a change as a change', async () => {
      const { groups } = await allPages(20);
      const list = groups.find(
        (g) => g.day === '2026-10-05' && g.role === 'operator_desa' && g.kind === 'read',
      );
      expect(list).toMatchObject({
        officeRegionCode: PLACES.villageA,
        purpose: 'Daftar rumah tangga desa',
        count: 12,
        firstAt: '2026-10-05T00:10:00.000Z',
        lastAt: '2026-10-05T08:18:00.000Z',
        actions: [{ action: 'household.list', count: 12 }],
      });
      expect(groups.find((g) => g.day === '2026-10-05' && g.kind === 'change')).toMatchObject({
        role: 'operator_desa',
        count: 1,
        actions: [{ action: 'household.update', count: 1 }],
      });
      // 23:59:59.999 WIB and 00:00 WIB the next day are two days.
      expect(groups.find((g) => g.day === '2026-10-05' && g.role === 'dinsos_kab')).toMatchObject({
        count: 1,
      });
      const penetapan = groups.find((g) => g.day === '2026-10-06' && g.role === 'dinsos_kab');
      expect(penetapan).toMatchObject({ count: 8, firstAt: '2026-10-05T17:00:00.000Z' });
      expect(penetapan!.actions).toEqual([
        { action: 'household.read', count: 4 },
        { action: 'recipients.diff', count: 3 },
        { action: 'person.read', count: 1 },
      ]);
      expect(groups.find((g) => g.role === 'pusdatin')).toMatchObject({
        officeRegionCode: '',
        count: 1,
        purpose: null,
      });
      const body = JSON.stringify(groups);
      expect(body).not.toContain('Keluarga lain');
      // Usernames never ("pusdatin" is also a role's name).
      for (const name of ['op-a', 'dinsos']) expect(body).not.toContain(`"${name}"`);
      expect(body).not.toMatch(/username|actorId/);
    });

    it('keeps the later pages the same when entries are appended while the citizen pages', async () => {
      const before = await allPages(1);
      const now = new Date().toISOString();
      const after = await allPages(1, () =>
        append([
          { at: now, who: 'op-a', action: 'household.read', purpose: 'Baru saja', entity: 'household' },
          {
            at: now,
            who: 'dinsos',
            action: 'household.list',
            purpose: 'Baru saja',
            entity: null,
            subjects: ['person'],
          },
        ]),
      );
      expect(after.groups).toEqual(before.groups);
      // The next first page shows them, on today's line.
      const first = await page('?limit=1');
      expect(first.groups.filter((g) => g.purpose === 'Baru saja').map((g) => g.count)).toEqual([1, 1]);
    });

    it('refuses a cursor that is not a date, and gives an empty last page past the oldest day', async () => {
      const bad = await app.inject({ url: '/api/v1/public/citizen/access-log?cursor=abc', headers: mine });
      expect(bad.statusCode).toBe(400);
      const tooMany = await app.inject({
        url: '/api/v1/public/citizen/access-log?limit=1000',
        headers: mine,
      });
      expect(tooMany.statusCode).toBe(400);
      expect(await page('?cursor=2026-10-05')).toMatchObject({ groups: [], nextCursor: null });
      const last = await page('?cursor=2026-10-06');
      expect(last.groups.every((g) => g.day === '2026-10-05')).toBe(true);
      expect(last.nextCursor).toBeNull();
    });
  });
}

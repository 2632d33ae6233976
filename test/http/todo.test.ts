/**
 * The to-do list (GET /api/v1/todo, `dtks todo`) over the demo's cycle activity: each role sees its own
 * items, counted in its territory, and each count equals the rows of the list its link opens (same filter,
 * asked of the list's API). A user of another regency sees none of the demo regency's work.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/cli/demo.ts';
import { seedDemoIfEmpty } from '../../src/cli/seed-demo.ts';
import { shiftPeriod } from '../../src/domain/cycle/period.ts';
import { instrumentDiff } from '../../src/domain/verivali/instrument-diff.ts';
import { systemActor } from '../../src/modules/access/actor.ts';
import { testApp } from '../support/app.ts';
import { ENGINES, openTestDb, type TestDb } from '../support/db.ts';

interface Item {
  code: string;
  count: number;
  text: { id: string; en: string };
  link: string | null;
}

for (const engine of ENGINES) {
  describe(`to-do list per role (${engine})`, { timeout: 180_000 }, () => {
    let t: TestDb;
    let app: FastifyInstance;
    const headers: Record<string, Record<string, string>> = {};

    const todo = async (user: string) => {
      const res = await app.inject({ url: '/api/v1/todo', headers: headers[user] });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['cache-control'] ?? '').not.toContain('public');
      return res.json() as { period: string; items: Item[] };
    };
    /** Rows of a list API, every page. */
    const rows = async (user: string, url: string) => {
      let n = 0;
      let cursor: string | null = null;
      do {
        const res = await app.inject({
          url: `${url}${url.includes('?') ? '&' : '?'}limit=200${cursor ? `&cursor=${cursor}` : ''}`,
          headers: headers[user],
        });
        expect(res.statusCode, res.body).toBe(200);
        const body = res.json() as { items: unknown[]; nextCursor: string | null };
        n += body.items.length;
        cursor = body.nextCursor;
      } while (cursor);
      return n;
    };

    beforeAll(async () => {
      t = await openTestDb(engine);
      await seedDemoIfEmpty(t.container, 60, () => {});
      await t.container.users.create(systemActor('test'), {
        username: 'dinsos-lain',
        role: 'dinsos_kab',
        regionCode: '33.08',
        password: DEMO_PASSWORD,
      });
      app = await testApp(t.container);
      for (const u of ['operator', 'kades', 'petugas', 'camat', 'dinsos', 'pusdatin', 'dinsos-lain']) {
        const res = await app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { username: u, password: DEMO_PASSWORD },
        });
        expect(res.statusCode, res.body).toBe(200);
        headers[u] = { authorization: `Bearer ${res.json().token}` };
      }
    }, 240_000);
    afterAll(async () => {
      await app?.close();
      await t?.cleanup();
    });

    it('needs a session', async () => {
      expect((await app.inject({ url: '/api/v1/todo' })).statusCode).toBe(401);
    });

    it('gives the Dinas Sosial its visits to review, proposals to approve, villages and findings', async () => {
      const { items, period } = await todo('dinsos');
      const by = Object.fromEntries(items.map((i) => [i.code, i]));
      expect(Object.keys(by)).toEqual([
        'visits_to_review',
        'usulan_to_approve',
        'usulan_to_visit',
        'villages_without_ba',
        // The demo's citizen content (src/cli/demo-citizens.ts): an account to verify, an overdue report,
        // an open sanggah.
        'citizen_accounts',
        'reports_overdue',
        'sanggah_open',
        'dukcapil_findings',
      ]);
      expect(by.visits_to_review!.count).toBe(1);
      expect(by.visits_to_review!.text.id).toBe('1 kunjungan perlu ditinjau');
      expect(by.usulan_to_approve!.count).toBe(1);
      expect(by.dukcapil_findings!.count).toBe(4);
      expect(by.dukcapil_findings!.text.id).toBe('4 temuan Dukcapil belum diselesaikan');
      // Every village of the regency lacks a signed Berita Acara for the open period.
      const villages = (await t.container.regions.villagesUnder('33.07')).length;
      expect(by.villages_without_ba!.count).toBe(villages);
      expect(by.villages_without_ba!.link).toBe(`/cycle/progress?period=${period}`);
      // The lists the links open show as many rows.
      const visited = by.visits_to_review!.link!.match(/period=(\d{4}-\d{2})&/)?.[1];
      expect(visited).toMatch(/^\d{4}-\d{2}$/);
      expect(await rows('dinsos', `/api/v1/visits?state=visited&period=${visited}`)).toBe(
        by.visits_to_review!.count,
      );
      expect(await rows('dinsos', '/api/v1/usulan?state=verified')).toBe(by.usulan_to_approve!.count);
      expect(await rows('dinsos', '/api/v1/usulan?state=musdes_accepted')).toBe(by.usulan_to_visit!.count);
      expect(by.usulan_to_approve!.link).toBe('/cycle/usulan?state=verified');
      expect(by.visits_to_review!.link).toBe(`/cycle/verivali?period=${visited}&state=visited`);
    });

    it('gives the village its drafts, returned proposals, the Musdes and the window', async () => {
      const op = Object.fromEntries((await todo('operator')).items.map((i) => [i.code, i]));
      // The operator's own draft, and apart the demo citizen's two (a usulan mandiri and a correction request).
      expect(op.usulan_drafts?.count).toBe(1);
      expect(op.usulan_mandiri_drafts?.count).toBe(2);
      expect(op.usulan_mandiri_drafts?.link).toBe('/cycle/usulan?state=draft&source=mandiri');
      expect(op.usulan_mandiri_drafts?.text.id).toBe(
        '2 usulan warga (mandiri) menunggu diperiksa, dilengkapi dan diajukan',
      );
      expect(await rows('operator', '/api/v1/usulan?state=draft&source=mandiri')).toBe(2);
      expect(await rows('operator', '/api/v1/usulan?state=draft&source=operator')).toBe(1);
      expect(op.usulan_returned?.count).toBe(1);
      expect(op.musdes_to_close?.count).toBe(1);
      expect(op.usulan_for_musdes?.count).toBeGreaterThanOrEqual(1);
      for (const [code, state] of [
        ['usulan_returned', 'returned'],
        ['usulan_for_musdes', 'submitted'],
      ] as const) {
        expect(await rows('operator', `/api/v1/usulan?state=${state}`)).toBe(op[code]!.count);
      }
      expect(await rows('operator', '/api/v1/musdes?state=open')).toBe(op.musdes_to_close!.count);
      const window = t.container.usulan.window();
      expect(op.window_closes !== undefined).toBe(window.open);

      const kades = (await todo('kades')).items.map((i) => i.code);
      expect(kades).toEqual([
        'usulan_for_musdes',
        'musdes_to_close',
        'citizen_accounts',
        'reports_to_triage',
        'reports_overdue',
      ]);
    });

    it('gives the field officer their assigned visits, and Pusdatin the submitted regencies', async () => {
      const petugas = (await todo('petugas')).items;
      expect(petugas.map((i) => [i.code, i.count])).toEqual([['visits_assigned', 1]]);
      expect(await rows('petugas', '/api/v1/visits?mine=true&state=assigned')).toBe(1);
      const { items: pusdatin, period } = await todo('pusdatin');
      expect(pusdatin.map((i) => [i.code, i.count])).toEqual([['submissions_to_determine', 1]]);
      // The oldest period waiting for penetapan: the one before the period being worked on.
      const waiting = shiftPeriod(period, -1);
      expect(pusdatin[0]!.link).toBe(`/cycle/pengesahan?period=${waiting}`);
      expect(pusdatin[0]!.text.id).toBe(
        `1 kabupaten/kota sudah mengajukan pengesahan periode ${waiting}, menunggu penetapan`,
      );
      const camat = (await todo('camat')).items;
      // The escalated demo report waits at the kecamatan; the overdue one is in its territory too.
      expect(camat.map((i) => i.code)).toEqual([
        'villages_without_ba',
        'reports_to_triage',
        'reports_overdue',
      ]);
    });

    it('shows the visit to review with what it is compared with: the household as DTKS has it', async () => {
      const list = await app.inject({ url: '/api/v1/visits?state=visited', headers: headers.dinsos });
      const [item] = list.json().items as { id: string }[];
      const res = await app.inject({ url: `/api/v1/visits/${item!.id}`, headers: headers.dinsos });
      expect(res.statusCode).toBe(200);
      const v = res.json();
      expect(v.baseline.source).toBe('dtks');
      expect(v.photos).toHaveLength(2);
      expect([v.latitude, v.longitude]).toEqual([expect.any(Number), expect.any(Number)]);
      const rows = instrumentDiff(v.baseline, v.instrument);
      // The demo's field finding: the household's RT after a split of its neighbourhood, nothing else.
      expect(rows.map((r) => [r.field, r.after])).toEqual([['rt', expect.stringMatching(/^00[45]$/)]]);
      expect(rows[0]!.after).not.toBe(v.baseline.household.rt);
      // An accepted visit is no longer compared (its findings are in the registry now).
      const accepted = await app.inject({ url: '/api/v1/visits?state=accepted', headers: headers.dinsos });
      const done = await app.inject({
        url: `/api/v1/visits/${accepted.json().items[0].id}`,
        headers: headers.dinsos,
      });
      expect(done.json().baseline).toBeNull();
    });

    it("shows another regency's Dinas Sosial nothing of the demo regency", async () => {
      const { items } = await todo('dinsos-lain');
      expect(items.map((i) => i.code)).toEqual(['villages_without_ba']);
      expect(items[0]!.count).toBe((await t.container.regions.villagesUnder('33.08')).length);
    });
  });
}

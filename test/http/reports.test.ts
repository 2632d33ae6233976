/**
 * Laporan / pengaduan over HTTP (issue 14), on both engines: filing and tracking without an account (the
 * tracking page shows no internals), territory (another office's report is 404 like an absent one), the
 * staff steps village → kecamatan → Dinas Sosial with the reporter seeing every public step, SLA overdue
 * lists and counts, the audited staff read, the limits (429), and WALIM LAPOR / STATUS.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LogCodeSender } from '../../src/modules/citizen/code-sender.ts';
import { exeFile, jpegFile } from '../factories/files.ts';
import { makeKk, makeNik } from '../factories/households.ts';
import { createUsers, login, PLACES, testApp } from '../support/app.ts';
import { ENGINES, openTestDb, type TestDb } from '../support/db.ts';

const START = new Date('2026-12-04T03:00:00Z').getTime(); // a Friday, 10:00 WIB
const TRACKING = /^LPR-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;
const SCRIPT = '<script>alert("x")</script>';

for (const engine of ENGINES) {
  describe(`Reports (${engine})`, () => {
    let t: TestDb;
    let app: FastifyInstance;
    let clock = START;
    const as: Record<string, Record<string, string>> = {};
    let ip = 0;
    const sender = new LogCodeSender(() => {});

    beforeAll(async () => {
      t = await openTestDb(engine, {
        now: () => new Date(clock),
        publicChallenge: 'off',
        codeSender: sender,
        reportLimits: { client: 3, village: 100, track: 100, challengeAfter: 100 },
      });
      await createUsers(t.container);
      app = await testApp(t.container);
      for (const u of ['op-a', 'op-b', 'camat-a', 'dinsos', 'dinsos-other', 'auditor'])
        as[u] = await login(app, u);
    });
    afterAll(async () => {
      await app?.close();
      await t?.cleanup();
    });

    const file = (over: Record<string, unknown> = {}, remoteAddress = `198.51.100.${++ip}`) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/public/reports',
        remoteAddress,
        payload: {
          reporter: { name: `Warga ${SCRIPT}`, phone: '081234567890', nik: '3307015501800001' },
          villageCode: PLACES.villageA,
          address: 'Dusun Krajan, rumah bercat hijau',
          rt: '002',
          rw: '001',
          category: 'recipient_not_poor',
          text: `Penerima PKH punya mobil dan toko besar. ${SCRIPT}`,
          ...over,
        },
      });
    const track = (trackingNumber: string) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/public/reports/track',
        remoteAddress: `198.51.100.${++ip}`,
        payload: { trackingNumber },
      });
    const staff = (who: string, method: 'GET' | 'POST', url: string, payload?: unknown) =>
      app.inject({ method, url: `/api/v1/reports${url}`, headers: as[who], ...(payload ? { payload } : {}) });
    const idOf = async (tracking: string) =>
      (
        await t.container.database.db
          .selectFrom('reports')
          .select('id')
          .where('trackingNumber', '=', tracking)
          .executeTakeFirstOrThrow()
      ).id;
    const userId = async (username: string) =>
      (
        await t.container.database.db
          .selectFrom('users')
          .select('id')
          .where('username', '=', username)
          .executeTakeFirstOrThrow()
      ).id;

    it('files a report without an account and tracks it without internals', async () => {
      const res = await file();
      expect(res.statusCode, res.body).toBe(201);
      expect(res.headers['cache-control']).toBe('no-store');
      const { trackingNumber } = res.json();
      expect(trackingNumber).toMatch(TRACKING);
      const tr = await track(trackingNumber.toLowerCase().replace(/-/g, ' '));
      expect(tr.statusCode, tr.body).toBe(200);
      const body = tr.json();
      expect(body).toMatchObject({
        trackingNumber,
        status: 'received',
        level: 'village',
        category: 'recipient_not_poor',
        timeZone: 'WIB', // the reported village is in Central Java
      });
      expect(body.steps.map((s: { kind: string }) => s.kind)).toEqual(['received']);
      for (const secret of [
        'Warga',
        '081234567890',
        '3307015501800001',
        'Dusun Krajan',
        'mobil',
        'reporter',
      ]) {
        expect(tr.body).not.toContain(secret);
      }
      expect((await track('LPR-0000-0000')).statusCode).toBe(404);
      expect((await track('nonsense')).statusCode).toBe(404);
    });

    it('refuses bad input with the field and changes nothing', async () => {
      const before = await t.container.database.db
        .selectFrom('reports')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      const noContact = await file({ reporter: { name: 'Budi' } });
      expect(noContact.statusCode).toBe(400);
      expect(noContact.json().errors[0]).toMatchObject({
        field: 'reporter.phone',
        code: 'reports.contact_required',
      });
      const badVillage = await file({ villageCode: '33.07.01' });
      expect(badVillage.statusCode).toBe(400);
      expect(badVillage.json().errors[0]).toMatchObject({
        field: 'villageCode',
        code: 'public.region_not_village',
      });
      expect((await file({ category: 'gossip' })).statusCode).toBe(400);
      const after = await t.container.database.db
        .selectFrom('reports')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(after.n)).toBe(Number(before.n));
    });

    it('hides another territory’s report like an absent one, and audits the staff read', async () => {
      const { trackingNumber } = (await file()).json();
      const id = await idOf(trackingNumber);
      for (const who of ['op-b', 'dinsos-other']) {
        expect((await staff(who, 'GET', `/${id}`)).statusCode).toBe(404);
        const list = (await staff(who, 'GET', '')).json();
        expect(list.items.map((r: { id: string }) => r.id)).not.toContain(id);
        expect((await staff(who, 'POST', `/${id}/triage`, {})).statusCode).toBe(404);
      }
      expect((await staff('op-a', 'GET', '/00000000-0000-0000-0000-000000000000')).statusCode).toBe(404);
      const got = await staff('op-a', 'GET', `/${id}`);
      expect(got.statusCode, got.body).toBe(200);
      expect(got.headers['cache-control']).toBe('no-store');
      // Script comes back as the text it is (the staff screen renders it as text, test/e2e/reports.test.ts).
      expect(got.json().reporter).toMatchObject({ name: `Warga ${SCRIPT}`, phone: '081234567890' });
      const audited = await t.container.database.db
        .selectFrom('auditLog')
        .select(['action', 'entityId'])
        .where('action', '=', 'report.read')
        .where('entityId', '=', id)
        .execute();
      expect(audited.length).toBe(1);
    });

    it('goes village → kecamatan → Dinas Sosial, and the reporter sees every public step', async () => {
      const { trackingNumber } = (await file({ category: 'aid_cut' })).json();
      const id = await idOf(trackingNumber);
      const opA = await userId('op-a');
      const tri = await staff('op-a', 'POST', `/${id}/triage`, { assignTo: opA, note: 'Cek ke lapangan' });
      expect(tri.statusCode, tri.body).toBe(200);
      expect(tri.json()).toMatchObject({ status: 'in_progress', assigneeName: expect.any(String) });
      expect((await staff('op-a', 'POST', `/${id}/triage`, {})).json().code).toBe('reports.already_triaged');
      const foreign = await staff('op-a', 'POST', `/${id}/assign`, { userId: await userId('op-b') });
      expect(foreign.statusCode).toBe(400);
      expect(foreign.json().errors[0].code).toBe('reports.assignee');
      // Not a user id at all: the same refusal (on PostgreSQL it once reached the uuid cast: 500).
      const garbage = await staff('op-a', 'POST', `/${id}/assign`, { userId: 'bukan-pengguna' });
      expect([garbage.statusCode, garbage.json().errors[0].code]).toEqual([400, 'reports.assignee']);
      await staff('op-a', 'POST', `/${id}/respond`, { text: 'Laporan sedang kami periksa.', public: true });
      await staff('op-a', 'POST', `/${id}/respond`, { text: 'RAHASIA internal', public: false });
      const esc = await staff('op-a', 'POST', `/${id}/escalate`, { reason: 'Perlu kecamatan' });
      expect(esc.json()).toMatchObject({
        level: 'district',
        status: 'received',
        assigneeName: null,
        mayAct: false,
      });
      const refused = await staff('op-a', 'POST', `/${id}/respond`, { text: 'x', public: true });
      expect(refused.statusCode).toBe(403);
      expect(refused.json().code).toBe('reports.not_handling_level');
      expect((await staff('op-a', 'GET', `/${id}`)).statusCode).toBe(200);
      expect((await staff('camat-a', 'POST', `/${id}/triage`, {})).statusCode).toBe(200);
      expect((await staff('camat-a', 'POST', `/${id}/escalate`, {})).json().level).toBe('regency');
      expect((await staff('dinsos', 'POST', `/${id}/escalate`, {})).json().code).toBe('reports.top_level');
      const closed = await staff('dinsos', 'POST', `/${id}/close`, {
        outcome: 'substantiated',
        reply: 'Pemotongan dihentikan.',
      });
      expect(closed.statusCode, closed.body).toBe(200);
      expect(closed.json()).toMatchObject({ status: 'closed', outcome: 'substantiated' });
      const again = await staff('dinsos', 'POST', `/${id}/close`, { outcome: 'resolved' });
      expect(again.statusCode).toBe(409);
      expect(again.json().code).toBe('reports.closed');

      const tr = (await track(trackingNumber)).json();
      expect(tr).toMatchObject({ status: 'closed', outcome: 'substantiated', level: 'regency' });
      expect(tr.steps.map((s: { kind: string }) => s.kind)).toEqual([
        'received',
        'triaged',
        'reply',
        'escalated',
        'triaged',
        'escalated',
        'reply',
        'closed',
      ]);
      expect(
        tr.steps.filter((s: { text: string | null }) => s.text).map((s: { text: string }) => s.text),
      ).toEqual(['Laporan sedang kami periksa.', 'Pemotongan dihentikan.']);
      const raw = JSON.stringify(tr);
      for (const hidden of ['RAHASIA', 'Cek ke lapangan', 'Perlu kecamatan', 'op-a', 'assign'])
        expect(raw).not.toContain(hidden);
    });

    it('offers as assignees only the report’s handling staff within the actor’s territory (what assign accepts)', async () => {
      const { trackingNumber } = (await file()).json();
      const id = await idOf(trackingNumber);
      const names = async (who: string) => {
        const res = await staff(who, 'GET', `/${id}/assignees`);
        expect(res.statusCode, res.body).toBe(200);
        return res.json().items.map((u: { id: string }) => u.id);
      };
      const forOpA = await names('op-a');
      expect(forOpA).toContain(await userId('op-a'));
      expect(forOpA).toContain(await userId('kades-a'));
      for (const other of ['op-b', 'camat-a', 'dinsos', 'auditor'])
        expect(forOpA).not.toContain(await userId(other));
      const forDinsos = await names('dinsos');
      for (const u of ['op-a', 'kades-a', 'camat-a', 'dinsos']) expect(forDinsos).toContain(await userId(u));
      for (const u of ['op-b', 'auditor', 'dinsos-other']) expect(forDinsos).not.toContain(await userId(u));
      // Every one offered is accepted by assign.
      const take = await staff('op-a', 'POST', `/${id}/assign`, { userId: await userId('kades-a') });
      expect([take.statusCode, take.json().assigneeName]).toEqual([200, expect.any(String)]);
      expect((await staff('op-b', 'GET', `/${id}/assignees`)).statusCode).toBe(404);
      expect((await staff('auditor', 'GET', `/${id}/assignees`)).statusCode).toBe(403);
      // Nor does the report offer the auditor its steps: it reads the report, it does not handle it.
      const read = await staff('auditor', 'GET', `/${id}`);
      expect([read.statusCode, read.json().mayAct]).toEqual([200, false]);
      expect((await staff('op-a', 'GET', `/${id}`)).json().mayAct).toBe(true);
    });

    it('lists overdue reports and counts them per territory', async () => {
      const { trackingNumber } = (await file({ category: 'aid_not_received' })).json();
      const id = await idOf(trackingNumber);
      const fresh = (await staff('dinsos', 'GET', '?overdue=true')).json();
      expect(fresh.items.map((r: { id: string }) => r.id)).not.toContain(id);
      clock = START + 4 * 86_400_000; // Tuesday: 3 working days from Friday end on Wednesday
      expect(
        (await staff('dinsos', 'GET', '?overdue=true')).json().items.map((r: { id: string }) => r.id),
      ).not.toContain(id);
      clock = START + 6 * 86_400_000; // Thursday
      const late = (await staff('dinsos', 'GET', '?overdue=true')).json();
      expect(late.items.map((r: { id: string }) => r.id)).toContain(id);
      expect(late.items.find((r: { id: string }) => r.id === id).overdue).toEqual({
        triage: true,
        response: false,
      });
      expect(late.totals.overdue).toBe(late.total);
      const byVillage = (await staff('dinsos', 'GET', '/overdue?by=village')).json();
      expect(byVillage.items).toContainEqual({
        code: PLACES.villageA,
        name: expect.any(String),
        overdue: late.total,
      });
      expect((await staff('op-b', 'GET', '/overdue?by=village')).json().items).toEqual([]);
      expect((await staff('dinsos-other', 'GET', '?overdue=true')).json().total).toBe(0);
      // The to-do list: overdue reports of the territory, and reports waiting for the user's own level.
      const todo = async (who: string) =>
        (await app.inject({ url: '/api/v1/todo', headers: as[who] })).json().items as {
          code: string;
          count: number;
          link: string;
        }[];
      expect((await todo('dinsos')).find((i) => i.code === 'reports_overdue')).toMatchObject({
        count: late.total,
        link: '/reports?overdue=true',
      });
      const received = (await staff('op-a', 'GET', '?status=received')).json().total;
      expect((await todo('op-a')).find((i) => i.code === 'reports_to_triage')?.count).toBe(received);
      expect((await todo('op-b')).find((i) => i.code.startsWith('reports_'))).toBeUndefined();
      clock = START;
    });

    it('limits filing per client (429 with Retry-After)', async () => {
      const addr = '203.0.113.99';
      for (let i = 0; i < 3; i++) expect((await file({}, addr)).statusCode).toBe(201);
      const over = await file({}, addr);
      expect(over.statusCode).toBe(429);
      expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
    });

    it('takes up to 3 real evidence photos within the hour, refusing fake images', async () => {
      const { trackingNumber } = (await file()).json();
      const photo = (body: Buffer, type = 'image/jpeg', number = trackingNumber) =>
        app.inject({
          method: 'POST',
          url: `/api/v1/public/reports/photos?trackingNumber=${encodeURIComponent(number)}&name=bukti.jpg`,
          headers: { 'content-type': type },
          payload: body,
          remoteAddress: `198.51.100.${++ip}`,
        });
      const fake = await photo(exeFile());
      expect(fake.statusCode).toBeGreaterThanOrEqual(400);
      expect(fake.statusCode).toBeLessThan(500);
      for (let i = 1; i <= 3; i++) {
        const ok = await photo(jpegFile(64, 48, 100 + i));
        expect(ok.statusCode, ok.body).toBe(201);
        expect(ok.json().photos).toBe(i);
      }
      const full = await photo(jpegFile());
      expect(full.statusCode).toBe(409);
      expect(full.json().code).toBe('reports.evidence_full');
      expect((await photo(jpegFile(), 'image/jpeg', 'LPR-0000-0000')).statusCode).toBe(404);
      const id = await idOf(trackingNumber);
      const detail = (await staff('op-a', 'GET', `/${id}`)).json();
      expect(detail.photos).toHaveLength(3);
      const img = await app.inject({
        url: `/api/v1/attachments/${detail.photos[0].id}`,
        headers: as['op-a'],
      });
      expect(img.statusCode).toBe(200);
      expect(
        (await app.inject({ url: `/api/v1/attachments/${detail.photos[0].id}`, headers: as['op-b'] }))
          .statusCode,
      ).toBe(404);
      const { trackingNumber: late } = (await file()).json();
      clock = START + 2 * 3_600_000;
      expect((await photo(jpegFile(), 'image/jpeg', late)).statusCode).toBe(404);
      clock = START;
    });

    it('links a logged-in citizen’s report to the account; the citizen route needs a citizen session', async () => {
      const email = 'pelapor@example.id';
      const citizen = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
        app.inject({
          method: 'POST',
          url: `/api/v1/public/citizen/${url}`,
          payload: payload as object,
          headers,
        });
      const reg = await citizen('register', {
        nik: makeNik('33.07.01', '1990-02-03', 'M', 7101),
        kkNumber: makeKk('33.07.01', '2015-03-10', 801),
        fullName: 'Pelapor Terdaftar',
        address: 'Dusun Krajan No. 1',
        rt: '5',
        rw: '2',
        villageCode: PLACES.villageA,
        phone: '081234567001',
        email,
        username: 'pelapor1',
        password: 'Kebun-Salak-Wonosobo-77',
      });
      expect(reg.statusCode, reg.body).toBe(202);
      const code = [...sender.sent].reverse().find((m) => m.to === email && m.code)?.code;
      expect((await citizen('confirm', { login: email, code })).statusCode).toBe(204);
      const session = await citizen('login', { login: email, password: 'Kebun-Salak-Wonosobo-77' });
      expect(session.statusCode, session.body).toBe(200);
      const body = {
        reporter: { name: 'Pelapor Terdaftar', email },
        villageCode: PLACES.villageA,
        address: 'Dusun Krajan',
        category: 'data_error',
        text: 'Data keluarga saya salah alamat.',
      };
      expect((await citizen('reports', body)).statusCode).toBe(401);
      const res = await citizen('reports', body, { authorization: `Bearer ${session.json().token}` });
      expect(res.statusCode, res.body).toBe(201);
      const id = await idOf(res.json().trackingNumber);
      expect((await staff('op-a', 'GET', `/${id}`)).json().reporter.citizenAccount).toBe(true);
    });

    it('answers WALIM LAPOR and STATUS, and lists them in BANTUAN', async () => {
      const chat = (from: string, text: string) =>
        app.inject({
          method: 'POST',
          url: '/api/v1/public/chat',
          payload: { from, text },
          remoteAddress: `192.0.2.${++ip % 250}`,
        });
      const village = PLACES.villageA.replace(/\./g, '');
      const lapor = (
        await chat('6281299990001', `lapor ${village} Bantuan BPNT dipotong oleh pendamping`)
      ).json().reply;
      const number = /LPR-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec(lapor)?.[0];
      expect(number).toMatch(TRACKING);
      const row = await t.container.database.db
        .selectFrom('reports')
        .selectAll()
        .where('trackingNumber', '=', number!)
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({
        channel: 'chat',
        reporterPhone: '6281299990001',
        villageCode: PLACES.villageA,
      });
      const status = (await chat('6281299990002', `STATUS ${number!.toLowerCase()}`)).json().reply;
      expect(status).toContain('Status: Diterima');
      expect(status).toContain('Desa/kelurahan');
      expect((await chat('6281299990002', 'STATUS LPR-0000-0000')).json().reply).toMatch(/tidak ditemukan/);
      expect((await chat('6281299990002', 'STATUS')).json().reply).toMatch(/^Tulis: STATUS/);
      expect((await chat('6281299990001', 'LAPOR jalan rusak')).json().reply).toMatch(/^Tulis: LAPOR/);
      const help = (await chat('6281299990003', 'BANTUAN')).json().reply;
      expect(help).toContain('LAPOR');
      expect(help).toContain('STATUS');
    });
  });
}

for (const engine of ENGINES) {
  describe(`Reports: proof of work and tracking limit (${engine})`, () => {
    let t: TestDb;
    let app: FastifyInstance;
    beforeAll(async () => {
      t = await openTestDb(engine, {
        publicChallenge: 'always',
        reportLimits: { client: 10, village: 100, track: 2, challengeAfter: 100 },
      });
      app = await testApp(t.container);
    });
    afterAll(async () => {
      await app?.close();
      await t?.cleanup();
    });

    it('asks web reporters for the proof of work (PUBLIC_CHALLENGE=always) and refuses a bad one', async () => {
      const payload = {
        reporter: { name: 'Budi', phone: '081234567890' },
        villageCode: PLACES.villageA,
        address: 'Dusun Krajan',
        category: 'other',
        text: 'Ada pungutan liar saat pencairan.',
      };
      const post = (body: object) =>
        app.inject({
          method: 'POST',
          url: '/api/v1/public/reports',
          payload: body,
          remoteAddress: '203.0.113.7',
        });
      const asked = await post(payload);
      expect(asked.statusCode).toBe(403);
      expect(asked.json().code).toBe('public.challenge_required');
      const bad = await post({ ...payload, altcha: Buffer.from('{"challenge":{}}').toString('base64') });
      expect(bad.statusCode).toBe(403);
      expect(bad.json().code).toBe('public.challenge_invalid');
      expect(
        Number(
          (
            await t.container.database.db
              .selectFrom('reports')
              .select((eb) => eb.fn.countAll().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        ),
      ).toBe(0);
    });

    it('limits tracking look-ups per client', async () => {
      const look = () =>
        app.inject({
          method: 'POST',
          url: '/api/v1/public/reports/track',
          payload: { trackingNumber: 'LPR-0000-0000' },
          remoteAddress: '203.0.113.8',
        });
      expect((await look()).statusCode).toBe(404);
      expect((await look()).statusCode).toBe(404);
      const over = await look();
      expect(over.statusCode).toBe(429);
      expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
    });
  });
}

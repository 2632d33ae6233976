/**
 * Citizen accounts (issue 14) over HTTP on both engines: register → confirm with the code the log sender
 * captured → log in by e-mail and by NIK → upload the KTP photos → the village verifies (its territory
 * only) → "who read my data" lists staff reads with office and purpose, never a staff name. Codes cannot be
 * replayed or guessed; a reset answers the same whether or not the account exists.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LogCodeSender } from '../../src/modules/citizen/code-sender.ts';
import { jpegFile } from '../factories/files.ts';
import { makeHousehold, makeKk, makeNik } from '../factories/households.ts';
import { createUsers, login, PLACES, testApp } from '../support/app.ts';
import { ENGINES, openTestDb, type TestDb } from '../support/db.ts';

const PASSWORD = 'Kebun-Salak-Wonosobo-77';
const ORIGIN = { origin: 'http://localhost:80' };

for (const engine of ENGINES) {
  describe(`citizen accounts (${engine})`, () => {
    let t: TestDb;
    let app: FastifyInstance;
    const sender = new LogCodeSender(() => {});
    const as: Record<string, Record<string, string>> = {};
    let household: { id: string; kkNumber: string; members: { id: string; nik: string; name: string }[] };

    const post = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
      app.inject({
        method: 'POST',
        url: `/api/v1/public/citizen/${url}`,
        payload: payload as object,
        headers,
      });
    const lastCode = (to: string) => [...sender.sent].reverse().find((m) => m.to === to && m.code)?.code;
    const registration = (n: number, over: Record<string, unknown> = {}) => ({
      nik: makeNik('33.07.01', '1990-02-03', 'M', 7000 + n),
      kkNumber: makeKk('33.07.01', '2015-03-10', 700 + n),
      fullName: `Warga Uji ${n}`,
      address: `Dusun Krajan No. ${n}`,
      rt: '5',
      rw: '2',
      villageCode: PLACES.villageA,
      phone: `0812345670${String(n).padStart(2, '0')}`,
      email: `warga${n}@example.id`,
      username: `warga${n}`,
      password: PASSWORD,
      ...over,
    });
    const registerAndConfirm = async (body: ReturnType<typeof registration>) => {
      expect((await post('register', body)).statusCode).toBe(202);
      const code = lastCode(body.email)!;
      expect((await post('confirm', { login: body.email, code })).statusCode).toBe(204);
    };
    const citizenLogin = async (loginName: string, password = PASSWORD) => {
      const res = await post('login', { login: loginName, password });
      expect(res.statusCode, res.body).toBe(200);
      return { authorization: `Bearer ${res.json().token}` };
    };
    const upload = (who: Record<string, string>, kind: string, body: Buffer, type = 'image/jpeg') =>
      app.inject({
        method: 'POST',
        url: `/api/v1/public/citizen/account/documents?kind=${kind}&name=foto.jpg`,
        headers: { ...who, 'content-type': type },
        payload: body,
      });

    beforeAll(async () => {
      t = await openTestDb(engine, { codeSender: sender });
      await createUsers(t.container);
      app = await testApp(t.container);
      for (const u of ['op-a', 'op-b', 'kades-a', 'dinsos', 'dinsos-other']) as[u] = await login(app, u);
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/households',
        headers: as['op-a'],
        payload: makeHousehold(PLACES.villageA, 41),
      });
      expect(res.statusCode, res.body).toBe(201);
      household = res.json();
    });
    afterAll(async () => {
      await app.close();
      await t.cleanup();
    });

    it('registers, confirms with the code once, and refuses the code replayed', async () => {
      const body = registration(1);
      const res = await post('register', body);
      expect(res.statusCode, res.body).toBe(202);
      expect(res.json()).toEqual({ accepted: true, channel: 'email' });
      const code = lastCode(body.email)!;
      expect(code).toMatch(/^\d{6}$/);
      const ok = await post('confirm', { login: body.email, code });
      expect(ok.statusCode, ok.body).toBe(204);
      const replay = await post('confirm', { login: body.email, code });
      expect(replay.statusCode).toBe(400);
      expect(replay.json().code).toBe('citizen.code_invalid');
    });

    it('names an empty NIK and KK number as required together with the form’s other faults', async () => {
      const res = await post('register', registration(31, { nik: '', kkNumber: '', fullName: '' }));
      expect(res.statusCode).toBe(400);
      expect(res.json().errors.map((e: { field: string; code: string }) => [e.field, e.code])).toEqual([
        ['nik', 'request.required'],
        ['kkNumber', 'request.required'],
        ['fullName', 'request.required'],
      ]);
    });

    it('names a bad RT or RW in the citizen’s language, and an empty name as required', async () => {
      const res = await post('register', registration(30, { rt: 'satu', rw: '', fullName: ' ' }));
      expect(res.statusCode).toBe(400);
      expect(res.json().errors).toEqual([
        { field: 'fullName', code: 'request.required', message: 'wajib diisi', severity: 'error' },
        {
          field: 'rt',
          code: 'request.invalid_format',
          message: 'format salah: RT/RW: 1–3 angka',
          severity: 'error',
        },
        {
          field: 'rw',
          code: 'request.invalid_format',
          message: 'format salah: RT/RW: 1–3 angka',
          severity: 'error',
        },
      ]);
    });

    it('answers a second registration of the same NIK exactly like a new one, and tells the owner', async () => {
      const first = registration(2);
      await post('register', first);
      const before = sender.sent.length;
      const again = await post('register', registration(3, { nik: first.nik, email: 'other3@example.id' }));
      expect(again.statusCode).toBe(202);
      expect(again.json()).toEqual({ accepted: true, channel: 'email' });
      const notice = sender.sent.slice(before);
      expect(notice).toHaveLength(1);
      expect(notice[0]).toMatchObject({ to: first.email });
      expect(notice[0]!.code).toBeUndefined();
      expect(lastCode('other3@example.id')).toBeUndefined();
    });

    it('stops a guessed code after five tries: even the right code is refused then', async () => {
      const body = registration(4);
      await post('register', body);
      const code = lastCode(body.email)!;
      const wrong = code === '000000' ? '111111' : '000000';
      const answers = [];
      for (let i = 0; i < 5; i++) answers.push(await post('confirm', { login: body.nik, code: wrong }));
      expect(answers.map((a) => a.statusCode)).toEqual([400, 400, 400, 400, 400]);
      const right = await post('confirm', { login: body.email, code });
      expect(right.statusCode).toBe(400);
      expect(right.json().code).toBe('citizen.code_invalid');
      // A wrong code, an unknown account and a dead code answer alike.
      const unknown = await post('confirm', { login: 'nobody@example.id', code });
      const strip = (b: Record<string, unknown>) => ({ ...b, instance: undefined, requestId: undefined });
      expect(strip(unknown.json())).toEqual(strip(right.json()));
      // A new code works.
      await post('confirm/resend', { login: body.email });
      const fresh = lastCode(body.email)!;
      expect((await post('confirm', { login: body.email, code: fresh })).statusCode).toBe(204);
    });

    it('logs in by e-mail and by NIK; a wrong password is 401', async () => {
      const body = registration(1);
      const byEmail = await post('login', { login: body.email.toUpperCase(), password: PASSWORD });
      expect(byEmail.statusCode, byEmail.body).toBe(200);
      expect(byEmail.json().account).toMatchObject({ username: 'warga1', state: 'pending_verification' });
      expect(byEmail.headers['cache-control']).toBe('no-store');
      const byNik = await post('login', { login: body.nik, password: PASSWORD });
      expect(byNik.statusCode).toBe(200);
      const wrong = await post('login', { login: body.nik, password: 'Salah-Sekali-12345' });
      expect(wrong.statusCode).toBe(401);
      expect(wrong.json().code).toBe('citizen.invalid_credentials');
      const me = await app.inject({
        url: '/api/v1/public/citizen/account',
        headers: { authorization: `Bearer ${byNik.json().token}` },
      });
      expect(me.statusCode).toBe(200);
      expect(me.json()).toMatchObject({ nik: body.nik, villageName: expect.any(String) });
    });

    it('logs out: the token no longer opens the account', async () => {
      const who = await citizenLogin(registration(1).email);
      const out = await app.inject({ method: 'POST', url: '/api/v1/public/citizen/logout', headers: who });
      expect(out.statusCode).toBe(204);
      expect((await app.inject({ url: '/api/v1/public/citizen/account', headers: who })).statusCode).toBe(
        401,
      );
    });

    it('locks a login after five wrong passwords, like staff logins, existing account or not', async () => {
      for (const loginName of [registration(2).email, 'tidak.ada.sama.sekali@example.id']) {
        const answers = [];
        for (let i = 0; i < 6; i++) {
          answers.push(
            (await post('login', { login: loginName, password: `Salah-Sekali-${i}-xyz` })).statusCode,
          );
        }
        expect(answers, loginName).toEqual([401, 401, 401, 401, 401, 429]);
      }
      const locked = await post('login', { login: registration(2).email, password: PASSWORD });
      expect(locked.statusCode).toBe(429);
      expect(locked.json().code).toBe('auth.locked');
    });

    it('needs a citizen session for the account: none, or a staff one, is 401', async () => {
      const none = await app.inject({ url: '/api/v1/public/citizen/account' });
      expect(none.statusCode).toBe(401);
      expect(none.json().code).toBe('citizen.session_required');
      const staff = await app.inject({ url: '/api/v1/public/citizen/account', headers: as['op-a'] });
      expect(staff.statusCode).toBe(401);
    });

    it('resets a password without telling whether the account exists; the code works once', async () => {
      const body = registration(5);
      await registerAndConfirm(body);
      const old = await citizenLogin(body.email);
      const known = await post('password/forgot', { login: body.email });
      const unknown = await post('password/forgot', { login: 'tidak.ada@example.id' });
      expect(known.statusCode).toBe(202);
      expect(unknown.statusCode).toBe(202);
      expect(known.body).toBe(unknown.body);
      const code = lastCode(body.email)!;
      const newPassword = 'Gunung-Sindoro-Pagi-42';
      const reset = await post('password/reset', { login: body.nik, code, password: newPassword });
      expect(reset.statusCode, reset.body).toBe(204);
      // Sessions end with the reset; the old password is gone; the code cannot be used again.
      expect((await app.inject({ url: '/api/v1/public/citizen/account', headers: old })).statusCode).toBe(
        401,
      );
      expect((await post('login', { login: body.email, password: PASSWORD })).statusCode).toBe(401);
      await citizenLogin(body.email, newPassword);
      const replay = await post('password/reset', {
        login: body.nik,
        code,
        password: 'Lain-Lagi-Kata-Sandi-9',
      });
      expect(replay.statusCode).toBe(400);
      const ghost = await post('password/reset', {
        login: 'tidak.ada@example.id',
        code,
        password: 'Lain-Lagi-Kata-Sandi-9',
      });
      expect(ghost.statusCode).toBe(400);
      expect(ghost.json().code).toBe(replay.json().code);
    });

    it('takes real photos only, then the village verifies it within its territory', async () => {
      const head = household.members[0]!;
      const body = registration(6, { nik: head.nik, kkNumber: household.kkNumber, fullName: head.name });
      await registerAndConfirm(body);
      const citizen = await citizenLogin(body.nik);
      const fake = await upload(citizen, 'ktp_photo', Buffer.from('<script>alert(1)</script>'));
      expect(fake.statusCode).toBe(400);
      expect(fake.json().code).toBe('attachment.type_not_allowed');
      expect((await upload(citizen, 'ktp_photo', jpegFile())).statusCode).toBe(201);

      const list = await app.inject({ url: '/api/v1/citizen-accounts', headers: as['op-a'] });
      expect(list.statusCode, list.body).toBe(200);
      const item = list.json().items.find((i: { nik: string }) => i.nik === head.nik);
      expect(item).toMatchObject({ state: 'pending_verification', username: 'warga6' });
      const detail = await app.inject({ url: `/api/v1/citizen-accounts/${item.id}`, headers: as['op-a'] });
      expect(detail.json().registry).toEqual({
        nikFound: true,
        kkMatches: true,
        nameMatches: true,
        villageMatches: true,
        registeredName: head.name,
      });
      // Another village's operator and another regency's Dinas Sosial see nothing: 404 as for an absent id.
      for (const who of ['op-b', 'dinsos-other']) {
        const other = await app.inject({ url: `/api/v1/citizen-accounts/${item.id}`, headers: as[who] });
        const absent = await app.inject({
          url: '/api/v1/citizen-accounts/01900000-0000-7000-8000-000000000000',
          headers: as[who],
        });
        expect(other.statusCode, who).toBe(404);
        expect({ ...other.json(), instance: 0, requestId: 0 }).toEqual({
          ...absent.json(),
          instance: 0,
          requestId: 0,
        });
        const theirs = await app.inject({ url: '/api/v1/citizen-accounts', headers: as[who] });
        expect(theirs.json().items.map((i: { id: string }) => i.id)).not.toContain(item.id);
      }
      const early = await app.inject({
        method: 'POST',
        url: `/api/v1/citizen-accounts/${item.id}/decision`,
        headers: as['op-a'],
        payload: { action: 'verify', version: detail.json().version },
      });
      expect(early.statusCode).toBe(409);
      expect(early.json().code).toBe('citizen.documents_missing');
      expect((await upload(citizen, 'ktp_selfie', jpegFile(80, 60))).statusCode).toBe(201);
      const fresh = await app.inject({ url: `/api/v1/citizen-accounts/${item.id}`, headers: as['kades-a'] });
      const verified = await app.inject({
        method: 'POST',
        url: `/api/v1/citizen-accounts/${item.id}/decision`,
        headers: as['kades-a'],
        payload: { action: 'verify', version: fresh.json().version },
      });
      expect(verified.statusCode, verified.body).toBe(200);
      expect(verified.json().state).toBe('verified');
      const me = await app.inject({ url: '/api/v1/public/citizen/account', headers: citizen });
      expect(me.json()).toMatchObject({ state: 'verified', documents: { ktpPhoto: true, ktpSelfie: true } });
    });

    it('shows who read my data: office, role and purpose, never the staff member', async () => {
      const head = household.members[0]!;
      const citizen = await citizenLogin(head.nik);
      const purpose = encodeURIComponent('Pemutakhiran data bulan Desember');
      const read = await app.inject({
        url: `/api/v1/households/${household.id}`,
        headers: { ...as.dinsos, 'x-purpose': purpose },
      });
      expect(read.statusCode).toBe(200);
      const lookup = await app.inject({
        url: `/api/v1/persons/${head.nik}`,
        headers: { ...as['op-a'], 'x-purpose': encodeURIComponent('Warga datang ke kantor desa') },
      });
      expect(lookup.statusCode, lookup.body).toBe(200);
      const res = await app.inject({ url: '/api/v1/public/citizen/access-log', headers: citizen });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['cache-control']).toBe('no-store');
      const { inRegistry, timeZone, groups, nextCursor } = res.json();
      expect(inRegistry).toBe(true);
      expect(timeZone).toBe('WIB');
      expect(nextCursor).toBeNull();
      // The latest line first: the village office's lookup, then the regency's read of the household.
      expect(groups[0]).toMatchObject({
        kind: 'read',
        role: 'operator_desa',
        officeRegionCode: PLACES.villageA,
        purpose: 'Warga datang ke kantor desa',
        count: 1,
        actions: [{ action: 'person.read', count: 1 }],
      });
      expect(groups[0].firstAt).toBe(groups[0].lastAt);
      expect(groups[0].day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(groups[1]).toMatchObject({
        kind: 'read',
        role: 'dinsos_kab',
        officeRegionCode: PLACES.regency,
        officeRegionName: expect.any(String),
        purpose: 'Pemutakhiran data bulan Desember',
        count: 1,
        actions: [{ action: 'household.read', count: 1 }],
      });
      // The household's registration is a change of the record, listed too.
      expect(groups.some((g: { kind: string }) => g.kind === 'change')).toBe(true);
      for (const name of ['op-a', 'dinsos', 'kades-a']) expect(res.body).not.toContain(`"${name}"`);
      expect(res.body).not.toMatch(/username|actorId|displayName/);
    });

    it('shows list and name-search reads that returned my record, found by key (audit_subjects)', async () => {
      const head = household.members[0]!;
      const citizen = await citizenLogin(head.nik);
      const before = (
        await app.inject({ url: '/api/v1/public/citizen/access-log', headers: citizen })
      ).json();
      const listed = await app.inject({
        url: `/api/v1/households?region=${PLACES.villageA}`,
        headers: { ...as['op-a'], 'x-purpose': encodeURIComponent('Daftar rumah tangga desa') },
      });
      expect(listed.statusCode, listed.body).toBe(200);
      expect(listed.json().items.map((i: { id: string }) => i.id)).toContain(household.id);
      const searched = await app.inject({
        url: `/api/v1/households/search?q=${encodeURIComponent(head.name)}`,
        headers: { ...as.dinsos, 'x-purpose': encodeURIComponent('Pencarian nama') },
      });
      expect(searched.statusCode, searched.body).toBe(200);
      expect(searched.json().items.map((i: { id: string }) => i.id)).toContain(household.id);
      // A list that did not return the household is not shown.
      const elsewhere = await app.inject({
        url: `/api/v1/households?region=${PLACES.villageB}`,
        headers: as.dinsos,
      });
      expect(elsewhere.json().items.map((i: { id: string }) => i.id)).not.toContain(household.id);

      const res = await app.inject({ url: '/api/v1/public/citizen/access-log', headers: citizen });
      type Group = { actions: { action: string; count: number }[]; count: number };
      const { groups } = res.json() as { groups: Group[] };
      const total = (gs: Group[]) => gs.reduce((n, g) => n + g.count, 0);
      expect(total(groups)).toBe(total(before.groups) + 2);
      const byAction = (a: string) => groups.filter((g) => g.actions.some((x) => x.action === a));
      expect(byAction('household.list')).toEqual([
        expect.objectContaining({
          kind: 'read',
          role: 'operator_desa',
          officeRegionCode: PLACES.villageA,
          purpose: 'Daftar rumah tangga desa',
          count: 1,
        }),
      ]);
      expect(byAction('household.search')).toEqual([
        expect.objectContaining({ kind: 'read', role: 'dinsos_kab', purpose: 'Pencarian nama', count: 1 }),
      ]);
      for (const name of ['op-a', 'dinsos']) expect(res.body).not.toContain(`"${name}"`);
      const indexed = await t.container.database.db
        .selectFrom('auditSubjects')
        .select(['action'])
        .where('entityId', '=', household.id)
        .execute();
      expect(indexed.map((r) => r.action).sort()).toEqual(['household.list', 'household.search']);
    });

    it('requires a purpose for a NIK lookup, and keeps the audit chain verifiable with purposes in it', async () => {
      const { 'x-purpose': _p, ...bare } = as['op-a']!;
      const res = await app.inject({ url: `/api/v1/persons/${household.members[1]!.nik}`, headers: bare });
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('person.purpose_required');
      await t.container.audit.seal({ wait: true });
      const verdict = await t.container.audit.verify();
      expect(verdict.ok).toBe(true);
      const withPurpose = await t.container.database.db
        .selectFrom('auditLog')
        .select(['purpose'])
        .where('action', '=', 'person.read')
        .where('purpose', '=', 'Warga datang ke kantor desa')
        .execute();
      expect(withPurpose).toHaveLength(1);
    });

    it('lets a rejected citizen read why; verification is forbidden before verification', async () => {
      const body = registration(8);
      await registerAndConfirm(body);
      const citizen = await citizenLogin(body.email);
      const log = await app.inject({ url: '/api/v1/public/citizen/access-log', headers: citizen });
      expect(log.statusCode).toBe(403);
      expect(log.json().code).toBe('citizen.not_verified');
      const list = await app.inject({ url: '/api/v1/citizen-accounts', headers: as.dinsos });
      const item = list.json().items.find((i: { nik: string }) => i.nik === body.nik);
      const rejected = await app.inject({
        method: 'POST',
        url: `/api/v1/citizen-accounts/${item.id}/decision`,
        headers: as['op-a'],
        payload: { action: 'reject', version: item.version, reason: 'Foto KTP tidak terbaca' },
      });
      expect(rejected.statusCode, rejected.body).toBe(200);
      const again = await citizenLogin(body.nik);
      const me = await app.inject({ url: '/api/v1/public/citizen/account', headers: again });
      expect(me.json()).toMatchObject({ state: 'rejected', decisionNote: 'Foto KTP tidak terbaca' });
      // The NIK is free again: a new registration gets a code.
      const retry = registration(9, { nik: body.nik });
      await post('register', retry);
      expect(lastCode(retry.email)).toMatch(/^\d{6}$/);
    });

    it('refuses a cookie write from another site', async () => {
      const res = await post(
        'login',
        { login: 'x@example.id', password: 'whatever-123' },
        {
          origin: 'https://evil.example',
        },
      );
      expect(res.statusCode).toBe(403);
      const ok = await post('login', { login: 'x@example.id', password: 'whatever-123' }, ORIGIN);
      expect(ok.statusCode).toBe(401);
    });
  });
}

/**
 * Nothing outside the territory through error messages. Every write route that takes a NIK or KK number —
 * found by walking the OpenAPI request bodies, so a new route fails here until it has a scenario — is sent a
 * number that a record in another village holds, for each cause the route checks (registered household
 * member or KK, open usulan, ineligible household, PPKS, PSKS), by a user who cannot see that village. The
 * answer must be byte-identical across causes (the instance aside) and name nothing of the other record;
 * the probe must be audited (`identity.probe`, the cause in its details) and the holding village notified.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unavailableIssue } from '../../src/domain/access/identity.ts';
import { systemActor } from '../../src/modules/access/actor.ts';
import { LogCodeSender } from '../../src/modules/citizen/code-sender.ts';
import { asMandiriHousehold } from '../../src/modules/usulan/usulan.schemas.ts';
import { makeHousehold, makeKk, makeNik } from '../factories/households.ts';
import { createUsers, login, PLACES, testApp } from '../support/app.ts';
import { createUser } from '../support/cycle.ts';
import { ENGINES, openTestDb, type TestDb } from '../support/db.ts';

type Headers = Record<string, string>;
type Method = 'POST' | 'PATCH' | 'PUT';
type Cause = 'household_member' | 'household_kk' | 'open_usulan' | 'ineligible' | 'ppks' | 'psks';

const NIK_CAUSES: Cause[] = ['household_member', 'open_usulan', 'ineligible'];
const GPS = { latitude: -7.36, longitude: 109.9 };
/** Every NIK probed here belongs to a woman born on this day, so it fits the member slot it replaces. */
const BORN = '1985-07-02';

/** Body fields named nik or kkNumber in a JSON request schema, as dotted paths (`*` for array items). */
function identityFields(schema: unknown, path = ''): string[] {
  if (!schema || typeof schema !== 'object') return [];
  const s = schema as Record<string, unknown>;
  const out: string[] = [];
  for (const [key, sub] of Object.entries((s.properties ?? {}) as Record<string, unknown>)) {
    if (key === 'nik' || key === 'kkNumber') out.push(`${path}${key}`);
    out.push(...identityFields(sub, `${path}${key}.`));
  }
  for (const k of ['anyOf', 'oneOf', 'allOf'])
    for (const sub of (s[k] ?? []) as unknown[]) out.push(...identityFields(sub, path));
  if (s.items) out.push(...identityFields(s.items, `${path}*.`));
  return [...new Set(out)];
}

/** `METHOD path field` for every write route of the API whose request body takes a NIK or KK number. */
function identityRoutes(spec: { paths: Record<string, Record<string, unknown>> }): string[] {
  const out: string[] = [];
  for (const [path, ops] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const body = (op as { requestBody?: { content?: Record<string, { schema?: unknown }> } }).requestBody;
      for (const field of identityFields(body?.content?.['application/json']?.schema))
        out.push(`${method.toUpperCase()} ${path} ${field}`);
    }
  }
  return out.sort();
}

interface Scenario {
  method: Method;
  /** The OpenAPI path. */
  path: string;
  /** The body field as identityRoutes names it. */
  field: string;
  causes: Cause[];
  who: string;
  status: number;
  /** The request with `value` in the field, and the field path the answer must name. */
  request: (value: string) => { url: string; payload: object; answers: string };
}

for (const engine of ENGINES) {
  describe(`identity probes (${engine})`, () => {
    let t: TestDb;
    let app: FastifyInstance;
    const as: Record<string, Headers> = {};
    /** What a record of village A holds, per cause: the number an outsider probes. */
    const value = {} as Record<Cause, string>;
    /** Everything of village A's records that an outsider's answer must never contain. */
    const secrets: string[] = [];
    /** The outsider's own records in village B, which the update routes change. */
    const own = {} as {
      household: { id: string; version: number; members: { id: string; relationship: number }[] };
      ppks: string;
      psks: string;
      visit: {
        id: string;
        instrument: { household: Record<string, unknown>; members: Record<string, unknown>[] };
      };
      /** Drafts the operator edits (PUT /usulan/{id}): a new household, and a correction of `corrected`. */
      baruDraft: string;
      correctionDraft: string;
      corrected: { id: string; members: { id: string; relationship: number }[] };
    };
    let n = 100;
    /** A fresh household of village B whose spouse (member 1) carries `nik`. */
    const withSpouseNik = (nik: string, overrides = {}) => {
      const h = makeHousehold(PLACES.villageB, n++, overrides);
      h.members[1] = { ...h.members[1]!, nik, birthDate: BORN, sex: 'F' };
      return h;
    };
    /** A citizen's proposal (usulan mandiri) of a village B family: what the KK says, nothing more. */
    const mandiri = (h: ReturnType<typeof makeHousehold>) => ({
      relation: 'other',
      household: asMandiriHousehold(h),
      reason: 'Keluarga miskin baru pindah ke desa ini',
      consent: true,
      confirmWarnings: true,
    });
    const sender = new LogCodeSender(() => {});
    const spouseOf = () => own.household.members.find((m) => m.relationship === 2)!.id;

    const SCENARIOS: Scenario[] = [
      {
        method: 'POST',
        path: '/api/v1/households',
        field: 'members.*.nik',
        causes: ['household_member'],
        who: 'op-b',
        status: 409,
        request: (nik) => ({
          url: '/api/v1/households',
          payload: withSpouseNik(nik),
          answers: 'members.1.nik',
        }),
      },
      {
        method: 'POST',
        path: '/api/v1/households',
        field: 'kkNumber',
        causes: ['household_kk'],
        who: 'op-b',
        status: 409,
        request: (kk) => ({
          url: '/api/v1/households',
          payload: makeHousehold(PLACES.villageB, n++, { kkNumber: kk }),
          answers: 'kkNumber',
        }),
      },
      {
        method: 'PATCH',
        path: '/api/v1/households/{id}',
        field: 'kkNumber',
        causes: ['household_kk'],
        who: 'op-b',
        status: 409,
        request: (kk) => ({
          url: `/api/v1/households/${own.household.id}`,
          payload: { version: own.household.version, reason: 'KK baru', kkNumber: kk },
          answers: 'kkNumber',
        }),
      },
      {
        method: 'POST',
        path: '/api/v1/households/{id}/members',
        field: 'member.nik',
        causes: ['household_member'],
        who: 'op-b',
        status: 409,
        request: (nik) => ({
          url: `/api/v1/households/${own.household.id}/members`,
          payload: {
            version: own.household.version,
            reason: 'pindah masuk',
            member: { nik, name: 'Warga Baru', birthDate: BORN, sex: 'F', relationship: 8 },
          },
          answers: 'member.nik',
        }),
      },
      {
        method: 'PATCH',
        path: '/api/v1/households/{id}/members/{personId}',
        field: 'nik',
        causes: ['household_member'],
        who: 'op-b',
        status: 409,
        request: (nik) => ({
          url: `/api/v1/households/${own.household.id}/members/${spouseOf()}`,
          payload: { version: own.household.version, reason: 'NIK dikoreksi', nik },
          answers: 'nik',
        }),
      },
      {
        method: 'POST',
        path: '/api/v1/ppks',
        field: 'nik',
        causes: ['ppks'],
        who: 'op-b',
        status: 409,
        request: (nik) => ({ url: '/api/v1/ppks', payload: ppksInput(PLACES.villageB, nik), answers: 'nik' }),
      },
      {
        method: 'PATCH',
        path: '/api/v1/ppks/{id}',
        field: 'nik',
        causes: ['ppks'],
        who: 'op-b',
        status: 409,
        request: (nik) => ({
          url: `/api/v1/ppks/${own.ppks}`,
          payload: { version: 1, reason: 'NIK dikoreksi', nik },
          answers: 'nik',
        }),
      },
      {
        method: 'POST',
        path: '/api/v1/psks',
        field: 'nik',
        causes: ['psks'],
        who: 'op-b',
        status: 409,
        request: (nik) => ({ url: '/api/v1/psks', payload: tksk(PLACES.villageB, nik), answers: 'nik' }),
      },
      {
        method: 'PATCH',
        path: '/api/v1/psks/{id}',
        field: 'nik',
        causes: ['psks'],
        who: 'op-b',
        status: 409,
        request: (nik) => ({
          url: `/api/v1/psks/${own.psks}`,
          payload: { version: 1, reason: 'NIK dikoreksi', nik },
          answers: 'nik',
        }),
      },
      {
        method: 'POST',
        path: '/api/v1/usulan',
        field: 'household.members.*.nik',
        causes: NIK_CAUSES,
        who: 'op-b',
        status: 400,
        request: (nik) => ({
          url: '/api/v1/usulan',
          payload: { kind: 'baru', household: withSpouseNik(nik), reason: 'Pindah ke desa ini' },
          answers: 'household.members.1.nik',
        }),
      },
      {
        method: 'POST',
        path: '/api/v1/usulan',
        field: 'household.kkNumber',
        causes: ['household_kk'],
        who: 'op-b',
        status: 400,
        request: (kk) => ({
          url: '/api/v1/usulan',
          payload: {
            kind: 'baru',
            household: makeHousehold(PLACES.villageB, n++, { kkNumber: kk }),
            reason: 'Pindah ke desa ini',
          },
          answers: 'household.kkNumber',
        }),
      },
      {
        method: 'POST',
        path: '/api/v1/usulan',
        field: 'changes.kkNumber',
        causes: ['household_kk'],
        who: 'op-b',
        status: 400,
        request: (kk) => ({
          url: '/api/v1/usulan',
          payload: {
            kind: 'perbaikan',
            householdId: own.household.id,
            changes: { kkNumber: kk },
            reason: 'KK baru',
          },
          answers: 'changes.kkNumber',
        }),
      },
      {
        method: 'POST',
        path: '/api/v1/usulan',
        field: 'memberChanges.*.nik',
        causes: NIK_CAUSES,
        who: 'op-b',
        status: 400,
        request: (nik) => ({
          url: '/api/v1/usulan',
          payload: {
            kind: 'perbaikan',
            householdId: own.household.id,
            memberChanges: [{ personId: spouseOf(), nik }],
            reason: 'NIK dikoreksi',
          },
          answers: 'memberChanges.0.nik',
        }),
      },
      {
        method: 'PUT',
        path: '/api/v1/usulan/{id}',
        field: 'household.members.*.nik',
        causes: NIK_CAUSES,
        who: 'op-b',
        status: 400,
        request: (nik) => ({
          url: `/api/v1/usulan/${own.baruDraft}`,
          payload: { version: 1, kind: 'baru', household: withSpouseNik(nik), reason: 'Pindah ke desa ini' },
          answers: 'household.members.1.nik',
        }),
      },
      {
        method: 'PUT',
        path: '/api/v1/usulan/{id}',
        field: 'household.kkNumber',
        causes: ['household_kk'],
        who: 'op-b',
        status: 400,
        request: (kk) => ({
          url: `/api/v1/usulan/${own.baruDraft}`,
          payload: {
            version: 1,
            kind: 'baru',
            household: makeHousehold(PLACES.villageB, n++, { kkNumber: kk }),
            reason: 'Pindah ke desa ini',
          },
          answers: 'household.kkNumber',
        }),
      },
      {
        method: 'PUT',
        path: '/api/v1/usulan/{id}',
        field: 'changes.kkNumber',
        causes: ['household_kk'],
        who: 'op-b',
        status: 400,
        request: (kk) => ({
          url: `/api/v1/usulan/${own.correctionDraft}`,
          payload: {
            version: 1,
            kind: 'perbaikan',
            householdId: own.corrected.id,
            changes: { kkNumber: kk },
            reason: 'KK baru',
          },
          answers: 'changes.kkNumber',
        }),
      },
      {
        method: 'PUT',
        path: '/api/v1/usulan/{id}',
        field: 'memberChanges.*.nik',
        causes: NIK_CAUSES,
        who: 'op-b',
        status: 400,
        request: (nik) => ({
          url: `/api/v1/usulan/${own.correctionDraft}`,
          payload: {
            version: 1,
            kind: 'perbaikan',
            householdId: own.corrected.id,
            memberChanges: [{ personId: own.corrected.members.find((m) => m.relationship === 2)!.id, nik }],
            reason: 'NIK dikoreksi',
          },
          answers: 'memberChanges.0.nik',
        }),
      },
      {
        method: 'POST',
        path: '/api/v1/visits/{id}/record',
        field: 'instrument.members.*.nik',
        causes: ['household_member'],
        who: 'petugas-b',
        status: 400,
        request: (nik) => {
          const instrument = structuredClone(own.visit.instrument);
          const at = instrument.members.findIndex((m) => m.relationship === 2);
          instrument.members[at] = { ...instrument.members[at], nik, birthDate: BORN, sex: 'F' };
          return {
            url: `/api/v1/visits/${own.visit.id}/record`,
            payload: { version: 1, ...GPS, result: 'found_eligible', instrument },
            answers: `instrument.members.${at}.nik`,
          };
        },
      },
      {
        method: 'POST',
        path: '/api/v1/visits/{id}/record',
        field: 'instrument.household.kkNumber',
        causes: ['household_kk'],
        who: 'petugas-b',
        status: 400,
        request: (kk) => {
          const instrument = structuredClone(own.visit.instrument);
          instrument.household.kkNumber = kk;
          return {
            url: `/api/v1/visits/${own.visit.id}/record`,
            payload: { version: 1, ...GPS, result: 'found_eligible', instrument },
            answers: 'instrument.household.kkNumber',
          };
        },
      },
      // A citizen sees no holder in detail, even of their own village (usulan mandiri).
      {
        method: 'POST',
        path: '/api/v1/public/citizen/usulan',
        field: 'household.members.*.nik',
        causes: NIK_CAUSES,
        who: 'citizen:wargab',
        status: 400,
        request: (nik) => ({
          url: '/api/v1/public/citizen/usulan',
          payload: mandiri(withSpouseNik(nik)),
          answers: 'household.members.1.nik',
        }),
      },
      {
        method: 'POST',
        path: '/api/v1/public/citizen/usulan',
        field: 'household.kkNumber',
        causes: ['household_kk'],
        who: 'citizen:wargab',
        status: 400,
        request: (kk) => ({
          url: '/api/v1/public/citizen/usulan',
          payload: mandiri(makeHousehold(PLACES.villageB, n++, { kkNumber: kk })),
          answers: 'household.kkNumber',
        }),
      },
    ];

    const api = async (method: string, url: string, who: string, payload?: object, status = 201) => {
      const res = await app.inject({
        method: method as 'POST',
        url: `/api/v1${url}`,
        headers: as[who],
        ...(payload ? { payload } : {}),
      });
      expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(status);
      return res.json();
    };

    beforeAll(async () => {
      // Inside the March 2026 proposal window; a limit high enough for the whole walk (tested below).
      t = await openTestDb(engine, {
        now: () => new Date('2026-03-16T09:00:00+07:00'),
        identityProbeLimit: 1000,
        codeSender: sender,
      });
      await createUsers(t.container);
      await createUser(t.container, 'petugas-b', 'petugas', PLACES.districtB);
      app = await testApp(t.container);
      for (const u of ['op-a', 'op-b', 'dinsos', 'petugas-b']) as[u] = await login(app, u);
      // A verified citizen of village B (the village's verification: test/http/citizen-accounts.test.ts).
      const warga = {
        nik: makeNik(PLACES.districtB, '1990-02-03', 'F', 7201),
        kkNumber: makeKk(PLACES.districtB, '2016-05-06', 7201),
        fullName: 'Warga Desa B',
        address: 'Dusun Kulon No. 1',
        rt: '1',
        rw: '1',
        villageCode: PLACES.villageB,
        phone: '081334567890',
        email: 'wargab@example.id',
        username: 'wargab',
        password: 'Kebun-Salak-Wonosobo-77',
      };
      await api('POST', '/public/citizen/register', 'nobody', warga, 202);
      const code = sender.sent.find((m) => m.to === warga.email && m.code)?.code;
      const confirmed = await app.inject({
        method: 'POST',
        url: '/api/v1/public/citizen/confirm',
        payload: { login: warga.email, code },
      });
      expect(confirmed.statusCode, confirmed.body).toBe(204);
      await t.container.database.db
        .updateTable('citizenAccounts')
        .set({ state: 'verified' })
        .where('username', '=', warga.username)
        .execute();
      const session = await api(
        'POST',
        '/public/citizen/login',
        'nobody',
        {
          login: warga.email,
          password: warga.password,
        },
        200,
      );
      as['citizen:wargab'] = { authorization: `Bearer ${session.token}` };
      const system = systemActor('test');

      // Village A (op-a's): one record per cause. The outsiders are op-b (village B) and petugas-b
      // (district B), who cannot see village A.
      const registered = makeHousehold(PLACES.villageA, 1);
      registered.members = registered.members.map((m, i) => ({ ...m, name: `Rahasia Anggota ${i}` }));
      const ha = await t.container.households.create(system, registered);
      value.household_member = registered.members[1]!.nik;
      value.household_kk = ha.kkNumber;
      secrets.push(ha.id, ha.kkNumber, ...ha.members.flatMap((m) => [m.id, m.name]), registered.address!);

      const proposed = makeHousehold(PLACES.villageA, 2);
      const ua = await api('POST', '/usulan', 'op-a', {
        kind: 'baru',
        household: proposed,
        reason: 'Keluarga rahasia diusulkan',
      });
      value.open_usulan = proposed.members[1]!.nik;
      secrets.push(ua.id, ua.period, 'draft', 'Keluarga rahasia diusulkan', proposed.kkNumber);

      const declared = await t.container.households.create(system, makeHousehold(PLACES.villageA, 3));
      const reason = 'Memiliki mobil dan toko besar (alasan rahasia)';
      await api('POST', `/households/${declared.id}/ineligible`, 'dinsos', { version: 1, reason }, 200);
      value.ineligible = makeHousehold(PLACES.villageA, 3).members[1]!.nik;
      secrets.push(declared.id, declared.kkNumber, reason, 'ditidaklayakkan');

      value.ppks = makeNik(PLACES.districtA, BORN, 'F', 7001);
      const pa = await api('POST', '/ppks', 'op-a', {
        ...ppksInput(PLACES.villageA, value.ppks),
        name: 'Rahasia PPKS',
      });
      value.psks = makeNik(PLACES.districtA, BORN, 'F', 7002);
      const sa = await api('POST', '/psks', 'op-a', {
        ...tksk(PLACES.villageA, value.psks),
        name: 'Rahasia PSKS',
      });
      secrets.push(pa.id, 'Rahasia PPKS', sa.id, 'Rahasia PSKS');

      const names = await t.container.regions.names([PLACES.villageA]);
      secrets.push(PLACES.villageA, PLACES.villageA.replaceAll('.', ''), names.get(PLACES.villageA)!);

      // Village B (the outsiders'): the records the update routes change, and a visit to record.
      const hb = await api('POST', '/households', 'op-b', makeHousehold(PLACES.villageB, 50));
      const ppks = await api(
        'POST',
        '/ppks',
        'op-b',
        ppksInput(PLACES.villageB, makeNik(PLACES.districtB, BORN, 'F', 7101)),
      );
      const psks = await api(
        'POST',
        '/psks',
        'op-b',
        tksk(PLACES.villageB, makeNik(PLACES.districtB, BORN, 'F', 7102)),
      );
      const petugas = await t.container.database.db
        .selectFrom('users')
        .select('id')
        .where('username', '=', 'petugas-b')
        .executeTakeFirstOrThrow();
      const visit = await api('POST', '/visits', 'dinsos', { householdId: hb.id, assignedTo: petugas.id });
      const view = await api('GET', `/visits/${visit.id}`, 'petugas-b', undefined, 200);
      own.household = hb;
      own.ppks = ppks.id;
      own.psks = psks.id;
      own.visit = { id: visit.id, instrument: view.prefill };
      const corrected = await api('POST', '/households', 'op-b', makeHousehold(PLACES.villageB, 51));
      own.corrected = corrected;
      own.baruDraft = (
        await api('POST', '/usulan', 'op-b', {
          kind: 'baru',
          household: makeHousehold(PLACES.villageB, 52),
          reason: 'Pindah ke desa ini',
        })
      ).id;
      own.correctionDraft = (
        await api('POST', '/usulan', 'op-b', {
          kind: 'perbaikan',
          householdId: corrected.id,
          changes: { address: 'Jalan Baru 1' },
          reason: 'Pindah rumah',
        })
      ).id;
    });
    afterAll(async () => {
      await app?.close();
      await t?.cleanup();
    });

    it('has a scenario for every write route whose request body takes a NIK or KK number', () => {
      const covered = SCENARIOS.map((s) => `${s.method} ${s.path} ${s.field}`).sort();
      // Public routes that name a NIK but write nothing a holder could block, and answer alike whether or not
      // it is held: a citizen's registration (202 either way; the owner of an existing account is told
      // instead, test/http/citizen-accounts.test.ts) and the Cek Bansos check (masked, a wrong name answers
      // like an absent NIK), a sanggah (every case that is not a current recipient of the citizen's own village
      // is the same 404, test/http/sanggah.test.ts). Routes that store a NIK or KK number as given and look
      // nothing up by it: a report's reporter (their own NIK, optional) and a distribution record completed
      // for PT Pos (a record of the actor's own batch, compared only with its returned version).
      const noOracle = [
        'POST /api/v1/distribution/batches/{id}/records/{householdId}/resend kkNumber',
        'POST /api/v1/public/citizen/register kkNumber',
        'POST /api/v1/public/citizen/register nik',
        'POST /api/v1/public/citizen/reports reporter.nik',
        'POST /api/v1/public/citizen/sanggah nik',
        'POST /api/v1/public/reports reporter.nik',
        'POST /api/v1/public/status nik',
      ];
      // The offline sync applies a proposal through the usulan service (the routes above): the neutral
      // answer comes back in the change's result instead of a problem document (test/http/sync.test.ts).
      const throughSync = identityRoutes(app.swagger() as never).filter((r) =>
        r.startsWith('POST /api/v1/sync/changes '),
      );
      expect(throughSync.length).toBeGreaterThan(0);
      noOracle.push(...throughSync);
      expect(identityRoutes(app.swagger() as never).filter((r) => !noOracle.includes(r))).toEqual(covered);
    });

    /** The newest identity.probe entries of `who` for `number`, and the village A notices naming it. */
    async function traces(who: string, number: string) {
      const db = t.container.database.db;
      const audits = await db
        .selectFrom('auditLog')
        .selectAll()
        .where('action', '=', 'identity.probe')
        .where('entityId', '=', number)
        .where('actorUsername', '=', who)
        .orderBy('seq', 'desc')
        .execute();
      const notices = await db
        .selectFrom('notifications')
        .selectAll()
        .where('regionCode', '=', PLACES.villageA)
        .where('kind', '=', 'identity.probe')
        .where('message', 'like', `%${number}%`)
        .execute();
      return { audits, notices };
    }

    for (const s of SCENARIOS) {
      it(`${s.method} ${s.path} (${s.field}): one neutral answer for ${s.causes.join(', ')}`, async () => {
        const bodies = new Set<string>();
        for (const cause of s.causes) {
          const before = await traces(s.who, value[cause]);
          const req = s.request(value[cause]);
          const res = await app.inject({
            method: s.method,
            url: req.url,
            headers: as[s.who],
            payload: req.payload,
          });
          expect(res.statusCode, `${cause}: ${res.body}`).toBe(s.status);
          expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
          const body = res.json();
          const neutral = unavailableIssue(req.answers, s.field.endsWith('kkNumber') ? 'kk' : 'nik');
          expect(body.code, cause).toBe('identity.unavailable');
          expect(body.errors, cause).toEqual([{ ...neutral, message: neutral.message.id }]);
          for (const secret of secrets) expect(res.body, `${cause} leaks ${secret}`).not.toContain(secret);
          const { instance: _i, requestId: _ir, ...rest } = body;
          bodies.add(JSON.stringify(rest));

          const after = await traces(s.who, value[cause]);
          expect(after.audits.length, `${cause}: audit`).toBe(before.audits.length + 1);
          expect(after.audits[0]).toMatchObject({
            regionCode: PLACES.villageA,
            entityType: neutral.field.endsWith('kkNumber') ? 'kk' : 'nik',
          });
          expect(JSON.parse(after.audits[0]!.details)).toMatchObject({ cause, field: req.answers });
          expect(after.notices.length, `${cause}: notice`).toBe(before.notices.length + 1);
        }
        // Byte-identical across causes, the instance aside.
        expect(bodies.size).toBe(1);
      });
    }

    it("tells village A's operators through their notifications, with a link to their record", async () => {
      const res = await api('GET', '/notifications', 'op-a', undefined, 200);
      const notices = (res.items as { kind: string; message: { id: string }; link: string }[]).filter(
        (i) => i.kind === 'identity.probe',
      );
      expect(notices.length).toBeGreaterThanOrEqual(SCENARIOS.reduce((k, s) => k + s.causes.length, 0));
      const ppks = notices.find((i) => i.message.id.includes(value.ppks))!;
      expect(ppks.message.id).toContain('terdaftar sebagai PPKS');
      expect(ppks.message.id).toContain(PLACES.villageB);
      expect(ppks.link).toMatch(/^\/ppks\/[0-9a-f-]{36}$/);
      // Village B's operators are told nothing about village A.
      const b = await api('GET', '/notifications', 'op-b', undefined, 200);
      expect(b.items.filter((i: { kind: string }) => i.kind === 'identity.probe')).toEqual([]);
    });

    it('a NIK two hidden records hold answers exactly as one held by one, and counts once', async () => {
      // Proposed in village A, then registered in village A2 by the machine's operator (who checks no
      // proposals): the NIK is both in an open usulan and in DTKS, in two villages op-b cannot see.
      const proposed = makeHousehold(PLACES.villageA, 4);
      await api('POST', '/usulan', 'op-a', {
        kind: 'baru',
        household: proposed,
        reason: 'Diusulkan lebih dulu',
      });
      const twice = proposed.members[1]!.nik;
      const elsewhere = makeHousehold(PLACES.villageA2, 5);
      elsewhere.members[1] = { ...proposed.members[1]! };
      await t.container.households.create(systemActor('test'), elsewhere);

      const send = (nik: string) =>
        app.inject({
          method: 'POST',
          url: '/api/v1/usulan',
          headers: as['op-b'],
          payload: { kind: 'baru', household: withSpouseNik(nik), reason: 'Pindah ke desa ini' },
        });
      const once = await send(value.household_member);
      const counted = await t.container.database.db
        .selectFrom('identityProbes')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      const both = await send(twice);
      expect(both.statusCode).toBe(once.statusCode);
      const { instance: _a, requestId: _ar, ...a } = once.json();
      const { instance: _b, requestId: _br, ...b } = both.json();
      expect(b).toEqual(a);
      const after = await t.container.database.db
        .selectFrom('identityProbes')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(after.n)).toBe(Number(counted.n) + 1);
      const audits = await t.container.database.db
        .selectFrom('auditLog')
        .select(['regionCode', 'details'])
        .where('action', '=', 'identity.probe')
        .where('entityId', '=', twice)
        .orderBy('seq')
        .execute();
      expect(audits.map((x) => [x.regionCode, JSON.parse(x.details).cause])).toEqual([
        [PLACES.villageA2, 'household_member'],
        [PLACES.villageA, 'open_usulan'],
      ]);
      const notified = await t.container.database.db
        .selectFrom('notifications')
        .select('regionCode')
        .where('message', 'like', `%${twice}%`)
        .orderBy('regionCode')
        .execute();
      expect(notified.map((x) => x.regionCode)).toEqual([PLACES.villageA, PLACES.villageA2]);
    });

    it('an approval meeting a NIK registered meanwhile in another regency is refused neutrally and audited', async () => {
      const proposed = makeHousehold(PLACES.villageB, 60);
      const u = await api('POST', '/usulan', 'op-b', {
        kind: 'baru',
        household: proposed,
        reason: 'Keluarga baru',
      });
      // Meanwhile the machine's operator registers the spouse in another regency, which dinsos cannot see.
      const other = makeHousehold(PLACES.otherVillage, 61);
      other.members[1] = { ...proposed.members[1]! };
      await t.container.households.create(systemActor('test'), other);
      await t.container.database.db
        .updateTable('usulan')
        .set({ state: 'verified' })
        .where('id', '=', u.id)
        .execute();

      const res = await app.inject({
        method: 'POST',
        url: `/api/v1/usulan/${u.id}/approve`,
        headers: as.dinsos,
        payload: { version: u.version },
      });
      expect(res.statusCode, res.body).toBe(409);
      expect(res.json()).toMatchObject({
        code: 'identity.unavailable',
        errors: [{ field: 'members.1.nik' }],
      });
      expect(res.body).not.toContain(PLACES.otherVillage);
      expect(res.body).not.toContain(other.kkNumber);
      const { audits } = await traces('dinsos', proposed.members[1]!.nik);
      expect(audits).toHaveLength(1);
      expect(audits[0]).toMatchObject({ regionCode: PLACES.otherVillage });
      expect(JSON.parse(audits[0]!.details)).toMatchObject({
        write: 'usulan.approve',
        cause: 'household_member',
      });
      expect((await api('GET', `/usulan/${u.id}`, 'op-b', undefined, 200)).state).toBe('verified');
    });

    it('inside the territory the answer stays detailed, and is no probe', async () => {
      const before = await traces('dinsos', value.household_member);
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/households',
        headers: as.dinsos,
        payload: withSpouseNik(value.household_member),
      });
      expect(res.statusCode).toBe(409);
      expect(res.json().code).toBe('nik.already_registered');
      expect(res.json().detail).toContain(PLACES.villageA);
      expect((await traces('dinsos', value.household_member)).audits).toHaveLength(before.audits.length);
    });
  });
}

let serial = 8000;

function ppksInput(regionCode: string, nik: string) {
  return {
    nik,
    name: 'Sumiyati',
    birthDate: BORN,
    sex: 'F',
    regionCode,
    categories: [{ category: 'penyandang_disabilitas', startDate: '2022-06-01' }],
  };
}

function tksk(regionCode: string, nik: string) {
  return { kind: 'tksk', name: `Slamet ${serial++}`, nik, regionCode, phone: '0812-3456-7890' };
}

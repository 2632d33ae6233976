/**
 * Every answer that shows personal data is audited, walked from the OpenAPI document rather than listed by
 * hand: every GET operation whose 200 answer has a personal field (NIK, KK number, names, birth data,
 * address, contact, or a free-text message that quotes them), and every GET operation answering a file
 * (PDF, spreadsheet, CSV, photo) unless it is known to hold none, is called on a seeded registry as a user
 * who sees the data. Each call that shows personal data must add an audit entry and carry
 * `Cache-Control: no-store`. A personal route the seed cannot exercise fails too, so a new route gets seed
 * data (and an audit) rather than silently escaping the walk.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MODEL } from '../../src/domain/ranking/default-model.ts';
import { newId } from '../../src/lib/ids.ts';
import { systemActor } from '../../src/modules/access/actor.ts';
import { LogCodeSender } from '../../src/modules/citizen/code-sender.ts';
import { JobWorker } from '../../src/modules/jobs/jobs.worker.ts';
import { asMandiriHousehold } from '../../src/modules/usulan/usulan.schemas.ts';
import { pdfFile } from '../factories/files.ts';
import { makeHousehold, makeNik } from '../factories/households.ts';
import { householdsCsv } from '../factories/households-csv.ts';
import { createUsers, login, PLACES, testApp } from '../support/app.ts';
import { acceptedProposal, createUser } from '../support/cycle.ts';
import { ENGINES, openTestDb, type TestDb } from '../support/db.ts';
import { publishProgrammes, rankSnapshot } from '../support/recipients.ts';

/** Field names whose values are personal data (in the 200 schema of an operation). */
const PERSONAL_FIELDS = new Set([
  'nik',
  'niks',
  'kkNumber',
  'headName',
  'birthDate',
  'birthPlace',
  'address',
  'phone',
  'email',
  // Notices quote NIKs, names and KK numbers in their text.
  'message',
  // A record's full copy in its version history.
  'snapshot',
  // Audit entries name the records read or changed, NIKs included.
  'details',
]);
/** Non-JSON answers that hold no personal data: the SK's counts, and metrics (labelled by route pattern only). */
const FILES_WITHOUT_PERSONAL_DATA = new Set([
  '/api/v1/periods/{period}/sk.pdf',
  '/metrics',
  // Reconciliation: counts and amounts per region or point.
  '/api/v1/distribution/reconciliation/export',
]);
/** Who may see each kind of record in the seed: tried in this order until one sees personal data. */
/** Staff readers, and a logged-in citizen (the citizen's own account answers personal data too). */
const READERS = ['dinsos', 'op-a', 'pusdatin', 'admin', 'citizen'];

type Schema = Record<string, unknown>;
interface Operation {
  parameters?: { in: string; name: string; required?: boolean }[];
  responses?: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}
interface OpenApi {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

/** Property names anywhere in a schema, following $refs. */
function fieldNames(
  schema: unknown,
  doc: OpenApi,
  out = new Set<string>(),
  seen = new Set<string>(),
): Set<string> {
  if (!schema || typeof schema !== 'object') return out;
  const s = schema as Schema;
  if (typeof s.$ref === 'string') {
    const name = s.$ref.split('/').at(-1)!;
    if (!seen.has(name)) {
      seen.add(name);
      fieldNames(doc.components?.schemas?.[name], doc, out, seen);
    }
    return out;
  }
  for (const [k, v] of Object.entries((s.properties as Schema) ?? {})) {
    out.add(k);
    fieldNames(v, doc, out, seen);
  }
  for (const key of ['items', 'additionalProperties']) fieldNames(s[key], doc, out, seen);
  for (const key of ['anyOf', 'oneOf', 'allOf'])
    for (const x of (s[key] as unknown[]) ?? []) fieldNames(x, doc, out, seen);
  return out;
}

/** Whether a JSON answer shows a personal value (a non-empty personal field anywhere in it). */
function showsPersonalData(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(showsPersonalData);
  if (!value || typeof value !== 'object') return false;
  return Object.entries(value).some(
    ([k, v]) =>
      (PERSONAL_FIELDS.has(k) && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0)) ||
      showsPersonalData(v),
  );
}

const clock = new Date('2026-03-20T09:00:00+07:00');

for (const engine of ENGINES) {
  describe(`every read of personal data is audited (${engine})`, () => {
    let t: TestDb;
    let app: FastifyInstance;
    const as: Record<string, Record<string, string>> = {};
    const sender = new LogCodeSender(() => {});
    const api = async (method: string, url: string, who: string, payload?: unknown, headers = {}) => {
      const res = await app.inject({
        method: method as 'GET',
        url: `/api/v1${url}`,
        headers: { ...as[who], ...headers },
        ...(payload === undefined ? {} : { payload: payload as string }),
      });
      if (method !== 'GET' && res.statusCode >= 300)
        throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
      return res;
    };

    beforeAll(async () => {
      t = await openTestDb(engine, { now: () => clock, codeSender: sender });
      const c = t.container;
      await createUsers(c);
      const petugas = await createUser(c, 'petugas-a', 'petugas', PLACES.districtA);
      app = await testApp(c);
      for (const u of ['dinsos', 'op-a', 'kades-a', 'pusdatin', 'admin', 'petugas-a'])
        as[u] = await login(app, u);

      // A citizen's report (laporan): the reporter's identity is personal data.
      await c.reports.create(
        {
          reporter: { name: 'Pelapor Uji', phone: '081234567890', email: 'pelapor@example.id' },
          villageCode: PLACES.villageA,
          address: 'Dusun Krajan',
          category: 'recipient_not_poor',
          text: 'Penerima punya mobil dan toko.',
        },
        { channel: 'web', key: '198.51.100.9' },
      );

      // The registry: households (one later declared ineligible), PPKS, PSKS.
      const household = makeHousehold(PLACES.villageA, 1);
      await api('POST', '/households', 'dinsos', { ...household, confirmWarnings: true });
      const third = (
        await api('POST', '/households', 'dinsos', {
          ...makeHousehold(PLACES.villageA, 3),
          confirmWarnings: true,
        })
      ).json();
      await api('POST', `/households/${third.id}/ineligible`, 'dinsos', {
        version: third.version,
        reason: 'Memiliki mobil',
      });
      await api('POST', '/ppks', 'op-a', {
        nik: makeNik('33.07.01', '1948-03-12', 'F', 9001),
        name: 'Mbah Sumiyati',
        birthDate: '1948-03-12',
        sex: 'F',
        regionCode: PLACES.villageA,
        rw: '3',
        rt: '12',
        address: 'Dusun Krajan RT 12/RW 3',
        categories: [{ category: 'lanjut_usia_terlantar', startDate: '2023-01-01' }],
      });
      await api('POST', '/psks', 'op-a', {
        kind: 'tksk',
        name: 'Slamet Riyadi',
        nik: makeNik('33.07.01', '1979-08-17', 'M', 9002),
        regionCode: PLACES.villageA,
        address: 'Jl. Raya Kertek No. 5',
        phone: '0812-3456-7890',
      });

      // The cycle: an accepted proposal with photos, its visit, a Musdes session, a Dukcapil extract.
      const usulanId = await acceptedProposal(app, c, as['op-a']!, {
        kind: 'baru',
        household: makeHousehold(PLACES.villageA, 2),
        reason: 'Keluarga miskin belum terdaftar',
      });
      await api('POST', '/visits', 'dinsos', { usulanId, assignedTo: petugas.id });
      const session = await api('POST', '/musdes', 'op-a', {
        villageCode: PLACES.villageA,
        period: '2026-03',
        heldOn: '2026-03-18',
        place: 'Balai Desa Kaligowong',
        participants: [
          { name: 'Slamet Riyadi', role: 'kepala_desa' },
          { name: 'Sri Wahyuni', role: 'bpd' },
          { name: 'Kyai Ahmad Fauzi', role: 'tokoh_agama' },
        ],
      });
      // Opening the session draws up the prelist awal: the village's households and proposals.
      await api('POST', `/musdes/${session.json().id}/open`, 'kades-a', { version: 1 });
      const [head, spouse] = household.members as [
        (typeof household.members)[0],
        (typeof household.members)[0],
      ];
      const line = (m: typeof head, name = m.name, nik = m.nik) =>
        [nik, household.kkNumber, name, m.birthDate, m.sex, '3307012001', 'alive'].join(',');
      const extract = [
        'nik,kk_number,name,birth_date,sex,region_code,status',
        line(head), // matched
        line(spouse, 'Nama Lain Sekali'), // name mismatch: an open finding
        line(head, head.name, head.nik.slice(0, 15)), // rejected: 15-digit NIK
      ].join('\n');
      await api('POST', '/dukcapil/imports?name=ekstrak.csv', 'dinsos', extract, {
        'content-type': 'text/csv',
      });

      // An import job whose result lists a rejected line (its KK number and the reason quoting the NIK).
      const rejected = makeHousehold(PLACES.villageA, 4);
      rejected.members[0] = { ...rejected.members[0]!, nik: '3201' };
      await api('POST', '/imports/households', 'dinsos', householdsCsv([rejected]), {
        'content-type': 'text/csv; charset=utf-8',
      });
      // An export job: its file (GET /jobs/{id}/result) holds the territory's households.
      await api('POST', '/exports/households', 'dinsos');
      await new JobWorker(c.jobs).drain();

      // Pengesahan and penetapan of 2026-03, so the period's changes list households.
      const now = clock.toISOString();
      await c.database.db
        .insertInto('musdesSessions')
        .values({
          id: newId(),
          period: '2026-03',
          state: 'signed',
          heldOn: '2026-03-10',
          place: 'Balai desa',
          participants: '[]',
          counts: null,
          beritaAcaraId: null,
          signedScanId: null,
          provinceCode: '33',
          regencyCode: PLACES.regency,
          districtCode: PLACES.districtA,
          villageCode: PLACES.villageA2,
          version: 1,
          createdAt: now,
          createdBy: null,
          updatedAt: now,
          updatedBy: null,
        })
        .execute();
      const submission = (await api('POST', '/submissions', 'dinsos', { period: '2026-03' })).json();
      await api(
        'POST',
        `/submissions/${submission.id}/approval-letter?name=surat.pdf`,
        'dinsos',
        pdfFile('Surat'),
        {
          'content-type': 'application/pdf',
        },
      );
      await api('POST', `/submissions/${submission.id}/submit`, 'dinsos', { version: 2, confirm: true });
      const civilServant = makeHousehold(PLACES.villageA2, 5);
      civilServant.members[0] = { ...civilServant.members[0]!, employerType: 1 };
      await api('POST', '/households', 'dinsos', { ...civilServant, confirmWarnings: true });
      await api('POST', '/periods/2026-03/penetapan', 'pusdatin');
      // The period ranked, and two aid-source lists naming the same household and one DTKS does not know
      // (the targeting drill-down and the overlap and not-found worklists).
      const system = systemActor('test');
      await c.ranking.uploadModel(system, DEFAULT_MODEL);
      await c.ranking.publishModel(system, DEFAULT_MODEL.version, { confirmConcentration: true });
      await c.ranking.rank(system, { period: '2026-03' });
      for (const name of ['BLT Dana Desa 2026', 'Subsidi LPG']) {
        const list = `nik,kk_number\n,${household.kkNumber}\n${makeNik('33.07.01', '1990-02-02', 'M', 9100)},\n`;
        await c.aidSources.importList(system, [list], {
          name,
          region: PLACES.regency,
          fileName: 'bansos.csv',
        });
      }

      // Bansos recipients of 2026-03: BPNT proposed (the civil servant's family excluded) and approved.
      await rankSnapshot(c, '2026-03', () => 1);
      await publishProgrammes(c);
      const operator = systemActor('test');
      const proposal = await c.recipients.compute(operator, {
        period: '2026-03',
        programme: 'BPNT',
        regency: PLACES.regency,
      });
      await c.recipients.submit(operator, proposal.id);
      await c.recipients.approve(operator, proposal.id);
      // Handed over to PT Pos, which accepts it: the partner's records, the invitation letters.
      const handedOver = await c.distribution.createBatch(operator, {
        period: '2026-03',
        programme: 'BPNT',
        regency: PLACES.regency,
      });
      await c.distribution.acceptBatch(
        { ...operator, username: 'system:test-pos', role: 'pos', regionCode: PLACES.regency },
        handedOver.id,
        {},
      );

      // A notice to the village, as the cycle sends when a proposal comes back.
      await c.database.db.transaction().execute((trx) =>
        c.notifications.notify(trx, {
          regionCode: PLACES.villageA,
          kind: 'usulan.returned',
          message: {
            id: `Usulan ${head.name} (NIK ${head.nik}, KK ${household.kkNumber}) dikembalikan`,
            en: `Proposal ${head.name} (NIK ${head.nik}, KK ${household.kkNumber}) returned`,
          },
        }),
      );
      await seedCitizen();
      await seedSanggah();
    });
    // Another citizen of village A, verified, objects to a recipient there (the Dinas Sosial's sanggah list).
    const seedSanggah = async () => {
      const db = t.container.database.db;
      const register = {
        nik: makeNik('33.07.01', '1987-05-05', 'F', 9192),
        kkNumber: '3307011003159192',
        fullName: 'Warga Penyanggah',
        address: 'Dusun Krajan',
        rt: '1',
        rw: '1',
        villageCode: PLACES.villageA,
        phone: '081299997777',
        email: 'warga.penyanggah@example.id',
        username: 'warga.penyanggah',
        password: 'Kebun-Salak-Wonosobo-77',
      };
      const pub = (url: string, payload: unknown) =>
        app.inject({ method: 'POST', url: `/api/v1/public/citizen/${url}`, payload: payload as object });
      expect((await pub('register', register)).statusCode).toBe(202);
      const code = sender.sent.find((m) => m.to === register.email)!.code;
      expect((await pub('confirm', { login: register.email, code })).statusCode).toBe(204);
      await db
        .updateTable('citizenAccounts')
        .set({ state: 'verified' })
        .where('username', '=', register.username)
        .execute();
      const session = await pub('login', { login: register.nik, password: register.password });
      const target = await db
        .selectFrom('recipients as r')
        .innerJoin('persons as p', 'p.householdId', 'r.householdId')
        .innerJoin('households as h', 'h.id', 'r.householdId')
        .select(['p.nik', 'p.name'])
        .where('r.villageCode', '=', PLACES.villageA)
        .where('h.status', '=', 'active')
        .where('p.status', '=', 'active')
        .where('p.nik', 'is not', null)
        .executeTakeFirstOrThrow();
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/public/citizen/sanggah',
        headers: { authorization: `Bearer ${session.json().token}` },
        payload: { nik: target.nik, name: target.name, reason: 'Keluarga ini memiliki mobil dan toko' },
      });
      expect(res.statusCode, res.body).toBe(201);
    };
    // A citizen account waiting for verification in village A (the village's verification queue), and a verified
    // citizen's session: that citizen has proposed a family (usulan mandiri), read back on their own pages.
    const seedCitizen = async () => {
      const pub = (url: string, payload: unknown) =>
        app.inject({ method: 'POST', url: `/api/v1/public/citizen/${url}`, payload: payload as object });
      const account = async (n: number) => {
        const register = {
          nik: makeNik('33.07.01', '1988-04-04', 'F', 9190 + n),
          kkNumber: `330701100315919${n}`,
          fullName: 'Warga Terdaftar',
          address: 'Dusun Krajan',
          rt: '1',
          rw: '1',
          villageCode: PLACES.villageA,
          phone: `08129999888${n}`,
          email: `warga.terdaftar${n}@example.id`,
          username: `warga.terdaftar${n}`,
          password: 'Kebun-Salak-Wonosobo-77',
        };
        expect((await pub('register', register)).statusCode).toBe(202);
        const code = sender.sent.find((m) => m.to === register.email)!.code;
        expect((await pub('confirm', { login: register.email, code })).statusCode).toBe(204);
        return register;
      };
      await account(1);
      const verified = await account(2);
      await t.container.database.db
        .updateTable('citizenAccounts')
        .set({ state: 'verified' })
        .where('username', '=', verified.username)
        .execute();
      const res = await pub('login', { login: verified.nik, password: verified.password });
      as.citizen = { authorization: `Bearer ${res.json().token}` };
      const proposed = await app.inject({
        method: 'POST',
        url: '/api/v1/public/citizen/usulan',
        headers: as.citizen,
        payload: {
          relation: 'other',
          household: asMandiriHousehold(makeHousehold(PLACES.villageA, 92)),
          reason: 'Keluarga buruh tani, penghasilan tidak tetap',
          consent: true,
          confirmWarnings: true,
        },
      });
      expect(proposed.statusCode, proposed.body).toBe(201);
    };
    afterAll(async () => {
      await app?.close();
      await t?.cleanup();
    });

    const auditCount = async () =>
      Number(
        (
          await t.container.database.db
            .selectFrom('auditLog')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );

    /** Values for required query parameters, by name. */
    const QUERY_VALUES: Record<string, string> = {
      period: '2026-03',
      region: PLACES.regency,
      village: PLACES.villageA,
      q: 'a',
      programme: 'BPNT',
    };

    /**
     * The URLs to try for a route: each path parameter from the records of the list the route hangs under
     * (a few of them, as not every record has everything), the NIK of a listed household's member, an
     * attachment of a listed proposal; required query parameters from QUERY_VALUES.
     */
    const candidateUrls = async (path: string, query: string[], who: string): Promise<string[]> => {
      let urls = [path];
      for (const m of path.matchAll(/\{([^}]+)\}/g)) {
        const [placeholder, name] = m as unknown as [string, string];
        const items = async (url: string) => ((await api('GET', url, who)).json().items ?? []).slice(0, 5);
        const next: string[] = [];
        // Each URL so far has its earlier placeholders filled in: the list this one hangs under is its prefix.
        for (const u of urls) {
          const parent = u.slice(0, u.indexOf(placeholder) - 1).replace(/^\/api\/v1/, '');
          let values: string[] = [];
          if (name === 'nik') {
            for (const h of await items('/households')) {
              values.push(
                ...((await api('GET', `/households/${h.id}`, who)).json().members ?? []).map(
                  (p: { nik: string }) => p.nik,
                ),
              );
            }
          } else if (parent === '/attachments') {
            for (const u of await items('/usulan')) {
              values.push(
                ...((await api('GET', `/usulan/${u.id}`, who)).json().attachments ?? []).map(
                  (a: { id: string }) => a.id,
                ),
              );
            }
          } else {
            values = (await items(parent)).map((i: Record<string, string>) => i[name]).filter(Boolean);
          }
          next.push(...values.slice(0, 5).map((v) => u.replace(placeholder, encodeURIComponent(v))));
        }
        urls = next;
      }
      const qs = query.map((q) => `${q}=${encodeURIComponent(QUERY_VALUES[q] ?? '')}`).join('&');
      return urls.map((u) => (qs ? `${u}?${qs}` : u));
    };

    it('walks every GET that can show personal data: each call is audited and no-store', async () => {
      const doc = (await app.inject({ url: '/api/openapi.json' })).json() as OpenApi;
      const personal: string[] = [];
      const queryOf: Record<string, string[]> = {};
      for (const [path, ops] of Object.entries(doc.paths)) {
        if (!ops.get) continue;
        const schema = ops.get.responses?.['200']?.content?.['application/json']?.schema;
        const isPersonal = schema
          ? [...fieldNames(schema, doc)].some((f) => PERSONAL_FIELDS.has(f))
          : !FILES_WITHOUT_PERSONAL_DATA.has(path);
        if (!isPersonal) continue;
        personal.push(path);
        queryOf[path] = (ops.get.parameters ?? [])
          .filter((p) => p.in === 'query' && p.required)
          .map((p) => p.name);
      }
      expect(personal).toEqual(
        expect.arrayContaining([
          '/api/v1/notifications',
          '/api/v1/households',
          '/api/v1/households/{id}',
          '/api/v1/persons/{nik}',
          '/api/v1/ppks',
          '/api/v1/psks/{id}',
          '/api/v1/exports/households.csv',
          '/api/v1/musdes/{id}/prelist.pdf',
          '/api/v1/jobs/{id}',
          '/api/v1/jobs/{id}/result',
        ]),
      );

      const unaudited: string[] = [];
      const cacheable: string[] = [];
      const unexercised: string[] = [];
      for (const path of personal) {
        let exercised = false;
        for (const who of READERS) {
          for (const url of await candidateUrls(path, queryOf[path]!, who)) {
            const before = await auditCount();
            const res = await app.inject({ url, headers: as[who] });
            if (res.statusCode !== 200) continue;
            const type = String(res.headers['content-type']);
            // NDJSON (the offline working set) is one JSON document per line.
            const shows = /ndjson/.test(type)
              ? res.body
                  .split('\n')
                  .filter(Boolean)
                  .some((line) => showsPersonalData(JSON.parse(line)))
              : /json/.test(type)
                ? showsPersonalData(res.json())
                : res.rawPayload.length > 0;
            if (!shows) continue;
            exercised = true;
            if ((await auditCount()) <= before) unaudited.push(`${url} as ${who}`);
            if (res.headers['cache-control'] !== 'no-store') {
              cacheable.push(`${url}: ${res.headers['cache-control']}`);
            }
            break;
          }
          if (exercised) break;
        }
        if (!exercised) unexercised.push(path);
      }
      expect(unexercised, 'personal routes the seed does not reach').toEqual([]);
      expect(unaudited, 'personal data shown without an audit entry').toEqual([]);
      expect(cacheable, 'personal data without Cache-Control: no-store').toEqual([]);
      expect(personal.length).toBeGreaterThan(20);
    });

    it('listing notifications is audited with the notices shown', async () => {
      const res = await api('GET', '/notifications', 'op-a');
      expect(res.statusCode).toBe(200);
      expect(res.json().items[0].message.id).toMatch(/NIK \d{16}/);
      const entry = await t.container.database.db
        .selectFrom('auditLog')
        .select(['action', 'actorUsername', 'regionCode', 'details'])
        .orderBy('seq', 'desc')
        .executeTakeFirstOrThrow();
      expect(entry).toMatchObject({
        action: 'notification.list',
        actorUsername: 'op-a',
        regionCode: PLACES.villageA,
      });
      expect(JSON.parse(entry.details)).toEqual({ ids: res.json().items.map((i: { id: string }) => i.id) });
    });
  });
}

import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { decodeSnapshot } from '../../src/db/version-snapshot.ts';
import type { SnapshotHousehold } from '../../src/domain/programmes/facts.ts';
import { deciles } from '../../src/domain/ranking/deciles.ts';
import { DEFAULT_MODEL } from '../../src/domain/ranking/default-model.ts';
import { identityOf } from '../../src/domain/recipients/identity.ts';
import { systemActor } from '../../src/modules/access/actor.ts';
import { RankingRepository } from '../../src/modules/ranking/ranking.repository.ts';
import { makeHousehold } from '../factories/households.ts';
import { createUsers, login, PLACES, testApp } from '../support/app.ts';
import { ENGINES, openTestDb, type TestDb } from '../support/db.ts';

const PERIOD = '2026-03';

/** Answers that make households differ (and two of them tie: same answers, same members' ages). */
const VARIANTS = [
  { floorMaterial: 9, cookingFuel: 8, hasMotorcycle: false, mealsPerDay: 2 },
  { floorMaterial: 2, cookingFuel: 3, hasMotorcycle: true, hasRefrigerator: true, electricityPower: 3 },
  { floorMaterial: 6, cookingFuel: 3, hasMotorcycle: true },
  { floorMaterial: 9, cookingFuel: 8, hasMotorcycle: true },
  { floorMaterial: 2, cookingFuel: 2, hasMotorcycle: true, hasCar: true, hasRefrigerator: true },
  { floorMaterial: 7, cookingFuel: 5, hasMotorcycle: false, lightingSource: 3, electricityPower: null },
];

for (const engine of ENGINES) {
  describe(`ranking API (${engine})`, () => {
    let t: TestDb;
    let app: FastifyInstance;
    const as: Record<string, Record<string, string>> = {};
    const ids: { id: string; village: string }[] = [];

    beforeAll(async () => {
      t = await openTestDb(engine);
      await createUsers(t.container);
      app = await testApp(t.container);
      for (const u of ['op-a', 'op-b', 'dinsos', 'dinsos-other', 'pusdatin', 'admin'])
        as[u] = await login(app, u);
      const villages = [PLACES.villageA, PLACES.villageA2, PLACES.villageB, PLACES.otherVillage];
      for (let n = 1; n <= 14; n++) {
        const village = villages[n % villages.length]!;
        const variant = VARIANTS[n % VARIANTS.length]!;
        const res = await app.inject({
          method: 'POST',
          url: '/api/v1/households',
          headers: as.admin,
          payload: { ...makeHousehold(village, n, variant), confirmWarnings: true },
        });
        expect(res.statusCode, res.body).toBe(201);
        ids.push({ id: res.json().id, village });
      }
      // A determined period holding these households at version 1 (penetapan's own tests cover how).
      const db = t.container.database.db;
      await db
        .insertInto('periods')
        .values({ period: PERIOD, state: 'determined', createdAt: new Date().toISOString() } as never)
        .execute();
      await db
        .insertInto('snapshotHouseholds')
        .values(
          ids.map(({ id, village }) => ({
            period: PERIOD,
            householdId: id,
            provinceCode: village.slice(0, 2),
            regencyCode: village.slice(0, 5),
            villageCode: village,
            version: 1,
            memberCount: 3,
          })),
        )
        .execute();
    });
    afterAll(async () => {
      await app.close();
      await t.cleanup();
    });

    const upload = (doc: unknown, user = 'pusdatin') =>
      app.inject({
        method: 'POST',
        url: '/api/v1/ranking-models',
        headers: as[user],
        payload: doc as object,
      });

    it('refuses an invalid model with the exact path of each problem, storing nothing', async () => {
      const doc = structuredClone(DEFAULT_MODEL) as unknown as {
        version: string;
        variables: Record<string, unknown>[];
      };
      doc.version = 'broken-1';
      delete doc.variables[2]!.weight;
      const missing = await upload(doc);
      expect(missing.statusCode).toBe(400);
      expect(missing.json().errors.map((e: { field: string }) => e.field)).toEqual(['variables.2.weight']);
      const unknown = await upload({
        version: 'broken-2',
        intercept: 1,
        variables: [
          {
            name: 'pool',
            source: { kind: 'household', field: 'hasPool' },
            transform: { type: 'linear' },
            weight: 1,
          },
          {
            name: 'floor',
            source: { kind: 'household', field: 'floorMaterial' },
            transform: { type: 'oneOf', codes: [42] },
            weight: 1,
          },
        ],
      });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json().errors.map((e: { field: string; code: string }) => [e.field, e.code])).toEqual([
        ['variables.0.source.field', 'ranking.unknown_variable'],
        ['variables.1.transform.codes.0', 'ranking.unknown_code'],
      ]);
      expect((await upload({ ...DEFAULT_MODEL, version: 'x-1' }, 'dinsos')).statusCode).toBe(403);
      const list = await app.inject({ url: '/api/v1/ranking-models', headers: as.dinsos });
      expect(list.json().items).toEqual([]);
    });

    it('flags a model that lumps households together before it can be published', async () => {
      const lumpy = {
        version: 'lumpy-1',
        intercept: 12,
        variables: [
          {
            name: 'car',
            source: { kind: 'household', field: 'hasCar' },
            transform: { type: 'linear' },
            weight: 0.3,
          },
        ],
      };
      const res = await upload(lumpy);
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({ state: 'draft', concentration: { flagged: true } });
      expect(res.json().concentration.largestShare).toBeGreaterThan(0.5);
      const publish = await app.inject({
        method: 'POST',
        url: '/api/v1/ranking-models/lumpy-1/publish',
        headers: as.pusdatin,
        payload: {},
      });
      expect(publish.statusCode).toBe(409);
      expect(publish.json().code).toBe('ranking.concentrated');
      expect((await upload(lumpy)).json().code).toBe('ranking.model_exists');
    });

    it('ranks the determined period once per model version; the household answer explains its deciles', async () => {
      const up = await upload({ ...DEFAULT_MODEL, version: 'pmt-test-1' });
      expect(up.json()).toMatchObject({
        state: 'draft',
        variables: DEFAULT_MODEL.variables.length,
        concentration: { flagged: false },
      });
      // The default model describes itself in both languages; a plain-text description stays as written.
      expect(up.json().description).toEqual({
        id: expect.stringMatching(/^Uji kemampuan \(PMT\) bawaan DTKS/),
        en: expect.stringMatching(/^Default DTKS proxy-means test/),
      });
      const plain = await upload({ ...DEFAULT_MODEL, version: 'pmt-plain-1', description: 'Catatan analis' });
      expect(plain.json().description).toBe('Catatan analis');
      const half = await upload({ ...DEFAULT_MODEL, version: 'pmt-half-1', description: { id: 'Hanya id' } });
      expect(half.statusCode).toBe(400);
      expect(half.json().errors[0].field).toBe('description');
      const pub = await app.inject({
        method: 'POST',
        url: '/api/v1/ranking-models/pmt-test-1/publish',
        headers: as.pusdatin,
        payload: {},
      });
      expect(pub.json()).toMatchObject({ state: 'published' });

      const pusdatin = systemActor('test');
      const first = await t.container.ranking.rank(pusdatin, { period: PERIOD });
      expect(first).toMatchObject({ period: PERIOD, modelVersion: 'pmt-test-1', households: 14 });
      expect(first.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(await t.container.ranking.rank(pusdatin, { period: PERIOD })).toEqual(first);

      // The SQL deciles are the pure rule's, in every scope.
      const rows = await t.container.database.db
        .selectFrom('rankingResults')
        .selectAll()
        .where('period', '=', PERIOD)
        .orderBy('householdId')
        .execute();
      expect(rows).toHaveLength(14);
      expect(rows.map((r) => r.decileNational)).toEqual(deciles(rows.map((r) => r.score)));
      for (const regency of ['33.07', '33.08']) {
        const inRegency = rows.filter((r) => r.regencyCode === regency);
        expect(inRegency.map((r) => r.decileRegency)).toEqual(deciles(inRegency.map((r) => r.score)));
      }
      expect(rows.map((r) => r.decileProvince)).toEqual(rows.map((r) => r.decileNational)); // one province
      // Each result names its household as the ranked version's snapshot does (what a proposal's rows show).
      const versions = await t.container.database.db
        .selectFrom('recordVersions')
        .select(['entityId', 'version', 'snapshot'])
        .where('entityType', '=', 'household')
        .execute();
      for (const r of rows) {
        const v = versions.find((x) => x.entityId === r.householdId && x.version === r.householdVersion)!;
        const who = identityOf(decodeSnapshot<SnapshotHousehold>(v.snapshot));
        expect(who.kkNumber).toMatch(/^\d{16}$/);
        expect(who.headName).not.toBe('');
        expect({ kkNumber: r.kkNumber, headName: r.headName }).toEqual(who);
      }

      const mine = ids.find((h) => h.village === PLACES.villageA)!;
      const res = await app.inject({
        url: `/api/v1/households/${mine.id}/ranking?period=${PERIOD}`,
        headers: as['op-a'],
      });
      expect(res.statusCode, res.body).toBe(200);
      const r = res.json();
      const row = rows.find((x) => x.householdId === mine.id)!;
      expect(r).toMatchObject({
        period: PERIOD,
        modelVersion: 'pmt-test-1',
        score: row.score,
        criteria14: row.criteria14,
        decile: { national: row.decileNational, province: row.decileProvince, regency: row.decileRegency },
      });
      const sum = r.contributions.reduce(
        (a: number, c: { contribution: number }) => a + c.contribution,
        DEFAULT_MODEL.intercept,
      );
      expect(sum).toBeCloseTo(r.score, 5);
      expect(r.contributions[0]).toEqual({
        variable: 'household_size',
        label: { id: 'Jumlah anggota rumah tangga', en: 'Household size' },
        value: 3,
        valueLabel: null,
        unit: null,
        contribution: -0.415888,
      });
      // Each value as the instrument names it, the raw value beside it: a code's label, yes/no, a unit.
      const of = (name: string) => r.contributions.find((c: { variable: string }) => c.variable === name);
      expect(of('earth_bamboo_floor')).toMatchObject({
        value: 2,
        valueLabel: { id: 'Keramik', en: 'Ceramic tiles' },
        unit: null,
      });
      expect(of('car')).toMatchObject({ value: 1, valueLabel: { id: 'Ya', en: 'Yes' } });
      expect(of('motorcycle')).toMatchObject({ value: 1, valueLabel: { id: 'Ya', en: 'Yes' } });
      expect(of('floor_area_per_person')).toMatchObject({ value: 12, valueLabel: null, unit: 'm²' });
      expect(of('income_per_person')).toMatchObject({ value: null, valueLabel: null, unit: null });

      // Outside the territory, absent, malformed or unranked: the same 404.
      const other = ids.find((h) => h.village === PLACES.villageB)!;
      const hidden = await app.inject({
        url: `/api/v1/households/${other.id}/ranking?period=${PERIOD}`,
        headers: as['op-a'],
      });
      const absent = await app.inject({
        url: `/api/v1/households/0190f7a0-0000-7000-8000-000000000000/ranking?period=${PERIOD}`,
        headers: as['op-a'],
      });
      const unranked = await app.inject({
        url: `/api/v1/households/${mine.id}/ranking?period=2026-02`,
        headers: as['op-a'],
      });
      for (const x of [hidden, absent, unranked]) {
        expect(x.statusCode).toBe(404);
        expect(x.json().code).toBe('record.not_found');
        expect(x.json().detail).toBe(absent.json().detail);
      }
      const bad = await app.inject({
        url: `/api/v1/households/${mine.id}/ranking?period=2026-13`,
        headers: as['op-a'],
      });
      expect(bad.statusCode).toBe(400);

      const audit = await t.container.database.db
        .selectFrom('auditLog')
        .select('action')
        .where('action', 'in', ['household.ranking', 'ranking.rank', 'ranking_model.publish'])
        .execute();
      expect(audit.map((a) => a.action).sort()).toEqual([
        'household.ranking',
        'ranking.rank',
        'ranking_model.publish',
      ]);
    });

    it("answers from the period's newest run; the older run's results stay as they were", async () => {
      const mine = ids.find((h) => h.village === PLACES.villageA)!;
      const read = async () =>
        (
          await app.inject({
            url: `/api/v1/households/${mine.id}/ranking?period=${PERIOD}`,
            headers: as['op-a'],
          })
        ).json();
      const before = await read();
      expect(before.modelVersion).toBe('pmt-test-1');
      expect((await upload({ ...DEFAULT_MODEL, version: 'pmt-test-2', intercept: 20 })).statusCode).toBe(201);
      const pub = await app.inject({
        method: 'POST',
        url: '/api/v1/ranking-models/pmt-test-2/publish',
        headers: as.pusdatin,
        payload: {},
      });
      expect(pub.statusCode, pub.body).toBe(200);
      await t.container.ranking.rank(systemActor('test'), { period: PERIOD });
      const after = await read();
      expect(after).toMatchObject({ modelVersion: 'pmt-test-2', decile: before.decile });
      expect(after.score).toBeCloseTo(before.score + 20 - DEFAULT_MODEL.intercept, 5);
      const kept = await t.container.database.db
        .selectFrom('rankingResults')
        .select('score')
        .where('period', '=', PERIOD)
        .where('modelVersion', '=', 'pmt-test-1')
        .where('householdId', '=', mine.id)
        .executeTakeFirstOrThrow();
      expect(kept.score).toBe(before.score);
    });

    it("reads any model version's finished run of the period with ?model=; the runs list names them, newest first", async () => {
      const mine = ids.find((h) => h.village === PLACES.villageA)!;
      const other = ids.find((h) => h.village === PLACES.villageB)!;
      const get = (id: string, query: string, user = 'op-a') =>
        app.inject({ url: `/api/v1/households/${id}/ranking?period=${PERIOD}${query}`, headers: as[user] });
      const newest = await get(mine.id, '');
      const first = await get(mine.id, '&model=pmt-test-1');
      const second = await get(mine.id, '&model=pmt-test-2');
      expect([newest.statusCode, first.statusCode, second.statusCode]).toEqual([200, 200, 200]);
      // The default is the newest run; the older one answers as it was ranked, explained by its own model.
      expect(newest.json()).toEqual(second.json());
      expect(second.json().modelVersion).toBe('pmt-test-2');
      const stored = await t.container.database.db
        .selectFrom('rankingResults')
        .selectAll()
        .where('period', '=', PERIOD)
        .where('modelVersion', '=', 'pmt-test-1')
        .where('householdId', '=', mine.id)
        .executeTakeFirstOrThrow();
      const past = first.json();
      expect(past).toMatchObject({
        period: PERIOD,
        modelVersion: 'pmt-test-1',
        score: stored.score,
        criteria14: stored.criteria14,
        decile: {
          national: stored.decileNational,
          province: stored.decileProvince,
          regency: stored.decileRegency,
        },
      });
      const sum = past.contributions.reduce(
        (a: number, c: { contribution: number }) => a + c.contribution,
        DEFAULT_MODEL.intercept,
      );
      expect(sum).toBeCloseTo(past.score, 5);
      expect(second.json().score).toBeCloseTo(past.score + 20 - DEFAULT_MODEL.intercept, 5);

      // A model that did not rank the period (stored or not), a run not finished, another territory, another
      // period: the 404 of an absent household.
      await t.container.database.db
        .insertInto('rankingRuns')
        .values({
          period: PERIOD,
          modelVersion: 'lumpy-1',
          state: 'running',
          households: null,
          checksum: null,
          startedAt: new Date().toISOString(),
          finishedAt: null,
        })
        .execute();
      const absent = await get('0190f7a0-0000-7000-8000-000000000000', '&model=pmt-test-1');
      const refused = [
        await get(mine.id, '&model=pmt-plain-1'), // stored, never ranked this period
        await get(mine.id, '&model=no-such-model'),
        await get(mine.id, '&model=lumpy-1'), // its run has not finished
        await get(other.id, '&model=pmt-test-1'), // outside op-a's village
        await app.inject({
          url: `/api/v1/households/${mine.id}/ranking?period=2026-02&model=pmt-test-1`,
          headers: as['op-a'],
        }),
      ];
      for (const r of [absent, ...refused]) {
        expect(r.statusCode).toBe(404);
        expect(r.json().code).toBe('record.not_found');
        expect(r.json().detail).toBe(absent.json().detail);
      }
      expect((await get(mine.id, '&model=')).statusCode).toBe(400);
      expect((await get(mine.id, `&model=${'x'.repeat(41)}`)).statusCode).toBe(400);
      // Audited as every answer, under the model version read.
      const reads = await t.container.database.db
        .selectFrom('auditLog')
        .select(['details'])
        .where('action', '=', 'household.ranking')
        .where('entityId', '=', mine.id)
        .orderBy('seq', 'desc')
        .limit(3)
        .execute();
      expect(reads.map((r) => JSON.parse(String(r.details)).modelVersion)).toEqual([
        'pmt-test-2',
        'pmt-test-1',
        'pmt-test-2',
      ]);

      // Which model versions ranked the period: finished runs only, newest first, for any registry reader.
      const runs = await app.inject({ url: `/api/v1/periods/${PERIOD}/ranking-runs`, headers: as['op-a'] });
      expect(runs.statusCode, runs.body).toBe(200);
      expect(runs.json()).toEqual({
        period: PERIOD,
        items: [
          {
            modelVersion: 'pmt-test-2',
            households: 14,
            checksum: expect.stringMatching(/^[0-9a-f]{64}$/),
            finishedAt: expect.any(String),
          },
          {
            modelVersion: 'pmt-test-1',
            households: 14,
            checksum: expect.stringMatching(/^[0-9a-f]{64}$/),
            finishedAt: expect.any(String),
          },
        ],
      });
      const none = await app.inject({ url: '/api/v1/periods/2026-02/ranking-runs', headers: as['op-a'] });
      expect(none.json()).toEqual({ period: '2026-02', items: [] });
      const bad = await app.inject({ url: '/api/v1/periods/2026-13/ranking-runs', headers: as['op-a'] });
      expect(bad.statusCode).toBe(400);
      await t.container.database.db
        .deleteFrom('rankingRuns')
        .where('period', '=', PERIOD)
        .where('modelVersion', '=', 'lumpy-1')
        .execute();
    });

    it('answers a household id in capitals 404 on both engines, and audits nothing under it', async () => {
      // PostgreSQL's uuid matched it and the read was audited under the capitals: audit_log.entity_id is
      // text, so the citizen's "who read my data" (by the household's id as made, lower case) never showed it.
      const id = ids.find((h) => h.village === PLACES.villageA)!.id;
      const shown = await app.inject({
        url: `/api/v1/households/${id}/ranking?period=${PERIOD}`,
        headers: as['op-a'],
      });
      expect(shown.statusCode).toBe(200);
      const res = await app.inject({
        url: `/api/v1/households/${id.toUpperCase()}/ranking?period=${PERIOD}`,
        headers: as['op-a'],
      });
      expect(res.statusCode).toBe(404);
      const underCapitals = await t.container.database.db
        .selectFrom('auditLog')
        .select('seq')
        .where('entityId', '=', id.toUpperCase())
        .execute();
      expect(underCapitals).toEqual([]);
    });

    it('answers look-ups that arrive together each as if asked alone (one statement where statements are round trips)', async () => {
      const mine = ids.filter((h) => h.village === PLACES.villageA);
      const other = ids.find((h) => h.village === PLACES.villageB)!;
      const absentId = '0190f7a0-0000-7000-8000-000000000000';
      const asked: [string, string][] = [
        [mine[0]!.id, PERIOD],
        [mine[1]!.id, PERIOD],
        [mine[0]!.id.toUpperCase(), PERIOD], // in capitals: no record's id (never sent to the database)
        [other.id, PERIOD], // outside op-a's territory
        [absentId, PERIOD],
        ['-'.repeat(36), PERIOD], // malformed: never sent to the database (PostgreSQL's uuid refused it: 500)
        [mine[0]!.id, '2026-02'], // not ranked
      ];
      const get = ([id, period]: [string, string]) =>
        app.inject({ url: `/api/v1/households/${id}/ranking?period=${period}`, headers: as['op-a'] });
      const audited = async () =>
        Number(
          (
            await t.container.database.db
              .selectFrom('auditLog')
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .where('action', '=', 'household.ranking')
              .executeTakeFirstOrThrow()
          ).n,
        );
      const alone: Awaited<ReturnType<typeof get>>[] = [];
      for (const a of asked) alone.push(await get(a));
      expect(alone.map((r) => r.statusCode).slice(0, 2)).toEqual([200, 200]);
      expect(alone.map((r) => r.statusCode).slice(2)).toEqual([404, 404, 404, 404, 404]);
      const lookups = vi.spyOn(RankingRepository.prototype, 'newestResults');
      try {
        const auditedBefore = await audited();
        const together = await Promise.all(asked.map(get));
        // The same answers (a refusal's problem document differs only by its request id).
        const answer = (r: (typeof alone)[number]) => {
          const { requestId: _id, instance: _instance, ...body } = r.json();
          return [r.statusCode, body];
        };
        expect(together.map(answer)).toEqual(alone.map(answer));
        // Every answer was audited before it was sent; a refusal read nothing.
        const answered = together.filter((r) => r.statusCode === 200).length;
        expect(await audited()).toBe(auditedBefore + answered);
        if (engine === 'postgres') {
          // One statement per period asked: the four well-formed look-ups of 2026-03, then 2026-02's.
          expect(lookups.mock.calls.map(([, period, hids]) => [period, [...hids].sort()])).toEqual([
            [PERIOD, [0, 1, 3, 4].map((i) => asked[i]![0]).sort()],
            ['2026-02', [mine[0]!.id]],
          ]);
        } else {
          expect(lookups).not.toHaveBeenCalled(); // SQLite: a look-up is a call in the process, none gathered
        }
      } finally {
        lookups.mockRestore();
      }
    });

    it("checks the household's current village: after a move the old village's operator gets the 404 of an absent household, the new one's the answer", async () => {
      // The result keeps the village the household had when the period was ranked; the territory is the
      // household's village now, as for the household read (GET /households/{id}).
      const db = t.container.database.db;
      const moveTo = async (id: string, village: string) => {
        const [province, regency, district] = [2, 5, 8].map((n) => village.slice(0, n));
        await db
          .updateTable('households')
          .set({ provinceCode: province, regencyCode: regency, districtCode: district, villageCode: village })
          .where('id', '=', id)
          .execute();
      };
      const sameRegency = ids.filter((h) => h.village === PLACES.villageA)[2]!; // to villageB, same regency
      const otherRegency = ids.find((h) => h.village === PLACES.otherVillage)!; // to villageA, another regency
      await moveTo(sameRegency.id, PLACES.villageB);
      await moveTo(otherRegency.id, PLACES.villageA);
      const absentId = '0190f7a0-0000-7000-8000-00000000abcd';
      const get = (id: string, user: string) =>
        app.inject({ url: `/api/v1/households/${id}/ranking?period=${PERIOD}`, headers: as[user] });
      const body = (r: Awaited<ReturnType<typeof get>>) => {
        const { requestId: _id, instance: _instance, ...rest } = r.json();
        return rest;
      };
      const readsOf = async (id: string) =>
        (
          await db
            .selectFrom('auditLog')
            .select(['action', 'regionCode'])
            .where('entityId', '=', id)
            .where('action', '=', 'household.ranking')
            .execute()
        ).map((a) => a.regionCode);
      const before = [await readsOf(sameRegency.id), await readsOf(otherRegency.id)];
      // Alone, then arriving together (PostgreSQL gathers them into one statement).
      for (const together of [false, true]) {
        const asked: [string, string][] = [
          [sameRegency.id, 'op-a'], // old village: hidden
          [absentId, 'op-a'],
          [sameRegency.id, 'op-b'], // new village: shown
          [otherRegency.id, 'op-a'], // moved into op-a's village from another regency: shown
          [otherRegency.id, 'dinsos-other'], // the old regency's Dinas Sosial: hidden
          [absentId, 'dinsos-other'],
        ];
        const res = together
          ? await Promise.all(asked.map(([id, user]) => get(id, user)))
          : await asked.reduce<Promise<Awaited<ReturnType<typeof get>>[]>>(
              async (acc, [id, user]) => [...(await acc), await get(id, user)],
              Promise.resolve([]),
            );
        expect(res.map((r) => r.statusCode)).toEqual([404, 404, 200, 200, 404, 404]);
        expect(body(res[0]!)).toEqual(body(res[1]!));
        expect(body(res[4]!)).toEqual(body(res[5]!));
        // The household read answers alike.
        const household = await app.inject({
          url: `/api/v1/households/${sameRegency.id}`,
          headers: as['op-a'],
        });
        expect(household.statusCode).toBe(404);
        expect(res[2]!.json()).toMatchObject({ period: PERIOD, modelVersion: expect.any(String) });
      }
      // Each shown answer audited under the household's village now; the refused reads left nothing.
      expect(await readsOf(sameRegency.id)).toEqual([...before[0]!, PLACES.villageB, PLACES.villageB]);
      expect(await readsOf(otherRegency.id)).toEqual([...before[1]!, PLACES.villageA, PLACES.villageA]);
    });

    it('refuses a period that is not determined, and ranking to other roles', async () => {
      await expect(
        t.container.ranking.rank(systemActor('test'), { period: '2026-04' }),
      ).rejects.toMatchObject({
        code: 'ranking.not_determined',
      });
      const job = await app.inject({
        method: 'POST',
        url: '/api/v1/jobs',
        headers: as.dinsos,
        payload: { kind: 'ranking.rank', params: { period: PERIOD } },
      });
      expect(job.statusCode).toBe(403);
      const queued = await app.inject({
        method: 'POST',
        url: '/api/v1/jobs',
        headers: as.pusdatin,
        payload: { kind: 'ranking.rank', params: { period: PERIOD } },
      });
      expect(queued.statusCode, queued.body).toBe(202);
    });
  });
}

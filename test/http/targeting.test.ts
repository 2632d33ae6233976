/**
 * Aid-source matching (pemadanan) and targeting analytics through the API, on both engines: imports as jobs,
 * the overlap and not-found worklists per territory, decile aggregates and movement, the audited drill-down,
 * and the territory rule — counts outside one's territory never appear, a region or list outside it answers
 * exactly like an absent one.
 */

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeHousehold, makeKk, makeNik } from '../factories/households.ts';
import { createUsers, login, PLACES, testApp } from '../support/app.ts';
import { runDtks, runDtksInProcess } from '../support/cli.ts';
import { ENGINES, openTestDb, type TestDb } from '../support/db.ts';
import { importThroughJob } from '../support/jobs.ts';
import { approvedRun } from '../support/recipients.ts';

const MARCH = '2026-03';
const JUNE = '2026-06';
/** Households by index: village, decile in March, decile in June (null: not ranked then). */
const PLAN: { village: string; march: number | null; june: number | null }[] = [
  { village: PLACES.villageA, march: 1, june: 1 },
  { village: PLACES.villageA, march: 2, june: 4 },
  { village: PLACES.villageA, march: 5, june: 5 },
  { village: PLACES.villageA2, march: 1, june: 1 },
  { village: PLACES.villageB, march: 10, june: 9 },
  { village: PLACES.villageB, march: 3, june: null },
  { village: PLACES.otherVillage, march: 1, june: 2 },
  { village: PLACES.otherVillage, march: 2, june: 2 },
];

const district = (village: string) => village.split('.').slice(0, 3).join('.');
const kkOf = (i: number) => makeKk(district(PLAN[i]!.village), '2015-03-10', 1 + i);
const headNikOf = (i: number) => makeNik(district(PLAN[i]!.village), '1980-01-15', 'M', 1000 + i * 3);
/** A problem answer without what differs per request (its id and path). */
const problemOf = (res: { statusCode: number; json(): Record<string, unknown> }) => {
  const { requestId: _r, instance: _i, ...rest } = res.json();
  return { status: res.statusCode, ...rest };
};
const UNKNOWN_NIK = makeNik('33.07.01', '1990-02-02', 'M', 9001);

for (const engine of ENGINES) {
  describe(`aid sources and targeting analytics (${engine})`, () => {
    let t: TestDb;
    let app: FastifyInstance;
    const as: Record<string, Record<string, string>> = {};
    const ids: string[] = [];
    const lists: Record<string, string> = {};

    const get = (url: string, user: string) => app.inject({ url: `/api/v1${url}`, headers: as[user] });
    const auditCount = async () =>
      Number(
        (
          await t.container.database.db
            .selectFrom('auditLog')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );

    beforeAll(async () => {
      t = await openTestDb(engine);
      await createUsers(t.container);
      app = await testApp(t.container);
      for (const u of ['op-a', 'dinsos', 'dinsos-other', 'pusdatin']) as[u] = await login(app, u);
      for (let i = 0; i < PLAN.length; i++) {
        const res = await app.inject({
          method: 'POST',
          url: '/api/v1/households',
          headers: await login(app, 'admin'),
          payload: { ...makeHousehold(PLAN[i]!.village, i), confirmWarnings: true },
        });
        expect(res.statusCode, res.body).toBe(201);
        ids.push(res.json().id);
      }
      // Two ranked periods, written as a ranking run leaves them (the ranking's own tests cover how).
      const db = t.container.database.db;
      for (const [period, key] of [
        [MARCH, 'march'],
        [JUNE, 'june'],
      ] as const) {
        await db
          .insertInto('rankingRuns')
          .values({
            period,
            modelVersion: 'pmt-test-1',
            state: 'done',
            households: 0,
            checksum: 'x',
            startedAt: `${period}-28T00:00:00.000Z`,
            finishedAt: `${period}-28T00:00:01.000Z`,
          })
          .execute();
        const rows = PLAN.flatMap((p, i) =>
          p[key] === null
            ? []
            : [
                {
                  period,
                  modelVersion: 'pmt-test-1',
                  householdId: ids[i]!,
                  provinceCode: p.village.slice(0, 2),
                  regencyCode: p.village.slice(0, 5),
                  villageCode: p.village,
                  householdVersion: 1,
                  score: p[key]!,
                  criteria14: 0,
                  decileNational: p[key],
                  decileProvince: p[key],
                  decileRegency: p[key],
                },
              ],
        );
        await db.insertInto('rankingResults').values(rows).execute();
      }
      await seedRecipients();
    });
    /** June's approved recipients (as an approval writes them) and an evaluation that found an ASN member. */
    const seedRecipients = async () => {
      const db = t.container.database.db;
      const at = '2026-06-28T00:00:00.000Z';
      const recipient = (i: number, programmeCode: string, amount: number) => ({
        period: JUNE,
        programmeCode,
        householdId: ids[i]!,
        runId: runId,
        programmeVersion: `${programmeCode}-1`,
        provinceCode: '33',
        regencyCode: PLAN[i]!.village.slice(0, 5),
        villageCode: PLAN[i]!.village,
        kkNumber: kkOf(i),
        headName: `Budi Santoso ${i}`,
        decile: PLAN[i]!.june,
        components: '[]',
        amount,
        approvedAt: at,
      });
      const runId = '01900000-0000-7000-8000-0000000000aa';
      await db
        .insertInto('recipientRuns')
        .values(
          approvedRun(
            { id: runId, period: JUNE, programme: 'PKH', regency: PLACES.regency, at },
            {
              programmeVersion: 'PKH-1',
              version: 3,
              evaluated: 5,
              candidates: 1,
              excluded: 1,
              amount: 750_000,
            },
          ),
        )
        .execute();
      await db
        .insertInto('recipientCandidates')
        .values({
          runId,
          householdId: ids[1]!,
          villageCode: PLAN[1]!.village,
          kkNumber: kkOf(1),
          headName: 'Budi Santoso 1',
          decile: 4,
          outcome: 'excluded',
          codes: '["EMPLOYER"]',
          components: '[]',
          yearlyAmount: 0,
          amount: 0,
          reasons: '[]',
        } as never)
        .execute();
      await db
        .insertInto('recipients')
        .values([recipient(0, 'BPNT', 200_000), recipient(1, 'BPNT', 200_000), recipient(2, 'PKH', 750_000)])
        .execute();
    };
    afterAll(async () => {
      await app.close();
      await t.cleanup();
    });

    // ------------------------------------------------------------------ analytics

    it('answers the national picture to Pusdatin: deciles, provinces and movement since the previous period', async () => {
      const res = await get('/analytics/targeting', 'pusdatin');
      expect(res.statusCode, res.body).toBe(200);
      const a = res.json();
      expect(a).toMatchObject({
        period: JUNE,
        previousPeriod: MARCH,
        modelVersion: 'pmt-test-1',
        households: 7,
      });
      expect(a.deciles).toEqual([2, 2, 0, 1, 1, 0, 0, 0, 1, 0]);
      expect(a.poorest).toBe(4);
      expect(a.children.map((c: { code: string; households: number }) => [c.code, c.households])).toEqual([
        ['33', 7],
      ]);
      expect(a.movement).toMatchObject({ improved: 2, worsened: 1, unchanged: 4, entered: 0, left: 1 });
      expect(a.movement.matrix[1][3]).toBe(1);
      expect(a.periods).toEqual([JUNE, MARCH]);
    });

    it('limits a regency to its own households: children are its districts, the map tile counts only them', async () => {
      const a = (await get('/analytics/targeting', 'dinsos')).json();
      expect(a.region.code).toBe(PLACES.regency);
      expect(a.households).toBe(5);
      expect(a.children.map((c: { code: string; households: number }) => [c.code, c.households])).toEqual([
        [PLACES.districtA, 4],
        [PLACES.districtB, 1],
      ]);
      expect(a.provinces).toHaveLength(1);
      expect(a.provinces[0]).toMatchObject({ code: '33', households: 5 });
      expect(a.movement).toMatchObject({ left: 1, entered: 0 });
      const district = (await get(`/analytics/targeting?region=${PLACES.districtA}`, 'dinsos')).json();
      expect(district.children.map((c: { code: string }) => c.code)).toEqual([
        PLACES.villageA,
        PLACES.villageA2,
      ]);
      expect(district.path.map((p: { code: string }) => p.code)).toEqual([PLACES.regency, PLACES.districtA]);
      const march = (await get(`/analytics/targeting?period=${MARCH}`, 'dinsos')).json();
      expect(march).toMatchObject({ households: 6, previousPeriod: null, movement: null });
    });

    it('counts in regional deciles on request (scope): histogram, movement and drill-down; the tile map stays national', async () => {
      const db = t.container.database.db;
      // Within its regency every June household is desil 7, within its province desil 3 (nationally they differ).
      await db
        .updateTable('rankingResults')
        .set({ decileRegency: 7, decileProvince: 3 })
        .where('period', '=', JUNE)
        .execute();
      const national = (await get('/analytics/targeting', 'dinsos')).json();
      const regency = (await get('/analytics/targeting?scope=regency', 'dinsos')).json();
      expect(regency.scope).toBe('regency');
      expect(national.scope).toBe('national');
      expect(regency.households).toBe(national.households);
      expect(regency.deciles).toEqual([0, 0, 0, 0, 0, 0, 5, 0, 0, 0]);
      expect(regency.poorest).toBe(0);
      expect(
        regency.children.map((c: { code: string; households: number }) => [c.code, c.households]),
      ).toEqual([
        [PLACES.districtA, 4],
        [PLACES.districtB, 1],
      ]);
      expect(regency.provinces).toEqual(national.provinces);
      const province = (await get('/analytics/targeting?scope=province', 'pusdatin')).json();
      expect(province.deciles).toEqual([0, 0, 7, 0, 0, 0, 0, 0, 0, 0]);
      const list = (await get('/analytics/targeting/households?scope=regency&decile=7', 'dinsos')).json();
      expect(list.items).toHaveLength(5);
      expect(list.items.every((r: { decile: number }) => r.decile === 7)).toBe(true);
      expect(
        (await get('/analytics/targeting/households?scope=regency&decile=1', 'dinsos')).json().items,
      ).toEqual([]);
      expect((await get('/analytics/targeting?scope=village', 'dinsos')).statusCode).toBe(400);
    });

    it('answers a region outside the territory exactly like an absent one, and an unranked period with 404', async () => {
      const other = await get(`/analytics/targeting?region=${PLACES.otherRegency}`, 'dinsos');
      const absent = await get('/analytics/targeting?region=33.99', 'dinsos');
      expect(other.statusCode).toBe(404);
      expect(other.json().code).toBe(absent.json().code);
      expect(other.json().detail.replace('33.08', 'X')).toBe(absent.json().detail.replace('33.99', 'X'));
      expect((await get('/analytics/targeting?period=2025-01', 'dinsos')).statusCode).toBe(404);
      expect((await get('/analytics/targeting', 'op-a')).statusCode).toBe(403);
      const bad = await get('/analytics/targeting?region=3x&period=2026-13', 'dinsos');
      expect(bad.statusCode).toBe(400);
    });

    it('drills down to the households of a decile (and of a previous decile), audited and never cached', async () => {
      const before = await auditCount();
      const res = await get('/analytics/targeting/households?decile=1', 'dinsos');
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['cache-control']).toContain('no-store');
      const items = res.json().items as { householdId: string; kkNumber: string; previousDecile: number }[];
      expect(items.map((i) => i.householdId).sort()).toEqual([ids[0], ids[3]].sort());
      expect(items.map((i) => i.kkNumber).sort()).toEqual([kkOf(0), kkOf(3)].sort());
      expect(await auditCount()).toBe(before + 1);
      const moved = (
        await get('/analytics/targeting/households?decile=4&previousDecile=2', 'pusdatin')
      ).json();
      expect(moved.items.map((i: { householdId: string }) => i.householdId)).toEqual([ids[1]]);
      const paged = (await get('/analytics/targeting/households?limit=2', 'dinsos')).json();
      expect(paged.items).toHaveLength(2);
      const next = (
        await get(`/analytics/targeting/households?limit=10&cursor=${paged.nextCursor}`, 'dinsos')
      ).json();
      expect(next.items).toHaveLength(3);
      expect(
        (await get(`/analytics/targeting/households?region=${PLACES.otherVillage}`, 'dinsos')).statusCode,
      ).toBe(404);
    });

    it('counts recipients and amounts per programme and region, and the likely inclusion and exclusion errors', async () => {
      const a = (await get('/analytics/targeting', 'dinsos')).json();
      expect(a.recipients.programmes).toEqual([
        { code: 'BPNT', households: 2, amount: 400_000 },
        { code: 'PKH', households: 1, amount: 750_000 },
      ]);
      expect(a.recipients.byRegion.map((r: { code: string }) => r.code)).toEqual([PLACES.districtA]);
      // Inclusion: desil 5 receiving PKH, and a BPNT recipient whose PKH evaluation found an ASN member.
      // Exclusion: a desil-1 household receiving nothing.
      expect(a.errors).toEqual({ inclusion: 2, exclusion: 1, inclusionDecileFrom: 5, exclusionDecileTo: 2 });
      const national = (await get('/analytics/targeting', 'pusdatin')).json();
      expect(national.errors).toMatchObject({ inclusion: 2, exclusion: 3 });
      const other = (await get('/analytics/targeting', 'dinsos-other')).json();
      expect(other.recipients.programmes).toEqual([]);
      expect(other.errors).toMatchObject({ inclusion: 0, exclusion: 2 });
      const inclusion = (await get('/analytics/targeting/households?error=inclusion', 'dinsos')).json();
      expect(inclusion.items.map((i: { householdId: string }) => i.householdId).sort()).toEqual(
        [ids[1], ids[2]].sort(),
      );
      const exclusion = (await get('/analytics/targeting/households?error=exclusion', 'dinsos')).json();
      expect(exclusion.items.map((i: { householdId: string }) => i.householdId)).toEqual([ids[3]]);
      expect((await get('/analytics/targeting/households?error=wrong', 'dinsos')).statusCode).toBe(400);
      const march = (await get(`/analytics/targeting?period=${MARCH}`, 'dinsos')).json();
      expect(march.recipients.programmes).toEqual([]);
    });

    // ------------------------------------------------------------------ aid sources

    const importList = (user: string, name: string, csv: string, region?: string) =>
      importThroughJob(app, t.container, {
        url: `/api/v1/aid-sources?name=${encodeURIComponent(name)}${region ? `&region=${region}` : ''}&fileName=list.csv`,
        headers: { ...as[user], 'content-type': 'text/csv' },
        payload: csv,
      });

    it('imports a list as a job: matches by KK number and by member NIK, reports bad lines with line and reason', async () => {
      const csv = [
        'nik,kk_number',
        `,${kkOf(0)}`,
        `${headNikOf(4)},`,
        `${UNKNOWN_NIK},`,
        '3307011501900000,',
        `,${kkOf(0)}`,
        `,${kkOf(6)}`,
      ].join('\n');
      const { started, job } = await importList('dinsos', 'BLT Dana Desa 2026', csv);
      expect(started.statusCode, started.body).toBe(202);
      const r = job!.json();
      expect(r.state, job!.body).toBe('done');
      expect(r.result.counts).toEqual({ matched_kk: 1, matched_nik: 1, not_found: 2, rejected: 2 });
      expect(r.result.regionCode).toBe(PLACES.regency);
      expect(
        r.result.rejectedLines.map((l: { line: number; issues: { code: string }[] }) => [
          l.line,
          l.issues[0]!.code,
        ]),
      ).toEqual([
        [5, 'nik.serial_zero'],
        [6, 'aid_source.duplicate_line'],
      ]);
      lists.blt = r.result.id;
    });

    it('takes a national list from Pusdatin and a list of another regency', async () => {
      const lpg = await importList(
        'pusdatin',
        'Subsidi LPG',
        [
          'no_kk,nik,region_code',
          `${kkOf(0)},,`,
          `${kkOf(6)},,`,
          `,${headNikOf(4)},`,
          `,${UNKNOWN_NIK},33.07.01`,
        ].join('\n'),
      );
      expect(lpg.job!.json().result.counts).toEqual({
        matched_kk: 2,
        matched_nik: 1,
        not_found: 1,
        rejected: 0,
      });
      lists.lpg = lpg.job!.json().result.id;
      const pip = await importList(
        'dinsos-other',
        'PIP',
        ['nik,kk_number', `,${kkOf(6)}`, `,${kkOf(0)}`].join('\n'),
      );
      // KK 0 is registered in another regency: outside the list's territory, so not found.
      expect(pip.job!.json().result.counts).toEqual({
        matched_kk: 1,
        matched_nik: 0,
        not_found: 1,
        rejected: 0,
      });
      lists.pip = pip.job!.json().result.id;
    });

    it('refuses a file without identifier columns and an importer without the permission', async () => {
      const { job } = await importList('dinsos', 'Kosong', 'nama,alamat\nBudi,Jalan 1');
      expect(job!.json().state).toBe('failed');
      expect(job!.json().error.code).toBe('aid_source.no_identifier_column');
      const { started } = await importList('op-a', 'X', `nik\n${UNKNOWN_NIK}`);
      expect(started.statusCode).toBe(403);
      const noName = await app.inject({
        method: 'POST',
        url: '/api/v1/aid-sources',
        headers: { ...as.dinsos, 'content-type': 'text/csv' },
        payload: `nik\n${UNKNOWN_NIK}`,
      });
      expect(noName.statusCode).toBe(400);
    });

    it('lists what each territory may see, counting only its own part of a wider list', async () => {
      const mine = (await get('/aid-sources', 'dinsos')).json().items as {
        id: string;
        name: string;
        counts: Record<string, number>;
      }[];
      expect(mine.map((s) => s.id).sort()).toEqual([lists.blt, lists.lpg].sort());
      expect(mine.find((s) => s.id === lists.lpg)!.counts).toEqual({
        matched_kk: 1,
        matched_nik: 1,
        not_found: 1,
        rejected: 0,
      });
      const theirs = (await get('/aid-sources', 'dinsos-other')).json().items as { id: string }[];
      expect(theirs.map((s) => s.id).sort()).toEqual([lists.lpg, lists.pip].sort());
      const hidden = await get(`/aid-sources/${lists.blt}`, 'dinsos-other');
      const absent = await get('/aid-sources/01900000-0000-7000-8000-000000000001', 'dinsos-other');
      expect(hidden.statusCode).toBe(404);
      expect(problemOf(hidden)).toEqual(problemOf(absent));
      expect(problemOf(await get(`/aid-sources/${lists.blt}/overlaps`, 'dinsos-other'))).toEqual(
        problemOf(await get('/aid-sources/01900000-0000-7000-8000-000000000001/overlaps', 'dinsos-other')),
      );
    });

    it('gives each territory its overlap worklist: households named by several lists', async () => {
      const before = await auditCount();
      const res = await get('/aid-sources/overlaps', 'dinsos');
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['cache-control']).toContain('no-store');
      const o = res.json();
      expect(o.total).toBe(2);
      expect(o.items.map((i: { householdId: string }) => i.householdId).sort()).toEqual(
        [ids[0], ids[4]].sort(),
      );
      // June's approved recipients count as sources too, one per programme: the first household receives BPNT.
      const first = o.items.find((i: { householdId: string }) => i.householdId === ids[0]);
      expect(first.sources.map((s: { name: string }) => s.name)).toEqual([
        'BLT Dana Desa 2026',
        'BPNT (KPM 2026-06)',
        'Subsidi LPG',
      ]);
      expect(o.distribution).toEqual([
        { sources: 2, households: 1 },
        { sources: 3, households: 1 },
      ]);
      expect(await auditCount()).toBe(before + 1);
      const national = (await get('/aid-sources/overlaps', 'pusdatin')).json();
      expect(national.total).toBe(3);
      const other = (await get('/aid-sources/overlaps', 'dinsos-other')).json();
      expect(other.items.map((i: { householdId: string }) => i.householdId)).toEqual([ids[6]]);
      const three = (await get('/aid-sources/overlaps?minSources=3', 'pusdatin')).json();
      expect(three.items.map((i: { householdId: string }) => i.householdId)).toEqual([ids[0]]);
      // Recipients of several programmes named by no imported list are not a finding.
      expect(national.items.map((i: { householdId: string }) => i.householdId)).not.toContain(ids[1]);
      const ofPip = (await get(`/aid-sources/${lists.pip}/overlaps`, 'pusdatin')).json();
      expect(ofPip.items.map((i: { householdId: string }) => i.householdId)).toEqual([ids[6]]);
      const village = (await get(`/aid-sources/overlaps?region=${PLACES.villageB}`, 'dinsos')).json();
      expect(village.items.map((i: { householdId: string }) => i.householdId)).toEqual([ids[4]]);
      const outside = (await get(`/aid-sources/overlaps?region=${PLACES.otherVillage}`, 'dinsos')).json();
      expect(outside).toMatchObject({ items: [], total: 0 });
    });

    it('lists the lines DTKS does not know, and the rejected ones with their reasons, audited', async () => {
      const res = await get(`/aid-sources/${lists.blt}/entries`, 'dinsos');
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().items.map((e: { line: number; nik: string | null }) => [e.line, e.nik])).toEqual([
        [4, UNKNOWN_NIK],
        [7, null],
      ]);
      const rejected = (
        await get(`/aid-sources/${lists.blt}/entries?result=rejected&lang=en`, 'dinsos')
      ).json();
      expect(rejected.items.map((e: { line: number }) => e.line)).toEqual([5, 6]);
      expect(rejected.items[1].issues[0].message).toContain('line 2');
      // Pusdatin's national list: the not-found line naming a district of the regency is in its worklist.
      const lpg = (await get(`/aid-sources/${lists.lpg}/entries`, 'dinsos')).json();
      expect(lpg.items.map((e: { line: number; regionCode: string }) => [e.line, e.regionCode])).toEqual([
        [5, PLACES.districtA],
      ]);
      expect((await get(`/aid-sources/${lists.lpg}/entries`, 'dinsos-other')).json().items).toEqual([]);
    });

    // ------------------------------------------------------------------ CLI
    // Own process (`runDtks`: argv, exit codes 0 and 3, stdout as a pipe, --json): `analytics` and
    // `aid-source import`. The refused region and `aid-source overlaps` use the same command tree inside this
    // process (`runDtksInProcess`): what they prove is the commands' and services', not the process's.

    it('answers the same figures on the command line, as the user named by --as', async () => {
      const cli = await runDtks(['analytics', '--as', 'dinsos', '--json'], { url: t.url });
      expect(cli.code, cli.stderr).toBe(0);
      const api = (await get('/analytics/targeting', 'dinsos')).json();
      expect(JSON.parse(cli.stdout)).toEqual(api);
      const outside = await runDtksInProcess(
        ['analytics', '--as', 'dinsos', '--region', PLACES.otherRegency],
        {
          url: t.url,
        },
      );
      expect(outside.code).not.toBe(0);
      const dir = mkdtempSync(join(tmpdir(), 'dtks-aid-'));
      const file = join(dir, 'pkh-daerah.csv');
      writeFileSync(file, `nik,kk_number\n,${kkOf(3)}\n3307011501900000,\n`);
      const imported = await runDtks(
        ['aid-source', 'import', file, '--name', 'Bantuan Daerah', '--as', 'dinsos', '--json'],
        { url: t.url },
      );
      expect(imported.code, imported.stderr).toBe(3);
      expect(JSON.parse(imported.stdout).counts).toEqual({
        matched_kk: 1,
        matched_nik: 0,
        not_found: 0,
        rejected: 1,
      });
      const overlaps = await runDtksInProcess(['aid-source', 'overlaps', '--as', 'dinsos'], { url: t.url });
      expect(overlaps.code, overlaps.stderr).toBe(0);
      expect(JSON.parse(overlaps.stdout).total).toBe(2);
    }, 180_000);
  });
}

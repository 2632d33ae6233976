import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provincialElderlyAllowance } from '../../src/domain/programmes/defaults.ts';
import { systemActor } from '../../src/modules/access/actor.ts';
import { JobWorker } from '../../src/modules/jobs/jobs.worker.ts';
import { makeHousehold } from '../factories/households.ts';
import { createUsers, login, PLACES, testApp } from '../support/app.ts';
import { createUser } from '../support/cycle.ts';
import { ENGINES, openTestDb, type TestDb } from '../support/db.ts';
import { determinedRankedPeriod, publishProgrammes } from '../support/recipients.ts';
import { cellAt, readXlsx, rowValues } from '../support/xlsx.ts';

const PERIOD = '2026-04';

/** A household whose child (15) is in junior secondary school: one PKH component, Rp1,500,000 a year. */
function family(village: string, n: number, head: Record<string, unknown> = {}) {
  const h = makeHousehold(village, n);
  h.members[0] = { ...h.members[0]!, ...head };
  h.members[2] = { ...h.members[2]!, educationLevel: 4 };
  return { ...h, confirmWarnings: true };
}

for (const engine of ENGINES) {
  describe(`recipients API (${engine})`, () => {
    let t: TestDb;
    let app: FastifyInstance;
    const as: Record<string, Record<string, string>> = {};
    const ids: string[] = [];
    let pkh = '';
    let bpnt = '';

    const api = (method: 'GET' | 'POST', url: string, who: string, payload?: object) =>
      app.inject({ method, url: `/api/v1${url}`, headers: as[who], ...(payload ? { payload } : {}) });
    const auditCount = async (action: string) =>
      Number(
        (
          await t.container.database.db
            .selectFrom('auditLog')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('action', '=', action)
            .executeTakeFirstOrThrow()
        ).n,
      );
    const compute = async (programme: string, who = 'dinsos', regency: string = PLACES.regency) => {
      const res = await api('POST', '/recipient-proposals', who, { period: PERIOD, programme, regency });
      if (res.statusCode !== 202) return res;
      await new JobWorker(t.container.jobs).drain();
      const job = await api('GET', `/jobs/${res.json().jobId}`, who);
      expect(job.json().state, job.body).toBe('done');
      return job;
    };

    beforeAll(async () => {
      // Small test counts: figures shown unsuppressed (suppression: test/http/public-statistics.test.ts).
      t = await openTestDb(engine, { publicStatsMinCell: 1 });
      await createUsers(t.container);
      await publishProgrammes(t.container);
      // The regency's UMK: the civil servant's Rp4,500,000 a month reaches it.
      await t.container.wages.set(systemActor('test'), {
        regionCode: PLACES.regency,
        year: 2026,
        monthlyAmount: 2_474_000,
      });
      for (const [username, province] of [
        ['prov', '33'],
        ['prov-other', '35'],
      ] as const) {
        const user = await createUser(t.container, username, 'dinsos_prov', province);
        await publishProgrammes(t.container, [provincialElderlyAllowance(province)], {
          ...systemActor('test'),
          userId: user.id,
          username,
          role: 'dinsos_prov',
          regionCode: province,
        });
      }
      app = await testApp(t.container);
      for (const u of ['dinsos', 'dinsos-other', 'pusdatin', 'op-a', 'admin', 'prov', 'prov-other']) {
        as[u] = await login(app, u);
      }
      // 1: poorest but the head is a civil servant; 2–5: deciles 1–4; 6: decile 5; 7–8: decile 8;
      // 9: the other regency.
      const villages = [PLACES.villageA, PLACES.villageA2, PLACES.villageB];
      const deciles = [1, 1, 2, 3, 4, 5, 8, 8, 2];
      for (let n = 1; n <= 9; n++) {
        const village = n === 9 ? PLACES.otherVillage : villages[n % 3]!;
        const head = n === 1 ? { employerType: 1, monthlyIncome: 4_500_000 } : {};
        const res = await api('POST', '/households', 'admin', family(village, n, head));
        expect(res.statusCode, res.body).toBe(201);
        ids.push(res.json().id);
      }
      await determinedRankedPeriod(
        t.container,
        PERIOD,
        ids.map((id, i) => ({
          id,
          village: i === 8 ? PLACES.otherVillage : villages[(i + 1) % 3]!,
          decile: deciles[i]!,
        })),
      );
    });
    afterAll(async () => {
      await app?.close();
      await t?.cleanup();
    });

    it('computes a regency proposal as a job: candidates, exclusions with codes, amounts of the period', async () => {
      const job = await compute('PKH');
      expect(job.json().result).toMatchObject({ programme: 'PKH', state: 'computed', evaluated: 8 });
      const list = await api('GET', `/recipient-proposals?period=${PERIOD}`, 'dinsos');
      expect(list.headers['cache-control']).toBe('no-store');
      const p = list.json().items[0];
      pkh = p.id;
      expect(p).toMatchObject({
        programme: 'PKH',
        regencyCode: PLACES.regency,
        state: 'computed',
        evaluated: 8,
        candidates: 4,
        excluded: 1,
        // A quarter of Rp1,500,000 in April, for 4 families.
        amount: 4 * 375_000,
        allowed: ['compute', 'review', 'submit'],
      });
      const cands = (await api('GET', `/recipient-proposals/${pkh}/candidates?limit=500`, 'dinsos')).json();
      const byId = new Map(cands.items.map((c: { householdId: string }) => [c.householdId, c]));
      expect(byId.get(ids[1])).toMatchObject({
        outcome: 'candidate',
        decile: 1,
        amount: 375_000,
        yearlyAmount: 1_500_000,
        components: [{ code: 'JUNIOR_SECONDARY', count: 1, yearlyAmount: 1_500_000 }],
      });
      expect(byId.get(ids[0])).toMatchObject({
        outcome: 'excluded',
        codes: ['EMPLOYER', 'MIN_WAGE'],
        amount: 0,
      });
      expect(byId.get(ids[5])).toMatchObject({ outcome: 'out_of_target', decile: 5 });
      expect(byId.has(ids[8])).toBe(false);
      const reasons = (byId.get(ids[0]) as { reasons: { text: { en: string } }[] }).reasons;
      expect(reasons.length).toBeGreaterThan(0);
      // Filters.
      const excluded = await api('GET', `/recipient-proposals/${pkh}/candidates?outcome=excluded`, 'dinsos');
      expect(excluded.json().items.map((c: { householdId: string }) => c.householdId)).toEqual([ids[0]]);

      expect((await compute('BPNT')).json().result).toMatchObject({ candidates: 5, amount: 5 * 200_000 });
      bpnt = (await api('GET', `/recipient-proposals?period=${PERIOD}&programme=BPNT`, 'dinsos')).json()
        .items[0].id;
    });

    it('computing again gives the same result (same checksum)', async () => {
      const before = (await api('GET', `/recipient-proposals/${pkh}`, 'dinsos')).json();
      const again = await compute('PKH');
      expect(again.json().result.checksum).toBe(before.checksum);
      expect(again.json().result.id).toBe(pkh);
      // Not while another computation of it is under way; one that stopped long ago may be redone.
      const db = t.container.database.db;
      const running = { state: 'computing' as const, updatedAt: new Date().toISOString() };
      await db.updateTable('recipientRuns').set(running).where('id', '=', pkh).execute();
      const busy = await compute('PKH');
      expect([busy.statusCode, busy.json().currentState]).toEqual([409, 'computing']);
      const stale = new Date(Date.now() - 11 * 60_000).toISOString();
      await db.updateTable('recipientRuns').set({ updatedAt: stale }).where('id', '=', pkh).execute();
      expect((await compute('PKH')).json().result).toMatchObject({
        state: 'computed',
        checksum: before.checksum,
      });
    });

    it('keeps proposals in their territory and steps with their roles', async () => {
      expect((await compute('PKH', 'dinsos-other')).statusCode).toBe(404);
      expect((await api('GET', `/recipient-proposals/${pkh}`, 'dinsos-other')).statusCode).toBe(404);
      expect((await api('GET', `/recipient-proposals/${pkh}/candidates`, 'dinsos-other')).statusCode).toBe(
        404,
      );
      expect((await api('GET', '/recipient-proposals/not-an-id', 'dinsos')).statusCode).toBe(404);
      expect(
        (await api('GET', `/recipient-proposals?period=${PERIOD}`, 'dinsos-other')).json().items,
      ).toEqual([]);
      const byOperator = await compute('PKH', 'op-a');
      expect([byOperator.statusCode, byOperator.json().code]).toEqual([403, 'recipients.role_not_allowed']);
      const early = await api('POST', `/recipient-proposals/${pkh}/approve`, 'pusdatin');
      expect([early.statusCode, early.json().currentState]).toEqual([409, 'computed']);
      const unknown = await api('POST', '/recipient-proposals', 'dinsos', {
        period: PERIOD,
        programme: 'PROV_33_NOTHING',
        regency: PLACES.regency,
      });
      expect([unknown.statusCode, unknown.json().code]).toEqual([400, 'recipients.unknown_programme']);
      const open = await api('POST', '/recipient-proposals', 'dinsos', {
        period: '2026-05',
        programme: 'PKH',
        regency: PLACES.regency,
      });
      expect([open.statusCode, open.json().code]).toEqual([400, 'recipients.not_determined']);
    });

    it('declares a candidate ineligible: out of every open proposal of the regency, removed from DTKS', async () => {
      const res = await api('POST', `/recipient-proposals/${pkh}/ineligible`, 'dinsos', {
        householdId: ids[4],
        reason: 'Memiliki usaha toko grosir',
        evidence: 'BA verifikasi 12/2026',
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ householdId: ids[4], proposals: ['BPNT', 'PKH'] });
      expect((await api('GET', `/recipient-proposals/${pkh}`, 'dinsos')).json()).toMatchObject({
        candidates: 3,
        amount: 3 * 375_000,
      });
      expect((await api('GET', `/recipient-proposals/${bpnt}`, 'dinsos')).json().candidates).toBe(4);
      const household = (await api('GET', `/households/${ids[4]}`, 'dinsos')).json();
      expect([household.status, household.removalReason]).toEqual(['removed', 'declared_ineligible']);
      // Computing again keeps the review's decision.
      await compute('PKH');
      expect((await api('GET', `/recipient-proposals/${pkh}`, 'dinsos')).json().candidates).toBe(3);
      const other = await api('POST', `/recipient-proposals/${pkh}/ineligible`, 'dinsos', {
        householdId: ids[8],
        reason: 'Tidak ada di sini',
      });
      expect([other.statusCode, other.json().code]).toEqual([400, 'recipients.not_candidate']);
    });

    it('submits, returns with a note, submits again and approves once: then nothing changes (409)', async () => {
      expect((await api('POST', `/recipient-proposals/${pkh}/submit`, 'pusdatin')).statusCode).toBe(403);
      const submitted = await api('POST', `/recipient-proposals/${pkh}/submit`, 'dinsos');
      expect(submitted.json().state).toBe('submitted');
      const todo = async (who: string) =>
        Object.fromEntries(
          (await api('GET', '/todo', who))
            .json()
            .items.map((i: { code: string; count: number }) => [i.code, i.count]),
        );
      // Waiting at Pusdatin's door (a national programme), not at the province's.
      expect((await todo('pusdatin')).recipients_to_approve).toBe(1);
      expect((await todo('prov')).recipients_to_approve).toBeUndefined();
      const noNote = await api('POST', `/recipient-proposals/${pkh}/return`, 'pusdatin', { note: '' });
      expect(noNote.statusCode).toBe(400);
      const returned = await api('POST', `/recipient-proposals/${pkh}/return`, 'pusdatin', {
        note: 'Periksa KK ganda',
      });
      expect(returned.json()).toMatchObject({ state: 'returned', note: 'Periksa KK ganda' });
      expect((await todo('dinsos')).recipients_returned).toBe(1);
      expect((await todo('dinsos-other')).recipients_returned).toBeUndefined();
      await api('POST', `/recipient-proposals/${pkh}/submit`, 'dinsos');
      // The approver must be the programme's door: a regency cannot approve.
      expect((await api('POST', `/recipient-proposals/${pkh}/approve`, 'dinsos')).statusCode).toBe(403);
      const approved = await api('POST', `/recipient-proposals/${pkh}/approve`, 'pusdatin');
      expect(approved.json()).toMatchObject({ state: 'approved', allowed: [] });
      const twice = await api('POST', `/recipient-proposals/${pkh}/approve`, 'pusdatin');
      expect([twice.statusCode, twice.json().code, twice.json().currentState]).toEqual([
        409,
        'recipients.invalid_transition',
        'approved',
      ]);
      const recompute = await compute('PKH');
      expect([recompute.statusCode, recompute.json().currentState]).toEqual([409, 'approved']);
      const review = await api('POST', `/recipient-proposals/${pkh}/ineligible`, 'dinsos', {
        householdId: ids[3],
        reason: 'Sudah mampu',
      });
      expect([review.statusCode, review.json().currentState]).toEqual([409, 'approved']);
      expect((await api('POST', `/recipient-proposals/${pkh}/submit`, 'dinsos')).statusCode).toBe(409);
    });

    it("sends a provincial programme to its province's door, and marks the version used", async () => {
      const code = 'PROV_33_SANTUNAN_LANSIA';
      const elsewhere = await api('POST', '/recipient-proposals', 'dinsos', {
        period: PERIOD,
        programme: 'PROV_35_SANTUNAN_LANSIA',
        regency: PLACES.regency,
      });
      expect([elsewhere.statusCode, elsewhere.json().code]).toEqual([400, 'recipients.programme_elsewhere']);
      await compute(code);
      const p = (await api('GET', `/recipient-proposals?period=${PERIOD}&programme=${code}`, 'prov')).json()
        .items[0];
      expect(p).toMatchObject({ door: 'province', state: 'computed' });
      await api('POST', `/recipient-proposals/${p.id}/submit`, 'dinsos');
      const byPusdatin = await api('POST', `/recipient-proposals/${p.id}/approve`, 'pusdatin');
      expect([byPusdatin.statusCode, byPusdatin.json().code]).toEqual([403, 'recipients.wrong_door']);
      expect((await api('POST', `/recipient-proposals/${p.id}/approve`, 'prov-other')).statusCode).toBe(404);
      const listed = (await api('GET', `/recipient-proposals/${p.id}`, 'prov')).json();
      expect(listed.allowed).toEqual(['approve', 'return']);
      expect((await api('GET', `/recipient-proposals/${pkh}`, 'prov')).json().allowed).toEqual([]);
      expect((await api('POST', `/recipient-proposals/${p.id}/approve`, 'prov')).json().state).toBe(
        'approved',
      );
      const versions = await t.container.database.db
        .selectFrom('programmeVersions')
        .select(['code', 'used'])
        .where('code', 'in', ['PKH', code, 'KIP_KULIAH'])
        .orderBy('code')
        .execute();
      expect(versions.map((v) => [v.code, Number(v.used)])).toEqual([
        ['KIP_KULIAH', 0],
        ['PKH', 1],
        [code, 1],
      ]);
    });

    it('lists the approved recipients page by page, audited and no-store, only in the territory', async () => {
      const before = await auditCount('recipients.list');
      const first = await api('GET', `/periods/${PERIOD}/recipients?programme=PKH&limit=2`, 'dinsos');
      expect(first.statusCode, first.body).toBe(200);
      expect(first.headers['cache-control']).toBe('no-store');
      expect(first.json().items).toHaveLength(2);
      expect(first.json().items[0]).toMatchObject({
        amount: 375_000,
        components: [{ code: 'JUNIOR_SECONDARY' }],
      });
      expect(first.json().items[0].kkNumber).toMatch(/^\d{16}$/);
      const second = await api(
        'GET',
        `/periods/${PERIOD}/recipients?programme=PKH&limit=2&cursor=${first.json().nextCursor}`,
        'dinsos',
      );
      expect(second.json()).toMatchObject({ nextCursor: null });
      const all = [...first.json().items, ...second.json().items].map((r) => r.householdId);
      expect(all).toEqual([ids[1], ids[2], ids[3]].sort());
      expect(await auditCount('recipients.list')).toBe(before + 2);
      const other = await api('GET', `/periods/${PERIOD}/recipients?programme=PKH`, 'dinsos-other');
      expect(other.json().items).toEqual([]);
      const outside = await api(
        'GET',
        `/periods/${PERIOD}/recipients?programme=PKH&region=${PLACES.otherRegency}`,
        'dinsos',
      );
      expect(outside.json().items).toEqual([]);
      expect(await auditCount('recipients.list')).toBe(before + 2);
    });

    it('tells the public check and the public statistics which programmes a family receives now', async () => {
      const listed = (await api('GET', `/periods/${PERIOD}/recipients?programme=PKH`, 'pusdatin')).json();
      const householdId: string = listed.items[0].householdId;
      const head = (await api('GET', `/households/${householdId}`, 'admin')).json().members[0];
      const check = await app.inject({
        method: 'POST',
        url: '/api/v1/public/status',
        payload: { nik: head.nik, name: head.name },
      });
      expect(check.statusCode, check.body).toBe(200);
      expect(check.json().people[0].programmes).toEqual([
        { code: 'PKH', name: expect.any(String), period: PERIOD },
      ]);
      // A household the approved lists do not name receives nothing.
      const other = (await api('GET', `/households/${ids[7]}`, 'admin')).json().members[0];
      const none = await app.inject({
        method: 'POST',
        url: '/api/v1/public/status',
        payload: { nik: other.nik, name: other.name },
      });
      expect(none.json().people[0].programmes).toEqual([]);
      const stats = (await app.inject({ url: `/api/v1/public/statistics?region=${PLACES.regency}` })).json();
      const pkhTotal = stats.programmes.find((p: { code: string }) => p.code === 'PKH');
      expect(pkhTotal).toMatchObject({ period: PERIOD, households: listed.items.length });
      expect(pkhTotal.amount).toBe(
        listed.items.reduce((sum: number, r: { amount: number }) => sum + r.amount, 0),
      );
      const elsewhere = (await app.inject({ url: '/api/v1/public/statistics?region=35' })).json();
      expect(elsewhere.programmes).toEqual([]);
    });

    it('lists exclusions with their codes, totals per region, the diff and exports', async () => {
      const ex = (
        await api('GET', `/periods/${PERIOD}/recipients/exclusions?programme=PKH`, 'dinsos')
      ).json();
      expect(ex.items.map((e: { householdId: string; codes: string[] }) => [e.householdId, e.codes])).toEqual(
        [
          [ids[0], ['EMPLOYER', 'MIN_WAGE']],
          [ids[4], ['INELIGIBLE']],
        ].sort((a, b) => (a[0]! < b[0]! ? -1 : 1)),
      );
      const totals = (await api('GET', `/periods/${PERIOD}/recipients/totals`, 'pusdatin')).json();
      expect(totals.programmes).toEqual([
        {
          programme: 'PKH',
          households: 3,
          amount: 1_125_000,
          payment: { kind: 'cash_components', months: [1, 4, 7, 10] },
          regions: [{ regionCode: '33', name: expect.any(String), households: 3, amount: 1_125_000 }],
        },
      ]);
      const districts = (await api('GET', `/periods/${PERIOD}/recipients/totals`, 'dinsos')).json();
      expect(districts.level).toBe(3);
      expect(
        districts.programmes[0].regions.reduce((s: number, r: { households: number }) => s + r.households, 0),
      ).toBe(3);
      const diff = (await api('GET', `/periods/${PERIOD}/recipients/diff?programme=PKH`, 'dinsos')).json();
      expect(diff).toMatchObject({
        previousPeriod: null,
        counts: { new: 3, continuing: 0, stopped: 0 },
        nextCursor: null,
      });
      expect(diff.items.map((r: { change: string }) => r.change)).toEqual(['new', 'new', 'new']);
      // Paginated like the list: one household a page, in household id order, the cursor to the next.
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const q: string = cursor ? `&cursor=${cursor}` : '';
        const page = (
          await api('GET', `/periods/${PERIOD}/recipients/diff?programme=PKH&limit=1${q}`, 'dinsos')
        ).json();
        expect(page.items).toHaveLength(1);
        expect(page.counts).toEqual({ new: 3, continuing: 0, stopped: 0 });
        seen.push(page.items[0].householdId);
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual(diff.items.map((r: { householdId: string }) => r.householdId));
      expect([...seen].sort()).toEqual(seen);
      const csv = await api('GET', `/periods/${PERIOD}/recipients/export?programme=PKH`, 'dinsos');
      expect(csv.headers['content-type']).toMatch(/^text\/csv/);
      expect(csv.headers['cache-control']).toBe('no-store');
      const lines = csv.body.trim().split('\n');
      expect(lines[0]).toBe('household_id,kk_number,region_code,head_name,decile,amount,components');
      expect(lines).toHaveLength(4);
      const xlsx = await api(
        'GET',
        `/periods/${PERIOD}/recipients/export?programme=PKH&format=xlsx`,
        'dinsos',
      );
      expect(xlsx.statusCode).toBe(200);
      expect(xlsx.headers['cache-control']).toBe('no-store');
      // The workbook holds the same rows as the CSV, the KK number as text.
      const wb = readXlsx(xlsx.rawPayload);
      expect(rowValues(wb, 1)).toEqual([`KPM PKH ${PERIOD}`]);
      expect(rowValues(wb, 3).join(',')).toBe(lines[0]);
      expect(wb.rows.size).toBe(3 + 3);
      lines.slice(1).forEach((line, i) => {
        const [householdId, kk, , , , amount] = line.split(',');
        expect(cellAt(wb, `A${4 + i}`)).toMatchObject({ type: 's', value: householdId });
        expect(cellAt(wb, `B${4 + i}`)).toMatchObject({ type: 's', value: kk });
        expect(kk).toMatch(/^\d{16}$/);
        expect(cellAt(wb, `F${4 + i}`)).toMatchObject({ type: 'n', value: Number(amount) });
      });
    });

    it("shows a household's programme history and why (not) in each programme", async () => {
      const res = await api('GET', `/households/${ids[1]}/programmes`, 'dinsos');
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      expect(body.history[0]).toMatchObject({ period: PERIOD });
      const byProgramme = Object.fromEntries(
        body.history[0].programmes.map((p: { programme: string; status: string }) => [p.programme, p.status]),
      );
      expect(byProgramme).toEqual({
        PKH: 'recipient',
        BPNT: 'proposed:candidate',
        // Approved without it: no member of 60 or more.
        PROV_33_SANTUNAN_LANSIA: 'not_eligible',
      });
      expect(body.latest.evaluations.map((e: { programme: string }) => e.programme).sort()).toEqual([
        'BPNT',
        'PKH',
        'PROV_33_SANTUNAN_LANSIA',
      ]);
      const excluded = (await api('GET', `/households/${ids[0]}/programmes`, 'dinsos')).json();
      const why = excluded.latest.evaluations.find((e: { programme: string }) => e.programme === 'PKH');
      expect(why).toMatchObject({ outcome: 'excluded', codes: ['EMPLOYER', 'MIN_WAGE'] });
      expect(why.reasons.length).toBeGreaterThan(0);
      expect((await api('GET', `/households/${ids[1]}/programmes`, 'dinsos-other')).statusCode).toBe(404);
      expect((await api('GET', `/households/${ids[8]}/programmes`, 'dinsos-other')).json().history).toEqual(
        [],
      );
    });

    it('shows an out_of_target household the decile line alone, its programme unevaluated', async () => {
      // ids[6]: decile 8, outside PKH's target (1–4) and BPNT's (1–5); a head and a school child like the others.
      const why = (await api('GET', `/households/${ids[6]}/programmes`, 'dinsos')).json();
      const byProgramme = new Map(
        why.latest.evaluations.map((e: { programme: string }) => [e.programme, e] as const),
      );
      for (const [code, max] of [
        ['PKH', 4],
        ['BPNT', 5],
      ] as const) {
        expect(byProgramme.get(code), code).toMatchObject({
          outcome: 'out_of_target',
          decile: 8,
          amount: 0,
          yearlyAmount: 0,
          codes: [],
          reasons: [
            {
              code: 'programme.why.decile_out',
              text: {
                id: `Desil 8 (nasional) di luar sasaran desil 1–${max}`,
                en: `Decile 8 (national) is outside the target deciles 1–${max}`,
              },
            },
          ],
        });
        expect((byProgramme.get(code) as { reasons: unknown[] }).reasons).toHaveLength(1);
      }
      // The proposal's list filtered by outcome: the same short rows; its counts are the full evaluation's.
      const outside = (
        await api('GET', `/recipient-proposals/${pkh}/candidates?outcome=out_of_target`, 'dinsos')
      ).json().items;
      expect(outside.map((c: { householdId: string }) => c.householdId)).toEqual(
        [ids[5], ids[6], ids[7]].sort(),
      );
      for (const c of outside) {
        expect(c).toMatchObject({ codes: [], components: [], amount: 0, yearlyAmount: 0 });
        expect(c.reasons).toHaveLength(1);
      }
      const all = (await api('GET', `/recipient-proposals/${pkh}/candidates?limit=500`, 'dinsos')).json()
        .items;
      const of = (outcome: string) => all.filter((c: { outcome: string }) => c.outcome === outcome).length;
      expect((await api('GET', `/recipient-proposals/${pkh}`, 'dinsos')).json()).toMatchObject({
        evaluated: 8,
        candidates: of('candidate'),
        excluded: of('excluded'),
      });
      expect(of('out_of_target')).toBe(3);
    });

    it('compares the next approved period with this one: new, continuing, stopped with the reason', async () => {
      const next = '2026-07';
      const village = (i: number) => [PLACES.villageA, PLACES.villageA2, PLACES.villageB][(i + 1) % 3]!;
      // ids[3] is declared ineligible (in the still open BPNT proposal): out of DTKS from now on; ids[2] got
      // richer; ids[5] is poorer now.
      const declared = await api('POST', `/recipient-proposals/${bpnt}/ineligible`, 'dinsos', {
        householdId: ids[3],
        reason: 'Pindah kerja sebagai pegawai tetap',
      });
      expect(declared.json().proposals).toEqual(['BPNT']);
      await determinedRankedPeriod(
        t.container,
        next,
        [
          { i: 1, decile: 1 },
          { i: 2, decile: 6 },
          { i: 5, decile: 1 },
        ].map(({ i, decile }) => ({ id: ids[i]!, village: village(i), decile })),
        'test-model-2',
      );
      const started = await api('POST', '/recipient-proposals', 'dinsos', {
        period: next,
        programme: 'PKH',
        regency: PLACES.regency,
      });
      expect(started.statusCode, started.body).toBe(202);
      await new JobWorker(t.container.jobs).drain();
      const p = (await api('GET', `/recipient-proposals?period=${next}&programme=PKH`, 'dinsos')).json()
        .items[0];
      await api('POST', `/recipient-proposals/${p.id}/submit`, 'dinsos');
      expect((await api('POST', `/recipient-proposals/${p.id}/approve`, 'pusdatin')).json().state).toBe(
        'approved',
      );
      const diff = (await api('GET', `/periods/${next}/recipients/diff?programme=PKH`, 'dinsos')).json();
      expect(diff.previousPeriod).toBe(PERIOD);
      const of = (change: string) => diff.items.filter((r: { change: string }) => r.change === change);
      expect(of('new').map((r: { householdId: string }) => r.householdId)).toEqual([ids[5]]);
      expect(of('continuing')).toEqual([
        expect.objectContaining({ householdId: ids[1], amount: 375_000, previousAmount: 375_000 }),
      ]);
      const stopped = (
        await api('GET', `/periods/${next}/recipients/diff?programme=PKH&change=stopped`, 'dinsos')
      ).json();
      expect(stopped.counts).toEqual({ new: 1, continuing: 1, stopped: 2 });
      expect(stopped.items).toEqual(of('stopped'));
      expect(
        stopped.items.map((r: { householdId: string; reason: string }) => [r.householdId, r.reason]),
      ).toEqual(
        [
          [ids[2], 'out_of_target'],
          [ids[3], 'ineligible'],
        ].sort((a, b) => (a[0]! < b[0]! ? -1 : 1)),
      );
      const history = (await api('GET', `/households/${ids[1]}/programmes`, 'dinsos')).json().history;
      expect(history.map((h: { period: string }) => h.period)).toEqual([next, PERIOD]);
    });

    it('lifts a declaration of ineligibility', async () => {
      const lift = await api('POST', `/households/${ids[4]}/ineligible/lift`, 'dinsos', { reason: 'Keliru' });
      expect(lift.statusCode, lift.body).toBe(200);
      expect(lift.json().niks).toBe(3);
      const again = await api('POST', `/households/${ids[4]}/ineligible/lift`, 'dinsos', {
        reason: 'Keliru',
      });
      expect(again.statusCode).toBe(404);
      const listed = (await api('GET', '/ineligible', 'dinsos')).json().items;
      expect(listed.map((i: { householdId: string }) => i.householdId)).not.toContain(ids[4]);
    });

    it('computes every programme of a regency in one pass as a job, and refuses a pass with nothing to compute', async () => {
      const body = { period: PERIOD, regency: PLACES.otherRegency };
      // Territory as for one programme: another regency's pass is absent.
      expect((await api('POST', '/recipient-proposals', 'dinsos', body)).statusCode).toBe(404);
      const res = await api('POST', '/recipient-proposals', 'dinsos-other', body);
      expect(res.statusCode, res.body).toBe(202);
      await new JobWorker(t.container.jobs).drain();
      const job = (await api('GET', `/jobs/${res.json().jobId}`, 'dinsos-other')).json();
      expect(job.state, JSON.stringify(job)).toBe('done');
      // The national programmes and the province's own (33), not province 35's; the household of 33.08.
      const result = job.result as {
        proposals: { programme: string; state: string; evaluated: number }[];
        skipped: { programme: string; code: string }[];
      };
      expect(result.proposals.map((p) => [p.programme, p.state, p.evaluated])).toEqual(
        ['BPNT', 'KIP_KULIAH', 'PBI_JK', 'PKH', 'PROV_33_SANTUNAN_LANSIA'].map((c) => [c, 'computed', 1]),
      );
      expect(result.skipped).toEqual([]);
      const listed = (
        await api('GET', `/recipient-proposals?period=${PERIOD}&region=${PLACES.otherRegency}`, 'pusdatin')
      ).json().items;
      expect(listed).toHaveLength(5);
      // Only a programme of another province named: refused before queueing, with why.
      const none = await api('POST', '/recipient-proposals', 'dinsos-other', {
        ...body,
        programmes: ['PROV_35_SANTUNAN_LANSIA'],
      });
      expect([none.statusCode, none.json().code]).toEqual([409, 'recipients.nothing_to_compute']);
      expect(none.json().skipped).toMatchObject([
        { programme: 'PROV_35_SANTUNAN_LANSIA', code: 'recipients.programme_elsewhere' },
      ]);
      // Both forms at once are bad input.
      const both = await api('POST', '/recipient-proposals', 'dinsos-other', {
        ...body,
        programme: 'PKH',
        programmes: ['PKH'],
      });
      expect(both.statusCode).toBe(400);
    });
  });
}

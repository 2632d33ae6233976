/**
 * No dead ends in the cycle (issue 12): a proposal submitted while its village's Musdes is open joins the
 * prelist; once the Musdes is closed it is carried over to the next period (said in the answer); reopening
 * adds submitted proposals the prelist lacks; withdrawing needs an explanation; an "other document" can be
 * attached while the proposal is processed; a step sent twice answers the current state.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jpegFile, pdfFile } from '../factories/files.ts';
import { makeHousehold } from '../factories/households.ts';
import { createUsers, login, PLACES, testApp } from '../support/app.ts';
import { ENGINES, openTestDb, type TestDb } from '../support/db.ts';

const PERIOD = '2026-03';
type Headers = Record<string, string>;
interface Row {
  id: string;
  rowNo: number;
  source: string;
  usulanId: string | null;
  householdId: string | null;
  outcome: string | null;
}

for (const engine of ENGINES) {
  describe(`no dead ends in the cycle (${engine})`, () => {
    let t: TestDb;
    let app: FastifyInstance;
    let op: Headers;
    let kades: Headers;
    const households: string[] = [];
    let session: { id: string; version: number };
    const proposals: Record<string, string> = {};

    const api = (method: 'GET' | 'POST' | 'PUT', url: string, headers: Headers, payload?: unknown) =>
      app.inject({
        method,
        url: `/api/v1${url}`,
        headers,
        ...(payload === undefined ? {} : { payload: payload as object }),
      });
    const ok = async (
      method: 'GET' | 'POST' | 'PUT',
      url: string,
      headers: Headers,
      payload?: unknown,
      status = 200,
    ) => {
      const res = await api(method, url, headers, payload);
      expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(status);
      return res.json();
    };
    const rows = async (): Promise<Row[]> =>
      (await ok('GET', `/musdes/${session.id}/rows?limit=500`, op)).items;
    const correction = (n: number, address: string) =>
      ok(
        'POST',
        '/usulan',
        op,
        { kind: 'perbaikan', householdId: households[n], changes: { address }, reason: 'Alamat berubah' },
        201,
      );

    beforeAll(async () => {
      t = await openTestDb(engine, { now: () => new Date('2026-03-20T09:00:00+07:00') });
      await createUsers(t.container);
      app = await testApp(t.container);
      op = await login(app, 'op-a');
      kades = await login(app, 'kades-a');
      for (let n = 1; n <= 4; n++) {
        households.push(
          (await ok('POST', '/households', op, makeHousehold(PLACES.villageA, 300 + n), 201)).id,
        );
      }
      const s = await ok(
        'POST',
        '/musdes',
        op,
        {
          villageCode: PLACES.villageA,
          period: PERIOD,
          heldOn: '2026-03-20',
          place: 'Balai Desa',
          participants: [
            { name: 'Slamet Riyadi', role: 'kepala_desa' },
            { name: 'Sri Wahyuni', role: 'bpd' },
          ],
        },
        201,
      );
      session = await ok('POST', `/musdes/${s.id}/open`, op, { version: s.version });
    });
    afterAll(async () => {
      await app.close();
      await t.cleanup();
    });

    it("joins the open Musdes: the household's row becomes the proposal's row, and the answer says so", async () => {
      const before = await rows();
      expect(before.map((r) => r.source)).toEqual(['existing', 'existing', 'existing', 'existing']);
      const u = await correction(0, 'Dusun Krajan RT 1');
      const sent = await ok('POST', `/usulan/${u.id}/submit`, op, { version: 1 });
      expect(sent).toMatchObject({
        state: 'submitted',
        period: PERIOD,
        carriedFrom: null,
        musdesSessionId: session.id,
        placement: { period: PERIOD, carriedFrom: null, joinsSession: session.id },
      });
      proposals.joined = u.id;
      const after = await rows();
      expect(after).toHaveLength(4);
      const row = after.find((r) => r.householdId === households[0])!;
      expect(row).toMatchObject({ source: 'usulan', usulanId: u.id, outcome: null });

      // A second proposal joins too, as a new row when its household was not listed separately.
      const v = await correction(1, 'Dusun Krajan RT 2');
      await ok('POST', `/usulan/${v.id}/submit`, op, { version: 1 });
      proposals.second = v.id;
      const audit = await t.container.database.db
        .selectFrom('auditLog')
        .select('details')
        .where('action', '=', 'musdes.add_proposals')
        .execute();
      expect(audit).toHaveLength(2);
    });

    it('a submit sent twice (double click) answers the current state, not a conflict', async () => {
      const again = await ok('POST', `/usulan/${proposals.second}/submit`, op, { version: 1 });
      expect(again).toMatchObject({ state: 'submitted', version: 2 });
      expect((await rows()).filter((r) => r.usulanId === proposals.second)).toHaveLength(1);
    });

    it('withdraws a proposal only with an explanation, kept with it; twice answers the current state', async () => {
      const bare = await api('POST', `/usulan/${proposals.second}/withdraw`, op, { version: 2 });
      expect(bare.statusCode).toBe(400);
      expect(bare.json().errors[0].field).toBe('note');
      expect((await ok('GET', `/usulan/${proposals.second}`, op)).state).toBe('submitted');

      const done = await ok('POST', `/usulan/${proposals.second}/withdraw`, op, {
        version: 2,
        note: 'Keluarga pindah ke kabupaten lain',
      });
      expect(done).toMatchObject({ state: 'withdrawn', withdrawalNote: 'Keluarga pindah ke kabupaten lain' });
      const twice = await ok('POST', `/usulan/${proposals.second}/withdraw`, op, {
        version: 2,
        note: 'Keluarga pindah ke kabupaten lain',
      });
      expect(twice).toMatchObject({ state: 'withdrawn', version: 3 });
      const entries = await t.container.database.db
        .selectFrom('auditLog')
        .select('action')
        .where('entityId', '=', proposals.second!)
        .where('action', '=', 'usulan.withdraw')
        .execute();
      expect(entries).toHaveLength(1);
    });

    it('attaches an "other document" (surat pindah) while the proposal is processed, not a house photo', async () => {
      const attach = (kind: string, body: Buffer, type: string) =>
        app.inject({
          method: 'POST',
          url: `/api/v1/usulan/${proposals.joined}/attachments?kind=${kind}&name=surat-pindah.pdf`,
          headers: { ...op, 'content-type': type },
          payload: body,
        });
      const doc = await attach('other_document', pdfFile('Surat pindah'), 'application/pdf');
      expect(doc.statusCode, doc.body).toBe(201);
      expect(doc.json().attachments.map((a: { kind: string }) => a.kind)).toEqual(['other_document']);
      const photo = await attach('house_front', jpegFile(), 'image/jpeg');
      expect(photo.statusCode).toBe(409);
      expect(photo.json().code).toBe('usulan.locked');
    });

    it('bulk "tetap" twice changes nothing the second time; close; a late proposal is carried over', async () => {
      const first = await ok('POST', `/musdes/${session.id}/rows/bulk`, op, {
        outcome: 'tetap',
        filter: { source: 'existing', undecidedOnly: true },
      });
      expect(first.updated).toBeGreaterThan(0);
      const second = await ok('POST', `/musdes/${session.id}/rows/bulk`, op, {
        outcome: 'tetap',
        filter: { source: 'existing', undecidedOnly: true },
      });
      expect(second.updated).toBe(0);
      for (const r of (await rows()).filter((x) => x.outcome === null)) {
        await ok('PUT', `/musdes/${session.id}/rows/${r.id}`, op, { outcome: 'perbaikan' });
      }
      session = await ok('POST', `/musdes/${session.id}/close`, op, { version: session.version });
      expect((session as unknown as { state: string }).state).toBe('closed');

      const late = await correction(2, 'Dusun Krajan RT 3');
      const sent = await ok('POST', `/usulan/${late.id}/submit`, op, { version: 1 });
      expect(sent).toMatchObject({
        state: 'submitted',
        period: '2026-04',
        carriedFrom: PERIOD,
        musdesSessionId: null,
        placement: { period: '2026-04', carriedFrom: PERIOD, joinsSession: null },
      });
      proposals.late = late.id;
      expect((await rows()).some((r) => r.usulanId === late.id)).toBe(false);
      // The detail keeps saying where it came from.
      expect(await ok('GET', `/usulan/${late.id}`, op)).toMatchObject({
        period: '2026-04',
        carriedFrom: PERIOD,
      });
    });

    it('reopening adds a submitted proposal the prelist lacks; a reopen sent twice answers the current state', async () => {
      // A proposal left behind before this rule existed: submitted for the period, absent from the prelist.
      await t.container.database.db
        .updateTable('usulan')
        .set({ period: PERIOD, carriedFrom: null })
        .where('id', '=', proposals.late!)
        .execute();
      const closedVersion = session.version;
      session = await ok('POST', `/musdes/${session.id}/reopen`, kades, { version: closedVersion });
      expect((session as unknown as { state: string }).state).toBe('open');
      const row = (await rows()).find((r) => r.usulanId === proposals.late);
      expect(row).toMatchObject({ source: 'usulan', outcome: null });
      const twice = await ok('POST', `/musdes/${session.id}/reopen`, kades, { version: closedVersion });
      expect(twice).toMatchObject({ state: 'open', version: session.version });
      const reopens = await t.container.database.db
        .selectFrom('auditLog')
        .select('action')
        .where('entityId', '=', session.id)
        .where('action', '=', 'musdes.reopen')
        .execute();
      expect(reopens).toHaveLength(1);
    });

    it('a stale version that is not a repeat still answers 409 with the current state', async () => {
      const res = await api('POST', `/musdes/${session.id}/close`, op, { version: 1 });
      expect(res.statusCode).toBe(409);
    });
  });
}

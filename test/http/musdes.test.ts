import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jpegFile, pdfFile, pdfWithJavaScript } from '../factories/files.ts';
import { makeHousehold } from '../factories/households.ts';
import { createUsers, login, PLACES, testApp } from '../support/app.ts';
import { blobFiles } from '../support/blobs.ts';
import { ENGINES, openTestDb, type TestDb } from '../support/db.ts';
import { pdfText } from '../support/pdf-text.ts';
import { cellAt, readXlsx, rowValues } from '../support/xlsx.ts';

/** Inside the proposal window (Jakarta time); the Musdes itself is held after it. */
let clock = new Date('2026-03-16T09:00:00+07:00');
const PERIOD = '2026-03';
const VILLAGE_NAME = 'Kaligowong'; // 33.07.01.2001

type Headers = Record<string, string>;
interface Row {
  id: string;
  rowNo: number;
  source: string;
  kind: string;
  householdId: string | null;
  usulanId: string | null;
  headName: string;
  outcome: string | null;
  allowedOutcomes: string[];
}

for (const engine of ENGINES) {
  describe(`musdes (${engine})`, () => {
    let t: TestDb;
    let app: FastifyInstance;
    let op: Headers;
    let kades: Headers;
    let opB: Headers;
    let auditor: Headers;
    let dinsos: Headers;
    const households: { id: string; headName: string }[] = [];
    const proposals: Record<'baru' | 'perbaikan' | 'dikeluarkan', string> = {
      baru: '',
      perbaikan: '',
      dikeluarkan: '',
    };
    let session: { id: string; version: number };

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
    const allRows = async (headers = op, query = ''): Promise<Row[]> =>
      (await ok('GET', `/musdes/${session.id}/rows?limit=500${query}`, headers)).items;
    const usulan = (id: string) => ok('GET', `/usulan/${id}`, op);

    const header = {
      heldOn: '2026-03-26',
      place: 'Balai Desa Kaligowong',
      participants: [
        { name: 'Slamet Riyadi', role: 'kepala_desa' },
        { name: 'Sri Wahyuni', role: 'bpd' },
        { name: 'Kyai Ahmad Fauzi', role: 'tokoh_agama' },
        { name: 'Joko Susilo', role: 'rw' },
      ],
    };

    beforeAll(async () => {
      clock = new Date('2026-03-16T09:00:00+07:00');
      t = await openTestDb(engine, { now: () => clock });
      await createUsers(t.container);
      app = await testApp(t.container);
      op = await login(app, 'op-a');
      kades = await login(app, 'kades-a');
      opB = await login(app, 'op-b');
      auditor = await login(app, 'auditor');
      dinsos = await login(app, 'dinsos');
      // Five DTKS households in village A, one in village B.
      for (let n = 1; n <= 5; n++) {
        const h = await ok('POST', '/households', op, makeHousehold(PLACES.villageA, 100 + n), 201);
        households.push({ id: h.id, headName: h.headName });
      }
      await ok('POST', '/households', opB, makeHousehold(PLACES.villageB, 200), 201);

      // The period's proposals, made and submitted through the usulan API inside the window.
      const baru = await ok(
        'POST',
        '/usulan',
        op,
        {
          kind: 'baru',
          household: makeHousehold(PLACES.villageA, 150),
          reason: 'Keluarga miskin belum terdata',
        },
        201,
      );
      for (const kind of ['house_front', 'house_back', 'house_inside', 'kk_copy']) {
        const up = await app.inject({
          method: 'POST',
          url: `/api/v1/usulan/${baru.id}/attachments?kind=${kind}&name=${kind}.jpg`,
          headers: { ...op, 'content-type': 'image/jpeg' },
          payload: jpegFile(),
        });
        expect(up.statusCode, up.body).toBe(201);
      }
      const perbaikan = await ok(
        'POST',
        '/usulan',
        op,
        {
          kind: 'perbaikan',
          householdId: households[3]!.id,
          changes: { address: 'Dusun Krajan RT 5 No. 9' },
          reason: 'Alamat berubah',
        },
        201,
      );
      const keluar = await ok(
        'POST',
        '/usulan',
        op,
        {
          kind: 'dikeluarkan',
          householdId: households[4]!.id,
          reasonCode: 'economic_improvement',
          note: 'Usaha berkembang',
        },
        201,
      );
      for (const u of [baru, perbaikan, keluar]) {
        const s = await ok('POST', `/usulan/${u.id}/submit`, op, { version: 1 });
        expect(s.state).toBe('submitted');
      }
      proposals.baru = baru.id;
      proposals.perbaikan = perbaikan.id;
      proposals.dikeluarkan = keluar.id;
      clock = new Date('2026-03-26T09:00:00+07:00');
    });
    afterAll(async () => {
      await app?.close();
      await t?.cleanup();
    });

    it('sets up a session: the Kepala Desa/Lurah must attend, one per village and period', async () => {
      const noHead = await api('POST', '/musdes', op, {
        villageCode: PLACES.villageA,
        period: PERIOD,
        ...header,
        participants: header.participants.slice(1),
      });
      expect(noHead.statusCode).toBe(400);
      expect(noHead.json().errors).toEqual([
        expect.objectContaining({ field: 'participants', code: 'musdes.head_required' }),
      ]);

      const forbidden = await api('POST', '/musdes', auditor, {
        villageCode: PLACES.villageA,
        period: PERIOD,
        ...header,
      });
      expect(forbidden.statusCode).toBe(403);

      const outside = await api('POST', '/musdes', opB, {
        villageCode: PLACES.villageA,
        period: PERIOD,
        ...header,
      });
      expect(outside.statusCode).toBe(400);
      expect(outside.json().errors[0]).toMatchObject({ field: 'villageCode', code: 'territory.outside' });

      const s = await ok(
        'POST',
        '/musdes',
        kades,
        { villageCode: '3307012001', period: PERIOD, ...header },
        201,
      );
      expect(s).toMatchObject({
        state: 'draft',
        regionCode: PLACES.villageA,
        villageName: VILLAGE_NAME,
        period: PERIOD,
        heldOn: '2026-03-26',
        version: 1,
        allowedActions: ['open'],
        canEdit: true,
        canDecide: false,
      });
      expect(s.regionPath.map((r: { code: string }) => r.code)).toEqual([
        '33',
        '33.07',
        '33.07.01',
        PLACES.villageA,
      ]);
      session = s;

      const again = await api('POST', '/musdes', op, {
        villageCode: PLACES.villageA,
        period: PERIOD,
        ...header,
      });
      expect(again.statusCode).toBe(409);
      expect(again.json()).toMatchObject({ code: 'musdes.exists', id: s.id });
    });

    it('keeps other villages out (404) and read-only roles out of every write (403)', async () => {
      expect((await api('GET', `/musdes/${session.id}`, opB)).statusCode).toBe(404);
      expect((await api('GET', `/musdes/${session.id}/rows`, opB)).statusCode).toBe(404);
      expect((await api('POST', `/musdes/${session.id}/open`, opB, { version: 1 })).statusCode).toBe(404);
      expect((await api('GET', `/musdes/${session.id}/prelist.pdf`, opB)).statusCode).toBe(404);
      expect((await ok('GET', '/musdes', opB)).items).toEqual([]);

      expect((await ok('GET', `/musdes/${session.id}`, auditor)).allowedActions).toEqual([]);
      const open = await api('POST', `/musdes/${session.id}/open`, auditor, { version: 1 });
      expect(open.statusCode).toBe(403);
      expect(open.json().code).toBe('musdes.role_not_allowed');
      const edit = await api('PUT', `/musdes/${session.id}`, auditor, { version: 1, ...header });
      expect(edit.statusCode).toBe(403);

      const early = await api('GET', `/musdes/${session.id}/prelist.pdf?stage=awal`, op);
      expect(early.statusCode).toBe(409);
      expect(early.json()).toMatchObject({ code: 'musdes.prelist_not_ready', currentState: 'draft' });
    });

    it('opens the session: the prelist awal lists the existing households, then the proposals, numbered', async () => {
      const stale = await api('POST', `/musdes/${session.id}/open`, op, { version: 99 });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().code).toBe('record.version_conflict');

      session = await ok('POST', `/musdes/${session.id}/open`, op, { version: 1 });
      expect(session).toMatchObject({
        state: 'open',
        version: 2,
        canDecide: true,
        allowedActions: ['close'],
      });
      expect((session as unknown as { tally: unknown }).tally).toEqual({
        rows: 6,
        undecided: 6,
        existing: 3,
        usulan: 3,
        outcomes: { perbaikan: 0, dikeluarkan: 0, usulan_baru: 0, tetap: 0 },
      });

      const rows = await allRows();
      expect(rows.map((r) => r.rowNo)).toEqual([1, 2, 3, 4, 5, 6]);
      // Households 4 and 5 are the subjects of proposals: they appear once, as their proposal row.
      expect(rows.slice(0, 3).map((r) => [r.source, r.householdId])).toEqual(
        households.slice(0, 3).map((h) => ['existing', h.id]),
      );
      expect(rows.slice(3).map((r) => [r.source, r.kind, r.usulanId])).toEqual([
        ['usulan', 'baru', proposals.baru],
        ['usulan', 'perbaikan', proposals.perbaikan],
        ['usulan', 'dikeluarkan', proposals.dikeluarkan],
      ]);
      expect(rows[0]!.allowedOutcomes).toEqual(['tetap', 'perbaikan', 'dikeluarkan']);
      expect(rows[3]!.allowedOutcomes).toEqual(['usulan_baru', 'dikeluarkan']);

      const page = await ok('GET', `/musdes/${session.id}/rows?limit=4`, op);
      expect(page.items).toHaveLength(4);
      const rest = await ok('GET', `/musdes/${session.id}/rows?limit=4&cursor=${page.nextCursor}`, op);
      expect(rest.items.map((r: Row) => r.rowNo)).toEqual([5, 6]);
      expect(rest.nextCursor).toBeNull();
      const found = await ok(
        'GET',
        `/musdes/${session.id}/rows?q=${encodeURIComponent(households[1]!.headName.toUpperCase())}`,
        op,
      );
      expect(found.items.map((r: Row) => r.rowNo)).toEqual([2]);

      const again = await api('POST', `/musdes/${session.id}/open`, op, { version: 2 });
      expect(again.statusCode).toBe(409);
      expect(again.json()).toMatchObject({
        code: 'musdes.invalid_transition',
        currentState: 'open',
        allowed: ['close'],
      });
    });

    it('prints the prelist awal as a real PDF and a real Excel file', async () => {
      const pdf = await api('GET', `/musdes/${session.id}/prelist.pdf?stage=awal`, op);
      expect(pdf.statusCode).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(pdf.headers['content-disposition']).toBe(
        'attachment; filename=prelist_awal_3307012001_2026-03.pdf',
      );
      expect(pdf.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const text = pdfText(pdf.rawPayload);
      expect(text).toContain(`DESA ${VILLAGE_NAME.toUpperCase()}`);
      expect(text).toContain(households[0]!.headName);
      expect(text).toContain('Usulan baru');
      // "Who read my data": the printed rows' households are indexed as read by the operator (a new
      // household's proposal has none yet), and so are the households of a page of rows read on screen.
      const rowHouseholds = (await allRows()).flatMap((r) => (r.householdId ? [r.householdId] : []));
      const indexed = async (action: string) =>
        (
          await t.container.database.db
            .selectFrom('auditSubjects')
            .select('entityId')
            .where('action', '=', action)
            .execute()
        ).map((r) => r.entityId);
      expect(new Set(await indexed('musdes.prelist_rows'))).toEqual(new Set(rowHouseholds));
      expect(await indexed('musdes.rows')).toEqual(expect.arrayContaining(rowHouseholds));

      const xlsx = await api('GET', `/musdes/${session.id}/prelist.xlsx?stage=awal`, op);
      expect(xlsx.statusCode).toBe(200);
      expect(xlsx.headers['content-type']).toBe(
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      );
      expect(xlsx.headers['content-disposition']).toContain('prelist_awal_3307012001_2026-03.xlsx');
      expect([...xlsx.rawPayload.subarray(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
      // Two title lines, an empty row and the header frozen above one row per prelist row, in order.
      const wb = readXlsx(xlsx.rawPayload);
      expect(String(rowValues(wb, 1)[0])).toContain(`PRELIST AWAL DTKS — Desa ${VILLAGE_NAME}`);
      expect(rowValues(wb, 4)).toEqual([
        'No',
        'Nomor KK',
        'Nama Kepala Keluarga',
        'ART',
        'Sumber',
        'Hasil Musyawarah',
        'Keterangan',
      ]);
      expect(wb.sheet).toContain('<pane ySplit="4" topLeftCell="A5"');
      const printed = await allRows();
      expect(wb.rows.size).toBe(4 + printed.length);
      printed.forEach((r, i) => {
        expect(cellAt(wb, `A${5 + i}`)).toMatchObject({ type: 'n', value: r.rowNo });
        expect(cellAt(wb, `C${5 + i}`)).toMatchObject({ type: 's', value: r.headName });
      });
      // The KK number is text (16 digits would lose their last ones as a number).
      expect(cellAt(wb, 'B5')).toMatchObject({ type: 's' });
      expect(String(cellAt(wb, 'B5')!.value)).toMatch(/^\d{16}$/);

      const akhir = await api('GET', `/musdes/${session.id}/prelist.xlsx?stage=akhir`, op);
      expect(akhir.statusCode).toBe(409);
    });

    it('refuses outcomes that do not fit the row, and decisions that need a note without one', async () => {
      const rows = await allRows();
      const cases: [Row, string][] = [
        [rows[0]!, 'usulan_baru'],
        [rows[3]!, 'tetap'],
        [rows[3]!, 'perbaikan'],
        [rows[4]!, 'dikeluarkan'],
        [rows[5]!, 'perbaikan'],
      ];
      for (const [row, outcome] of cases) {
        const res = await api('PUT', `/musdes/${session.id}/rows/${row.id}`, op, {
          outcome,
          note: 'catatan',
        });
        expect(res.statusCode, `${row.kind} → ${outcome}`).toBe(400);
        expect(res.json().errors[0]).toMatchObject({ field: 'outcome', code: 'musdes.invalid_outcome' });
      }
      const noNote = await api('PUT', `/musdes/${session.id}/rows/${rows[1]!.id}`, op, {
        outcome: 'dikeluarkan',
      });
      expect(noNote.statusCode).toBe(400);
      expect(noNote.json().errors[0]).toMatchObject({ field: 'note', code: 'musdes.note_required' });
      const unknown = await api(
        'PUT',
        `/musdes/${session.id}/rows/0193a7d2-0000-7000-8000-000000000000`,
        op,
        { outcome: 'tetap' },
      );
      expect(unknown.statusCode).toBe(404);
      const auditorDecides = await api('PUT', `/musdes/${session.id}/rows/${rows[0]!.id}`, auditor, {
        outcome: 'tetap',
      });
      expect(auditorDecides.statusCode).toBe(403);
      expect((await allRows()).every((r) => r.outcome === null)).toBe(true);
    });

    it('refuses to close while rows are undecided, naming them', async () => {
      const rows = await allRows();
      await ok('PUT', `/musdes/${session.id}/rows/${rows[0]!.id}`, op, {
        outcome: 'perbaikan',
        note: 'Jumlah anggota berubah',
      });
      const res = await api('POST', `/musdes/${session.id}/close`, op, { version: session.version });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({
        code: 'musdes.undecided_rows',
        undecidedRows: [2, 3, 4, 5, 6],
        undecidedCount: 5,
      });
      expect((await ok('GET', `/musdes/${session.id}`, op)).state).toBe('open');
    });

    it('decides every row (single and bulk) and closes: proposals move, the Berita Acara is produced', async () => {
      const rows = await allRows();
      await ok('PUT', `/musdes/${session.id}/rows/${rows[1]!.id}`, kades, {
        outcome: 'dikeluarkan',
        note: 'Pindah ke luar daerah',
      });
      const bulk = await ok('POST', `/musdes/${session.id}/rows/bulk`, op, {
        outcome: 'tetap',
        filter: { source: 'existing', undecidedOnly: true },
      });
      expect(bulk.updated).toBe(1);
      expect(bulk.session.tally.undecided).toBe(3);
      const massRemoval = await api('POST', `/musdes/${session.id}/rows/bulk`, op, {
        outcome: 'dikeluarkan',
        filter: { source: 'existing', undecidedOnly: true },
      });
      expect(massRemoval.statusCode).toBe(400);
      expect(massRemoval.json().code).toBe('musdes.bulk_outcome');

      await ok('PUT', `/musdes/${session.id}/rows/${rows[3]!.id}`, op, { outcome: 'usulan_baru' });
      await ok('PUT', `/musdes/${session.id}/rows/${rows[4]!.id}`, op, {
        outcome: 'tetap',
        note: 'Alamat sudah benar',
      });
      const last = await ok('PUT', `/musdes/${session.id}/rows/${rows[5]!.id}`, op, {
        outcome: 'dikeluarkan',
      });
      expect(last).toMatchObject({ rowNo: 6, outcome: 'dikeluarkan', note: null });

      const tetap = await ok('GET', `/musdes/${session.id}/rows?outcome=tetap`, op);
      expect(tetap.items.map((r: Row) => r.rowNo)).toEqual([3, 5]);

      const current = await ok('GET', `/musdes/${session.id}`, op);
      session = await ok('POST', `/musdes/${session.id}/close`, op, { version: current.version });
      const closed = session as unknown as {
        state: string;
        counts: unknown;
        beritaAcara: { id: string; mime: string } | null;
        allowedActions: string[];
        canDecide: boolean;
      };
      expect(closed.state).toBe('closed');
      expect(closed.counts).toEqual({ perbaikan: 1, dikeluarkan: 2, usulan_baru: 1, tetap: 2 });
      expect(closed.allowedActions).toEqual(['upload_signed']);
      expect(closed.canDecide).toBe(false);
      expect(closed.beritaAcara).toMatchObject({ mime: 'application/pdf' });

      const ba = await api('GET', `/attachments/${closed.beritaAcara!.id}`, op);
      expect(ba.statusCode).toBe(200);
      expect(ba.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const text = pdfText(ba.rawPayload);
      for (const s of [
        'BERITA ACARA MUSYAWARAH DESA (MUSDES)',
        `DESA ${VILLAGE_NAME.toUpperCase()}`,
        'KABUPATEN WONOSOBO',
        'Kamis, 26 Maret 2026',
        'Balai Desa Kaligowong',
        'Slamet Riyadi',
        'Sri Wahyuni',
        `Kepala Desa ${VILLAGE_NAME}`,
        'Saksi-saksi:',
        households[0]!.headName,
        'Pindah ke luar daerah',
      ]) {
        expect(text, s).toContain(s);
      }

      const late = await api('PUT', `/musdes/${session.id}/rows/${rows[2]!.id}`, op, {
        outcome: 'perbaikan',
        note: 'terlambat',
      });
      expect(late.statusCode).toBe(409);
      expect(late.json()).toMatchObject({ code: 'musdes.locked', currentState: 'closed' });
    });

    it('moves the proposals and creates accepted proposals for the decisions on existing records', async () => {
      expect(await usulan(proposals.baru)).toMatchObject({
        state: 'musdes_accepted',
        musdesSessionId: session.id,
      });
      expect(await usulan(proposals.perbaikan)).toMatchObject({
        state: 'musdes_rejected',
        musdesSessionId: session.id,
        returnNote: 'Alamat sudah benar',
      });
      expect(await usulan(proposals.dikeluarkan)).toMatchObject({
        state: 'musdes_accepted',
        musdesSessionId: session.id,
      });

      const fromMusdes = (await ok('GET', `/usulan?period=${PERIOD}&state=musdes_accepted`, op)).items.filter(
        (u: { source: string }) => u.source === 'musdes',
      );
      expect(
        fromMusdes.map((u: { kind: string; householdId: string }) => [u.kind, u.householdId]).sort(),
      ).toEqual(
        [
          ['dikeluarkan', households[1]!.id],
          ['perbaikan', households[0]!.id],
        ].sort(),
      );
      const rows = await allRows();
      expect(rows[0]!.usulanId).toBe(fromMusdes.find((u: { kind: string }) => u.kind === 'perbaikan').id);
      expect(rows[2]!.usulanId).toBeNull();

      const notices = await ok('GET', '/notifications', dinsos);
      expect(notices.items.map((n: { kind: string }) => n.kind)).toContain('musdes.closed');
      // The village hears of the proposal the Musdes did not accept, its kind in the reader's language.
      const rejected = (await ok('GET', '/notifications', op)).items.find(
        (n: { kind: string }) => n.kind === 'usulan.musdes_reject',
      );
      expect(rejected.message.id).toMatch(/^Usulan perbaikan untuk /);
      expect(rejected.message.en).toMatch(/^Proposal \(correction\) for /);

      const akhir = await api('GET', `/musdes/${session.id}/prelist.pdf?stage=akhir`, op);
      expect(akhir.statusCode).toBe(200);
      const text = pdfText(akhir.rawPayload);
      expect(text).toContain('PRELIST AKHIR');
      expect(text).toContain('Dikeluarkan');
    });

    it('lets only the Kepala Desa reopen before signing, undoing what closing did', async () => {
      const byOperator = await api('POST', `/musdes/${session.id}/reopen`, op, { version: session.version });
      expect(byOperator.statusCode).toBe(403);
      expect(byOperator.json().code).toBe('musdes.role_not_allowed');

      const createdBefore = (await allRows())[0]!.usulanId!;
      session = await ok('POST', `/musdes/${session.id}/reopen`, kades, { version: session.version });
      expect(session).toMatchObject({ state: 'open', counts: null, beritaAcara: null });
      expect((await usulan(proposals.baru)).state).toBe('submitted');
      expect((await usulan(proposals.perbaikan)).state).toBe('submitted');
      expect((await usulan(createdBefore)).state).toBe('withdrawn');
      expect((await allRows())[0]!.usulanId).toBeNull();

      // The deliberation changes its mind on one row and closes again.
      const rows = await allRows();
      await ok('PUT', `/musdes/${session.id}/rows/${rows[4]!.id}`, kades, {
        outcome: 'perbaikan',
        note: 'Alamat memang berubah',
      });
      session = await ok('POST', `/musdes/${session.id}/close`, kades, { version: session.version });
      expect((session as unknown as { counts: unknown }).counts).toEqual({
        perbaikan: 2,
        dikeluarkan: 2,
        usulan_baru: 1,
        tetap: 1,
      });
      expect((await usulan(proposals.perbaikan)).state).toBe('musdes_accepted');
      expect((await usulan(proposals.baru)).state).toBe('musdes_accepted');
      const recreated = (await allRows())[0]!.usulanId!;
      expect(recreated).not.toBe(createdBefore);
      expect((await usulan(recreated)).state).toBe('musdes_accepted');
    });

    it('locks the session once the signed scan is uploaded: every further change answers 409', async () => {
      const blobsBefore = blobFiles(t.container);
      const disguised = await app.inject({
        method: 'POST',
        url: `/api/v1/musdes/${session.id}/signed-scan?name=ba.pdf`,
        headers: { ...op, 'content-type': 'application/pdf' },
        payload: Buffer.from('MZ this is not a pdf at all'),
      });
      expect(disguised.statusCode).toBe(400);
      const scripted = await app.inject({
        method: 'POST',
        url: `/api/v1/musdes/${session.id}/signed-scan?name=ba.pdf`,
        headers: { ...op, 'content-type': 'application/pdf' },
        payload: pdfWithJavaScript({ objectStream: true }),
      });
      expect(scripted.json().code).toBe('attachment.pdf_active_content');
      expect(blobFiles(t.container)).toEqual(blobsBefore);
      expect((await ok('GET', `/musdes/${session.id}`, op)).state).toBe('closed');

      const up = await app.inject({
        method: 'POST',
        url: `/api/v1/musdes/${session.id}/signed-scan?name=ba-ttd.pdf&version=${session.version}`,
        headers: { ...op, 'content-type': 'application/pdf' },
        payload: pdfFile('signed'),
      });
      expect(up.statusCode, up.body).toBe(200);
      const signed = up.json();
      expect(signed).toMatchObject({ state: 'signed', allowedActions: [], canEdit: false, canDecide: false });
      expect(signed.signedScan).toMatchObject({ mime: 'application/pdf', originalName: 'ba-ttd.pdf' });
      const v = signed.version;
      const rows = await allRows();

      const attempts = [
        api('PUT', `/musdes/${session.id}/rows/${rows[0]!.id}`, kades, { outcome: 'tetap' }),
        api('POST', `/musdes/${session.id}/rows/bulk`, kades, {
          outcome: 'tetap',
          filter: { source: 'existing', undecidedOnly: true },
        }),
        api('POST', `/musdes/${session.id}/reopen`, kades, { version: v }),
        api('POST', `/musdes/${session.id}/close`, kades, { version: v }),
        api('POST', `/musdes/${session.id}/open`, kades, { version: v }),
        api('PUT', `/musdes/${session.id}`, kades, { version: v, ...header }),
        app.inject({
          method: 'POST',
          url: `/api/v1/musdes/${session.id}/signed-scan?name=again.pdf`,
          headers: { ...kades, 'content-type': 'application/pdf' },
          payload: pdfFile('again'),
        }),
      ];
      for (const res of await Promise.all(attempts)) {
        expect(res.statusCode, res.body).toBe(409);
        expect(res.json().currentState).toBe('signed');
      }
      // Documents stay available.
      expect((await api('GET', `/musdes/${session.id}/prelist.xlsx?stage=akhir`, op)).statusCode).toBe(200);
    });

    it('shows per-village progress to the Dinas Sosial and lists sessions by region and state', async () => {
      const progress = await ok('GET', `/musdes/progress?region=${PLACES.regency}&period=${PERIOD}`, dinsos);
      const a = progress.items.find((i: { villageCode: string }) => i.villageCode === PLACES.villageA);
      expect(a).toMatchObject({
        villageName: VILLAGE_NAME,
        sessionId: session.id,
        state: 'signed',
        rows: 6,
        decided: 6,
      });
      expect(
        progress.items.find((i: { villageCode: string }) => i.villageCode === PLACES.villageB),
      ).toMatchObject({
        sessionId: null,
        state: null,
      });
      expect(
        progress.items.every((i: { villageCode: string }) => i.villageCode.startsWith(`${PLACES.regency}.`)),
      ).toBe(true);

      const list = await ok('GET', `/musdes?region=${PLACES.regency}&period=${PERIOD}&state=signed`, dinsos);
      expect(list.items.map((s: { id: string }) => s.id)).toEqual([session.id]);
      expect((await ok('GET', `/musdes?period=${PERIOD}&state=open`, dinsos)).items).toEqual([]);
      const other = await login(app, 'dinsos-other');
      expect((await ok('GET', `/musdes?period=${PERIOD}`, other)).items).toEqual([]);
    });
  });
}

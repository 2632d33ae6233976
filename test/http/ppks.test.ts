import { describe, expect, it } from 'vitest';
import { decodeSnapshot } from '../../src/db/version-snapshot.ts';
import { makeHousehold, makeNik } from '../factories/households.ts';
import { apiSession, registerRequests } from '../support/api-session.ts';
import { PLACES } from '../support/app.ts';
import { ENGINES } from '../support/db.ts';

let serial = 7000;
/** A PPKS proposal in `regionCode`; every call gets its own NIK. */
function ppksInput(regionCode: string, overrides: Record<string, unknown> = {}) {
  const birthDate = '1948-03-12';
  return {
    nik: makeNik('33.07.01', birthDate, 'F', serial++),
    name: 'Mbah Sumiyati',
    birthDate,
    sex: 'F',
    regionCode,
    rw: '3',
    rt: '12',
    address: 'Dusun Krajan RT 12/RW 3',
    categories: [
      { category: 'lanjut_usia_terlantar', startDate: '2023-01-01' },
      { category: 'penyandang_disabilitas', startDate: '2022-06-01', endDate: null },
    ],
    ...overrides,
  };
}

for (const engine of ENGINES) {
  describe(`PPKS API (${engine})`, () => {
    const session = apiSession(engine);
    const { as } = session;
    const { post, get, patch, removal, created, ids, expectNameSortAndTotals } = registerRequests(
      session,
      'ppks',
    );

    it('creates a PPKS with several categories, reads it back, lists it and stores version 1', async () => {
      const input = ppksInput('3307012001');
      const p = await created('op-a', input);
      expect(p).toMatchObject({
        nik: input.nik,
        name: 'Mbah Sumiyati',
        birthDate: '1948-03-12',
        sex: 'F',
        regionCode: PLACES.villageA,
        rw: '003',
        rt: '012',
        address: 'Dusun Krajan RT 12/RW 3',
        notes: null,
        personId: null,
        status: 'active',
        removalReason: null,
        version: 1,
        warnings: [],
      });
      expect(p.categories).toEqual([
        { category: 'penyandang_disabilitas', startDate: '2022-06-01', endDate: null },
        { category: 'lanjut_usia_terlantar', startDate: '2023-01-01', endDate: null },
      ]);
      expect(p.regionPath.map((r: { code: string }) => r.code)).toEqual([
        '33',
        '33.07',
        '33.07.01',
        '33.07.01.2001',
      ]);

      const read = await get('op-a', `/ppks/${p.id}`);
      expect(read.statusCode, read.body).toBe(200);
      const { warnings: _w, ...stored } = p;
      expect(read.json()).toEqual(stored);

      const list = await get('op-a', `/ppks?region=${PLACES.villageA}`);
      expect(list.statusCode, list.body).toBe(200);
      const item = list.json().items.find((i: { id: string }) => i.id === p.id);
      expect(item).toEqual({
        id: p.id,
        name: 'Mbah Sumiyati',
        nik: input.nik,
        regionCode: PLACES.villageA,
        rw: '003',
        rt: '012',
        categories: p.categories,
        status: 'active',
        version: 1,
        updatedAt: p.updatedAt,
      });

      const versions = await session.t.container.database.db
        .selectFrom('recordVersions')
        .selectAll()
        .where('entityId', '=', p.id)
        .execute();
      expect(versions).toHaveLength(1);
      expect(versions[0]).toMatchObject({ entityType: 'ppks', version: 1, changeType: 'create' });
      expect(decodeSnapshot<{ categories: unknown }>(versions[0]!.snapshot).categories).toEqual(p.categories);
    });

    it('filters by current category and finds by name (case and accents folded) or exact NIK', async () => {
      const elder = await created('op-a', ppksInput(PLACES.villageA, { name: 'Wagiyem Sastro' }));
      const child = await created(
        'op-a',
        ppksInput(PLACES.villageA, {
          nik: null,
          name: 'Andi Pratama',
          birthDate: '2010-05-01',
          sex: 'M',
          categories: [
            { category: 'anak_jalanan', startDate: '2020-01-01', endDate: '2021-12-31' },
            { category: 'fakir_miskin', startDate: '2022-01-01' },
          ],
        }),
      );
      expect(child.nik).toBeNull();

      const byCategory = async (c: string) => ids(await get('op-a', `/ppks?category=${c}&limit=200`));
      expect(await byCategory('fakir_miskin')).toContain(child.id);
      expect(await byCategory('fakir_miskin')).not.toContain(elder.id);
      expect(await byCategory('anak_jalanan')).not.toContain(child.id); // ended in 2021
      expect(await byCategory('lanjut_usia_terlantar')).toContain(elder.id);

      expect(ids(await get('op-a', '/ppks?q=WAGIYEM&limit=200'))).toEqual([elder.id]);
      expect(ids(await get('op-a', '/ppks?q=w%C3%A1giyem%20s&limit=200'))).toEqual([elder.id]);
      expect(ids(await get('op-a', `/ppks?q=${elder.nik}`))).toEqual([elder.id]);
      expect(ids(await get('op-a', '/ppks?q=pratama&category=lanjut_usia_terlantar'))).toEqual([]);

      const bad = await get('op-a', '/ppks?category=tksk');
      expect(bad.statusCode).toBe(400);
      expect(bad.json().code).toBe('ppks.unknown_category');
    });

    it('pages by cursor without gaps or repeats', async () => {
      const made: string[] = [];
      for (let i = 0; i < 5; i++) made.push((await created('dinsos', ppksInput(PLACES.villageA2))).id);
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const res = await get(
          'dinsos',
          `/ppks?region=${PLACES.villageA2}&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        );
        expect(res.statusCode, res.body).toBe(200);
        seen.push(...ids(res));
        cursor = res.json().nextCursor;
        pages++;
      } while (cursor);
      expect(pages).toBe(3);
      expect(seen).toEqual(made);

      const bad = await get('dinsos', '/ppks?cursor=bm90LWFuLWlk');
      expect(bad.statusCode).toBe(400);
      expect(bad.json().code).toBe('list.invalid_cursor');
    });

    it('lists with the total over all pages, sorted by name A–Z or in registration order', () =>
      expectNameSortAndTotals(PLACES.villageA, (name) => ppksInput(PLACES.villageA, { name })));

    it('links the DTKS person with the same NIK, shown only to users whose territory holds that person', async () => {
      const hA = makeHousehold(PLACES.villageA, 1);
      const resA = await session.app.inject({
        method: 'POST',
        url: '/api/v1/households',
        headers: as['op-a'],
        payload: hA,
      });
      expect(resA.statusCode, resA.body).toBe(201);
      const childA = resA.json().members.find((m: { relationship: number }) => m.relationship === 3);
      const p = await created(
        'op-a',
        ppksInput(PLACES.villageA, {
          nik: childA.nik,
          name: childA.name,
          birthDate: childA.birthDate,
          sex: childA.sex,
          categories: [{ category: 'anak_terlantar', startDate: '2024-02-01' }],
        }),
      );
      expect(p.personId).toBe(childA.id);
      expect(p.warnings).toEqual([]);

      // A person registered in village B, recorded as PPKS in village A by the regency office.
      const hB = makeHousehold(PLACES.villageB, 2);
      const resB = await session.app.inject({
        method: 'POST',
        url: '/api/v1/households',
        headers: as['op-b'],
        payload: hB,
      });
      expect(resB.statusCode, resB.body).toBe(201);
      const headB = resB.json().members[0];
      const q = await created(
        'dinsos',
        ppksInput(PLACES.villageA, {
          nik: headB.nik,
          name: headB.name,
          birthDate: headB.birthDate,
          sex: headB.sex,
          categories: [{ category: 'fakir_miskin', startDate: '2024-02-01' }],
        }),
      );
      expect(q.personId).toBe(headB.id);
      expect((await get('op-a', `/ppks/${q.id}`)).json().personId).toBeNull();
      expect((await get('pusdatin', `/ppks/${q.id}`)).json().personId).toBe(headB.id);
    });

    it('warns without blocking when the NIK disagrees with the sex or birth date entered', async () => {
      const res = await post('op-a', ppksInput(PLACES.villageA, { sex: 'M', birthDate: '1948-03-13' }));
      expect(res.statusCode, res.body).toBe(201);
      expect(
        res
          .json()
          .warnings.map((w: { code: string }) => w.code)
          .sort(),
      ).toEqual(['nik.birth_date_mismatch', 'nik.sex_mismatch']);
      const en = await session.app.inject({
        method: 'POST',
        url: '/api/v1/ppks?lang=en',
        headers: as['op-a'],
        payload: ppksInput(PLACES.villageA, { sex: 'M' }),
      });
      expect(en.json().warnings[0].message).toMatch(/differs from the NIK/);
    });

    it('rejects invalid input with a stable code per field', async () => {
      const cases: [Record<string, unknown>, string, string][] = [
        [
          { categories: [{ category: 'tksk', startDate: '2023-01-01' }] },
          'ppks.unknown_category',
          'categories.0.category',
        ],
        [
          { categories: [{ category: 'gelandangan', startDate: '2023-05-01', endDate: '2023-04-30' }] },
          'ppks.category_end_before_start',
          'categories.0.endDate',
        ],
        [
          {
            categories: [
              { category: 'gelandangan', startDate: '2021-01-01' },
              { category: 'gelandangan', startDate: '2023-01-01' },
            ],
          },
          'ppks.duplicate_category',
          'categories.1.category',
        ],
        [
          { categories: [{ category: 'pengemis', startDate: '2999-01-01' }] },
          'ppks.category_start_in_future',
          'categories.0.startDate',
        ],
        [
          { categories: [{ category: 'pengemis', startDate: '2023-02-30' }] },
          'ppks.invalid_category_date',
          'categories.0.startDate',
        ],
        [{ nik: '3307013213480001' }, 'nik.invalid_date', 'nik'],
        [{ nik: '330701121348' }, 'nik.length', 'nik'],
        [{ regionCode: '33.07.01.2999' }, 'region.not_a_village', 'regionCode'],
        [{ regionCode: '33.07.01' }, 'region.not_a_village', 'regionCode'],
        [{ regionCode: 'desa-a' }, 'region.invalid_code', 'regionCode'],
        [{ birthDate: '2999-01-01' }, 'ppks.invalid_birth_date', 'birthDate'],
      ];
      for (const [overrides, code, field] of cases) {
        const res = await post('op-a', ppksInput(PLACES.villageA, overrides));
        expect(res.statusCode, JSON.stringify(overrides)).toBe(400);
        expect(res.json().code, JSON.stringify(overrides)).toBe(code);
        expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
      }
      for (const overrides of [{ categories: [] }, { colour: 'red' }, { sex: 'X' }, { name: '' }]) {
        const res = await post('op-a', ppksInput(PLACES.villageA, overrides));
        expect(res.statusCode, JSON.stringify(overrides)).toBe(400);
        expect(res.json().code).toBe('request.invalid');
      }
      const { categories: _c, ...withoutCategories } = ppksInput(PLACES.villageA);
      expect((await post('op-a', withoutCategories)).statusCode).toBe(400);
    });

    it('edits with optimistic concurrency; new categories replace the list and the history keeps the old', async () => {
      const p = await created('op-a', ppksInput(PLACES.villageA, { name: 'Karto Diharjo' }));
      const edit = await patch('op-a', p.id, {
        version: 1,
        reason: 'Verifikasi lapangan',
        address: 'Dusun Sumberan',
        rt: '',
        categories: [
          { category: 'lanjut_usia_terlantar', startDate: '2023-01-01', endDate: '2024-12-31' },
          { category: 'korban_bencana_alam', startDate: '2025-01-10' },
        ],
      });
      expect(edit.statusCode, edit.body).toBe(200);
      expect(edit.json()).toMatchObject({ version: 2, address: 'Dusun Sumberan', rt: null, rw: '003' });
      expect(edit.json().categories).toEqual([
        { category: 'lanjut_usia_terlantar', startDate: '2023-01-01', endDate: '2024-12-31' },
        { category: 'korban_bencana_alam', startDate: '2025-01-10', endDate: null },
      ]);

      const stale = await patch('op-a', p.id, { version: 1, reason: 'Ganti nama', name: 'Karto' });
      expect(stale.statusCode).toBe(409);
      expect(stale.json()).toMatchObject({ code: 'record.version_conflict', currentVersion: 2 });
      expect((await get('op-a', `/ppks/${p.id}`)).json().name).toBe('Karto Diharjo');

      const rename = await patch('op-a', p.id, { version: 2, reason: 'Ejaan nama', name: 'Karto Dihardjo' });
      expect(rename.statusCode, rename.body).toBe(200);
      expect(rename.json().categories).toHaveLength(2); // untouched when not sent
      expect(ids(await get('op-a', '/ppks?q=dihardjo'))).toEqual([p.id]);

      for (const body of [
        { version: 3, name: 'Tanpa alasan' },
        { version: 3, reason: 'pindah', regionCode: PLACES.villageA2 },
        { version: 3, reason: 'kosong', categories: [] },
      ]) {
        const res = await patch('op-a', p.id, body);
        expect(res.statusCode, JSON.stringify(body)).toBe(400);
      }
      const badDates = await patch('op-a', p.id, {
        version: 3,
        reason: 'Tanggal',
        categories: [{ category: 'pengemis', startDate: '2024-02-01', endDate: '2024-01-01' }],
      });
      expect(badDates.json().code).toBe('ppks.category_end_before_start');

      const hist = await get('op-a', `/ppks/${p.id}/history`);
      expect(hist.statusCode, hist.body).toBe(200);
      const items = hist.json().items;
      expect(items.map((i: { version: number }) => i.version)).toEqual([3, 2, 1]);
      expect(items[0]).toMatchObject({ changeType: 'update', reason: 'Ejaan nama', changedByName: 'op-a' });
      expect(items[0].changes).toEqual([{ field: 'name', before: 'Karto Diharjo', after: 'Karto Dihardjo' }]);
      expect(items[1].changes.map((c: { field: string }) => c.field)).toEqual([
        'address',
        'categories',
        'rt',
      ]);
      expect(items[2].changeType).toBe('create');
      expect(items[2].snapshot.categories).toEqual(p.categories);
      expect(items[2].snapshot).not.toHaveProperty('personId');
    });

    it('allows one active PPKS per NIK, and another once the first is removed', async () => {
      const input = ppksInput(PLACES.villageA);
      const first = await created('op-a', input);
      const dup = await post('op-a', {
        ...input,
        categories: [{ category: 'pengemis', startDate: '2024-01-01' }],
      });
      expect(dup.statusCode, dup.body).toBe(409);
      expect(dup.json()).toMatchObject({ code: 'ppks.nik_already_registered', existingId: first.id });

      // Someone who cannot see the first record learns only that the NIK is taken.
      const elsewhere = await post('op-b', { ...input, regionCode: PLACES.villageB });
      expect(elsewhere.statusCode).toBe(409);
      expect(elsewhere.json().existingId).toBeUndefined();

      const other = await created('op-a', ppksInput(PLACES.villageA));
      const clash = await patch('op-a', other.id, { version: 1, reason: 'NIK dikoreksi', nik: input.nik });
      expect(clash.statusCode).toBe(409);

      expect(
        (await removal('op-a', first.id, { version: 1, reasonCode: 'duplicate_record' })).statusCode,
      ).toBe(200);
      expect((await post('op-a', input)).statusCode).toBe(201);

      // The database holds the rule too, for two requests racing past the service check.
      const row = await session.t.container.database.db
        .selectFrom('ppks')
        .selectAll()
        .where('nik', '=', input.nik)
        .where('status', '=', 'active')
        .executeTakeFirstOrThrow();
      await expect(
        session.t.container.database.db
          .insertInto('ppks')
          .values({ ...row, id: '01950000-0000-7000-8000-0000000000aa' })
          .execute(),
      ).rejects.toThrow(/unique|duplicate/i);
    });

    it('removes with a reason: a status change, listed on request, frozen afterwards', async () => {
      const p = await created('op-a', ppksInput(PLACES.villageA, { name: 'Sarinah Removed' }));
      const badReason = await removal('op-a', p.id, { version: 1, reasonCode: 'bored' });
      expect(badReason.statusCode).toBe(400);
      expect(badReason.json().code).toBe('removal.invalid_reason');
      expect((await removal('op-a', p.id, { version: 5, reasonCode: 'deceased' })).statusCode).toBe(409);

      const res = await removal('op-a', p.id, {
        version: 1,
        reasonCode: 'deceased',
        note: 'Surat kematian desa',
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({
        status: 'removed',
        removalReason: 'deceased',
        removalNote: 'Surat kematian desa',
        version: 2,
      });

      expect(ids(await get('op-a', '/ppks?q=sarinah'))).toEqual([]);
      expect(ids(await get('op-a', '/ppks?q=sarinah&status=removed'))).toEqual([p.id]);
      expect(ids(await get('op-a', '/ppks?q=sarinah&status=all'))).toEqual([p.id]);
      expect((await get('op-a', `/ppks/${p.id}`)).json().status).toBe('removed');

      const edit = await patch('op-a', p.id, { version: 2, reason: 'Koreksi', notes: 'x' });
      expect(edit.statusCode).toBe(409);
      expect(edit.json().code).toBe('ppks.removed');
      const again = await removal('op-a', p.id, { version: 2, reasonCode: 'deceased' });
      expect(again.json().code).toBe('ppks.already_removed');

      const row = await session.t.container.database.db
        .selectFrom('ppks')
        .select('status')
        .where('id', '=', p.id)
        .executeTakeFirst();
      expect(row?.status).toBe('removed');
      const cats = await session.t.container.database.db
        .selectFrom('ppksCategories')
        .select('category')
        .where('ppksId', '=', p.id)
        .execute();
      expect(cats).toHaveLength(2);
    });

    it('keeps territory: another village sees nothing (404), wider and national roles see it', async () => {
      const p = await created('op-a', ppksInput(PLACES.villageA, { name: 'Territory Probe' }));
      for (const res of [
        await get('op-b', `/ppks/${p.id}`),
        await get('op-b', `/ppks/${p.id}/history`),
        await patch('op-b', p.id, { version: 1, reason: 'Coba ubah', notes: 'x' }),
        await removal('op-b', p.id, { version: 1, reasonCode: 'moved_out' }),
        await get('dinsos-other', `/ppks/${p.id}`),
      ]) {
        expect(res.statusCode, res.body).toBe(404);
        expect(res.json().code).toBe('record.not_found');
      }
      const absent = await get('op-b', '/ppks/01950000-0000-7000-8000-000000000000');
      expect(absent.json()).toMatchObject({ status: 404, code: 'record.not_found' });
      expect((await get('op-b', '/ppks/not-an-id')).statusCode).toBe(404);

      expect(ids(await get('op-b', '/ppks?q=territory'))).toEqual([]);
      expect(ids(await get('op-b', `/ppks?region=${PLACES.villageA}`))).toEqual([]);
      const outside = await post('op-b', ppksInput(PLACES.villageA));
      expect(outside.statusCode).toBe(400);
      expect(outside.json().code).toBe('territory.outside');

      for (const who of ['camat-a', 'dinsos', 'pusdatin']) {
        expect((await get(who, `/ppks/${p.id}`)).statusCode, who).toBe(200);
        expect(ids(await get(who, '/ppks?q=territory')), who).toEqual([p.id]);
      }
      const fromAbove = await patch('dinsos', p.id, { version: 1, reason: 'Dinsos koreksi', notes: 'ok' });
      expect(fromAbove.statusCode, fromAbove.body).toBe(200);
    });

    it('lets the auditor and the village head read but not write (403)', async () => {
      const p = await created('op-a', ppksInput(PLACES.villageA));
      for (const who of ['auditor', 'kades-a', 'pusdatin']) {
        expect((await get(who, `/ppks/${p.id}`)).statusCode, who).toBe(200);
        for (const res of [
          await post(who, ppksInput(PLACES.villageA)),
          await patch(who, p.id, { version: 1, reason: 'Coba ubah', notes: 'x' }),
          await removal(who, p.id, { version: 1, reasonCode: 'moved_out' }),
        ]) {
          expect(res.statusCode, `${who} ${res.body}`).toBe(403);
          expect(res.json().code).toBe('access.forbidden');
        }
      }
      expect((await get('op-a', `/ppks/${p.id}`)).json().version).toBe(1);
    });

    it('audits every change and every read of personal data', async () => {
      const p = await created('op-a', ppksInput(PLACES.villageA, { name: 'Audit Trail' }));
      await get('op-a', `/ppks/${p.id}`);
      await patch('op-a', p.id, { version: 1, reason: 'Catatan', notes: 'dikunjungi' });
      await get('auditor', `/ppks/${p.id}/history`);
      await get('op-a', '/ppks?q=audit%20trail');
      await removal('op-a', p.id, { version: 2, reasonCode: 'economic_improvement' });

      const log = await get('admin', `/audit?entityId=${p.id}&limit=50`);
      expect(log.statusCode, log.body).toBe(200);
      const entries = log.json().items.reverse();
      expect(entries.map((e: { action: string }) => e.action)).toEqual([
        'ppks.create',
        'ppks.read',
        'ppks.update',
        'ppks.history',
        'ppks.remove',
      ]);
      expect(entries[0]).toMatchObject({
        actorUsername: 'op-a',
        entityType: 'ppks',
        regionCode: PLACES.villageA,
      });
      expect(entries[2].details).toMatchObject({ version: 2, reason: 'Catatan' });
      expect(entries[3].actorUsername).toBe('auditor');

      const lists = await get('admin', '/audit?action=ppks.list&limit=200');
      expect(
        lists.json().items.some((e: { details: { ids: string[] } }) => e.details.ids.includes(p.id)),
      ).toBe(true);
    });
  });
}

import { describe, expect, it } from 'vitest';
import { makeNik } from '../factories/households.ts';
import { apiSession, registerRequests } from '../support/api-session.ts';
import { PLACES } from '../support/app.ts';
import { ENGINES } from '../support/db.ts';

let serial = 3000;
/** A PSKS worker (TKSK by default) in `regionCode`; every call gets its own NIK. */
function worker(regionCode: string, overrides: Record<string, unknown> = {}) {
  return {
    kind: 'tksk',
    name: 'Slamet Riyadi',
    nik: makeNik('33.07.01', '1979-08-17', 'M', serial++),
    regionCode,
    address: 'Jl. Raya Kertek No. 5',
    phone: '0812-3456-7890',
    email: 'Slamet.TKSK@Example.CO.ID',
    ...overrides,
  };
}

function institution(regionCode: string, overrides: Record<string, unknown> = {}) {
  return {
    kind: 'lembaga_kesejahteraan_sosial',
    name: 'LKS Panti Asuhan Darul Hikmah',
    regionCode,
    address: 'Jl. Pemuda 12',
    phone: '(0286) 321234',
    ...overrides,
  };
}

for (const engine of ENGINES) {
  describe(`PSKS API (${engine})`, () => {
    const session = apiSession(engine);
    const { post, get, patch, removal, created, ids, expectNameSortAndTotals } = registerRequests(
      session,
      'psks',
    );

    it('registers a worker with normalised contact details, reads it back and lists it', async () => {
      const input = worker('3307012001');
      const w = await created('op-a', input);
      expect(w).toMatchObject({
        kind: 'tksk',
        isInstitution: false,
        name: 'Slamet Riyadi',
        nik: input.nik,
        regionCode: PLACES.villageA,
        address: 'Jl. Raya Kertek No. 5',
        phone: '+6281234567890',
        email: 'Slamet.TKSK@example.co.id',
        notes: null,
        status: 'active',
        version: 1,
        warnings: [],
      });
      expect(w.regionPath.at(-1)).toMatchObject({ code: PLACES.villageA, level: 4 });

      const read = await get('op-a', `/psks/${w.id}`);
      expect(read.statusCode, read.body).toBe(200);
      const { warnings: _w, ...stored } = w;
      expect(read.json()).toEqual(stored);

      const list = await get('op-a', `/psks?region=${PLACES.villageA}`);
      expect(list.statusCode, list.body).toBe(200);
      expect(list.json().items.find((i: { id: string }) => i.id === w.id)).toEqual({
        id: w.id,
        kind: 'tksk',
        isInstitution: false,
        name: 'Slamet Riyadi',
        nik: input.nik,
        regionCode: PLACES.villageA,
        phone: '+6281234567890',
        email: 'Slamet.TKSK@example.co.id',
        status: 'active',
        version: 1,
        updatedAt: w.updatedAt,
      });

      const versions = await session.t.container.database.db
        .selectFrom('recordVersions')
        .selectAll()
        .where('entityId', '=', w.id)
        .execute();
      expect(versions).toHaveLength(1);
      expect(versions[0]).toMatchObject({ entityType: 'psks', version: 1, changeType: 'create' });
    });

    it('registers institutions without a NIK, and refuses one with a NIK', async () => {
      const lks = await created('op-a', institution(PLACES.villageA));
      expect(lks).toMatchObject({ isInstitution: true, nik: null, phone: '+62286321234', email: null });
      const withNik = await post(
        'op-a',
        institution(PLACES.villageA, { nik: makeNik('33.07.01', '1990-01-01', 'M', 1) }),
      );
      expect(withNik.statusCode).toBe(400);
      expect(withNik.json().errors[0]).toMatchObject({ field: 'nik', code: 'psks.nik_not_allowed' });
      const blankNik = await post(
        'op-a',
        institution(PLACES.villageA, { name: 'Karang Taruna Tunas', kind: 'karang_taruna', nik: '' }),
      );
      expect(blankNik.statusCode, blankNik.body).toBe(201);
      expect(blankNik.json().nik).toBeNull();
    });

    it('filters by kind and finds by name or exact NIK', async () => {
      const psm = await created(
        'op-a',
        worker(PLACES.villageA, { kind: 'pekerja_sosial_masyarakat', name: 'Endang Lestari' }),
      );
      const lks = await created('op-a', institution(PLACES.villageA, { name: 'LKS Lansia Sejahtera' }));
      const kind = async (k: string) => ids(await get('op-a', `/psks?kind=${k}&limit=200`));
      expect(await kind('pekerja_sosial_masyarakat')).toEqual([psm.id]);
      expect(await kind('lembaga_kesejahteraan_sosial')).toContain(lks.id);
      expect(await kind('lembaga_kesejahteraan_sosial')).not.toContain(psm.id);
      expect(ids(await get('op-a', '/psks?q=ENDANG'))).toEqual([psm.id]);
      expect(ids(await get('op-a', '/psks?q=lansia%20sejahtera'))).toEqual([lks.id]);
      expect(ids(await get('op-a', `/psks?q=${psm.nik}`))).toEqual([psm.id]);
      expect(ids(await get('op-a', '/psks?q=endang&kind=tksk'))).toEqual([]);
      const bad = await get('op-a', '/psks?kind=lanjut_usia_terlantar');
      expect(bad.statusCode).toBe(400);
      expect(bad.json().code).toBe('psks.unknown_kind');
    });

    it('pages by cursor without gaps or repeats', async () => {
      const made: string[] = [];
      for (let i = 0; i < 3; i++) made.push((await created('dinsos', worker(PLACES.villageA2))).id);
      const first = await get('dinsos', `/psks?region=${PLACES.villageA2}&limit=2`);
      expect(ids(first)).toEqual(made.slice(0, 2));
      const second = await get(
        'dinsos',
        `/psks?region=${PLACES.villageA2}&limit=2&cursor=${first.json().nextCursor}`,
      );
      expect(ids(second)).toEqual(made.slice(2));
      expect(second.json().nextCursor).toBeNull();
    });

    it('lists with the total over all pages, sorted by name A–Z or in registration order', () =>
      expectNameSortAndTotals(PLACES.villageA, (name) => worker(PLACES.villageA, { name })));

    it('rejects invalid input with a stable code per field', async () => {
      const cases: [Record<string, unknown>, string, string][] = [
        [{ kind: 'tukang_sapu' }, 'psks.unknown_kind', 'kind'],
        [{ nik: '3307011708790000' }, 'nik.serial_zero', 'nik'],
        [{ nik: '33070117087' }, 'nik.length', 'nik'],
        [{ phone: '+1 415 555 0100' }, 'phone.invalid', 'phone'],
        [{ phone: '0812' }, 'phone.invalid', 'phone'],
        [{ email: 'slamet@' }, 'email.invalid', 'email'],
        [{ regionCode: '33.07.01.2999' }, 'region.not_a_village', 'regionCode'],
        [{ regionCode: '3307' }, 'region.not_a_village', 'regionCode'],
      ];
      for (const [overrides, code, field] of cases) {
        const res = await post('op-a', worker(PLACES.villageA, overrides));
        expect(res.statusCode, JSON.stringify(overrides)).toBe(400);
        expect(res.json().code, JSON.stringify(overrides)).toBe(code);
        expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
      }
      for (const overrides of [{ colour: 'red' }, { name: '' }, { kind: 7 }]) {
        const res = await post('op-a', worker(PLACES.villageA, overrides));
        expect(res.statusCode, JSON.stringify(overrides)).toBe(400);
        expect(res.json().code).toBe('request.invalid');
      }
    });

    it('allows one active record per NIK and kind', async () => {
      const input = worker(PLACES.villageA);
      const first = await created('op-a', input);
      const dup = await post('op-a', { ...input, name: 'Slamet R.' });
      expect(dup.statusCode).toBe(409);
      expect(dup.json()).toMatchObject({ code: 'psks.already_registered', existingId: first.id });
      await created('op-a', { ...input, kind: 'pekerja_sosial_masyarakat' });
      await removal('op-a', first.id, { version: 1, reasonCode: 'voluntary_withdrawal' });
      const again = await created('op-a', input);

      // The database holds the rule too, for two requests racing past the service check.
      const row = await session.t.container.database.db
        .selectFrom('psks')
        .selectAll()
        .where('id', '=', again.id)
        .executeTakeFirstOrThrow();
      await expect(
        session.t.container.database.db
          .insertInto('psks')
          .values({ ...row, id: '01950000-0000-7000-8000-0000000000bb' })
          .execute(),
      ).rejects.toThrow(/unique|duplicate/i);
    });

    it('edits with optimistic concurrency and keeps who, when and why in the history', async () => {
      const w = await created(
        'op-a',
        worker(PLACES.villageA, { name: 'Sri Wahyuni', kind: 'penyuluh_sosial' }),
      );
      const edit = await patch('op-a', w.id, {
        version: 1,
        reason: 'Nomor HP baru',
        phone: '+62 857 1111 2222',
        email: null,
      });
      expect(edit.statusCode, edit.body).toBe(200);
      expect(edit.json()).toMatchObject({
        version: 2,
        phone: '+6285711112222',
        email: null,
        name: 'Sri Wahyuni',
      });

      const stale = await patch('op-a', w.id, { version: 1, reason: 'Ganti alamat', address: 'x' });
      expect(stale.statusCode).toBe(409);
      expect(stale.json()).toMatchObject({ code: 'record.version_conflict', currentVersion: 2 });

      // Becoming an institution needs the NIK cleared in the same change.
      const toInstitution = await patch('op-a', w.id, {
        version: 2,
        reason: 'Salah jenis',
        kind: 'dunia_usaha',
      });
      expect(toInstitution.statusCode).toBe(400);
      expect(toInstitution.json().code).toBe('psks.nik_not_allowed');
      const fixed = await patch('op-a', w.id, {
        version: 2,
        reason: 'Salah jenis',
        kind: 'dunia_usaha',
        nik: null,
        name: 'CV Wahyuni Peduli',
      });
      expect(fixed.statusCode, fixed.body).toBe(200);
      expect(fixed.json()).toMatchObject({ kind: 'dunia_usaha', isInstitution: true, nik: null, version: 3 });

      for (const body of [
        { version: 3, reason: 'pindah', regionCode: PLACES.villageA2 },
        { version: 3, phone: '0812-0000-1111' },
        { version: 3, reason: 'HP', phone: '12345' },
      ]) {
        expect((await patch('op-a', w.id, body)).statusCode, JSON.stringify(body)).toBe(400);
      }

      const hist = await get('op-a', `/psks/${w.id}/history`);
      expect(hist.statusCode, hist.body).toBe(200);
      const items = hist.json().items;
      expect(items.map((i: { version: number }) => i.version)).toEqual([3, 2, 1]);
      expect(items[1]).toMatchObject({
        reason: 'Nomor HP baru',
        changedByName: 'op-a',
        changeType: 'update',
      });
      expect(items[1].changes).toEqual([
        { field: 'email', before: 'Slamet.TKSK@example.co.id', after: null },
        { field: 'phone', before: '+6281234567890', after: '+6285711112222' },
      ]);
      expect(items[0].changes.map((c: { field: string }) => c.field)).toEqual([
        'isInstitution',
        'kind',
        'name',
        'nik',
      ]);
    });

    it('removes with a reason: a status change, listed on request, frozen afterwards', async () => {
      const w = await created('op-a', worker(PLACES.villageA, { name: 'Paijo Pensiun' }));
      expect((await removal('op-a', w.id, { version: 1, reasonCode: 'pensiun' })).json().code).toBe(
        'removal.invalid_reason',
      );
      const res = await removal('op-a', w.id, {
        version: 1,
        reasonCode: 'voluntary_withdrawal',
        note: 'Pensiun',
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({
        status: 'removed',
        removalReason: 'voluntary_withdrawal',
        version: 2,
      });
      expect(ids(await get('op-a', '/psks?q=paijo'))).toEqual([]);
      expect(ids(await get('op-a', '/psks?q=paijo&status=removed'))).toEqual([w.id]);
      expect((await patch('op-a', w.id, { version: 2, reason: 'Koreksi', notes: 'x' })).json().code).toBe(
        'psks.removed',
      );
      expect((await removal('op-a', w.id, { version: 2, reasonCode: 'deceased' })).json().code).toBe(
        'psks.already_removed',
      );
      const history = (await get('op-a', `/psks/${w.id}/history`)).json().items;
      expect(history[0]).toMatchObject({ changeType: 'remove', version: 2 });
      expect(history[0].snapshot).toMatchObject({ status: 'removed', removalNote: 'Pensiun' });
    });

    it('keeps territory: another village sees nothing (404), wider and national roles see it', async () => {
      const w = await created('op-a', institution(PLACES.villageA, { name: 'LKS Territory Probe' }));
      for (const res of [
        await get('op-b', `/psks/${w.id}`),
        await get('op-b', `/psks/${w.id}/history`),
        await patch('op-b', w.id, { version: 1, reason: 'Coba ubah', notes: 'x' }),
        await removal('op-b', w.id, { version: 1, reasonCode: 'moved_out' }),
        await get('dinsos-other', `/psks/${w.id}`),
      ]) {
        expect(res.statusCode, res.body).toBe(404);
        expect(res.json().code).toBe('record.not_found');
      }
      expect(ids(await get('op-b', '/psks?q=territory'))).toEqual([]);
      expect(ids(await get('op-b', `/psks?region=${PLACES.villageA}`))).toEqual([]);
      const outside = await post('op-b', institution(PLACES.villageA));
      expect(outside.statusCode).toBe(400);
      expect(outside.json().code).toBe('territory.outside');
      for (const who of ['camat-a', 'dinsos', 'pusdatin']) {
        expect((await get(who, `/psks/${w.id}`)).statusCode, who).toBe(200);
        expect(ids(await get(who, '/psks?q=territory')), who).toEqual([w.id]);
      }
    });

    it('lets the auditor and the village head read but not write (403)', async () => {
      const w = await created('op-a', worker(PLACES.villageA));
      for (const who of ['auditor', 'kades-a']) {
        expect((await get(who, `/psks/${w.id}`)).statusCode, who).toBe(200);
        for (const res of [
          await post(who, worker(PLACES.villageA)),
          await patch(who, w.id, { version: 1, reason: 'Coba ubah', notes: 'x' }),
          await removal(who, w.id, { version: 1, reasonCode: 'moved_out' }),
        ]) {
          expect(res.statusCode, `${who} ${res.body}`).toBe(403);
          expect(res.json().code).toBe('access.forbidden');
        }
      }
    });

    it('audits every change and every read of personal data', async () => {
      const w = await created('camat-a', worker(PLACES.villageA, { name: 'Audit Worker' }));
      await get('op-a', `/psks/${w.id}`);
      await patch('op-a', w.id, { version: 1, reason: 'Catatan', notes: 'aktif' });
      await get('auditor', `/psks/${w.id}/history`);
      await get('op-a', '/psks?q=audit%20worker');
      await removal('dinsos', w.id, { version: 2, reasonCode: 'moved_out' });
      const entries = (await get('admin', `/audit?entityId=${w.id}`)).json().items.reverse();
      expect(
        entries.map((e: { action: string; actorUsername: string }) => `${e.action}:${e.actorUsername}`),
      ).toEqual([
        'psks.create:camat-a',
        'psks.read:op-a',
        'psks.update:op-a',
        'psks.history:auditor',
        'psks.remove:dinsos',
      ]);
      expect(entries[4].details).toMatchObject({ version: 3, reason: 'Moved out of the region' });
      const lists = await get('admin', '/audit?action=psks.list&limit=200');
      expect(
        lists.json().items.some((e: { details: { ids: string[] } }) => e.details.ids.includes(w.id)),
      ).toBe(true);
    });
  });
}

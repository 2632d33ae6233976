/**
 * Household CSV import and export through TransferService, on every engine: a round trip into a fresh
 * database, idempotent re-runs, a file full of bad rows (every rejected line reported, the good households
 * committed), header problems, warnings, and territory.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Container } from '../../src/container.ts';
import { AppError } from '../../src/domain/errors.ts';
import { type Actor, systemActor } from '../../src/modules/access/actor.ts';
import type { HouseholdCreate } from '../../src/modules/households/households.schemas.ts';
import type { ImportSummary, RejectedLine } from '../../src/modules/transfer/transfer.service.ts';
import { makeHousehold, makeNik } from '../factories/households.ts';
import { CSV_HEADER, householdRows, householdsCsv, line, setCell } from '../factories/households-csv.ts';
import { PLACES, USERS } from '../support/app.ts';
import { ENGINES, openTestDb, type TestDb } from '../support/db.ts';
import { latestAudit, rowCounts } from '../support/db-state.ts';

const system = systemActor('test');
const dinsos = userActor('dinsos');

function userActor(username: string): Actor {
  const u = USERS.find((x) => x.username === username)!;
  return { userId: null, username, role: u.role, regionCode: u.regionCode, ip: null, userAgent: 'vitest' };
}

async function importText(
  c: Container,
  actor: Actor,
  csv: string,
  opts: { acceptWarnings?: boolean; chunkSize?: number; source?: string } = {},
): Promise<ImportSummary & { rows: RejectedLine[] }> {
  const rows: RejectedLine[] = [];
  const bytes = new TextEncoder().encode(csv);
  // Arrive in small pieces, as from a socket, so records straddle chunk boundaries.
  const chunks = Array.from({ length: Math.ceil(bytes.length / 97) }, (_, i) =>
    bytes.slice(i * 97, i * 97 + 97),
  );
  const summary = await c.transfer.importHouseholdsCsv(actor, chunks, {
    acceptWarnings: opts.acceptWarnings ?? false,
    source: opts.source ?? 'test.csv',
    chunkSize: opts.chunkSize,
    onRejected: (r) => rows.push(r),
  });
  return { ...summary, rows };
}

async function exportText(
  c: Container,
  actor: Actor,
  query: { region?: string; status?: 'active' | 'removed' | 'all' },
) {
  const { csv, counts, filename } = await c.transfer.exportHouseholdsCsv(actor, {
    status: 'active',
    ...query,
  });
  let text = '';
  for await (const chunk of csv) text += chunk;
  return { text, counts, filename };
}

/** Households and members as stored, keyed by KK and NIK, without ids, versions and timestamps. */
async function registry(c: Container) {
  const db = c.database.db;
  const households = await db.selectFrom('households').selectAll().orderBy('kkNumber').execute();
  const persons = await db.selectFrom('persons').selectAll().orderBy('nik').execute();
  const kkOf = new Map(households.map((h) => [h.id, h.kkNumber]));
  const strip = <T extends Record<string, unknown>>(r: T) => {
    const {
      id: _id,
      householdId: _h,
      version: _v,
      createdAt: _ca,
      createdBy: _cb,
      updatedAt: _ua,
      updatedBy: _ub,
      ...rest
    } = r;
    return rest;
  };
  return {
    households: households.map(strip),
    persons: persons.map((p) => ({ ...strip(p), kk: kkOf.get(p.householdId) })),
  };
}

const kkLines = (rows: RejectedLine[]) => rows.map((r) => r.line);

for (const engine of ENGINES) {
  describe(`household CSV transfer (${engine})`, () => {
    let src: TestDb;

    beforeAll(async () => {
      src = await openTestDb(engine);
      const c = src.container;
      for (const u of USERS) await c.users.create(system, { ...u, password: 'test-password-123' });
      for (const [n, village] of [
        [1, PLACES.villageA],
        [2, PLACES.villageA],
        [3, PLACES.villageA2],
        [4, PLACES.villageB],
        [5, PLACES.otherVillage],
      ] as const) {
        await c.households.create(
          system,
          makeHousehold(village, n, {
            latitude: -7.3612,
            longitude: 109.9031,
            address: n === 1 ? 'Jl. "Kenanga", Gg. 2' : `Dusun Krajan No. ${n}`,
            hasGas5kg: n % 2 === 0,
            roomCount: n,
          }),
        );
      }
      // An edited member, a removed member and a removed household: what the export shows of each.
      const h1 = (await c.households.list(system, { status: 'active', limit: 50, region: PLACES.villageA }))
        .items[0]!;
      const detail = await c.households.get(system, h1.id);
      const child = detail.members.find((m) => m.relationship === 3)!;
      await c.households.updateMember(system, h1.id, child.id, {
        version: 1,
        reason: 'Lulus SD',
        schoolParticipation: 2,
        highestDiploma: 1,
      });
      const h2 = await c.households.create(system, makeHousehold(PLACES.villageA, 6));
      const spouse = h2.members.find((m) => m.relationship === 2)!;
      await c.households.removeMember(system, h2.id, spouse.id, { version: 1, reasonCode: 'moved_out' });
      const gone = await c.households.create(system, makeHousehold(PLACES.villageA, 7));
      await c.households.remove(system, gone.id, { version: 1, reasonCode: 'moved_out' });
    });
    afterAll(async () => {
      await src.cleanup();
    });

    it('round trip: exported households import into a fresh database unchanged; a re-run adds nothing', async () => {
      const exported = await exportText(src.container, system, {});
      expect(exported.counts).toEqual({ households: 6, persons: 17 });
      expect(exported.filename).toBe('dtks-households-nasional-active.csv');
      expect(exported.text.split('\n')[0]).toBe(
        [
          ...CSV_HEADER,
          'household_id',
          'status',
          'version',
          'removal_reason',
          'updated_at',
          'person_id',
          'person_status',
        ].join(','),
      );
      const audit = (await latestAudit(src.container, 1))[0]!;
      expect(audit.action).toBe('household.export');
      expect(JSON.parse(audit.details)).toMatchObject({ households: 6, persons: 17, complete: true });

      const dst = await openTestDb(engine);
      try {
        const first = await importText(dst.container, system, exported.text, { chunkSize: 4 });
        expect(first.rows).toEqual([]);
        expect(first).toMatchObject({ households: 6, created: 6, unchanged: 0, rejected: 0, lines: 17 });
        const before = await registry(src.container);
        const after = await registry(dst.container);
        const active = <T extends { status: string }>(rows: T[]) => rows.filter((r) => r.status === 'active');
        expect(after.households).toEqual(active(before.households));
        expect(after.persons).toEqual(active(before.persons));

        const counts = await rowCounts(dst.container);
        const again = await importText(dst.container, system, exported.text, { chunkSize: 4 });
        expect(again).toMatchObject({
          households: 6,
          created: 0,
          unchanged: 6,
          rejected: 0,
          rejectedLines: 0,
        });
        const countsAgain = await rowCounts(dst.container);
        expect({ ...countsAgain, auditLog: 0 }).toEqual({ ...counts, auditLog: 0 });
        const imports = await dst.container.database.db
          .selectFrom('auditLog')
          .selectAll()
          .where('action', '=', 'household.import')
          .execute();
        expect(imports).toHaveLength(2); // the first run's two chunks; the re-run created nothing to audit
        expect(JSON.parse(imports[0]!.details)).toMatchObject({ source: 'test.csv', count: 4 });
      } finally {
        await dst.cleanup();
      }
    });

    it('exports removed households and members only when asked, marked as removed', async () => {
      const removed = await exportText(src.container, system, { status: 'removed' });
      const lines = removed.text.trim().split('\n').slice(1);
      expect(removed.counts).toEqual({ households: 1, persons: 3 });
      expect(lines.every((l) => l.includes(',removed,') && l.endsWith(',removed'))).toBe(true);
      const all = await exportText(src.container, system, { status: 'all' });
      expect(all.counts).toEqual({ households: 7, persons: 21 });

      // A file with removed records cannot bring them back.
      const dst = await openTestDb(engine);
      try {
        const r = await importText(dst.container, system, all.text);
        expect(r).toMatchObject({ created: 5, rejected: 2 });
        expect(r.rows.flatMap((x) => x.issues.map((i) => i.code))).toContain('import.removed_record');
        // Every line of the removed household and of the household with a removed member.
        expect(r.rows).toHaveLength(6);
      } finally {
        await dst.cleanup();
      }
    });

    it('reports every line of a bad file with its reason and commits the good households', async () => {
      const dst = await openTestDb(engine);
      try {
        const hh = (n: number, over: Partial<HouseholdCreate> = {}) =>
          makeHousehold(PLACES.villageA, 20 + n, over);
        const rows: string[][] = [CSV_HEADER];
        const at = () => rows.length + 1; // line number of the next row
        const expected = new Map<number, string>(); // line → issue code on that line ('' = rejected with household)
        const good = [hh(1), hh(5), hh(9)];

        rows.push(...householdRows(good[0]!));
        // Bad NIK (day 99) on the second member.
        const badNik = householdRows(hh(2));
        badNik[1] = setCell(
          badNik[1]!,
          'nik',
          `${badNik[1]![CSV_HEADER.indexOf('nik')]!.slice(0, 6)}99${badNik[1]![CSV_HEADER.indexOf('nik')]!.slice(8)}`,
        );
        expected
          .set(at(), '')
          .set(at() + 1, 'nik.invalid_date')
          .set(at() + 2, '');
        rows.push(...badNik);
        // Unknown village.
        expected
          .set(at(), 'region.not_a_village')
          .set(at() + 1, '')
          .set(at() + 2, '');
        rows.push(...householdRows(hh(3, { regionCode: '3307012999' })));
        // Unknown floor material code, repeated on every row as household columns are.
        expected
          .set(at(), 'instrument.invalid_code')
          .set(at() + 1, '')
          .set(at() + 2, '');
        rows.push(...householdRows(hh(4, { floorMaterial: 77 })));
        rows.push(...householdRows(good[1]!));
        // The first household's KK again, after another KK closed it.
        const stray = householdRows(hh(1))[0]!;
        expected.set(at(), 'import.kk_not_contiguous');
        rows.push(setCell(stray, 'nik', makeNik(PLACES.districtA, '1999-09-09', 'M', 77)));
        // A member row with a value missing, and a row with the wrong number format.
        const short = householdRows(hh(6));
        short[1] = short[1]!.slice(0, -1);
        short[2] = setCell(short[2]!, 'room_count', '3.5');
        expected
          .set(at(), '')
          .set(at() + 1, 'csv.field_count')
          .set(at() + 2, 'csv.not_a_whole_number');
        rows.push(...short);
        const texts = rows.map(line);
        // A malformed quote in the address of a household's first row.
        const quoted = householdRows(hh(7)).map(line);
        quoted[0] = quoted[0]!.replace('Dusun Krajan No. 27', '"Dusun "Krajan" No. 27"');
        expected
          .set(texts.length + 1, 'csv.malformed_quote')
          .set(texts.length + 2, '')
          .set(texts.length + 3, '');
        texts.push(...quoted);
        texts.push(...householdRows(good[2]!).map(line));
        const csv = `${texts.join('\r\n')}\r\n`;

        const r = await importText(dst.container, dinsos, csv, { chunkSize: 2 });
        expect(r).toMatchObject({ households: 9, created: 3, unchanged: 0, rejected: 6 });
        expect(r.rejectedLines).toBe(expected.size);
        expect(kkLines(r.rows)).toEqual([...expected.keys()].sort((a, b) => a - b));
        for (const row of r.rows) {
          const want = expected.get(row.line)!;
          const codes = row.issues.map((i) => i.code);
          if (want === '') expect(codes, `line ${row.line}`).toEqual(['import.household_rejected']);
          else expect(codes, `line ${row.line}`).toContain(want);
          for (const i of row.issues) expect(i.message.id && i.message.en).toBeTruthy();
        }
        const nikRow = r.rows.find((x) => x.issues.some((i) => i.code === 'nik.invalid_date'))!;
        expect(nikRow.issues[0]!.field).toBe('nik');
        expect(
          r.rows.find((x) => x.issues.some((i) => i.code === 'instrument.invalid_code'))!.issues[0]!.field,
        ).toBe('floor_material');

        const stored = await registry(dst.container);
        expect(stored.households.map((h) => h.kkNumber).sort()).toEqual(good.map((g) => g.kkNumber).sort());
        expect(stored.persons).toHaveLength(9);

        // Fixing nothing and running again: the good ones are unchanged, the same lines are rejected.
        const again = await importText(dst.container, dinsos, csv, { chunkSize: 3 });
        expect(again).toMatchObject({ created: 0, unchanged: 3, rejected: 6 });
        expect(kkLines(again.rows)).toEqual(kkLines(r.rows));
      } finally {
        await dst.cleanup();
      }
    });

    it('refuses a file whose header has unknown or missing columns, naming them, and imports nothing', async () => {
      const body = householdRows(makeHousehold(PLACES.villageA, 40)).map(line);
      const header = CSV_HEADER.map((h) => (h === 'floor_material' ? 'flor_material' : h)).filter(
        (h) => h !== 'birth_date',
      );
      const before = await rowCounts(src.container);
      const err = await importText(src.container, system, [header.join(','), ...body].join('\n')).catch(
        (e) => e,
      );
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).issues.map((i) => [i.field, i.code])).toEqual([
        ['flor_material', 'csv.unknown_column'],
        ['birth_date', 'csv.missing_column'],
      ]);
      expect((err as AppError).issues[0]!.message.en).toContain('did you mean "floor_material"');
      await expect(importText(src.container, system, '')).rejects.toMatchObject({ code: 'csv.empty' });
      await expect(importText(src.container, system, `"kk_number,nik\n${body[0]}`)).rejects.toMatchObject({
        code: 'csv.header_unreadable',
      });
      expect(await rowCounts(src.container)).toEqual(before);
    });

    it('tolerates a BOM, undotted village codes and optional columns left out', async () => {
      const dst = await openTestDb(engine);
      try {
        const h = makeHousehold(PLACES.villageA, 41, { regionCode: PLACES.villageA.replaceAll('.', '') });
        const keep = [
          'kk_number',
          'region_code',
          'rw',
          'rt',
          'address',
          'nik',
          'name',
          'birth_date',
          'sex',
          'relationship',
        ];
        const idx = keep.map((k) => CSV_HEADER.indexOf(k));
        const rows = householdRows(h).map((r) => idx.map((i) => r[i]!));
        const r = await importText(dst.container, system, `\uFEFF${[keep, ...rows].map(line).join('\n')}`);
        expect(r).toMatchObject({ created: 1, rejected: 0 });
        const stored = await registry(dst.container);
        expect(stored.households[0]).toMatchObject({
          villageCode: PLACES.villageA,
          floorMaterial: null,
          rt: '005',
        });
      } finally {
        await dst.cleanup();
      }
    });

    it('rejects a household with warnings unless they are accepted', async () => {
      const dst = await openTestDb(engine);
      try {
        const h = makeHousehold(PLACES.villageA, 42);
        h.members[2] = { ...h.members[2]!, birthDate: '2010-11-21' }; // NIK says 2010-11-20
        const csv = householdsCsv([h]);
        const r = await importText(dst.container, system, csv);
        expect(r).toMatchObject({ created: 0, rejected: 1, rejectedLines: 3 });
        const warned = r.rows.find((x) => x.issues.some((i) => i.severity === 'warning'))!;
        expect(warned).toMatchObject({ line: 4, kkNumber: h.kkNumber });
        expect(warned.issues[0]).toMatchObject({
          field: 'nik',
          code: 'nik.birth_date_mismatch',
          severity: 'warning',
        });
        const accepted = await importText(dst.container, system, csv, { acceptWarnings: true });
        expect(accepted).toMatchObject({ created: 1, rejected: 0 });
      } finally {
        await dst.cleanup();
      }
    });

    it('applies territory: exports hold only the actor territory; only dinsos_kab and admin import, inside their own', async () => {
      const c = src.container;
      const opA = await exportText(c, userActor('op-a'), {});
      expect(opA.filename).toBe(`dtks-households-${PLACES.villageA}-active.csv`);
      const dataLines = opA.text.trim().split('\n').slice(1);
      expect(dataLines.length).toBeGreaterThan(0);
      expect(dataLines.every((l) => l.split(',')[1] === PLACES.villageA)).toBe(true);

      // Asking for more than the territory gives the territory, and says so.
      const wider = await exportText(c, userActor('op-a'), { region: PLACES.regency });
      expect(wider.filename).toBe(`dtks-households-${PLACES.villageA}-active.csv`);
      expect(wider.text).toBe(opA.text);

      // Another village's operator asking for village A gets the header only, like an empty village.
      const opB = await exportText(c, userActor('op-b'), { region: PLACES.villageA });
      expect(opB.text.trim().split('\n')).toHaveLength(1);
      expect(opB.counts.households).toBe(0);
      const opBAll = await exportText(c, userActor('op-b'), {});
      expect(opBAll.text).not.toContain(PLACES.villageA);

      // Malformed region: a validation error, before anything is streamed.
      await expect(exportText(c, userActor('op-a'), { region: '33.07.x' })).rejects.toMatchObject({
        kind: 'validation',
      });
      // An auditor may read but not export.
      await expect(exportText(c, userActor('auditor'), {})).rejects.toMatchObject({
        code: 'access.forbidden',
      });

      const csv = householdsCsv([makeHousehold(PLACES.villageA, 43), makeHousehold(PLACES.otherVillage, 44)]);
      await expect(importText(c, userActor('op-a'), csv)).rejects.toMatchObject({ code: 'access.forbidden' });
      const r = await importText(c, dinsos, csv);
      expect(r).toMatchObject({ created: 1, rejected: 1 });
      expect(r.rows[0]!.issues[0]).toMatchObject({ field: 'region_code', code: 'territory.outside' });
    });
  });
}

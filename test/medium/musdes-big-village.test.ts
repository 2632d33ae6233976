/**
 * A big village: 5,000 households. Opening generates the prelist awal in pages and batched inserts,
 * the bulk decision is one statement, closing writes the Berita Acara with the whole list, and the
 * prelists print by streaming. Timings are printed; the bounds only catch a pathological regression.
 * Also covers `dtks musdes prelist` (SQLite): the xlsx and the refusal in a process of their own (`runDtks`:
 * argv, exit codes 0 and 2, stderr as a pipe), the PDF with the same command tree inside the test's process
 * (`runDtksInProcess`: the file written is the command's, not the process's).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Actor, systemActor } from '../../src/modules/access/actor.ts';
import type { HouseholdCreate } from '../../src/modules/households/households.schemas.ts';
import { makeHousehold, makeKk, makeNik } from '../factories/households.ts';
import { householdsCsv } from '../factories/households-csv.ts';
import { createUsers, PLACES } from '../support/app.ts';
import { runDtks, runDtksInProcess } from '../support/cli.ts';
import { ENGINES, openTestDb, type TestDb } from '../support/db.ts';
import { pdfText } from '../support/pdf-text.ts';

const HOUSEHOLDS = 5000;

/** makeHousehold serials run out at ~2,900 per birth date; later blocks shift the birth years. */
function bigHousehold(village: string, n: number): HouseholdCreate {
  const block = Math.floor(n / 2000);
  const k = n % 2000;
  const h = makeHousehold(village, k);
  const district = village.split('.').slice(0, 3).join('.');
  return {
    ...h,
    kkNumber: makeKk(district, `2015-03-${String(10 + block).padStart(2, '0')}`, 1 + k),
    rw: String(1 + (n % 7)),
    rt: String(1 + (n % 13)),
    members: h.members.map((m, i) => {
      const birthDate = `${Number(m.birthDate.slice(0, 4)) - block}${m.birthDate.slice(4)}`;
      return {
        ...m,
        birthDate,
        nik: makeNik(district, birthDate, m.sex, 1000 + k * 3 + i),
        name: `${m.name} ${n}`,
      };
    }),
  };
}

for (const engine of ENGINES) {
  describe(`musdes with a big village (${engine})`, () => {
    let t: TestDb;
    let op: Actor;
    let sessionId: string;

    beforeAll(async () => {
      t = await openTestDb(engine, { now: () => new Date('2026-03-26T09:00:00+07:00') });
      await createUsers(t.container);
      const households = Array.from({ length: HOUSEHOLDS }, (_, n) => bigHousehold(PLACES.villageA, n));
      const summary = await t.container.transfer.importHouseholdsCsv(
        systemActor('test'),
        Readable.from([householdsCsv(households)]),
        { acceptWarnings: true, source: 'big.csv', chunkSize: 1000 },
      );
      expect(summary.created).toBe(HOUSEHOLDS);
      const user = (await t.container.users.list(systemActor('test'))).find((u) => u.username === 'op-a')!;
      op = {
        userId: user.id,
        username: user.username,
        role: user.role,
        regionCode: user.regionCode,
        ip: null,
        userAgent: 'test',
      };
    }, 240_000);
    afterAll(async () => {
      await t?.cleanup();
    });

    it('opens, decides in bulk and closes a 5,000-household session', async () => {
      const m = t.container.musdes;
      const s = await m.create(op, {
        villageCode: PLACES.villageA,
        period: '2026-03',
        heldOn: '2026-03-27',
        place: 'Balai Desa',
        participants: [{ name: 'Slamet Riyadi', role: 'kepala_desa' }],
      });
      sessionId = s.id;
      let at = performance.now();
      const opened = await m.open(op, s.id, s.version);
      const openMs = performance.now() - at;
      expect(opened.tally).toMatchObject({ rows: HOUSEHOLDS, existing: HOUSEHOLDS, undecided: HOUSEHOLDS });

      const first = await m.rows(op, s.id, { limit: 3 });
      expect(first.items.map((r) => r.rowNo)).toEqual([1, 2, 3]);
      await m.decide(op, s.id, first.items[0]!.id, { outcome: 'dikeluarkan', note: 'Meninggal dunia' });

      at = performance.now();
      const bulk = await m.decideBulk(op, s.id, {
        outcome: 'tetap',
        filter: { source: 'existing', undecidedOnly: true },
      });
      const bulkMs = performance.now() - at;
      expect(bulk.updated).toBe(HOUSEHOLDS - 1);

      at = performance.now();
      const closed = await m.close(op, s.id, opened.version);
      const closeMs = performance.now() - at;
      expect(closed.counts).toEqual({ perbaikan: 0, dikeluarkan: 1, usulan_baru: 0, tetap: HOUSEHOLDS - 1 });

      at = performance.now();
      const pdf = await buffer((await m.prelist(op, s.id, 'akhir', 'pdf')).stream);
      const pdfMs = performance.now() - at;
      at = performance.now();
      const xlsx = await buffer((await m.prelist(op, s.id, 'akhir', 'xlsx')).stream);
      const xlsxMs = performance.now() - at;
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(pdfText(pdf)).toContain(`${HOUSEHOLDS}`);
      expect([...xlsx.subarray(0, 2)]).toEqual([0x50, 0x4b]);

      console.log(
        `[${engine}] ${HOUSEHOLDS} households: open ${Math.round(openMs)} ms, bulk tetap ${Math.round(bulkMs)} ms, close + Berita Acara ${Math.round(closeMs)} ms, prelist PDF ${Math.round(pdfMs)} ms (${Math.round(pdf.length / 1024)} KiB), xlsx ${Math.round(xlsxMs)} ms (${Math.round(xlsx.length / 1024)} KiB)`,
      );
      // Timings are printed for the record; speed targets belong in bench/, not in pass/fail tests.
    }, 180_000);

    // The CLI spawns a process on the SQLite file; the command itself is engine-independent.
    if (engine === 'sqlite')
      it('dtks musdes prelist writes the file, and refuses another village with --as', async () => {
        const out = resolve(t.url, '..', 'prelist.xlsx');
        const run = (...args: string[]) =>
          runDtks(['musdes', 'prelist', ...args], { url: t.url, timeoutMs: 120_000 });
        const ok = await run(
          '--village',
          '3307012001',
          '--period',
          '2026-03',
          '--stage',
          'akhir',
          '--format',
          'xlsx',
          '--out',
          out,
          '--as',
          'kades-a',
        );
        expect(ok.code, ok.stderr).toBe(0);
        expect(ok.stderr).toContain(`${HOUSEHOLDS} rows written`);
        expect([...readFileSync(out).subarray(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
        const pdfOut = resolve(t.url, '..', 'prelist.pdf');
        const pdf = await runDtksInProcess(
          ['musdes', 'prelist', '--village', PLACES.villageA, '--period', '2026-03', '--out', pdfOut],
          { url: t.url },
        );
        expect(pdf.code, pdf.stderr).toBe(0);
        expect(readFileSync(pdfOut).subarray(0, 5).toString()).toBe('%PDF-');
        const other = await run(
          '--village',
          PLACES.villageA,
          '--period',
          '2026-03',
          '--out',
          out,
          '--as',
          'op-b',
        );
        expect(other.code).toBe(2);
        expect(other.stderr).toContain('record.not_found');
        expect(sessionId).toBeTruthy();
      }, 120_000);
  });
}

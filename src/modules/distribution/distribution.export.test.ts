/**
 * The batch files streamed page by page: the CSV is byte for byte what the whole-batch writer produced (the
 * expected text below was written by it, before the export streamed), wherever the pages split; a page is
 * taken only when the consumer has the previous one's bytes, and a consumer that goes away stops the
 * reading; the Excel file fails with the count's refusal when the batch grows past the limit as it is
 * written. (Audit per page and the Excel cells: test/http/distribution.test.ts.)
 */
import type { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readXlsx, rowValues } from '../../../test/support/xlsx.ts';
import { AppError } from '../../domain/errors.ts';
import { batchCsv, batchXlsx } from './distribution.export.ts';
import type { BatchView, RecordView } from './distribution.service.ts';

const BATCH: BatchView = {
  id: '0190f000-0000-7000-8000-0000000000b1',
  period: '2026-04',
  programme: 'BPNT',
  programmeName: { id: 'Bantuan Pangan Non Tunai', en: 'Non-cash food assistance' },
  regencyCode: '33.07',
  form: 'cash',
  tranches: 2,
  packagesPerKpm: 0,
  packageValue: 0,
  state: 'sent',
  records: 3,
  amount: 600_006,
  counts: { sent: 2, returned: 1, resent: 0, cleaned: 0 },
  createdAt: '2026-04-01T00:00:00.000Z',
  sentAt: '2026-04-01T00:00:00.000Z',
  acceptedAt: null,
};

function record(i: number, o: Partial<RecordView> = {}): RecordView {
  return {
    householdId: `0190f000-0000-7000-8000-${i.toString(16).padStart(12, '0')}`,
    villageCode: '33.07.01.2001',
    kkNumber: `330701010190000${i}`,
    headName: `Kepala ${i}`,
    address: `Jl. Mawar ${i}`,
    rt: '001',
    rw: '002',
    amount: 200_000 + i,
    state: 'sent',
    reasonCode: null,
    version: 1,
    pointId: null,
    ...o,
  };
}

const RECORDS = [
  record(1),
  record(2, {
    headName: '=HYPERLINK("x")',
    address: 'Jl. Melati, Gg. "Buntu"\nBlok 3',
    state: 'returned',
    reasonCode: 'RT_RW_MISSING',
    version: 2,
  }),
  record(3, { headName: 'Siti; Aminah', address: '-', rt: '', rw: '' }),
];

/** What `batchCsv(batch, allRecords)` wrote for RECORDS before the export streamed. */
const WHOLE_BATCH_CSV =
  'household_id,programme,period,village_code,kk_number,head_name,address,rt,rw,amount,state,reason_code,version\n' +
  '0190f000-0000-7000-8000-000000000001,BPNT,2026-04,33.07.01.2001,3307010101900001,Kepala 1,Jl. Mawar 1,001,002,200001,sent,,1\n' +
  '0190f000-0000-7000-8000-000000000002,BPNT,2026-04,33.07.01.2001,3307010101900002,"\'=HYPERLINK(""x"")","Jl. Melati, Gg. ""Buntu""\nBlok 3",001,002,200002,returned,RT_RW_MISSING,2\n' +
  "0190f000-0000-7000-8000-000000000003,BPNT,2026-04,33.07.01.2001,3307010101900003,Siti; Aminah,'-,,,200003,sent,,1\n";

async function* pagesOf(...pages: RecordView[][]): AsyncGenerator<RecordView[]> {
  yield* pages;
}

async function bytes(stream: Readable): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

async function text(stream: Readable): Promise<string> {
  let out = '';
  for await (const chunk of stream) out += chunk.toString();
  return out;
}

describe('batch CSV, streamed', () => {
  it('writes the same bytes as the whole-batch writer, however the pages split', async () => {
    expect(await text(batchCsv(BATCH, pagesOf(RECORDS)))).toBe(WHOLE_BATCH_CSV);
    expect(await text(batchCsv(BATCH, pagesOf(RECORDS.slice(0, 2), [], RECORDS.slice(2))))).toBe(
      WHOLE_BATCH_CSV,
    );
    expect(await text(batchCsv(BATCH, pagesOf(...RECORDS.map((r) => [r]))))).toBe(WHOLE_BATCH_CSV);
    // No records: the header alone, as before.
    expect(await text(batchCsv(BATCH, pagesOf()))).toBe(`${WHOLE_BATCH_CSV.split('\n')[0]}\n`);
  });

  it('takes a page only when the consumer has the last one, and stops reading when the consumer goes away', async () => {
    // Ten pages of 200 records; the consumer reads four of them, slowly.
    const PAGES = 10;
    const PER_PAGE = 200;
    const ids = (p: number) =>
      Array.from({ length: PER_PAGE }, (_, i) => record(p * PER_PAGE + i + 1).householdId);
    let received = '';
    const receivedWhenTaken: boolean[] = [];
    let taken = 0;
    let closed = false;
    async function* pages(): AsyncGenerator<RecordView[]> {
      try {
        for (let p = 0; p < PAGES; p++) {
          // Everything of the page before the previous one has reached the consumer.
          if (p >= 2) receivedWhenTaken.push(received.includes(ids(p - 2).at(-1)!));
          taken += 1;
          yield Array.from({ length: PER_PAGE }, (_, i) => record(p * PER_PAGE + i + 1));
        }
      } finally {
        closed = true;
      }
    }
    const stream = batchCsv(BATCH, pages());
    await new Promise((done) => setImmediate(done));
    expect(taken).toBe(0); // nothing read before anyone asks

    const reading = stream[Symbol.asyncIterator]();
    while (!received.includes(ids(3).at(-1)!)) {
      const chunk = await reading.next();
      if (chunk.done) throw new Error('the CSV ended before its fourth page');
      received += String(chunk.value);
      // A slow consumer (a network write): whatever the stream reads ahead, it reads meanwhile.
      await new Promise((done) => setTimeout(done, 5));
    }
    expect(receivedWhenTaken.every(Boolean)).toBe(true);
    // The consumer has four pages: at most the next one has been read ahead.
    expect(taken).toBeGreaterThanOrEqual(4);
    expect(taken).toBeLessThanOrEqual(5);
    const takenWhenGone = taken;

    await reading.return?.();
    await new Promise((done) => setImmediate(done));
    expect(stream.destroyed).toBe(true);
    expect(closed).toBe(true);
    expect(taken).toBe(takenWhenGone);
  });
});

describe('batch Excel', () => {
  it('shows names and addresses as typed: its cells are text, never formulas, so nothing is prefixed', async () => {
    // The CSV's apostrophe keeps a spreadsheet from reading `=…` as a formula; an Excel inline string is
    // text already, where an apostrophe would be shown as part of the name ("'-" for an address "-").
    const wb = readXlsx(await bytes(batchXlsx(BATCH, pagesOf(RECORDS))));
    expect(rowValues(wb, 5).slice(5, 7)).toEqual(['=HYPERLINK("x")', 'Jl. Melati, Gg. "Buntu"\nBlok 3']);
    expect(rowValues(wb, 6).slice(5, 7)).toEqual(['Siti; Aminah', '-']);
    expect(rowValues(wb, 4)).toEqual([
      RECORDS[0]!.householdId,
      'BPNT',
      '2026-04',
      '33.07.01.2001',
      '3307010101900001',
      'Kepala 1',
      'Jl. Mawar 1',
      '001',
      '002',
      200_001,
      'sent',
      '',
      1,
    ]);
  });

  it('fails with distribution.xlsx_too_many when the batch passes the limit while written', async () => {
    const failure = await bytes(batchXlsx(BATCH, pagesOf(RECORDS.slice(0, 2), RECORDS.slice(2)), 2)).catch(
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(AppError);
    expect((failure as AppError).issues).toEqual([
      expect.objectContaining({ field: 'format', code: 'distribution.xlsx_too_many' }),
    ]);
    // At the limit the file is written.
    expect((await bytes(batchXlsx(BATCH, pagesOf(RECORDS), 3))).length).toBeGreaterThan(0);
  });
});

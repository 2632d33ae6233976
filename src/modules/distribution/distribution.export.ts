/**
 * A batch for the partner as files (CSV, Excel; both streamed page by page) and reconciliation as CSV and PDF:
 * only the partner's fields.
 */
import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import type { Figures } from '../../domain/distribution/reconciliation.ts';
import { type AppError, issue, validationError } from '../../domain/errors.ts';
import { rupiah } from '../../domain/group-digits.ts';
import { escapeFormula } from '../../lib/csv-formula.ts';
import { PdfBuilder, type PdfColumn } from '../../lib/pdf.ts';
import { type Cell, headRowCount, SHEET_MAX_ROWS, xlsxStream } from '../../lib/xlsx-stream.ts';
import type { BatchView, ReconciliationView, RecordView } from './distribution.service.ts';

const HEADER = [
  'household_id',
  'programme',
  'period',
  'village_code',
  'kk_number',
  'head_name',
  'address',
  'rt',
  'rw',
  'amount',
  'state',
  'reason_code',
  'version',
];

/** A record's line of the batch file, as typed (the CSV escapes what a spreadsheet would run: `csvLine`). */
function line(b: BatchView, r: RecordView): string[] {
  return [
    r.householdId,
    b.programme,
    b.period,
    r.villageCode,
    r.kkNumber,
    r.headName,
    r.address,
    r.rt,
    r.rw,
    String(r.amount),
    r.state,
    r.reasonCode ?? '',
    String(r.version),
  ];
}

/** Columns of free text (the head's name, the address), escaped in the CSV (src/lib/csv-formula.ts). */
const FREE_TEXT = new Set([HEADER.indexOf('head_name'), HEADER.indexOf('address')]);

function csvLine(b: BatchView, r: RecordView): string[] {
  return line(b, r).map((v, i) => (FREE_TEXT.has(i) ? escapeFormula(v) : v));
}

/**
 * The batch as CSV, streamed: the header, then the lines of one page at a time. `Readable.from` holds one
 * chunk ahead (high-water mark 1), so a page is taken from `pages` only when the consumer has taken the last
 * one's text: each page's audit runs before its rows leave, and a consumer that goes away stops the reading.
 */
export function batchCsv(b: BatchView, pages: AsyncIterable<readonly RecordView[]>): Readable {
  return Readable.from(batchCsvChunks(b, pages));
}

async function* batchCsvChunks(
  b: BatchView,
  pages: AsyncIterable<readonly RecordView[]>,
): AsyncGenerator<string> {
  yield stringify([HEADER]);
  for await (const page of pages) if (page.length) yield stringify(page.map((r) => csvLine(b, r)));
}

const XLSX_WIDTHS = [38, 10, 8, 16, 20, 30, 40, 5, 5, 14, 10, 18, 8];

/** The most records one Excel sheet holds below its title line, empty row and header. */
export const XLSX_MAX_RECORDS = SHEET_MAX_ROWS - headRowCount({ title: ['KPM'] });

/** The refusal of an Excel file of more records than `max` (one sheet's worth). */
export function xlsxTooMany(records: number, max = XLSX_MAX_RECORDS): AppError {
  return validationError([issue('format', 'distribution.xlsx_too_many', { records, max })]);
}

async function* batchSheetPages(
  b: BatchView,
  pages: AsyncIterable<readonly RecordView[]>,
): AsyncGenerator<Cell[][]> {
  for await (const page of pages) {
    yield page.map((r) =>
      // Amount and version as numbers; the rest (the KK number above all) as text.
      line(b, r).map((v, i) => (i === 9 || i === 12 ? Number(v) : v)),
    );
  }
}

/**
 * The batch as an .xlsx workbook (one sheet), streamed: the sheet's XML is written a page at a time, the next
 * page taken when the consumer has the last one's bytes. The batch is counted and refused before it is read
 * when too big; should it pass `max` as it is written, the stream fails with the same refusal rather than
 * end as a file with records missing.
 */
export function batchXlsx(
  b: BatchView,
  pages: AsyncIterable<readonly RecordView[]>,
  max = XLSX_MAX_RECORDS,
): Readable {
  return xlsxStream(
    {
      sheet: 'KPM',
      title: [`KPM ${b.programme} ${b.period} ${b.regencyCode}`],
      columns: HEADER.map((header, i) => ({ header, width: XLSX_WIDTHS[i]! })),
      limit: { rows: max, error: (rows) => xlsxTooMany(rows, max) },
    },
    batchSheetPages(b, pages),
  );
}

const FIGURE_HEADER = [
  'code',
  'name',
  'allocated',
  'delivered',
  'returned',
  'outstanding',
  'amount_allocated',
  'amount_delivered',
  'amount_returned',
  'amount_outstanding',
  'packages_allocated',
  'packages_delivered',
  'packages_returned',
  'packages_outstanding',
];

function figureLine(code: string, name: string, f: Figures): string[] {
  return [
    code,
    escapeFormula(name),
    ...[f.allocated, f.delivered, f.returned, f.outstanding].map(String),
    ...[f.amounts, f.packages].flatMap((x) =>
      [x.allocated, x.delivered, x.returned, x.outstanding].map(String),
    ),
  ];
}

/** The reconciliation as CSV: one line per child region (or point), then the region's total. */
export function reconciliationCsv(v: ReconciliationView): string {
  return stringify([
    FIGURE_HEADER,
    ...v.children.map((c) => figureLine(c.code, c.name ?? '', c)),
    figureLine(v.region || 'ID', v.regionName ?? 'Total', v),
  ]);
}

/** The reconciliation as a PDF (landscape table: children, then the total). */
export async function reconciliationPdf(v: ReconciliationView): Promise<Buffer> {
  const pdf = new PdfBuilder({
    title: `Rekonsiliasi penyaluran ${v.regionName ?? 'Nasional'} ${v.period}`,
    landscape: true,
    footer: `Rekonsiliasi penyaluran · ${v.region || 'Nasional'} · periode ${v.period}`,
  });
  pdf.title([
    'REKONSILIASI PENYALURAN BANTUAN SOSIAL',
    `${v.regionName ?? 'Nasional'} · periode ${v.period}`,
  ]);
  const columns: PdfColumn[] = [
    { header: 'Kode', width: 2 },
    { header: 'Wilayah / titik salur', width: 4 },
    { header: 'Dialokasikan', width: 2, align: 'right' },
    { header: 'Tersalur', width: 2, align: 'right' },
    { header: 'Dikembalikan', width: 2, align: 'right' },
    { header: 'Belum tersalur', width: 2, align: 'right' },
    { header: 'Nilai dialokasikan', width: 3, align: 'right' },
    { header: 'Nilai tersalur', width: 3, align: 'right' },
    { header: 'Nilai belum tersalur', width: 3, align: 'right' },
  ];
  const row = (code: string, name: string, f: Figures) => [
    code,
    name,
    String(f.allocated),
    String(f.delivered),
    String(f.returned),
    String(f.outstanding),
    rupiah(f.amounts.allocated, 'id'),
    rupiah(f.amounts.delivered, 'id'),
    rupiah(f.amounts.outstanding, 'id'),
  ];
  await pdf.table(columns, [
    ...v.children.map((c) => row(c.code, c.name ?? '-', c)),
    row(v.region || 'ID', `Jumlah ${v.regionName ?? 'nasional'}`, v),
  ]);
  return pdf.toBuffer();
}

/** A batch for the partner as files (CSV, Excel) and reconciliation as CSV: only the partner's fields. */
import type { Readable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import type { Figures } from '../../domain/distribution/reconciliation.ts';
import { PdfBuilder, type PdfColumn } from '../../lib/pdf.ts';
import { type Cell, xlsxStream } from '../../lib/xlsx-stream.ts';
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

/** Spreadsheet formula prefixes are escaped with an apostrophe, as the household export does. */
const FORMULA_START = /^[=+\-@\t\r]/;
function safe(v: string): string {
  return FORMULA_START.test(v) ? `'${v}` : v;
}

function line(b: BatchView, r: RecordView): string[] {
  return [
    r.householdId,
    b.programme,
    b.period,
    r.villageCode,
    r.kkNumber,
    safe(r.headName),
    safe(r.address),
    r.rt,
    r.rw,
    String(r.amount),
    r.state,
    r.reasonCode ?? '',
    String(r.version),
  ];
}

export function batchCsv(b: BatchView, rows: readonly RecordView[]): string {
  return stringify([HEADER, ...rows.map((r) => line(b, r))]);
}

const XLSX_WIDTHS = [38, 10, 8, 16, 20, 30, 40, 5, 5, 14, 10, 18, 8];
/** Records per page handed to the sheet writer. */
const XLSX_PAGE = 5000;

async function* batchSheetPages(b: BatchView, rows: readonly RecordView[]): AsyncGenerator<Cell[][]> {
  for (let at = 0; at < rows.length; at += XLSX_PAGE) {
    yield rows.slice(at, at + XLSX_PAGE).map((r) =>
      // Amount and version as numbers; the rest (the KK number above all) as text.
      line(b, r).map((v, i) => (i === 9 || i === 12 ? Number(v) : v)),
    );
  }
}

/** The batch as an .xlsx workbook (one sheet), streamed: the sheet's XML is written a page at a time. */
export function batchXlsx(b: BatchView, rows: readonly RecordView[]): Readable {
  return xlsxStream(
    {
      sheet: 'KPM',
      title: [`KPM ${b.programme} ${b.period} ${b.regencyCode}`],
      columns: HEADER.map((header, i) => ({ header, width: XLSX_WIDTHS[i]! })),
    },
    batchSheetPages(b, rows),
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
    safe(name),
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

const rupiah = (n: number) => `Rp${n.toLocaleString('id-ID')}`;

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
    rupiah(f.amounts.allocated),
    rupiah(f.amounts.delivered),
    rupiah(f.amounts.outstanding),
  ];
  await pdf.table(columns, [
    ...v.children.map((c) => row(c.code, c.name ?? '-', c)),
    row(v.region || 'ID', `Jumlah ${v.regionName ?? 'nasional'}`, v),
  ]);
  return pdf.toBuffer();
}

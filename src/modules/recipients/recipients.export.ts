/** Approved recipients as files: CSV (one header line, UTF-8) and Excel (.xlsx, one sheet). */
import type { Readable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import writeXlsxFile, { type Row } from 'write-excel-file/node';

export interface ExportRow {
  householdId: string;
  kkNumber: string;
  regionCode: string;
  headName: string;
  decile: number | null;
  amount: number;
  components: { code: string; count: number }[];
}

const HEADER = ['household_id', 'kk_number', 'region_code', 'head_name', 'decile', 'amount', 'components'];

/** Spreadsheet formula prefixes are escaped with an apostrophe, as the household export does. */
const FORMULA_START = /^[=+\-@\t\r]/;
function safe(v: string): string {
  return FORMULA_START.test(v) ? `'${v}` : v;
}

function componentsText(c: ExportRow['components']): string {
  return c.map((x) => `${x.code}x${x.count}`).join(' ');
}

function csvLines(rows: readonly ExportRow[]): string {
  return stringify(
    rows.map((r) => [
      r.householdId,
      r.kkNumber,
      r.regionCode,
      safe(r.headName),
      r.decile ?? '',
      String(r.amount),
      componentsText(r.components),
    ]),
  );
}

/** The CSV as text chunks, the header first and then one chunk per page: a list of any size, streamed. */
export async function* recipientsCsvChunks(
  pages: AsyncIterable<readonly ExportRow[]>,
): AsyncGenerator<string> {
  yield stringify([HEADER]);
  for await (const page of pages) yield csvLines(page);
}

export async function recipientsXlsx(title: string, rows: readonly ExportRow[]): Promise<Readable> {
  const bold = { fontWeight: 'bold' as const };
  const data: Row[] = [
    [{ value: title, ...bold }],
    [],
    HEADER.map((h) => ({ value: h, ...bold, backgroundColor: '#E8E8E8' })),
    ...rows.map((r) => [
      { value: r.householdId, type: String },
      // Text: a 16-digit KK number loses digits as a spreadsheet number.
      { value: r.kkNumber, type: String },
      { value: r.regionCode, type: String },
      { value: r.headName, type: String },
      r.decile === null ? null : { value: r.decile, type: Number },
      { value: r.amount, type: Number },
      { value: componentsText(r.components), type: String },
    ]),
  ];
  const file = writeXlsxFile(data, {
    sheet: 'KPM',
    columns: [
      { width: 38 },
      { width: 20 },
      { width: 16 },
      { width: 30 },
      { width: 6 },
      { width: 14 },
      { width: 30 },
    ],
    stickyRowsCount: 3,
  });
  return (file.toStream as () => Promise<Readable>)();
}

/** Approved recipients as files: CSV (one header line, UTF-8) and Excel (.xlsx, one sheet). */
import type { Readable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import { type AppError, issue, validationError } from '../../domain/errors.ts';
import { escapeFormula } from '../../lib/csv-formula.ts';
import { type Cell, headRowCount, SHEET_MAX_ROWS, xlsxStream } from '../../lib/xlsx-stream.ts';

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

function componentsText(c: ExportRow['components']): string {
  return c.map((x) => `${x.code}x${x.count}`).join(' ');
}

function csvLines(rows: readonly ExportRow[]): string {
  return stringify(
    rows.map((r) => [
      r.householdId,
      r.kkNumber,
      r.regionCode,
      escapeFormula(r.headName),
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

const XLSX_COLUMNS = HEADER.map((header, i) => ({ header, width: [38, 20, 16, 30, 6, 14, 30][i]! }));

/** The most recipients one Excel sheet holds below its title line, empty row and header. */
export const XLSX_MAX_RECIPIENTS = SHEET_MAX_ROWS - headRowCount({ title: ['KPM'] });

/** The refusal of an Excel file of more recipients than `max` (one sheet's worth). */
export function xlsxTooMany(households: number, max = XLSX_MAX_RECIPIENTS): AppError {
  return validationError([issue('format', 'recipients.xlsx_too_many', { households, max })]);
}

/**
 * The Excel file, streamed: the title, an empty row and the header frozen on top, then one row per recipient
 * taken page by page (the next page is read when the previous one's bytes have left). The list is counted
 * and refused before it is read when too long; should it pass `max` as it is written (recipients approved
 * since), the stream fails with the same refusal rather than end as a file with recipients missing.
 */
export function recipientsXlsx(
  title: string,
  pages: AsyncIterable<readonly ExportRow[]>,
  max = XLSX_MAX_RECIPIENTS,
): Readable {
  return xlsxStream(
    {
      sheet: 'KPM',
      title: [title],
      columns: XLSX_COLUMNS,
      limit: { rows: max, error: (rows) => xlsxTooMany(rows, max) },
    },
    xlsxPages(pages),
  );
}

async function* xlsxPages(pages: AsyncIterable<readonly ExportRow[]>): AsyncGenerator<Cell[][]> {
  for await (const page of pages) {
    yield page.map((r) => [
      r.householdId,
      // Text: a 16-digit KK number loses digits as a spreadsheet number.
      r.kkNumber,
      r.regionCode,
      r.headName,
      r.decile,
      r.amount,
      componentsText(r.components),
    ]);
  }
}

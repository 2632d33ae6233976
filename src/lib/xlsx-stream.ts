/**
 * A one-sheet Excel workbook (.xlsx) written as a stream: the sheet's rows are turned into XML and deflated a
 * page at a time (fflate's streaming Zip), and the next page is read only when the consumer has taken the
 * bytes of the last one, so memory stays flat whatever the number of rows. What the exports need and no
 * more: title lines, a header row (bold, grey, thin border), column widths, the rows above the data frozen,
 * text as inline strings and numbers as numbers.
 */
import { Readable } from 'node:stream';
import { strToU8, Zip, ZipDeflate } from 'fflate';

/** A cell: text (always kept as text, e.g. a 16-digit KK number), a number, or empty. */
export type Cell = string | number | null;

export interface SheetColumn {
  header: string;
  /** Width in characters. */
  width: number;
}

export interface SheetOptions {
  /** The sheet's name (what Excel forbids in one is replaced; at most 31 characters). */
  sheet: string;
  /** Lines above the header, the first one bold, followed by an empty row. */
  title?: readonly string[];
  columns: readonly SheetColumn[];
  /**
   * The most data rows (below the head rows; at most, and by default, what the sheet holds) and the error
   * the stream fails with, before any row of the page that would pass them is written: a list that grew
   * after it was counted never ends as a complete file with rows missing (its zip is never closed).
   */
  limit?: { rows: number; error: (rows: number) => Error };
}

/** Rows of a sheet, the header and title rows included (Excel's limit). */
export const SHEET_MAX_ROWS = 1_048_576;

/** The rows above the data (title lines, the empty row after them, the header): frozen. */
export function headRowCount(o: Pick<SheetOptions, 'title'>): number {
  const title = o.title?.length ?? 0;
  return title ? title + 2 : 1;
}
/** Characters of a cell (Excel's limit; longer text makes Excel "repair" the file). */
const CELL_MAX_CHARS = 32_767;
const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** Style indexes of styles.xml's cellXfs. */
const STYLE = { plain: 0, bold: 1, header: 2 } as const;

/** Characters XML 1.0 does not allow (control characters, lone surrogates, U+FFFE/U+FFFF). */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const XML_SPECIAL = /[&<>"']/g;
const ENTITY: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/**
 * The underscore of text that Excel would read as its own character escape `_xHHHH_` (ECMA-376 ST_Xstring:
 * `_x0041_` shows as "A"): written `_x005F_`, the escaped underscore, so the text shows as it was typed.
 */
const EXCEL_ESCAPE = /_(?=x[0-9A-Fa-f]{4}_)/g;

/** Text as XML character data: escaped, with what XML cannot carry removed. */
export function xmlText(s: string): string {
  return s.replace(NOT_XML, '').replace(XML_SPECIAL, (c) => ENTITY[c]!);
}

/** A column's letters: 0 → A, 25 → Z, 26 → AA. */
export function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  }
  return name;
}

function cellXml(ref: string, value: Cell, style: number): string {
  const s = style ? ` s="${style}"` : '';
  if (value === null) return style ? `<c r="${ref}"${s}/>` : '';
  if (typeof value === 'number') {
    // Excel has no NaN or infinity: such a value is left empty rather than making the file unreadable.
    return Number.isFinite(value) ? `<c r="${ref}"${s}><v>${value}</v></c>` : '';
  }
  // Escaped once what XML cannot carry is gone (its removal could join an `_x0041_`).
  const text = xmlText(value.length > CELL_MAX_CHARS ? value.slice(0, CELL_MAX_CHARS) : value).replace(
    EXCEL_ESCAPE,
    '_x005F_',
  );
  // Leading or trailing spaces and line breaks survive only with xml:space="preserve".
  const t = /^\s|\s$/.test(text) ? '<t xml:space="preserve">' : '<t>';
  return `<c r="${ref}"${s} t="inlineStr"><is>${t}${text}</t></is></c>`;
}

/** Builds the XML of rows, numbered from 1 in the order written; columns' letters are computed once. */
class RowWriter {
  #letters: string[] = [];
  next = 1;

  row(cells: readonly Cell[], style: number = STYLE.plain): string {
    const r = this.next++;
    let xml = `<row r="${r}">`;
    for (let i = 0; i < cells.length; i++) {
      this.#letters[i] ??= columnName(i);
      xml += cellXml(`${this.#letters[i]}${r}`, cells[i] ?? null, style);
    }
    return `${xml}</row>`;
  }
}

/** Excel refuses a sheet name with []:*?/\ , longer than 31 characters or empty. */
function sheetName(name: string): string {
  const clean = name
    .replace(/[[\]:*?/\\]/g, ' ')
    .trim()
    .slice(0, 31);
  return clean || 'Sheet1';
}

function sheetHead(o: SheetOptions, frozenRows: number): string {
  const top = `A${frozenRows + 1}`;
  const pane = frozenRows
    ? `<pane ySplit="${frozenRows}" topLeftCell="${top}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="${top}" sqref="${top}"/>`
    : '';
  const cols = o.columns
    .map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${c.width}" customWidth="1"/>`)
    .join('');
  return (
    `${XML_HEAD}<worksheet xmlns="${NS}" xmlns:r="${REL_NS}">` +
    `<sheetViews><sheetView workbookViewId="0">${pane}</sheetView></sheetViews>` +
    `<sheetFormatPr defaultRowHeight="15"/>${cols ? `<cols>${cols}</cols>` : ''}<sheetData>`
  );
}

const SHEET_TAIL = '</sheetData></worksheet>';

function packageFiles(o: SheetOptions): [string, string][] {
  const type = (t: string) => `application/vnd.openxmlformats-officedocument.spreadsheetml.${t}+xml`;
  return [
    [
      '[Content_Types].xml',
      `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        `<Override PartName="/xl/workbook.xml" ContentType="${type('sheet.main')}"/>` +
        `<Override PartName="/xl/worksheets/sheet1.xml" ContentType="${type('worksheet')}"/>` +
        `<Override PartName="/xl/styles.xml" ContentType="${type('styles')}"/>` +
        '</Types>',
    ],
    [
      '_rels/.rels',
      `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}">` +
        `<Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/>` +
        '</Relationships>',
    ],
    [
      'xl/workbook.xml',
      `${XML_HEAD}<workbook xmlns="${NS}" xmlns:r="${REL_NS}">` +
        `<sheets><sheet name="${xmlText(sheetName(o.sheet))}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ],
    [
      'xl/_rels/workbook.xml.rels',
      `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}">` +
        `<Relationship Id="rId1" Type="${REL_NS}/worksheet" Target="worksheets/sheet1.xml"/>` +
        `<Relationship Id="rId2" Type="${REL_NS}/styles" Target="styles.xml"/>` +
        '</Relationships>',
    ],
    [
      'xl/styles.xml',
      // cellXfs in the order of STYLE: plain, bold, header (bold on grey with a thin border).
      `${XML_HEAD}<styleSheet xmlns="${NS}">` +
        '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>' +
        '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
        '<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>' +
        '<fill><patternFill patternType="solid"><fgColor rgb="FFE8E8E8"/><bgColor indexed="64"/></patternFill></fill></fills>' +
        '<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>' +
        '<border><left style="thin"><color auto="1"/></left><right style="thin"><color auto="1"/></right>' +
        '<top style="thin"><color auto="1"/></top><bottom style="thin"><color auto="1"/></bottom><diagonal/></border></borders>' +
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
        '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
        '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>' +
        '<xf numFmtId="0" fontId="1" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1"/></cellXfs>' +
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
        '</styleSheet>',
    ],
  ];
}

/**
 * The workbook's bytes, the sheet's rows taken a page at a time from `pages`. The title lines, an empty row
 * and the header come first and stay frozen above the data. A page is read only when the stream is asked
 * for more (back-pressure); whatever audits a page as it is read therefore runs before its rows leave. A
 * failing page, or more rows than a sheet holds (`limit`), destroys the stream with the error.
 */
export function xlsxStream(o: SheetOptions, pages: AsyncIterable<readonly (readonly Cell[])[]>): Readable {
  return Readable.from(zipChunks(o, pages), { objectMode: false });
}

async function* zipChunks(
  o: SheetOptions,
  pages: AsyncIterable<readonly (readonly Cell[])[]>,
): AsyncGenerator<Uint8Array> {
  let out: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((err, chunk) => {
    if (err) failure = err;
    else out.push(chunk);
  });
  /** What the zip produced since the last call, as one chunk (or null when nothing). */
  const take = (): Uint8Array | null => {
    if (failure) throw failure;
    if (!out.length) return null;
    const chunk = out.length === 1 ? out[0]! : Buffer.concat(out);
    out = [];
    return chunk;
  };
  // Every entry deflated: some zip readers (Java's ZipInputStream) refuse a stored entry written, as a
  // streamed one is, with its sizes after the data.
  for (const [name, xml] of packageFiles(o)) {
    const file = new ZipDeflate(name, { level: 6 });
    zip.add(file);
    file.push(strToU8(xml), true);
  }
  const sheet = new ZipDeflate('xl/worksheets/sheet1.xml', { level: 6 });
  zip.add(sheet);
  zip.end();

  const rows = new RowWriter();
  const title = o.title ?? [];
  let head = '';
  title.forEach((line, i) => {
    head += rows.row([line], i === 0 ? STYLE.bold : STYLE.plain);
  });
  if (title.length) head += rows.row([]);
  head += rows.row(
    o.columns.map((c) => c.header),
    STYLE.header,
  );
  sheet.push(strToU8(sheetHead(o, headRowCount(o)) + head));
  const first = take();
  if (first) yield first;

  const sheetRows = SHEET_MAX_ROWS - headRowCount(o);
  const max = Math.min(o.limit?.rows ?? sheetRows, sheetRows);
  let written = 0;
  for await (const page of pages) {
    written += page.length;
    if (written > max) {
      throw o.limit?.error(written) ?? new Error(`an Excel sheet holds at most ${SHEET_MAX_ROWS} rows`);
    }
    let xml = '';
    for (const cells of page) xml += rows.row(cells);
    if (!xml) continue;
    sheet.push(strToU8(xml));
    const chunk = take();
    if (chunk) yield chunk;
  }
  sheet.push(strToU8(SHEET_TAIL), true);
  const last = take();
  if (last) yield last;
}

import { buffer } from 'node:stream/consumers';
import { setImmediate as tick } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { readXlsx, rowValues } from '../../test/support/xlsx.ts';
import {
  type Cell,
  columnName,
  headRowCount,
  type SheetOptions,
  xlsxStream,
  xmlText,
} from './xlsx-stream.ts';

const SHEET: SheetOptions = {
  sheet: 'KPM',
  title: ['KPM PKH 2026-04'],
  columns: [
    { header: 'household_id', width: 38 },
    { header: 'kk_number', width: 20 },
    { header: 'amount', width: 14 },
  ],
};

async function* pagesOf(...pages: Cell[][][]): AsyncGenerator<Cell[][]> {
  for (const p of pages) yield p;
}

const write = async (o: SheetOptions, pages: AsyncIterable<Cell[][]>) =>
  readXlsx(await buffer(xlsxStream(o, pages)));

describe('xlsxStream', () => {
  it('writes the package of a one-sheet workbook with its name, styles and relationships', async () => {
    const wb = await write({ ...SHEET, sheet: 'Prelist [akhir]: a/b?' }, pagesOf());
    expect(Object.keys(wb.files).sort()).toEqual([
      '[Content_Types].xml',
      '_rels/.rels',
      'xl/_rels/workbook.xml.rels',
      'xl/styles.xml',
      'xl/workbook.xml',
      'xl/worksheets/sheet1.xml',
    ]);
    expect(wb.files['[Content_Types].xml']).toContain(
      '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>',
    );
    expect(wb.files['_rels/.rels']).toContain('Target="xl/workbook.xml"');
    expect(wb.files['xl/_rels/workbook.xml.rels']).toContain('Target="worksheets/sheet1.xml"');
    expect(wb.files['xl/_rels/workbook.xml.rels']).toContain('Target="styles.xml"');
    // Characters Excel forbids in a sheet name are replaced.
    expect(wb.files['xl/workbook.xml']).toContain(
      '<sheet name="Prelist  akhir   a b" sheetId="1" r:id="rId1"/>',
    );
    expect(wb.files['xl/styles.xml']).toContain('<font><b/>');
    expect(wb.files['xl/styles.xml']).toContain('<fgColor rgb="FFE8E8E8"/>');
    expect(wb.files['xl/styles.xml']).toContain('<cellXfs count="3">');
  });

  it('puts the title, an empty row and the header (bold on grey) above the data, frozen, with column widths', async () => {
    const wb = await write(SHEET, pagesOf([['a', '3307010101000001', 750000]]));
    expect(rowValues(wb, 1)).toEqual(['KPM PKH 2026-04']);
    expect(wb.rows.get(1)![0]!.style).toBe(1);
    expect(rowValues(wb, 2)).toEqual([]);
    expect(rowValues(wb, 3)).toEqual(['household_id', 'kk_number', 'amount']);
    expect(wb.rows.get(3)!.map((c) => c.style)).toEqual([2, 2, 2]);
    expect(wb.rows.get(4)!.map((c) => c.style)).toEqual([0, 0, 0]);
    expect(wb.sheet).toContain('<pane ySplit="3" topLeftCell="A4" activePane="bottomLeft" state="frozen"/>');
    expect(wb.sheet).toContain(
      '<cols><col min="1" max="1" width="38" customWidth="1"/><col min="2" max="2" width="20" customWidth="1"/><col min="3" max="3" width="14" customWidth="1"/></cols>',
    );
    // Two title lines: the second plain, four rows frozen.
    const two = await write({ ...SHEET, title: ['Judul', 'Kecamatan X'] }, pagesOf());
    expect(rowValues(two, 2)).toEqual(['Kecamatan X']);
    expect(two.rows.get(2)![0]!.style).toBe(0);
    expect(rowValues(two, 4)).toEqual(['household_id', 'kk_number', 'amount']);
    expect(two.sheet).toContain('<pane ySplit="4" topLeftCell="A5"');
    expect(headRowCount({ title: ['a', 'b'] })).toBe(4);
    // No title: only the header, frozen.
    const bare = await write({ sheet: 'x', columns: SHEET.columns }, pagesOf([['a', 'b', 1]]));
    expect(rowValues(bare, 1)).toEqual(['household_id', 'kk_number', 'amount']);
    expect(rowValues(bare, 2)).toEqual(['a', 'b', 1]);
    expect(bare.sheet).toContain('<pane ySplit="1" topLeftCell="A2"');
  });

  it('writes text as inline strings (a 16-digit KK number stays text), numbers as numbers, nothing for empty cells', async () => {
    const wb = await write(
      SHEET,
      pagesOf([
        ['3307010101000001', '0012', 1_250_000],
        [null, 'x', 0.5],
        ['y', null, -3],
        ['nan', 'inf', Number.NaN],
      ]),
    );
    expect(wb.rows.get(4)).toEqual([
      { ref: 'A4', type: 's', value: '3307010101000001', style: 0 },
      { ref: 'B4', type: 's', value: '0012', style: 0 },
      { ref: 'C4', type: 'n', value: 1_250_000, style: 0 },
    ]);
    expect(wb.rows.get(5)!.map((c) => [c.ref, c.type, c.value])).toEqual([
      ['B5', 's', 'x'],
      ['C5', 'n', 0.5],
    ]);
    expect(wb.rows.get(6)!.map((c) => [c.ref, c.value])).toEqual([
      ['A6', 'y'],
      ['C6', -3],
    ]);
    // Excel has no NaN: the cell is left empty rather than the file made unreadable.
    expect(wb.rows.get(7)!.map((c) => c.ref)).toEqual(['A7', 'B7']);
  });

  it('escapes <&"\' and removes characters XML cannot carry, keeping tabs, line breaks and emoji', async () => {
    const nasty = `<a href="x">Tom & Jerry's</a>`;
    const control = `A\u0000B\u0001C\u000BD\u001FE\uFFFEF\uD800G`;
    const kept = ' Siti\tNur\r\nhaliza 😀 ';
    const wb = await write(
      SHEET,
      pagesOf([
        [nasty, control, null],
        [kept, '=1+2', null],
      ]),
    );
    expect(wb.sheet).toContain('&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&apos;s&lt;/a&gt;');
    expect(rowValues(wb, 4)).toEqual([nasty, 'ABCDEFG']);
    // Leading and trailing white space survive (xml:space="preserve"); a formula-like text stays text.
    expect(rowValues(wb, 5)).toEqual([kept, '=1+2']);
    expect(wb.sheet).toContain('<t xml:space="preserve"> Siti');
    expect(wb.sheet).not.toContain('<f>');
    expect(xmlText('a\u0008b\u{1F600}\uDFFF')).toBe('ab\u{1F600}');
  });

  it('keeps text that looks like Excel’s _xHHHH_ character escape as written', async () => {
    // Excel reads `_x0041_` in a cell as "A" and `_x000D_` as a carriage return: such text, in a name or a
    // note typed by someone, would show altered unless its underscore is escaped (`_x005F_`).
    const texts = ['Budi_x0041_', '_x000D_', 'a_x005F_b', '_x12_', 'A_B', '__x0020__'];
    const wb = await write(SHEET, pagesOf([texts.slice(0, 3), texts.slice(3)]));
    expect([...rowValues(wb, 4), ...rowValues(wb, 5)]).toEqual(texts);
    expect(wb.sheet).toContain('<t>Budi_x005F_x0041_</t>');
    // Text without such a pattern is written unchanged.
    expect(wb.sheet).toContain('<t>A_B</t>');
    // Nor does one appear where a character XML cannot carry is removed.
    const joined = await write(SHEET, pagesOf([['_\u0000x0041_']]));
    expect(rowValues(joined, 4)).toEqual(['_x0041_']);
  });

  it('names columns past Z as Excel does', () => {
    expect([0, 25, 26, 27, 51, 52, 701, 702].map(columnName)).toEqual([
      'A',
      'Z',
      'AA',
      'AB',
      'AZ',
      'BA',
      'ZZ',
      'AAA',
    ]);
  });

  it('writes every row of many pages, in order', async () => {
    const PAGES = 40;
    const SIZE = 1000;
    async function* many(): AsyncGenerator<Cell[][]> {
      for (let p = 0; p < PAGES; p++) {
        yield Array.from({ length: SIZE }, (_, i) => {
          const n = p * SIZE + i;
          return [`hh-${n}`, `33070101010${String(n).padStart(5, '0')}`, n];
        });
      }
    }
    const wb = await write(SHEET, many());
    expect(wb.rows.size).toBe(3 + PAGES * SIZE);
    for (let n = 0; n < PAGES * SIZE; n++) {
      const cells = wb.rows.get(4 + n)!;
      if (cells[0]!.value !== `hh-${n}` || cells[2]!.value !== n) {
        throw new Error(`row ${4 + n}: ${JSON.stringify(cells)}`);
      }
    }
    expect(rowValues(wb, 3 + PAGES * SIZE)).toEqual([
      `hh-${PAGES * SIZE - 1}`,
      `3307010101039999`,
      PAGES * SIZE - 1,
    ]);
  });

  it('reads the next page only when the consumer has taken the bytes of the previous ones', async () => {
    let read = 0;
    let closed = false;
    async function* pages(): AsyncGenerator<Cell[][]> {
      try {
        for (let p = 0; p < 100; p++) {
          read++;
          // Random text compresses badly, so each page is well over the stream's 64 KiB buffer.
          yield Array.from({ length: 2000 }, () => [crypto.randomUUID(), crypto.randomUUID(), p]);
        }
      } finally {
        closed = true;
      }
    }
    const stream = xlsxStream(SHEET, pages());
    const first = await new Promise<Buffer>((resolve) => stream.once('data', resolve));
    stream.pause();
    expect([...first.subarray(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
    for (let i = 0; i < 20; i++) await tick();
    const paused = read;
    expect(paused).toBeLessThan(10);
    for (let i = 0; i < 20; i++) await tick();
    expect(read).toBe(paused);
    // A consumer that goes away ends the page source too (an export's reads stop).
    stream.destroy();
    await new Promise((resolve) => stream.once('close', resolve));
    for (let i = 0; i < 5; i++) await tick();
    expect(closed).toBe(true);
    expect(read).toBe(paused);
  });

  it('fails with the limit’s error before writing a page that would pass it, and never closes the file', async () => {
    const limit = { rows: 3, error: (rows: number) => new Error(`too many: ${rows}`) };
    const chunks: Buffer[] = [];
    const stream = xlsxStream(
      { ...SHEET, limit },
      pagesOf(
        [['a', 'b', 1]],
        [['c', 'd', 2]],
        [
          ['e', 'f', 3],
          ['g', 'h', 4],
        ],
      ),
    );
    stream.on('data', (c: Buffer) => chunks.push(c));
    await expect(
      new Promise((resolve, reject) => stream.on('end', resolve).on('error', reject)),
    ).rejects.toThrow('too many: 4');
    const bytes = Buffer.concat(chunks);
    // No end of central directory: what was sent is not a workbook any reader opens.
    expect(bytes.includes(Buffer.from([0x50, 0x4b, 0x05, 0x06]))).toBe(false);
    // Up to the limit, the whole file.
    const full = await write(
      { ...SHEET, limit },
      pagesOf(
        [['a', 'b', 1]],
        [
          ['c', 'd', 2],
          ['e', 'f', 3],
        ],
      ),
    );
    expect(rowValues(full, headRowCount(SHEET) + 3)).toEqual(['e', 'f', 3]);
  });

  it('fails the stream when a page fails', async () => {
    async function* failing(): AsyncGenerator<Cell[][]> {
      yield [['a', 'b', 1]];
      throw new Error('database gone');
    }
    await expect(buffer(xlsxStream(SHEET, failing()))).rejects.toThrow('database gone');
  });
});

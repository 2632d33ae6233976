import { describe, expect, it } from 'vitest';
import { type CsvRecord, readCsvRecords, salvageFields } from './csv-records.ts';

async function read(input: string | string[], opts = {}): Promise<CsvRecord[]> {
  const chunks = (Array.isArray(input) ? input : [input]).map((s) => new TextEncoder().encode(s));
  const out: CsvRecord[] = [];
  for await (const r of readCsvRecords(chunks, opts)) out.push(r);
  return out;
}

const summary = (rs: CsvRecord[]) =>
  rs.map((r) => (r.fields ? [r.line, r.fields.join('|')] : [r.line, `ERR ${r.error.code}`]));

describe('readCsvRecords', () => {
  it('reads records with their line numbers, skipping a BOM, CRLF and blank lines', async () => {
    const rs = await read('\uFEFFa,b\r\n1,"x,y"\r\n\r\n2,"say ""hi"""\r\n');
    expect(summary(rs)).toEqual([
      [1, 'a|b'],
      [2, '1|x,y'],
      [4, '2|say "hi"'],
    ]);
  });

  it('keeps a quoted line break inside one record and numbers the next record after it', async () => {
    const rs = await read('a,b\n1,"two\nlines"\n3,c');
    expect(summary(rs)).toEqual([
      [1, 'a|b'],
      [2, '1|two\nlines'],
      [4, '3|c'],
    ]);
    expect(rs[1]!.endLine).toBe(3);
  });

  it('reports each malformed line and reads every line after it', async () => {
    const input = [
      'a,b,c',
      '1,2,3',
      '7,"bad"q,9', // closing quote followed by a character
      '10,11,12',
      '13,ba"d,15', // quote inside an unquoted value; its odd count pairs with line 7's quote
      '16,17,18',
      '19,"open,21',
      '22,23,24',
    ].join('\n');
    const rs = await read(input, { maxRecordLines: 3 });
    expect(summary(rs)).toEqual([
      [1, 'a|b|c'],
      [2, '1|2|3'],
      [3, 'ERR csv.malformed_quote'],
      [4, '10|11|12'],
      [5, 'ERR csv.malformed_quote'],
      [6, '16|17|18'],
      [7, 'ERR csv.unclosed_quote'],
      [8, '22|23|24'],
    ]);
  });

  it('reports a quote still open at the end of the input and reads the lines after it', async () => {
    expect(summary(await read('a,b\n1,"open\n2,3\n4,5'))).toEqual([
      [1, 'a|b'],
      [2, 'ERR csv.unclosed_quote'],
      [3, '2|3'],
      [4, '4|5'],
    ]);
  });

  it('handles records split across chunks, including a multi-byte character', async () => {
    const bytes = new TextEncoder().encode('a,b\nKec. Kertek,Sé\n1,2\n');
    const chunks = [bytes.slice(0, 7), bytes.slice(7, 20), bytes.slice(20)];
    const out: CsvRecord[] = [];
    for await (const r of readCsvRecords(chunks)) out.push(r);
    expect(summary(out)).toEqual([
      [1, 'a|b'],
      [2, 'Kec. Kertek|Sé'],
      [3, '1|2'],
    ]);
  });

  it('reports a line that is far too long and goes on', async () => {
    const rs = await read(['a,b\n', 'x'.repeat(50), 'y'.repeat(50), '\n1,2\n'], { maxLineChars: 60 });
    expect(summary(rs)).toEqual([
      [1, 'a|b'],
      [2, 'ERR csv.line_too_long'],
      [3, '1|2'],
    ]);
  });

  it('marks invalid UTF-8 with the replacement character', async () => {
    const out: CsvRecord[] = [];
    for await (const r of readCsvRecords([Uint8Array.from([0x61, 0x2c, 0xe9, 0x0a])])) out.push(r);
    expect(out[0]!.fields).toEqual(['a', '\uFFFD']);
  });

  it('reads the same records whatever the batch size', async () => {
    const input = `h1,h2\n${Array.from({ length: 40 }, (_, i) => (i === 17 ? '1,"x"y' : `${i},"v${i}"`)).join('\n')}`;
    const a = summary(await read(input, { batchSize: 1 }));
    const b = summary(await read(input, { batchSize: 7 }));
    expect(b).toEqual(a);
    expect(a).toHaveLength(41);
    expect(a[18]).toEqual([19, 'ERR csv.malformed_quote']);
  });
});

describe('salvageFields', () => {
  it('reads the fields of a malformed record leniently', () => {
    expect(salvageFields('3307011503150001,"bad"q,9')[0]).toBe('3307011503150001');
  });
});

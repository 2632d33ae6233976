/**
 * Reads back a workbook the exports wrote (src/lib/xlsx-stream.ts): its files, and sheet1's rows as cells
 * with their types, parsed from the XML — enough to check what a spreadsheet program would show.
 */
import { strFromU8, unzipSync } from 'fflate';

export interface ReadCell {
  ref: string;
  /** `s`: an inline string, `n`: a number. */
  type: 's' | 'n';
  value: string | number;
  style: number;
}

export interface ReadWorkbook {
  files: Record<string, string>;
  sheet: string;
  /** Row number → its cells in order (empty cells absent). */
  rows: Map<number, ReadCell[]>;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
/**
 * A cell's text as Excel shows it: XML entities, then `_xHHHH_`, which Excel reads as the character HHHH
 * (ECMA-376's ST_Xstring; `_x005F_` is the underscore, so a literal `_x0041_` is written `_x005F_x0041_`).
 */
const decode = (s: string) =>
  s
    .replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => ENTITIES[e]!)
    .replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));

export function readXlsx(bytes: Uint8Array): ReadWorkbook {
  const files = Object.fromEntries(Object.entries(unzipSync(bytes)).map(([k, v]) => [k, strFromU8(v)]));
  const sheet = files['xl/worksheets/sheet1.xml'];
  if (sheet === undefined) throw new Error('no xl/worksheets/sheet1.xml');
  const rows = new Map<number, ReadCell[]>();
  for (const [, r, body] of sheet.matchAll(/<row r="(\d+)">(.*?)<\/row>/gs)) {
    const cells: ReadCell[] = [];
    for (const [, ref, s, t, inner] of body!.matchAll(
      /<c r="([A-Z]+\d+)"(?: s="(\d+)")?(?: t="(\w+)")?(?:\/>|>(.*?)<\/c>)/gs,
    )) {
      const style = Number(s ?? 0);
      if (inner === undefined) continue;
      if (t === 'inlineStr') {
        const text = /<is><t(?: xml:space="preserve")?>(.*?)<\/t><\/is>/s.exec(inner);
        if (!text) throw new Error(`inline string without text: ${inner}`);
        cells.push({ ref: ref!, type: 's', value: decode(text[1]!), style });
      } else if (t === undefined || t === 'n') {
        const v = /^<v>(.*)<\/v>$/s.exec(inner);
        if (!v) throw new Error(`number without value: ${inner}`);
        cells.push({ ref: ref!, type: 'n', value: Number(v[1]), style });
      } else throw new Error(`unexpected cell type ${t}`);
    }
    rows.set(Number(r), cells);
  }
  return { files, sheet, rows };
}

/** A row's values in order (empty cells absent). */
export function rowValues(wb: ReadWorkbook, r: number): (string | number)[] {
  return (wb.rows.get(r) ?? []).map((c) => c.value);
}

/** The cell at a reference (`B4`), or undefined when empty. */
export function cellAt(wb: ReadWorkbook, ref: string): ReadCell | undefined {
  const row = Number(/\d+$/.exec(ref)?.[0]);
  return wb.rows.get(row)?.find((c) => c.ref === ref);
}

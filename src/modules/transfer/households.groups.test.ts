import { describe, expect, it } from 'vitest';
import { readCsvRecords } from '../../lib/csv-records.ts';
import { readHeader } from './households.csv.ts';
import { type HouseholdGroup, householdGroups } from './households.groups.ts';
import { KkLineIndex } from './kk-index.ts';

const COLUMNS = 'kk_number,region_code,rw,rt,address,nik,name,birth_date,sex,relationship';
const row = (kk: string, n: number) =>
  `${kk},33.07.01.2001,2,5,Dusun Krajan,33070115018000${String(n).padStart(2, '0')},Anggota ${n},1980-01-15,M,${n === 1 ? 1 : 3}`;

async function groups(lines: string[]): Promise<HouseholdGroup[]> {
  const records = readCsvRecords([`${[COLUMNS, ...lines].join('\n')}\n`]);
  const first = await records.next();
  const header = readHeader(first.value!.fields!);
  const out: HouseholdGroup[] = [];
  for await (const g of householdGroups(records, header, new KkLineIndex())) out.push(g);
  return out;
}

const A = '3307011003150001';
const B = '3307011003150002';
const C = '3307011003150003';

const view = (gs: HouseholdGroup[]) =>
  gs.map((g) => ({
    kk: g.kk,
    lines: g.lines,
    rows: g.rows.length,
    issues: g.issues.map((i) => [i.line, i.issue.code]),
  }));

describe('householdGroups', () => {
  it('groups contiguous rows by KK and refuses a KK that comes back', async () => {
    expect(view(await groups([row(A, 1), row(A, 2), row(B, 1), row(A, 3)]))).toEqual([
      { kk: A, lines: [2, 3], rows: 2, issues: [] },
      { kk: B, lines: [4], rows: 1, issues: [] },
      { kk: A, lines: [5], rows: 1, issues: [[5, 'import.kk_not_contiguous']] },
    ]);
  });

  it('puts an unreadable row whose KK can be made out into its own household', async () => {
    const broken = row(B, 2).replace('Dusun Krajan', '"Dusun "Krajan" No"');
    expect(view(await groups([row(A, 1), row(B, 1), broken, row(C, 1)]))).toEqual([
      { kk: A, lines: [2], rows: 1, issues: [] },
      { kk: B, lines: [3, 4], rows: 1, issues: [[4, 'csv.malformed_quote']] },
      { kk: C, lines: [5], rows: 1, issues: [] },
    ]);
  });

  it('rejects the households on both sides of a row whose KK cannot be made out', async () => {
    expect(view(await groups([row(A, 1), 'a"b', row(B, 1), row(C, 1)]))).toEqual([
      { kk: A, lines: [2, 3], rows: 1, issues: [[3, 'csv.unclosed_quote']] },
      { kk: B, lines: [4], rows: 1, issues: [[4, 'import.unreadable_neighbour']] },
      { kk: C, lines: [5], rows: 1, issues: [] },
    ]);
    // Followed by more rows of the same household, the unreadable row (here: values missing, the first of
    // them no KK number) belongs to that household alone.
    expect(view(await groups([row(A, 1), 'x,y', row(A, 2), row(B, 1)]))).toEqual([
      { kk: A, lines: [2, 3, 4], rows: 2, issues: [[3, 'csv.field_count']] },
      { kk: B, lines: [5], rows: 1, issues: [] },
    ]);
  });
});

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Kysely } from 'kysely';
import type { DbEngine } from '../../db/dialect.ts';
import type { RegionTable } from '../../db/schema/index.ts';

const require = createRequire(import.meta.url);

/** Folder holding idn-area-data's CSV files (Kemendagri codes; data ODbL, code MIT). */
export function regionDataDir(): string {
  return join(dirname(require.resolve('idn-area-data/package.json')), 'data');
}

/** Tiny CSV reader for the package's well-formed files: quoted fields may contain commas. */
function readCsv(file: string): string[][] {
  const text = readFileSync(join(regionDataDir(), file), 'utf8');
  const rows: string[][] = [];
  for (const line of text.split(/\r?\n/).slice(1)) {
    if (!line) continue;
    const cells: string[] = [];
    const re = /("([^"]|"")*"|[^,]*)(,|$)/g;
    let m: RegExpExecArray | null = re.exec(line);
    while (m && m.index < line.length) {
      const cell = m[1] ?? '';
      cells.push(cell.startsWith('"') ? cell.slice(1, -1).replace(/""/g, '"') : cell);
      m = re.exec(line);
    }
    rows.push(cells);
  }
  return rows;
}

/** Abbreviations in province and regency names, kept in capitals (DKI Jakarta, DI Yogyakarta). */
const ACRONYMS = new Set(['DKI', 'DI']);

/** The earlier casing, which made "Dki Jakarta" of DKI JAKARTA: names loaded with it are corrected (074). */
export function plainTitleCase(name: string): string {
  return name.toLowerCase().replace(/(^|[\s(/-])(\p{L})/gu, (_, p: string, c: string) => p + c.toUpperCase());
}

/** A name of the package (in capitals) as it is written: each word capitalised, abbreviations kept. */
export function titleCase(name: string): string {
  return plainTitleCase(name)
    .split(' ')
    .map((w) => (ACRONYMS.has(w.toUpperCase()) ? w.toUpperCase() : w))
    .join(' ');
}

export function readRegions(): RegionTable[] {
  const out: RegionTable[] = [];
  for (const [code, name] of readCsv('provinces.csv')) {
    out.push({ code: code!, name: titleCase(name!), level: 1, parentCode: null, provinceCode: code! });
  }
  for (const [code, parent, name] of readCsv('regencies.csv')) {
    out.push({
      code: code!,
      name: titleCase(name!),
      level: 2,
      parentCode: parent!,
      provinceCode: code!.slice(0, 2),
    });
  }
  for (const [code, parent, name] of readCsv('districts.csv')) {
    out.push({ code: code!, name: name!, level: 3, parentCode: parent!, provinceCode: code!.slice(0, 2) });
  }
  for (const [code, parent, name] of readCsv('villages.csv')) {
    out.push({ code: code!, name: name!, level: 4, parentCode: parent!, provinceCode: code!.slice(0, 2) });
  }
  return out;
}

// biome-ignore lint/suspicious/noExplicitAny: runs inside a migration, which sees the schema as it was then
export async function loadRegions(db: Kysely<any>, engine: DbEngine): Promise<number> {
  const regions = readRegions();
  const batch = Math.floor(engine.maxParams / 5);
  for (let i = 0; i < regions.length; i += batch) {
    const rows = regions.slice(i, i + batch).map((r) => ({
      code: r.code,
      name: r.name,
      level: r.level,
      parent_code: r.parentCode,
      province_code: r.provinceCode,
    }));
    await db.insertInto('regions').values(rows).execute();
  }
  return regions.length;
}

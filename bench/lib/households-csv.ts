/** The household CSV files the import benchmarks read (bench/transfer.ts, bench/jobs.ts). */
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import { createContainer } from '../../src/container.ts';
import { createDb } from '../../src/db/dialect.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import {
  HOUSEHOLD_COLUMNS,
  IMPORT_COLUMNS,
  MEMBER_COLUMNS,
} from '../../src/modules/transfer/households.csv.ts';

/** N households of 4 members, unique KK numbers and NIKs, rows generated as they are written. */
export async function writeHouseholdsCsv(file: string, n: number): Promise<void> {
  const database = createDb(':memory:');
  await migrateToLatest(database);
  const c = createContainer(database);
  const regency = await c.regions.get('33.07');
  const villages: string[] = [];
  for (const d of regency.children)
    villages.push(...(await c.regions.get(d.code)).children.map((v) => v.code));
  await c.close();
  const nik = (district: string, birth: Date, female: boolean, serial: number) =>
    `${district.replaceAll('.', '')}${String(birth.getUTCDate() + (female ? 40 : 0)).padStart(2, '0')}${String(birth.getUTCMonth() + 1).padStart(2, '0')}${String(birth.getUTCFullYear()).slice(2)}${String(serial).padStart(4, '0')}`;
  const day = 86_400_000;
  function* rows(): Generator<string[]> {
    yield [...IMPORT_COLUMNS];
    for (let i = 0; i < n; i++) {
      const village = villages[i % villages.length]!;
      const district = village.split('.').slice(0, 3).join('.');
      // Dates and serials vary with i so every KK and NIK is unique.
      const serial = 1 + Math.floor(i / 3000);
      const shift = (i % 3000) * day;
      const recorded = new Date(Date.UTC(2010, 0, 1) + shift);
      const household: Record<string, unknown> = {
        kkNumber: nik(district, recorded, false, serial),
        regionCode: village,
        rw: String(1 + (i % 9)),
        rt: String(1 + (i % 15)),
        address: `Dusun Krajan No. ${i % 200}, "Gang ${i % 7}"`,
        latitude: -7.3,
        longitude: 109.9,
        floorAreaM2: 30 + (i % 50),
        floorMaterial: 1 + (i % 9),
        wallMaterial: 1 + (i % 4),
        electricityPower: 1 + (i % 5),
        cookingFuel: 1 + (i % 8),
        hasMotorcycle: i % 2 === 0,
        hasRefrigerator: i % 3 === 0,
        goatCount: i % 4,
      };
      const members = [
        {
          relationship: 1,
          sex: 'M',
          base: Date.UTC(1970, 0, 1),
          maritalStatus: 2,
          name: `Budi Santoso ${i}`,
        },
        { relationship: 2, sex: 'F', base: Date.UTC(1975, 0, 1), maritalStatus: 2, name: `Siti Aminah ${i}` },
        { relationship: 3, sex: 'M', base: Date.UTC(2000, 0, 1), maritalStatus: 1, name: `Adi Nugroho ${i}` },
        {
          relationship: 3,
          sex: 'F',
          base: Date.UTC(2004, 0, 1),
          maritalStatus: 1,
          name: `Dewi Lestari ${i}`,
        },
      ].map((m) => {
        const birth = new Date(m.base + shift);
        return {
          nik: nik(district, birth, m.sex === 'F', serial),
          name: m.name,
          birthPlace: 'Wonosobo',
          birthDate: birth.toISOString().slice(0, 10),
          sex: m.sex,
          relationship: m.relationship,
          maritalStatus: m.maritalStatus,
        } as Record<string, unknown>;
      });
      const cell = (v: unknown) =>
        v === undefined || v === null ? '' : typeof v === 'boolean' ? (v ? '1' : '0') : String(v);
      const hh = HOUSEHOLD_COLUMNS.map((col) => cell(household[col.key]));
      for (const m of members) yield [...hh, ...MEMBER_COLUMNS.map((col) => cell(m[col.key]))];
    }
  }
  await pipeline(Readable.from(rows()), stringify(), createWriteStream(file));
}

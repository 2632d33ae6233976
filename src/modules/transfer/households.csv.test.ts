import { describe, expect, it } from 'vitest';
import {
  csvRowsOf,
  EXPORT_COLUMNS,
  householdFromCsvRows,
  IMPORT_COLUMNS,
  readHeader,
  readRow,
} from './households.csv.ts';

describe('household CSV columns', () => {
  it('are the documented, stable list (docs/csv-format.md): change both together', () => {
    expect(EXPORT_COLUMNS).toEqual([
      'kk_number',
      'region_code',
      'rw',
      'rt',
      'address',
      'latitude',
      'longitude',
      'building_tenure',
      'land_tenure',
      'floor_material',
      'wall_material',
      'wall_condition',
      'roof_material',
      'roof_condition',
      'drinking_water_source',
      'lighting_source',
      'electricity_power',
      'cooking_fuel',
      'toilet_facility',
      'toilet_type',
      'sewage_disposal',
      'floor_area_m2',
      'room_count',
      'land_area_m2',
      'cattle_count',
      'buffalo_count',
      'horse_count',
      'pig_count',
      'goat_count',
      'has_gas5kg',
      'has_refrigerator',
      'has_air_conditioner',
      'has_water_heater',
      'has_landline',
      'has_television',
      'has_gold_savings',
      'has_laptop',
      'has_bicycle',
      'has_motorcycle',
      'has_car',
      'has_boat',
      'has_outboard_motor',
      'has_motorboat',
      'has_ship',
      'owns_land',
      'owns_other_house',
      'runs_business',
      'meals_per_day',
      'meat_milk_per_week',
      'new_clothes_per_year',
      'can_pay_clinic',
      'head_income_below_line',
      'has_savings500k',
      'kks_number',
      'nik',
      'name',
      'birth_place',
      'birth_date',
      'sex',
      'relationship',
      'pregnant',
      'marital_status',
      'disability',
      'chronic_illness',
      'school_participation',
      'education_level',
      'highest_diploma',
      'occupation_sector',
      'job_status',
      'employer_type',
      'monthly_income',
      'household_id',
      'status',
      'version',
      'removal_reason',
      'updated_at',
      'person_id',
      'person_status',
    ]);
  });
});

const header = readHeader([...IMPORT_COLUMNS]);
const at = (name: string) => IMPORT_COLUMNS.indexOf(name);

function row(values: Record<string, string>): string[] {
  const base: Record<string, string> = {
    kk_number: '3307011003150002',
    region_code: '33.07.01.2001',
    rw: '2',
    rt: '5',
    address: 'Dusun Krajan',
    nik: '3307011501800001',
    name: 'Budi',
    birth_date: '1980-01-15',
    sex: 'M',
    relationship: '1',
    ...values,
  };
  return IMPORT_COLUMNS.map((c) => base[c] ?? '');
}

describe('readRow', () => {
  it('turns cells into values: codes and counts, 0/1 flags, dot decimals, empty as null', () => {
    const r = readRow(
      row({ floor_material: '09', has_car: '0', has_laptop: '1', latitude: '-7.3612', sex: 'f' }),
      header,
      2,
    );
    expect(r.issues).toEqual([]);
    expect(r.household).toMatchObject({
      floorMaterial: 9,
      hasCar: false,
      hasLaptop: true,
      latitude: -7.3612,
      roofMaterial: null,
    });
    expect(r.member).toMatchObject({ sex: 'F', relationship: 1, pregnant: null, birthPlace: null });
  });

  it('names the column and the reason of each unreadable cell', () => {
    const r = readRow(
      row({
        floor_material: '9.0',
        latitude: '-7,36',
        has_car: 'ya',
        birth_date: '15/01/1980',
        sex: 'L',
        name: ' ',
        birth_place: 'Wonos\uFFFDbo',
      }),
      header,
      2,
    );
    expect(r.issues.map((i) => [i.field, i.code])).toEqual([
      ['latitude', 'csv.not_a_number'],
      ['floor_material', 'csv.not_a_whole_number'],
      ['has_car', 'csv.not_a_flag'],
      ['name', 'csv.required'],
      ['birth_place', 'csv.invalid_utf8'],
      ['birth_date', 'csv.invalid_date'],
      ['sex', 'csv.invalid_sex'],
    ]);
    expect(r.issues[0]!.message.en).toContain('the decimal separator is a dot');
  });
});

describe('householdFromCsvRows', () => {
  it('builds HouseholdCreate from member rows', () => {
    const rows = [
      readRow(row({}), header, 2),
      readRow(row({ nik: '3307014507850002', name: 'Siti', sex: 'F', relationship: '2' }), header, 3),
    ];
    const r = householdFromCsvRows(rows, header);
    expect(r.issues).toEqual([]);
    expect(r.input).toMatchObject({
      kkNumber: '3307011003150002',
      rt: '5',
      members: [{ name: 'Budi' }, { name: 'Siti' }],
    });
  });

  it('requires the household columns to be the same on every row, naming the line that differs', () => {
    const rows = [readRow(row({}), header, 2), readRow(row({ rt: '6', nik: '3307014507850002' }), header, 4)];
    const r = householdFromCsvRows(rows, header);
    expect(r.input).toBeNull();
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]).toMatchObject({ line: 4, issue: { field: 'rt', code: 'csv.household_mismatch' } });
    expect(r.issues[0]!.issue.message.en).toContain('differs from line 2');
  });

  it('reports schema failures on the member line and column, in both languages', () => {
    const rows = [
      readRow(row({}), header, 2),
      readRow(row({ nik: '3307014507850002', name: 'x'.repeat(121) }), header, 3),
    ];
    const r = householdFromCsvRows(rows, header);
    expect(r.issues).toEqual([
      {
        line: 3,
        issue: expect.objectContaining({
          field: 'name',
          code: 'request.too_big',
          message: {
            id: 'terlalu panjang/besar: paling banyak 120 karakter',
            en: 'too long or too large: at most 120 characters',
          },
        }),
      },
    ]);
    const rt = householdFromCsvRows([readRow(row({ rt: '1234' }), header, 2)], header);
    expect(rt.issues[0]).toMatchObject({
      line: 2,
      issue: { field: 'rt', message: { en: 'wrong format: RT/RW: 1–3 digits' } },
    });
  });
});

describe('formula escaping', () => {
  it('escapes spreadsheet formulas on export and restores them on import', () => {
    const [out] = csvRowsOf({
      id: 'h',
      kkNumber: '3307011003150002',
      regionCode: '33.07.01.2001',
      rw: '002',
      rt: '005',
      address: '=HYPERLINK("http://x","y")',
      latitude: -7.36,
      longitude: null,
      status: 'active',
      removalReason: null,
      version: 1,
      updatedAt: '2026-01-01T00:00:00.000Z',
      members: [
        {
          id: 'p',
          nik: '3307011501800001',
          name: '@Budi',
          birthDate: '1980-01-15',
          sex: 'M',
          relationship: 1,
        },
      ],
    } as never);
    expect(out![at('address')]).toBe('\'=HYPERLINK("http://x","y")');
    expect(out![at('latitude')]).toBe('-7.36');
    expect(out![at('name')]).toBe("'@Budi");
    const back = readRow(out!.slice(0, IMPORT_COLUMNS.length), header, 2);
    expect(back.household.address).toBe('=HYPERLINK("http://x","y")');
    expect(back.member.name).toBe('@Budi');
    expect(readRow(row({ name: "'Ali" }), header, 2).member.name).toBe("'Ali");
  });
});

/**
 * Generated households against the real validation: the same rules a proposal or an import meets
 * (zod request schema, then buildHousehold with the real region list), with no error and no warning.
 */
import { describe, expect, it } from 'vitest';
import { localIsoDate } from '../../src/domain/calendar.ts';
import { createHouseholdGenerator, type SyntheticDistrict } from '../../src/domain/synthetic/households.ts';
import { buildHousehold } from '../../src/modules/households/households.builder.ts';
import { HouseholdCreate } from '../../src/modules/households/households.schemas.ts';
import { readRegions } from '../../src/modules/regions/regions.loader.ts';
import { birthPlaceName } from '../../src/modules/seed/seed.service.ts';

describe('synthetic households pass validation', () => {
  it('3,000 households from every province: zero errors, zero warnings', () => {
    const regions = readRegions();
    const byCode = new Map(regions.map((r) => [r.code, r]));
    const districtsByProvince = new Map<string, SyntheticDistrict[]>();
    for (const r of regions) {
      if (r.level !== 3) continue;
      const list = districtsByProvince.get(r.provinceCode) ?? [];
      list.push({ code: r.code, regencyName: birthPlaceName(byCode.get(r.parentCode!)!.name) });
      districtsByProvince.set(r.provinceCode, list);
    }
    const villages = regions.filter((r) => r.level === 4);
    const today = new Date();
    const generator = createHouseholdGenerator({ seed: 'validation', asOf: localIsoDate(today) });
    const ctx = {
      now: today.toISOString(),
      actorId: null,
      isKnownVillage: (code: string) => byCode.get(code)?.level === 4,
      isKnownDistrict: (code: string) => byCode.get(code)?.level === 3,
    };
    const provinces = new Set<string>();
    const problems: string[] = [];
    let persons = 0;
    for (let i = 0; i < 3000; i++) {
      const v = villages[(i * 27_883) % villages.length]!;
      provinces.add(v.provinceCode);
      const provinceDistricts = districtsByProvince.get(v.provinceCode)!;
      const input = generator.next({
        code: v.code,
        name: v.name,
        district: provinceDistricts.find((d) => d.code === v.parentCode)!,
        provinceDistricts,
      });
      const parsed = HouseholdCreate.safeParse(input);
      if (!parsed.success) problems.push(`${i}: schema ${JSON.stringify(parsed.error.issues[0])}`);
      const built = buildHousehold(input, ctx);
      for (const x of [...built.errors, ...built.warnings]) problems.push(`${i}: ${x.field} ${x.code}`);
      persons += built.persons.length;
    }
    expect(problems.slice(0, 10)).toEqual([]);
    expect(provinces.size).toBe(38);
    expect(persons / 3000).toBeGreaterThan(3);
    expect(persons / 3000).toBeLessThan(5);
  });
});

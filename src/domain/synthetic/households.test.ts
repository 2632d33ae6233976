import { describe, expect, it } from 'vitest';
import { ageInYears } from '../calendar.ts';
import { parseKk } from '../identifiers/parse-kk.ts';
import { parseNik } from '../identifiers/parse-nik.ts';
import { createHouseholdGenerator, type SyntheticDistrict, type SyntheticVillage } from './households.ts';
import { familyNames } from './names.ts';

const AS_OF = '2026-06-15';
const TODAY = new Date(2026, 5, 15, 12);

function province(code: string, regencies: number, districtsPerRegency: number): SyntheticDistrict[] {
  const out: SyntheticDistrict[] = [];
  for (let r = 1; r <= regencies; r++)
    for (let d = 1; d <= districtsPerRegency; d++)
      out.push({
        code: `${code}.${String(r).padStart(2, '0')}.${String(d).padStart(2, '0')}`,
        regencyName: `Kabupaten ${r}`,
      });
  return out;
}

function villagesOf(districts: SyntheticDistrict[], perDistrict: number): SyntheticVillage[] {
  return districts.flatMap((district, i) =>
    Array.from({ length: perDistrict }, (_, v) => ({
      code: `${district.code}.${v === 0 ? 1 : 2}${String(v + 1).padStart(3, '0')}`,
      name: `Desa ${i}-${v}`,
      district,
      provinceDistricts: districts,
    })),
  );
}

const JATENG = villagesOf(province('33', 3, 4), 3);
const SUMUT = villagesOf(province('12', 2, 3), 2);
const BALI = villagesOf(province('51', 2, 3), 2);

function generate(seed: string | number, n: number, villages: SyntheticVillage[]) {
  const g = createHouseholdGenerator({ seed, asOf: AS_OF });
  return Array.from({ length: n }, (_, i) => g.next(villages[i % villages.length]!));
}

describe('synthetic households', () => {
  it('are deterministic per seed and differ between seeds', () => {
    expect(generate(5, 50, JATENG)).toEqual(generate(5, 50, JATENG));
    const other = generate(6, 50, JATENG);
    expect(other).not.toEqual(generate(5, 50, JATENG));
    expect(generate('5', 50, JATENG)).toEqual(generate('5', 50, JATENG));
    const g = createHouseholdGenerator({ seed: 1, asOf: AS_OF });
    g.next(JATENG[0]!);
    g.next(JATENG[0]!);
    expect(g.count).toBe(2);
    expect(() => createHouseholdGenerator({ seed: 1, asOf: '2026-02-30' })).toThrow(RangeError);
  });

  it('encode every member in a valid NIK and the family in a valid KK of the right districts and dates', () => {
    for (const h of generate('ids', 1500, [...JATENG, ...SUMUT])) {
      const village = [...JATENG, ...SUMUT].find((v) => v.code === h.regionCode)!;
      const kk = parseKk(h.kkNumber, { today: TODAY });
      expect(kk.ok && kk.warnings).toEqual([]);
      if (!kk.ok) continue;
      expect(kk.value.districtCode).toBe(village.district.code);
      expect(kk.value.recordedDate <= AS_OF).toBe(true);
      const youngest = h.members
        .map((m) => m.birthDate)
        .sort()
        .at(-1)!;
      expect(kk.value.recordedDate >= youngest).toBe(true);
      for (const m of h.members) {
        const nik = parseNik(m.nik, { today: TODAY });
        expect(nik.ok, m.nik).toBe(true);
        if (!nik.ok) continue;
        expect(nik.value.birthDate.slice(2)).toBe(m.birthDate.slice(2)); // the NIK's year has two digits
        expect(nik.value.sex).toBe(m.sex);
        expect(village.provinceDistricts.map((d) => d.code)).toContain(nik.value.districtCode);
        expect(m.birthPlace).toBe(
          village.provinceDistricts.find((d) => d.code === nik.value.districtCode)!.regencyName,
        );
        expect(m.birthDate < AS_OF).toBe(true);
        expect(ageInYears(m.birthDate, AS_OF)).toBeLessThanOrEqual(96);
      }
      expect(Number(h.rw)).toBeGreaterThanOrEqual(1);
      expect(Number(h.rt)).toBeGreaterThanOrEqual(1);
      expect(h.address.length).toBeGreaterThan(5);
    }
  });

  it('build plausible families: one head, adult parents, answers that fit the age', () => {
    let pregnant = 0;
    let extended = 0;
    for (const h of generate('families', 3000, JATENG)) {
      const age = (m: { birthDate: string }) => ageInYears(m.birthDate, AS_OF)!;
      expect(h.members.filter((m) => m.relationship === 1)).toHaveLength(1);
      expect(h.members[0]!.relationship).toBe(1);
      const head = h.members[0]!;
      const spouse = h.members.find((m) => m.relationship === 2);
      if (spouse) {
        expect(spouse.sex).not.toBe(head.sex);
        expect([head.maritalStatus, spouse.maritalStatus]).toEqual([2, 2]);
      }
      const mother = spouse?.sex === 'F' ? spouse : head.sex === 'F' ? head : undefined;
      for (const child of h.members.filter((m) => m.relationship === 3)) {
        if (mother) {
          expect(age(mother) - age(child)).toBeGreaterThanOrEqual(17);
          expect(age(mother) - age(child)).toBeLessThanOrEqual(45);
        }
        expect(age(head) - age(child)).toBeGreaterThanOrEqual(17);
      }
      for (const p of h.members.filter((m) => m.relationship === 6)) {
        expect(age(p) - age(head)).toBeGreaterThanOrEqual(17);
        expect(p.maritalStatus === 4 || p.maritalStatus === 3).toBe(true);
      }
      if (h.members.some((m) => m.relationship >= 4)) extended++;
      for (const m of h.members) {
        const a = age(m);
        if (m.pregnant) {
          pregnant++;
          expect(m.sex).toBe('F');
          expect(a).toBeGreaterThanOrEqual(15);
          expect(a).toBeLessThanOrEqual(45);
        }
        if (m.sex === 'M') expect(m.pregnant).toBeNull();
        if (a < 5) expect([m.schoolParticipation, m.educationLevel]).toEqual([null, null]);
        if (a >= 7 && a <= 12) {
          expect(m.schoolParticipation).toBe(1);
          expect([1, 2, 3]).toContain(m.educationLevel);
        }
        if (m.educationLevel === 10) expect(a).toBeGreaterThanOrEqual(18);
        if (m.schoolParticipation === 0) expect(m.educationLevel).toBeNull();
        if (a < 10) expect([m.occupationSector, m.jobStatus]).toEqual([null, null]);
        if (m.jobStatus != null) expect(m.occupationSector).toBeGreaterThan(0);
        if (m.occupationSector === 0) expect(m.jobStatus).toBeNull();
        if (a < 15) expect(m.maritalStatus).toBe(1);
      }
    }
    expect(pregnant).toBeGreaterThan(20);
    expect(extended).toBeGreaterThan(150);
  });

  it('correlate the dwelling and assets with one wealth level', () => {
    const rate = (hs: ReturnType<typeof generate>, f: (h: (typeof hs)[number]) => boolean) =>
      hs.filter(f).length / Math.max(1, hs.length);
    const all = generate('wealth', 4000, JATENG);
    const earth = all.filter((h) => h.floorMaterial === 9);
    const ceramic = all.filter((h) => h.floorMaterial === 2);
    expect(earth.length).toBeGreaterThan(200);
    expect(ceramic.length).toBeGreaterThan(200);
    expect(
      rate(ceramic, (h) => h.hasRefrigerator === true) - rate(earth, (h) => h.hasRefrigerator === true),
    ).toBeGreaterThan(0.25);
    expect(rate(ceramic, (h) => h.hasMotorcycle === true)).toBeGreaterThan(
      rate(earth, (h) => h.hasMotorcycle === true),
    );
    expect(rate(earth, (h) => h.cookingFuel === 8)).toBeGreaterThan(
      rate(ceramic, (h) => h.cookingFuel === 8),
    );
    expect(rate(earth, (h) => h.electricityPower === 1)).toBeGreaterThan(
      rate(ceramic, (h) => h.electricityPower === 1) + 0.2,
    );
    expect(rate(earth, (h) => h.wallMaterial === 4 || h.wallMaterial === 6)).toBeGreaterThan(
      rate(ceramic, (h) => h.wallMaterial === 4 || h.wallMaterial === 6),
    );
    for (const h of all) {
      if (h.lightingSource !== 1) expect(h.electricityPower).toBeNull();
      if (h.toiletFacility === 4) expect(h.toiletType).toBeNull();
      if (!h.ownsLand) expect(h.landAreaM2).toBeNull();
      expect(h.pigCount).toBe(0); // Central Java households are overwhelmingly Muslim
    }
  });

  it('answer the BPS criteria, income and employer in step with the same wealth (migration 026)', () => {
    const all = generate('wealth', 4000, JATENG);
    const earth = all.filter((h) => h.floorMaterial === 9);
    const ceramic = all.filter((h) => h.floorMaterial === 2);
    const rate = (hs: typeof all, f: (h: (typeof all)[number]) => boolean) => hs.filter(f).length / hs.length;
    expect(rate(earth, (h) => h.mealsPerDay! <= 2)).toBeGreaterThan(
      rate(ceramic, (h) => h.mealsPerDay! <= 2),
    );
    expect(rate(earth, (h) => h.hasSavings500k === true) + 0.25).toBeLessThan(
      rate(ceramic, (h) => h.hasSavings500k === true),
    );
    expect(rate(earth, (h) => h.kksNumber != null)).toBeGreaterThan(
      rate(ceramic, (h) => h.kksNumber != null),
    );
    const members = all.flatMap((h) => h.members);
    const working = members.filter((m) => m.occupationSector != null && m.occupationSector > 0);
    for (const m of members) {
      if (m.occupationSector == null) expect(m.monthlyIncome).toBeNull();
      else expect(Number.isInteger(m.monthlyIncome)).toBe(true);
      if (m.occupationSector === 0) expect([m.monthlyIncome, m.employerType]).toEqual([0, 0]);
      if (m.jobStatus === 5) expect([1, 2, 3, 4, 5]).toContain(m.employerType);
      else if (m.jobStatus != null) expect([6, 7]).toContain(m.employerType);
    }
    const median = working.map((m) => m.monthlyIncome!).sort((a, b) => a - b)[working.length >> 1]!;
    expect(median).toBeGreaterThan(500_000);
    expect(median).toBeLessThan(3_000_000);
    for (const h of all) {
      const head = h.members.find((m) => m.relationship === 1)!;
      if (head.monthlyIncome != null) expect(h.headIncomeBelowLine).toBe(head.monthlyIncome < 600_000);
      if (h.kksNumber != null) expect(h.kksNumber).toMatch(/^\d{16}$/);
    }
  });

  it('name people in the traditions of their province', () => {
    const firstNames = new Set(
      generate('names', 2000, JATENG).flatMap((h) => h.members.map((m) => m.name.split(' ')[0])),
    );
    expect(firstNames.size).toBeGreaterThan(60);

    let batakSons = 0;
    for (const h of generate('batak', 1500, SUMUT)) {
      const head = h.members[0]!;
      const marga = head.name.split(' ').at(-1)!;
      const batakHead = head.sex === 'M' && familyNames('batak').includes(marga);
      const spouse = h.members.find((m) => m.relationship === 2);
      if (!batakHead || !spouse?.name.includes(' br. ')) continue; // a Batak couple
      expect(spouse.name.endsWith(` br. ${marga}`)).toBe(false); // exogamy
      for (const child of h.members.filter((m) => m.relationship === 3)) {
        expect(child.name.endsWith(child.sex === 'F' ? ` br. ${marga}` : ` ${marga}`), child.name).toBe(true);
        batakSons++;
      }
    }
    expect(batakSons).toBeGreaterThan(100);

    let balinese = 0;
    for (const h of generate('bali', 500, BALI)) {
      for (const m of h.members) {
        if (/^(I|Ni) /.test(m.name)) {
          balinese++;
          expect(m.name.startsWith(m.sex === 'M' ? 'I ' : 'Ni ')).toBe(true);
        }
      }
    }
    expect(balinese).toBeGreaterThan(1000);
  });

  it('never repeat a NIK or KK within a run, and rarely across seeds', () => {
    const oneDistrict = villagesOf(province('33', 1, 1), 4);
    const niks = new Set<string>();
    const kks = new Set<string>();
    let persons = 0;
    for (const h of generate('dense', 15_000, oneDistrict)) {
      kks.add(h.kkNumber);
      for (const m of h.members) {
        niks.add(m.nik);
        persons++;
      }
    }
    expect(kks.size).toBe(15_000);
    expect(niks.size).toBe(persons);

    let shared = 0;
    for (const h of generate('dense-2', 15_000, oneDistrict))
      for (const m of h.members) if (niks.has(m.nik)) shared++;
    expect(shared).toBeLessThan(persons / 1000);
  });
});

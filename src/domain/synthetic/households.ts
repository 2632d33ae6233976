/**
 * Realistic synthetic households for demos, tests and benchmarks, in the exact shape a proposal takes
 * (`HouseholdCreate`). Deterministic: the same seed, reference date and sequence of villages give the same
 * households, byte for byte. Every household is internally consistent, so it passes validation without a
 * single warning: NIKs encode the member's district, birth date and sex; children were born when their
 * parents were adults; schooling and work fit the age; the house and its assets fit one wealth level.
 */

// Type only: the generator produces exactly what the households API accepts.
import type { HouseholdCreate, MemberInput } from '../../modules/households/households.schemas.ts';
import { ageInYears, parseIsoDate } from '../calendar.ts';
import { EXCLUSION_JOB_STATUS, HEAD_INCOME_LINE } from '../instrument/codebook.ts';
import {
  hasFamilyNames,
  type NamingTradition,
  personName,
  pickFamilyName,
  type Sex,
  traditionMix,
} from './names.ts';
import { createRng, type Rng } from './prng.ts';
import { SerialAllocator } from './serials.ts';

export interface SyntheticDistrict {
  /** Dotted Kemendagri code, e.g. '33.07.01'. */
  code: string;
  /** Name of the regency or city the district lies in, used as a birth place (e.g. 'Wonosobo'). */
  regencyName: string;
}

export interface SyntheticVillage {
  /** Dotted village code, e.g. '33.07.01.2001'. */
  code: string;
  name: string;
  district: SyntheticDistrict;
  /** Districts of the same province, where some members were born and got their NIK. */
  provinceDistricts: readonly SyntheticDistrict[];
}

export interface HouseholdGeneratorOptions {
  seed: number | string;
  /** The date the data describes (YYYY-MM-DD): nobody is born after it, ages are counted to it. */
  asOf: string;
}

export interface HouseholdGenerator {
  /** The next household, living in `village`. */
  next(village: SyntheticVillage): HouseholdCreate;
  /** Households generated so far. */
  readonly count: number;
}

/** Nobody is older than this: a NIK's two-digit year could otherwise point at a future date. */
const MAX_AGE = 95;
const DAY_MS = 86_400_000;

export function createHouseholdGenerator(opts: HouseholdGeneratorOptions): HouseholdGenerator {
  const asOf = parseIsoDate(opts.asOf);
  if (!asOf) throw new RangeError(`asOf must be a real YYYY-MM-DD date, got ${opts.asOf}`);
  const asOfDay = Date.UTC(asOf.year, asOf.month - 1, asOf.day) / DAY_MS;
  const nikSerials = new SerialAllocator(opts.seed, 'nik');
  const kkSerials = new SerialAllocator(opts.seed, 'kk');
  let count = 0;

  return {
    get count() {
      return count;
    },
    next(village) {
      // One generator per household: household n is the same whatever the others drew.
      const rng = createRng(opts.seed, 'household', count);
      count++;
      // Answers added later (migration 026) draw from their own stream, so every earlier answer stays as it was.
      const later = createRng(opts.seed, 'household-026', count - 1);
      return generateHousehold(rng, later, village, { asOf: opts.asOf, asOfDay, nikSerials, kkSerials });
    },
  };
}

interface Env {
  asOf: string;
  asOfDay: number;
  nikSerials: SerialAllocator;
  kkSerials: SerialAllocator;
}

/** A member before identifiers and answers are attached. */
interface Draft {
  relationship: 1 | 2 | 3 | 4 | 5 | 6;
  sex: Sex;
  age: number;
  tradition: NamingTradition;
  familyName: string | null;
  birthOrder?: number;
  maritalStatus: 1 | 2 | 3 | 4;
}

function generateHousehold(rng: Rng, later: Rng, village: SyntheticVillage, env: Env): HouseholdCreate {
  const provinceCode = village.code.slice(0, 2);
  const urban = village.code.split('.')[3]![0] === '1'; // kelurahan
  const tradition = rng.weighted(traditionMix(provinceCode));
  // Latent wealth, 0 = poorest. DTKS covers the poorest 40%, so most households sit low.
  const wealth = rng.normal(urban ? 0.42 : 0.32, 0.22, 0, 1);

  const drafts = composeFamily(rng, tradition, provinceCode);
  const members = drafts.map((d) => {
    const birthDate = isoFromDay(env.asOfDay - d.age * 365.25 - rng.int(1, 364));
    return { d, birthDate, age: ageInYears(birthDate, env.asOf)! };
  });

  const memberInputs: MemberInput[] = members.map(({ d, birthDate, age }) => {
    const bornElsewhere =
      village.provinceDistricts.length > 1 && rng.chance(d.relationship === 3 || age < 18 ? 0.04 : 0.15);
    const nikDistrict = bornElsewhere ? rng.pick(village.provinceDistricts) : village.district;
    const name = personName(rng, {
      tradition: d.tradition,
      sex: d.sex,
      birthYear: Number(birthDate.slice(0, 4)),
      familyName: d.familyName,
      birthOrder: d.birthOrder,
    });
    const school = schooling(rng, age, wealth, Number(birthDate.slice(0, 4)));
    const work = occupation(rng, d, age, school.inSchool, wealth, urban);
    return {
      nik: makeDatedNumber(
        nikDistrict.code,
        birthDate,
        d.sex === 'F' ? 40 : 0,
        env.nikSerials.next(nikDistrict.code, birthDate),
      ),
      name,
      birthPlace: nikDistrict.regencyName,
      birthDate,
      sex: d.sex,
      relationship: d.relationship,
      pregnant: pregnancy(rng, d, age),
      maritalStatus: d.maritalStatus,
      disability: rng.chance(0.025) ? rng.int(1, 12) : 0,
      chronicIllness: chronicIllness(rng, age),
      schoolParticipation: school.participation,
      educationLevel: school.level,
      highestDiploma: school.diploma,
      occupationSector: work.sector,
      jobStatus: work.status,
    };
  });

  // A KK is reissued whenever the family changes, so it was last recorded after the youngest was born.
  const youngestBirth = Math.max(...memberInputs.map((m) => dayOf(m.birthDate)));
  const headAdult = dayOf(memberInputs[0]!.birthDate) + 18 * 365.25;
  const earliest = Math.ceil(Math.max(youngestBirth + 1, headAdult, env.asOfDay - 20 * 365));
  const span = Math.max(0, env.asOfDay - earliest);
  const recorded = isoFromDay(Math.min(env.asOfDay, earliest + Math.floor(span * Math.sqrt(rng.next()))));

  const persons = memberInputs.length;
  const hasBusiness = memberInputs.some(
    (m) => m.jobStatus != null && m.jobStatus <= 3 && (m.occupationSector ?? 0) >= 8,
  );
  const ownTraditionEatsPork = ['batak', 'balinese', 'christian_east', 'papuan'].includes(tradition);
  const fisher = memberInputs.some((m) => m.occupationSector === 4 || m.occupationSector === 5);
  const farmer = memberInputs.some(
    (m) => m.occupationSector != null && m.occupationSector >= 1 && m.occupationSector <= 7,
  );

  const { rw, rt } = neighbourhood(rng, village.code);
  const earners = memberInputs.map((m) => {
    const { monthlyIncome, employerType } = earnings(later, m, wealth, urban);
    return Object.assign(m, { monthlyIncome, employerType });
  });
  return {
    kkNumber: makeDatedNumber(
      village.district.code,
      recorded,
      0,
      env.kkSerials.next(village.district.code, recorded),
    ),
    regionCode: village.code,
    rw: String(rw),
    rt: String(rt),
    address: address(rng, village, urban),
    latitude: null,
    longitude: null,
    ...housing(rng, wealth, persons, urban),
    ...assets(rng, wealth, { urban, farmer, fisher, hasBusiness, ownTraditionEatsPork }),
    ...means(later, wealth, earners),
    members: earners,
  };
}

// ---------------------------------------------------------------- income and the BPS criteria (026)

/** Median monthly pay (Rp) by job status at wealth 0 and 1: casual work pays least, salaried work most. */
const PAY: Record<number, readonly [number, number]> = {
  1: [700_000, 3_500_000],
  2: [1_000_000, 5_000_000],
  3: [2_000_000, 9_000_000],
  4: [1_200_000, 4_500_000],
  [EXCLUSION_JOB_STATUS]: [2_800_000, 7_000_000],
  6: [500_000, 1_800_000],
  7: [600_000, 2_200_000],
  8: [0, 0],
};

function earnings(
  rng: Rng,
  m: MemberInput,
  wealth: number,
  urban: boolean,
): { monthlyIncome: number | null; employerType: number | null } {
  if (m.occupationSector == null) return { monthlyIncome: null, employerType: null };
  if (m.occupationSector === 0 || m.jobStatus == null) return { monthlyIncome: 0, employerType: 0 };
  const employerType =
    m.jobStatus === EXCLUSION_JOB_STATUS
      ? rng.weighted([
          [1, 70],
          [2, 8],
          [3, 8],
          [4, 12],
          [5, 2],
        ] as const)
      : m.jobStatus === 4
        ? 6
        : 7;
  const [poor, rich] = PAY[m.jobStatus] ?? [0, 0];
  const median = (poor + (rich - poor) * contrast(wealth)) * (urban ? 1.2 : 1);
  // Answers are given in round figures: to the nearest Rp50,000.
  const monthlyIncome = Math.round((median * rng.normal(1, 0.3, 0.3, 2.5)) / 50_000) * 50_000;
  return { monthlyIncome, employerType };
}

function means(rng: Rng, w: number, members: readonly MemberInput[]): HouseholdAnswers {
  const t = contrast(w);
  const p = (poor: number, rich: number) => rng.chance(poor + (rich - poor) * t);
  const head = members.find((m) => m.relationship === 1);
  const headIncome = head?.monthlyIncome ?? null;
  return {
    mealsPerDay: byWealth(rng, w, [
      [1, 4, 0],
      [2, 36, 3],
      [3, 60, 97],
    ]),
    meatMilkPerWeek: byWealth(rng, w, [
      [0, 25, 0],
      [1, 50, 10],
      [2, 25, 90],
    ]),
    newClothesPerYear: byWealth(rng, w, [
      [0, 20, 0],
      [1, 55, 15],
      [2, 25, 85],
    ]),
    canPayClinic: p(0.35, 0.98),
    headIncomeBelowLine: headIncome === null ? null : headIncome < HEAD_INCOME_LINE,
    hasSavings500k: p(0.1, 0.9),
    // Families who already receive assistance hold a KKS card; the better-off rarely do.
    kksNumber: p(0.45, 0.03) ? `6013${String(rng.int(0, 999_999_999_999)).padStart(12, '0')}` : null,
  };
}

// ---------------------------------------------------------------- family composition

function composeFamily(rng: Rng, tradition: NamingTradition, provinceCode: string): Draft[] {
  const spouseTradition = () => (rng.chance(0.9) ? tradition : rng.weighted(traditionMix(provinceCode)));
  const familyOf = (t: NamingTradition) => (hasFamilyNames(t) ? pickFamilyName(rng, t) : null);
  const shape = rng.weighted([
    ['couple', 74],
    ['single_mother', 12],
    ['widower', 4],
    ['young_single', 4],
    ['elderly_alone', 6],
  ] as const);

  const out: Draft[] = [];
  const headFamily = familyOf(tradition);
  if (shape === 'young_single') {
    out.push(draft(1, 'M', rng.int(19, 32), tradition, headFamily, 1));
    return out;
  }
  if (shape === 'elderly_alone') {
    const sex: Sex = rng.chance(0.75) ? 'F' : 'M';
    out.push(draft(1, sex, Math.round(rng.normal(72, 7, 60, MAX_AGE)), tradition, headFamily, 4));
    return out;
  }

  const headSex: Sex = shape === 'single_mother' ? 'F' : 'M';
  const headAge = Math.round(shape === 'couple' ? rng.normal(44, 12, 20, 85) : rng.normal(52, 13, 24, 88));
  const headMarital = shape === 'couple' ? 2 : rng.chance(0.7) ? 4 : 3;
  out.push(draft(1, headSex, headAge, tradition, headFamily, headMarital));

  let motherAge = headAge;
  let fatherAge = headAge;
  const childTradition = tradition;
  let childFamily = headFamily;
  if (shape === 'couple') {
    const wifeAge = Math.round(Math.min(MAX_AGE, Math.max(18, headAge - rng.normal(4, 4, -6, 15))));
    const wifeTradition = spouseTradition();
    let wifeFamily = familyOf(wifeTradition);
    // Batak marriage is exogamous: a wife never shares her husband's marga.
    while (wifeTradition === 'batak' && wifeFamily === headFamily) wifeFamily = familyOf(wifeTradition);
    out.push(draft(2, 'F', wifeAge, wifeTradition, wifeFamily, 2));
    motherAge = wifeAge;
  } else if (headSex === 'F') {
    // The children's father is absent (died or divorced); they carry his family name.
    fatherAge = headAge + rng.int(0, 8);
    childFamily = familyOf(tradition);
  }

  // Children were born when the mother was 18–44 and the father at least 18.
  const youngestParent = Math.min(motherAge, fatherAge);
  const upper = Math.min(youngestParent - 18, motherAge >= 58 ? 40 : 28);
  const lower = Math.max(0, motherAge - 44);
  const wanted = rng.weighted([
    [0, 10],
    [1, 20],
    [2, 30],
    [3, 20],
    [4, 12],
    [5, 8],
  ] as const);
  const childAges: number[] = [];
  let next = upper - rng.int(0, 4);
  while (childAges.length < wanted && next >= lower) {
    childAges.push(next);
    next -= rng.int(1, 5);
  }
  // Birth order counts children who left home too: the oldest at home is not always the first-born.
  const leftHome = upper >= 24 && childAges.length && childAges[0]! < upper - 4 ? rng.int(0, 2) : 0;
  childAges.forEach((age, i) => {
    const sex: Sex = rng.chance(0.51) ? 'M' : 'F';
    const marital = age >= 20 && rng.chance(0.08) ? 3 : 1;
    out.push({ ...draft(3, sex, age, childTradition, childFamily, marital), birthOrder: leftHome + i + 1 });
  });

  // An adult child living at home with a spouse and children of their own.
  if (headAge >= 45 && rng.chance(0.14)) {
    const lowest = Math.max(20, motherAge - 44);
    const highest = Math.min(youngestParent - 18, 40);
    if (lowest <= highest) {
      const age = rng.int(lowest, highest);
      const childSex: Sex = rng.chance(0.5) ? 'M' : 'F';
      out.push({ ...draft(3, childSex, age, childTradition, childFamily, 2), birthOrder: 1 });
      const inLawSex: Sex = childSex === 'M' ? 'F' : 'M';
      const inLawAge = Math.max(18, age + (inLawSex === 'M' ? rng.int(0, 6) : -rng.int(0, 5)));
      const inLawTradition = spouseTradition();
      const inLawFamily = familyOf(inLawTradition);
      out.push(draft(4, inLawSex, inLawAge, inLawTradition, inLawFamily, 2));
      const grandFamily = childSex === 'M' ? childFamily : inLawFamily;
      const grandTradition = childSex === 'M' ? childTradition : inLawTradition;
      const maxGrandAge = Math.min(age, inLawAge) - 18;
      const grandchildren = rng.int(0, 2);
      for (let g = 0, gAge = maxGrandAge - rng.int(0, 3); g < grandchildren && gAge >= 0; g++) {
        out.push({
          ...draft(5, rng.chance(0.5) ? 'M' : 'F', gAge, grandTradition, grandFamily, 1),
          birthOrder: g + 1,
        });
        gAge -= rng.int(1, 4);
      }
    }
  } else if (headAge >= 48 && rng.chance(0.05)) {
    // A grandchild left with the grandparents while the parents work elsewhere.
    const gAge = rng.int(1, Math.min(15, headAge - 38));
    out.push({
      ...draft(5, rng.chance(0.5) ? 'M' : 'F', gAge, childTradition, childFamily, 1),
      birthOrder: 1,
    });
  }

  // An elderly parent (or parent-in-law), usually a widow.
  if (headAge >= 25 && headAge <= 62 && rng.chance(0.1)) {
    const age = Math.min(MAX_AGE, headAge + rng.int(20, 34));
    if (age - headAge >= 18) {
      const sex: Sex = rng.chance(0.7) ? 'F' : 'M';
      const family = sex === 'M' && headSex === 'M' ? headFamily : familyOf(tradition);
      out.push(draft(6, sex, age, tradition, family, rng.chance(0.85) ? 4 : 3));
    }
  }
  return out;
}

function draft(
  relationship: Draft['relationship'],
  sex: Sex,
  age: number,
  tradition: NamingTradition,
  familyName: string | null,
  maritalStatus: Draft['maritalStatus'],
): Draft {
  return { relationship, sex, age, tradition, familyName, maritalStatus };
}

// ---------------------------------------------------------------- individual answers

function pregnancy(rng: Rng, d: Draft, age: number): boolean | null {
  if (d.sex !== 'F' || age < 15 || age > 45) return null;
  return d.maritalStatus === 2 && rng.chance(age < 35 ? 0.07 : 0.03);
}

function chronicIllness(rng: Rng, age: number): number {
  const p = age >= 60 ? 0.35 : age >= 45 ? 0.18 : age >= 20 ? 0.05 : 0.015;
  if (!rng.chance(p)) return 0;
  if (age < 20) return rng.pick([3, 3, 9, 6]);
  return rng.weighted([
    [1, 40],
    [2, 18],
    [3, 6],
    [4, 8],
    [5, 12],
    [6, 4],
    [7, 5],
    [8, 2],
    [9, 5],
  ] as const);
}

interface Schooling {
  participation: number | null;
  level: number | null;
  diploma: number | null;
  inSchool: boolean;
}

const NONE: Schooling = { participation: null, level: null, diploma: null, inSchool: false };

/** Levels by stage: [primary, junior, senior] × [general, equivalency (Paket), madrasah]. */
const STAGE_LEVELS = [
  [1, 2, 3],
  [4, 5, 6],
  [7, 8, 9],
] as const;

function stageLevel(rng: Rng, stage: 0 | 1 | 2, adult: boolean): number {
  const [general, paket, madrasah] = STAGE_LEVELS[stage];
  return rng.weighted([
    [general, 80],
    [madrasah, 16],
    [paket, adult ? 4 : 0],
  ] as const);
}

function schooling(rng: Rng, age: number, wealth: number, birthYear: number): Schooling {
  if (age < 5) return NONE;
  if (age < 7) return { participation: 0, level: null, diploma: null, inSchool: false };
  // Still in school: the stage follows the age (7–12 primary, 13–15 junior, 16–18 senior, 19–22 college).
  const dropout = (p: number) => rng.chance(p * (1.4 - wealth));
  if (age <= 12) return { participation: 1, level: stageLevel(rng, 0, false), diploma: 0, inSchool: true };
  if (age <= 15 && !dropout(0.08))
    return { participation: 1, level: stageLevel(rng, 1, false), diploma: 1, inSchool: true };
  if (age >= 16 && age <= 18 && !dropout(0.3))
    return { participation: 1, level: stageLevel(rng, 2, false), diploma: 2, inSchool: true };
  if (age >= 19 && age <= 22 && rng.chance(0.05 + wealth * 0.35))
    return { participation: 1, level: 10, diploma: 3, inSchool: true };

  // Left school: attainment rises with later birth years and with wealth, and is capped by age.
  const cohort = Math.min(1, Math.max(0, (birthYear - 1940) / 70));
  const score = rng.normal(0.2 + cohort * 0.45 + wealth * 0.35, 0.18, 0, 1);
  const maxStage = age <= 15 ? 1 : age <= 18 ? 2 : age <= 20 ? 3 : 4;
  let stage = score < 0.12 ? -1 : score < 0.4 ? 0 : score < 0.6 ? 1 : score < 0.88 ? 2 : 3;
  stage = Math.min(stage, maxStage - 1);
  if (stage === -1) return { participation: 0, level: null, diploma: 0, inSchool: false };
  if (stage === 3) {
    const diploma =
      age >= 22
        ? rng.weighted([
            [4, 35],
            [5, 58],
            [6, 7],
          ] as const)
        : 4;
    return { participation: 2, level: 10, diploma, inSchool: false };
  }
  const s = stage as 0 | 1 | 2;
  // Some left during the stage without its diploma.
  const completed = rng.chance(0.82);
  return {
    participation: 2,
    level: stageLevel(rng, s, true),
    diploma: completed ? s + 1 : s,
    inSchool: false,
  };
}

interface Work {
  sector: number | null;
  status: number | null;
}

function occupation(
  rng: Rng,
  d: Draft,
  age: number,
  inSchool: boolean,
  wealth: number,
  urban: boolean,
): Work {
  if (age < 10) return { sector: null, status: null };
  const share =
    age < 15 || inSchool
      ? 0.02
      : age >= 75
        ? 0.12
        : age >= 65
          ? 0.4
          : d.relationship === 1
            ? 0.9
            : d.relationship === 2
              ? 0.45
              : d.relationship === 6
                ? 0.15
                : d.relationship === 4 && d.sex === 'F'
                  ? 0.4
                  : 0.68;
  if (!rng.chance(share)) return { sector: 0, status: null };

  const sector = urban
    ? rng.weighted([
        [12, 24],
        [11, 12],
        [9, 13],
        [13, 9],
        [14, 10],
        [19, 12],
        [17, 2 + wealth * 6],
        [18, 1 + wealth * 5],
        [15, wealth * 4],
        [16, wealth * 4],
        [20, 4 * (1 - wealth)],
        [1, 3],
        [10, 1],
      ] as const)
    : rng.weighted([
        [1, 30],
        [2, 6],
        [3, 9],
        [6, 4],
        [7, 3],
        [4, 3],
        [5, 2],
        [8, 2],
        [11, 11],
        [12, 10],
        [9, 6],
        [14, 4],
        [19, 5],
        [13, 3],
        [17, 1 + wealth * 4],
      ] as const);
  const agricultural = sector >= 1 && sector <= 7;
  let status: number;
  if (d.relationship !== 1 && rng.chance(0.25))
    status = 8; // helps in the family's farm or stall
  else if (agricultural)
    status = rng.weighted([
      [6, 45 * (1 - wealth)],
      [1, 35],
      [2, 10 + wealth * 20],
      [3, wealth * 8],
    ] as const);
  else if (sector === 20) status = rng.chance(0.7) ? 1 : 7;
  else
    status = rng.weighted([
      [7, 35 * (1 - wealth)],
      [4, 30 + wealth * 15],
      [1, 28],
      [2, 5 + wealth * 5],
      [3, wealth * 6],
      // The exclusion signal: a civil servant in a registry of the poor is rare, and worth finding.
      [EXCLUSION_JOB_STATUS, wealth > 0.6 ? 3 : 0],
    ] as const);
  return { sector, status };
}

// ---------------------------------------------------------------- the dwelling and assets

type HouseholdAnswers = Omit<
  HouseholdCreate,
  | 'kkNumber'
  | 'regionCode'
  | 'rw'
  | 'rt'
  | 'address'
  | 'latitude'
  | 'longitude'
  | 'members'
  | 'reason'
  | 'confirmWarnings'
>;

/** Picks by wealth: each option's weight moves linearly from `poor` (wealth 0) to `rich` (wealth 1). */
function byWealth(rng: Rng, wealth: number, options: readonly (readonly [number, number, number])[]): number {
  const t = contrast(wealth);
  return rng.weighted(options.map(([code, poor, rich]) => [code, poor + (rich - poor) * t] as const));
}

/**
 * Sharpens wealth around the middle (smoothstep over 0.1–0.8), so the poor mostly share the poor answers and
 * the better-off the better ones, instead of every answer being a coin toss near the average.
 */
function contrast(wealth: number): number {
  const x = Math.min(1, Math.max(0, (wealth - 0.1) / 0.7));
  return x * x * (3 - 2 * x);
}

function housing(rng: Rng, w: number, persons: number, urban: boolean): HouseholdAnswers {
  const buildingTenure = byWealth(rng, w, [
    [1, 72, 82],
    [2, urban ? 14 : 4, urban ? 14 : 6],
    [3, 12, 2],
    [4, 0, 1],
    [5, 2, 0],
  ]);
  const landTenure =
    buildingTenure === 1
      ? byWealth(rng, w, [
          [1, 80, 98],
          [2, 12, 2],
          [3, 6, 0],
          [4, 2, 0],
        ])
      : rng.weighted([
          [2, 80],
          [3, 12],
          [4, 8],
        ] as const);
  const lighting = byWealth(rng, w, [
    [1, 90, 100],
    [2, 6, 0],
    [3, 4, 0],
  ]);
  const toiletFacility = byWealth(rng, w, [
    [1, 50, 98],
    [2, 20, 2],
    [3, 10, 0],
    [4, 20, 0],
  ]);
  const hasToilet = toiletFacility !== 4;
  const rooms = Math.max(1, Math.min(8, Math.round(rng.normal(1.5 + w * 3 + persons * 0.2, 0.8, 1, 8))));
  return {
    buildingTenure,
    landTenure,
    floorAreaM2: Math.round(Math.max(12, persons * rng.normal(7 + w * 14, 3, 3, 40) + rng.int(0, 12))),
    floorMaterial: byWealth(rng, w, [
      [9, 30, 0],
      [7, 8, 0],
      [8, 10, 0],
      [6, 35, 10],
      [4, 12, 20],
      [5, 2, 6],
      [2, 3, 60],
      [1, 0, 4],
    ]),
    wallMaterial: byWealth(rng, w, [
      [4, 28, 0],
      [6, 12, 0],
      [5, 4, 0],
      [3, 18, 6],
      [2, 10, 4],
      [1, 28, 90],
    ]),
    wallCondition: rng.chance(0.75 - w * 0.7) ? 2 : 1,
    roofMaterial: byWealth(rng, w, [
      [9, 8, 0],
      [8, 4, 0],
      [6, 30, 8],
      [5, 12, 8],
      [4, 40, 40],
      [3, 2, 20],
      [2, 2, 14],
      [1, 0, 8],
      [7, 2, 2],
    ]),
    roofCondition: rng.chance(0.65 - w * 0.6) ? 2 : 1,
    roomCount: rooms,
    drinkingWaterSource: byWealth(rng, w, [
      [7, 18, 0],
      [9, 8, 0],
      [10, 6, 0],
      [11, 4, 0],
      [6, 20, 10],
      [8, 8, 2],
      [5, 12, 18],
      [4, 8, 4],
      [2, 14, 34],
      [3, urban ? 8 : 2, urban ? 20 : 8],
      [1, 0, 12],
    ]),
    lightingSource: lighting,
    electricityPower:
      lighting === 1
        ? byWealth(rng, w, [
            [1, 70, 4],
            [6, 12, 0],
            [2, 18, 40],
            [3, 0, 36],
            [4, 0, 14],
            [5, 0, 6],
          ])
        : null,
    cookingFuel: byWealth(rng, w, [
      [8, urban ? 15 : 45, 2],
      [5, 8, 0],
      [7, 4, 0],
      [3, urban ? 70 : 42, 55],
      [2, 1, 30],
      [1, 0, 8],
      [9, 2, 5],
    ]),
    toiletFacility,
    toiletType: hasToilet
      ? byWealth(rng, w, [
          [1, 60, 100],
          [2, 15, 0],
          [3, 25, 0],
        ])
      : null,
    sewageDisposal: hasToilet
      ? byWealth(rng, w, [
          [1, 35, 90],
          [2, urban ? 8 : 1, urban ? 8 : 4],
          [3, 35, 4],
          [4, 20, 2],
          [5, 5, 0],
          [6, 1, 0],
        ])
      : null,
  };
}

function assets(
  rng: Rng,
  w: number,
  f: {
    urban: boolean;
    farmer: boolean;
    fisher: boolean;
    hasBusiness: boolean;
    ownTraditionEatsPork: boolean;
  },
): HouseholdAnswers {
  const t = contrast(w);
  const p = (poor: number, rich: number) => rng.chance(poor + (rich - poor) * t);
  const ownsLand = f.farmer ? p(0.45, 0.95) : p(0.1, 0.5);
  const herd = (share: number, max: number) => (f.urban ? 0 : rng.chance(share) ? rng.int(1, max) : 0);
  const hasBoat = f.fisher && p(0.35, 0.7);
  return {
    hasGas5kg: p(0.01, 0.55),
    hasRefrigerator: p(0.08, 0.95),
    hasAirConditioner: p(0, 0.35),
    hasWaterHeater: p(0, 0.25),
    hasLandline: p(0, 0.12),
    hasTelevision: p(0.55, 0.99),
    hasGoldSavings: p(0.05, 0.8),
    hasLaptop: p(0.01, 0.6),
    hasBicycle: p(0.25, 0.45),
    hasMotorcycle: p(0.35, 0.97),
    hasCar: p(0, 0.45),
    hasBoat,
    hasOutboardMotor: hasBoat && p(0.2, 0.6),
    hasMotorboat: f.fisher && p(0.02, 0.3),
    hasShip: false,
    ownsLand,
    landAreaM2: ownsLand
      ? Math.round(rng.normal(f.farmer ? 2500 + w * 6000 : 300 + w * 1500, 800, 50, 50_000))
      : null,
    ownsOtherHouse: p(0, 0.25),
    runsBusiness: f.hasBusiness || p(0.05, 0.3),
    cattleCount: herd(f.farmer ? 0.18 : 0.05, 4),
    buffaloCount: herd(f.farmer ? 0.04 : 0, 3),
    horseCount: herd(0.01, 2),
    pigCount: f.ownTraditionEatsPork ? herd(0.35, 6) : 0,
    goatCount: herd(f.farmer ? 0.3 : 0.1, 8),
  };
}

// ---------------------------------------------------------------- places and numbers

const DUSUN = [
  'Krajan',
  'Kulon',
  'Wetan',
  'Lor',
  'Kidul',
  'Tengah',
  'Sumber',
  'Karanganyar',
  'Sidomulyo',
  'Sukamaju',
  'Mekarsari',
  'Tanjung',
  'Sukamulya',
  'Margasari',
  'Pasir',
  'Bojong',
  'Cikadu',
  'Kampung Baru',
];
const STREETS = [
  'Melati',
  'Mawar',
  'Kenanga',
  'Merdeka',
  'Sudirman',
  'Diponegoro',
  'Ahmad Yani',
  'Pahlawan',
  'Kartini',
  'Cendrawasih',
  'Flamboyan',
  'Anggrek',
  'Masjid',
  'Pasar',
  'Veteran',
  'Gatot Subroto',
  'Imam Bonjol',
  'Teuku Umar',
];

function address(rng: Rng, village: SyntheticVillage, urban: boolean): string {
  if (urban) {
    const street = rng.chance(0.2) ? `Raya ${village.name}` : rng.pick(STREETS);
    const gang = rng.chance(0.35) ? ` Gg. ${rng.int(1, 12)}` : '';
    return `Jl. ${street}${gang} No. ${rng.int(1, 180)}`;
  }
  const dusun = rng.chance(0.25)
    ? `${village.name} ${rng.pick(['Kulon', 'Wetan', 'Lor', 'Kidul'])}`
    : rng.pick(DUSUN);
  return rng.chance(0.5) ? `Dusun ${dusun}` : `Dusun ${dusun} No. ${rng.int(1, 120)}`;
}

/** RW and RT numbers: each village has its own fixed number of RWs and RTs per RW. */
function neighbourhood(rng: Rng, villageCode: string): { rw: number; rt: number } {
  const shape = createRng('village-shape', villageCode);
  const rws = shape.int(2, 12);
  const rtsPerRw = shape.int(3, 12);
  return { rw: rng.int(1, rws), rt: rng.int(1, rtsPerRw) };
}

/** `PPKKCC DDMMYY SSSS`: the district (undotted), the date with `dayOffset` added to the day, the serial. */
function makeDatedNumber(districtCode: string, isoDate: string, dayOffset: number, serial: number): string {
  const [y, m, d] = isoDate.split('-') as [string, string, string];
  const day = String(Number(d) + dayOffset).padStart(2, '0');
  return `${districtCode.replaceAll('.', '')}${day}${m}${y.slice(2)}${String(serial).padStart(4, '0')}`;
}

/** Days since 1970-01-01 → YYYY-MM-DD, by Howard Hinnant's civil-from-days (no Date object per call). */
function isoFromDay(day: number): string {
  const z = Math.floor(day) + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${y}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

function dayOf(iso: string): number {
  return Date.parse(`${iso}T00:00:00Z`) / DAY_MS;
}

/**
 * BPS's 14 poverty criteria (DOMAIN.md §10): a household meeting at least 9 counts as poor. Each criterion
 * reads the instrument; an answer that is unknown neither meets nor fails it, and is listed as unknown, so a
 * household with gaps is not made to look richer or poorer than its answers say.
 */
import { HEAD_INCOME_LINE } from '../instrument/codebook.ts';
import { activeMembers, headOf, type RankedHousehold } from './household-input.ts';

export const CRITERIA = [
  'floor_area',
  'floor_material',
  'wall_material',
  'toilet',
  'no_electricity',
  'water_source',
  'cooking_fuel',
  'meat_milk',
  'new_clothes',
  'meals',
  'clinic',
  'head_livelihood',
  'head_education',
  'savings',
] as const;
export type Criterion = (typeof CRITERIA)[number];

/** BPS: a household meeting this many criteria or more is poor. */
export const POOR_THRESHOLD = 9;

export interface CriteriaResult {
  /** Criteria met. */
  count: number;
  met: Criterion[];
  /** Criteria whose answers are missing. */
  unknown: Criterion[];
  poor: boolean;
}

type Check = (h: RankedHousehold) => boolean | null;

const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);
const flag = (v: unknown): boolean | null => (typeof v === 'boolean' ? v : null);
const inSet = (v: unknown, codes: readonly number[]): boolean | null => {
  const n = num(v);
  return n === null ? null : codes.includes(n);
};

const CHECKS: Record<Criterion, Check> = {
  // Floor area under 8 m² per person.
  floor_area: (h) => {
    const area = num(h.floorAreaM2);
    const persons = activeMembers(h).length;
    return area === null || persons === 0 ? null : area / persons < 8;
  },
  // Earth, bamboo or low-quality wood floor.
  floor_material: (h) => inSet(h.floorMaterial, [7, 8, 9]),
  // Bamboo, thatch or low-quality wood walls, or masonry/wood in poor (unplastered) condition.
  wall_material: (h) => {
    const wall = num(h.wallMaterial);
    if (wall === null) return null;
    if ([4, 5, 6].includes(wall)) return true;
    const condition = num(h.wallCondition);
    return condition === null ? (wall === 7 ? null : false) : condition === 2;
  },
  // No toilet, or one shared with other households.
  toilet: (h) => inSet(h.toiletFacility, [2, 3, 4]),
  no_electricity: (h) => inSet(h.lightingSource, [3]),
  // Unprotected well or spring, river, rain.
  water_source: (h) => inSet(h.drinkingWaterSource, [7, 9, 10, 11]),
  // Firewood, charcoal or kerosene.
  cooking_fuel: (h) => inSet(h.cookingFuel, [5, 7, 8]),
  // Meat, milk or chicken once a week or less.
  meat_milk: (h) => inSet(h.meatMilkPerWeek, [0, 1]),
  // One new set of clothes a year or none.
  new_clothes: (h) => inSet(h.newClothesPerYear, [0, 1]),
  // One or two meals a day.
  meals: (h) => inSet(h.mealsPerDay, [1, 2]),
  clinic: (h) => {
    const can = flag(h.canPayClinic);
    return can === null ? null : !can;
  },
  // Head is a casual labourer (farm or not) or earns under the BPS line.
  head_livelihood: (h) => {
    if (flag(h.headIncomeBelowLine) === true) return true;
    const head = headOf(activeMembers(h));
    if (!head) return null;
    if (head.monthlyIncome != null && head.monthlyIncome < HEAD_INCOME_LINE) return true;
    if (head.jobStatus === 6 || head.jobStatus === 7) return true;
    const answered =
      flag(h.headIncomeBelowLine) !== null || head.monthlyIncome != null || head.jobStatus != null;
    return answered ? false : null;
  },
  // Head never went to school or finished primary at most.
  head_education: (h) => {
    const head = headOf(activeMembers(h));
    return head ? inSet(head.highestDiploma, [0, 1]) : null;
  },
  // No savings or goods of Rp500,000 that could be sold.
  savings: (h) => {
    const has = flag(h.hasSavings500k);
    return has === null ? null : !has;
  },
};

export function criteria14(h: RankedHousehold): CriteriaResult {
  const met: Criterion[] = [];
  const unknown: Criterion[] = [];
  for (const c of CRITERIA) {
    const r = CHECKS[c](h);
    if (r === null) unknown.push(c);
    else if (r) met.push(c);
  }
  return { count: met.length, met, unknown, poor: met.length >= POOR_THRESHOLD };
}

/**
 * The fixed sample a model is tried on before it may be published: 2,000 synthetic households of a made-up
 * province (the demo generator, seed `ranking-check`), so the check is the same on every installation and
 * needs no personal data.
 */
import type { RankedHousehold } from '../../domain/ranking/household-input.ts';
import {
  createHouseholdGenerator,
  type SyntheticDistrict,
  type SyntheticVillage,
} from '../../domain/synthetic/households.ts';

export const SAMPLE_SIZE = 2000;
export const SAMPLE_AS_OF = '2026-06-30';

let sample: RankedHousehold[] | null = null;

export function modelCheckSample(): RankedHousehold[] {
  if (sample) return sample;
  const districts: SyntheticDistrict[] = [1, 2, 3, 4].map((d) => ({
    code: `33.07.0${d}`,
    regencyName: 'Sampel',
  }));
  const villages: SyntheticVillage[] = districts.flatMap((district, i) =>
    [1, 2].map((v) => ({
      code: `${district.code}.${v === 1 && i === 0 ? 1 : 2}00${v}`,
      name: `Sampel ${i}-${v}`,
      district,
      provinceDistricts: districts,
    })),
  );
  const g = createHouseholdGenerator({ seed: 'ranking-check', asOf: SAMPLE_AS_OF });
  sample = Array.from({ length: SAMPLE_SIZE }, (_, i) => g.next(villages[i % villages.length]!));
  return sample;
}

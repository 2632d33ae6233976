import { describe, expect, it } from 'vitest';
import { DEFAULT_MODEL } from './default-model.ts';
import { readValue } from './explain.ts';

describe('readValue', () => {
  it("names a coded answer by the codebook's label", () => {
    expect(readValue({ kind: 'household', field: 'floorMaterial' }, 9)).toEqual({
      valueLabel: { id: 'Tanah', en: 'Earth' },
      unit: null,
    });
    expect(readValue({ kind: 'household', field: 'toiletFacility' }, 2).valueLabel).toEqual({
      id: 'Bersama',
      en: 'Shared',
    });
  });

  it("names a coded measure (the head's diploma) by its answer's label", () => {
    expect(readValue({ kind: 'composition', measure: 'headDiploma' }, 1).valueLabel).toEqual({
      id: 'SD/sederajat',
      en: 'Primary or equivalent',
    });
  });

  it('reads yes/no answers and measures as Ya/Tidak', () => {
    expect(readValue({ kind: 'household', field: 'hasRefrigerator' }, 1).valueLabel).toEqual({
      id: 'Ya',
      en: 'Yes',
    });
    expect(readValue({ kind: 'household', field: 'hasCar' }, 0).valueLabel).toEqual({
      id: 'Tidak',
      en: 'No',
    });
    expect(readValue({ kind: 'composition', measure: 'headFemale' }, 0).valueLabel).toEqual({
      id: 'Tidak',
      en: 'No',
    });
  });

  it('gives amounts and areas their unit, per person where the measure is', () => {
    expect(readValue({ kind: 'composition', measure: 'incomePerCapita' }, 1_200_000)).toEqual({
      valueLabel: null,
      unit: 'Rp',
    });
    expect(readValue({ kind: 'composition', measure: 'floorAreaPerCapita' }, 12)).toEqual({
      valueLabel: null,
      unit: 'm²',
    });
    expect(readValue({ kind: 'household', field: 'floorAreaM2' }, 36)).toEqual({
      valueLabel: null,
      unit: 'm²',
    });
  });

  it('leaves counts, ratios and unknown values bare', () => {
    expect(readValue({ kind: 'composition', measure: 'memberCount' }, 3)).toEqual({
      valueLabel: null,
      unit: null,
    });
    expect(readValue({ kind: 'household', field: 'roomCount' }, 2)).toEqual({ valueLabel: null, unit: null });
    expect(readValue({ kind: 'household', field: 'floorMaterial' }, null)).toEqual({
      valueLabel: null,
      unit: null,
    });
  });

  it('reads every coded or yes/no variable of the default model as a label', () => {
    for (const v of DEFAULT_MODEL.variables) {
      const coded = v.transform.type === 'oneOf' || v.source.kind === 'household';
      if (!coded || (v.source.kind === 'household' && v.source.field === 'floorAreaM2')) continue;
      expect(readValue(v.source, 1).valueLabel, v.name).not.toBeNull();
    }
  });
});

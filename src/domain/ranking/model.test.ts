import { describe, expect, it } from 'vitest';
import { DEFAULT_MODEL } from './default-model.ts';
import { checkModel, type RankingModel, RankingModelDocument } from './model.ts';

const paths = (m: RankingModel) => checkModel(m).map((i) => [i.field, i.code]);
const withVariable = (v: unknown): RankingModel =>
  ({ ...DEFAULT_MODEL, variables: [...DEFAULT_MODEL.variables, v] }) as RankingModel;
const last = DEFAULT_MODEL.variables.length;

describe('ranking model document', () => {
  it('accepts the default model', () => {
    expect(RankingModelDocument.safeParse(DEFAULT_MODEL).success).toBe(true);
    expect(checkModel(DEFAULT_MODEL)).toEqual([]);
  });

  it('refuses a missing weight, a wrong type and an unknown key with the path in the document', () => {
    const doc = structuredClone(DEFAULT_MODEL) as unknown as { variables: Record<string, unknown>[] };
    delete doc.variables[2]!.weight;
    doc.variables[4]!.transform = { type: 'linear', extra: 1 };
    (doc.variables[5]!.source as Record<string, unknown>).measure = 'pets';
    const r = RankingModelDocument.safeParse(doc);
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join('.'))).toEqual([
      'variables.2.weight',
      'variables.4.transform',
      'variables.5.source.measure',
    ]);
    expect(
      RankingModelDocument.safeParse({ ...DEFAULT_MODEL, intercept: 'high' }).error!.issues[0]!.path,
    ).toEqual(['intercept']);
    expect(RankingModelDocument.safeParse({ ...DEFAULT_MODEL, version: 'Has Spaces' }).success).toBe(false);
  });

  it('refuses an unknown instrument variable', () => {
    expect(
      paths(
        withVariable({
          name: 'pool',
          source: { kind: 'household', field: 'hasPool' },
          transform: { type: 'linear' },
          weight: 1,
        }),
      ),
    ).toEqual([[`variables.${last}.source.field`, 'ranking.unknown_variable']]);
  });

  it('refuses codes the codebook does not have, naming each', () => {
    expect(
      paths(
        withVariable({
          name: 'odd_floor',
          source: { kind: 'household', field: 'floorMaterial' },
          transform: { type: 'oneOf', codes: [9, 11, 0] },
          weight: -1,
        }),
      ),
    ).toEqual([
      [`variables.${last}.transform.codes.1`, 'ranking.unknown_code'],
      [`variables.${last}.transform.codes.2`, 'ranking.unknown_code'],
    ]);
  });

  it('refuses oneOf on a number and a code used as a quantity', () => {
    expect(
      paths(
        withVariable({
          name: 'rooms',
          source: { kind: 'household', field: 'roomCount' },
          transform: { type: 'oneOf', codes: [1] },
          weight: 1,
        }),
      ),
    ).toEqual([[`variables.${last}.transform.type`, 'ranking.codes_on_uncoded']]);
    expect(
      paths(
        withVariable({
          name: 'fuel',
          source: { kind: 'household', field: 'cookingFuel' },
          transform: { type: 'linear' },
          weight: 1,
        }),
      ),
    ).toEqual([[`variables.${last}.transform.type`, 'ranking.coded_as_number']]);
    expect(
      paths(
        withVariable({
          name: 'diploma',
          source: { kind: 'composition', measure: 'headDiploma' },
          transform: { type: 'oneOf', codes: [7] },
          weight: 1,
        }),
      ),
    ).toEqual([[`variables.${last}.transform.codes.0`, 'ranking.unknown_code']]);
  });

  it('refuses two variables of one name, pointing at the first', () => {
    const issues = checkModel(withVariable({ ...DEFAULT_MODEL.variables[3]!, weight: 2 }));
    expect(issues.map((i) => [i.field, i.code])).toEqual([
      [`variables.${last}.name`, 'ranking.duplicate_variable'],
    ]);
    expect(issues[0]!.message.en).toBe('Variable name "female_head" is already used by variable 3.');
  });
});

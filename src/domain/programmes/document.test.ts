import { describe, expect, it } from 'vitest';
import {
  DEFAULT_BPNT,
  DEFAULT_KIP_KULIAH,
  DEFAULT_PBI_JK,
  DEFAULT_PKH,
  DEFAULT_PROGRAMMES,
  provincialElderlyAllowance,
} from './defaults.ts';
import { fieldIssuesOf, pointer, validateProgramme } from './document.ts';

type Json = Record<string, unknown>;

/** [path, code] of every problem found, or [] when the document is valid. */
function problems(doc: unknown): [string, string][] {
  const r = validateProgramme(doc);
  return r.ok ? [] : r.errors.map((e) => [e.path, e.code]);
}

const bpnt = (over: Json): Json => ({ ...structuredClone(DEFAULT_BPNT), ...over });

describe('programme documents', () => {
  it('accepts every shipped default and the provincial example', () => {
    for (const doc of [...DEFAULT_PROGRAMMES, provincialElderlyAllowance('35')]) {
      expect(problems(doc), doc.code).toEqual([]);
    }
    const r = validateProgramme(JSON.parse(JSON.stringify(DEFAULT_PKH)));
    expect(r.ok && r.doc.benefit.kind).toBe('cash_components');
  });

  it('writes paths as JSON pointers, escaping ~ and /', () => {
    expect(pointer(['eligibility', 'all', 1, 'var'])).toBe('/eligibility/all/1/var');
    expect(pointer(['rules', 'a/b~c'])).toBe('/rules/a~1b~0c');
  });

  it('names a missing amount, a wrong type and an unknown key at their paths', () => {
    const noAmount = structuredClone(DEFAULT_BPNT) as unknown as { benefit: Json };
    delete noAmount.benefit.amount;
    expect(problems(noAmount)).toEqual([['/benefit/amount', 'programme.missing']]);
    expect(problems(bpnt({ targetDeciles: { scope: 'national', max: 'five' } }))).toEqual([
      ['/targetDeciles/max', 'programme.wrong_type'],
    ]);
    expect(problems(bpnt({ colour: 'red' }))).toEqual([['/colour', 'programme.unknown_key']]);
    expect(
      problems(bpnt({ benefit: { kind: 'cash_monthly', amount: 200_000.5, schedule: { months: [1] } } })),
    ).toEqual([['/benefit/amount', 'programme.wrong_type']]);
    expect(problems(bpnt({ benefit: { kind: 'voucher' } }))).toEqual([
      ['/benefit/kind', 'programme.invalid_value'],
    ]);
    expect(problems(bpnt({ exclusions: ['EMPLOYER', 'RICH'] }))).toEqual([
      ['/exclusions/1', 'programme.invalid_value'],
    ]);
    expect(
      problems({ ...structuredClone(DEFAULT_PBI_JK), benefit: { kind: 'membership', amount: 5 } }),
    ).toEqual([['/benefit/amount', 'programme.invalid_value']]);
  });

  it('refuses an unknown variable at household and member level', () => {
    expect(
      problems(
        bpnt({
          eligibility: {
            all: [
              { var: 'memberCount', op: '>=', value: 1 },
              { var: 'hasPool', op: '=', value: true },
            ],
          },
        }),
      ),
    ).toEqual([['/eligibility/all/1/var', 'programme.unknown_variable']]);
    expect(problems(bpnt({ eligibility: { someMember: { var: 'shoeSize', op: '>', value: 40 } } }))).toEqual([
      ['/eligibility/someMember/var', 'programme.unknown_variable'],
    ]);
    // A member variable is not a household variable.
    expect(problems(bpnt({ eligibility: { var: 'age', op: '>', value: 40 } }))).toEqual([
      ['/eligibility/var', 'programme.unknown_variable'],
    ]);
    const r = validateProgramme(bpnt({ eligibility: { var: 'hasPool', op: '=', value: true } }));
    expect(!r.ok && r.errors[0]!.reason.en).toBe(
      'Unknown household variable "hasPool" (see the list in docs/programmes.md).',
    );
  });

  it('refuses a value of the wrong type for the variable', () => {
    expect(
      problems(
        bpnt({
          eligibility: {
            all: [
              { var: 'memberCount', op: '>=', value: '3' },
              { var: 'hasCar', op: '=', value: 1 },
              { someMember: { var: 'sex', op: '=', value: 'X' } },
              { countMembers: { var: 'age', op: '>=', value: 60 }, op: '>=', value: 1.5 },
            ],
          },
        }),
      ),
    ).toEqual([
      ['/eligibility/all/0/value', 'programme.wrong_type'],
      ['/eligibility/all/1/value', 'programme.wrong_type'],
      ['/eligibility/all/2/someMember/value', 'programme.wrong_type'],
      ['/eligibility/all/3/value', 'programme.wrong_type'],
    ]);
  });

  it('refuses ordering a code, codes the codebook lacks and in on a number', () => {
    expect(
      problems(
        bpnt({
          eligibility: {
            all: [
              { var: 'floorMaterial', op: '>', value: 3 },
              { var: 'cookingFuel', in: [1, 99] },
              { var: 'roomCount', in: [1] },
              { someMember: { var: 'employerType', op: '=', value: 42 } },
            ],
          },
        }),
      ),
    ).toEqual([
      ['/eligibility/all/0/op', 'programme.unordered'],
      ['/eligibility/all/1/in/1', 'programme.unknown_code'],
      ['/eligibility/all/2/in', 'programme.in_uncoded'],
      ['/eligibility/all/3/someMember/value', 'programme.unknown_code'],
    ]);
  });

  it('refuses a rule of no known shape, an unknown operator, an empty group and a member test inside a member rule', () => {
    expect(
      problems(
        bpnt({
          eligibility: {
            any: [
              { maybe: true },
              { var: 'memberCount', op: '~', value: 3 },
              { all: [] },
              { someMember: { someMember: { var: 'age', op: '>', value: 1 } } },
              { not: { var: 'memberCount', op: '>', value: 1, extra: 1 } },
            ],
          },
        }),
      ),
    ).toEqual([
      ['/eligibility/any/0', 'programme.rule_shape'],
      ['/eligibility/any/1/op', 'programme.invalid_value'],
      ['/eligibility/any/2/all', 'programme.empty_group'],
      ['/eligibility/any/3/someMember/someMember', 'programme.member_in_member'],
      ['/eligibility/any/4/not/extra', 'programme.unknown_key'],
    ]);
  });

  it('refuses comparisons on one variable that cannot hold together inside one all, naming the other', () => {
    const r = validateProgramme(
      bpnt({
        eligibility: {
          all: [
            { var: 'memberCount', op: '>=', value: 5 },
            { var: 'criteria14', op: '>=', value: 9 },
            { var: 'memberCount', op: '<', value: 3 },
          ],
        },
      }),
    );
    expect(r.ok ? [] : r.errors.map((e) => [e.path, e.code, e.reason.en])).toEqual([
      [
        '/eligibility/all/2',
        'programme.contradictory',
        'This condition on "memberCount" contradicts /eligibility/all/0 in the same "all": no value satisfies both.',
      ],
    ]);
    expect(
      problems(
        bpnt({
          eligibility: {
            someMember: {
              all: [
                { var: 'educationLevel', in: [1, 2] },
                { var: 'educationLevel', in: [7] },
              ],
            },
          },
        }),
      ),
    ).toEqual([['/eligibility/someMember/all/1', 'programme.contradictory']]);
    expect(
      problems(
        bpnt({
          eligibility: {
            all: [
              { var: 'hasCar', op: '=', value: true },
              { var: 'hasCar', op: '!=', value: true },
            ],
          },
        }),
      ),
    ).toEqual([['/eligibility/all/1', 'programme.contradictory']]);
    // Touching bounds that both include the value, and ranges under any, are fine.
    expect(
      problems(
        bpnt({
          eligibility: {
            all: [
              { var: 'memberCount', op: '>=', value: 3 },
              { var: 'memberCount', op: '<=', value: 3 },
              {
                any: [
                  { var: 'criteria14', op: '<', value: 2 },
                  { var: 'criteria14', op: '>', value: 9 },
                ],
              },
            ],
          },
        }),
      ),
    ).toEqual([]);
    expect(
      problems(
        bpnt({
          eligibility: {
            all: [
              { var: 'memberCount', op: '>', value: 3 },
              { var: 'memberCount', op: '<=', value: 3 },
            ],
          },
        }),
      ),
    ).toEqual([['/eligibility/all/1', 'programme.contradictory']]);
  });

  it('refuses references to undefined rules and circular references', () => {
    expect(problems(bpnt({ eligibility: { rule: 'poor' } }))).toEqual([
      ['/eligibility/rule', 'programme.unknown_rule'],
    ]);
    expect(
      problems(
        bpnt({
          rules: {
            poor: { all: [{ rule: 'big' }, { var: 'criteria14', op: '>=', value: 9 }] },
            big: { any: [{ rule: 'poor' }, { var: 'memberCount', op: '>=', value: 6 }] },
          },
          eligibility: { rule: 'poor' },
        }),
      ),
    ).toEqual([['/rules/big/any/0/rule', 'programme.circular']]);
    expect(
      problems(
        bpnt({
          memberRules: { kid: { not: { rule: 'kid' } } },
          eligibility: { someMember: { rule: 'kid' } },
        }),
      ),
    ).toEqual([['/memberRules/kid/not/rule', 'programme.circular']]);
    // A member rule name is not a household rule name.
    expect(
      problems(
        bpnt({ memberRules: { kid: { var: 'age', op: '<', value: 6 } }, eligibility: { rule: 'kid' } }),
      ),
    ).toEqual([['/eligibility/rule', 'programme.unknown_rule']]);
  });

  it('refuses empty target deciles', () => {
    expect(problems(bpnt({ targetDeciles: { scope: 'national', max: 0 } }))).toEqual([
      ['/targetDeciles/max', 'programme.no_deciles'],
    ]);
    expect(problems(bpnt({ targetDeciles: { scope: 'national', min: 4, max: 3 } }))).toEqual([
      ['/targetDeciles/max', 'programme.no_deciles'],
    ]);
  });

  it('ties door, province code and decile scope to the programme code', () => {
    expect(problems(bpnt({ door: 'province' }))).toEqual([['/door', 'programme.national_door']]);
    expect(problems(bpnt({ provinceCode: '35' }))).toEqual([
      ['/provinceCode', 'programme.national_province'],
    ]);
    const prov = provincialElderlyAllowance('35') as unknown as Json;
    expect(problems({ ...prov, provinceCode: '33' })).toEqual([
      ['/provinceCode', 'programme.province_mismatch'],
    ]);
    expect(problems({ ...prov, provinceCode: undefined })).toEqual([['/provinceCode', 'programme.missing']]);
    expect(problems({ ...prov, door: 'pusdatin' })).toEqual([['/door', 'programme.provincial_door']]);
    expect(problems({ ...prov, targetDeciles: { scope: 'national', max: 3 } })).toEqual([
      ['/targetDeciles/scope', 'programme.provincial_scope'],
    ]);
    expect(problems({ ...prov, code: 'SANTUNAN' })).toEqual([['/code', 'programme.invalid_format']]);
  });

  it('refuses repeated exclusions and components, NO_COMPONENT without components, unordered months', () => {
    expect(problems(bpnt({ exclusions: ['EMPLOYER', 'MOVED', 'EMPLOYER'] }))).toEqual([
      ['/exclusions/2', 'programme.duplicate'],
    ]);
    expect(problems(bpnt({ exclusions: ['NO_COMPONENT'] }))).toEqual([
      ['/exclusions/0', 'programme.no_components'],
    ]);
    const pkh = structuredClone(DEFAULT_PKH) as unknown as { benefit: { components: Json[] } };
    pkh.benefit.components[3]!.code = 'PREGNANT';
    expect(problems(pkh)).toEqual([['/benefit/components/3/code', 'programme.duplicate']]);
    expect(
      problems(bpnt({ benefit: { kind: 'cash_monthly', amount: 1, schedule: { months: [4, 1] } } })),
    ).toEqual([['/benefit/schedule/months/1', 'programme.months_order']]);
  });

  it('checks the member rules of components and per-member benefits', () => {
    const pkh = structuredClone(DEFAULT_PKH) as unknown as { benefit: { components: Json[] } };
    pkh.benefit.components[6]!.member = { var: 'age', op: '>=', value: 'seventy' };
    expect(problems(pkh)).toEqual([['/benefit/components/6/member/value', 'programme.wrong_type']]);
    const kip = structuredClone(DEFAULT_KIP_KULIAH) as unknown as { benefit: Json };
    kip.benefit.member = { rule: 'pupil' };
    expect(problems(kip)).toEqual([['/benefit/member/rule', 'programme.unknown_rule']]);
  });

  it('gives each problem as a field issue for problem+json', () => {
    const r = validateProgramme(bpnt({ targetDeciles: { scope: 'national', max: 0 } }));
    expect(r.ok).toBe(false);
    const [i] = fieldIssuesOf(r.ok ? [] : r.errors);
    expect(i).toEqual({
      field: '/targetDeciles/max',
      code: 'programme.no_deciles',
      severity: 'error',
      message: {
        id: 'Desil sasaran kosong: min 1 lebih besar dari max 0.',
        en: 'The target deciles are empty: min 1 is above max 0.',
      },
    });
  });
});

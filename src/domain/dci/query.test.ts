import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.ts';
import { entityOf, parseQuery } from './query.ts';

describe('parseQuery', () => {
  it('idtype-value: UIN/NIN are NIKs (Member), HOUSEHOLD_ID a KK number (Group); the hint overrides', () => {
    expect(parseQuery('idtype-value', { type: 'UIN', value: '3307010101800001' })).toEqual({
      ok: true,
      query: { kind: 'nik', value: '3307010101800001', entity: 'Member' },
    });
    expect(parseQuery('idtype-value', { type: 'NIN', value: 3307 })).toMatchObject({
      ok: true,
      query: { kind: 'nik', value: '3307' },
    });
    expect(parseQuery('idtype-value', { type: 'HOUSEHOLD_ID', value: '3307' })).toMatchObject({
      query: { kind: 'kk', entity: 'Group' },
    });
    expect(parseQuery('idtype-value', { type: 'UIN', value: '1' }, 'Group')).toMatchObject({
      query: { entity: 'Group' },
    });
    expect(
      parseQuery('idtype-value', { type: 'ns:org:IdType:UIN', value: '1' }, 'ns:SRPerson'),
    ).toMatchObject({ query: { kind: 'nik', entity: 'Member' } });
  });

  it('idtype-value: refuses other identifier types, a missing value and unknown record types, naming them', () => {
    expect(parseQuery('idtype-value', { type: 'MOBILE', value: '0812' })).toEqual({
      ok: false,
      reason: expect.stringMatching(/MOBILE/),
    });
    expect(parseQuery('idtype-value', { type: 'UIN' })).toEqual({
      ok: false,
      reason: expect.stringMatching(/value/),
    });
    expect(parseQuery('idtype-value', 'UIN')).toMatchObject({ ok: false });
    expect(parseQuery('idtype-value', { type: 'UIN', value: '1' }, 'Beneficiary')).toEqual({
      ok: false,
      reason: expect.stringMatching(/Beneficiary/),
    });
  });

  it('expression: $and/$or/$not and operators, collection picks the entity', () => {
    const r = parseQuery('expression', {
      type: 'ns:org:QueryType:expression',
      value: {
        expression: {
          collection: 'Group',
          query: {
            $and: [
              { location: { $eq: '33.07' } },
              { $or: [{ group_size: { $lt: 5 } }, { group_size: { $gte: '8' } }] },
            ],
          },
        },
      },
    });
    expect(r).toEqual({
      ok: true,
      query: {
        kind: 'where',
        entity: 'Group',
        condition: {
          all: [
            { attr: 'region', op: 'eq', value: '33.07' },
            {
              any: [
                { attr: 'group_size', op: 'lt', value: 5 },
                { attr: 'group_size', op: 'ge', value: 8 },
              ],
            },
          ],
        },
      },
    });
    expect(
      parseQuery('expression', {
        value: {
          expression: { collection: 'Member', query: { sex: 'female', $not: { age: { $in: [1, 2] } } } },
        },
      }),
    ).toMatchObject({
      ok: true,
      query: {
        entity: 'Member',
        condition: {
          all: [{ attr: 'sex', op: 'eq', value: 'F' }, { not: { attr: 'age', op: 'in', value: [1, 2] } }],
        },
      },
    });
  });

  it('expression: refuses unknown attributes and operators, bad values, and attributes of the other entity', () => {
    const expr = (query: object, collection = 'Group') =>
      parseQuery('expression', { value: { expression: { collection, query } } });
    expect(expr({ income: { $lt: 5 } })).toEqual({
      ok: false,
      reason: expect.stringMatching(/income/),
    });
    // poverty_score is the household's national decile: Group only, 1–10.
    expect(expr({ poverty_score: { $lt: 5 } })).toEqual({
      ok: true,
      query: { kind: 'where', condition: { attr: 'decile_national', op: 'lt', value: 5 }, entity: 'Group' },
    });
    expect(expr({ desil_provinsi: { $in: [1, 2] } }, 'Member')).toEqual({
      ok: false,
      reason: 'attribute decile_province does not apply to Member records',
    });
    expect(expr({ decile_regency: 11 })).toEqual({
      ok: false,
      reason: expect.stringMatching(/decile from 1 to 10/),
    });
    expect(expr({ group_size: { $regex: 'x' } })).toEqual({
      ok: false,
      reason: expect.stringMatching(/\$regex/),
    });
    expect(expr({ group_size: { $lt: 'many' } })).toEqual({
      ok: false,
      reason: expect.stringMatching(/numbers/),
    });
    expect(expr({ location: { $eq: 'central_region' } })).toEqual({
      ok: false,
      reason: expect.stringMatching(/region code/),
    });
    expect(expr({ location: { $lt: '33' } })).toEqual({
      ok: false,
      reason: expect.stringMatching(/eq or in/),
    });
    expect(expr({ age: { $lt: 5 } })).toEqual({
      ok: false,
      reason: expect.stringMatching(/age does not apply to Group/),
    });
    expect(expr({ group_size: { $lt: 5 } }, 'Member')).toMatchObject({ ok: false });
    expect(expr({ $and: [] })).toMatchObject({ ok: false });
    expect(expr({})).toMatchObject({ ok: false });
    expect(parseQuery('expression', { value: {} })).toMatchObject({ ok: false });
  });

  it('predicate: pairs joined by their condition, items by and, ordered by seq_num; Member by default', () => {
    const r = parseQuery('predicate', [
      { seq_num: 2, expression1: { attribute_name: 'sex', operator: 'eq', attribute_value: 'male' } },
      {
        seq_num: 1,
        expression1: { attribute_name: 'age', operator: 'lt', attribute_value: '25' },
        condition: 'or',
        expression2: { attribute_name: 'age', operator: 'ge', attribute_value: 60 },
      },
    ]);
    expect(r).toEqual({
      ok: true,
      query: {
        kind: 'where',
        entity: 'Member',
        condition: {
          all: [
            {
              any: [
                { attr: 'age', op: 'lt', value: 25 },
                { attr: 'age', op: 'ge', value: 60 },
              ],
            },
            { attr: 'sex', op: 'eq', value: 'M' },
          ],
        },
      },
    });
    expect(
      parseQuery('predicate', [
        {
          expression1: { attribute_name: 'region', operator: 'eq', attribute_value: '33.07.01' },
          condition: 'not',
          expression2: { attribute_name: 'sex', operator: 'eq', attribute_value: 'F' },
        },
      ]),
    ).toMatchObject({
      ok: true,
      query: { condition: { all: [{ attr: 'region' }, { not: { attr: 'sex' } }] } },
    });
  });

  it('predicate: refuses an empty list, a bad condition and an incomplete expression', () => {
    expect(parseQuery('predicate', [])).toMatchObject({ ok: false });
    expect(
      parseQuery('predicate', [
        {
          expression1: { attribute_name: 'age', operator: 'lt', attribute_value: 1 },
          condition: 'xor',
          expression2: { attribute_name: 'age', operator: 'gt', attribute_value: 0 },
        },
      ]),
    ).toEqual({ ok: false, reason: expect.stringMatching(/xor/) });
    expect(parseQuery('predicate', [{ expression1: { attribute_name: 'age' } }])).toMatchObject({
      ok: false,
    });
    expect(
      parseQuery('predicate', [
        { expression1: { attribute_name: 'age', operator: 'in', attribute_value: [] } },
      ]),
    ).toMatchObject({ ok: false });
    expect(parseQuery('graphql', '{ member }')).toEqual({
      ok: false,
      reason: expect.stringMatching(/graphql/),
    });
  });

  it('entityOf reads the record type names of the spec and the suite', () => {
    expect(['Group', 'SRGroup', 'household', 'ns:org:Group'].map(entityOf)).toEqual([
      'Group',
      'Group',
      'Group',
      'Group',
    ]);
    expect(['Member', 'SRMember', 'Person', 'SRPerson'].map(entityOf)).toEqual([
      'Member',
      'Member',
      'Member',
      'Member',
    ]);
    expect([undefined, '', 'Beneficiary', 3].map(entityOf)).toEqual([null, null, null, null]);
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every level, keeps array order, drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: undefined, x: null }], c: 'é' } })).toBe(
      '{"a":{"c":"é","d":[2,{"x":null,"z":1}]},"b":1}',
    );
    expect(canonicalJson({ b: 1, a: 2 })).toBe(canonicalJson({ a: 2, b: 1 }));
    expect(canonicalJson([undefined])).toBe('[null]');
  });
});

/**
 * What a DCI search or subscription asks for, read from the spec's three query forms (social_api_v1.0.0,
 * `SearchRequest.search_criteria`): `idtype-value` (UIN/NIN = NIK, HOUSEHOLD_ID = KK number),
 * `expression` (`{ collection, query: { $and: [{ attr: { $op: value } }] } }`) and `predicate`
 * (`[{ seq_num, expression1, condition, expression2 }]`). The result is a small tree of conditions on the
 * attributes DTKS can answer (docs/dci.md); anything else is refused with the spec's reason code and a
 * message naming what was not understood. Pure: no I/O.
 */

export type Entity = 'Group' | 'Member';
export type Operator = 'eq' | 'lt' | 'le' | 'gt' | 'ge' | 'in';

/** Attributes a query may name, by the entity they apply to. */
export type Attribute =
  | 'region'
  | 'group_size'
  | 'age'
  | 'sex'
  | 'decile_national'
  | 'decile_province'
  | 'decile_regency';
/** The household's decile (desil) in the latest ranking, 1 = poorest tenth: only for the `dci.decile` scope. */
export const DECILE_ATTRIBUTES: readonly Attribute[] = [
  'decile_national',
  'decile_province',
  'decile_regency',
];
const ATTRIBUTE_NAMES: Record<string, Attribute> = {
  region: 'region',
  location: 'region',
  district: 'region',
  village: 'region',
  regency: 'region',
  province: 'region',
  group_size: 'group_size',
  age: 'age',
  sex: 'sex',
  gender: 'sex',
  poverty_score: 'decile_national',
  decile: 'decile_national',
  desil: 'decile_national',
  decile_national: 'decile_national',
  desil_nasional: 'decile_national',
  decile_province: 'decile_province',
  desil_provinsi: 'decile_province',
  decile_regency: 'decile_regency',
  desil_kabupaten: 'decile_regency',
};
const APPLIES_TO: Record<Attribute, readonly Entity[]> = {
  region: ['Group', 'Member'],
  group_size: ['Group'],
  age: ['Member'],
  sex: ['Member'],
  decile_national: ['Group'],
  decile_province: ['Group'],
  decile_regency: ['Group'],
};

export type Condition =
  | { attr: Attribute; op: Operator; value: string | number | (string | number)[] }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

export type Query =
  | { kind: 'nik'; value: string; entity: Entity }
  | { kind: 'kk'; value: string; entity: Entity }
  | { kind: 'where'; condition: Condition; entity: Entity };

export type QueryResult = { ok: true; query: Query } | { ok: false; reason: string };

const ID_TYPES: Record<string, 'nik' | 'kk'> = {
  UIN: 'nik',
  NIN: 'nik',
  NIK: 'nik',
  HOUSEHOLD_ID: 'kk',
  KK: 'kk',
};
const OPERATORS: Record<string, Operator> = {
  eq: 'eq',
  lt: 'lt',
  le: 'le',
  lte: 'le',
  gt: 'gt',
  ge: 'ge',
  gte: 'ge',
  in: 'in',
};

/** `Group` for households, `Member` for persons; record type names of the spec and suite map here. */
export function entityOf(name: unknown): Entity | null {
  if (typeof name !== 'string' || name === '') return null;
  const bare = name.split(':').at(-1)!.toLowerCase();
  if (['group', 'srgroup', 'household'].includes(bare)) return 'Group';
  if (['member', 'srmember', 'person', 'srperson'].includes(bare)) return 'Member';
  return null;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Reads one `search_criteria` (or a subscription's `filter_type` + `filter`, passed the same way).
 * `entityHint` is `response_entity` / `reg_record_type` / `notify_record_type`.
 */
export function parseQuery(queryType: unknown, query: unknown, entityHint?: unknown): QueryResult {
  const hinted = entityOf(entityHint);
  if (entityHint !== undefined && entityHint !== null && !hinted)
    return { ok: false, reason: `record type ${String(entityHint)} is not one DTKS answers (Group, Member)` };
  if (queryType === 'idtype-value') {
    if (!isObject(query) || typeof query.type !== 'string')
      return { ok: false, reason: 'idtype-value needs a query {type, value}' };
    const kind = ID_TYPES[query.type.split(':').at(-1)!.toUpperCase()];
    if (!kind)
      return { ok: false, reason: `identifier type ${query.type} is not supported (UIN, NIN, HOUSEHOLD_ID)` };
    const value = typeof query.value === 'number' ? String(query.value) : query.value;
    if (typeof value !== 'string' || value === '')
      return { ok: false, reason: 'idtype-value needs a string value' };
    return { ok: true, query: { kind, value, entity: hinted ?? (kind === 'nik' ? 'Member' : 'Group') } };
  }
  if (queryType === 'expression') {
    const value = isObject(query) && isObject(query.value) ? query.value : null;
    const expression = value && isObject(value.expression) ? value.expression : null;
    if (!expression)
      return { ok: false, reason: 'expression needs query.value.expression {collection, query}' };
    const entity = hinted ?? entityOf(expression.collection) ?? 'Group';
    const condition = readMongoLike(expression.query);
    if (typeof condition === 'string') return { ok: false, reason: condition };
    return checked({ kind: 'where', condition, entity });
  }
  if (queryType === 'predicate') {
    if (!Array.isArray(query) || query.length === 0)
      return {
        ok: false,
        reason: 'predicate needs a non-empty list of {expression1, condition, expression2}',
      };
    const items = [...query].sort((a, b) => Number(a?.seq_num ?? 0) - Number(b?.seq_num ?? 0));
    const parts: Condition[] = [];
    for (const item of items) {
      if (!isObject(item)) return { ok: false, reason: 'each predicate is an object' };
      const first = readPredicate(item.expression1);
      if (typeof first === 'string') return { ok: false, reason: first };
      if (item.expression2 === undefined) {
        parts.push(item.condition === 'not' ? { not: first } : first);
        continue;
      }
      const second = readPredicate(item.expression2);
      if (typeof second === 'string') return { ok: false, reason: second };
      if (item.condition === 'or') parts.push({ any: [first, second] });
      else if (item.condition === 'not') parts.push({ all: [first, { not: second }] });
      else if (item.condition === 'and' || item.condition === undefined) parts.push({ all: [first, second] });
      else return { ok: false, reason: `condition ${String(item.condition)}: and, or or not` };
    }
    const condition = parts.length === 1 ? parts[0]! : { all: parts };
    return checked({ kind: 'where', condition, entity: hinted ?? 'Member' });
  }
  return { ok: false, reason: `query type ${String(queryType)}: idtype-value, expression or predicate` };
}

function readPredicate(e: unknown): Condition | string {
  if (!isObject(e) || typeof e.attribute_name !== 'string' || typeof e.operator !== 'string')
    return 'a predicate expression needs attribute_name, operator and attribute_value';
  return leaf(e.attribute_name, e.operator, e.attribute_value);
}

function leaf(name: string, operator: string, raw: unknown): Condition | string {
  const attr = ATTRIBUTE_NAMES[name.toLowerCase()];
  if (!attr)
    return `attribute ${name} is not searchable (region, group_size, age, sex, poverty_score/decile_national, decile_province, decile_regency)`;
  const op = OPERATORS[operator.replace(/^\$/, '').toLowerCase()];
  if (!op) return `operator ${operator}: eq, lt, le, gt, ge or in`;
  const values = Array.isArray(raw) ? raw : [raw];
  if (op === 'in' ? values.length === 0 : values.length !== 1)
    return `${name} ${op}: ${op === 'in' ? 'a non-empty list' : 'one value'}`;
  const norm: (string | number)[] = [];
  for (const v of values) {
    if (attr === 'group_size' || attr === 'age' || DECILE_ATTRIBUTES.includes(attr)) {
      const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : Number.NaN;
      if (!Number.isFinite(n)) return `${name} takes numbers, not ${JSON.stringify(v)}`;
      if (DECILE_ATTRIBUTES.includes(attr) && !(Number.isInteger(n) && n >= 1 && n <= 10))
        return `${name} takes a decile from 1 to 10, not ${JSON.stringify(v)}`;
      norm.push(n);
    } else if (attr === 'sex') {
      const s = String(v).toLowerCase();
      const sex = ['m', 'male', 'l', 'laki-laki'].includes(s)
        ? 'M'
        : ['f', 'female', 'p', 'perempuan'].includes(s)
          ? 'F'
          : null;
      if (!sex) return `${name} takes male or female, not ${JSON.stringify(v)}`;
      norm.push(sex);
    } else {
      if (typeof v !== 'string' || !/^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$/.test(v))
        return `${name} takes a region code like 33.07 or 33.07.01, not ${JSON.stringify(v)}`;
      norm.push(v);
    }
  }
  if ((attr === 'region' || attr === 'sex') && !['eq', 'in'].includes(op))
    return `${name} can only be compared with eq or in`;
  return { attr, op, value: op === 'in' ? norm : norm[0]! };
}

/** `{ $and: [...] }`, `{ $or: [...] }`, `{ $not: … }` and `{ attr: { $op: v } }` / `{ attr: v }`. */
function readMongoLike(q: unknown): Condition | string {
  if (!isObject(q)) return 'expression query must be an object';
  const parts: Condition[] = [];
  for (const [key, value] of Object.entries(q)) {
    if (key === '$and' || key === '$or') {
      if (!Array.isArray(value) || value.length === 0) return `${key} needs a non-empty list`;
      const inner: Condition[] = [];
      for (const v of value) {
        const c = readMongoLike(v);
        if (typeof c === 'string') return c;
        inner.push(c);
      }
      parts.push(key === '$and' ? { all: inner } : { any: inner });
    } else if (key === '$not') {
      const c = readMongoLike(value);
      if (typeof c === 'string') return c;
      parts.push({ not: c });
    } else if (isObject(value)) {
      for (const [op, v] of Object.entries(value)) {
        const c = leaf(key, op, v);
        if (typeof c === 'string') return c;
        parts.push(c);
      }
    } else {
      const c = leaf(key, 'eq', value);
      if (typeof c === 'string') return c;
      parts.push(c);
    }
  }
  if (parts.length === 0) return 'expression query names no condition';
  return parts.length === 1 ? parts[0]! : { all: parts };
}

function checked(query: Query & { kind: 'where' }): QueryResult {
  const wrong = attributes(query.condition).find((a) => !APPLIES_TO[a].includes(query.entity));
  if (wrong) return { ok: false, reason: `attribute ${wrong} does not apply to ${query.entity} records` };
  return { ok: true, query };
}

/** Every attribute a query's condition names (none for an idtype-value query). */
export function queryAttributes(q: Query): Attribute[] {
  return q.kind === 'where' ? attributes(q.condition) : [];
}

function attributes(c: Condition): Attribute[] {
  if ('all' in c) return c.all.flatMap(attributes);
  if ('any' in c) return c.any.flatMap(attributes);
  if ('not' in c) return attributes(c.not);
  return [c.attr];
}

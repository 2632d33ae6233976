/**
 * A programme (PKH, BPNT, PBI-JK, KIP Kuliah, a province's own assistance) as a versioned JSON document:
 * its door, target deciles, eligibility rules, exclusions and benefit (docs/programmes.md). The zod schema
 * checks the document's shape; `validateProgramme` also walks the rules and refuses anything the evaluation
 * could not read or that could never hold, each problem with its JSON pointer in the document
 * (`/eligibility/all/1/var`), the way ranking models are checked (src/domain/ranking/model.ts).
 */
import { z } from 'zod';
import { label, type MessageCode, message, schemaMessage } from '../catalogue.ts';
import type { FieldIssue, Text } from '../errors.ts';
import { codedField } from '../instrument/codebook.ts';
import { EXCLUSION_CODES } from './exclusions.ts';
import { type MemberRule, OPERATORS, type Rule } from './rules.ts';
import { HOUSEHOLD_VARIABLES, MEMBER_VARIABLES, type VariableDef } from './variables.ts';

export const NATIONAL_PROGRAMMES = ['PKH', 'BPNT', 'PBI_JK', 'KIP_KULIAH'] as const;
/** A national code, or a province's own programme: `PROV_<province code>_<NAME>`. */
export const PROGRAMME_CODE = /^(PKH|BPNT|PBI_JK|KIP_KULIAH|PROV_\d{2}_[A-Z0-9_]{1,40})$/;
export const PROGRAMME_VERSION = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;
const RULE_NAME = /^[a-z][a-z0-9_]{0,39}$/;
/** Deepest rule nesting accepted (a guard against runaway documents, far above any real rule). */
export const MAX_RULE_DEPTH = 20;

const rupiah = z.number().int().min(0).max(1_000_000_000);
const bilingual = z.strictObject({ id: z.string().min(1).max(200), en: z.string().min(1).max(200) });
/** Rules are walked by `checkRules` (exact paths); the schema only says they are there. */
const ruleNode = z.custom<Rule>((v) => v !== undefined, { message: 'a rule' });
const memberRuleNode = z.custom<MemberRule>((v) => v !== undefined, { message: 'a rule' });

export const Schedule = z.strictObject({
  /** Months of the year (1–12) in which a payment is made. */
  months: z.array(z.number().int().min(1).max(12)).min(1).max(12),
});
export type Schedule = z.infer<typeof Schedule>;

export const Component = z.strictObject({
  code: z.string().regex(/^[A-Z][A-Z0-9_]{0,39}$/),
  name: bilingual,
  yearlyAmount: rupiah.min(1),
  member: memberRuleNode,
});

export const Benefit = z.discriminatedUnion('kind', [
  /** The same cash amount in each scheduled month (BPNT/Sembako). */
  z.strictObject({ kind: z.literal('cash_monthly'), amount: rupiah.min(1), schedule: Schedule }),
  /** PKH: components counted per member, capped, the yearly total paid in equal tranches. */
  z.strictObject({
    kind: z.literal('cash_components'),
    components: z.array(Component).min(1).max(30),
    maxComponents: z.number().int().min(1).max(30),
    schedule: Schedule,
  }),
  /** PBI-JK: a membership (the premium is paid to BPJS), no cash to the family. */
  z.strictObject({ kind: z.literal('membership'), amount: z.literal(0) }),
  /** KIP Kuliah: an amount per member who qualifies (a student), in each scheduled month. */
  z.strictObject({
    kind: z.literal('per_member'),
    code: z.string().regex(/^[A-Z][A-Z0-9_]{0,39}$/),
    name: bilingual,
    member: memberRuleNode,
    amount: rupiah.min(1),
    schedule: Schedule,
  }),
]);
export type Benefit = z.infer<typeof Benefit>;

export const ProgrammeDocument = z.strictObject({
  code: z.string().regex(PROGRAMME_CODE),
  version: z.string().regex(PROGRAMME_VERSION),
  name: bilingual,
  description: bilingual.optional(),
  door: z.enum(['pusdatin', 'province']),
  provinceCode: z
    .string()
    .regex(/^\d{2}$/)
    .optional(),
  targetDeciles: z.strictObject({
    scope: z.enum(['national', 'province', 'regency']),
    min: z.number().int().min(1).max(10).optional(),
    max: z.number().int().min(0).max(10),
  }),
  rules: z.record(z.string().regex(RULE_NAME), ruleNode).optional(),
  memberRules: z.record(z.string().regex(RULE_NAME), memberRuleNode).optional(),
  eligibility: ruleNode.optional(),
  exclusions: z.array(z.enum(EXCLUSION_CODES)).max(EXCLUSION_CODES.length),
  benefit: Benefit,
});
export type ProgrammeDocument = z.infer<typeof ProgrammeDocument>;
export type DecileScope = ProgrammeDocument['targetDeciles']['scope'];

/** One problem in a document: where (JSON pointer), its catalogue code, and the text in both languages. */
export interface ProgrammeIssue {
  path: string;
  code: MessageCode;
  reason: Text;
}

export type ValidationResult = { ok: true; doc: ProgrammeDocument } | { ok: false; errors: ProgrammeIssue[] };

export function pointer(segments: readonly (string | number)[]): string {
  return segments.map((s) => `/${String(s).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');
}

function problem(path: readonly (string | number)[], code: MessageCode, reason: Text): ProgrammeIssue {
  return { path: pointer(path), code, reason };
}

/** Zod's findings on the shape, in the catalogue's words. */
function shapeIssues(issues: readonly z.core.$ZodIssue[]): ProgrammeIssue[] {
  return issues.flatMap((i): ProgrammeIssue[] => {
    const at = i.path as (string | number)[];
    switch (i.code) {
      case 'unrecognized_keys':
        return i.keys.map((k) =>
          problem([...at, k], 'programme.unknown_key', message('programme.unknown_key', { key: k })),
        );
      case 'invalid_type':
        return [
          i.input === undefined
            ? problem(at, 'programme.missing', message('programme.missing'))
            : problem(
                at,
                'programme.wrong_type',
                message('programme.wrong_type', { expected: String(i.expected) }),
              ),
        ];
      case 'invalid_value':
        return [
          problem(
            at,
            'programme.invalid_value',
            message('programme.invalid_value', { values: i.values.map(String).join(', ') }),
          ),
        ];
      case 'invalid_union':
        return [
          problem(
            at,
            'programme.invalid_value',
            message('programme.invalid_value', {
              values: 'cash_monthly, cash_components, membership, per_member',
            }),
          ),
        ];
      case 'too_small':
        return [
          problem(at, 'programme.too_small', message('programme.too_small', { minimum: String(i.minimum) })),
        ];
      case 'too_big':
        return [
          problem(at, 'programme.too_big', message('programme.too_big', { maximum: String(i.maximum) })),
        ];
      case 'invalid_format':
        return [problem(at, 'programme.invalid_format', message('programme.invalid_format'))];
      default:
        return [
          problem(
            at,
            'programme.invalid',
            message('programme.invalid', { reason: schemaMessage(i.message) ?? i.message }),
          ),
        ];
    }
  });
}

type Path = (string | number)[];
type Level = 'household' | 'member';

/** The set of values a variable may still take inside one `all`, to find comparisons that cannot both hold. */
interface Range {
  lo: number;
  loStrict: boolean;
  hi: number;
  hiStrict: boolean;
  /** For codes, flags and sex: the values still allowed. */
  allowed: Set<unknown> | null;
}

const KIND_TYPE: Record<VariableDef['kind'], string> = {
  number: 'number',
  coded: 'number',
  flag: 'boolean',
  sex: 'string',
};

function universe(def: VariableDef): Set<unknown> | null {
  if (def.kind === 'coded') return new Set(codedField(def.codedAs!)!.options.map((o) => o.code));
  if (def.kind === 'flag') return new Set([true, false]);
  if (def.kind === 'sex') return new Set(['M', 'F']);
  return null;
}

function narrow(r: Range, node: Record<string, unknown>): void {
  if (Array.isArray(node.in)) {
    const codes = new Set(node.in);
    r.allowed = new Set([...r.allowed!].filter((v) => codes.has(v)));
    return;
  }
  const { op, value } = node as { op: string; value: unknown };
  if (r.allowed) {
    if (op === '=') r.allowed = new Set([...r.allowed].filter((v) => v === value));
    else if (op === '!=') r.allowed.delete(value);
    return;
  }
  const v = value as number;
  const raiseLo = (strict: boolean) => {
    if (v > r.lo || (v === r.lo && strict)) [r.lo, r.loStrict] = [v, strict];
  };
  const lowerHi = (strict: boolean) => {
    if (v < r.hi || (v === r.hi && strict)) [r.hi, r.hiStrict] = [v, strict];
  };
  if (op === '>') raiseLo(true);
  else if (op === '>=') raiseLo(false);
  else if (op === '<') lowerHi(true);
  else if (op === '<=') lowerHi(false);
  else if (op === '=') {
    raiseLo(false);
    lowerHi(false);
  }
}

function isEmpty(r: Range): boolean {
  if (r.allowed) return r.allowed.size === 0;
  return r.lo > r.hi || (r.lo === r.hi && (r.loStrict || r.hiStrict));
}

class RuleChecker {
  readonly issues: ProgrammeIssue[] = [];
  readonly #names: { household: Set<string>; member: Set<string> };
  constructor(names: { household: Set<string>; member: Set<string> }) {
    this.#names = names;
  }

  private add(path: Path, code: MessageCode, reason: Text) {
    this.issues.push(problem(path, code, reason));
  }

  check(node: unknown, path: Path, level: Level, depth = 0): void {
    if (depth > MAX_RULE_DEPTH) {
      this.add(path, 'programme.too_deep', message('programme.too_deep', { max: MAX_RULE_DEPTH }));
      return;
    }
    if (typeof node !== 'object' || node === null || Array.isArray(node)) {
      this.add(path, 'programme.rule_shape', message('programme.rule_shape'));
      return;
    }
    const n = node as Record<string, unknown>;
    const keys = Object.keys(n);
    const group = (['all', 'any'] as const).find((k) => k in n);
    const allowedKeys = (...ks: string[]) => {
      for (const k of keys) {
        if (!ks.includes(k)) {
          this.add([...path, k], 'programme.unknown_key', message('programme.unknown_key', { key: k }));
        }
      }
    };
    if (group) {
      allowedKeys(group);
      const items = n[group];
      if (!Array.isArray(items) || items.length === 0) {
        this.add([...path, group], 'programme.empty_group', message('programme.empty_group'));
        return;
      }
      items.forEach((child, i) => {
        this.check(child, [...path, group, i], level, depth + 1);
      });
      if (group === 'all') this.contradictions(items, [...path, group], level);
      return;
    }
    if ('not' in n) {
      allowedKeys('not');
      this.check(n.not, [...path, 'not'], level, depth + 1);
      return;
    }
    if ('rule' in n) {
      allowedKeys('rule');
      const names = this.#names[level];
      if (typeof n.rule !== 'string' || !names.has(n.rule)) {
        this.add(
          [...path, 'rule'],
          'programme.unknown_rule',
          message('programme.unknown_rule', {
            name: String(n.rule),
            where: level === 'household' ? '/rules' : '/memberRules',
          }),
        );
      }
      return;
    }
    if ('someMember' in n || 'countMembers' in n) {
      const key = 'someMember' in n ? 'someMember' : 'countMembers';
      if (level === 'member') {
        this.add([...path, key], 'programme.member_in_member', message('programme.member_in_member'));
        return;
      }
      if (key === 'someMember') allowedKeys('someMember');
      else {
        allowedKeys('countMembers', 'op', 'value');
        this.operator(n, path);
        if (!Number.isInteger(n.value) || (n.value as number) < 0) {
          this.add(
            [...path, 'value'],
            'programme.wrong_type',
            message('programme.wrong_type', { expected: label('programme.type.count') }),
          );
        }
      }
      this.check(n[key], [...path, key], 'member', depth + 1);
      return;
    }
    if ('var' in n) {
      this.comparison(n, path, level);
      return;
    }
    this.add(path, 'programme.rule_shape', message('programme.rule_shape'));
  }

  private operator(n: Record<string, unknown>, path: Path): boolean {
    if (typeof n.op === 'string' && (OPERATORS as readonly string[]).includes(n.op)) return true;
    this.add(
      [...path, 'op'],
      'programme.invalid_value',
      message('programme.invalid_value', { values: OPERATORS.join(', ') }),
    );
    return false;
  }

  private variable(n: Record<string, unknown>, path: Path, level: Level): VariableDef | null {
    const def =
      typeof n.var === 'string'
        ? (level === 'household' ? HOUSEHOLD_VARIABLES : MEMBER_VARIABLES).get(n.var)
        : undefined;
    if (!def) {
      this.add(
        [...path, 'var'],
        'programme.unknown_variable',
        message('programme.unknown_variable', {
          name: String(n.var),
          level: label(level === 'household' ? 'programme.level.household' : 'programme.level.member'),
        }),
      );
    }
    return def ?? null;
  }

  private comparison(n: Record<string, unknown>, path: Path, level: Level): void {
    const def = this.variable(n, path, level);
    if ('in' in n) {
      for (const k of Object.keys(n)) {
        if (k !== 'var' && k !== 'in') {
          this.add([...path, k], 'programme.unknown_key', message('programme.unknown_key', { key: k }));
        }
      }
      if (!Array.isArray(n.in) || n.in.length === 0) {
        this.add([...path, 'in'], 'programme.empty_group', message('programme.empty_group'));
        return;
      }
      if (!def) return;
      if (def.kind !== 'coded') {
        this.add(
          [...path, 'in'],
          'programme.in_uncoded',
          message('programme.in_uncoded', { name: def.name }),
        );
        return;
      }
      n.in.forEach((code, k) => {
        this.code(def, code, [...path, 'in', k]);
      });
      return;
    }
    for (const k of Object.keys(n)) {
      if (k !== 'var' && k !== 'op' && k !== 'value') {
        this.add([...path, k], 'programme.unknown_key', message('programme.unknown_key', { key: k }));
      }
    }
    const opOk = this.operator(n, path);
    if (!('value' in n)) {
      this.add([...path, 'value'], 'programme.missing', message('programme.missing'));
      return;
    }
    if (!def) return;
    const ordered = n.op === '<' || n.op === '<=' || n.op === '>' || n.op === '>=';
    if (def.kind === 'number') {
      if (typeof n.value !== 'number' || !Number.isFinite(n.value)) this.wrongType(path, def);
      return;
    }
    if (opOk && ordered) {
      this.add([...path, 'op'], 'programme.unordered', message('programme.unordered', { name: def.name }));
    }
    if (def.kind === 'coded') this.code(def, n.value, [...path, 'value']);
    else if (def.kind === 'flag' && typeof n.value !== 'boolean') this.wrongType(path, def);
    else if (def.kind === 'sex' && n.value !== 'M' && n.value !== 'F') this.wrongType(path, def);
  }

  private wrongType(path: Path, def: VariableDef) {
    this.add(
      [...path, 'value'],
      'programme.wrong_type',
      message('programme.wrong_type', { expected: label(`programme.type.${def.kind}`) }),
    );
  }

  private code(def: VariableDef, code: unknown, path: Path) {
    const known = codedField(def.codedAs!)!.options.some((o) => o.code === code);
    if (!known) {
      this.add(
        path,
        'programme.unknown_code',
        message('programme.unknown_code', { code: String(code), name: def.name }),
      );
    }
  }

  /** Two comparisons on one variable inside one `all` that no value satisfies together. */
  private contradictions(items: unknown[], path: Path, level: Level) {
    const ranges = new Map<string, { range: Range; first: number }>();
    items.forEach((child, i) => {
      if (typeof child !== 'object' || child === null || !('var' in child)) return;
      const n = child as Record<string, unknown>;
      const def = (level === 'household' ? HOUSEHOLD_VARIABLES : MEMBER_VARIABLES).get(String(n.var));
      if (!def) return;
      const valid =
        'in' in n
          ? Array.isArray(n.in) && def.kind === 'coded'
          : typeof n.op === 'string' &&
            (OPERATORS as readonly string[]).includes(n.op) &&
            (def.kind === 'number'
              ? typeof n.value === 'number'
              : (n.op === '=' || n.op === '!=') && typeof n.value === KIND_TYPE[def.kind]);
      if (!valid) return;
      let entry = ranges.get(def.name);
      if (!entry) {
        entry = {
          range: { lo: -Infinity, loStrict: false, hi: Infinity, hiStrict: false, allowed: universe(def) },
          first: i,
        };
        ranges.set(def.name, entry);
      }
      if (isEmpty(entry.range)) return;
      narrow(entry.range, n);
      if (isEmpty(entry.range)) {
        this.add(
          [...path, i],
          'programme.contradictory',
          message('programme.contradictory', { name: def.name, other: pointer([...path, entry.first]) }),
        );
      }
    });
  }
}

/** Named rules that refer to themselves through other named rules: the reference that closes each cycle. */
function cycles(
  defs: Readonly<Record<string, unknown>>,
  base: string,
  refsOf: (node: unknown, at: Path, out: { name: string; at: Path }[]) => void,
): ProgrammeIssue[] {
  const issues: ProgrammeIssue[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string) => {
    state.set(name, 'visiting');
    const refs: { name: string; at: Path }[] = [];
    refsOf(defs[name], [base, name], refs);
    for (const ref of refs) {
      if (!(ref.name in defs)) continue;
      const s = state.get(ref.name);
      if (s === 'visiting') {
        issues.push(problem(ref.at, 'programme.circular', message('programme.circular', { name: ref.name })));
      } else if (s === undefined) visit(ref.name);
    }
    state.set(name, 'done');
  };
  for (const name of Object.keys(defs)) if (!state.has(name)) visit(name);
  return issues;
}

/** References (`{ "rule": … }`) in a rule tree at one level; member rules inside household rules are skipped. */
function collectRefs(level: Level) {
  const walk = (node: unknown, at: Path, out: { name: string; at: Path }[], depth = 0): void => {
    if (depth > MAX_RULE_DEPTH || typeof node !== 'object' || node === null) return;
    const n = node as Record<string, unknown>;
    for (const g of ['all', 'any'] as const) {
      if (Array.isArray(n[g]))
        (n[g] as unknown[]).forEach((c, i) => {
          walk(c, [...at, g, i], out, depth + 1);
        });
    }
    if ('not' in n) walk(n.not, [...at, 'not'], out, depth + 1);
    if (typeof n.rule === 'string') out.push({ name: n.rule, at: [...at, 'rule'] });
    if (level === 'member') {
      for (const k of ['someMember', 'countMembers']) if (k in n) walk(n[k], [...at, k], out, depth + 1);
    }
  };
  return walk;
}

/** Member-rule references made from household rules (inside someMember/countMembers) do not form cycles. */
function memberRefs(node: unknown, at: Path, out: { name: string; at: Path }[]) {
  collectRefs('member')(node, at, out);
}

/** The checks the schema cannot make: rules, door and province, deciles, exclusions that fit the benefit. */
function semanticIssues(doc: ProgrammeDocument): ProgrammeIssue[] {
  const issues: ProgrammeIssue[] = [];
  const rules = (doc.rules ?? {}) as Record<string, unknown>;
  const memberRules = (doc.memberRules ?? {}) as Record<string, unknown>;
  const checker = new RuleChecker({
    household: new Set(Object.keys(rules)),
    member: new Set(Object.keys(memberRules)),
  });
  for (const [name, r] of Object.entries(rules)) checker.check(r, ['rules', name], 'household');
  for (const [name, r] of Object.entries(memberRules)) checker.check(r, ['memberRules', name], 'member');
  if (doc.eligibility !== undefined) checker.check(doc.eligibility, ['eligibility'], 'household');
  if (doc.benefit.kind === 'cash_components') {
    doc.benefit.components.forEach((c, i) => {
      checker.check(c.member, ['benefit', 'components', i, 'member'], 'member');
    });
  }
  if (doc.benefit.kind === 'per_member') checker.check(doc.benefit.member, ['benefit', 'member'], 'member');
  issues.push(...checker.issues);
  if (checker.issues.length === 0) {
    issues.push(...cycles(rules, 'rules', collectRefs('household')));
    issues.push(...cycles(memberRules, 'memberRules', memberRefs));
  }

  const t = doc.targetDeciles;
  if (t.max < (t.min ?? 1)) {
    issues.push(
      problem(
        ['targetDeciles', 'max'],
        'programme.no_deciles',
        message('programme.no_deciles', { min: t.min ?? 1, max: t.max }),
      ),
    );
  }
  const national = (NATIONAL_PROGRAMMES as readonly string[]).includes(doc.code);
  if (national && doc.door !== 'pusdatin') {
    issues.push(
      problem(['door'], 'programme.national_door', message('programme.national_door', { code: doc.code })),
    );
  }
  if (!national) {
    if (doc.door !== 'province') {
      issues.push(
        problem(
          ['door'],
          'programme.provincial_door',
          message('programme.provincial_door', { code: doc.code }),
        ),
      );
    }
    const own = doc.code.slice(5, 7);
    if (doc.provinceCode === undefined) {
      issues.push(problem(['provinceCode'], 'programme.missing', message('programme.missing')));
    } else if (doc.provinceCode !== own) {
      issues.push(
        problem(
          ['provinceCode'],
          'programme.province_mismatch',
          message('programme.province_mismatch', { code: doc.code, province: doc.provinceCode }),
        ),
      );
    }
  } else if (doc.provinceCode !== undefined) {
    issues.push(
      problem(['provinceCode'], 'programme.national_province', message('programme.national_province')),
    );
  }
  if (t.scope === 'national' && !national) {
    issues.push(
      problem(
        ['targetDeciles', 'scope'],
        'programme.provincial_scope',
        message('programme.provincial_scope'),
      ),
    );
  }

  const seen = new Map<string, number>();
  doc.exclusions.forEach((code, i) => {
    if (seen.has(code)) {
      issues.push(
        problem(
          ['exclusions', i],
          'programme.duplicate',
          message('programme.duplicate', { value: code, other: pointer(['exclusions', seen.get(code)!]) }),
        ),
      );
    } else seen.set(code, i);
    if (code === 'NO_COMPONENT' && doc.benefit.kind !== 'cash_components') {
      issues.push(problem(['exclusions', i], 'programme.no_components', message('programme.no_components')));
    }
  });
  if (doc.benefit.kind === 'cash_components') {
    const codes = new Map<string, number>();
    doc.benefit.components.forEach((c, i) => {
      if (codes.has(c.code)) {
        issues.push(
          problem(
            ['benefit', 'components', i, 'code'],
            'programme.duplicate',
            message('programme.duplicate', {
              value: c.code,
              other: pointer(['benefit', 'components', codes.get(c.code)!, 'code']),
            }),
          ),
        );
      } else codes.set(c.code, i);
    });
  }
  if ('schedule' in doc.benefit) {
    const months = doc.benefit.schedule.months;
    months.forEach((m, i) => {
      if (i > 0 && m <= months[i - 1]!) {
        issues.push(
          problem(
            ['benefit', 'schedule', 'months', i],
            'programme.months_order',
            message('programme.months_order'),
          ),
        );
      }
    });
  }
  return issues;
}

/** Checks a programme document; on success the typed document, else every problem with its path. */
export function validateProgramme(json: unknown): ValidationResult {
  const parsed = ProgrammeDocument.safeParse(json, { reportInput: true });
  if (!parsed.success) return { ok: false, errors: shapeIssues(parsed.error.issues) };
  const errors = semanticIssues(parsed.data);
  return errors.length ? { ok: false, errors } : { ok: true, doc: parsed.data };
}

/** The issues as field issues (`field` is the JSON pointer), for problem+json answers and the CLI. */
export function fieldIssuesOf(errors: readonly ProgrammeIssue[]): FieldIssue[] {
  return errors.map((e) => ({ field: e.path, code: e.code, message: e.reason, severity: 'error' }));
}

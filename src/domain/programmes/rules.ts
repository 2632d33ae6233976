/**
 * The rule vocabulary of programme documents (docs/programmes.md) and its evaluation. A household rule reads
 * household variables and may ask about members (`someMember`, `countMembers`); a member rule reads one
 * member's variables. Both may name a rule defined once in the document (`{ "rule": "name" }`). An unknown
 * answer (null) satisfies no comparison, so `not` of a comparison on an unknown answer is satisfied.
 */
import type { HouseholdFacts, MemberFacts } from './facts.ts';

export const OPERATORS = ['=', '!=', '<', '<=', '>', '>='] as const;
export type Operator = (typeof OPERATORS)[number];

export type Scalar = number | boolean | string;

export interface Compare {
  var: string;
  op: Operator;
  value: Scalar;
}
export interface OneOf {
  var: string;
  in: number[];
}
export interface RuleRef {
  rule: string;
}

export type MemberRule =
  | { all: MemberRule[] }
  | { any: MemberRule[] }
  | { not: MemberRule }
  | Compare
  | OneOf
  | RuleRef;

export type Rule =
  | { all: Rule[] }
  | { any: Rule[] }
  | { not: Rule }
  | Compare
  | OneOf
  | RuleRef
  | { someMember: MemberRule }
  | { countMembers: MemberRule; op: Operator; value: number };

/** Named rules a document defines once: household rules and member rules are separate namespaces. */
export interface RuleBook {
  rules?: Readonly<Record<string, Rule>>;
  memberRules?: Readonly<Record<string, MemberRule>>;
}

export type Value = number | boolean | string | null | undefined;

export function compare(left: Value, op: Operator, right: Scalar): boolean {
  if (left === null || left === undefined) return false;
  switch (op) {
    case '=':
      return left === right;
    case '!=':
      return left !== right;
    case '<':
      return left < right;
    case '<=':
      return left <= right;
    case '>':
      return left > right;
    case '>=':
      return left >= right;
  }
}

export function memberValue(m: MemberFacts, variable: string): Value {
  return (m as unknown as Record<string, Value>)[variable];
}

export function householdValue(h: HouseholdFacts, variable: string): Value {
  switch (variable) {
    case 'memberCount':
      return h.members.length;
    case 'criteria14':
      return h.criteria14;
    case 'decileNational':
      return h.deciles?.national ?? null;
    case 'decileProvince':
      return h.deciles?.province ?? null;
    case 'decileRegency':
      return h.deciles?.regency ?? null;
    case 'hasKks':
      return h.hasKks;
    default:
      return h.answers[variable];
  }
}

function leaf(rule: Compare | OneOf, value: Value): boolean {
  if ('in' in rule) return typeof value === 'number' && rule.in.includes(value);
  return compare(value, rule.op, rule.value);
}

/** Whether a member satisfies a member rule (references already validated: no cycles). */
export function memberHolds(rule: MemberRule, m: MemberFacts, book: RuleBook): boolean {
  if ('all' in rule) return rule.all.every((r) => memberHolds(r, m, book));
  if ('any' in rule) return rule.any.some((r) => memberHolds(r, m, book));
  if ('not' in rule) return !memberHolds(rule.not, m, book);
  if ('rule' in rule) return memberHolds(book.memberRules![rule.rule]!, m, book);
  return leaf(rule, memberValue(m, rule.var));
}

/** Whether a household satisfies a household rule; members are its active members. */
export function householdHolds(rule: Rule, h: HouseholdFacts, book: RuleBook): boolean {
  if ('all' in rule) return rule.all.every((r) => householdHolds(r, h, book));
  if ('any' in rule) return rule.any.some((r) => householdHolds(r, h, book));
  if ('not' in rule) return !householdHolds(rule.not, h, book);
  if ('rule' in rule) return householdHolds(book.rules![rule.rule]!, h, book);
  if ('someMember' in rule) return h.members.some((m) => memberHolds(rule.someMember, m, book));
  if ('countMembers' in rule) {
    const n = h.members.filter((m) => memberHolds(rule.countMembers, m, book)).length;
    return compare(n, rule.op, rule.value);
  }
  return leaf(rule, householdValue(h, rule.var));
}

/**
 * One household against one programme version for one period: is it a candidate (target deciles, province,
 * eligibility rules), which exclusions hold, what it is entitled to in a year (PKH components counted and
 * capped), and line by line why — as catalogue codes with plain parameters (numbers and strings; the
 * document's own texts — a rule, a component, the schedule — by reference), which `reasonText` renders in
 * both languages with the programme version. Rendering is left to whoever shows a line: a proposal stores
 * the codes and parameters of a million households and renders only the page read.
 * `amountForPeriod` turns that into the integer rupiah paid in one month (docs/programmes.md):
 * - scheduled cash (BPNT): the amount in each scheduled month, 0 in the others;
 * - PKH: the yearly total of the counted components in equal tranches in the scheduled months (January,
 *   April, July, October: a quarter each), any rupiah left by the division paid with the last tranche;
 * - per member (KIP Kuliah): the amount × the qualifying members in each scheduled month;
 * - membership (PBI-JK): 0, the premium goes to BPJS, not to the family.
 */

import type { ParamValue, Text } from '../catalogue.ts';
import { type LabelKey, label, perLang } from '../catalogue.ts';
import { describeMemberRule, describeRule, eligibilityLines, monthsText, rupiahText } from './describe.ts';
import type { DecileScope, ProgrammeDocument } from './document.ts';
import { EXCLUSION_LABELS, type Exclusion, type ExclusionCode, exclusionsOf } from './exclusions.ts';
import type { HouseholdFacts, MemberFacts } from './facts.ts';
import { householdHolds, type MemberRule, memberHolds, type Rule } from './rules.ts';

export interface EvaluationContext {
  /** YYYY-MM. */
  period: string;
  /** The regional minimum wage that applies to the household (integer rupiah per month), if one is set. */
  minimumWage: number | null;
}

/**
 * One line of why. Parameters are plain values; the document's texts by reference: `scope` a decile scope,
 * `rule` the index of an eligibility line (`eligibilityLines`), `component` a component's code, `amount` an
 * integer of rupiah, `exclusion` an exclusion code. `reasonText` renders it.
 */
export interface Reason {
  code: ReasonCode;
  params: ReasonParams;
}

export type ReasonCode = Extract<LabelKey, `programme.why.${string}`>;
export type ReasonParams = Record<string, string | number>;

export interface ComponentCount {
  code: string;
  count: number;
  /** count × the component's yearly amount, integer rupiah. */
  yearlyAmount: number;
}

export interface Evaluation {
  programme: string;
  version: string;
  period: string;
  /** In the target deciles (and province) and meeting the eligibility rules. */
  candidate: boolean;
  /** At least one of the programme's exclusions holds. */
  excluded: boolean;
  exclusions: Exclusion[];
  /** candidate and not excluded: the household receives the programme in the period. */
  receives: boolean;
  /** PKH: components counted (after the cap); per member: the qualifying members. */
  components: ComponentCount[];
  /** What the household receives in a year under this version (0 unless it receives). */
  yearlyAmount: number;
  reasons: Reason[];
}

function why(code: ReasonCode, params: ReasonParams = {}): Reason {
  return { code, params };
}

const renderLabel = label as (key: LabelKey, params?: Record<string, ParamValue>) => Text;

function componentName(doc: ProgrammeDocument, code: string | number | undefined): Text {
  const b = doc.benefit;
  if (b.kind === 'cash_components') {
    const def = b.components.find((d) => d.code === code);
    if (def) return def.name;
  }
  if (b.kind === 'per_member' && b.code === code) return b.name;
  return perLang(() => String(code));
}

/** A line of why in both languages, from its code and parameters and the programme version it was made with. */
export function reasonText(doc: ProgrammeDocument, r: Reason): Text {
  const p = r.params;
  switch (r.code) {
    case 'programme.why.decile_in':
    case 'programme.why.decile_out':
      return renderLabel(r.code, { ...p, scope: scopeLabel(p.scope as DecileScope) });
    case 'programme.why.rule_met':
    case 'programme.why.rule_failed': {
      const line = eligibilityLines(doc)[Number(p.rule)];
      return renderLabel(r.code, { rule: line ? describeRule(line, doc) : perLang(() => String(p.rule)) });
    }
    case 'programme.why.component':
      return renderLabel(r.code, {
        count: p.count!,
        component: componentName(doc, p.component),
        amount: rupiahText(Number(p.amount)),
      });
    case 'programme.why.no_member': {
      const b = doc.benefit;
      return renderLabel(r.code, {
        component: b.kind === 'per_member' ? describeMemberRule(b.member, doc) : perLang(() => ''),
      });
    }
    case 'programme.why.excluded':
    case 'programme.why.excluded_member':
      return renderLabel(r.code, {
        ...p,
        exclusion: EXCLUSION_LABELS[p.exclusion as ExclusionCode] ?? perLang(() => String(p.exclusion)),
      });
    case 'programme.why.amount':
      return renderLabel(r.code, {
        amount: rupiahText(Number(p.amount)),
        months: monthsText(scheduleMonths(doc)),
      });
    default:
      return renderLabel(r.code, p);
  }
}

const SCOPE_KEY: Record<DecileScope, 'national' | 'province' | 'regency'> = {
  national: 'national',
  province: 'province',
  regency: 'regency',
};

function scopeLabel(scope: DecileScope): Text {
  return label(`programme.scope.${scope}`);
}

/**
 * PKH components: each member counts for at most one component — the highest-paying one they qualify for —
 * and the family for at most `maxComponents`, the highest-paying first (docs/programmes.md).
 */
export function countComponents(
  doc: ProgrammeDocument,
  members: readonly MemberFacts[],
): { counts: ComponentCount[]; uncapped: number } {
  if (doc.benefit.kind !== 'cash_components') return { counts: [], uncapped: 0 };
  const { components, maxComponents } = doc.benefit;
  const order = components
    .map((c, i) => ({ c, i }))
    .sort((a, b) => b.c.yearlyAmount - a.c.yearlyAmount || a.i - b.i);
  const counted = new Set<string>();
  const raw = new Map<string, number>();
  for (const { c } of order) {
    for (const m of members) {
      if (counted.has(m.personId) || !memberHolds(c.member, m, doc)) continue;
      counted.add(m.personId);
      raw.set(c.code, (raw.get(c.code) ?? 0) + 1);
    }
  }
  let room = maxComponents;
  const counts: ComponentCount[] = [];
  for (const { c } of order) {
    const n = Math.min(raw.get(c.code) ?? 0, room);
    room -= n;
    if (n > 0) counts.push({ code: c.code, count: n, yearlyAmount: n * c.yearlyAmount });
  }
  return { counts, uncapped: counted.size };
}

function scheduleMonths(doc: ProgrammeDocument): number[] {
  return 'schedule' in doc.benefit ? doc.benefit.schedule.months : [];
}

/**
 * The target-decile line of an evaluation (its decile in the programme's scope against the target deciles,
 * or `not_ranked`), and whether that decile is in the target: a household without one is not. Outside the
 * target nothing else can make a household a candidate, so a proposal records it with this line alone
 * (src/domain/recipients/outcome.ts, `outOfTarget`).
 */
export function targetDecileLine(
  doc: ProgrammeDocument,
  deciles: HouseholdFacts['deciles'],
): { inTarget: boolean; reason: Reason } {
  const t = doc.targetDeciles;
  const decile = deciles?.[SCOPE_KEY[t.scope]] ?? null;
  if (decile === null) return { inTarget: false, reason: why('programme.why.not_ranked') };
  const min = t.min ?? 1;
  const inTarget = decile >= min && decile <= t.max;
  return {
    inTarget,
    reason: why(inTarget ? 'programme.why.decile_in' : 'programme.why.decile_out', {
      scope: t.scope,
      decile,
      min,
      max: t.max,
    }),
  };
}

/**
 * Whether a household rule is "some member meets `member`" — directly, or through the named household rule
 * it refers to — so that its failing says what the benefit's "no member qualifies" would say again.
 */
function asksForMember(line: Rule, member: MemberRule, doc: ProgrammeDocument, depth = 0): boolean {
  if ('rule' in line) {
    const named = doc.rules?.[line.rule];
    return named !== undefined && depth < 8 && asksForMember(named, member, doc, depth + 1);
  }
  if (!('someMember' in line)) return false;
  const resolve = (r: MemberRule): MemberRule => ('rule' in r ? (doc.memberRules?.[r.rule] ?? r) : r);
  return JSON.stringify(resolve(line.someMember)) === JSON.stringify(resolve(member));
}

export function evaluateProgramme(
  doc: ProgrammeDocument,
  facts: HouseholdFacts,
  ctx: EvaluationContext,
): Evaluation {
  const reasons: Reason[] = [];
  let candidate = true;

  if (doc.door === 'province' && facts.provinceCode !== doc.provinceCode) {
    candidate = false;
    reasons.push(why('programme.why.outside_province', { province: doc.provinceCode ?? '' }));
  }

  const target = targetDecileLine(doc, facts.deciles);
  if (!target.inTarget) candidate = false;
  reasons.push(target.reason);

  const failed: Rule[] = [];
  for (const [rule, line] of eligibilityLines(doc).entries()) {
    const met = householdHolds(line, facts, doc);
    if (!met) {
      candidate = false;
      failed.push(line);
    }
    reasons.push(why(met ? 'programme.why.rule_met' : 'programme.why.rule_failed', { rule }));
  }

  const b = doc.benefit;
  let components: ComponentCount[] = [];
  let componentCount = 0;
  if (b.kind === 'cash_components') {
    const { counts, uncapped } = countComponents(doc, facts.members);
    components = counts;
    componentCount = uncapped;
    for (const c of counts) {
      reasons.push(
        why('programme.why.component', { count: c.count, component: c.code, amount: c.yearlyAmount }),
      );
    }
    if (uncapped > b.maxComponents)
      reasons.push(why('programme.why.capped', { count: uncapped, max: b.maxComponents }));
    if (uncapped === 0) reasons.push(why('programme.why.no_component'));
  } else if (b.kind === 'per_member') {
    const n = facts.members.filter((m) => memberHolds(b.member, m, doc)).length;
    componentCount = n;
    if (n > 0) {
      const yearly = n * b.amount * b.schedule.months.length;
      components = [{ code: b.code, count: n, yearlyAmount: yearly }];
      reasons.push(why('programme.why.component', { count: n, component: b.code, amount: yearly }));
    } else {
      candidate = false;
      // Said once: KIP Kuliah's eligibility is "some member is a student", the very member its benefit
      // pays for, and its failed line already says so.
      if (!failed.some((line) => asksForMember(line, b.member, doc))) {
        reasons.push(why('programme.why.no_member'));
      }
    }
  }

  const exclusions = exclusionsOf(facts, doc.exclusions, { minimumWage: ctx.minimumWage, componentCount });
  for (const e of exclusions) {
    const member = e.personId ? facts.members.find((m) => m.personId === e.personId) : undefined;
    reasons.push(
      member
        ? why('programme.why.excluded_member', {
            exclusion: e.code,
            member: member.name ?? member.personId,
          })
        : why('programme.why.excluded', { exclusion: e.code }),
    );
  }

  const excluded = exclusions.length > 0;
  const receives = candidate && !excluded;
  const entitled =
    b.kind === 'cash_monthly'
      ? b.amount * b.schedule.months.length
      : b.kind === 'membership'
        ? 0
        : components.reduce((s, c) => s + c.yearlyAmount, 0);
  if (receives) {
    reasons.push(
      b.kind === 'membership'
        ? why('programme.why.membership')
        : why('programme.why.amount', { amount: entitled }),
    );
  }
  return {
    programme: doc.code,
    version: doc.version,
    period: ctx.period,
    candidate,
    excluded,
    exclusions,
    receives,
    components,
    yearlyAmount: receives ? entitled : 0,
    reasons,
  };
}

/** Integer rupiah paid in `period` (YYYY-MM) to a household so evaluated; 0 outside the schedule. */
export function amountForPeriod(doc: ProgrammeDocument, evaluation: Evaluation, period: string): number {
  if (!evaluation.receives) return 0;
  const b = doc.benefit;
  if (b.kind === 'membership') return 0;
  const month = Number(period.slice(5, 7));
  const months = b.schedule.months;
  const at = months.indexOf(month);
  if (at < 0) return 0;
  if (b.kind === 'cash_monthly') return b.amount;
  if (b.kind === 'per_member') return (evaluation.components[0]?.count ?? 0) * b.amount;
  const yearly = evaluation.yearlyAmount;
  const tranche = Math.floor(yearly / months.length);
  return at === months.length - 1 ? yearly - tranche * (months.length - 1) : tranche;
}

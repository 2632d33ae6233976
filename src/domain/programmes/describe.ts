/**
 * Programme rules in words, in both languages, for the "why / why not" lines and the programme page: the
 * variable's label, the operator as a symbol and the value as the codebook names it.
 */
import { label, perLang } from '../catalogue.ts';
import type { Text } from '../errors.ts';
import { rupiah } from '../group-digits.ts';
import { codedField } from '../instrument/codebook.ts';
import { MONTHS_EN, MONTHS_ID } from '../month-names.ts';
import type { ProgrammeDocument } from './document.ts';
import type { MemberRule, Operator, Rule, RuleBook, Scalar } from './rules.ts';
import { HOUSEHOLD_VARIABLES, MEMBER_VARIABLES, type VariableDef } from './variables.ts';

const SYMBOL: Record<Operator, string> = { '=': '=', '!=': '≠', '<': '<', '<=': '≤', '>': '>', '>=': '≥' };

/** An amount of rupiah as each language writes it: Rp3.000.000 / Rp3,000,000. */
export function rupiahText(amount: number): Text {
  return perLang((lang) => rupiah(amount, lang));
}

/** Payment months by name: "Januari, April, Juli, Oktober". */
export function monthsText(months: readonly number[]): Text {
  return perLang((lang) => months.map((m) => (lang === 'id' ? MONTHS_ID : MONTHS_EN)[m - 1]).join(', '));
}

function valueText(def: VariableDef | undefined, value: Scalar): Text {
  if (typeof value === 'boolean') return label(value ? 'programme.rule.yes' : 'programme.rule.no');
  if (def?.kind === 'coded' && typeof value === 'number') {
    const option = codedField(def.codedAs!)?.options.find((o) => o.code === value);
    if (option) return option.label;
  }
  if (def?.name === 'monthlyIncome' && typeof value === 'number') return rupiahText(value);
  return perLang(() => String(value));
}

function join(texts: Text[], sep = '; '): Text {
  return perLang((lang) => texts.map((t) => t[lang]).join(sep));
}

type Level = 'household' | 'member';

function leafText(
  node: { var: string } & ({ op: Operator; value: Scalar } | { in: number[] }),
  level: Level,
) {
  const def = (level === 'household' ? HOUSEHOLD_VARIABLES : MEMBER_VARIABLES).get(node.var);
  const variable: Text = def?.label ?? perLang(() => node.var);
  if ('in' in node) {
    return label('programme.rule.in', {
      variable,
      values: join(
        node.in.map((c) => valueText(def, c)),
        ', ',
      ),
    });
  }
  return label('programme.rule.compare', {
    variable,
    op: SYMBOL[node.op],
    value: valueText(def, node.value),
  });
}

export function describeMemberRule(rule: MemberRule, book: RuleBook, depth = 0): Text {
  if ('all' in rule)
    return label('programme.rule.all', {
      items: join(rule.all.map((r) => describeMemberRule(r, book, depth))),
    });
  if ('any' in rule)
    return label('programme.rule.any', {
      items: join(rule.any.map((r) => describeMemberRule(r, book, depth))),
    });
  if ('not' in rule) return label('programme.rule.not', { rule: describeMemberRule(rule.not, book, depth) });
  if ('rule' in rule) {
    // A named rule reads as what it says (its name is the document's, not the office's); documents are
    // acyclic, the depth only bounds a document that was never checked.
    const def = book.memberRules?.[rule.rule];
    return def && depth < 10 ? describeMemberRule(def, book, depth + 1) : perLang(() => '…');
  }
  return leafText(rule, 'member');
}

export function describeRule(rule: Rule, book: RuleBook, depth = 0): Text {
  if ('all' in rule)
    return label('programme.rule.all', { items: join(rule.all.map((r) => describeRule(r, book, depth))) });
  if ('any' in rule)
    return label('programme.rule.any', { items: join(rule.any.map((r) => describeRule(r, book, depth))) });
  if ('not' in rule) return label('programme.rule.not', { rule: describeRule(rule.not, book, depth) });
  if ('rule' in rule) {
    const def = book.rules?.[rule.rule];
    return def && depth < 10 ? describeRule(def, book, depth + 1) : perLang(() => '…');
  }
  if ('someMember' in rule)
    return label('programme.rule.some_member', { rule: describeMemberRule(rule.someMember, book) });
  if ('countMembers' in rule) {
    return label('programme.rule.count_members', {
      rule: describeMemberRule(rule.countMembers, book),
      op: SYMBOL[rule.op],
      value: rule.value,
    });
  }
  return leafText(rule, 'household');
}

/** The lines of a document's eligibility: the items of a top-level `all`, or the rule itself. */
export function eligibilityLines(doc: ProgrammeDocument): Rule[] {
  const e = doc.eligibility;
  if (!e) return [];
  return 'all' in e ? e.all : [e];
}

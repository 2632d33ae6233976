/** What the programme pages show of a programme document, in the reader's language. */
import { label } from '../../../../src/domain/catalogue.ts';
import type { Lang } from '../../../../src/domain/errors.ts';
import { monthsText, rupiahText } from '../../../../src/domain/programmes/describe.ts';
import type { ProgrammeDocument } from '../../../../src/domain/programmes/document.ts';
import type {
  ProgrammeSummary as ProgrammeSummarySchema,
  ProgrammeVersionDetail,
  ProgrammeVersionSummary,
} from '../../../../src/modules/programmes/programmes.schemas.ts';
import type { messages } from './messages.ts';

export type Tx = (key: keyof typeof messages.id, vars?: Record<string, string | number>) => string;

/** From the server's zod schemas (type-only imports); the document narrowed to what the server validated. */
export type VersionSummary = ProgrammeVersionSummary;
export type VersionDetail = Omit<ProgrammeVersionDetail, 'document'> & { document: ProgrammeDocument };
export type ProgrammeSummary = Omit<ProgrammeSummarySchema, 'current'> & { current: VersionDetail | null };
export type ProgrammeDetail = ProgrammeSummary & { versions: VersionSummary[] };

export function doorText(p: Pick<ProgrammeSummary, 'door' | 'provinceCode'>, lang: Lang): string {
  const door = label(p.door === 'province' ? 'programme.door.province' : 'programme.door.pusdatin')[lang];
  return p.door === 'province' && p.provinceCode ? `${door} (${p.provinceCode})` : door;
}

export function decilesText(doc: ProgrammeDocument, lang: Lang, tx: Tx): string {
  const t = doc.targetDeciles;
  return tx('decilesValue', {
    min: t.min ?? 1,
    max: t.max,
    scope: label(`programme.scope.${t.scope}`)[lang],
  });
}

/** One line: "Rp200.000 per bulan", "Rp… per tahun (komponen, paling banyak 4)", "Kepesertaan…". */
export function benefitSummary(doc: ProgrammeDocument, lang: Lang, tx: Tx): string {
  const b = doc.benefit;
  switch (b.kind) {
    case 'membership':
      return label('programme.benefit.membership')[lang];
    case 'cash_monthly':
      return b.schedule.months.length === 12
        ? tx('perMonth', { amount: rupiahText(b.amount)[lang] })
        : `${rupiahText(b.amount)[lang]} — ${monthsText(b.schedule.months)[lang]}`;
    case 'per_member':
      return `${tx('perMember', { amount: rupiahText(b.amount)[lang], name: b.name[lang] })} — ${monthsText(b.schedule.months)[lang]}`;
    case 'cash_components': {
      const amounts = b.components.map((c) => c.yearlyAmount);
      const low = rupiahText(Math.min(...amounts))[lang];
      const high = rupiahText(Math.max(...amounts))[lang];
      return `${tx('perYear', { amount: `${low}–${high}` })} (${tx('upTo', { max: b.maxComponents })}) — ${monthsText(b.schedule.months)[lang]}`;
    }
  }
}

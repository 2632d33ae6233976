/**
 * Labels and display values for record fields: instrument fields from the codebook, the rest from the
 * UI dictionary. The detail page, the history diff and error summaries all read them from here.
 */
import type { Lang } from '../../../src/domain/errors.ts';
import { codebook, codedField, labelOf, numericField } from '../../../src/domain/instrument/codebook.ts';
import { ppksCategory, psksKind } from '../../../src/domain/registry/ppks-psks.ts';
import { removalReason } from '../../../src/domain/registry/removal-reasons.ts';
import type { MessageKey, Translate } from '../i18n/index.tsx';
import { formatDate, formatNumber } from './format.ts';

const BASE_FIELDS: Record<string, MessageKey> = {
  kkNumber: 'field.kkNumber',
  kksNumber: 'field.kksNumber',
  regionCode: 'field.regionCode',
  rw: 'field.rw',
  rt: 'field.rt',
  address: 'field.address',
  latitude: 'field.latitude',
  longitude: 'field.longitude',
  headName: 'field.headName',
  memberCount: 'field.memberCount',
  status: 'field.status',
  removalReason: 'field.removalReason',
  removalNote: 'field.removalNote',
  nik: 'field.nik',
  name: 'field.name',
  birthPlace: 'field.birthPlace',
  birthDate: 'field.birthDate',
  sex: 'field.sex',
  pregnant: 'field.pregnant',
  reason: 'field.reason',
  reasonCode: 'field.reasonCode',
  note: 'field.note',
  version: 'field.version',
  members: 'field.members',
  member: 'field.member',
  notes: 'field.notes',
  kind: 'field.kind',
  phone: 'field.phone',
  email: 'field.email',
  categories: 'field.categories',
  // A PPKS category row's inputs (`categories.0.startDate`), as the form labels them.
  category: 'ppks.category',
  startDate: 'ppks.startDate',
  endDate: 'ppks.endDate',
  village: 'field.village',
};

const flagLabels = new Map([...codebook.assetFlags, ...codebook.meansFlags].map((f) => [f.field, f.labels]));

export function fieldLabel(field: string, lang: Lang, t: Translate): string {
  const base = BASE_FIELDS[field];
  if (base) return t(base);
  return (codedField(field)?.labels ?? numericField(field)?.labels ?? flagLabels.get(field))?.[lang] ?? field;
}

/** `members.2.nik` → "Anggota 3 · NIK"; `member.nik` → "Anggota · NIK". */
export function issueFieldLabel(path: string, lang: Lang, t: Translate): string {
  const parts = path.split('.');
  const labels: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const next = parts[i + 1];
    if (part === 'members' && next !== undefined && /^\d+$/.test(next)) {
      labels.push(t('member.numbered', { n: Number(next) + 1 }));
      i++;
    } else if (!/^\d+$/.test(part)) labels.push(fieldLabel(part, lang, t));
  }
  return labels.join(' · ');
}

export function formatFieldValue(field: string, value: unknown, lang: Lang, t: Translate): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
  if (field === 'sex') return value === 'F' ? t('sex.F') : value === 'M' ? t('sex.M') : String(value);
  if (field === 'status') return value === 'removed' ? t('status.removed') : t('status.active');
  if (field === 'removalReason' && typeof value === 'string')
    return removalReason(value)?.label[lang] ?? value;
  if (field === 'birthDate' && typeof value === 'string') return formatDate(value, lang);
  if (field === 'kind' && typeof value === 'string') return psksKind(value)?.label[lang] ?? value;
  if (field === 'category' && typeof value === 'string') return ppksCategory(value)?.label[lang] ?? value;
  if (field === 'categories' && Array.isArray(value)) {
    return value
      .map((c: { category?: string; startDate?: string; endDate?: string | null }) => {
        const label = ppksCategory(c.category ?? '')?.label[lang] ?? c.category;
        return `${label} (${formatDate(c.startDate, lang)} – ${c.endDate ? formatDate(c.endDate, lang) : '…'})`;
      })
      .join('; ');
  }
  if (typeof value === 'number') {
    const coded = labelOf(field, value, lang);
    if (coded) return coded;
    const numeric = numericField(field);
    if (numeric) return `${formatNumber(value, lang)}${numeric.unit ? ` ${numeric.unit}` : ''}`;
    return String(value);
  }
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/** Names of programmes, exclusion codes and components in the reader's language (from the shared domain). */
import { DEFAULT_PROGRAMMES } from '../../../../src/domain/programmes/defaults.ts';
import { EXCLUSION_LABELS, isExclusionCode } from '../../../../src/domain/programmes/exclusions.ts';

type Lang = 'id' | 'en';

export function programmeName(code: string, lang: Lang): string {
  return DEFAULT_PROGRAMMES.find((d) => d.code === code)?.name[lang] ?? code;
}

export function exclusionName(code: string, lang: Lang): string {
  return isExclusionCode(code) ? EXCLUSION_LABELS[code][lang] : code;
}

export function componentName(code: string, lang: Lang): string {
  for (const d of DEFAULT_PROGRAMMES) {
    const b = d.benefit;
    if (b.kind === 'cash_components') {
      const c = b.components.find((x) => x.code === code);
      if (c) return c.name[lang];
    }
  }
  return code;
}

export const rupiah = (n: number, lang: Lang) => `Rp ${n.toLocaleString(lang === 'id' ? 'id-ID' : 'en-GB')}`;

/** Names of programmes, exclusion codes and components in the reader's language (from the shared domain). */

import { DEFAULT_PROGRAMMES } from '../../../../src/domain/programmes/defaults.ts';
import { EXCLUSION_LABELS, isExclusionCode } from '../../../../src/domain/programmes/exclusions.ts';
import { request } from '../../api/client.ts';
import { useLoad } from '../../hooks/use-load.ts';
import { useI18n } from '../../i18n/index.tsx';

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

interface PublishedProgramme {
  code: string;
  door: 'pusdatin' | 'province';
  provinceCode: string | null;
  name: { id: string; en: string };
  current: { document: Record<string, unknown> } | null;
}

/** The programmes as published (none for a reader the list refuses), loaded once per screen. */
export function usePublishedProgrammes() {
  return useLoad(['programmes', 'names-or-none'], (signal) =>
    request<{ items: PublishedProgramme[] }>('GET', '/programmes', { signal }).catch(() => ({
      items: [] as PublishedProgramme[],
    })),
  );
}

/** Programme names as published (provincial programmes included), the shipped defaults until they load. */
export function useProgrammeName(): (code: string) => string {
  const { lang } = useI18n();
  const list = usePublishedProgrammes();
  return (code) => list.data?.items.find((p) => p.code === code)?.name[lang] ?? programmeName(code, lang);
}

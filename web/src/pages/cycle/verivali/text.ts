/**
 * The cycle screens keep their strings next to them (one dictionary per area, Indonesian and English);
 * this turns such a dictionary into a `t(key, vars)` for the current UI language.
 */
import type { Lang } from '../../../../../src/domain/errors.ts';
import { useI18n, type Vars } from '../../../i18n/index.tsx';

export type Dictionary<K extends string> = Record<Lang, Record<K, string>>;

export function fill(template: string, vars?: Vars): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

export function useText<K extends string>(dict: Dictionary<K>): (key: K, vars?: Vars) => string {
  const { lang } = useI18n();
  return (key, vars) => fill(dict[lang][key], vars);
}

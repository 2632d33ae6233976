/**
 * UI language: Indonesian by default, English on request, remembered in localStorage (a preference, not a
 * secret). All UI strings live in one dictionary per language; codebook labels come from src/domain.
 */
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { Lang, Text } from '../../../src/domain/errors.ts';
import { setRequestLanguage } from '../api/client.ts';
import { en } from './en.ts';
import { id } from './id.ts';

export type MessageKey = keyof typeof id;
export type Messages = Record<MessageKey, string>;
export type Vars = Record<string, string | number>;
export type Translate = (key: MessageKey, vars?: Vars) => string;

const DICTIONARIES: Record<Lang, Messages> = { id, en };
const STORAGE_KEY = 'dtks.lang';

export function storedLang(): Lang {
  try {
    return window.localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'id';
  } catch {
    return 'id';
  }
}

/** The one interpolation of the app: `{name}` in a template takes `vars.name`; unknown names stay as written. */
export function fill(template: string, vars?: Vars): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

export function translate(lang: Lang, key: MessageKey, vars?: Vars): string {
  return fill(DICTIONARIES[lang][key], vars);
}

/**
 * A screen or feature keeps its own strings next to it (one dictionary per area, Indonesian and English, so a
 * lazily loaded page brings its strings with it); `useText(dict)` turns it into `t(key, vars)` for the current
 * UI language. The shell's strings are the dictionaries above (`useI18n().t`).
 */
export type Dictionary<K extends string> = Record<Lang, Record<K, string>>;

export function useText<K extends string>(dict: Dictionary<K>): (key: K, vars?: Vars) => string {
  const { lang } = useI18n();
  // Stable while the language is, so memos and effects that use it do not re-run on every render.
  return useCallback((key: K, vars?: Vars) => fill(dict[lang][key], vars), [dict, lang]);
}

interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: Translate;
  /** Picks the current language from a bilingual domain text (codebook labels, reasons, roles). */
  text: (value: Text) => string;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(storedLang);

  const setLang = useCallback((next: Lang) => {
    setRequestLanguage(next);
    try {
      window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Private browsing may refuse storage; the choice then lasts for this page only.
    }
    setLangState(next);
  }, []);

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const value = useMemo<I18n>(
    () => ({
      lang,
      setLang,
      t: (key, vars) => translate(lang, key, vars),
      text: (v) => v[lang],
    }),
    [lang, setLang],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}

/**
 * The public entry's language: Indonesian by default, English on request, remembered under the same key as
 * the staff app (one preference per browser). Kept apart from web/src/i18n so a citizen's phone does not
 * download the staff dictionaries: each public page brings its own small `Dictionary` (`usePublicText`).
 */
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { Lang } from '../../../src/domain/errors.ts';

export type Vars = Record<string, string | number>;
export type Dictionary<K extends string> = Record<Lang, Record<K, string>>;

const STORAGE_KEY = 'dtks.lang';

/** The language remembered in this browser (the entry reads it before the provider exists). */
export function storedLang(): Lang {
  try {
    return window.localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'id';
  } catch {
    return 'id';
  }
}

/** `{name}` in a template takes `vars.name`; unknown names stay as written. */
export function fill(template: string, vars?: Vars): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

interface PublicLang {
  lang: Lang;
  setLang: (lang: Lang) => void;
}

const LangContext = createContext<PublicLang | null>(null);

export function PublicLangProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(storedLang);
  const setLang = useCallback((next: Lang) => {
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
  const value = useMemo(() => ({ lang, setLang }), [lang, setLang]);
  return <LangContext.Provider value={value}>{children}</LangContext.Provider>;
}

export function usePublicLang(): PublicLang {
  const ctx = useContext(LangContext);
  if (!ctx) throw new Error('usePublicLang outside PublicLangProvider');
  return ctx;
}

/**
 * `t(key, vars)` of a page's own dictionary in the current language. The function stays the same while the
 * language does: pages list it among a read's dependencies, and a new one each render re-ran the read after
 * every answer, endlessly.
 */
export function usePublicText<K extends string>(dict: Dictionary<K>): (key: K, vars?: Vars) => string {
  const { lang } = usePublicLang();
  return useCallback((key: K, vars?: Vars) => fill(dict[lang][key], vars), [dict, lang]);
}

/**
 * The public entry's shell: a header with the menu and the language switch, the current page (loaded on
 * demand from PUBLIC_PAGES), a footer. No session, no staff code: what a citizen's phone downloads first is
 * this file, React and the page asked for.
 */
import { type ComponentType, lazy, Suspense, useEffect, useMemo, useRef } from 'react';
import type { Lang } from '../../../src/domain/errors.ts';
import { ErrorBoundary } from '../lib/error-boundary.tsx';
import { Link, matchPath, navigate, useLocation } from '../router.tsx';
import { type Dictionary, storedLang, usePublicLang, usePublicText } from './i18n.tsx';
import { HOME_PATH, NAV_TEXT, PUBLIC_PAGES, type PublicPage } from './pages.ts';

const TEXT: Dictionary<
  'skip' | 'title' | 'menu' | 'loading' | 'language' | 'footer' | 'staff' | 'failed' | 'reload'
> = {
  id: {
    skip: 'Langsung ke isi',
    title: 'Cek Bansos',
    menu: 'Menu utama',
    loading: 'Memuat…',
    language: 'Bahasa',
    footer: 'Data Terpadu Kesejahteraan Sosial (DTKS). Data pribadi selalu disamarkan.',
    staff: 'Masuk petugas',
    failed: 'Halaman ini tidak dapat dibuka. Situs mungkin baru saja diperbarui: muat ulang halaman.',
    reload: 'Muat ulang',
  },
  en: {
    skip: 'Skip to content',
    title: 'Check social aid',
    menu: 'Main menu',
    loading: 'Loading…',
    language: 'Language',
    footer: 'Integrated Social Welfare Data (DTKS). Personal data is always masked.',
    staff: 'Staff login',
    failed: 'This page cannot be opened. The site may just have been updated: reload the page.',
    reload: 'Reload',
  },
};

const LANGS: { lang: Lang; short: string; name: string }[] = [
  { lang: 'id', short: 'ID', name: 'Bahasa Indonesia' },
  { lang: 'en', short: 'EN', name: 'English' },
];

type PageComponent = ComponentType<{ params: Record<string, string> }>;
const components = new Map<PublicPage, PageComponent>();
const modules = new Map<PublicPage, ReturnType<PublicPage['load']>>();
function moduleOf(page: PublicPage): ReturnType<PublicPage['load']> {
  let m = modules.get(page);
  if (!m) {
    m = page.load();
    modules.set(page, m);
  }
  return m;
}
function componentOf(page: PublicPage): PageComponent {
  let c = components.get(page);
  if (!c) {
    c = lazy(() => moduleOf(page));
    components.set(page, c);
  }
  return c;
}
function pageAt(pathname: string): { page: PublicPage; params: Record<string, string> } | null {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  for (const page of PUBLIC_PAGES) {
    const params = matchPath(page.path, path);
    if (params) return { page, params };
  }
  return null;
}

// The opened page's module is fetched as this entry runs, not after its first render, and its first read
// beside it.
const opened = pageAt(window.location.pathname);
if (opened) {
  void moduleOf(opened.page);
  opened.page.early?.(new URLSearchParams(window.location.search), storedLang());
}

export function PublicApp() {
  const { pathname } = useLocation();
  const { lang, setLang } = usePublicLang();
  const t = usePublicText(TEXT);
  const main = useRef<HTMLElement>(null);
  const route = useMemo(() => pageAt(pathname), [pathname]);

  useEffect(() => {
    if (!route) navigate(HOME_PATH, { replace: true });
  }, [route]);

  // A new page moves focus to its content, as a page load would, for screen-reader and keyboard users.
  const shown = useRef(pathname);
  useEffect(() => {
    if (shown.current === pathname) return;
    shown.current = pathname;
    main.current?.focus();
  }, [pathname]);

  const Page = route ? componentOf(route.page) : null;
  const nav = usePublicText(NAV_TEXT);
  const title = route?.page.nav ? nav(route.page.nav) : undefined;
  useEffect(() => {
    document.title = title ? `${title} — DTKS` : 'DTKS';
  }, [title]);

  return (
    <>
      <a className="skip-link" href="#main">
        {t('skip')}
      </a>
      <header className="pub-header">
        <div className="pub-header__row">
          <span className="pub-brand">DTKS · {t('title')}</span>
          <fieldset className="pub-lang">
            <legend className="visually-hidden">{t('language')}</legend>
            {LANGS.map((l) => (
              <button
                key={l.lang}
                type="button"
                lang={l.lang}
                aria-pressed={lang === l.lang}
                className="pub-lang__button"
                onClick={() => setLang(l.lang)}
              >
                <span aria-hidden="true">{l.short}</span>
                <span className="visually-hidden">{l.name}</span>
              </button>
            ))}
          </fieldset>
        </div>
        <nav aria-label={t('menu')} className="pub-nav">
          {PUBLIC_PAGES.filter((p) => p.nav).map((p) => (
            <Link
              key={p.path}
              to={p.path}
              className="pub-nav__link"
              aria-current={route?.page === p ? 'page' : undefined}
            >
              {nav(p.nav!)}
            </Link>
          ))}
        </nav>
      </header>
      <main id="main" ref={main} tabIndex={-1} className="pub-main">
        <ErrorBoundary
          key={pathname}
          fallback={
            <div role="alert">
              <p className="pub-error">{t('failed')}</p>
              <button type="button" className="pub-button" onClick={() => window.location.reload()}>
                {t('reload')}
              </button>
            </div>
          }
        >
          <Suspense fallback={<p role="status">{t('loading')}</p>}>
            {Page && route ? <Page params={route.params} /> : null}
          </Suspense>
        </ErrorBoundary>
      </main>
      <footer className="pub-footer">
        <p>{t('footer')}</p>
        <p>
          <a href="/">{t('staff')}</a>
        </p>
      </footer>
    </>
  );
}

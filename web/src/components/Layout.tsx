import { QueryClientProvider } from '@tanstack/react-query';
import { lazy, type ReactNode, Suspense, useEffect, useRef, useState } from 'react';
import { isPartner, isRole, ROLE_INFO } from '../../../src/domain/access/roles.ts';
import { type MessageKey, useI18n } from '../i18n/index.tsx';
import { queryClient } from '../query-client.ts';
import { Link, navigate, useLocation } from '../router.tsx';
import { type Permission, useSession, useUser } from '../session.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';

// The bell brings the proposals' dictionary and API with it: loaded after the shell has painted.
const NotificationBell = lazy(async () => ({
  default: (await import('../pages/cycle/usulan/NotificationBell.tsx')).NotificationBell,
}));

interface NavItem {
  to: string;
  /** A key of the shell's dictionary: the menu must not pull the pages' own dictionaries into the shell. */
  label: MessageKey;
  /** Shown when the user has any of these. */
  any: Permission[];
}

const NAV: NavItem[] = [
  { to: '/', label: 'nav.dashboard', any: ['registry.read'] },
  { to: '/households', label: 'nav.households', any: ['registry.read'] },
  { to: '/persons', label: 'nav.persons', any: ['registry.read'] },
  { to: '/duplicates', label: 'nav.duplicates', any: ['duplicates.review'] },
  { to: '/ppks', label: 'nav.ppks', any: ['registry.read'] },
  { to: '/psks', label: 'nav.psks', any: ['registry.read'] },
  { to: '/transfer', label: 'nav.transfer', any: ['registry.export', 'registry.import'] },
  { to: '/jobs', label: 'nav.jobs', any: ['registry.import', 'distribution.clean'] },
  { to: '/cycle/usulan', label: 'nav.usulan', any: ['registry.read'] },
  {
    to: '/cycle/usulan?state=verified',
    label: 'nav.approval',
    any: ['verivali.manage'],
  },
  { to: '/cycle/musdes', label: 'nav.musdes', any: ['registry.read'] },
  { to: '/cycle/verivali', label: 'nav.verivali', any: ['registry.read'] },
  { to: '/offline', label: 'nav.offline', any: ['registry.read'] },
  { to: '/cycle/dukcapil', label: 'nav.dukcapil', any: ['registry.import'] },
  { to: '/citizen-accounts', label: 'nav.citizenAccounts', any: ['citizen.verify'] },
  { to: '/sanggah', label: 'nav.sanggah', any: ['sanggah.read'] },
  { to: '/cycle/progress', label: 'nav.progress', any: ['registry.read'] },
  {
    to: '/cycle/berita-acara',
    label: 'nav.beritaAcara',
    any: ['cycle.acknowledge', 'cycle.submit'],
  },
  { to: '/cycle/pengesahan', label: 'nav.pengesahan', any: ['registry.read'] },
  { to: '/cycle/penetapan', label: 'nav.penetapan', any: ['registry.read'] },
  { to: '/recipients', label: 'nav.recipients', any: ['registry.read'] },
  { to: '/distribution', label: 'nav.distribution', any: ['distribution.read'] },
  { to: '/distribution/receive', label: 'nav.receive', any: ['distribution.receive'] },
  { to: '/minimum-wages', label: 'nav.wages', any: ['registry.read'] },
  { to: '/ineligible', label: 'nav.ineligible', any: ['targeting.read'] },
  { to: '/bundles', label: 'nav.bundles', any: ['bundle.import', 'bundle.export'] },
  { to: '/dci-partners', label: 'nav.dciPartners', any: ['dci.manage'] },
  { to: '/programmes', label: 'nav.programmes', any: ['registry.read'] },
  { to: '/reports', label: 'nav.reports', any: ['reports.read'] },
  { to: '/abuse-reports', label: 'nav.abuse', any: ['public.abuse.read'] },
  { to: '/ranking-models', label: 'nav.rankingModels', any: ['ranking.manage'] },
  { to: '/targeting', label: 'nav.targeting', any: ['targeting.read'] },
  { to: '/aid-sources', label: 'nav.aidSources', any: ['targeting.read'] },
  { to: '/audit', label: 'nav.audit', any: ['audit.read'] },
  { to: '/users', label: 'nav.users', any: ['user.manage'] },
];

function isCurrent(to: string, pathname: string): boolean {
  return to === '/' ? pathname === '/' : pathname === to || pathname.startsWith(`${to}/`);
}

/** The signed-in shell, with the data layer its pages read through (the login page needs neither). */
export function Layout({ children }: { children: ReactNode }) {
  return (
    <QueryClientProvider client={queryClient}>
      <Shell>{children}</Shell>
    </QueryClientProvider>
  );
}

function Shell({ children }: { children: ReactNode }) {
  const { t, text } = useI18n();
  const { can, logout } = useSession();
  const user = useUser();
  const { pathname } = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  const first = useRef(true);

  // Logging out deletes the offline app's data: changes not sent yet are only discarded when confirmed.
  const leave = async () => {
    const unsent = await (await import('../offline/store.ts')).OfflineStore.unsent();
    if (unsent > 0 && !window.confirm(t('nav.logoutUnsent', { n: unsent }))) {
      navigate('/offline');
      return;
    }
    await logout();
  };

  // After navigating, move focus to the new page's heading (as a full page load would) and close the menu.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on every change of page
  useEffect(() => {
    setMenuOpen(false);
    if (first.current) {
      first.current = false;
      return;
    }
    window.scrollTo(0, 0);
    const frame = window.requestAnimationFrame(() => {
      document.querySelector<HTMLElement>('main .page-title')?.focus({ preventScroll: true });
    });
    return () => window.cancelAnimationFrame(frame);
  }, [pathname]);

  const role = isRole(user.role) ? text(ROLE_INFO[user.role].label) : user.role;
  const items = NAV.filter((item) => item.any.some((p) => can(p)));

  return (
    <div className="shell">
      <a href="#main" className="skip-link">
        {t('nav.skip')}
      </a>
      <header className="topbar">
        <button
          type="button"
          className="topbar__menu"
          aria-expanded={menuOpen}
          aria-controls="main-nav"
          onClick={() => setMenuOpen((o) => !o)}
        >
          <span aria-hidden="true">☰</span>
          <span className="visually-hidden">{t('nav.menu')}</span>
        </button>
        <Link to="/" className="brand">
          <span className="brand__mark" aria-hidden="true">
            D
          </span>
          <span className="brand__text">
            <strong>DTKS</strong>
            <small>{t('app.subtitle')}</small>
          </span>
        </Link>
        <div className="topbar__right">
          {/* Distribution partners read no notices (the server refuses them every route not meant for them). */}
          {isRole(user.role) && isPartner(user.role) ? null : (
            <Suspense fallback={<span className="notif-slot" aria-hidden="true" />}>
              <NotificationBell />
            </Suspense>
          )}
          <LanguageSwitch />
          <div className="whoami">
            <span className="whoami__name">{user.displayName || user.username}</span>
            <span className="whoami__role">
              {role}
              {user.regionName
                ? ` · ${user.regionName}`
                : user.regionCode === ''
                  ? ` · ${t('region.national')}`
                  : ''}
            </span>
          </div>
          <button type="button" className="button button--small" onClick={() => void leave()}>
            {t('nav.logout')}
          </button>
        </div>
      </header>
      <div className="shell__body">
        <nav
          id="main-nav"
          aria-label={t('nav.label')}
          className={`sidenav${menuOpen ? ' sidenav--open' : ''}`}
        >
          <ul>
            {items.map((item) => (
              <li key={item.to}>
                <Link to={item.to} aria-current={isCurrent(item.to, pathname) ? 'page' : undefined}>
                  {t(item.label)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <main id="main" tabIndex={-1} className="main">
          {children}
        </main>
      </div>
    </div>
  );
}

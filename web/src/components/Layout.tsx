import { type ReactNode, useEffect, useRef, useState } from 'react';
import { isRole, ROLE_INFO } from '../../../src/domain/access/roles.ts';
import type { Text } from '../../../src/domain/errors.ts';
import { type MessageKey, useI18n } from '../i18n/index.tsx';
import { BERITA_ACARA_NAV } from '../pages/cycle/berita-acara/berita-acara.i18n.ts';
import { NAV_DUKCAPIL } from '../pages/cycle/dukcapil/messages.ts';
import { MUSDES_NAV } from '../pages/cycle/musdes/musdes.i18n.ts';
import { PENETAPAN_NAV } from '../pages/cycle/penetapan/penetapan.i18n.ts';
import { PENGESAHAN_NAV } from '../pages/cycle/pengesahan/pengesahan.i18n.ts';
import { NAV_PROGRESS } from '../pages/cycle/progress/messages.ts';
import { NotificationBell } from '../pages/cycle/usulan/NotificationBell.tsx';
import { USULAN_APPROVAL_NAV, USULAN_NAV } from '../pages/cycle/usulan/usulan.i18n.ts';
import { NAV_VERIVALI } from '../pages/cycle/verivali/messages.ts';
import { Link, useLocation } from '../router.tsx';
import { type Permission, useSession, useUser } from '../session.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';

interface NavItem {
  to: string;
  /** A key of the shared dictionary, or a feature's own bilingual label. */
  label: MessageKey | Text;
  /** Shown when the user has any of these. */
  any: Permission[];
  /** And, when given, only to these roles. */
  roles?: string[];
}

const NAV: NavItem[] = [
  { to: '/', label: 'nav.dashboard', any: ['registry.read'] },
  { to: '/households', label: 'nav.households', any: ['registry.read'] },
  { to: '/persons', label: 'nav.persons', any: ['registry.read'] },
  { to: '/duplicates', label: 'nav.duplicates', any: ['duplicates.review'] },
  { to: '/ppks', label: 'nav.ppks', any: ['registry.read'] },
  { to: '/psks', label: 'nav.psks', any: ['registry.read'] },
  { to: '/transfer', label: 'nav.transfer', any: ['registry.export', 'registry.import'] },
  { to: '/jobs', label: 'nav.jobs', any: ['registry.import'] },
  { to: '/cycle/usulan', label: USULAN_NAV, any: ['registry.read'] },
  {
    to: '/cycle/usulan?state=verified',
    label: USULAN_APPROVAL_NAV,
    any: ['registry.read'],
    roles: ['dinsos_kab'],
  },
  { to: '/cycle/musdes', label: MUSDES_NAV, any: ['registry.read'] },
  { to: '/cycle/verivali', label: NAV_VERIVALI, any: ['registry.read'] },
  { to: '/cycle/dukcapil', label: NAV_DUKCAPIL, any: ['registry.import'] },
  { to: '/cycle/progress', label: NAV_PROGRESS, any: ['registry.read'] },
  {
    to: '/cycle/berita-acara',
    label: BERITA_ACARA_NAV,
    any: ['registry.read'],
    roles: ['kecamatan', 'dinsos_kab'],
  },
  { to: '/cycle/pengesahan', label: PENGESAHAN_NAV, any: ['registry.read'] },
  { to: '/cycle/penetapan', label: PENETAPAN_NAV, any: ['registry.read'] },
  { to: '/audit', label: 'nav.audit', any: ['audit.read'] },
  { to: '/users', label: 'nav.users', any: ['user.manage'] },
];

function isCurrent(to: string, pathname: string): boolean {
  return to === '/' ? pathname === '/' : pathname === to || pathname.startsWith(`${to}/`);
}

export function Layout({ children }: { children: ReactNode }) {
  const { t, text } = useI18n();
  const { can, logout } = useSession();
  const user = useUser();
  const { pathname } = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  const first = useRef(true);

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
  const items = NAV.filter(
    (item) => item.any.some((p) => can(p)) && (!item.roles || item.roles.includes(user.role)),
  );

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
          <NotificationBell />
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
          <button type="button" className="button button--small" onClick={() => void logout()}>
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
                  {typeof item.label === 'string' ? t(item.label) : text(item.label)}
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

/**
 * The public entry's pages. Each page is its own lazily loaded module under ./pages/ (a citizen opening
 * /cek downloads the check and nothing else); the layout's menu lists those with a `nav` label.
 *
 * To add a public page: put the component (default export) in ./pages/, add one entry here, and — if its
 * path starts with a new first segment — add that segment to PUBLIC_PAGE_SEGMENTS in
 * src/domain/public-pages.ts, so the server answers it with this entry (pages.test.ts checks both agree).
 */
import type { ComponentType } from 'react';
import type { Lang } from '../../../src/domain/errors.ts';
import type { Dictionary } from './i18n.tsx';
// The check is the entry's main page: bundled with it, so /cek renders without a second round trip.
import * as CekPage from './pages/CekPage.tsx';
import { statisticsRequest } from './statistics-request.ts';
import { askEarly } from './use-public-load.ts';

/** Menu labels of the public pages, both languages (a page with a menu entry adds its key here). */
export const NAV_TEXT = {
  id: {
    cek: 'Cek Bansos',
    statistik: 'Statistik',
    warga: 'Akun warga',
    lapor: 'Laporkan',
    lacak: 'Lacak laporan',
  },
  en: {
    cek: 'Check aid',
    statistik: 'Statistics',
    warga: 'Citizen account',
    lapor: 'Report',
    lacak: 'Track a report',
  },
} satisfies Dictionary<string>;
export type NavKey = keyof (typeof NAV_TEXT)['id'];

export interface PublicPage {
  /** A path pattern of the small router (`/warga/usulan/:id`). */
  path: string;
  /** The menu label (a key of NAV_TEXT); pages without one are reached by links. */
  nav?: NavKey;
  load: () => Promise<{ default: ComponentType<{ params: Record<string, string> }> }>;
  /** Starts the page's first read as the entry runs, beside its module (use-public-load.ts, `askEarly`). */
  early?: (search: URLSearchParams, lang: Lang) => void;
}

export const PUBLIC_PAGES: PublicPage[] = [
  {
    path: '/cek',
    nav: 'cek',
    load: () => Promise.resolve(CekPage),
  },
  {
    path: '/statistik',
    nav: 'statistik',
    load: () => import('./pages/StatistikPage.tsx'),
    early: (search, lang) => {
      const { key, load } = statisticsRequest(search, lang);
      askEarly(key, load);
    },
  },
  {
    path: '/warga/akun',
    nav: 'warga',
    load: () => import('./pages/WargaAkunPage.tsx'),
  },
  { path: '/warga/masuk', load: () => import('./pages/WargaMasukPage.tsx') },
  { path: '/warga/daftar', load: () => import('./pages/WargaDaftarPage.tsx') },
  { path: '/warga/konfirmasi', load: () => import('./pages/WargaKonfirmasiPage.tsx') },
  { path: '/warga/lupa', load: () => import('./pages/WargaLupaPage.tsx') },
  { path: '/lapor', nav: 'lapor', load: () => import('./pages/LaporPage.tsx') },
  { path: '/lapor/lacak', nav: 'lacak', load: () => import('./pages/LacakPage.tsx') },
  { path: '/warga/sanggah', load: () => import('./pages/WargaSanggahPage.tsx') },
  { path: '/warga/program', load: () => import('./pages/WargaProgramPage.tsx') },
  { path: '/warga/usulan', load: () => import('./pages/WargaUsulanPage.tsx') },
  { path: '/warga/usulan/tambah', load: () => import('./pages/WargaUsulanFormPage.tsx') },
  { path: '/warga/usulan/perbaikan', load: () => import('./pages/WargaUsulanFormPage.tsx') },
  { path: '/warga/usulan/:id', load: () => import('./pages/WargaUsulanPage.tsx') },
];

/** The first public page, where unknown public paths lead. */
export const HOME_PATH = '/cek';

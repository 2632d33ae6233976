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

export interface PublicPage {
  /** A path pattern of the small router (`/warga/usulan/:id`). */
  path: string;
  /** The menu label in both languages; pages without one are reached by links. */
  nav?: Record<Lang, string>;
  load: () => Promise<{ default: ComponentType<{ params: Record<string, string> }> }>;
}

export const PUBLIC_PAGES: PublicPage[] = [
  {
    path: '/cek',
    nav: { id: 'Cek Bansos', en: 'Check aid' },
    load: () => import('./pages/CekPage.tsx'),
  },
  {
    path: '/statistik',
    nav: { id: 'Statistik', en: 'Statistics' },
    load: () => import('./pages/StatistikPage.tsx'),
  },
];

/** The first public page, where unknown public paths lead. */
export const HOME_PATH = '/cek';

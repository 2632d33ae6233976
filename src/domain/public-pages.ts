/**
 * The public web entry's paths (web/public.html, web/src/public/): pages anyone may open without a session —
 * Cek Bansos, the public statistics, and the citizen pages that plug in beside them. The server answers
 * these paths with the public entry's HTML and every other page path with the staff app's (src/http/app.ts);
 * the public router (web/src/public/pages.ts) only registers pages under them. A new public area adds its
 * first path segment here.
 */
export const PUBLIC_PAGE_SEGMENTS = ['cek', 'statistik', 'warga', 'lapor'] as const;

/** True when `pathname` (no query) is a page of the public entry: its first segment is a public one. */
export function isPublicPagePath(pathname: string): boolean {
  const first = pathname.split('?')[0]!.split('/')[1] ?? '';
  return (PUBLIC_PAGE_SEGMENTS as readonly string[]).includes(first);
}

/**
 * The public statistics' request for a page address (`?region=` and `?period=`), in one place for the page and
 * for the entry, which starts it early when /statistik is opened (public/pages.ts, `early`).
 */
import type { Lang } from '../../../src/domain/errors.ts';
import type { Statistics } from '../../../src/modules/public/public.schemas.ts';
import { publicRequest } from './api.ts';

export function statisticsRequest(
  search: URLSearchParams,
  lang: Lang,
): { key: string; load: (signal: AbortSignal) => Promise<Statistics> } {
  const asked = new URLSearchParams();
  for (const name of ['region', 'period']) {
    const value = search.get(name);
    if (value) asked.set(name, value);
  }
  const path = `/statistics${asked.toString() ? `?${asked}` : ''}`;
  return {
    key: `${lang} ${path}`,
    load: (signal) => publicRequest<Statistics>('GET', path, lang, undefined, signal),
  };
}

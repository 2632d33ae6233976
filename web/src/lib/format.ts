/**
 * Dates and numbers in the UI language (Indonesian: 23 Nov 2026, 1.234; English: 23 Nov 2026, 1,234). Pure
 * helpers shared by the staff app and the public pages: both entries import it at start, so the build puts it in
 * the chunk they already share (web/vite.config.ts: deliberately in no group — in `lists` it pulled that chunk
 * into the public bundle).
 */
import type { Lang } from '../../../src/domain/errors.ts';
import { type IndonesianTimeZone, TIME_ZONES } from '../../../src/domain/regions/time-zone.ts';

const locale = (lang: Lang) => (lang === 'id' ? 'id-ID' : 'en-GB');
const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

function dateFormat(
  lang: Lang,
  withTime: boolean,
  zone?: IndonesianTimeZone,
  dateToo = true,
): Intl.DateTimeFormat {
  const key = `d:${lang}:${withTime}:${zone ?? ''}:${dateToo}`;
  let f = cache.get(key) as Intl.DateTimeFormat | undefined;
  if (!f) {
    f = new Intl.DateTimeFormat(locale(lang), {
      ...(dateToo ? { dateStyle: 'medium' } : {}),
      ...(withTime ? { timeStyle: 'short' } : { timeZone: 'UTC' }),
      ...(zone ? { timeZone: TIME_ZONES[zone].iana } : {}),
    });
    cache.set(key, f);
  }
  return f;
}

/** A calendar date `YYYY-MM-DD` (read as UTC so it never shifts by a day). */
export function formatDate(iso: string | null | undefined, lang: Lang): string {
  if (!iso) return '—';
  const d = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  return Number.isNaN(d.getTime()) ? iso : dateFormat(lang, false).format(d);
}

/** The zone of the signed-in staff member's office (session.tsx sets it); the public pages pass their own. */
let officeZone: IndonesianTimeZone | undefined;

/** Times on staff screens in the office's zone, named (a test browser in UTC showed 08.00 WIB as 01.00). */
export function setOfficeTimeZone(zone: IndonesianTimeZone | undefined): void {
  officeZone = zone;
}

/**
 * A moment: in an Indonesian time zone, named after the time ("6 Des 2026, 08.00 WIB"), when one is given —
 * the public pages always give one, so a phone set to another zone reads the office's time; staff screens
 * the office's (`setOfficeTimeZone`) —, else in the browser's time zone.
 */
export function formatDateTime(
  iso: string | null | undefined,
  lang: Lang,
  given?: IndonesianTimeZone,
): string {
  if (!iso) return '—';
  const zone = given ?? officeZone;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return zone ? `${dateFormat(lang, true, zone).format(d)} ${zone}` : dateFormat(lang, true).format(d);
}

/** The time of day of a moment in an Indonesian time zone, without the zone's name ("08.00"). */
export function formatTime(iso: string, lang: Lang, zone: IndonesianTimeZone): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dateFormat(lang, true, zone, false).format(d);
}

/** A period (a month, `YYYY-MM`) as a person reads it: "November 2026"; anything else is shown as it is. */
export function formatPeriod(period: string | null | undefined, lang: Lang): string {
  if (!period) return '—';
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(period);
  if (!m) return period;
  const key = `p:${lang}`;
  let f = cache.get(key) as Intl.DateTimeFormat | undefined;
  if (!f) {
    f = new Intl.DateTimeFormat(locale(lang), { month: 'long', year: 'numeric', timeZone: 'UTC' });
    cache.set(key, f);
  }
  return f.format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1)));
}

export function formatNumber(n: number | null | undefined, lang: Lang): string {
  if (n === null || n === undefined) return '—';
  const key = `n:${lang}`;
  let f = cache.get(key) as Intl.NumberFormat | undefined;
  if (!f) {
    f = new Intl.NumberFormat(locale(lang), { maximumFractionDigits: 2 });
    cache.set(key, f);
  }
  return f.format(n);
}

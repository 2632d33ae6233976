/**
 * Indonesia's three time zones by province (BPS province code, the first two digits of any region code).
 * None observes daylight saving, so each is a fixed offset from UTC: a local day is a fixed UTC interval.
 */
export const TIME_ZONE_NAMES = ['WIB', 'WITA', 'WIT'] as const;
export type IndonesianTimeZone = (typeof TIME_ZONE_NAMES)[number];

export const TIME_ZONES: Record<IndonesianTimeZone, { iana: string; offsetHours: number }> = {
  WIB: { iana: 'Asia/Jakarta', offsetHours: 7 },
  WITA: { iana: 'Asia/Makassar', offsetHours: 8 },
  WIT: { iana: 'Asia/Jayapura', offsetHours: 9 },
};

/** Bali, Nusa Tenggara, South/East/North Kalimantan and all of Sulawesi. */
const WITA_PROVINCES = new Set(['51', '52', '53', '63', '64', '65', '71', '72', '73', '74', '75', '76']);

/** The time zone of a region (any level, dotted or not); WIB for the national level and unknown codes. */
export function timeZoneOfRegion(regionCode: string): IndonesianTimeZone {
  const province = regionCode.slice(0, 2);
  if (province.startsWith('8') || province.startsWith('9')) return 'WIT'; // Maluku, Maluku Utara, Papua
  return WITA_PROVINCES.has(province) ? 'WITA' : 'WIB';
}

const HOUR_MS = 3_600_000;

/** The local calendar date (YYYY-MM-DD) of an instant in a zone. */
export function localDay(atIso: string, zone: IndonesianTimeZone): string {
  return new Date(Date.parse(atIso) + TIME_ZONES[zone].offsetHours * HOUR_MS).toISOString().slice(0, 10);
}

/** The instant (ISO, UTC) a local day starts in a zone. */
export function dayStart(day: string, zone: IndonesianTimeZone): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) - TIME_ZONES[zone].offsetHours * HOUR_MS).toISOString();
}

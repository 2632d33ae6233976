/**
 * How a person's `created_at` and `updated_at` are stored (issue 11, storage per household). PostgreSQL keeps
 * `timestamptz` (8 bytes). SQLite, whose timestamps are otherwise ISO-8601 text (24 bytes), keeps these two
 * as integer milliseconds since the epoch (6 bytes; migration 081): ~36 bytes less per person, ~0.14 KiB per
 * household of four. A row may still hold text (written by a path that stores what it was given, such as a
 * synced bundle, or a value that was not a canonical ISO time): readers take either through `isoTimestamp`,
 * so every answer shows the same ISO string as before. Pure; no I/O.
 */
import type { EngineName } from './dialect.ts';

/** A stored person timestamp: ISO text (PostgreSQL; SQLite rows written as text) or epoch milliseconds. */
export type StoredTimestamp = string | number;

/**
 * The form `iso` is stored in on `engine`: epoch milliseconds on SQLite when `iso` is a canonical
 * `Date#toISOString()` string (so that reading it back answers the same text), else `iso` as given.
 */
export function storedTimestamp(engine: EngineName, iso: string): StoredTimestamp {
  if (engine !== 'sqlite') return iso;
  const ms = Date.parse(iso);
  return Number.isFinite(ms) && new Date(ms).toISOString() === iso ? ms : iso;
}

/** The ISO-8601 text of a stored timestamp, whichever form it was stored in. */
export function isoTimestamp(stored: StoredTimestamp): string {
  return typeof stored === 'number' ? new Date(stored).toISOString() : stored;
}

/**
 * UUIDs stored as 16-byte blobs on SQLite (migration 083, issue 11). Every id is a UUIDv7 string in the
 * application, in answers and on PostgreSQL (`uuid`, 16 bytes there already). SQLite has no uuid type: as text
 * an id took 37 bytes in a row and as much again in every index holding it — about a third of a household's
 * storage. The SQLite driver (src/db/dialect.ts) converts at its boundary, so that no service or repository
 * sees anything but the same strings:
 * - a bound string that is a canonical UUID (lowercase, 8-4-4-4-12) is bound as its 16 bytes (`uuidBytes`);
 * - a 16-byte blob read from any column but a declared `blob` one (version snapshots, job files) is answered
 *   as the canonical string again (`uuidText`).
 * Blobs compare by memcmp, which orders 16 bytes exactly as their lowercase hex text ordered: keyset paging
 * (`id > ?`), `order by id`, min/max and ranges keep their order; equality, joins and `in` are unchanged.
 * Anything that is not exactly a canonical UUID (uppercase, braces, 35 or 37 characters, NIKs) is left as it
 * is, both ways, so conversion is consistent: the same string is always stored the same way.
 */

/** The migration after which a SQLite database stores UUIDs as blobs (dialect.ts switches on once it ran). */
export const UUID_BLOB_MIGRATION = '083_uuid_blobs';

/**
 * Columns declared with one of these types never hold a UUID blob: their values are not converted when read,
 * nor by migration 083 (`blob`: version snapshots and job files, blobs of their own whatever their length).
 */
export const NON_UUID_COLUMN_TYPE = /BLOB|INT|REAL|FLOA|DOUB/i;

/** A hex digit's value (`0-9`, `a-f` only: canonical UUIDs are lowercase), or -1. */
function nibble(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}

/**
 * The 16 bytes of a canonical UUID string (36 characters, dashes at 8, 13, 18 and 23, lowercase hex
 * elsewhere), or null for any other string. The length test first: most bound strings are not 36 long.
 */
export function uuidBytes(s: string): Uint8Array | null {
  if (
    s.length !== 36 ||
    s.charCodeAt(8) !== 45 ||
    s.charCodeAt(13) !== 45 ||
    s.charCodeAt(18) !== 45 ||
    s.charCodeAt(23) !== 45
  ) {
    return null;
  }
  const out = new Uint8Array(16);
  let j = 0;
  for (let i = 0; i < 36; i += 2) {
    if (i === 8 || i === 13 || i === 18 || i === 23) i++;
    const hi = nibble(s.charCodeAt(i));
    const lo = nibble(s.charCodeAt(i + 1));
    if (hi < 0 || lo < 0) return null;
    out[j++] = (hi << 4) | lo;
  }
  return out;
}

/** ASCII codes of the lowercase hex digits. */
const HEX_CODES = Uint8Array.from('0123456789abcdef', (c) => c.charCodeAt(0));
/** The characters of the string being built (one at a time: node is single-threaded). */
const TEXT = Buffer.alloc(36);

/**
 * The canonical lowercase string of 16 bytes, as one flat string: written into a buffer and decoded once.
 * Joining 20 pieces with `+` gave V8 a tree of 19 concatenation nodes per id (~600 bytes kept as long as the
 * string lives): a 100,000-household ranking, which keeps every id until its deciles are cut, peaked 60–70 MiB
 * higher than with text ids.
 */
export function uuidText(b: Uint8Array): string {
  let j = 0;
  for (let i = 0; i < 16; i++) {
    if (i === 4 || i === 6 || i === 8 || i === 10) TEXT[j++] = 45;
    const v = b[i]!;
    TEXT[j++] = HEX_CODES[v >> 4]!;
    TEXT[j++] = HEX_CODES[v & 15]!;
  }
  return TEXT.toString('latin1', 0, 36);
}

/** A value as bound on a database storing UUIDs as blobs: a canonical UUID string as its bytes, else itself. */
export function uuidParam<T>(value: T): T | Uint8Array {
  return typeof value === 'string' ? (uuidBytes(value) ?? value) : value;
}

/** A value as read back: a 16-byte blob as its UUID string, else itself (callers skip declared blob columns). */
export function uuidValue<T>(value: T): T | string {
  return value instanceof Uint8Array && value.length === 16 ? uuidText(value) : value;
}

/**
 * SQLite's `text(x)`, registered on every connection (dialect.ts): `x` as text, a 16-byte blob as its UUID
 * string. For the few statements that treat an id as text (concatenation into a checksum, a union with text
 * values): on PostgreSQL `text(uuid)` is the built-in cast to the same canonical string, so one SQL text
 * serves both engines. SQLite's own `cast(x as text)` would answer a blob's raw bytes.
 */
export function sqliteText(x: unknown): string | null {
  if (x === null || x === undefined) return null;
  if (typeof x === 'string') return x;
  if (x instanceof Uint8Array) {
    return x.length === 16 ? uuidText(x) : Buffer.from(x.buffer, x.byteOffset, x.length).toString('utf8');
  }
  return String(x);
}

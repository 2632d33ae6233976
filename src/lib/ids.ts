/**
 * Time-ordered UUIDv7 (RFC 9562): generated anywhere (server, CLI, offline field app) without coordination.
 * Same layout and monotonic counter as the `uuid` package's v7 (48-bit milliseconds, then a 31-bit counter
 * seeded randomly each millisecond, then random bits), but random bytes are drawn 4 KiB at a time instead
 * of one system call per id: bulk imports create millions of ids and spent most of their time there.
 */
const POOL = new Uint8Array(4096);
let poolOffset = POOL.length;
let lastMs = Number.NEGATIVE_INFINITY;
let seq = 0;
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export function newId(): string {
  if (poolOffset + 16 > POOL.length) {
    globalThis.crypto.getRandomValues(POOL);
    poolOffset = 0;
  }
  const r = POOL;
  const o = poolOffset;
  poolOffset += 16;
  const now = Date.now();
  if (now > lastMs) {
    seq = ((r[o + 6]! & 0x7f) << 24) | (r[o + 7]! << 16) | (r[o + 8]! << 8) | r[o + 9]!;
    lastMs = now;
  } else {
    seq = (seq + 1) | 0;
    if (seq === 0) lastMs++; // counter exhausted: borrow the next millisecond, as the uuid package does
  }
  const ms = lastMs;
  const h = HEX;
  return (
    h[Math.floor(ms / 0x10000000000) & 0xff]! +
    h[Math.floor(ms / 0x100000000) & 0xff]! +
    h[Math.floor(ms / 0x1000000) & 0xff]! +
    h[Math.floor(ms / 0x10000) & 0xff]! +
    '-' +
    h[Math.floor(ms / 0x100) & 0xff]! +
    h[ms & 0xff]! +
    '-' +
    h[0x70 | ((seq >>> 28) & 0x0f)]! +
    h[(seq >>> 20) & 0xff]! +
    '-' +
    h[0x80 | ((seq >>> 14) & 0x3f)]! +
    h[(seq >>> 6) & 0xff]! +
    '-' +
    h[((seq << 2) & 0xff) | (r[o + 10]! & 0x03)]! +
    h[r[o + 11]!]! +
    h[r[o + 12]!]! +
    h[r[o + 13]!]! +
    h[r[o + 14]!]! +
    h[r[o + 15]!]!
  );
}

export function nowIso(): string {
  return new Date().toISOString();
}

const RECORD_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * A record id's shape (UUID text, 8-4-4-4-12 hex digits). Anything else is never sent to the database,
 * whose uuid type would refuse it — thirty-six hyphens were let through and answered 500 on PostgreSQL, and
 * in a grouped look-up (src/db/grouped-read.ts) would fail every request sharing its statement.
 * Lower case only, as every id is made (newId, the field app, PostgreSQL's uuid output): PostgreSQL's uuid
 * also matched an id in capitals, and the read was then audited under the capitals (audit_log.entity_id is
 * text), so the citizen's "who read my data" never showed it; SQLite's text answered such an id 404.
 */
export function isRecordId(id: string): boolean {
  return RECORD_ID.test(id);
}

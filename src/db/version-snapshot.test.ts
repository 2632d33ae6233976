import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeSnapshot, encodeSnapshot } from './version-snapshot.ts';

const household = {
  id: '01a244da-f826-7795-92dd-1154b6d3833f',
  kkNumber: '3307031211269721',
  headName: 'Andi Susilo',
  address: 'Dusun Kulon',
  latitude: null,
  members: [
    { nik: '3307031109772488', name: 'Andi Susilo', birthDate: '1977-09-11', pregnant: null },
    { nik: '3307034111861993', name: 'Tukinem — Ñoño 漢字', birthDate: '1986-11-01', pregnant: false },
  ],
};

/** A seeded household of four (bench seed) and its snapshot as format 1 stored it. */
const ofFour = JSON.parse(
  readFileSync(new URL('../../test/fixtures/snapshot-household-of-four.json', import.meta.url), 'utf8'),
) as { snapshot: unknown; format1Base64: string; format2Base64: string; format3Base64: string };

/** `household` as format 1 (migration-era code, DICTIONARY_V1) stored it. */
const FORMAT_1_HOUSEHOLD =
  'AcOIBAsjM11zc0tTXUujlBRdQ0NTkySzFGMLY+M0bNWuoZGhoZGZpbkRqA5FrgHzUjIVgkuLM3PysVSu3qU5+XlY6lTkvIkc34aGBpbm5kYmFhZI+Q3FBrSMZa5rYKkLru1Rcw8o0SEbbGJoaGhhZmhpaYwwOKQ0OzMvNVfhUcMUhcMT8w9vzFd4tmfR07XTMZOPma6hoa4BqjXgNAIMWAA=';

describe('version snapshots', () => {
  it('round-trips any JSON value exactly, non-ASCII text included', () => {
    for (const v of [household, {}, [], 'x', 0, null, { nested: { a: [1, 2, { b: '' }] } }]) {
      expect(decodeSnapshot(encodeSnapshot(v))).toEqual(v);
    }
  });

  it("stores a household of four of today's shape in under a fifth of its JSON size", () => {
    const json = Buffer.byteLength(JSON.stringify(ofFour.snapshot));
    expect(encodeSnapshot(ofFour.snapshot).byteLength).toBeLessThan(json / 5);
  });

  it('stores a small document in less than its JSON size', () => {
    const json = Buffer.byteLength(JSON.stringify(household));
    expect(encodeSnapshot(household).byteLength).toBeLessThan(json);
  });

  it('tags the format in the first byte', () => {
    expect(encodeSnapshot(household)[0]).toBe(3);
  });

  it("answers every key in the order it was written, a household of today's shape and others alike", () => {
    const reordered = { ...(ofFour.snapshot as Record<string, unknown>) };
    const { kkNumber, ...rest } = reordered;
    const extraKey = { ...(ofFour.snapshot as Record<string, unknown>), later: 'a key added after format 3' };
    for (const v of [ofFour.snapshot, { ...rest, kkNumber }, extraKey, household]) {
      expect(JSON.stringify(decodeSnapshot(encodeSnapshot(v)))).toBe(JSON.stringify(v));
    }
  });

  it('stores what JSON.stringify would: undefined keys left out, dates as text, "__proto__" as a key', () => {
    const member = (ofFour.snapshot as { members: Record<string, unknown>[] }).members[0]!;
    const odd = {
      members: [{ ...member, pregnant: undefined }, undefined],
      at: new Date('2026-12-07T01:00:00.000Z'),
      nested: JSON.parse('{"__proto__": [1, [2]], "tag": [3]}'),
    };
    const decoded = decodeSnapshot(encodeSnapshot(odd));
    expect(JSON.stringify(decoded)).toBe(JSON.stringify(odd));
    expect(Object.keys((decoded as { nested: object }).nested)).toEqual(['__proto__', 'tag']);
  });

  it('reads format 3 bytes written when the format froze (its dictionary and shapes must never change)', () => {
    // Raw DEFLATE does not check its dictionary: a changed DICTIONARY_V3, SHAPES_V3 or `pack` would turn every
    // stored format-3 snapshot into garbage while round trips of new bytes still pass. These bytes pin them.
    const v3 = Buffer.from(ofFour.format3Base64, 'base64');
    expect(v3[0]).toBe(3);
    expect(JSON.stringify(decodeSnapshot(v3))).toBe(JSON.stringify(ofFour.snapshot));
  });

  it("stores a household of four of today's shape in a tenth fewer bytes than format 2 did", () => {
    const v2 = Buffer.from(ofFour.format2Base64, 'base64');
    expect(v2[0]).toBe(2);
    expect(JSON.stringify(decodeSnapshot(v2))).toBe(JSON.stringify(ofFour.snapshot));
    expect(encodeSnapshot(ofFour.snapshot).byteLength).toBeLessThan(v2.byteLength * 0.9);
  });

  it('keeps a household with a key added after format 3 packed, the key where it was', () => {
    const snapshot = ofFour.snapshot as Record<string, unknown>;
    const packed = encodeSnapshot({ ...snapshot, members: [] }); // no key added
    const entries = Object.entries({ ...snapshot, members: [] });
    const withLater = Object.fromEntries([
      ...entries.slice(0, 3),
      ['laterField', 7],
      ...entries.slice(3),
      ['__proto__', { x: [1] }], // fromEntries makes it an own key, as JSON.parse does
    ]);
    const stored = encodeSnapshot(withLater);
    const decoded = decodeSnapshot(stored);
    expect(JSON.stringify(decoded)).toBe(JSON.stringify(withLater));
    expect(Object.keys(decoded as object)).toEqual(Object.keys(withLater));
    // Packed beside the shape's values: a few bytes more, not the ~100 of every key written out.
    expect(stored.byteLength).toBeLessThan(packed.byteLength + 40);
    const [id, ...rest] = entries;
    const unshaped = Object.fromEntries([...rest, id!]); // the shape's order broken: every key written
    expect(encodeSnapshot(unshaped).byteLength).toBeGreaterThan(packed.byteLength + 80);
    const { kkNumber, ...withoutKk } = snapshot;
    expect(JSON.stringify(decodeSnapshot(encodeSnapshot(withoutKk)))).toBe(JSON.stringify(withoutKk));
  });

  it('keeps arrays that look like packed objects apart from packed objects', () => {
    for (const v of [[1], [0], [2, 'x'], { a: [0] }, [[1, 2], []]]) {
      expect(decodeSnapshot(encodeSnapshot(v))).toEqual(v);
    }
  });

  it('still decodes a snapshot stored in format 1 (before format 2), byte for byte as it was written', () => {
    const v1 = Buffer.from(FORMAT_1_HOUSEHOLD, 'base64');
    expect(v1[0]).toBe(1);
    expect(decodeSnapshot(v1)).toEqual(household);
    // Interleaved with format 2, as a history read across the change meets them.
    expect(decodeSnapshot(encodeSnapshot(household))).toEqual(household);
    expect(decodeSnapshot(v1)).toEqual(household);
  });

  it("stores a household of four of today's shape in a fifth fewer bytes than format 1 did", () => {
    const v1 = Buffer.from(ofFour.format1Base64, 'base64');
    expect(decodeSnapshot(v1)).toEqual(ofFour.snapshot);
    expect(encodeSnapshot(ofFour.snapshot).byteLength).toBeLessThan(v1.byteLength * 0.8);
  });

  it('refuses an unknown format, empty bytes and corrupt bytes instead of guessing', () => {
    const good = encodeSnapshot(household);
    expect(() => decodeSnapshot(new Uint8Array([9, ...good.subarray(1)]))).toThrow(
      /unknown storage format 9/,
    );
    expect(() => decodeSnapshot(new Uint8Array())).toThrow(/unknown storage format \(empty\)/);
    expect(() => decodeSnapshot(good.subarray(0, good.byteLength - 8))).toThrow();
  });

  it('decodes a view into a larger buffer (as drivers may hand it over)', () => {
    const good = encodeSnapshot(household);
    const big = new Uint8Array(good.byteLength + 10);
    big.set(good, 5);
    expect(decodeSnapshot(big.subarray(5, 5 + good.byteLength))).toEqual(household);
  });
});

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
) as { snapshot: unknown; format1Base64: string };

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
    expect(encodeSnapshot(household)[0]).toBe(2);
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

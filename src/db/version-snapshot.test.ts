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

describe('version snapshots', () => {
  it('round-trips any JSON value exactly, non-ASCII text included', () => {
    for (const v of [household, {}, [], 'x', 0, null, { nested: { a: [1, 2, { b: '' }] } }]) {
      expect(decodeSnapshot(encodeSnapshot(v))).toEqual(v);
    }
  });

  it('stores a household in a fraction of its JSON size', () => {
    const json = Buffer.byteLength(JSON.stringify(household));
    expect(encodeSnapshot(household).byteLength).toBeLessThan(json / 2);
  });

  it('tags the format in the first byte', () => {
    expect(encodeSnapshot(household)[0]).toBe(1);
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

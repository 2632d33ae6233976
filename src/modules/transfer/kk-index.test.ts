import { describe, expect, it } from 'vitest';
import { KkLineIndex } from './kk-index.ts';

describe('KkLineIndex', () => {
  it('remembers the first line of each KK through many resizes, exactly', () => {
    const index = new KkLineIndex();
    const kk = (i: number) => `33070115031${String(i).padStart(5, '0')}`;
    for (let i = 0; i < 50_000; i++) index.set(kk(i), i + 2);
    index.set(kk(7), 999_999); // a later line never replaces the first
    expect(index.size).toBe(50_000);
    for (const i of [0, 7, 4_095, 49_999]) expect(index.get(kk(i))).toBe(i + 2);
    expect(index.get(kk(50_000))).toBeUndefined();
    expect(index.get('9407011503150001')).toBeUndefined();
  });

  it('tells apart numbers that share a half', () => {
    const index = new KkLineIndex();
    index.set('1234567800000001', 2);
    index.set('0000000112345678', 3);
    expect(index.get('1234567800000001')).toBe(2);
    expect(index.get('0000000112345678')).toBe(3);
    expect(index.get('1234567812345678')).toBeUndefined();
  });

  it('keeps malformed numbers too', () => {
    const index = new KkLineIndex();
    index.set('33.07-123', 5);
    index.set('', 6);
    expect(index.get('33.07-123')).toBe(5);
    expect(index.get('')).toBe(6);
    expect(index.size).toBe(2);
  });
});

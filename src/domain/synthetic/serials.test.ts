import { describe, expect, it } from 'vitest';
import { SerialAllocator } from './serials.ts';

describe('SerialAllocator', () => {
  it('counts serials per district and month from a seed-drawn start, 1–9999', () => {
    const a = new SerialAllocator('s', 'nik');
    const first = a.next('33.07.01', '1980-05-02');
    const second = a.next('33.07.01', '1980-05-30');
    expect(second).toBe(first === 9999 ? 1 : first + 1);
    for (let i = 0; i < 20_000; i++) {
      const s = a.next('33.07.01', '1990-01-01');
      expect(s).toBeGreaterThanOrEqual(1);
      expect(s).toBeLessThanOrEqual(9999);
    }
  });

  it('never repeats within one district and month before 9,999 numbers', () => {
    const a = new SerialAllocator(7, 'kk');
    const seen = new Set<number>();
    for (let i = 0; i < 9999; i++) seen.add(a.next('11.01.01', '2020-02-10'));
    expect(seen.size).toBe(9999);
  });

  it('is deterministic per seed and starts elsewhere for another seed or number kind', () => {
    const run = (seed: string, kind: string) => {
      const a = new SerialAllocator(seed, kind);
      return ['32.01.01', '32.01.02', '91.01.01'].map((d) => a.next(d, '2001-12-31'));
    };
    expect(run('x', 'nik')).toEqual(run('x', 'nik'));
    expect(run('x', 'nik')).not.toEqual(run('y', 'nik'));
    expect(run('x', 'nik')).not.toEqual(run('x', 'kk'));
  });

  it('keeps districts apart across allocation blocks', () => {
    const a = new SerialAllocator('b', 'nik');
    const b = new SerialAllocator('b', 'nik');
    const districts = Array.from(
      { length: 200 },
      (_, i) =>
        `11.${String(1 + Math.floor(i / 50)).padStart(2, '0')}.${String(1 + (i % 50)).padStart(2, '0')}`,
    );
    const firstA = districts.map((d) => a.next(d, '1999-09-09'));
    // Same sequence on a fresh allocator: each district's counter is its own.
    expect(districts.map((d) => b.next(d, '1999-09-09'))).toEqual(firstA);
    expect(districts.map((d) => a.next(d, '1999-09-09'))).toEqual(
      firstA.map((s) => (s === 9999 ? 1 : s + 1)),
    );
  });
});

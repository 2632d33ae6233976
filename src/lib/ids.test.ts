import { validate, version } from 'uuid';
import { describe, expect, it } from 'vitest';
import { isRecordId, newId } from './ids.ts';

describe('newId', () => {
  it('makes RFC 9562 version-7 UUIDs carrying the current time', () => {
    const before = Date.now();
    const id = newId();
    expect(validate(id)).toBe(true);
    expect(version(id)).toBe(7);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const ms = Number.parseInt(id.replace('-', '').slice(0, 12), 16);
    expect(ms).toBeGreaterThanOrEqual(before);
    expect(ms).toBeLessThanOrEqual(Date.now() + 1);
  });

  it('is unique and strictly increasing within one process, across pool refills', () => {
    const ids = Array.from({ length: 20_000 }, () => newId());
    expect(new Set(ids).size).toBe(ids.length);
    for (let i = 1; i < ids.length; i++) expect(ids[i]! > ids[i - 1]!).toBe(true);
  });
});

describe('isRecordId', () => {
  it('takes UUID text only: 8-4-4-4-12 hex digits in lower case, as ids are made', () => {
    expect(isRecordId(newId())).toBe(true);
    expect(isRecordId('0190f7a0-0000-7000-8000-00000000000a')).toBe(true);
    for (const bad of [
      '0190F7A0-0000-7000-8000-00000000000A',
      '-'.repeat(36),
      `${'0'.repeat(32)}----`,
      '0190f7a0-0000-7000-8000-00000000000g',
      '',
    ]) {
      expect(isRecordId(bad), bad).toBe(false);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { ConfigError, type FieldIssue, type MessageCode } from '../errors.ts';
import {
  compareFields,
  concealedOrder,
  DEFAULT_PROBE_LIMIT,
  IDENTITY_UNAVAILABLE,
  IdentityRace,
  PROBE_LIMIT,
  PROBE_WINDOW_MS,
  parseProbeLimit,
  probeLimitError,
  probeNotice,
  probeRetryAfter,
  unavailableIssue,
} from './identity.ts';

const detail = (field: string, code: MessageCode = 'usulan.nik_registered_elsewhere'): FieldIssue => ({
  field,
  code,
  message: { id: code, en: code },
  severity: 'error',
});

describe('the neutral answer', () => {
  it('is one code and one text per kind of number, naming only the caller’s field', () => {
    const a = unavailableIssue('household.members.2.nik', 'nik');
    const b = unavailableIssue('member.nik', 'nik');
    expect(a).toMatchObject({
      field: 'household.members.2.nik',
      code: IDENTITY_UNAVAILABLE,
      severity: 'error',
    });
    expect(a.message).toEqual(b.message);
    expect(a.message.id).toMatch(/^NIK ini tidak dapat digunakan di sini\./);
    expect(a.message.en).toMatch(/^This NIK cannot be used here\./);
    expect(unavailableIssue('kkNumber', 'kk').message.id).toMatch(
      /^Nomor KK ini tidak dapat digunakan di sini\./,
    );
  });

  it('a lost race answers exactly like a refusal (409, same code, text and field issue)', () => {
    const race = new IdentityRace('members', 'nik');
    expect(race.status).toBe(409);
    expect(race.code).toBe(IDENTITY_UNAVAILABLE);
    expect(race.text).toEqual(unavailableIssue('x', 'nik').message);
    expect(race.issues).toEqual([unavailableIssue('members', 'nik')]);
    expect(race.extra).toEqual({});
  });
});

describe('concealedOrder', () => {
  it('puts neutral issues last, one per field, in input order, whatever order the checks found them in', () => {
    const n = (f: string) => unavailableIssue(f, 'nik');
    // The same hidden records found by checks running in different orders.
    const byRegistry = [n('members.10.nik'), detail('members.1.nik'), n('members.2.nik'), n('members.2.nik')];
    const byProposals = [detail('members.1.nik'), n('members.2.nik'), n('members.10.nik')];
    const expected = [detail('members.1.nik'), n('members.2.nik'), n('members.10.nik')];
    expect(concealedOrder(byRegistry)).toEqual(expected);
    expect(concealedOrder(byProposals)).toEqual(expected);
  });

  it('leaves an answer without neutral issues as it was', () => {
    const issues = [detail('members.3.nik'), detail('kkNumber', 'kk.already_registered')];
    expect(concealedOrder(issues)).toEqual(issues);
  });

  it('compares dotted paths by their numbers', () => {
    expect(['a.10.b', 'a.2.b', 'a', 'a.2'].sort(compareFields)).toEqual(['a', 'a.2', 'a.2.b', 'a.10.b']);
    expect(compareFields('household.kkNumber', 'household.members.0.nik')).toBeLessThan(0);
  });
});

describe('the hourly limit', () => {
  const now = new Date('2026-03-16T10:00:00.000Z');
  const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000).toISOString();

  it('is not reached below the limit', () => {
    expect(probeRetryAfter([], 3, now)).toBeNull();
    expect(probeRetryAfter([minutesAgo(1), minutesAgo(59)], 3, now)).toBeNull();
  });

  it('at the limit, lasts until the limit-th newest refusal leaves the rolling hour', () => {
    // Newest first: the third newest is 50 minutes old, so 10 minutes remain.
    expect(probeRetryAfter([minutesAgo(1), minutesAgo(20), minutesAgo(50)], 3, now)).toBe(600);
    expect(probeRetryAfter([minutesAgo(0), minutesAgo(0)], 2, now)).toBe(PROBE_WINDOW_MS / 1000);
    // Never less than a second.
    expect(probeRetryAfter([new Date(now.getTime() - PROBE_WINDOW_MS + 1).toISOString()], 1, now)).toBe(1);
  });

  it('answers 429 with the wait, and nothing about any record', () => {
    const err = probeLimitError(600);
    expect(err.status).toBe(429);
    expect(err.code).toBe(PROBE_LIMIT);
    expect(err.extra).toEqual({ retryAfter: 600 });
    expect(err.issues).toEqual([]);
  });

  it('reads IDENTITY_PROBE_LIMIT as a whole number of 1 or more, 20 when unset', () => {
    expect(parseProbeLimit(undefined)).toBe(DEFAULT_PROBE_LIMIT);
    expect(parseProbeLimit('')).toBe(20);
    expect(parseProbeLimit(' 5 ')).toBe(5);
    for (const bad of ['0', '-1', '2.5', 'many', '1e3'])
      expect(() => parseProbeLimit(bad), bad).toThrow(ConfigError);
    expect(() => parseProbeLimit('0')).toThrow(
      'IDENTITY_PROBE_LIMIT must be a whole number, 1 or more, got "0"',
    );
  });
});

describe('the notice to the holding territory', () => {
  it('names the number, what holds it there and where the attempt came from', () => {
    const text = probeNotice(
      { kind: 'nik', value: '3307015001800001', field: 'nik' },
      'ppks',
      '33.07.02.2001',
    );
    expect(text.id).toContain('NIK 3307015001800001');
    expect(text.id).toContain('terdaftar sebagai PPKS');
    expect(text.id).toContain('33.07.02.2001');
    expect(text.en).toContain('propose its removal (moved out)');
    const kk = probeNotice(
      { kind: 'kk', value: '3307011003150001', field: 'kkNumber' },
      'household_kk',
      '33.08',
    );
    expect(kk.en).toContain('KK number 3307011003150001');
  });
});

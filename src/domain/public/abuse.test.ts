import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors.ts';
import {
  DEFAULT_PUBLIC_LIMITS,
  exceeded,
  needsChallenge,
  parseChallengeMode,
  parsePublicLimits,
} from './abuse.ts';

const limits = { client: 10, nik: 6, village: 30, challengeAfter: 3 };

describe('public abuse limits', () => {
  it('reads the mode, adaptive by default, and refuses others', () => {
    expect(parseChallengeMode(undefined)).toBe('adaptive');
    expect(parseChallengeMode('always')).toBe('always');
    expect(parseChallengeMode('off')).toBe('off');
    expect(() => parseChallengeMode('sometimes')).toThrow(ConfigError);
  });
  it('reads limits from the environment with defaults, refusing nonsense', () => {
    expect(parsePublicLimits({})).toEqual(DEFAULT_PUBLIC_LIMITS);
    expect(parsePublicLimits({ PUBLIC_LIMIT_NIK: '3' }).nik).toBe(3);
    expect(() => parsePublicLimits({ PUBLIC_LIMIT_CLIENT: '0' })).toThrow(ConfigError);
    expect(() => parsePublicLimits({ PUBLIC_LIMIT_VILLAGE: 'many' })).toThrow(ConfigError);
  });
  it('names the first counter over its limit', () => {
    expect(exceeded({ client: 10, nik: 6 }, limits)).toBeNull();
    expect(exceeded({ client: 11, nik: 7 }, limits)).toBe('client');
    expect(exceeded({ client: 2, nik: 7 }, limits)).toBe('nik');
    expect(exceeded({ client: 2, village: 31 }, limits)).toBe('village');
  });
  it('asks for a challenge per mode', () => {
    expect(needsChallenge('off', { client: 99 }, limits)).toBe(false);
    expect(needsChallenge('always', { client: 1 }, limits)).toBe(true);
    expect(needsChallenge('adaptive', { client: 3, nik: 2 }, limits)).toBe(false);
    expect(needsChallenge('adaptive', { client: 4 }, limits)).toBe(true);
    // One NIK asked from several clients, each of them new.
    expect(needsChallenge('adaptive', { client: 1, nik: 3 }, limits)).toBe(true);
    // A village swept by many clients.
    expect(needsChallenge('adaptive', { client: 1, village: 11 }, limits)).toBe(true);
    expect(needsChallenge('adaptive', { client: 1, village: 10 }, limits)).toBe(false);
  });
});

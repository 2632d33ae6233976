import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../cli/demo.ts';
import {
  isCommonPassword,
  isTrivialPassword,
  PASSWORD_MIN_LENGTH,
  passwordIssues,
} from './password-policy.ts';

const codes = (password: string, who = { username: 'op-desa', displayName: 'Siti Aminah' }) =>
  passwordIssues(password, who).map((i) => i.code);

describe('password policy', () => {
  it('accepts the demo and test passwords and ordinary passphrases', () => {
    for (const ok of [
      DEMO_PASSWORD,
      'test-password-123',
      'kopi tubruk di pagi hari',
      'Gunung-Sindoro-3136m',
    ]) {
      expect(codes(ok), ok).toEqual([]);
    }
  });

  it(`needs ${PASSWORD_MIN_LENGTH} characters`, () => {
    expect(codes('Xk#9vQ2m')).toEqual(['password.too_short']);
    expect(codes('Xk#9vQ2mZp')).toEqual([]);
  });

  it('rejects common passwords, Indonesian ones included, also with digits or symbols around them', () => {
    for (const common of [
      'bismillah',
      'bismillah123',
      'indonesia',
      'Indonesia1945',
      'sayangku',
      'rahasia',
      '!rahasia!',
      'password123',
      'qwerty123',
      'iloveyou',
      'katasandi2026',
      'dinsos12345',
    ]) {
      expect(isCommonPassword(common), common).toBe(true);
    }
    expect(codes('bismillah123')).toEqual(['password.common']);
    expect(isCommonPassword('kopi tubruk di pagi hari')).toBe(false);
  });

  it('rejects trivial passwords: one character, a repeated pattern, a run of digits, letters or keys', () => {
    for (const trivial of [
      'aaaaaaaaaaaa',
      '1111111111',
      'abcabcabcabc',
      '1212121212',
      'abab-abab-ab',
      '1234567890',
      '0987654321',
      '4567890123',
      'abcdefghijkl',
      'zyxwvutsrqpo',
      'qwertyuiop',
      'ASDFGHJKL',
      '1qaz2wsx3edc',
      'aaaabbbbcccc',
    ]) {
      expect(isTrivialPassword(trivial), trivial).toBe(true);
    }
    expect(isTrivialPassword('test-password-123')).toBe(false);
    expect(codes('xyzxyzxyzxyz')).toEqual(['password.trivial']);
  });

  it('rejects a password containing the username or the person’s name', () => {
    expect(codes('op-desa-rahasia-99')).toContain('password.contains_name');
    expect(codes('OPDESA!kopi-pagi')).toEqual(['password.contains_name']);
    expect(codes('siti aminah 1985')).toEqual(['password.contains_name']);
  });

  it('names the field, and says why in Indonesian and English', () => {
    const [issue] = passwordIssues('short', { username: 'x' });
    expect(issue).toEqual({
      field: 'password',
      code: 'password.too_short',
      message: {
        id: `Kata sandi minimal ${PASSWORD_MIN_LENGTH} karakter`,
        en: `The password needs at least ${PASSWORD_MIN_LENGTH} characters`,
      },
      severity: 'error',
    });
    const common = passwordIssues('bismillah123', { username: 'x' })[0]!;
    expect(common.message.id).toMatch(/paling sering dipakai/);
    expect(common.message.en).toMatch(/most commonly used/);
  });
});

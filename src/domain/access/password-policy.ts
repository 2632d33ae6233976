/**
 * What a new password must be: long enough, not one of the passwords people pick most (the 49,000-entry
 * list shipped in @zxcvbn-ts/language-common, which has Indonesian favourites such as "bismillah",
 * "sayang", "rahasia", "indonesia", plus the words of this system below), not trivial (one character
 * repeated, a short pattern repeated, a run of the alphabet, digits or a keyboard row), and not built from
 * the username or the person's name. Digits and symbols around a common word do not rescue it
 * ("bismillah123", "!rahasia!"). Each failure is one issue with its own code, in Indonesian and English.
 */
import { createRequire } from 'node:module';
import { type FieldIssue, issue } from '../errors.ts';

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;

/** Words of this system and its users that a guesser tries first. */
const LOCAL_WORDS = [
  'dtks',
  'siksng',
  'siks-ng',
  'kemensos',
  'dinsos',
  'dinassosial',
  'pusdatin',
  'bansos',
  'katasandi',
  'kata sandi',
  'sandi',
  'rahasia',
  'rahasiaku',
  'indonesia',
  'indonesiaraya',
  'merdeka',
  'pancasila',
  'garuda',
  'bismillah',
  'alhamdulillah',
  'assalamualaikum',
  'sayang',
  'sayangku',
  'cintaku',
  'kepaladesa',
  'operator',
  'petugas',
  'wonosobo',
];

let common: Set<string> | null = null;
/** Loaded on first use, so processes that never check a password (most CLI commands) skip the list. */
function commonPasswords(): Set<string> {
  if (!common) {
    const { dictionary } = createRequire(import.meta.url)('@zxcvbn-ts/language-common') as {
      dictionary: Record<'passwords-common', string[]>;
    };
    common = new Set([...dictionary['passwords-common'], ...LOCAL_WORDS]);
  }
  return common;
}

const RUNS = [
  '0123456789',
  'abcdefghijklmnopqrstuvwxyz',
  'qwertyuiop',
  'asdfghjkl',
  'zxcvbnm',
  '1qaz2wsx3edc4rfv',
];

/** A stretch of one of the runs above (either direction, wrapping round), e.g. "1234567890", "zyxwvu". */
function isRun(s: string): boolean {
  return RUNS.some((run) => {
    const twice = run.repeat(3);
    const reversed = [...twice].reverse().join('');
    return twice.includes(s) || reversed.includes(s);
  });
}

export function isTrivialPassword(password: string): boolean {
  const s = password.toLowerCase();
  return new Set(s).size < 4 || /^(.{1,5})\1+.{0,4}$/.test(s) || isRun(s);
}

export function isCommonPassword(password: string): boolean {
  const s = password.toLowerCase();
  const core = s.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
  const list = commonPasswords();
  return list.has(s) || (core.length >= 4 && list.has(core));
}

const squash = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

/** Every way `password` fails the policy, as issues on `field` (empty when it is acceptable). */
export function passwordIssues(
  password: string,
  who: { username: string; displayName?: string },
  field = 'password',
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if ([...password].length < PASSWORD_MIN_LENGTH) {
    issues.push(issue(field, 'password.too_short', { PASSWORD_MIN_LENGTH }));
  }
  if (isCommonPassword(password)) {
    issues.push(issue(field, 'password.common'));
  } else if (isTrivialPassword(password)) {
    issues.push(issue(field, 'password.trivial'));
  }
  const pw = squash(password);
  const names = [who.username, who.displayName ?? ''].map(squash).filter((n) => n.length >= 3);
  if (names.some((n) => pw.includes(n))) {
    issues.push(issue(field, 'password.contains_name'));
  }
  return issues;
}

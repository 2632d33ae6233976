/**
 * Password hashing: Argon2id from node:crypto (stable since Node 24.19) at OWASP's recommended parameters
 * (19 MiB of memory, 2 passes, 1 lane; ~40–80 ms here), stored as a self-describing PHC string
 * `$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>`. Hashes made with older parameters or the earlier scrypt
 * scheme (`scrypt$N$r$p$salt$hash`) still verify; `needsRehash` tells the login to store a fresh hash.
 */
import { argon2, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

export interface Argon2Params {
  /** Memory in KiB. */
  m: number;
  /** Passes. */
  t: number;
  /** Lanes. */
  p: number;
}

/** OWASP Password Storage Cheat Sheet, Argon2id, first configuration. */
export const ARGON2_PARAMS: Argon2Params = { m: 19_456, t: 2, p: 1 };
const TAG_BYTES = 32;
const SALT_BYTES = 16;

const argon2Async = promisify(argon2);
const scryptAsync = promisify(scrypt) as (
  password: string,
  salt: Buffer,
  keylen: number,
  options: { N: number; r: number; p: number; maxmem: number },
) => Promise<Buffer>;

const b64 = (b: Buffer) => b.toString('base64').replace(/=+$/, '');

async function argon2id(password: string, salt: Buffer, params: Argon2Params, tagLength: number) {
  return argon2Async('argon2id', {
    message: password,
    nonce: salt,
    memory: params.m,
    passes: params.t,
    parallelism: params.p,
    tagLength,
  });
}

export async function hashPassword(password: string, params: Argon2Params = ARGON2_PARAMS): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const tag = await argon2id(password, salt, params, TAG_BYTES);
  return `$argon2id$v=19$m=${params.m},t=${params.t},p=${params.p}$${b64(salt)}$${b64(tag)}`;
}

const PHC = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

/** The parameters a stored hash was made with; null for another scheme or a malformed string. */
export function argon2ParamsOf(stored: string): Argon2Params | null {
  const m = PHC.exec(stored);
  return m ? { m: Number(m[1]), t: Number(m[2]), p: Number(m[3]) } : null;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const phc = PHC.exec(stored);
  if (phc) {
    const expected = Buffer.from(phc[5]!, 'base64');
    const params = { m: Number(phc[1]), t: Number(phc[2]), p: Number(phc[3]) };
    const tag = await argon2id(password, Buffer.from(phc[4]!, 'base64'), params, expected.length);
    return timingSafeEqual(tag, expected);
  }
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await scryptAsync(password, Buffer.from(salt, 'base64url'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: 256 * 1024 * 1024,
  });
  return timingSafeEqual(key, expected);
}

/** A hash that is not Argon2id at today's parameters: the next successful login replaces it. */
export function needsRehash(stored: string): boolean {
  const params = argon2ParamsOf(stored);
  return (
    !params || params.m !== ARGON2_PARAMS.m || params.t !== ARGON2_PARAMS.t || params.p !== ARGON2_PARAMS.p
  );
}

let dummy: Promise<string> | null = null;
/**
 * What an unknown username's attempt is compared against: a hash of a random secret made with today's
 * parameters, once per process, so an unknown name costs exactly what a wrong password costs.
 */
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword(randomBytes(32).toString('base64'));
  return dummy;
}

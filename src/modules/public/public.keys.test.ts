import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PublicKeys } from './public.keys.ts';

const HEX_KEY = 'ab'.repeat(32);

describe('PublicKeys', () => {
  const keys = new PublicKeys({ dataDir: '/nonexistent', publicHmacKey: HEX_KEY });

  it('hashes as HMAC-SHA256 over purpose, NUL, value under the configured key (32 hex digits)', () => {
    const expected = createHmac('sha256', Buffer.from(HEX_KEY, 'hex'))
      .update('nik\u00003307014101900001')
      .digest('hex')
      .slice(0, 32);
    expect(keys.hash('nik', '3307014101900001')).toBe(expected);
    // The key object is built once and reused: a second call gives the same digest, another value another.
    expect(keys.hash('nik', '3307014101900001')).toBe(expected);
    expect(keys.hash('nik', '3307014101900002')).not.toBe(expected);
    expect(keys.hash('client:web', '3307014101900001')).not.toBe(expected);
  });

  it('derives per-purpose secrets from the same key', () => {
    const expected = createHmac('sha256', Buffer.from(HEX_KEY, 'hex'))
      .update('dtks-public-derived\u0000altcha')
      .digest('base64');
    expect(keys.derived('altcha')).toBe(expected);
    expect(keys.derived('altcha-key')).not.toBe(expected);
  });
});

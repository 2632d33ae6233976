import { generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type InvitationPayload, signInvitation, verifyInvitation } from './qr.ts';

const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const other = generateKeyPairSync('ed25519');

const payload: InvitationPayload = {
  e: '0190a1b2-0000-7000-8000-000000000001',
  k: '3201010101010001',
  p: '2026-11',
  g: 'PKH',
  t: '0190a1b2-0000-7000-8000-0000000000aa',
  r: 1,
  a: 750000,
  n: 0,
  x: '2026-12-31T16:59:59.000Z',
  v: 'abcdef0123456789',
};

describe('invitation QR payload', () => {
  it('round-trips a signed payload', () => {
    const text = signInvitation(payload, privateKey);
    expect(text.startsWith('DTKS1.')).toBe(true);
    expect(verifyInvitation(text, publicKey, new Date('2026-12-01T00:00:00Z'))).toEqual({
      ok: true,
      payload,
    });
  });

  it('is compact enough for a small QR code', () => {
    expect(signInvitation(payload, privateKey).length).toBeLessThan(400);
  });

  it('refuses a code signed by another key', () => {
    const text = signInvitation(payload, other.privateKey);
    expect(verifyInvitation(text, publicKey)).toEqual({ ok: false, reason: 'signature' });
  });

  it('refuses an altered amount', () => {
    const text = signInvitation(payload, privateKey);
    const [prefix, , sig] = text.split('.');
    const forged = Buffer.from(JSON.stringify({ ...payload, a: 7500000 })).toString('base64url');
    expect(verifyInvitation(`${prefix}.${forged}.${sig}`, publicKey)).toEqual({
      ok: false,
      reason: 'signature',
    });
  });

  it('refuses any single changed character', () => {
    const text = signInvitation(payload, privateKey);
    for (let i = 6; i < text.length; i += 7) {
      if (text[i] === '.') continue;
      const swapped = `${text.slice(0, i)}${text[i] === 'A' ? 'B' : 'A'}${text.slice(i + 1)}`;
      expect(verifyInvitation(swapped, publicKey).ok, `position ${i}`).toBe(false);
    }
  });

  it('refuses malformed texts', () => {
    for (const t of ['', 'hello', 'DTKS1.a', 'DTKS2.a.b', 'DTKS1.a.b.c', 'DTKS1.a b.c', 'DTKS1..']) {
      expect(verifyInvitation(t, publicKey)).toMatchObject({ ok: false });
    }
  });

  it('refuses a validly signed but malformed payload', () => {
    const body = Buffer.from(JSON.stringify({ ...payload, a: 1.5 })).toString('base64url');
    const sig = sign(null, Buffer.from(`DTKS1.${body}`), privateKey).toString('base64url');
    expect(verifyInvitation(`DTKS1.${body}.${sig}`, publicKey)).toEqual({ ok: false, reason: 'payload' });
  });

  it('refuses an expired code when a clock is given', () => {
    const text = signInvitation(payload, privateKey);
    expect(verifyInvitation(text, publicKey, new Date('2027-01-01T00:00:00Z'))).toEqual({
      ok: false,
      reason: 'expired',
    });
  });
});

import { createHash, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  type InvitationPayload,
  signInvitation,
  signInvitationJson,
} from '../../../../src/domain/distribution/qr.ts';
import { importPublishedKey, verifyOnDevice } from './verify.ts';

/** The device's check agrees with the server's signing (src/domain/distribution/qr.ts) through WebCrypto. */
describe('QR verification on the device (WebCrypto Ed25519)', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const other = generateKeyPairSync('ed25519');
  const keyId = createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 16);
  const jwk = publicKey.export({ format: 'jwk' }) as { kty: string; crv: string; x: string };
  const payload: InvitationPayload = {
    e: '0195f0c2-7d1e-7000-8000-000000000001',
    k: '3307010101900001',
    p: '2026-09',
    g: 'BPNT',
    t: '0195f0c2-7d1e-7000-8000-0000000000aa',
    r: 1,
    a: 200_000,
    n: 0,
    x: '2026-09-30T08:00:00.000Z',
    v: keyId,
  };
  const key = () => importPublishedKey({ keyId, jwk });

  it('accepts a genuine code and answers its payload, in the compact form and the first (JSON) form', async () => {
    const compact = signInvitation(payload, privateKey);
    expect(compact.startsWith('DTKS2:')).toBe(true);
    expect(await verifyOnDevice(compact, await key(), keyId)).toEqual({ ok: true, payload });
    const old = signInvitationJson(payload, privateKey);
    expect(await verifyOnDevice(old, await key(), keyId)).toEqual({ ok: true, payload });
  });

  it('refuses any changed, dropped or added character of a compact code', async () => {
    const k = await key();
    const good = signInvitation(payload, privateKey);
    for (let i = 0; i < good.length; i += 5) {
      const swapped = `${good.slice(0, i)}${good[i] === 'A' ? 'B' : 'A'}${good.slice(i + 1)}`;
      expect((await verifyOnDevice(swapped, k, keyId)).ok, `position ${i}`).toBe(false);
    }
    expect((await verifyOnDevice(good.slice(0, -1), k, keyId)).ok).toBe(false);
    expect((await verifyOnDevice(`${good}00`, k, keyId)).ok).toBe(false);
    expect(await verifyOnDevice(good, k, keyId, new Date('2026-10-01T00:00:00Z'))).toEqual({
      ok: false,
      reason: 'expired',
    });
    const foreign = signInvitation({ ...payload, v: 'ffffffffffffffff' }, privateKey);
    expect(await verifyOnDevice(foreign, k, keyId)).toEqual({ ok: false, reason: 'key' });
  });

  it('refuses forged, altered, truncated, foreign-key and expired codes of the JSON form', async () => {
    const k = await key();
    const good = signInvitationJson(payload, privateKey);
    const [prefix, body, sig] = good.split('.') as [string, string, string];
    const richer = Buffer.from(JSON.stringify({ ...payload, a: 2_000_000 })).toString('base64url');
    expect(await verifyOnDevice(`${prefix}.${richer}.${sig}`, k, keyId)).toEqual({
      ok: false,
      reason: 'signature',
    });
    const last = sig.at(-1) === 'A' ? 'B' : 'A';
    expect((await verifyOnDevice(`${prefix}.${body}.${sig.slice(0, -1)}${last}`, k, keyId)).ok).toBe(false);
    expect((await verifyOnDevice(`${prefix}.${body}.${sig.slice(0, -2)}`, k, keyId)).ok).toBe(false);
    expect(await verifyOnDevice(`${prefix}.${body}`, k, keyId)).toEqual({ ok: false, reason: 'format' });
    expect(await verifyOnDevice('not a code', k, keyId)).toEqual({ ok: false, reason: 'format' });
    expect(await verifyOnDevice(signInvitationJson(payload, other.privateKey), k, keyId)).toEqual({
      ok: false,
      reason: 'signature',
    });
    const foreign = signInvitationJson({ ...payload, v: 'ffffffffffffffff' }, privateKey);
    expect(await verifyOnDevice(foreign, k, keyId)).toEqual({ ok: false, reason: 'key' });
    expect(await verifyOnDevice(good, k, keyId, new Date('2026-10-01T00:00:00Z'))).toEqual({
      ok: false,
      reason: 'expired',
    });
  });
});

/**
 * Checking .siks bundle keys. This installation's own identity is the Ed25519 key of use `bundle`
 * (`KEY_DIR/bundle-signing.pem`, Ed25519Keys in src/modules/audit/audit.keys.ts): its key id is the
 * installation id every bundle it signs carries; its public key is what another installation registers as
 * trusted (`dtks bundle key show`).
 */
import { createPublicKey, type KeyObject, verify } from 'node:crypto';
import { keyIdOf } from '../audit/audit.keys.ts';

/**
 * A public key as someone pastes it — PEM (SPKI) or base64 of the SPKI DER — if it is Ed25519; with its
 * fingerprint and canonical base64 form.
 */
export function parsePublicKey(
  text: string,
): { key: KeyObject; base64: string; fingerprint: string } | undefined {
  const t = text.trim();
  try {
    const key = t.startsWith('-----BEGIN')
      ? createPublicKey(t)
      : createPublicKey({ key: Buffer.from(t, 'base64'), format: 'der', type: 'spki' });
    if (key.asymmetricKeyType !== 'ed25519') return undefined;
    const der = key.export({ type: 'spki', format: 'der' });
    return { key, base64: der.toString('base64'), fingerprint: keyIdOf(der) };
  } catch {
    return undefined;
  }
}

export function verifySignature(publicKeyBase64: string, bytes: Buffer, signature: Buffer): boolean {
  const key = createPublicKey({ key: Buffer.from(publicKeyBase64, 'base64'), format: 'der', type: 'spki' });
  try {
    return verify(null, bytes, key, signature);
  } catch {
    return false;
  }
}

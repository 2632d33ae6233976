/**
 * This installation's identity for .siks bundles: an Ed25519 key pair in `KEY_DIR/bundle-signing.pem`
 * (created on first use, mode 0600, kept like the audit and distribution keys). Its fingerprint is the
 * installation id every bundle it signs carries; the public key is what another installation registers as
 * trusted (`dtks bundle key show`).
 */
import { createPublicKey, type KeyObject, sign, verify } from 'node:crypto';
import { join } from 'node:path';
import { ed25519KeyFile, keyIdOf } from '../audit/audit.keys.ts';

export const BUNDLE_KEY_FILE = 'bundle-signing.pem';

export interface InstallationKey {
  /** The fingerprint: the installation id. */
  fingerprint: string;
  /** base64 of the SPKI DER: what `dtks bundle key trust` takes. */
  publicKeyBase64: string;
  publicKeyPem: string;
  sign(bytes: Buffer): Buffer;
}

export class InstallationKeys {
  readonly #keyDir: string;
  #key: InstallationKey | undefined;

  constructor(settings: { dataDir: string; keyDir?: string }) {
    this.#keyDir = settings.keyDir ?? join(settings.dataDir, 'keys');
  }

  get(): InstallationKey {
    if (!this.#key) {
      const k = ed25519KeyFile(this.#keyDir, BUNDLE_KEY_FILE);
      this.#key = {
        fingerprint: k.keyId,
        publicKeyBase64: k.spkiDer.toString('base64'),
        publicKeyPem: k.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
        sign: (bytes) => sign(null, bytes, k.privateKey),
      };
    }
    return this.#key;
  }
}

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

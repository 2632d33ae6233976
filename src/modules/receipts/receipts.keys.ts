/**
 * The installation's key for invitation QR codes: an Ed25519 key pair in `KEY_DIR/distribution-signing.pem`
 * (PKCS#8, created on first use, mode 0600 — kept like the audit keys, src/modules/audit/audit.keys.ts). The
 * public key is published (GET /api/v1/public/distribution/public-key) so any device can check a code offline.
 */
import type { KeyObject } from 'node:crypto';
import { join } from 'node:path';
import { ed25519KeyFile } from '../audit/audit.keys.ts';

export const QR_KEY_FILE = 'distribution-signing.pem';

export interface QrKeys {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** First 16 hex digits of SHA-256 of the SPKI DER: carried in every payload (`v`). */
  keyId: string;
  publicKeyPem: string;
  publicKeyJwk: { kty: string; crv: string; x: string };
}

export class DistributionKeys {
  readonly #keyDir: string;
  readonly #file: string;
  #keys: QrKeys | undefined;

  /** `file`: another key of the same kind, e.g. the DCI API's signing key (src/modules/dci/dci.keys.ts). */
  constructor(settings: { dataDir: string; keyDir?: string; file?: string }) {
    this.#keyDir = settings.keyDir ?? join(settings.dataDir, 'keys');
    this.#file = settings.file ?? QR_KEY_FILE;
  }

  get(): QrKeys {
    if (!this.#keys) {
      const { privateKey, publicKey, keyId } = ed25519KeyFile(this.#keyDir, this.#file);
      const jwk = publicKey.export({ format: 'jwk' }) as { kty: string; crv: string; x: string };
      this.#keys = {
        privateKey,
        publicKey,
        keyId,
        publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
        publicKeyJwk: { kty: jwk.kty, crv: jwk.crv, x: jwk.x },
      };
    }
    return this.#keys;
  }
}

/**
 * The public portal's secret: one HMAC key (`PUBLIC_HMAC_KEY`, at least 32 bytes as hex or base64, else the
 * file `KEY_DIR/public-hmac.key`, created on first use, mode 0600 — as the audit key). From it:
 * - keyed hashes of NIKs, clients and chat senders for the check log and the limits (a leaked log or Redis
 *   does not give the NIKs back: without the key, 16-digit NIKs cannot be hashed to compare);
 * - the ALTCHA signing secrets (challenges are stateless: the server verifies its own signature).
 */
import { createHmac, createSecretKey, type KeyObject, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { parseHmacKey, readOrCreate } from '../audit/audit.keys.ts';

export const PUBLIC_KEY_FILE = 'public-hmac.key';

export interface PublicKeySettings {
  dataDir: string;
  keyDir?: string;
  publicHmacKey?: string;
}

export class PublicKeys {
  readonly #settings: PublicKeySettings;
  #key: KeyObject | undefined;

  constructor(settings: PublicKeySettings) {
    this.#settings = settings;
  }

  /**
   * The key as a `KeyObject`, built once: `createHmac` given a Buffer builds a key object on every call,
   * which cost a check ~30 µs of its two hashes (as the audit key did, AuditKeys.hmacKey).
   */
  #secret(): KeyObject {
    if (!this.#key) {
      const keyDir = this.#settings.keyDir ?? join(this.#settings.dataDir, 'keys');
      const secret =
        this.#settings.publicHmacKey !== undefined
          ? parseHmacKey(this.#settings.publicHmacKey, 'PUBLIC_HMAC_KEY')
          : parseHmacKey(
              readOrCreate(keyDir, PUBLIC_KEY_FILE, () => `${randomBytes(32).toString('base64')}\n`),
              join(keyDir, PUBLIC_KEY_FILE),
            );
      this.#key = createSecretKey(secret);
    }
    return this.#key;
  }

  /** HMAC-SHA256 of `value` under the key, for one purpose (`nik`, `client`, …), as 32 hex digits. */
  hash(purpose: string, value: string): string {
    return createHmac('sha256', this.#secret())
      .update(purpose)
      .update('\0')
      .update(value)
      .digest('hex')
      .slice(0, 32);
  }

  /** A secret derived for one use (the ALTCHA signatures), so no use learns the key itself. */
  derived(purpose: string): string {
    return createHmac('sha256', this.#secret()).update(`dtks-public-derived\0${purpose}`).digest('base64');
  }
}

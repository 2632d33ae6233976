/**
 * The audit log's keys, kept outside the database: whoever can write the database cannot recompute a keyed
 * hash or forge a signed checkpoint without them.
 * - HMAC key (chains entries): `AUDIT_HMAC_KEY` (at least 32 bytes, hex or base64), else the file
 *   `KEY_DIR/audit-hmac.key`, created on first use.
 * - Ed25519 key pair (signs checkpoints): the file `KEY_DIR/audit-signing.pem` (PKCS#8), created on first use.
 * KEY_DIR defaults to `DATA_DIR/keys`; it is created 0700 and key files 0600, and a key file that group or
 * others may read is refused (ConfigError), as ssh refuses a readable private key.
 */
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  createSecretKey,
  generateKeyPairSync,
  type KeyObject,
  randomBytes,
  sign,
} from 'node:crypto';
import { chmodSync, linkSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../../domain/errors.ts';

export const HMAC_KEY_FILE = 'audit-hmac.key';
export const SIGNING_KEY_FILE = 'audit-signing.pem';
const MIN_HMAC_BYTES = 32;

export interface KeySettings {
  dataDir: string;
  /** KEY_DIR; default `<dataDir>/keys`. */
  keyDir?: string;
  /** AUDIT_HMAC_KEY, when the deployment passes the secret in the environment. */
  auditHmacKey?: string;
}

/** The checkpoint signing key: an Ed25519Key (use `audit`). */
export type SigningKeys = Pick<Ed25519Key, 'privateKey' | 'publicKey' | 'publicKeyBase64' | 'keyId'>;

/**
 * The installation's Ed25519 key pairs, one file per use under KEY_DIR (PKCS#8, created on first use, 0600,
 * a readable file refused — readOrCreate): the audit log's checkpoints, the distribution invitations' QR
 * codes, the .siks bundles' signatures (the key id is the installation id) and the DCI API's tokens and
 * messages. One class for all of them; the use names the file.
 */
export const ED25519_KEY_FILES = {
  audit: SIGNING_KEY_FILE,
  distribution: 'distribution-signing.pem',
  bundle: 'bundle-signing.pem',
  dci: 'dci-signing.pem',
} as const;
export type Ed25519Use = keyof typeof ED25519_KEY_FILES;

export interface Ed25519Key {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** SHA-256 of the SPKI DER, first 16 hex digits: a short name for the key (a bundle's installation id). */
  keyId: string;
  /** The public key as base64 of its SPKI DER form (what a checkpoint carries, what a bundle key trust takes). */
  publicKeyBase64: string;
  publicKeyPem: string;
  publicKeyJwk: { kty: string; crv: string; x: string };
  sign(bytes: Buffer): Buffer;
}

export class Ed25519Keys {
  readonly #keyDir: string;
  readonly #file: string;
  #key: Ed25519Key | undefined;

  constructor(settings: { dataDir: string; keyDir?: string }, use: Ed25519Use) {
    this.#keyDir = settings.keyDir ?? join(settings.dataDir, 'keys');
    this.#file = ED25519_KEY_FILES[use];
  }

  get(): Ed25519Key {
    if (!this.#key) {
      const { privateKey, publicKey, keyId, spkiDer } = ed25519KeyFile(this.#keyDir, this.#file);
      const jwk = publicKey.export({ format: 'jwk' }) as { kty: string; crv: string; x: string };
      this.#key = {
        privateKey,
        publicKey,
        keyId,
        publicKeyBase64: spkiDer.toString('base64'),
        publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
        publicKeyJwk: { kty: jwk.kty, crv: jwk.crv, x: jwk.x },
        sign: (bytes) => sign(null, bytes, privateKey),
      };
    }
    return this.#key;
  }
}

export class AuditKeys {
  readonly #settings: KeySettings;
  #hmac: { key: Buffer; keyId: string } | undefined;
  #hmacKeyObject: KeyObject | undefined;
  readonly #signing: Ed25519Keys;

  constructor(settings: KeySettings) {
    this.#settings = settings;
    this.#signing = new Ed25519Keys(settings, 'audit');
  }

  get keyDir(): string {
    return this.#settings.keyDir ?? join(this.#settings.dataDir, 'keys');
  }

  /** The HMAC key and its id (a keyed hash of a fixed label, so the id says nothing of the key). */
  hmac(): { key: Buffer; keyId: string } {
    if (!this.#hmac) {
      const key =
        this.#settings.auditHmacKey !== undefined
          ? parseHmacKey(this.#settings.auditHmacKey, 'AUDIT_HMAC_KEY')
          : parseHmacKey(
              readOrCreate(this.keyDir, HMAC_KEY_FILE, () => `${randomBytes(32).toString('base64')}\n`),
              join(this.keyDir, HMAC_KEY_FILE),
            );
      const keyId = createHash('sha256').update('dtks-audit-key-id\0').update(key).digest('hex').slice(0, 16);
      this.#hmac = { key, keyId };
    }
    return this.#hmac;
  }

  /**
   * The HMAC key as a KeyObject and its id, for hashing entries: `createHmac` with a KeyObject costs ~5 µs
   * per entry, with the raw Buffer ~35 µs (Node builds a new key object from the bytes on every call) —
   * on the audited person lookup that was a fifth of the request's CPU.
   */
  hmacKey(): { key: KeyObject; keyId: string } {
    const { key, keyId } = this.hmac();
    this.#hmacKeyObject ??= createSecretKey(key);
    return { key: this.#hmacKeyObject, keyId };
  }

  signing(): SigningKeys {
    return this.#signing.get();
  }
}

export function parseHmacKey(text: string, source: string): Buffer {
  const s = text.trim();
  const key = /^([0-9a-f]{2})+$/i.test(s)
    ? Buffer.from(s, 'hex')
    : /^[A-Za-z0-9+/_-]+={0,2}$/.test(s)
      ? Buffer.from(s, 'base64')
      : Buffer.alloc(0);
  if (key.length < MIN_HMAC_BYTES) {
    throw new ConfigError(
      `${source} must hold at least ${MIN_HMAC_BYTES} random bytes as hex or base64 (e.g. \`openssl rand -base64 32\`)`,
    );
  }
  return key;
}

/**
 * Reads `dir/name`, refusing it when group or others may read or write it; creates it (mode 0600, the
 * directory 0700) with `make()` when absent. Creation goes through a temporary file linked into place, so two
 * processes starting together agree on one key and neither reads a half-written file.
 */
export function readOrCreate(dir: string, name: string, make: () => string): string {
  const path = join(dir, name);
  try {
    return readPrivate(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const tmp = join(dir, `.${name}.${process.pid}.${randomBytes(4).toString('hex')}`);
  writeFileSync(tmp, make(), { mode: 0o600, flag: 'wx' });
  chmodSync(tmp, 0o600); // whatever the umask
  try {
    linkSync(tmp, path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  } finally {
    rmSync(tmp, { force: true });
  }
  return readPrivate(path);
}

function readPrivate(path: string): string {
  const { mode } = statSync(path);
  if ((mode & 0o077) !== 0) {
    throw new ConfigError(
      `${path} may be read or written by group or others (mode ${(mode & 0o777).toString(8)}): make it 0600 (chmod 600 ${path})`,
    );
  }
  return readFileSync(path, 'utf8');
}

/**
 * An Ed25519 private key kept in `dir/name` (PKCS#8 PEM, created on first use like every key here), with its
 * public key and id (first 16 hex digits of SHA-256 of the SPKI DER): the audit checkpoints' key, the
 * distribution QR key, the .siks installation key and the DCI key (Ed25519Keys).
 */
export function ed25519KeyFile(
  dir: string,
  name: string,
): { privateKey: KeyObject; publicKey: KeyObject; spkiDer: Buffer; keyId: string } {
  const path = join(dir, name);
  const pem = readOrCreate(dir, name, () =>
    generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  );
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(pem);
  } catch {
    throw new ConfigError(`${path} is not a PEM private key`);
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new ConfigError(`${path} must hold an Ed25519 key`);
  const publicKey = createPublicKey(privateKey);
  const spkiDer = publicKey.export({ type: 'spki', format: 'der' });
  return { privateKey, publicKey, spkiDer, keyId: keyIdOf(spkiDer) };
}

/** A public key's short name: the first 16 hex digits of SHA-256 of its SPKI DER. */
export function keyIdOf(spkiDer: Buffer): string {
  return createHash('sha256').update(spkiDer).digest('hex').slice(0, 16);
}

import { sign, verify } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../domain/errors.ts';
import { AuditKeys, HMAC_KEY_FILE, SIGNING_KEY_FILE } from './audit.keys.ts';

describe('audit keys', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'dtks-keys-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates the key directory 0700 and the key files 0600 on first use, and reads them back', () => {
    const keys = new AuditKeys({ dataDir: dir });
    const { key, keyId } = keys.hmac();
    expect(key.length).toBe(32);
    expect(statSync(join(dir, 'keys')).mode & 0o777).toBe(0o700);
    expect(statSync(join(dir, 'keys', HMAC_KEY_FILE)).mode & 0o777).toBe(0o600);
    const signing = keys.signing();
    expect(statSync(join(dir, 'keys', SIGNING_KEY_FILE)).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(dir, 'keys', SIGNING_KEY_FILE), 'utf8')).toMatch(/BEGIN PRIVATE KEY/);

    const again = new AuditKeys({ dataDir: dir });
    expect(again.hmac()).toEqual({ key, keyId });
    // The hashing key is the same secret as a KeyObject, under the same id.
    expect(again.hmacKey().keyId).toBe(keyId);
    expect(again.hmacKey().key.export()).toEqual(key);
    expect(again.signing().publicKeyBase64).toBe(signing.publicKeyBase64);
    const sig = sign(null, Buffer.from('x'), again.signing().privateKey);
    expect(verify(null, Buffer.from('x'), signing.publicKey, sig)).toBe(true);
  });

  it('KEY_DIR places the keys elsewhere', () => {
    const keyDir = join(dir, 'secret', 'audit');
    new AuditKeys({ dataDir: dir, keyDir }).hmac();
    expect(statSync(join(keyDir, HMAC_KEY_FILE)).isFile()).toBe(true);
  });

  it('refuses a key file that group or others may read, naming the file and the fix', () => {
    new AuditKeys({ dataDir: dir }).hmac();
    const path = join(dir, 'keys', HMAC_KEY_FILE);
    chmodSync(path, 0o644);
    expect(() => new AuditKeys({ dataDir: dir }).hmac()).toThrow(ConfigError);
    expect(() => new AuditKeys({ dataDir: dir }).hmac()).toThrow(/audit-hmac\.key.*mode 644.*chmod 600/);
    chmodSync(path, 0o600);
    expect(() => new AuditKeys({ dataDir: dir }).hmac()).not.toThrow();
  });

  it('AUDIT_HMAC_KEY replaces the file; a short or malformed secret is refused', () => {
    const hex = 'ab'.repeat(32);
    const keys = new AuditKeys({ dataDir: dir, auditHmacKey: hex });
    expect(keys.hmac().key).toEqual(Buffer.from(hex, 'hex'));
    expect(() => statSync(join(dir, 'keys', HMAC_KEY_FILE))).toThrow();
    const b64 = Buffer.alloc(32, 7).toString('base64');
    expect(new AuditKeys({ dataDir: dir, auditHmacKey: b64 }).hmac().key).toEqual(Buffer.alloc(32, 7));
    // The id names the key without revealing it, and differs between keys.
    expect(keys.hmac().keyId).not.toBe(new AuditKeys({ dataDir: dir, auditHmacKey: b64 }).hmac().keyId);
    for (const bad of ['', 'short', 'ab'.repeat(16), 'not base64 at all!']) {
      expect(() => new AuditKeys({ dataDir: dir, auditHmacKey: bad }).hmac()).toThrow(
        /AUDIT_HMAC_KEY must hold/,
      );
    }
  });

  it('refuses a signing key file that is not an Ed25519 private key', () => {
    const keyDir = join(dir, 'k');
    new AuditKeys({ dataDir: dir, keyDir }).hmac();
    writeFileSync(join(keyDir, SIGNING_KEY_FILE), 'garbage', { mode: 0o600 });
    expect(() => new AuditKeys({ dataDir: dir, keyDir }).signing()).toThrow(/not a PEM private key/);
  });
});

/**
 * The key that encrypts the offline app's local data (docs/offline.md): derived from the user's password at
 * login (PBKDF2-SHA-256, 310,000 rounds, a random salt per user kept beside the data — not a secret) into an
 * AES-GCM key that cannot be exported and lives only in this page's memory. Nothing stored on the device
 * can be read without the password; logging out forgets the key and deletes the data.
 * Small on purpose: the login page imports it (the offline store itself loads with the offline screen).
 */

const ROUNDS = 310_000;
const SALT_PREFIX = 'dtks.offline.salt.';
export const OFFLINE_DB_NAME = 'dtks-offline';

let current: { username: string; key: CryptoKey } | null = null;

function saltFor(username: string): Uint8Array<ArrayBuffer> {
  const name = `${SALT_PREFIX}${username}`;
  const stored = window.localStorage.getItem(name);
  if (stored) return Uint8Array.from(atob(stored), (c) => c.charCodeAt(0));
  const salt = crypto.getRandomValues(new Uint8Array(16));
  window.localStorage.setItem(name, btoa(String.fromCharCode(...salt)));
  return salt;
}

/** Derives and keeps the key of `username` (called with the password the user just logged in with). */
export async function unlock(username: string, password: string): Promise<void> {
  if (!globalThis.crypto?.subtle) return; // not a secure context: the offline app is unavailable
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, [
    'deriveKey',
  ]);
  const key = await crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt: saltFor(username), iterations: ROUNDS },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
  current = { username, key };
}

/** The key of the logged-in user, or null (after a reload the password must be typed again). */
export function offlineKey(): { username: string; key: CryptoKey } | null {
  return current;
}

/** Forgets the key (a wrong password typed to unlock). */
export function forgetKey(): void {
  current = null;
}

/** Forgets the key and deletes everything the offline app stored on this device. */
export async function wipeOffline(): Promise<void> {
  current = null;
  try {
    for (const k of Object.keys(window.localStorage))
      if (k.startsWith(SALT_PREFIX)) window.localStorage.removeItem(k);
  } catch {
    // storage refused (private browsing): nothing was stored either
  }
  await new Promise<void>((done) => {
    if (typeof indexedDB === 'undefined') return done();
    const req = indexedDB.deleteDatabase(OFFLINE_DB_NAME);
    req.onsuccess = req.onerror = req.onblocked = () => done();
  });
}

/** Encrypts a JSON value: a fresh 96-bit IV each time, stored with the ciphertext. */
export async function seal(
  key: CryptoKey,
  value: unknown,
): Promise<{ iv: Uint8Array<ArrayBuffer>; data: ArrayBuffer }> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv },
    key,
    new TextEncoder().encode(JSON.stringify(value)),
  );
  return { iv, data };
}

export async function open<T>(
  key: CryptoKey,
  sealed: { iv: Uint8Array<ArrayBuffer>; data: ArrayBuffer },
): Promise<T> {
  const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: sealed.iv }, key, sealed.data);
  return JSON.parse(new TextDecoder().decode(plain)) as T;
}

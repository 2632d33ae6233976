import { describe, expect, it } from 'vitest';
import {
  type BundleManifest,
  canonicalJson,
  checkEntries,
  checkKey,
  checkReplay,
  checkTerritory,
  isProblem,
  parseManifest,
  parseSignature,
} from './manifest.ts';

const sha = 'a'.repeat(64);
const manifest: BundleManifest = {
  format: 'dtks-siks',
  formatVersion: 1,
  bundleId: '01900000-0000-7000-8000-000000000001',
  kind: 'field-changes',
  source: { installationId: '0123456789abcdef', name: 'Laptop' },
  territory: '33.07.01',
  period: '2026-12',
  base: null,
  createdAt: '2026-12-05T09:00:00.000Z',
  counts: { changes: 1 },
  parts: [
    { name: 'parts/changes.ndjson', size: 10, sha256: sha, records: 1 },
    { name: `photos/${sha}`, size: 5, sha256: sha },
  ],
};
const key = { name: 'Laptop', fingerprint: '0123456789abcdef', regionCode: '33.07.01', revokedAt: null };
const entries = [
  { name: 'parts/changes.ndjson', size: 10 },
  { name: `photos/${sha}`, size: 5 },
  { name: 'manifest.json', size: 100 },
  { name: 'signature.json', size: 100 },
];

describe('.siks manifest', () => {
  it('writes canonical JSON: keys sorted at every depth, no whitespace, undefined left out', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: null }], c: 'x' }, u: undefined })).toBe(
      '{"a":{"c":"x","d":[2,{"y":null,"z":1}]},"b":1}',
    );
  });

  it('parses its own canonical form and refuses any other form, shape or format', () => {
    const bytes = Buffer.from(canonicalJson(manifest));
    expect(parseManifest(bytes)).toEqual(manifest);
    const pretty = parseManifest(Buffer.from(JSON.stringify(manifest, null, 1)));
    expect(pretty).toMatchObject({ code: 'bundle.manifest_invalid', part: 'manifest.json' });
    expect(parseManifest(Buffer.from('{'))).toMatchObject({ code: 'bundle.manifest_invalid' });
    const escaping = { ...manifest, parts: [{ name: '../../etc/passwd', size: 1, sha256: sha }] };
    expect(parseManifest(Buffer.from(canonicalJson(escaping)))).toMatchObject({
      code: 'bundle.manifest_invalid',
    });
    expect(parseSignature(Buffer.from('{"algorithm":"RSA"}'))).toMatchObject({
      code: 'bundle.signature_invalid',
    });
  });

  it('finds a part added, removed, duplicated or of another size', () => {
    expect(checkEntries(manifest, entries)).toBeNull();
    expect(checkEntries(manifest, [...entries, { name: 'parts/x.ndjson', size: 1 }])).toMatchObject({
      code: 'bundle.part_added',
      part: 'parts/x.ndjson',
    });
    expect(checkEntries(manifest, entries.slice(1))).toMatchObject({
      code: 'bundle.part_removed',
      part: 'parts/changes.ndjson',
    });
    expect(checkEntries(manifest, [...entries, entries[0]!])).toMatchObject({ code: 'bundle.part_added' });
    expect(
      checkEntries(manifest, [{ name: 'parts/changes.ndjson', size: 11 }, ...entries.slice(1)]),
    ).toMatchObject({
      code: 'bundle.part_changed',
    });
  });

  it('refuses an unknown or revoked key, a territory outside the key or the importer', () => {
    const sig = {
      algorithm: 'Ed25519' as const,
      keyFingerprint: key.fingerprint,
      signature: `${'A'.repeat(86)}==`,
    };
    expect(checkKey(sig, undefined)).toMatchObject({ code: 'bundle.untrusted_key', part: 'signature.json' });
    expect(checkKey(sig, { ...key, revokedAt: '2026-12-01T00:00:00Z' })).toMatchObject({
      code: 'bundle.revoked_key',
    });
    expect(checkKey(sig, key)).toBeNull();
    expect(checkTerritory(manifest, key, '33.07')).toBeNull();
    expect(checkTerritory(manifest, key, '')).toBeNull();
    expect(checkTerritory(manifest, { ...key, regionCode: '33.07.02' }, '')).toMatchObject({
      code: 'bundle.territory_key',
    });
    expect(checkTerritory(manifest, key, '33.08')).toMatchObject({ code: 'bundle.territory_importer' });
    expect(checkTerritory(manifest, { ...key, fingerprint: 'ffffffffffffffff' }, '')).toMatchObject({
      code: 'bundle.manifest_invalid',
    });
  });

  it('accepts the same bundle again and a newer one, refuses an older one from the same source', () => {
    expect(checkReplay(manifest, undefined)).toBeNull();
    expect(checkReplay(manifest, { bundleId: manifest.bundleId, createdAt: manifest.createdAt })).toBeNull();
    expect(checkReplay(manifest, { bundleId: 'other', createdAt: '2026-12-01T00:00:00.000Z' })).toBeNull();
    const older = checkReplay(manifest, { bundleId: 'other', createdAt: '2026-12-06T00:00:00.000Z' });
    expect(older && isProblem(older) && older.code).toBe('bundle.replay_older');
  });
});

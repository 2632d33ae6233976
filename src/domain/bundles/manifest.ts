/**
 * The `.siks` transfer bundle (issue 16, docs/bundles.md): a zip holding NDJSON parts and photos, a manifest
 * naming every part with its size and SHA-256, and an Ed25519 signature over the manifest's exact bytes. What
 * a bundle must look like before one byte of a part is read — the manifest's shape, the entries against the
 * manifest, the territory against the key's — is decided here. Pure: no I/O (the zip and crypto live in
 * src/modules/bundles).
 */
import { z } from 'zod';
import { isWithinTerritory } from '../access/roles.ts';
import type { MessageArgs, MessageCode } from '../catalogue.ts';
import { type CodedText, coded } from '../errors.ts';

export const BUNDLE_FORMAT = 'dtks-siks';
export const BUNDLE_FORMAT_VERSION = 1;
export const MANIFEST_ENTRY = 'manifest.json';
export const SIGNATURE_ENTRY = 'signature.json';
/** The manifest and the signature are read whole: anything larger is not a bundle this code wrote. */
export const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

/** working-set: the online registry's territory for an offline installation; field-changes: the way back. */
export const BUNDLE_KINDS = ['working-set', 'field-changes'] as const;
export type BundleKind = (typeof BUNDLE_KINDS)[number];

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);
const Fingerprint = z.string().regex(/^[0-9a-f]{16}$/);
/** A part's name: `parts/x.ndjson` or `photos/<sha256>`; nothing that could leave a directory. */
const PartName = z.string().regex(/^(parts\/[a-z0-9-]+\.ndjson|photos\/[0-9a-f]{64})$/);

export const BundlePart = z.strictObject({
  name: PartName,
  size: z.number().int().nonnegative(),
  sha256: Sha256,
  /** NDJSON parts: the number of lines. */
  records: z.number().int().nonnegative().optional(),
});
export type BundlePart = z.infer<typeof BundlePart>;

export const BundleManifest = z.strictObject({
  format: z.literal(BUNDLE_FORMAT),
  formatVersion: z.literal(BUNDLE_FORMAT_VERSION),
  bundleId: z.string().uuid(),
  kind: z.enum(BUNDLE_KINDS),
  source: z.strictObject({ installationId: Fingerprint, name: z.string().max(200) }),
  /** The region the bundle covers (dotted code, '' = the nation). */
  territory: z.string().max(20),
  /** The registry period the data belongs to, e.g. `2026-12`. */
  period: z.string().regex(/^\d{4}-\d{2}$/),
  /** field-changes: changes recorded after this instant; working-set: null. */
  base: z.string().datetime().nullable(),
  createdAt: z.string().datetime(),
  counts: z.record(z.string(), z.number().int().nonnegative()),
  parts: z.array(BundlePart),
});
export type BundleManifest = z.infer<typeof BundleManifest>;

export const BundleSignature = z.strictObject({
  algorithm: z.literal('Ed25519'),
  keyFingerprint: Fingerprint,
  /** base64 of the 64-byte signature over the bytes of manifest.json. */
  signature: z.string().regex(/^[A-Za-z0-9+/]{86}==$/),
});
export type BundleSignature = z.infer<typeof BundleSignature>;

/** Why a bundle is refused, and the part (entry name) concerned. */
export interface BundleProblem extends CodedText {
  part: string;
}

export function problem<C extends MessageCode>(
  part: string,
  code: C,
  ...args: MessageArgs<C>
): BundleProblem {
  return { part, ...coded(code, ...args) };
}

/**
 * JSON with object keys sorted at every depth and no whitespace: the manifest's bytes are these, so the
 * same manifest always signs the same way, whichever program wrote it.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** The manifest from its bytes, or the problem: not JSON, not canonical, not this format. */
export function parseManifest(bytes: Buffer): BundleManifest | BundleProblem {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    return problem(MANIFEST_ENTRY, 'bundle.manifest_invalid', { reason: 'JSON' });
  }
  const parsed = BundleManifest.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return problem(MANIFEST_ENTRY, 'bundle.manifest_invalid', {
      reason: `${first?.path.join('.') || '(root)'}: ${first?.message ?? ''}`,
    });
  }
  if (canonicalJson(json) !== bytes.toString('utf8'))
    return problem(MANIFEST_ENTRY, 'bundle.manifest_invalid', { reason: 'canonical form' });
  return parsed.data;
}

export function parseSignature(bytes: Buffer): BundleSignature | BundleProblem {
  try {
    const parsed = BundleSignature.safeParse(JSON.parse(bytes.toString('utf8')));
    if (parsed.success) return parsed.data;
  } catch {
    // falls through to the problem below
  }
  return problem(SIGNATURE_ENTRY, 'bundle.signature_invalid');
}

export function isProblem(x: object): x is BundleProblem {
  return 'part' in x && 'code' in x;
}

/**
 * The zip's entries against the manifest: every part listed once and present with its size, nothing else
 * besides the manifest and the signature. Hashes are checked while reading (they need the bytes).
 */
export function checkEntries(
  manifest: BundleManifest,
  entries: readonly { name: string; size: number }[],
): BundleProblem | null {
  const listed = new Map<string, BundlePart>();
  for (const p of manifest.parts) {
    if (listed.has(p.name)) return problem(p.name, 'bundle.manifest_invalid', { reason: `${p.name} twice` });
    listed.set(p.name, p);
  }
  const seen = new Set<string>();
  for (const e of entries) {
    if (seen.has(e.name)) return problem(e.name, 'bundle.part_added', { part: e.name });
    seen.add(e.name);
    if (e.name === MANIFEST_ENTRY || e.name === SIGNATURE_ENTRY) continue;
    const part = listed.get(e.name);
    if (!part) return problem(e.name, 'bundle.part_added', { part: e.name });
    if (part.size !== e.size) return problem(e.name, 'bundle.part_changed', { part: e.name });
  }
  for (const name of listed.keys()) {
    if (!seen.has(name)) return problem(name, 'bundle.part_removed', { part: name });
  }
  return null;
}

/** A trusted key as the check needs it. */
export interface TrustedKeyFacts {
  name: string;
  fingerprint: string;
  /** The territory bundles signed by this key may cover. */
  regionCode: string;
  revokedAt: string | null;
}

/** Who signed: a trusted key that is not revoked (checked before the signature itself). */
export function checkKey(signature: BundleSignature, key: TrustedKeyFacts | undefined): BundleProblem | null {
  if (!key)
    return problem(SIGNATURE_ENTRY, 'bundle.untrusted_key', { fingerprint: signature.keyFingerprint });
  if (key.revokedAt)
    return problem(SIGNATURE_ENTRY, 'bundle.revoked_key', { name: key.name, fingerprint: key.fingerprint });
  return null;
}

/**
 * For where (after the signature held): the signer is the source the manifest names, and the bundle's
 * territory lies within the key's and within the importer's ('' on an offline installation's system actor).
 */
export function checkTerritory(
  manifest: BundleManifest,
  key: TrustedKeyFacts,
  importerRegion: string,
): BundleProblem | null {
  if (key.fingerprint !== manifest.source.installationId)
    return problem(MANIFEST_ENTRY, 'bundle.manifest_invalid', { reason: 'source.installationId' });
  if (!isWithinTerritory(manifest.territory, key.regionCode))
    return problem(MANIFEST_ENTRY, 'bundle.territory_key', { territory: manifest.territory, name: key.name });
  if (!isWithinTerritory(manifest.territory, importerRegion))
    return problem(MANIFEST_ENTRY, 'bundle.territory_importer', { territory: manifest.territory });
  return null;
}

/** The newest bundle already imported from the same source, as replay detection needs it. */
export interface ImportedBefore {
  bundleId: string;
  createdAt: string;
}

/**
 * Replay: the same bundle again is allowed (the import is idempotent: everything unchanged); a bundle the
 * source made before one already imported from it is refused (it would carry older states back).
 */
export function checkReplay(
  manifest: BundleManifest,
  newest: ImportedBefore | undefined,
): BundleProblem | null {
  if (!newest || newest.bundleId === manifest.bundleId) return null;
  if (manifest.createdAt < newest.createdAt)
    return problem(MANIFEST_ENTRY, 'bundle.replay_older', {
      createdAt: manifest.createdAt,
      newest: newest.createdAt,
    });
  return null;
}

/**
 * Signed transfer bundles (.siks, issue 16, docs/bundles.md). The online registry exports a territory's
 * working set for an offline installation (a kecamatan laptop); the offline installation exports the
 * proposals, visits and Musdes outcomes it recorded as changes in the sync format, which the online registry
 * applies through the sync service (idempotent, conflicts row by row). Every bundle is verified before one
 * record of it is read: a trusted, unrevoked signer, the signature over the manifest, every part present,
 * listed and with its signed size and SHA-256, the territory within the signer's and the importer's, and no
 * older bundle of the same source after a newer one. A refusal names the part and the reason, is audited and
 * writes nothing else.
 */
import { createWriteStream } from 'node:fs';
import { copyFile, mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Kysely } from 'kysely';
import type { Config } from '../../config.ts';
import type { BundleTrustedKeyRow, DB } from '../../db/schema/index.ts';
import { isWithinTerritory } from '../../domain/access/roles.ts';
import {
  BUNDLE_FORMAT,
  BUNDLE_FORMAT_VERSION,
  type BundleKind,
  type BundleManifest,
  type BundleProblem,
  canonicalJson,
  checkEntries,
  checkKey,
  checkReplay,
  checkTerritory,
  isProblem,
  MANIFEST_ENTRY,
  MAX_MANIFEST_BYTES,
  parseManifest,
  parseSignature,
  problem,
  SIGNATURE_ENTRY,
} from '../../domain/bundles/manifest.ts';
import { label } from '../../domain/catalogue.ts';
import { AppError, errorFrom, issue, notFound, validationError } from '../../domain/errors.ts';
import { newId } from '../../lib/ids.ts';
import { type Actor, isWithin, requirePermission } from '../access/actor.ts';
import type { AttachmentsService } from '../attachments/attachments.service.ts';
import type { Ed25519Keys } from '../audit/audit.keys.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { Household } from '../households/households.schemas.ts';
import type { ChangeChain } from '../sync/sync.schemas.ts';
import {
  type BundleEntry,
  BundleReader,
  hashFile,
  NdjsonPartWriter,
  stagingDir,
  writeZip,
} from './bundle.zip.ts';
import type { BundlesRepository } from './bundles.repository.ts';
import { localFieldChanges } from './field-changes.source.ts';
import { parsePublicKey, verifySignature } from './installation.keys.ts';

export const CHANGES_PART = 'parts/changes.ndjson';
/** Changes handed to the sync service at once. */
const APPLY_BATCH = 100;
const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
const KEY = label('record.bundle_key');
/** The order a working set's parts are imported in. */
const WORKING_SET_ORDER = [
  'meta',
  'region',
  'codes',
  'household',
  'user',
  'usulan',
  'musdes',
  'musdes-row',
  'visit',
  'end',
];

export interface BundleCounts {
  created: number;
  updated: number;
  unchanged: number;
  conflicts: number;
  rejected: number;
}

/** A conflicting or refused row of an import, for the row-by-row report. */
export interface BundleRowReport {
  part: string;
  line: number;
  id: string | null;
  kind: string | null;
  targetId: string | null;
  status: 'conflict' | 'rejected';
  reason: { code: string; message: string } | null;
  /** A conflict's server side, to show beside the bundle's. */
  current?: Record<string, unknown>;
}

export interface ImportReport extends BundleCounts {
  /** Working-set records this installation does not mirror (a Musdes row of a session it lacks). */
  skipped: number;
  bundleId: string;
  kind: BundleKind;
  territory: string;
  rows: BundleRowReport[];
}

export type VerifyReport =
  | { ok: true; manifest: BundleManifest; signer: { name: string; fingerprint: string } }
  | { ok: false; part: string; code: string; message: { id: string; en: string } };

/** What applying one change answered (the sync service's result, as much as this module reads). */
export interface ChangeResult {
  id: string;
  kind: string;
  targetId: string;
  status: 'created' | 'updated' | 'unchanged' | 'conflict' | 'rejected';
  reason?: { code: string; message: string };
  current?: Record<string, unknown>;
}

/** The sync service as bundles use it (src/modules/sync). */
export interface SyncPort {
  apply(
    actor: Actor,
    changes: readonly unknown[],
    opts: { photos?: (ref: string) => Promise<Buffer | undefined>; source?: string },
  ): Promise<ChangeResult[]>;
  workingSet(
    actor: Actor,
    region: string,
    opts?: { installation?: boolean },
  ): AsyncIterable<{ type: string; data: Record<string, unknown> }>;
}

export type WorkingSetStatus = 'created' | 'updated' | 'unchanged' | 'skipped';

/** Where an offline installation keeps the working set it imports (upsert by id and version). */
export interface WorkingSetSink {
  upsert(
    actor: Actor,
    records: readonly { type: string; data: Record<string, unknown> }[],
    ctx: { bundleId: string },
  ): Promise<WorkingSetStatus[]>;
}

/** One change an offline installation exports, with the photos it names. */
export interface OutgoingChange {
  change: Record<string, unknown>;
  photos: { ref: string; bytes: Buffer }[];
  /**
   * A proposal or Musdes row of this offline installation the change sends: noted in `offline_mirror` once
   * the bundle is sealed — a proposal's local version sent, the online version it is made on and the one it
   * leaves there; for both, the changes sent since it was mirrored (`chain`, this one last).
   */
  sent?:
    | {
        kind: 'usulan';
        id: string;
        version: number;
        localVersion: number;
        sentBase: number;
        chain: ChangeChain;
      }
    | { kind: 'musdes_row'; id: string; chain: ChangeChain };
}

/** A user as the actor a recorded change is applied as (role and territory from this installation). */
export type RecorderLookup = (userId: string) => Promise<Actor | undefined>;

export interface BundlesDeps {
  db: Kysely<DB>;
  /** Field changes are applied as the user who recorded them when that user is known here and active. */
  recorders: RecorderLookup;
  repo: BundlesRepository;
  /** The installation's `bundle` key: signs its bundles; its key id is the installation id. */
  keys: Ed25519Keys;
  sync: SyncPort;
  workingSets: WorkingSetSink;
  /** The photos an offline installation's own field changes carry. */
  attachments: AttachmentsService;
  audit: AuditService;
  config: Config;
  /** A name for this installation in the bundles it signs (INSTALLATION_NAME). */
  installationName?: string;
}

/** A trusted key as answered (who registered or revoked it stays in the audit log). */
export type TrustedKeyView = Omit<BundleTrustedKeyRow, 'createdBy' | 'revokedBy'>;

export class BundlesService {
  readonly #d: BundlesDeps;

  constructor(deps: BundlesDeps) {
    this.#d = deps;
  }

  // ---------------------------------------------------------------- keys

  /** This installation's public key and fingerprint (what another installation registers). */
  installationKey(): { fingerprint: string; publicKey: string; publicKeyPem: string } {
    const k = this.#d.keys.get();
    return { fingerprint: k.keyId, publicKey: k.publicKeyBase64, publicKeyPem: k.publicKeyPem };
  }

  async listKeys(actor: Actor): Promise<TrustedKeyView[]> {
    requirePermission(actor, 'bundle.trust');
    const rows = await this.#d.repo.listKeys(this.#d.db);
    return rows.filter((r) => isWithin(actor, r.regionCode)).map(keyView);
  }

  async trustKey(
    actor: Actor,
    input: { name: string; publicKey: string; regionCode: string },
  ): Promise<TrustedKeyView> {
    requirePermission(actor, 'bundle.trust');
    const parsed = parsePublicKey(input.publicKey);
    if (!parsed) throw validationError([issue('publicKey', 'bundle.key_invalid')]);
    if (!isWithin(actor, input.regionCode)) throw notFound(label('record.region'));
    const { db, repo, audit, config } = this.#d;
    const existing = await repo.keyByFingerprint(db, parsed.fingerprint);
    if (existing)
      throw new AppError('conflict', 'bundle.key_exists', {
        fingerprint: parsed.fingerprint,
        name: existing.name,
      });
    const row = {
      id: newId(),
      name: input.name,
      fingerprint: parsed.fingerprint,
      publicKey: parsed.base64,
      regionCode: input.regionCode,
      createdAt: config.now().toISOString(),
      createdBy: actor.userId,
      revokedAt: null,
      revokedBy: null,
      revokeReason: null,
    };
    await db.transaction().execute(async (trx) => {
      await repo.insertKey(trx, row);
      await audit.record(trx, actor, {
        action: 'bundle.key_trust',
        entityType: 'bundle_key',
        entityId: row.id,
        regionCode: row.regionCode || null,
        details: { name: row.name, fingerprint: row.fingerprint },
      });
    });
    return keyView(row);
  }

  /** Revokes a key by id or fingerprint: its bundles are refused from now on. */
  async revokeKey(actor: Actor, idOrFingerprint: string, reason: string): Promise<TrustedKeyView> {
    requirePermission(actor, 'bundle.trust');
    const { db, repo, audit, config } = this.#d;
    const row =
      (await repo.keyByFingerprint(db, idOrFingerprint)) ??
      (/^[0-9a-f-]{36}$/.test(idOrFingerprint) ? await repo.keyById(db, idOrFingerprint) : undefined);
    if (!row || !isWithin(actor, row.regionCode)) throw notFound(KEY);
    if (row.revokedAt) return keyView(row);
    const set = { revokedAt: config.now().toISOString(), revokedBy: actor.userId, revokeReason: reason };
    await db.transaction().execute(async (trx) => {
      await repo.revokeKey(trx, row.id, set);
      await audit.record(trx, actor, {
        action: 'bundle.key_revoke',
        entityType: 'bundle_key',
        entityId: row.id,
        regionCode: row.regionCode || null,
        details: { name: row.name, fingerprint: row.fingerprint, reason },
      });
    });
    return keyView({ ...row, ...set });
  }

  // ---------------------------------------------------------------- export

  /** The territory's working set (online → offline installation), written to `out`. */
  async exportWorkingSet(actor: Actor, region: string, out: string): Promise<BundleManifest> {
    requirePermission(actor, 'bundle.export');
    const stage = await stagingDir();
    try {
      const writers = new Map<string, NdjsonPartWriter>();
      const write = async (record: { type: string; data: Record<string, unknown> }) => {
        const name = `parts/${record.type.replaceAll('_', '-')}.ndjson`;
        let w = writers.get(name);
        if (!w) {
          w = new NdjsonPartWriter(stage.dir, name);
          writers.set(name, w);
        }
        await w.write(record);
      };
      // Every visit of the territory (not only the exporter's own): the installation's officers record them.
      let territory = region;
      for await (const record of this.#d.sync.workingSet(actor, region, { installation: true })) {
        if (record.type === 'meta') territory = String(record.data.region ?? region);
        await write(record);
      }
      // The territory's staff by username: the installation's changes name the online account that made them.
      for (const u of await this.#d.repo.staffWithin(this.#d.db, territory))
        await write({ type: 'user', data: u });
      const parts = await Promise.all([...writers.values()].map((w) => w.close()));
      const counts = Object.fromEntries(parts.map((p) => [p.name.slice(6, -7), p.records ?? 0]));
      return await this.#seal(actor, {
        kind: 'working-set',
        region,
        base: null,
        counts,
        parts,
        out,
        dir: stage.dir,
      });
    } finally {
      await stage.dispose();
    }
  }

  /**
   * Field changes (offline installation → online) in the sync format signed into `out`: given (e.g. a
   * device's queue, with `base` the instant they were recorded after), or — without `changes`, on an offline
   * installation — what was recorded in this installation's own database since it mirrored its working set
   * (field-changes.source.ts; `base` is then that working set's creation).
   */
  async exportFieldChanges(
    actor: Actor,
    input: { region: string; base?: string | null; changes?: AsyncIterable<OutgoingChange> },
    out: string,
  ): Promise<BundleManifest> {
    const { region } = input;
    requirePermission(actor, 'bundle.export');
    if (!isWithin(actor, region)) throw notFound(label('record.region'));
    let base = input.base ?? null;
    let source = input.changes;
    if (!source) {
      if (this.#d.config.installationMode !== 'offline')
        throw new AppError('state', 'bundle.field_changes_online');
      base ??= (await this.#d.repo.newestWorkingSet(this.#d.db))?.bundleCreatedAt ?? null;
      source = localFieldChanges(
        { db: this.#d.db, attachments: this.#d.attachments, installationId: this.#d.keys.get().keyId },
        actor,
        region,
      );
    }
    const stage = await stagingDir();
    try {
      const changes = new NdjsonPartWriter(stage.dir, CHANGES_PART);
      const photos = new Map<string, string>();
      const byKind: Record<string, number> = {};
      const sent: NonNullable<OutgoingChange['sent']>[] = [];
      for await (const c of source) {
        await changes.write(c.change);
        if (c.sent) sent.push(c.sent);
        const kind = String(c.change.kind ?? 'change');
        byKind[kind] = (byKind[kind] ?? 0) + 1;
        for (const p of c.photos) {
          if (photos.has(p.ref)) continue;
          const file = join(stage.dir, `photo-${p.ref}`);
          await writeFile(file, p.bytes);
          photos.set(p.ref, file);
        }
      }
      const parts = [await changes.close()];
      for (const [ref, path] of photos)
        parts.push({ name: `photos/${ref}`, path, ...(await hashFile(path)) });
      const manifest = await this.#seal(actor, {
        kind: 'field-changes',
        region,
        base,
        counts: { changes: changes.records, photos: photos.size, ...byKind },
        parts,
        out,
        dir: stage.dir,
      });
      await this.#noteSent(sent, manifest);
      return manifest;
    } finally {
      await stage.dispose();
    }
  }

  /** Notes the proposals a sealed field-changes bundle sends (cycle.mirror.ts reads the notes). */
  async #noteSent(sent: NonNullable<OutgoingChange['sent']>[], manifest: BundleManifest): Promise<void> {
    if (!sent.length) return;
    await this.#d.db.transaction().execute(async (trx) => {
      for (const s of sent) {
        if (s.kind === 'musdes_row') {
          // Mirrored with its outcome then (kept: the base of the chain); only what was sent since is noted.
          await trx
            .updateTable('offlineMirror')
            .set({ sentChain: JSON.stringify(s.chain) })
            .where('kind', '=', 'musdes_row')
            .where('id', '=', s.id)
            .execute();
          continue;
        }
        const note = {
          version: s.version,
          localVersion: s.localVersion,
          sentBase: s.sentBase,
          sentChain: JSON.stringify(s.chain),
          bundleId: manifest.bundleId,
          mirroredAt: manifest.createdAt,
        };
        await trx
          .insertInto('offlineMirror')
          .values({ kind: s.kind, id: s.id, outcome: null, username: null, ...note })
          .onConflict((oc) => oc.columns(['kind', 'id']).doUpdateSet(note))
          .execute();
      }
    });
  }

  async #seal(
    actor: Actor,
    b: {
      kind: BundleKind;
      region: string;
      base: string | null;
      counts: Record<string, number>;
      parts: { name: string; size: number; sha256: string; records?: number; path: string }[];
      out: string;
      dir: string;
    },
  ): Promise<BundleManifest> {
    const key = this.#d.keys.get();
    const now = this.#d.config.now();
    const manifest: BundleManifest = {
      format: BUNDLE_FORMAT,
      formatVersion: BUNDLE_FORMAT_VERSION,
      bundleId: newId(),
      kind: b.kind,
      source: { installationId: key.keyId, name: this.#d.installationName ?? 'DTKS' },
      territory: b.region,
      period: now.toISOString().slice(0, 7),
      base: b.base,
      createdAt: now.toISOString(),
      counts: b.counts,
      parts: b.parts
        .map(({ path: _path, ...p }) => p)
        .sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0)),
    };
    const manifestBytes = Buffer.from(canonicalJson(manifest), 'utf8');
    const signature = Buffer.from(
      canonicalJson({
        algorithm: 'Ed25519',
        keyFingerprint: key.keyId,
        signature: key.sign(manifestBytes).toString('base64'),
      }),
      'utf8',
    );
    // Written beside the target and renamed: a reader never sees half a bundle under the name asked for.
    const tmp = `${b.out}.${process.pid}.partial`;
    await writeZip(tmp, b.parts, manifestBytes, signature);
    await rename(tmp, b.out);
    await this.#d.db.transaction().execute((trx) =>
      this.#d.audit.record(trx, actor, {
        action: 'bundle.export',
        entityType: 'bundle',
        entityId: manifest.bundleId,
        regionCode: b.region || null,
        details: { kind: b.kind, base: b.base, counts: b.counts },
      }),
    );
    return manifest;
  }

  // ---------------------------------------------------------------- uploads

  /**
   * Streams an uploaded bundle to a private file in the data folder (`bundle-uploads/`, mode 0700, the
   * file 0600), never holding it in memory: the import job reads it from there, on any worker, after a
   * restart too. Named by its owner and a random id, so a job imports only its owner's upload.
   */
  async receiveUpload(
    actor: Actor,
    body: Readable | Buffer,
    maxBytes: number,
  ): Promise<{ upload: string; size: number }> {
    requirePermission(actor, 'bundle.import');
    const dir = join(this.#d.config.dataDir, 'bundle-uploads');
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const upload = newId();
    const file = this.uploadPath(actor, upload);
    let size = 0;
    async function* meter(chunks: AsyncIterable<Buffer>) {
      for await (const chunk of chunks) {
        size += chunk.length;
        if (size > maxBytes)
          throw new AppError(
            'too_large',
            'attachment.too_large',
            { mib: Math.round(maxBytes / 1024 / 1024) },
            { extra: { maxBytes } },
          );
        yield chunk;
      }
    }
    const out = createWriteStream(file, { mode: 0o600, flags: 'wx' });
    try {
      await pipeline(Buffer.isBuffer(body) ? Readable.from([body]) : body, meter, out);
    } catch (err) {
      // A body refused at its first chunk fails the pipeline while the file is still being opened: removed
      // before the stream has closed, the file would be created afterwards and left behind. ('close' only:
      // `events.once` would reject with the stream's error.)
      if (!out.closed) await new Promise((closed) => out.once('close', closed));
      await rm(file, { force: true });
      if (err instanceof AppError) throw err;
      throw new AppError('validation', 'attachment.interrupted');
    }
    return { upload, size };
  }

  /** Where an upload of this actor is kept (its id checked: nothing else can be named). */
  uploadPath(actor: Actor, upload: string): string {
    if (!/^[0-9a-f-]{36}$/.test(upload) || !actor.userId) throw notFound(label('record.bundle_upload'));
    return join(this.#d.config.dataDir, 'bundle-uploads', `${actor.userId}-${upload}.siks`);
  }

  async discardUpload(actor: Actor, upload: string): Promise<void> {
    await rm(this.uploadPath(actor, upload), { force: true });
  }

  /** Removes the uploads older than `olderThanMs` that `kept` (by file name) does not keep. */
  async sweepUploads(kept: (name: string) => boolean, olderThanMs: number): Promise<{ removed: number }> {
    const dir = join(this.#d.config.dataDir, 'bundle-uploads');
    const before = Date.now() - olderThanMs;
    let removed = 0;
    const names = await readdir(dir).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return [] as string[];
      throw err;
    });
    for (const name of names) {
      if (kept(name)) continue;
      const file = join(dir, name);
      const info = await stat(file).catch(() => null);
      if (!info?.isFile() || info.mtimeMs > before) continue;
      await rm(file, { force: true });
      removed++;
    }
    return { removed };
  }

  // ---------------------------------------------------------------- verify and import

  /** Verifies a bundle as an import would, reading nothing into the registry. */
  async verify(actor: Actor, path: string): Promise<VerifyReport> {
    requirePermission(actor, 'bundle.import');
    const opened = await this.#open(actor, path);
    if ('problem' in opened) return refusal(opened.problem);
    await opened.close();
    return { ok: true, manifest: opened.manifest, signer: opened.signer };
  }

  /**
   * Verifies, then imports: field changes through the sync service, a working set into this installation's
   * registry. Importing the same bundle again answers everything unchanged.
   */
  async import(
    actor: Actor,
    path: string,
    opts: { onProgress?: (done: number, total: number) => Promise<void> | void } = {},
  ): Promise<ImportReport> {
    requirePermission(actor, 'bundle.import');
    const opened = await this.#open(actor, path);
    if ('problem' in opened)
      throw errorFrom('validation', opened.problem, { extra: { part: opened.problem.part } });
    const { reader, manifest } = opened;
    try {
      if (manifest.kind === 'working-set' && this.#d.config.installationMode !== 'offline')
        throw new AppError('state', 'bundle.working_set_online');
      const report: ImportReport = {
        bundleId: manifest.bundleId,
        kind: manifest.kind,
        territory: manifest.territory,
        created: 0,
        updated: 0,
        unchanged: 0,
        conflicts: 0,
        rejected: 0,
        skipped: 0,
        rows: [],
      };
      const total = manifest.parts.reduce((n, p) => n + (p.records ?? 0), 0);
      let done = 0;
      const progress = async (n: number) => {
        done += n;
        await opts.onProgress?.(done, total);
      };
      if (manifest.kind === 'field-changes')
        await this.#applyChanges(actor, reader, manifest, report, progress);
      else await this.#applyWorkingSet(actor, reader, manifest, report, progress);
      const counts = countsOf(report);
      await this.#d.db.transaction().execute(async (trx) => {
        await this.#d.repo.insertImport(trx, {
          id: newId(),
          bundleId: manifest.bundleId,
          sourceInstallation: manifest.source.installationId,
          kind: manifest.kind,
          territory: manifest.territory,
          bundleCreatedAt: manifest.createdAt,
          importedAt: this.#d.config.now().toISOString(),
          importedBy: actor.userId,
          ...counts,
        });
        await this.#d.audit.record(trx, actor, {
          action: 'bundle.import',
          entityType: 'bundle',
          entityId: manifest.bundleId,
          regionCode: manifest.territory || null,
          details: { kind: manifest.kind, source: manifest.source, ...counts },
        });
      });
      return report;
    } finally {
      await opened.close();
    }
  }

  async #applyChanges(
    actor: Actor,
    reader: BundleReader,
    manifest: BundleManifest,
    report: ImportReport,
    progress: (n: number) => Promise<void>,
  ): Promise<void> {
    const entry = reader.find(CHANGES_PART);
    if (!entry) return;
    const photos = async (ref: string) => {
      const e = /^[0-9a-f]{64}$/.test(ref) ? reader.find(`photos/${ref}`) : undefined;
      return e ? reader.read(e, MAX_PHOTO_BYTES) : undefined;
    };
    // Each change is applied as the user who recorded it when that user's territory lies within the
    // bundle's (the owning services check that user's role and territory, as for a device's sync), else as
    // the importer narrowed to the bundle's territory: `recordedBy` is only a claim of the signer, and no
    // change reaches a record outside the territory the bundle covers (such a change is rejected as absent).
    // Consecutive changes of one user go together.
    const importer: Actor = { ...actor, regionCode: manifest.territory };
    const actors = new Map<string, Actor>();
    const actorOf = async (recordedBy: unknown): Promise<Actor> => {
      if (typeof recordedBy !== 'string') return importer;
      if (!actors.has(recordedBy)) {
        const recorder = await this.#d.recorders(recordedBy);
        const trusted =
          recorder &&
          isWithin(actor, recorder.regionCode) &&
          isWithinTerritory(recorder.regionCode, manifest.territory);
        actors.set(recordedBy, trusted ? recorder : importer);
      }
      return actors.get(recordedBy)!;
    };
    let batchActor = importer;
    let batch: { line: number; value: unknown }[] = [];
    const flush = async () => {
      if (!batch.length) return;
      const results = await this.#d.sync.apply(
        batchActor,
        batch.map((b) => b.value),
        { photos, source: `bundle ${manifest.bundleId}` },
      );
      for (const [n, r] of results.entries()) {
        count(report, r.status);
        if (r.status === 'conflict' || r.status === 'rejected')
          report.rows.push({
            part: CHANGES_PART,
            line: batch[n]!.line,
            id: r.id,
            kind: r.kind,
            targetId: r.targetId,
            status: r.status,
            reason: r.reason ?? null,
            ...(r.current ? { current: r.current } : {}),
          });
      }
      await progress(batch.length);
      batch = [];
    };
    for await (const rec of this.#lines(reader, entry)) {
      const who = await actorOf((rec.value as { recordedBy?: unknown } | null)?.recordedBy);
      if (who !== batchActor || batch.length >= APPLY_BATCH) {
        await flush();
        batchActor = who;
      }
      batch.push(rec);
    }
    await flush();
  }

  async #applyWorkingSet(
    actor: Actor,
    reader: BundleReader,
    manifest: BundleManifest,
    report: ImportReport,
    progress: (n: number) => Promise<void>,
  ): Promise<void> {
    // Sessions before their rows, staff before the visits assigned to them.
    const rank = (name: string) => {
      const n = WORKING_SET_ORDER.indexOf(name.slice(6, -7));
      return n < 0 ? WORKING_SET_ORDER.length : n;
    };
    const parts = [...manifest.parts].sort((a, b) => rank(a.name) - rank(b.name));
    for (const part of parts) {
      const entry = reader.find(part.name);
      if (!entry || !part.name.endsWith('.ndjson')) continue;
      let batch: { type: string; data: Record<string, unknown> }[] = [];
      const flush = async () => {
        if (!batch.length) return;
        const statuses = await this.#d.workingSets.upsert(actor, batch, { bundleId: manifest.bundleId });
        for (const status of statuses) count(report, status);
        await progress(batch.length);
        batch = [];
      };
      for await (const { line, value } of this.#lines(reader, entry)) {
        const record = value as { type: string; data: Record<string, unknown> };
        const refused =
          record?.type === 'household'
            ? householdProblem(actor, manifest, part.name, line, record.data)
            : null;
        if (refused) {
          report.rejected++;
          report.rows.push(refused);
          continue;
        }
        batch.push(record);
        if (batch.length >= 500) await flush();
      }
      await flush();
    }
  }

  /** An NDJSON part's records; a line that is not JSON stops the import (its hash was signed: a bug). */
  async *#lines(reader: BundleReader, entry: BundleEntry): AsyncGenerator<{ line: number; value: unknown }> {
    let line = 0;
    try {
      for await (const rec of reader.records(entry)) {
        line = rec.line;
        yield rec;
      }
    } catch (err) {
      if (err instanceof SyntaxError)
        throw errorFrom(
          'validation',
          problem(entry.name, 'bundle.record_invalid', { part: entry.name, line: line + 1 }),
        );
      throw err;
    }
  }

  /** Opens and checks a bundle; a problem is audited and returned (the file is closed then). */
  async #open(
    actor: Actor,
    path: string,
  ): Promise<
    | {
        reader: BundleReader;
        manifest: BundleManifest;
        signer: { name: string; fingerprint: string };
        close: () => Promise<void>;
      }
    | { problem: BundleProblem }
  > {
    // Verified and read from a private copy: the file at `path` (e.g. on a USB stick) may change meanwhile.
    const stage = await stagingDir();
    let reader: BundleReader;
    try {
      const copy = join(stage.dir, 'bundle.siks');
      await copyFile(path, copy);
      reader = await BundleReader.open(copy);
    } catch (err) {
      await stage.dispose();
      return this.#refuse(
        actor,
        problem('(file)', 'bundle.not_a_bundle', { reason: (err as Error).message }),
      );
    }
    const checked = await this.#check(actor, reader).catch((err: unknown) =>
      problem('(file)', 'bundle.not_a_bundle', { reason: (err as Error).message }),
    );
    const close = async () => {
      reader.close();
      await stage.dispose();
    };
    if (isProblem(checked)) {
      await close();
      return this.#refuse(actor, checked);
    }
    return { reader, ...checked, close };
  }

  async #check(
    actor: Actor,
    reader: BundleReader,
  ): Promise<{ manifest: BundleManifest; signer: { name: string; fingerprint: string } } | BundleProblem> {
    const { db, repo } = this.#d;
    const manifestEntry = reader.find(MANIFEST_ENTRY);
    const signatureEntry = reader.find(SIGNATURE_ENTRY);
    if (!manifestEntry) return problem(MANIFEST_ENTRY, 'bundle.part_removed', { part: MANIFEST_ENTRY });
    if (!signatureEntry) return problem(SIGNATURE_ENTRY, 'bundle.part_removed', { part: SIGNATURE_ENTRY });
    const manifestBytes = await reader.read(manifestEntry, MAX_MANIFEST_BYTES);
    const signatureBytes = await reader.read(signatureEntry, 4096);
    if (!manifestBytes) return problem(MANIFEST_ENTRY, 'bundle.manifest_invalid', { reason: 'size' });
    if (!signatureBytes) return problem(SIGNATURE_ENTRY, 'bundle.signature_invalid');
    const signature = parseSignature(signatureBytes);
    if (isProblem(signature)) return signature;
    const key = await repo.keyByFingerprint(db, signature.keyFingerprint);
    const keyProblem = checkKey(signature, key);
    if (keyProblem || !key) return keyProblem!;
    if (!verifySignature(key.publicKey, manifestBytes, Buffer.from(signature.signature, 'base64')))
      return problem(SIGNATURE_ENTRY, 'bundle.signature_invalid');
    const manifest = parseManifest(manifestBytes);
    if (isProblem(manifest)) return manifest;
    const where = checkTerritory(manifest, key, actor.regionCode);
    if (where) return where;
    const entries = checkEntries(manifest, reader.entries);
    if (entries) return entries;
    for (const part of manifest.parts) {
      const got = await reader.hash(reader.find(part.name)!);
      if (got.sha256 !== part.sha256 || got.size !== part.size)
        return problem(part.name, 'bundle.part_changed', { part: part.name });
    }
    const newest = await repo.newestImport(db, manifest.source.installationId);
    const replay = checkReplay(
      manifest,
      newest ? { bundleId: newest.bundleId, createdAt: newest.bundleCreatedAt } : undefined,
    );
    if (replay) return replay;
    return { manifest, signer: { name: key.name, fingerprint: key.fingerprint } };
  }

  async #refuse(actor: Actor, p: BundleProblem): Promise<{ problem: BundleProblem }> {
    await this.#d.db.transaction().execute((trx) =>
      this.#d.audit.record(trx, actor, {
        action: 'bundle.refused',
        entityType: 'bundle',
        details: { part: p.part, code: p.code, reason: p.message.en },
      }),
    );
    return { problem: p };
  }
}

/**
 * Why a working set's household record is refused (null: it may be imported): it must be a valid household
 * and lie within the bundle's territory and the importer's.
 */
function householdProblem(
  actor: Actor,
  manifest: BundleManifest,
  part: string,
  line: number,
  data: unknown,
): BundleRowReport | null {
  const parsed = Household.safeParse(data);
  const id = typeof (data as { id?: unknown })?.id === 'string' ? (data as { id: string }).id : null;
  const row = (p: BundleProblem): BundleRowReport => ({
    part,
    line,
    id,
    kind: 'household',
    targetId: id,
    status: 'rejected',
    reason: { code: p.code, message: p.message.id },
  });
  if (!parsed.success)
    return row(
      problem(part, 'bundle.record_schema', {
        part,
        line,
        field: parsed.error.issues[0]?.path.join('.') || '(record)',
      }),
    );
  const region = parsed.data.regionCode;
  if (!isWithinTerritory(region, manifest.territory) || !isWithin(actor, region))
    return row(problem(part, 'bundle.record_outside', { region }));
  return null;
}

function refusal(p: BundleProblem): VerifyReport {
  return { ok: false, part: p.part, code: p.code, message: p.message };
}

function count(
  c: BundleCounts & { skipped: number },
  status: ChangeResult['status'] | WorkingSetStatus,
): void {
  if (status === 'conflict') c.conflicts++;
  else c[status]++;
}

/** The five counts of an import (the CLI's --json answer). */
export function countsOf(r: BundleCounts): BundleCounts {
  return {
    created: r.created,
    updated: r.updated,
    unchanged: r.unchanged,
    conflicts: r.conflicts,
    rejected: r.rejected,
  };
}

function keyView(r: TrustedKeyView): TrustedKeyView {
  return {
    id: r.id,
    name: r.name,
    fingerprint: r.fingerprint,
    publicKey: r.publicKey,
    regionCode: r.regionCode,
    createdAt: r.createdAt,
    revokedAt: r.revokedAt,
    revokeReason: r.revokeReason,
  };
}

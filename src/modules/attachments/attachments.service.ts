import type { ReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { AttachmentRow, DB } from '../../db/schema/index.ts';
import { label } from '../../domain/catalogue.ts';
import {
  downloadName,
  extensionOf,
  safeFileName,
  typeOfExtension,
} from '../../domain/cycle/attachment-names.ts';
import {
  ATTACHMENT_KINDS,
  type AttachmentKind,
  isAttachmentKind,
  MAX_ATTACHMENT_BYTES,
} from '../../domain/cycle/attachments.ts';
import { AppError, notFound } from '../../domain/errors.ts';
import { isRecordId, newId } from '../../lib/ids.ts';
import { type Actor, assertWithin, requirePermission, systemActor } from '../access/actor.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { AttachmentsRepository } from './attachments.repository.ts';
import type { BlobStore, GcReport, PendingBlob } from './blob-store.ts';
import { checkPdf } from './pdf-active-content.ts';
import { makeThumbnail, UnreadableImage } from './thumbnail.ts';

export { ATTACHMENT_KINDS, type AttachmentKind, isAttachmentKind, MAX_ATTACHMENT_BYTES, safeFileName };

/**
 * How long an unreferenced blob or temporary file is left alone: an upload stores its blob just before the
 * transaction that writes its row, so a younger blob may be in use a moment later.
 */
export const GC_GRACE_MS = 60 * 60 * 1000;

export interface Ingested {
  sha256: string;
  mime: string;
  size: number;
  originalName: string;
  thumbSha256: string | null;
}

/** A stored file opened for download, with the type and name it is served under. */
export interface OpenedFile {
  row: AttachmentRow;
  stream: ReadStream;
  mime: string;
  fileName: string;
}

export class AttachmentsService {
  readonly #db: Kysely<DB>;
  readonly #repo: AttachmentsRepository;
  readonly #blobs: BlobStore;
  readonly #audit: AuditService;
  /** The clock an attachment is dated by (the configuration's: tests and the demo seed set their own). */
  readonly #now: () => Date;

  constructor(
    db: Kysely<DB>,
    repo: AttachmentsRepository,
    blobs: BlobStore,
    audit: AuditService,
    now: () => Date = () => new Date(),
  ) {
    this.#db = db;
    this.#repo = repo;
    this.#blobs = blobs;
    this.#audit = audit;
    this.#now = now;
  }

  /**
   * Receives an upload into a temporary file and stores it only once every check passed: its real type (by
   * content, not by name: an .exe renamed .jpg is refused) is one `kind` accepts, a PDF has no active
   * content, an image decodes. A refused upload leaves no bytes behind. Writes no database row: the owning
   * service records it with `record()` inside its own transaction. The stored name ends in an extension of
   * the real type (`downloadName`).
   */
  async ingest(body: Readable | Buffer, kind: AttachmentKind, originalName: string): Promise<Ingested> {
    const rules = ATTACHMENT_KINDS[kind];
    if (!rules) throw badKind(kind);
    const name = safeFileName(originalName);
    const pending = await this.#blobs.receive(body, MAX_ATTACHMENT_BYTES);
    let checked: { mime: string; thumbnail: Buffer | null };
    try {
      checked = await checkUpload(pending, rules, name);
    } catch (err) {
      await pending.discard();
      throw err;
    }
    await pending.commit();
    const thumbSha256 = checked.thumbnail
      ? (await this.#blobs.put(checked.thumbnail, MAX_ATTACHMENT_BYTES)).sha256
      : null;
    return {
      sha256: pending.sha256,
      mime: checked.mime,
      size: pending.size,
      originalName: downloadName(name, checked.mime),
      thumbSha256,
    };
  }

  /** Stores generated content (PDFs the system produces) the same way. */
  async ingestGenerated(content: Buffer, mime: string, name: string): Promise<Ingested> {
    const blob = await this.#blobs.put(content, 100 * 1024 * 1024);
    return {
      sha256: blob.sha256,
      mime,
      size: blob.size,
      originalName: downloadName(name, mime),
      thumbSha256: null,
    };
  }

  async record(
    trx: Kysely<DB>,
    actor: Actor,
    file: Ingested,
    owner: { ownerType: string; ownerId: string; kind: AttachmentKind; regionCode: string },
  ): Promise<AttachmentRow> {
    const row: AttachmentRow = {
      id: newId(),
      ...file,
      ...owner,
      provinceCode: owner.regionCode.slice(0, 2),
      createdAt: this.#now().toISOString(),
      createdBy: actor.userId,
    };
    await this.#repo.insert(trx, row);
    await this.#audit.record(trx, actor, {
      action: 'attachment.add',
      entityType: owner.ownerType,
      entityId: owner.ownerId,
      regionCode: owner.regionCode,
      details: {
        attachmentId: row.id,
        kind: owner.kind,
        sha256: file.sha256,
        size: file.size,
        mime: file.mime,
      },
    });
    return row;
  }

  listFor(db: Kysely<DB>, ownerId: string): Promise<AttachmentRow[]> {
    return this.#repo.listFor(db, ownerId);
  }

  /**
   * The file (or its thumbnail) for download: territory-checked and audited (house photos are personal).
   * Served as the type found in its content at upload, under a name with that type's extension.
   */
  async open(actor: Actor, id: string, variant: 'file' | 'thumbnail'): Promise<OpenedFile> {
    requirePermission(actor, 'registry.read');
    const what = label('record.attachment');
    if (!isRecordId(id)) throw notFound(what);
    const row = await this.#repo.findById(this.#db, id);
    if (!row) throw notFound(what);
    assertWithin(actor, row.regionCode, what);
    const sha = variant === 'thumbnail' ? row.thumbSha256 : row.sha256;
    if (!sha) throw notFound(label('record.attachment_preview'));
    await this.#audit.recordRead(actor, {
      action: variant === 'thumbnail' ? 'attachment.thumbnail' : 'attachment.read',
      entityType: row.ownerType,
      entityId: row.ownerId,
      regionCode: row.regionCode,
      details: { attachmentId: row.id },
    });
    const mime = variant === 'thumbnail' ? 'image/jpeg' : row.mime;
    return { row, stream: this.#blobs.open(sha), mime, fileName: downloadName(row.originalName, mime) };
  }

  /**
   * Removes blobs no attachment refers to (as file or thumbnail; several attachments may share one) and
   * temporary files of unfinished uploads, both only when older than `GC_GRACE_MS`. A blob is left
   * unreferenced when the transaction writing its row fails after the blob was stored. Audited when it
   * removed anything.
   */
  async collectGarbage(opts: { now?: Date } = {}): Promise<GcReport> {
    const olderThan = new Date((opts.now ?? new Date()).getTime() - GC_GRACE_MS);
    const report = await this.#blobs.gc((hashes) => this.#repo.referencedBlobs(this.#db, hashes), olderThan);
    if (report.removedBlobs || report.removedTemp) {
      await this.#db.transaction().execute((trx) =>
        this.#audit.record(trx, systemActor('blobs-gc'), {
          action: 'blobs.gc',
          entityType: 'blobs',
          details: { ...report },
        }),
      );
    }
    return report;
  }
}

/** Every check of an upload, on the received bytes: the real type, and what that type needs. */
async function checkUpload(
  pending: PendingBlob,
  rules: (typeof ATTACHMENT_KINDS)[AttachmentKind],
  name: string,
): Promise<{ mime: string; thumbnail: Buffer | null }> {
  if (pending.size === 0) {
    throw new AppError('validation', 'attachment.empty', { types: rules.mimes.join(', ') });
  }
  const { fileTypeFromBuffer } = await import('file-type');
  const detected = (await fileTypeFromBuffer(pending.head))?.mime;
  if (!detected || !(rules.mimes as readonly string[]).includes(detected)) {
    throw new AppError('validation', 'attachment.type_not_allowed', {
      type: detected ?? label('unknown'),
      kind: rules.label,
      accepted: rules.mimes.join(', '),
    });
  }
  const ext = extensionOf(name);
  const claimed = typeOfExtension(ext);
  if (claimed && claimed !== detected) {
    throw new AppError('validation', 'attachment.type_mismatch', { ext, detected });
  }
  if (detected === 'application/pdf') {
    checkPdfContent(await readFile(pending.path));
    return { mime: detected, thumbnail: null };
  }
  try {
    return { mime: detected, thumbnail: makeThumbnail(await readFile(pending.path), detected) };
  } catch (err) {
    if (!(err instanceof UnreadableImage)) throw err;
    throw new AppError('validation', 'attachment.image_unreadable', { detected });
  }
}

function checkPdfContent(bytes: Buffer): void {
  const verdict = checkPdf(bytes);
  if (verdict.ok) return;
  if (verdict.reason === 'active') {
    const names = verdict.names.map((n) => `/${n}`).join(', ');
    throw new AppError(
      'validation',
      'attachment.pdf_active_content',
      { names },
      { extra: { found: verdict.names } },
    );
  }
  throw new AppError('validation', 'attachment.pdf_unreadable', { detail: verdict.detail });
}

function badKind(kind: string): AppError {
  return new AppError('validation', 'attachment.invalid_kind', {
    kind,
    allowed: Object.keys(ATTACHMENT_KINDS).join(', '),
  });
}

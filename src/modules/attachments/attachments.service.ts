import type { ReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { fileTypeFromBuffer } from 'file-type';
import type { Kysely } from 'kysely';
import type { AttachmentRow, DB } from '../../db/schema/index.ts';
import {
  ATTACHMENT_KINDS,
  type AttachmentKind,
  isAttachmentKind,
  MAX_ATTACHMENT_BYTES,
} from '../../domain/cycle/attachments.ts';
import { AppError, notFound } from '../../domain/errors.ts';
import { newId, nowIso } from '../../lib/ids.ts';
import { type Actor, assertWithin, requirePermission } from '../access/actor.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { BlobStore } from './blob-store.ts';
import { makeThumbnail } from './thumbnail.ts';

export { ATTACHMENT_KINDS, type AttachmentKind, isAttachmentKind, MAX_ATTACHMENT_BYTES };

const EXTENSION_MIME: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  pdf: 'application/pdf',
};

export interface Ingested {
  sha256: string;
  mime: string;
  size: number;
  originalName: string;
  thumbSha256: string | null;
}

/** Keeps only a harmless base name: no directories, no control characters, bounded length. */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .replace(/[^\p{L}\p{N}._ -]/gu, '_')
    .replace(/^\.+/, '')
    .trim()
    .slice(-120);
  return cleaned || 'file';
}

export class AttachmentsService {
  readonly #db: Kysely<DB>;
  readonly #blobs: BlobStore;
  readonly #audit: AuditService;

  constructor(db: Kysely<DB>, blobs: BlobStore, audit: AuditService) {
    this.#db = db;
    this.#blobs = blobs;
    this.#audit = audit;
  }

  /**
   * Stores an upload's content after checking its real type (by content, not by name: an .exe renamed .jpg
   * is refused) against what `kind` accepts. Writes no database row: the owning service records it with
   * `record()` inside its own transaction.
   */
  async ingest(body: Readable | Buffer, kind: AttachmentKind, originalName: string): Promise<Ingested> {
    const rules = ATTACHMENT_KINDS[kind];
    if (!rules) throw badKind(kind);
    const blob = await this.#blobs.put(body, MAX_ATTACHMENT_BYTES);
    if (blob.size === 0) {
      throw new AppError('validation', 'attachment.empty', { id: 'Berkas kosong', en: 'The file is empty' });
    }
    const detected = (await fileTypeFromBuffer(blob.head))?.mime;
    const name = safeFileName(originalName);
    const ext = name.includes('.') ? name.split('.').pop()!.toLowerCase() : '';
    const claimed = EXTENSION_MIME[ext];
    if (!detected || !(rules.mimes as readonly string[]).includes(detected)) {
      throw new AppError('validation', 'attachment.type_not_allowed', {
        id: `Jenis berkas ${detected ?? 'tidak dikenal'} tidak diterima untuk ${rules.label.id}; yang diterima: ${rules.mimes.join(', ')}`,
        en: `File type ${detected ?? 'unknown'} is not accepted for ${rules.label.en}; accepted: ${rules.mimes.join(', ')}`,
      });
    }
    if (claimed && claimed !== detected) {
      throw new AppError('validation', 'attachment.type_mismatch', {
        id: `Nama berkas berakhiran .${ext} tetapi isinya ${detected}`,
        en: `The file name ends in .${ext} but its content is ${detected}`,
      });
    }
    let thumbSha256: string | null = null;
    if (detected === 'image/jpeg' || detected === 'image/png') {
      const thumb = makeThumbnail(await readFile(this.#blobs.path(blob.sha256)), detected);
      if (thumb) thumbSha256 = (await this.#blobs.put(thumb, MAX_ATTACHMENT_BYTES)).sha256;
    }
    return { sha256: blob.sha256, mime: detected, size: blob.size, originalName: name, thumbSha256 };
  }

  /** Stores generated content (PDFs the system produces) the same way. */
  async ingestGenerated(content: Buffer, mime: string, name: string): Promise<Ingested> {
    const blob = await this.#blobs.put(content, 100 * 1024 * 1024);
    return {
      sha256: blob.sha256,
      mime,
      size: blob.size,
      originalName: safeFileName(name),
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
      createdAt: nowIso(),
      createdBy: actor.userId,
    };
    await trx.insertInto('attachments').values(row).execute();
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
    return db
      .selectFrom('attachments')
      .selectAll()
      .where('ownerId', '=', ownerId)
      .orderBy('createdAt')
      .execute();
  }

  /** The file (or its thumbnail) for download: territory-checked and audited (house photos are personal). */
  async open(
    actor: Actor,
    id: string,
    variant: 'file' | 'thumbnail',
  ): Promise<{ row: AttachmentRow; stream: ReadStream; mime: string }> {
    requirePermission(actor, 'registry.read');
    const what = { id: 'Lampiran', en: 'Attachment' };
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound(what);
    const row = await this.#db.selectFrom('attachments').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound(what);
    assertWithin(actor, row.regionCode, what);
    const sha = variant === 'thumbnail' ? row.thumbSha256 : row.sha256;
    if (!sha) throw notFound({ id: 'Pratinjau lampiran', en: 'Attachment preview' });
    await this.#audit.recordRead(actor, {
      action: variant === 'thumbnail' ? 'attachment.thumbnail' : 'attachment.read',
      entityType: row.ownerType,
      entityId: row.ownerId,
      regionCode: row.regionCode,
      details: { attachmentId: row.id },
    });
    return { row, stream: this.#blobs.open(sha), mime: variant === 'thumbnail' ? 'image/jpeg' : row.mime };
  }
}

function badKind(kind: string): AppError {
  return new AppError('validation', 'attachment.invalid_kind', {
    id: `Jenis lampiran tidak dikenal: ${kind}`,
    en: `Unknown attachment kind: ${kind}`,
  });
}

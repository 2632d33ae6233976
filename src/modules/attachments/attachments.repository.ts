import type { Kysely } from 'kysely';
import type { AttachmentRow, DB } from '../../db/schema/index.ts';

/** The index of stored files: which blob (and thumbnail blob) each attachment is, and whose it is. */
export class AttachmentsRepository {
  async insert(db: Kysely<DB>, row: AttachmentRow): Promise<void> {
    await db.insertInto('attachments').values(row).execute();
  }

  findById(db: Kysely<DB>, id: string): Promise<AttachmentRow | undefined> {
    return db.selectFrom('attachments').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** An owner's files in the order they were added (ids are time-ordered: uploads in one instant keep theirs). */
  listFor(db: Kysely<DB>, ownerId: string): Promise<AttachmentRow[]> {
    return db
      .selectFrom('attachments')
      .selectAll()
      .where('ownerId', '=', ownerId)
      .orderBy('createdAt')
      .orderBy('id')
      .execute();
  }

  /** Which of `hashes` any attachment uses, as its file or as its thumbnail. */
  async referencedBlobs(db: Kysely<DB>, hashes: string[]): Promise<Set<string>> {
    if (hashes.length === 0) return new Set();
    return new Set(await this.blobsReferenced(db, hashes));
  }

  /** The blobs attachments refer to, as file or thumbnail, sorted: among `hashes`, or all of them. */
  async blobsReferenced(db: Kysely<DB>, hashes?: string[]): Promise<string[]> {
    const files = await db
      .selectFrom('attachments')
      .select('sha256')
      .distinct()
      .$if(hashes !== undefined, (q) => q.where('sha256', 'in', hashes!))
      .execute();
    const thumbs = await db
      .selectFrom('attachments')
      .select('thumbSha256')
      .distinct()
      .where('thumbSha256', 'is not', null)
      .$if(hashes !== undefined, (q) => q.where('thumbSha256', 'in', hashes!))
      .execute();
    return [...new Set([...files.map((r) => r.sha256), ...thumbs.map((r) => r.thumbSha256!)])].sort();
  }
}

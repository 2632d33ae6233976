import type { Migration } from '../migrate.ts';

/**
 * Indexes on the blob hashes attachments refer to (the file and its thumbnail), so `dtks blobs gc` asks
 * "does any attachment use these 500 blobs?" with index lookups instead of scanning the table per batch.
 */
export const attachmentBlobIndexesMigration: Migration = {
  name: '013_attachment_blob_indexes',
  async up(db) {
    await db.schema.createIndex('attachments_sha256_idx').on('attachments').column('sha256').execute();
    await db.schema
      .createIndex('attachments_thumb_sha256_idx')
      .on('attachments')
      .column('thumb_sha256')
      .execute();
  },
};

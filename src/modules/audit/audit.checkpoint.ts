/**
 * Signed checkpoints of the audit chain: the head of every chain (position and hash) at a time, signed with
 * the installation's Ed25519 key. Kept outside the database (a file, a printout, another system), a
 * checkpoint proves later that the chain still holds that entry with that hash — a rewritten, truncated or
 * replaced log cannot, and no one without the private key can make a new checkpoint for it.
 */
import { createPublicKey, sign, verify } from 'node:crypto';
import { z } from 'zod';
import { label, type Text } from '../../domain/catalogue.ts';
import { AppError } from '../../domain/errors.ts';
import type { SigningKeys } from './audit.keys.ts';

export const CHECKPOINT_FORMAT = 'dtks-audit-checkpoint/1';

export interface CheckpointHead {
  chain: string;
  /** The chain's last sealed position (0: the chain is empty). */
  position: number;
  hash: string;
}

const Head = z.strictObject({
  chain: z.string().min(1),
  position: z.number().int().min(0),
  hash: z.string().regex(/^[0-9a-f]{64}$/, '64 hex digits'),
});

const CheckpointSchema = z.strictObject({
  format: z.literal(CHECKPOINT_FORMAT),
  at: z.iso.datetime(),
  heads: z.array(Head),
  keyId: z.string(),
  publicKey: z.string().min(1),
  signature: z.string().min(1),
});

export type Checkpoint = z.infer<typeof CheckpointSchema>;

/** The bytes signed: everything but the key and the signature, in a fixed order. */
function signedBytes(at: string, heads: CheckpointHead[]): Buffer {
  const sorted = [...heads].sort((a, b) => (a.chain < b.chain ? -1 : a.chain > b.chain ? 1 : 0));
  return Buffer.from(
    JSON.stringify([CHECKPOINT_FORMAT, at, sorted.map((h) => [h.chain, h.position, h.hash])]),
  );
}

export function signCheckpoint(keys: SigningKeys, heads: CheckpointHead[], at: string): Checkpoint {
  return {
    format: CHECKPOINT_FORMAT,
    at,
    heads,
    keyId: keys.keyId,
    publicKey: keys.publicKeyBase64,
    signature: sign(null, signedBytes(at, heads), keys.privateKey).toString('base64'),
  };
}

/** Whether the checkpoint's signature holds under the public key it names. */
export function signatureValid(cp: Checkpoint): boolean {
  try {
    const key = createPublicKey({ key: Buffer.from(cp.publicKey, 'base64'), format: 'der', type: 'spki' });
    return (
      key.asymmetricKeyType === 'ed25519' &&
      verify(null, signedBytes(cp.at, cp.heads), key, Buffer.from(cp.signature, 'base64'))
    );
  } catch {
    return false;
  }
}

export function checkpointInvalid(reason: Text): AppError {
  return new AppError('validation', 'audit.checkpoint_invalid', { reason });
}

/**
 * Reads a checkpoint file: one checkpoint as JSON, or JSON lines (the sealer's running file), every line a
 * checkpoint. Anything else is a clear `audit.checkpoint_invalid` naming the line and the field.
 */
export function parseCheckpoints(text: string): Checkpoint[] {
  const trimmed = text.trim();
  if (trimmed === '') throw checkpointInvalid(label('audit_checkpoint.empty'));
  let docs: { line: number; value: unknown }[];
  try {
    docs = [{ line: 1, value: JSON.parse(trimmed) }];
  } catch {
    docs = [];
    const lines = trimmed.split('\n');
    for (const [i, line] of lines.entries()) {
      if (line.trim() === '') continue;
      try {
        docs.push({ line: i + 1, value: JSON.parse(line) });
      } catch {
        throw checkpointInvalid(label('audit_checkpoint.not_json', { line: i + 1 }));
      }
    }
  }
  return docs.map(({ line, value }) => {
    const parsed = CheckpointSchema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const field = issue.path.join('.') || '(document)';
      throw checkpointInvalid(label('audit_checkpoint.field', { line, field, problem: issue.message }));
    }
    return parsed.data;
  });
}

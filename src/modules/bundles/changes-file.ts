/**
 * Field changes from a file, for `dtks bundle export --kind field-changes`: one change per line in the sync
 * format (docs/offline.md) — a device's queue, or what an offline installation's own sync recorded — with the
 * photos they name read from a folder (`<dir>/<ref>`). Inside a bundle a photo is named by its SHA-256, so
 * each change's refs are rewritten to those names.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { OutgoingChange } from './bundles.service.ts';

export async function* changesFromFile(
  path: string,
  photoDir: string | undefined,
): AsyncGenerator<OutgoingChange> {
  const lines = createInterface({
    input: createReadStream(path, 'utf8'),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  let n = 0;
  for await (const text of lines) {
    n++;
    if (!text.trim()) continue;
    let change: Record<string, unknown>;
    try {
      change = JSON.parse(text) as Record<string, unknown>;
    } catch {
      throw new Error(`${path}:${n}: not JSON`);
    }
    const payload = change.payload as { photos?: { ref: string }[] } | undefined;
    const photos: OutgoingChange['photos'] = [];
    for (const p of payload?.photos ?? []) {
      if (!photoDir) throw new Error(`${path}:${n}: names photo ${p.ref}; give the folder with --photos`);
      const bytes = await readFile(join(photoDir, p.ref.replace(/[^A-Za-z0-9_-]/g, '')));
      const ref = createHash('sha256').update(bytes).digest('hex');
      photos.push({ ref, bytes });
      p.ref = ref;
    }
    yield { change, photos };
  }
}

import { type Dirent, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Container } from '../../src/container.ts';

/**
 * Every file under DATA_DIR/blobs (stored blobs and temporary uploads alike), as `path size` relative to
 * it, sorted: what a refused or interrupted upload must leave exactly as it was.
 */
export function blobFiles(c: Container): string[] {
  const root = join(c.config.dataDir, 'blobs');
  let entries: Dirent[];
  try {
    entries = readdirSync(root, { recursive: true, withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .filter((e) => e.isFile())
    .map((e) => {
      const path = join(e.parentPath, e.name);
      return `${relative(root, path)} ${statSync(path).size}`;
    })
    .sort();
}

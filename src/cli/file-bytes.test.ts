import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileBytes } from './file-bytes.ts';

describe('fileBytes', () => {
  it('opens nothing until read: a source never read leaves no error behind, a read one names the file', async () => {
    const source = fileBytes('/nonexistent/dtks-file-bytes.csv');
    // A bare createReadStream would fail here, unread, as an uncaught error.
    await new Promise((r) => setTimeout(r, 50));
    await expect(source.next()).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('answers the bytes of the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dtks-file-bytes-'));
    try {
      const file = join(dir, 'x.csv');
      writeFileSync(file, 'nik,kk_number\n1,2\n');
      const chunks: Buffer[] = [];
      for await (const chunk of fileBytes(file)) chunks.push(Buffer.from(chunk));
      expect(Buffer.concat(chunks).toString('utf8')).toBe('nik,kk_number\n1,2\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/**
 * `dtks … | head -1`: when the reader of a command's output goes away, the command ends quietly (exit 0,
 * nothing on stderr), as Unix tools do, instead of printing a write error (EPIPE). Set up once for every
 * command in src/cli/main.ts; checked here on the biggest output, a CSV export streamed to stdout.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const DTKS = resolve(import.meta.dirname, '../../bin/dtks.js');
const dataDir = mkdtempSync(join(tmpdir(), 'dtks-epipe-'));
const env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' };

function dtks(args: string[]): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [DTKS, ...args], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => {
    stderr += c.toString();
  });
  return new Promise((done) => child.on('close', (code) => done({ code, stderr })));
}

beforeAll(async () => {
  // Enough households that the export is far bigger than a pipe's buffer (64 KiB).
  const seeded = await dtks(['seed', '--households', '150', '--region', '33.07']);
  expect(seeded.code, seeded.stderr).toBe(0);
}, 120_000);

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('a command whose output is closed early', () => {
  it('exits quietly, with code 0, once its reader has stopped reading', async () => {
    const child = spawn(process.execPath, [DTKS, 'export', '--region', '33.07'], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    // Read the first chunk (the header line is in it), then close the pipe, as `head -1` does.
    const first = await new Promise<string>((done) =>
      child.stdout.once('data', (c: Buffer) => done(c.toString())),
    );
    child.stdout.destroy();
    const code = await new Promise<number | null>((done) => child.on('close', (c) => done(c)));
    expect(first.startsWith('kk_number,')).toBe(true);
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});

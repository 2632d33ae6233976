import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { inThreadWriter, LINES_PER_MESSAGE, threadWriter } from './invitations.threads.ts';
import type { InvitationLine } from './receipts.service.ts';

const line = (i: number): InvitationLine => ({
  entitlementId: `0195f0c2-7d1e-7000-8000-${String(i).padStart(12, '0')}`,
  kkNumber: `33070101019${String(i).padStart(5, '0')}`,
  headName: `Kepala Keluarga ${i}`,
  address: `Dusun ${i % 7}`,
  rt: String(1 + (i % 9)),
  rw: '2',
  villageCode: '33.07.01.2001',
  districtCode: '33.07.01',
  pointId: i % 3 ? '0195f0c2-7d1e-7000-8000-0000000000aa' : null,
  period: '2026-09',
  programme: 'BPNT',
  tranche: 1,
  amount: 200_000,
  packages: 0,
  until: '2026-09-30T08:00:00.000Z',
  startsAt: i % 2 ? '2026-09-20T01:00:00.000Z' : null,
});

async function* lines(n: number, failAt = -1): AsyncGenerator<InvitationLine> {
  for (let i = 0; i < n; i++) {
    if (i === failAt) throw new Error('the database went away');
    yield line(i);
  }
}

describe('invitation letters on worker threads', () => {
  const { privateKey } = generateKeyPairSync('ed25519');
  const signer = { keyId: '0123456789abcdef', privateKey };
  const file = (name: string) => ({
    villageName: name,
    programmeName: 'BPNT',
    points: { '0195f0c2-7d1e-7000-8000-0000000000aa': { name: 'Kantor Pos Uji', address: 'Jl. Raya 1' } },
    createdAt: new Date('2026-09-01T00:00:00Z'),
  });
  const dir = mkdtempSync(join(tmpdir(), 'dtks-letters-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // Slow on a loaded machine: ≈ 2,000 letters in all.
  it('write byte for byte the file the job’s own thread writes, several villages at once', {
    timeout: 180_000,
  }, async () => {
    // More lines than one message holds (the worker holds at most two), the last message not full.
    const n = 2 * LINES_PER_MESSAGE + 37;
    const here = inThreadWriter(signer);
    expect(await here.write(join(dir, 'here.pdf'), file('Desa Uji'), lines(n))).toBe(n);
    const pool = threadWriter(signer, 2);
    try {
      const counts = await Promise.all([
        pool.write(join(dir, 'a.pdf'), file('Desa Uji'), lines(n)),
        pool.write(join(dir, 'b.pdf'), file('Desa Lain'), lines(3)),
      ]);
      expect(counts).toEqual([n, 3]);
    } finally {
      await pool.close();
    }
    const expected = readFileSync(join(dir, 'here.pdf'));
    expect(expected.length).toBeGreaterThan(n * 1000);
    expect(readFileSync(join(dir, 'a.pdf')).equals(expected)).toBe(true);
    expect(readFileSync(join(dir, 'b.pdf')).equals(expected)).toBe(false);
  });

  it('removes a village’s file when its lines fail or it is aborted; the thread then writes the next one', {
    timeout: 120_000,
  }, async () => {
    const pool = threadWriter(signer, 1);
    try {
      await expect(pool.write(join(dir, 'broken.pdf'), file('Desa Uji'), lines(800, 700))).rejects.toThrow(
        'the database went away',
      );
      expect(existsSync(join(dir, 'broken.pdf'))).toBe(false);
      const abort = new AbortController();
      abort.abort(new Error('stopped'));
      await expect(
        pool.write(join(dir, 'aborted.pdf'), file('Desa Uji'), lines(10), abort.signal),
      ).rejects.toThrow('stopped');
      expect(existsSync(join(dir, 'aborted.pdf'))).toBe(false);
      expect(await pool.write(join(dir, 'next.pdf'), file('Desa Uji'), lines(4))).toBe(4);
      // A file that cannot be written fails its village with the file system's reason.
      await expect(pool.write(join(dir, 'missing', 'x.pdf'), file('Desa Uji'), lines(4))).rejects.toThrow(
        /ENOENT/,
      );
      expect(await pool.write(join(dir, 'after.pdf'), file('Desa Uji'), lines(2))).toBe(2);
    } finally {
      await pool.close();
    }
  });
});

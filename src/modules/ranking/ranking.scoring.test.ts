import { describe, expect, it } from 'vitest';
import { encodeSnapshot } from '../../db/version-snapshot.ts';
import { criteria14 } from '../../domain/ranking/criteria14.ts';
import { DEFAULT_MODEL } from '../../domain/ranking/default-model.ts';
import { scoreHousehold } from '../../domain/ranking/score.ts';
import { modelCheckSample, SAMPLE_AS_OF } from './ranking.sample.ts';
import { inThreadScorer, packSnapshots, workerScorer } from './ranking.scoring.ts';

const sample = modelCheckSample().slice(0, 1001);
const snapshots = sample.map((h) => encodeSnapshot(h));

describe('scoring a page of snapshots', () => {
  it('in-thread: the score and criteria count of each household, in page order', async () => {
    const scorer = inThreadScorer(DEFAULT_MODEL, SAMPLE_AS_OF);
    const { scores, criteria } = await scorer.score(snapshots);
    expect(scores.length).toBe(sample.length);
    sample.forEach((h, i) => {
      expect(scores[i]).toBe(scoreHousehold(DEFAULT_MODEL, h, SAMPLE_AS_OF).score);
      expect(criteria[i]).toBe(criteria14(h).count);
    });
  });

  it('on worker threads: exactly the in-thread numbers, pages answered in order, slices rejoined', async () => {
    const local = await inThreadScorer(DEFAULT_MODEL, SAMPLE_AS_OF).score(snapshots);
    const pool = workerScorer(DEFAULT_MODEL, SAMPLE_AS_OF, 3);
    try {
      // Two pages in flight at once (as a run pipelines them), one of them smaller than the pool.
      const [a, b] = await Promise.all([pool.score(snapshots), pool.score(snapshots.slice(0, 2))]);
      expect([...a.scores]).toEqual([...local.scores]);
      expect([...a.criteria]).toEqual([...local.criteria]);
      expect([...b.scores]).toEqual([...local.scores.slice(0, 2)]);
    } finally {
      await pool.close();
    }
  });

  it('a corrupt snapshot fails the page instead of scoring it', async () => {
    const pool = workerScorer(DEFAULT_MODEL, SAMPLE_AS_OF, 2);
    try {
      await expect(pool.score([snapshots[0]!, new Uint8Array([9, 1, 2])])).rejects.toThrow(
        /storage format 9/,
      );
    } finally {
      await pool.close();
    }
  });

  it('packs snapshots of any buffer views back to back', () => {
    const big = new Uint8Array([7, 7, 1, 2, 3, 7]);
    const packed = packSnapshots([big.subarray(2, 5), new Uint8Array([4])]);
    expect([...packed.bytes]).toEqual([1, 2, 3, 4]);
    expect([...packed.offsets]).toEqual([0, 3, 4]);
  });
});

/**
 * Scoring a page of a period's snapshot: decode each household's version snapshot, score it with the model
 * and count its BPS criteria. This is nearly all of a ranking run's CPU (inflating and parsing the snapshot
 * above all), so a run hands pages to a pool of worker threads (ranking.scoring-worker.ts) while its own
 * thread reads the next page and writes the last one; small runs score in-thread. Either way the numbers come
 * from the same pure functions, so the results and the checksum do not depend on where a page was scored.
 */
import { decodeSnapshot } from '../../db/version-snapshot.ts';
import { criteria14 } from '../../domain/ranking/criteria14.ts';
import type { RankedHousehold } from '../../domain/ranking/household-input.ts';
import type { RankingModel } from '../../domain/ranking/model.ts';
import { scoreHousehold } from '../../domain/ranking/score.ts';
import { identityOf } from '../../domain/recipients/identity.ts';
import { poolSize, WorkerPool } from '../../lib/worker-pool.ts';

export interface PageScores {
  scores: Float64Array;
  criteria: Uint8Array;
  /** Each household's KK number and head's name as its snapshot holds them (`identityOf`), stored with its result. */
  kkNumbers: string[];
  headNames: string[];
}

/** Snapshots packed into one buffer (`offsets` has one more entry than there are snapshots). */
export interface PackedSnapshots {
  bytes: Uint8Array;
  offsets: Uint32Array;
}

export function packSnapshots(snapshots: readonly Uint8Array[]): PackedSnapshots {
  const offsets = new Uint32Array(snapshots.length + 1);
  let size = 0;
  snapshots.forEach((s, i) => {
    offsets[i] = size;
    size += s.byteLength;
  });
  offsets[snapshots.length] = size;
  const bytes = new Uint8Array(size);
  snapshots.forEach((s, i) => {
    bytes.set(s, offsets[i]);
  });
  return { bytes, offsets };
}

export function scorePacked(model: RankingModel, asOf: string, packed: PackedSnapshots): PageScores {
  const n = packed.offsets.length - 1;
  const scores = new Float64Array(n);
  const criteria = new Uint8Array(n);
  const kkNumbers = new Array<string>(n);
  const headNames = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    const h = decodeSnapshot<RankedHousehold & { kkNumber?: string | null }>(
      packed.bytes.subarray(packed.offsets[i], packed.offsets[i + 1]),
    );
    scores[i] = scoreHousehold(model, h, asOf).score;
    criteria[i] = criteria14(h).count;
    const who = identityOf(h);
    kkNumbers[i] = who.kkNumber;
    headNames[i] = who.headName;
  }
  return { scores, criteria, kkNumbers, headNames };
}

export interface Scorer {
  score(snapshots: readonly Uint8Array[]): Promise<PageScores>;
  close(): Promise<void>;
}

/** Runs of fewer households than this score in-thread: starting workers would cost more than it saves. */
export const PARALLEL_MIN = 20_000;

export function inThreadScorer(model: RankingModel, asOf: string): Scorer {
  return {
    score: async (snapshots) => scorePacked(model, asOf, packSnapshots(snapshots)),
    close: async () => {},
  };
}

/**
 * A pool of scoring threads (one per CPU, at most 4; src/lib/worker-pool.ts): each page is split into one
 * slice per thread, so a page is scored by all of them at once; pages queue in order behind each other.
 */
export function workerScorer(model: RankingModel, asOf: string, size = poolSize()): Scorer {
  const pool = new WorkerPool(new URL('./ranking.scoring-worker.ts', import.meta.url), {
    size,
    workerData: { model, asOf },
    name: 'ranking scorer',
  });
  return {
    async score(snapshots) {
      const parts = await pool.map<Uint8Array, PageScores>(snapshots, (slice) => {
        const packed = packSnapshots(slice);
        return {
          msg: packed,
          transfer: [packed.bytes.buffer as ArrayBuffer, packed.offsets.buffer as ArrayBuffer],
        };
      });
      const scores = new Float64Array(snapshots.length);
      const criteria = new Uint8Array(snapshots.length);
      let at = 0;
      for (const p of parts) {
        scores.set(p.scores, at);
        criteria.set(p.criteria, at);
        at += p.scores.length;
      }
      return {
        scores,
        criteria,
        kkNumbers: parts.flatMap((p) => p.kkNumbers),
        headNames: parts.flatMap((p) => p.headNames),
      };
    },
    close: () => pool.close(),
  };
}

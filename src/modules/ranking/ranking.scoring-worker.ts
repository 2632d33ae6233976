/** A ranking scorer thread (see ranking.scoring.ts): scores the packed snapshot slices it is sent, in order. */
import { parentPort, workerData } from 'node:worker_threads';
import type { RankingModel } from '../../domain/ranking/model.ts';
import { serveCalls, Transfer } from '../../lib/worker-pool.ts';
import { type PackedSnapshots, scorePacked } from './ranking.scoring.ts';

const { model, asOf } = workerData as { model: RankingModel; asOf: string };

serveCalls(parentPort, (packed: PackedSnapshots) => {
  const page = scorePacked(model, asOf, packed);
  const { scores, criteria } = page;
  return new Transfer(page, [scores.buffer as ArrayBuffer, criteria.buffer as ArrayBuffer]);
});

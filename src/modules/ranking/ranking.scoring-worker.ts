/** A ranking scorer thread (see ranking.scoring.ts): scores the packed snapshot slices it is sent, in order. */
import { parentPort, workerData } from 'node:worker_threads';
import type { RankingModel } from '../../domain/ranking/model.ts';
import { type PackedSnapshots, scorePacked } from './ranking.scoring.ts';

const { model, asOf } = workerData as { model: RankingModel; asOf: string };

parentPort!.on('message', (msg: { id: number; packed: PackedSnapshots }) => {
  try {
    const { scores, criteria } = scorePacked(model, asOf, msg.packed);
    parentPort!.postMessage({ id: msg.id, scores, criteria }, [
      scores.buffer as ArrayBuffer,
      criteria.buffer as ArrayBuffer,
    ]);
  } catch (err) {
    parentPort!.postMessage({ id: msg.id, error: (err as Error).message });
  }
});

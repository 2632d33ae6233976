/** A recipients evaluation thread (see recipients.evaluate.ts): evaluates the page slices it is sent, in order. */
import { parentPort } from 'node:worker_threads';
import { serveCalls } from '../../lib/worker-pool.ts';
import { type EvaluationInput, evaluatePage } from './recipients.evaluate.ts';

serveCalls(parentPort, ({ settings, page }: EvaluationInput) => evaluatePage(settings, page));

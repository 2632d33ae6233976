import { useEffect, useRef } from 'react';
import { jobs } from '../api/endpoints.ts';
import type { JobView } from '../api/types.ts';
import { useLoad } from './use-load.ts';

/** How often a running job is asked for its progress. */
const POLL_MS = 500;

export const jobEnded = (j: Pick<JobView, 'state'>) =>
  j.state === 'done' || j.state === 'failed' || j.state === 'cancelled';

/**
 * Follows one job through the data layer (key `['jobs', id]`): reads it every POLL_MS until it ends (done,
 * failed or cancelled) or a read fails, then stops. `setJob` takes the answer of a write (cancel) at once.
 */
export function useJob(id: string | null) {
  const followed = useLoad(['jobs', id], (signal) => jobs.get(id!, signal), {
    enabled: id !== null,
    refetchInterval: (job) => (job && jobEnded(job as JobView) ? false : POLL_MS),
  });
  // Another job's answer is never shown for this one while it loads.
  const job = id === null || followed.loading ? null : (followed.data ?? null);
  return { job, error: followed.error, setJob: followed.setData };
}

/**
 * Follows the job a page started: `result` once it is done (handed to `onDone` once), and whether it still
 * runs (`busy`: the request that starts it is on its way).
 */
export function useJobResult<T>(id: string | null, busy: boolean, onDone: (result: T) => void) {
  const followed = useJob(id);
  const { job } = followed;
  const result = job?.state === 'done' ? (job.result as T) : null;
  const done = useRef(onDone);
  done.current = onDone;
  useEffect(() => {
    if (result) done.current(result);
  }, [result]);
  const running = busy || (id !== null && (!job || !jobEnded(job)));
  return { ...followed, result, running };
}

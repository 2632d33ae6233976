import { useEffect, useRef, useState } from 'react';
import { isAbort } from '../api/client.ts';
import { jobs } from '../api/endpoints.ts';
import type { JobView } from '../api/types.ts';

/** How often a running job is asked for its progress. */
const POLL_MS = 500;

export const jobEnded = (j: Pick<JobView, 'state'>) =>
  j.state === 'done' || j.state === 'failed' || j.state === 'cancelled';

/**
 * Follows one job: reads it every POLL_MS until it ends (done, failed or cancelled), then stops. `setJob`
 * takes the answer of a write (cancel) at once.
 */
export function useJob(id: string | null) {
  const [job, setJob] = useState<JobView | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    setJob(null);
    setError(null);
    if (!id) return;
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = () => {
      jobs.get(id, controller.signal).then(
        (j) => {
          setJob(j);
          if (!jobEnded(j)) timer = setTimeout(poll, POLL_MS);
        },
        (err: unknown) => {
          if (!isAbort(err)) setError(err);
        },
      );
    };
    poll();
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [id]);
  return { job, error, setJob };
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

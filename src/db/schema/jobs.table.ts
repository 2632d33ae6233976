import type { Insertable, Selectable } from 'kysely';

export type JobState = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

/** One unit of long work (src/modules/jobs); JSON documents are text. */
export interface JobTable {
  id: string;
  kind: string;
  /** The kind's parameters as JSON, checked by the kind's schema before the job was queued. */
  params: string;
  /** Who started the job; null for the machine's operator (CLI). */
  ownerId: string | null;
  ownerName: string;
  ownerRole: string;
  /** The owner's territory when the job was queued ('' = national): whom the job is visible to. */
  regionCode: string;
  state: JobState;
  phase: string | null;
  done: number;
  total: number | null;
  /** The kind's own resume state (JSON), committed with the work it records. */
  checkpoint: string | null;
  result: string | null;
  /** `{ code, message: { id, en } }` as JSON. */
  error: string | null;
  attempts: number;
  cancelRequested: number;
  leaseOwner: string | null;
  leaseExpiresAt: string | null;
  heartbeatAt: string | null;
  /** A queued job is not claimed before this time (a retry's backoff, migration 058); null: at once. */
  notBefore: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

/** The file a job was started with (an import's CSV), read by whichever worker runs the job. */
export interface JobInputTable {
  jobId: string;
  name: string;
  size: number;
  content: Uint8Array;
}

export type JobRow = Selectable<JobTable>;
export type NewJob = Insertable<JobTable>;

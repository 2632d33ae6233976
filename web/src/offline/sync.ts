/**
 * Between the device and the server: downloading the working set (streamed NDJSON, stored as it arrives)
 * and sending the queued changes (POST /api/v1/sync/changes, in batches), then acting on each answer:
 * applied or already applied → off the queue; conflict → kept with the server's version to choose from;
 * rejected → kept with the reason. A conflict is resolved by keeping mine (the same change again as a new
 * change on the server's version) or taking theirs (the change is dropped, the server's version kept).
 */
import { ApiError, apiUrl, request, requestLanguage } from '../api/client.ts';
import type { Change, OfflineStore, QueueItem, SyncResult } from './store.ts';

/** Changes per request: each may carry photos, and the request body has a limit. */
const BATCH = 10;

async function* ndjson(
  body: ReadableStream<Uint8Array>,
): AsyncGenerator<{ type: string; data: Record<string, unknown> }> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let rest = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    rest += decoder.decode(value, { stream: true });
    const lines = rest.split('\n');
    rest = lines.pop() ?? '';
    for (const l of lines) if (l.trim()) yield JSON.parse(l);
  }
  if (rest.trim()) yield JSON.parse(rest);
}

export async function downloadWorkingSet(
  store: OfflineStore,
  region: string,
  onProgress?: (n: number) => void,
): Promise<Record<string, number>> {
  let res: Response;
  try {
    res = await fetch(apiUrl('/sync/working-set', { region }), {
      credentials: 'same-origin',
      headers: {
        accept: 'application/x-ndjson, application/problem+json',
        'accept-language': requestLanguage(),
      },
    });
  } catch (err) {
    throw new ApiError(0, { code: 'network', detail: String(err) });
  }
  if (!res.ok || !res.body) {
    throw new ApiError(res.status, (await res.json().catch(() => null)) ?? { detail: `HTTP ${res.status}` });
  }
  const counts = await store.replaceWorkingSet(ndjson(res.body), onProgress);
  await store.setMeta('downloaded', { region, at: new Date().toISOString(), counts });
  return counts;
}

export interface SyncSummary {
  sent: number;
  applied: number;
  conflicts: number;
  rejected: number;
}

/** Sends every pending change; stops at the first network failure (the rest waits for the next try). */
export async function pushChanges(store: OfflineStore): Promise<SyncSummary> {
  const summary: SyncSummary = { sent: 0, applied: 0, conflicts: 0, rejected: 0 };
  const pending = (await store.queue()).filter((q) => q.status === 'pending');
  for (let i = 0; i < pending.length; i += BATCH) {
    const batch = pending.slice(i, i + BATCH);
    const files = Object.assign({}, ...batch.map((b) => b.files));
    const { results } = await request<{ results: SyncResult[] }>('POST', '/sync/changes', {
      json: { changes: batch.map((b) => b.change), files },
    });
    summary.sent += batch.length;
    for (const [n, r] of results.entries()) {
      const item = batch[n]!;
      if (r.status === 'conflict') {
        summary.conflicts++;
        await store.setStatus(item.change.id, 'conflict', r);
      } else if (r.status === 'rejected') {
        summary.rejected++;
        await store.setStatus(item.change.id, 'rejected', r);
      } else {
        summary.applied++;
        await afterApplied(store, item, r);
        await store.remove(item.change.id);
      }
    }
  }
  return summary;
}

/** The local copy follows what the server now holds (its new version, no pending mark). */
async function afterApplied(store: OfflineStore, item: QueueItem, r: SyncResult): Promise<void> {
  const type = typeOf(item.change);
  const local = await store.get(type, item.change.targetId);
  if (local && r.version !== undefined && type !== 'musdes_row') {
    await store.put(type, item.change.targetId, { ...local, version: r.version, pendingChange: null });
  } else if (local) {
    await store.put(type, item.change.targetId, { ...local, pendingChange: null });
  }
}

function typeOf(c: Change): string {
  return c.kind === 'usulan.draft' ? 'usulan' : c.kind === 'verivali.visit' ? 'visit' : 'musdes_row';
}

/** Keep mine: the same content sent again as a new change on the server's current version. */
export async function keepMine(store: OfflineStore, item: QueueItem): Promise<void> {
  const current = item.result?.current ?? {};
  const c = item.change;
  const payload =
    c.kind === 'musdes.outcome'
      ? { ...c.payload, baseOutcome: (current.outcome as string | null | undefined) ?? null }
      : c.payload;
  const baseVersion = c.kind === 'musdes.outcome' ? c.baseVersion : Number(current.version ?? c.baseVersion);
  await store.enqueue(
    { kind: c.kind, targetId: c.targetId, baseVersion, payload },
    item.files,
    item.title,
    c.recordedBy,
    c.id,
  );
}

/** Take theirs: the change is dropped and the server's version becomes the local copy. */
export async function takeTheirs(store: OfflineStore, item: QueueItem): Promise<void> {
  const type = typeOf(item.change);
  const current = item.result?.current;
  if (current) {
    const local = (await store.get(type, item.change.targetId)) ?? {};
    await store.put(type, item.change.targetId, { ...local, ...current, pendingChange: null });
  }
  await store.remove(item.change.id);
}

/**
 * The officer's offline queue (IndexedDB via dexie): receipts recorded without a connection wait here with a
 * client id and are sent when the device is online again. The server keeps exactly one receipt per
 * entitlement: a receipt another device synced first comes back 409 and is reported, not retried.
 */
import { Dexie, type EntityTable } from 'dexie';
import { ApiError, request } from '../../api/client.ts';

export interface QueuedReceipt {
  clientId: string;
  body: Record<string, unknown>;
  createdAt: string;
  lastError?: string;
}

const db = new Dexie('dtks-receipts') as Dexie & { queue: EntityTable<QueuedReceipt, 'clientId'> };
db.version(1).stores({ queue: 'clientId, createdAt' });

export function enqueue(item: QueuedReceipt): Promise<string> {
  return db.queue.put(item);
}

export function queued(): Promise<QueuedReceipt[]> {
  return db.queue.orderBy('createdAt').toArray();
}

export interface SyncOutcome {
  sent: number;
  /** Receipts another device recorded first: when and where. */
  told: { receivedAt: string; pointId: string }[];
  failed: number;
}

let sending: Promise<SyncOutcome> | null = null;

/**
 * Sends the queue in order; stops at the first network failure (still offline). One sync at a time: a call
 * while one is under way (the connection coming back while the officer taps "send now") waits for it and
 * reports nothing of its own — else both would send the same receipt and tell the officer twice.
 */
export async function syncQueue(): Promise<SyncOutcome> {
  if (sending) {
    await sending.catch(() => {});
    return { sent: 0, told: [], failed: 0 };
  }
  sending = sendQueue();
  try {
    return await sending;
  } finally {
    sending = null;
  }
}

async function sendQueue(): Promise<SyncOutcome> {
  const out: SyncOutcome = { sent: 0, told: [], failed: 0 };
  for (const item of await queued()) {
    try {
      await request('POST', '/distribution/receipts', { json: item.body });
      await db.queue.delete(item.clientId);
      out.sent++;
    } catch (err) {
      if (!(err instanceof ApiError) || err.isNetwork) break;
      if (err.code === 'distribution.already_received') {
        out.told.push({ receivedAt: String(err.problem.receivedAt), pointId: String(err.problem.pointId) });
        await db.queue.delete(item.clientId);
      } else {
        out.failed++;
        await db.queue.update(item.clientId, { lastError: err.message });
      }
    }
  }
  return out;
}

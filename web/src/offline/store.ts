/**
 * The offline app's store on the device (IndexedDB through Dexie): the downloaded working set and the queue
 * of changes waiting to be synced. Every record and change is encrypted (keyring.ts) before it is written;
 * what stays readable is only the record's type and id, the queue's order and status, and the owner's
 * username (to wipe another user's data when someone else logs in on the device).
 */
import { Dexie, type Table } from 'dexie';
import { newId } from '../../../src/lib/ids.ts';
import { OFFLINE_DB_NAME, open, seal } from './keyring.ts';

interface Sealed {
  iv: Uint8Array<ArrayBuffer>;
  data: ArrayBuffer;
}
interface RecordRow extends Sealed {
  key: string;
  type: string;
}
export type QueueStatus = 'pending' | 'conflict' | 'rejected';
interface QueueRow extends Sealed {
  id: string;
  seq: number;
  status: QueueStatus;
}
interface MetaRow {
  key: string;
  value: unknown;
}

class OfflineDb extends Dexie {
  records!: Table<RecordRow, string>;
  queue!: Table<QueueRow, string>;
  meta!: Table<MetaRow, string>;
  constructor() {
    super(OFFLINE_DB_NAME);
    this.version(1).stores({ records: 'key, type', queue: 'id, seq, status', meta: 'key' });
  }
}

export interface Change {
  id: string;
  kind: 'usulan.draft' | 'verivali.visit' | 'musdes.outcome';
  targetId: string;
  baseVersion: number;
  payload: Record<string, unknown>;
  recordedAt: string;
  recordedBy: string | null;
}

export interface SyncResult {
  id: string;
  status: 'created' | 'updated' | 'unchanged' | 'conflict' | 'rejected';
  version?: number;
  reason?: { code: string; message: string };
  errors?: { field: string; message: string }[];
  current?: Record<string, unknown>;
}

/** A queued change with its photos (base64 by ref), what to call it on screen and the last answer. */
export interface QueueItem {
  change: Change;
  files: Record<string, string>;
  title: string;
  result?: SyncResult;
}

export class OfflineStore {
  readonly #db = new OfflineDb();
  readonly #key: CryptoKey;
  readonly username: string;

  private constructor(username: string, key: CryptoKey) {
    this.username = username;
    this.#key = key;
  }

  /** Opens the device's store for `username`; another user's data found there is deleted first. */
  static async open(username: string, key: CryptoKey): Promise<OfflineStore> {
    const store = new OfflineStore(username, key);
    const owner = await store.#db.meta.get('owner');
    if (owner && owner.value !== username) await store.clear();
    // A value sealed with the key: opening it again proves the password (throws when it is wrong).
    const check = await store.#db.meta.get('check');
    if (check) await open(key, check.value as Sealed);
    else await store.#db.meta.put({ key: 'check', value: await seal(key, 'dtks-offline') });
    await store.#db.meta.put({ key: 'owner', value: username });
    return store;
  }

  /**
   * At login, where the password is known to be right: seals the check value with its key, so the first
   * unlock after a reload (offline, before /offline was ever opened) has something to check against. A
   * check that no longer opens (the password was changed elsewhere) means the data cannot be read any more:
   * it is deleted and the check sealed again.
   */
  static async sealAtLogin(username: string, key: CryptoKey): Promise<void> {
    const store = new OfflineStore(username, key);
    const owner = await store.#db.meta.get('owner');
    const check = await store.#db.meta.get('check');
    let readable = !!check && (!owner || owner.value === username);
    if (readable)
      readable = await open(key, check!.value as Sealed).then(
        () => true,
        () => false,
      );
    if (readable) return;
    await store.clear();
    await store.#db.meta.put({ key: 'check', value: await seal(key, 'dtks-offline') });
    await store.#db.meta.put({ key: 'owner', value: username });
  }

  async clear(): Promise<void> {
    await Promise.all([this.#db.records.clear(), this.#db.queue.clear(), this.#db.meta.clear()]);
  }

  async meta<T>(key: string): Promise<T | undefined> {
    return (await this.#db.meta.get(key))?.value as T | undefined;
  }

  async setMeta(key: string, value: unknown): Promise<void> {
    await this.#db.meta.put({ key, value });
  }

  /** Replaces the working set with `records` (written in encrypted batches as they arrive). */
  async replaceWorkingSet(
    records: AsyncIterable<{ type: string; data: Record<string, unknown> }>,
    onProgress?: (n: number) => void,
  ): Promise<Record<string, number>> {
    await this.#db.records.clear();
    let batch: RecordRow[] = [];
    let n = 0;
    let counts: Record<string, number> = {};
    const flush = async () => {
      if (batch.length) await this.#db.records.bulkPut(batch);
      batch = [];
      onProgress?.(n);
    };
    for await (const r of records) {
      if (r.type === 'end') counts = (r.data.counts as Record<string, number>) ?? {};
      const id = String(r.data.id ?? r.data.code ?? r.type);
      batch.push({ key: `${r.type}:${id}`, type: r.type, ...(await seal(this.#key, r.data)) });
      n++;
      if (batch.length >= 200) await flush();
    }
    await flush();
    return counts;
  }

  async all<T = Record<string, unknown>>(type: string): Promise<T[]> {
    const rows = await this.#db.records.where('type').equals(type).toArray();
    return Promise.all(rows.map((r) => open<T>(this.#key, r)));
  }

  async get<T = Record<string, unknown>>(type: string, id: string): Promise<T | undefined> {
    const row = await this.#db.records.get(`${type}:${id}`);
    return row ? open<T>(this.#key, row) : undefined;
  }

  async put(type: string, id: string, data: Record<string, unknown>): Promise<void> {
    await this.#db.records.put({ key: `${type}:${id}`, type, ...(await seal(this.#key, data)) });
  }

  /** Queues a change recorded on the device (its id is the idempotency key the server keeps). */
  async enqueue(
    change: Omit<Change, 'id' | 'recordedAt' | 'recordedBy'>,
    files: Record<string, string>,
    title: string,
    recordedBy: string | null,
  ): Promise<Change> {
    const full: Change = { ...change, id: newId(), recordedAt: new Date().toISOString(), recordedBy };
    const item: QueueItem = { change: full, files, title };
    await this.#db.queue.put({
      id: full.id,
      seq: Date.now(),
      status: 'pending',
      ...(await seal(this.#key, item)),
    });
    return full;
  }

  async queue(): Promise<(QueueItem & { status: QueueStatus })[]> {
    const rows = await this.#db.queue.orderBy('seq').toArray();
    return Promise.all(
      rows.map(async (r) => ({ ...(await open<QueueItem>(this.#key, r)), status: r.status })),
    );
  }

  async setStatus(id: string, status: QueueStatus, result: SyncResult): Promise<void> {
    const row = await this.#db.queue.get(id);
    if (!row) return;
    const item = await open<QueueItem>(this.#key, row);
    await this.#db.queue.put({ ...row, status, ...(await seal(this.#key, { ...item, result })) });
  }

  async remove(id: string): Promise<void> {
    await this.#db.queue.delete(id);
  }
}

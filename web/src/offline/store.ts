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

  /**
   * How many queued changes were not sent yet (waiting or in conflict): readable without the key, so logout
   * can ask before they are lost.
   */
  static async unsent(): Promise<number> {
    const db = new OfflineDb();
    try {
      return await db.queue.where('status').anyOf(['pending', 'conflict']).count();
    } catch {
      return 0;
    } finally {
      db.close();
    }
  }

  /**
   * Opens the device's store for `username`; another user's data found there is deleted first — unless it
   * holds changes not sent yet: then the store is refused (OfflineLocked) and nothing is deleted.
   */
  static async open(username: string, key: CryptoKey): Promise<OfflineStore> {
    const store = new OfflineStore(username, key);
    const owner = await store.#db.meta.get('owner');
    if (owner && owner.value !== username) {
      if (await store.#hasUnsent()) throw new OfflineLocked(String(owner.value));
      await store.clear();
    }
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
   * check that no longer opens (the password was changed elsewhere) means the data cannot be read with this
   * key: without unsent changes it is deleted and the check sealed again; with unsent changes (or another
   * user's) everything is kept, and /offline asks for the password they were recorded with
   * (docs/offline.md).
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
    if (await store.#hasUnsent()) return;
    await store.clear();
    await store.#db.meta.put({ key: 'check', value: await seal(key, 'dtks-offline') });
    await store.#db.meta.put({ key: 'owner', value: username });
  }

  async #hasUnsent(): Promise<boolean> {
    return (await this.#db.queue.where('status').anyOf(['pending', 'conflict']).count()) > 0;
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

  /**
   * Replaces the working set with `records`: each is encrypted as it arrives and kept in memory (a village's
   * set fits), and the old set is replaced in one transaction only once the whole download arrived — a
   * download that breaks off leaves the previous working set in place.
   */
  async replaceWorkingSet(
    records: AsyncIterable<{ type: string; data: Record<string, unknown> }>,
    onProgress?: (n: number) => void,
  ): Promise<Record<string, number>> {
    const rows: RecordRow[] = [];
    let counts: Record<string, number> = {};
    for await (const r of records) {
      if (r.type === 'end') counts = (r.data.counts as Record<string, number>) ?? {};
      const id = String(r.data.id ?? r.data.code ?? r.type);
      rows.push({ key: `${r.type}:${id}`, type: r.type, ...(await seal(this.#key, r.data)) });
      if (rows.length % 200 === 0) onProgress?.(rows.length);
    }
    await this.#db.transaction('rw', this.#db.records, async () => {
      await this.#db.records.clear();
      await this.#db.records.bulkPut(rows);
    });
    onProgress?.(rows.length);
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
    replaces?: string,
  ): Promise<Change> {
    const full: Change = { ...change, id: newId(), recordedAt: new Date().toISOString(), recordedBy };
    const item: QueueItem = { change: full, files, title };
    const row = {
      id: full.id,
      seq: Date.now(),
      status: 'pending' as const,
      ...(await seal(this.#key, item)),
    };
    // Replacing a queued change (keep mine): the old one goes in the same transaction the new one is written.
    await this.#db.transaction('rw', this.#db.queue, async () => {
      if (replaces) await this.#db.queue.delete(replaces);
      await this.#db.queue.put(row);
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

/** The device holds another user's changes not sent yet: they are kept until sent or discarded by them. */
export class OfflineLocked extends Error {
  readonly owner: string;
  constructor(owner: string) {
    super('offline store holds unsent changes of another user');
    this.owner = owner;
  }
}

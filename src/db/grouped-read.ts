/**
 * Concurrent look-ups of one shape answered by one statement. On PostgreSQL every statement is a round trip
 * to a server process: the client writes the bound statement, the server parses its protocol messages,
 * executes, describes and syncs, and the client reads and decodes the answer — per look-up that cost more
 * CPU, on both sides, than the look-up itself (bench/results/ranking.md). Look-ups that arrive together
 * (requests on 50 connections reaching the same step) are gathered as the audit's group commit gathers
 * reads (AuditService.recordRead): one event-loop turn, longer while the group still grows, at most
 * `gatherMs`; then one statement for the whole group, each caller getting its own row.
 *
 * Nothing is kept: every look-up reads the database after it was asked, so an answer is never older than
 * its request. A group whose statement fails fails every look-up in it, so callers must send only keys
 * the statement accepts (a malformed id would fail its neighbours: check it before).
 */

/** Reads the rows of `keys` (distinct) of one group, by key; a key without a row is left out. */
export type GroupLoader<R> = (group: string, keys: string[]) => Promise<Map<string, R>>;

interface Waiting<R> {
  key: string;
  resolve: (row: R | undefined) => void;
  reject: (err: unknown) => void;
}

const DEFAULT_GATHER_MS = 2;
const DEFAULT_MAX_KEYS = 200;

export class GroupedRead<R> {
  readonly #load: GroupLoader<R>;
  readonly #gatherMs: number;
  readonly #maxKeys: number;
  /** Look-ups waiting for their group's statement, by group (e.g. the period a result is asked for). */
  readonly #waiting = new Map<string, Waiting<R>[]>();
  #scheduled = false;

  constructor(load: GroupLoader<R>, opts: { gatherMs?: number; maxKeys?: number } = {}) {
    this.#load = load;
    this.#gatherMs = opts.gatherMs ?? DEFAULT_GATHER_MS;
    this.#maxKeys = opts.maxKeys ?? DEFAULT_MAX_KEYS;
  }

  /** The row of `key` in `group`, read with the look-ups that arrive together; undefined when none. */
  read(group: string, key: string): Promise<R | undefined> {
    return new Promise((resolve, reject) => {
      let list = this.#waiting.get(group);
      if (!list) {
        list = [];
        this.#waiting.set(group, list);
      }
      list.push({ key, resolve, reject });
      if (list.length >= this.#maxKeys) {
        this.#waiting.delete(group);
        void this.#run(group, list);
      } else if (!this.#scheduled) {
        this.#scheduled = true;
        this.#gather(0, performance.now());
      }
    });
  }

  #pending(): number {
    let n = 0;
    for (const list of this.#waiting.values()) n += list.length;
    return n;
  }

  /** One turn, then more while the groups still grow (other requests reaching this step), up to gatherMs. */
  #gather(seen: number, started: number): void {
    setImmediate(() => {
      const n = this.#pending();
      if (n > seen && n > 1 && performance.now() - started < this.#gatherMs) {
        this.#gather(n, started);
        return;
      }
      this.#scheduled = false;
      const groups = [...this.#waiting];
      this.#waiting.clear();
      for (const [group, list] of groups) void this.#run(group, list);
    });
  }

  async #run(group: string, list: Waiting<R>[]): Promise<void> {
    try {
      const rows = await this.#load(group, [...new Set(list.map((w) => w.key))]);
      for (const w of list) w.resolve(rows.get(w.key));
    } catch (err) {
      for (const w of list) w.reject(err);
    }
  }
}

import type { KeyObject } from 'node:crypto';
import { appendFile } from 'node:fs/promises';
import type { Kysely } from 'kysely';
import type { AuditLogRow, DB } from '../../db/schema/index.ts';
import { newId, nowIso } from '../../lib/ids.ts';
import { type Actor, requirePermission } from '../access/actor.ts';
import { type Checkpoint, type CheckpointHead, signatureValid, signCheckpoint } from './audit.checkpoint.ts';
import { auditEntryHmac, GENESIS_HASH, legacyEntryHash } from './audit.hash.ts';
import type { AuditKeys } from './audit.keys.ts';
import type { AuditFilter, AuditRepository, ChainHead, SealedLink, UnsealedRow } from './audit.repository.ts';

/** One chain today; the chain key is a column so provinces can get their own chains at national scale. */
export const MAIN_CHAIN = 'main';

/** Upper bound of one group commit of reads (a burst larger than this takes several commits). */
const MAX_READS_PER_COMMIT = 256;
/** How long a group of reads may keep gathering while it still grows (see #gather). */
const DEFAULT_GATHER_MS = 2;
/** Entries linked per sealing transaction. */
const SEAL_BATCH = 2000;
/**
 * Entries whose links the sealer computes in one event-loop turn. A batch's HMACs in one go held the
 * server's thread ~5–20 ms every 250 ms under load (1,000+ entries), and every request waiting for a turn
 * then waited that long: the household ranking API's tail (bench/results/ranking.md).
 */
const LINKS_PER_TURN = 200;
/** Entries read per page when verifying or re-keying. */
const PAGE = 5000;

interface PendingRead {
  actor: Actor;
  event: AuditEvent;
  details: string;
  resolve: () => void;
  reject: (err: unknown) => void;
}

/** Region names by code (the regions service's batch look-up). */
export type RegionNames = (codes: string[]) => Promise<Map<string, string>>;

/** An audit entry as the log's readers see it: the row and the names of who, where and what. */
export type NamedAuditEntry = AuditLogRow & {
  actorName: string | null;
  regionName: string | null;
  entityName: string | null;
};

export interface AuditEvent {
  action: string;
  entityType?: string;
  entityId?: string | null;
  /** Region of the record concerned (dotted), used for territory-filtered browsing. */
  regionCode?: string | null;
  details?: Record<string, unknown>;
  /** Why the record was read or changed; else the actor's (the screen the request came from). */
  purpose?: string | null;
  /**
   * A list or search read: the records it returned (household and person ids), indexed in
   * `audit_subjects` so that the citizen's "who read my data" finds the read by key.
   */
  subjects?: readonly string[];
}

export type VerifyResult =
  | { ok: true; entries: number; chains: number; unsealed: number }
  | {
      ok: false;
      entries: number;
      chain: string;
      /** The chain position of the first bad (or missing) entry. */
      position: number;
      /** That entry's number in the log, when it is there. */
      seq: number | null;
      reason: string;
      unsealed: number;
    };

export type CheckpointVerdict =
  | { ok: true; checkpoints: number; heads: CheckpointHead[]; at: string }
  | { ok: false; chain: string | null; position: number | null; reason: string };

export type RekeyResult = { rekeyed: number; broken?: { chain: string; position: number; reason: string } };

export interface SealerOptions {
  /** How often pending entries are linked (default 250 ms: tamper evidence within a second). */
  intervalMs?: number;
  /** A signed checkpoint is appended to `checkpointFile` at most this often (default 60 s), when the head moved. */
  checkpointEveryMs?: number;
  checkpointFile?: string;
  onError?: (err: unknown) => void;
}

export interface Sealer {
  /** Stops the timer, then seals what is still pending. */
  stop(): Promise<void>;
}

/** Told how long each append took (metrics): inside a change's transaction, or a group commit of reads. */
export type AppendObserver = (mode: 'transaction' | 'read_group', seconds: number) => void;

export class AuditService {
  readonly #db: Kysely<DB>;
  readonly #repo: AuditRepository;
  readonly #keys: AuditKeys;
  readonly #gatherMs: number;
  readonly #observeAppend: AppendObserver;
  readonly #regionNames: RegionNames;

  constructor(
    db: Kysely<DB>,
    repo: AuditRepository,
    keys: AuditKeys,
    opts: { gatherMs?: number; observeAppend?: AppendObserver; regionNames?: RegionNames } = {},
  ) {
    this.#db = db;
    this.#repo = repo;
    this.#keys = keys;
    this.#gatherMs = opts.gatherMs ?? DEFAULT_GATHER_MS;
    this.#observeAppend = opts.observeAppend ?? (() => {});
    this.#regionNames = opts.regionNames ?? (async () => new Map());
  }

  get keys(): AuditKeys {
    return this.#keys;
  }

  /** Appends inside the caller's transaction, so the audit entry commits or rolls back with the change. */
  async record(trx: Kysely<DB>, actor: Actor, event: AuditEvent): Promise<void> {
    const t = performance.now();
    await this.#append(trx, [{ actor, event, details: JSON.stringify(event.details ?? {}) }]);
    this.#observeAppend('transaction', (performance.now() - t) / 1000);
  }

  /**
   * Records a read of personal data. Reads that arrive together are written in one transaction (group
   * commit): every caller still waits until its own entry is committed, so no read is answered unaudited,
   * but a burst of lookups pays for one commit instead of one each — on SQLite the commit, not the query,
   * is what an audited read mostly costs.
   */
  recordRead(actor: Actor, event: AuditEvent): Promise<void> {
    return new Promise((resolve, reject) => {
      // Serialized now, so an unserializable event fails alone instead of failing its whole group.
      const details = JSON.stringify(event.details ?? {});
      this.#pendingReads.push({ actor, event, details, resolve, reject });
      if (this.#pendingReads.length === 1) this.#gather(0, performance.now());
    });
  }

  readonly #pendingReads: PendingRead[] = [];

  /**
   * Waits one event-loop turn, so reads that arrive together are committed together. While the group still
   * grows from one turn to the next (under load, other requests reach their audit step while these wait),
   * it keeps gathering, for at most `gatherMs`: concurrent callers then share one commit instead of several
   * half-full ones. A lone read is flushed after a single turn, so it waits no longer than before.
   */
  #gather(seen: number, started: number): void {
    setImmediate(() => {
      const n = this.#pendingReads.length;
      if (n > seen && n > 1 && n < MAX_READS_PER_COMMIT && performance.now() - started < this.#gatherMs) {
        this.#gather(n, started);
      } else {
        void this.#flushReads();
      }
    });
  }

  async #flushReads(): Promise<void> {
    const batch = this.#pendingReads.splice(0, MAX_READS_PER_COMMIT);
    if (this.#pendingReads.length > 0) this.#gather(0, performance.now());
    try {
      const t = performance.now();
      // List reads carry the records they returned (audit_subjects): those entries and their index rows
      // commit together, in a transaction; reads of single records need only the one statement.
      const withSubjects = batch.some((r) => (r.event.subjects?.length ?? 0) > 0);
      if (this.#repo.appendsSealed || withSubjects) {
        await this.#db.transaction().execute((trx) => this.#append(trx, batch));
      } else {
        // Unsealed appends (PostgreSQL): one statement, atomic and committed on its own, one round trip.
        const at = nowIso();
        await this.#repo.appendUnsealedAlone(this.#db, MAIN_CHAIN, at, this.#rows(batch, at));
      }
      this.#observeAppend('read_group', (performance.now() - t) / 1000);
      for (const r of batch) r.resolve();
    } catch (err) {
      for (const r of batch) r.reject(err);
    }
  }

  /**
   * Appends entries. On PostgreSQL unsealed: no chain head is read or locked, so concurrent appends (reads
   * on 50 connections, writes on several servers) do not queue on one row; the sealer links them later. On
   * SQLite, whose one writer serialises every append anyway, linked on the spot (AuditRepository.append).
   */
  async #append(
    trx: Kysely<DB>,
    items: { actor: Actor; event: AuditEvent; details: string }[],
  ): Promise<void> {
    const at = nowIso();
    const rows = this.#rows(items, at);
    await this.#repo.append(trx, MAIN_CHAIN, rows, (head, numbered) => this.#links(head, numbered));
    // The records a list read returned, indexed for "who read my data" in the same transaction.
    const subjects = items.flatMap(({ event }, i) =>
      [...new Set(event.subjects ?? [])].map((entityId) => ({
        entityId,
        at,
        auditId: rows[i]!.id,
        action: rows[i]!.action,
        actorId: rows[i]!.actorId,
        actorRole: rows[i]!.actorRole,
        purpose: rows[i]!.purpose,
      })),
    );
    await this.#repo.indexSubjects(trx, subjects);
  }

  #rows(items: { actor: Actor; event: AuditEvent; details: string }[], at: string): UnsealedRow[] {
    return items.map(({ actor, event, details }): UnsealedRow => {
      const regionCode = event.regionCode ?? null;
      return {
        id: newId(),
        chain: MAIN_CHAIN,
        at,
        actorId: actor.userId,
        actorUsername: actor.username,
        actorRole: actor.anonymous ? null : actor.role,
        action: event.action,
        entityType: event.entityType ?? null,
        entityId: event.entityId ?? null,
        provinceCode: regionCode ? regionCode.slice(0, 2) : null,
        regionCode,
        ip: actor.ip,
        userAgent: actor.userAgent,
        details,
        prevHash: '',
        hash: '',
        pos: null,
        keyId: null,
        purpose: event.purpose ?? actor.purpose ?? null,
      };
    });
  }

  /**
   * Links every committed, unsealed entry into its keyed chain, oldest append first, in transactions of
   * SEAL_BATCH entries. One sealer at a time: on PostgreSQL an advisory lock (when another process holds
   * it and `wait` is false, this returns at once: that one is sealing); on SQLite the write lock.
   * Returns how many entries were sealed.
   */
  async seal(opts: { wait?: boolean } = {}): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.#db.transaction().execute(async (trx) => {
        if (!(await this.#repo.lockSealer(trx, opts.wait ?? false))) return -1;
        const rows = await this.#repo.unsealed(trx, SEAL_BATCH);
        const byChain = Map.groupBy(rows, (r) => r.chain);
        for (const [chain, entries] of byChain) await this.#link(trx, chain, entries);
        return rows.length;
      });
      if (n < 0) return total;
      total += n;
      if (n < SEAL_BATCH) return total;
    }
  }

  async #link(trx: Kysely<DB>, chain: string, entries: AuditLogRow[]): Promise<void> {
    const head = await this.#repo.head(trx, chain);
    const links: SealedLink[] = [];
    // In slices, each in its own event-loop turn, so requests are served between them; each slice
    // continues the chain from the last link of the one before, so the links are those of one pass.
    for (let i = 0; i < entries.length; i += LINKS_PER_TURN) {
      if (i > 0) await new Promise((resolve) => setImmediate(resolve));
      const last = links.at(-1);
      const after = last ? { lastSeq: last.pos, lastHash: last.hash } : head;
      links.push(...this.#links(after, entries.slice(i, i + LINKS_PER_TURN)));
    }
    await this.#repo.link(trx, chain, links);
  }

  /** The keyed links of `entries`, in order, after `head`. */
  #links(head: ChainHead | undefined, entries: AuditLogRow[]): SealedLink[] {
    const { key, keyId } = this.#keys.hmacKey();
    let pos = head?.lastSeq ?? 0;
    let prevHash = head?.lastHash ?? GENESIS_HASH;
    return entries.map((e) => {
      pos++;
      const seq = Number(e.seq);
      const hash = auditEntryHmac(key, { ...e, seq, pos, prevHash });
      const link = { seq, pos, prevHash, hash, keyId };
      prevHash = hash;
      return link;
    });
  }

  /**
   * Seals every `intervalMs` in the background (the server's sealer) and appends a signed checkpoint to
   * `checkpointFile` every `checkpointEveryMs` when the chain moved. Several servers may each run one:
   * the lock lets one seal at a time, the others find nothing left.
   */
  startSealer(opts: SealerOptions = {}): Sealer {
    const intervalMs = opts.intervalMs ?? 250;
    const checkpointEveryMs = opts.checkpointEveryMs ?? 60_000;
    let stopped = false;
    let timer: NodeJS.Timeout | undefined;
    let running: Promise<void> = Promise.resolve();
    let lastCheckpointAt = 0;
    let lastHeads = '';
    const tick = async () => {
      try {
        await this.seal();
        if (opts.checkpointFile && performance.now() - lastCheckpointAt >= checkpointEveryMs) {
          const heads = JSON.stringify(await this.#heads(this.#db));
          if (heads !== lastHeads) {
            const cp = await this.checkpoint({ seal: false });
            await appendFile(opts.checkpointFile, `${JSON.stringify(cp)}\n`, { mode: 0o600 });
            lastHeads = heads;
          }
          lastCheckpointAt = performance.now();
        }
      } catch (err) {
        opts.onError?.(err);
      }
    };
    const schedule = () => {
      if (stopped) return;
      timer = setTimeout(() => {
        running = tick().then(schedule);
      }, intervalMs);
      timer.unref();
    };
    schedule();
    return {
      stop: async () => {
        stopped = true;
        clearTimeout(timer);
        await running;
        await this.seal({ wait: true });
      },
    };
  }

  async #heads(db: Kysely<DB>): Promise<CheckpointHead[]> {
    return (await this.#repo.chains(db)).map((h) => ({
      chain: h.chain,
      position: h.lastSeq,
      hash: h.lastHash,
    }));
  }

  /**
   * The signed head of every chain, after sealing what is pending (so it covers every committed entry).
   * `dtks audit checkpoint` prints it or writes it to a file, to be kept away from the database.
   */
  async checkpoint(opts: { seal?: boolean } = {}): Promise<Checkpoint> {
    if (opts.seal ?? true) await this.seal({ wait: true });
    return signCheckpoint(this.#keys.signing(), await this.#heads(this.#db), nowIso());
  }

  /**
   * Proves that the chain still contains the head each checkpoint signed: the signature holds, it was made
   * with this installation's key, the chain verifies, and its entry at the signed position has the signed
   * hash. A rewritten log (other hashes), a truncated one (the position is gone) or a replaced one (another
   * hash there) fails, naming the chain and position.
   */
  async verifyCheckpoints(checkpoints: Checkpoint[]): Promise<CheckpointVerdict> {
    const own = this.#keys.signing();
    for (const cp of checkpoints) {
      if (!signatureValid(cp)) {
        return { ok: false, chain: null, position: null, reason: 'the checkpoint signature is not valid' };
      }
      if (cp.publicKey !== own.publicKeyBase64) {
        return {
          ok: false,
          chain: null,
          position: null,
          reason: `the checkpoint was signed with another key (${cp.keyId}), not this installation's (${own.keyId})`,
        };
      }
    }
    const chain = await this.verify();
    if (!chain.ok) {
      return { ok: false, chain: chain.chain, position: chain.position, reason: chain.reason };
    }
    for (const cp of checkpoints) {
      for (const h of cp.heads) {
        if (h.position === 0) continue;
        const entry = await this.#repo.entryAt(this.#db, h.chain, h.position);
        if (!entry) {
          const head = await this.#repo.head(this.#db, h.chain);
          return {
            ok: false,
            chain: h.chain,
            position: h.position,
            reason: `entry ${h.position} signed at ${cp.at} is gone: the chain ends at ${head?.lastSeq ?? 0} (truncated or replaced)`,
          };
        }
        if (entry.hash !== h.hash) {
          return {
            ok: false,
            chain: h.chain,
            position: h.position,
            reason: `entry ${h.position} differs from the one signed at ${cp.at} (the log was rewritten or replaced)`,
          };
        }
      }
    }
    const last = checkpoints.at(-1)!;
    return { ok: true, checkpoints: checkpoints.length, heads: last.heads, at: last.at };
  }

  /**
   * Entries hold NIKs and names, so browsing the log is itself a read of personal data, audited. Each entry
   * comes with the names a reader needs instead of ids: the actor's display name, the region's name and the
   * record's (a household, proposal or visit by its head of household, a user by display name).
   */
  async list(actor: Actor, filter: Omit<AuditFilter, 'territory'>): Promise<NamedAuditEntry[]> {
    requirePermission(actor, 'audit.read');
    const rows = await this.#repo.list(this.#db, { ...filter, territory: actor.regionCode });
    const ids = (type: string) => [
      ...new Set(rows.filter((r) => r.entityType === type && r.entityId).map((r) => r.entityId!)),
    ];
    const userIds = new Set([...ids('user'), ...rows.flatMap((r) => (r.actorId ? [r.actorId] : []))]);
    const [names, regionNames] = await Promise.all([
      this.#repo.names(this.#db, {
        userIds: [...userIds],
        householdIds: ids('household'),
        usulanIds: ids('usulan'),
        visitIds: ids('visit'),
      }),
      this.#regionNames([...new Set(rows.flatMap((r) => (r.regionCode ? [r.regionCode] : [])))]),
    ]);
    await this.recordRead(actor, {
      action: 'audit.list',
      regionCode: actor.regionCode || null,
      details: { filter, seqs: rows.map((r) => Number(r.seq)) },
    });
    return rows.map((r) => ({
      ...r,
      actorName: r.actorId ? (names.get(`user:${r.actorId}`) ?? null) : null,
      regionName: r.regionCode ? (regionNames.get(r.regionCode) ?? null) : null,
      entityName: r.entityType && r.entityId ? (names.get(`${r.entityType}:${r.entityId}`) ?? null) : null,
    }));
  }

  /**
   * Seals what it can (unless another process is sealing), then walks every chain from its genesis: each
   * sealed entry must be keyed with this installation's key, hash (HMAC) to its stored hash, link to its
   * predecessor and follow it by exactly one position; the chain head must match the last entry, so a
   * removed tail is caught too. Entries still unsealed are counted, not verified.
   */
  async verify(): Promise<VerifyResult> {
    await this.seal();
    const { key, keyId } = this.#keys.hmacKey();
    let entries = 0;
    const chains = await this.#repo.chains(this.#db);
    for (const head of chains) {
      let prevHash = GENESIS_HASH;
      let prevPos = 0;
      const fail = (reason: string, position: number, seq: number | null) => ({ reason, position, seq });
      let failure: ReturnType<typeof fail> | undefined;
      walk: for (;;) {
        // Up to the head read above: what a running sealer links meanwhile is for the next verification.
        const page = await this.#repo.page(this.#db, head.chain, prevPos, PAGE, head.lastSeq);
        if (page.length === 0) break;
        for (const row of page) {
          entries++;
          const pos = Number(row.pos);
          const seq = Number(row.seq);
          // Name the entry that is gone, not the one after the gap.
          if (pos !== prevPos + 1) {
            failure = fail(`entry ${prevPos + 1} is missing`, prevPos + 1, null);
            break walk;
          }
          if (row.prevHash !== prevHash) {
            failure = fail('link to the previous entry is broken', pos, seq);
            break walk;
          }
          if (row.keyId !== keyId) {
            failure = fail(
              row.keyId === null
                ? 'entry is not keyed (plain SHA-256): the log was rewritten without the audit key'
                : `entry is keyed with another key (${row.keyId}, this installation's is ${keyId})`,
              pos,
              seq,
            );
            break walk;
          }
          if (auditEntryHmac(key, { ...row, seq, pos }) !== row.hash) {
            failure = fail('entry content was altered (its keyed hash does not match)', pos, seq);
            break walk;
          }
          prevHash = row.hash;
          prevPos = pos;
        }
      }
      if (!failure && (prevPos !== head.lastSeq || prevHash !== head.lastHash)) {
        failure = fail(
          `chain head says ${head.lastSeq} entries, found ${prevPos}: entries were removed`,
          prevPos + 1,
          null,
        );
      }
      if (failure) {
        return {
          ok: false,
          entries,
          chain: head.chain,
          ...failure,
          unsealed: await this.#repo.unsealedCount(this.#db),
        };
      }
    }
    return { ok: true, entries, chains: chains.length, unsealed: await this.#repo.unsealedCount(this.#db) };
  }

  /**
   * Chains written before migration 016 are plain SHA-256. At the first start with the key (server or CLI,
   * `openContainer`), each such chain is checked as it was and, when intact, re-keyed in one transaction
   * under the sealer's lock: from then on `verify` accepts keyed entries only. A legacy chain that is
   * already broken is left as it is (nothing is re-keyed), and `verify` names its first unkeyed entry.
   * Costs two small reads when there is nothing to re-key.
   */
  async rekeyLegacy(): Promise<RekeyResult> {
    const chains = await this.#repo.chains(this.#db);
    const legacy: string[] = [];
    for (const h of chains) {
      if (h.lastSeq === 0) continue;
      const last = await this.#repo.entryAt(this.#db, h.chain, h.lastSeq);
      if (last && last.keyId === null) legacy.push(h.chain);
    }
    if (legacy.length === 0) return { rekeyed: 0 };
    const { key, keyId } = this.#keys.hmacKey();
    try {
      return await this.#rekey(legacy, key, keyId);
    } catch (err) {
      if (err instanceof RekeyAborted) return err.result;
      throw err;
    }
  }

  #rekey(legacy: string[], key: KeyObject, keyId: string): Promise<RekeyResult> {
    return this.#db.transaction().execute(async (trx) => {
      await this.#repo.lockSealer(trx, true);
      let rekeyed = 0;
      for (const chain of legacy) {
        let oldPrev = GENESIS_HASH;
        let newPrev = GENESIS_HASH;
        let prevPos = 0;
        for (;;) {
          const page = await this.#repo.page(trx, chain, prevPos, PAGE);
          if (page.length === 0) break;
          const links: SealedLink[] = [];
          for (const row of page) {
            const pos = Number(row.pos);
            const seq = Number(row.seq);
            const broken = (reason: string): RekeyResult => ({
              rekeyed: 0,
              broken: { chain, position: pos, reason },
            });
            if (pos !== prevPos + 1) return rollback(broken(`entry ${prevPos + 1} is missing`));
            if (row.keyId !== null || row.prevHash !== oldPrev) return rollback(broken('link is broken'));
            if (legacyEntryHash({ ...row, seq }) !== row.hash)
              return rollback(broken('entry content was altered'));
            const hash = auditEntryHmac(key, { ...row, seq, pos, prevHash: newPrev });
            links.push({ seq, pos, prevHash: newPrev, hash, keyId });
            oldPrev = row.hash;
            newPrev = hash;
            prevPos = pos;
          }
          await this.#repo.link(trx, chain, links);
          rekeyed += links.length;
        }
      }
      return { rekeyed };
    });
  }
}

/** Ends the transaction without applying it, answering `result`. */
function rollback(result: RekeyResult): never {
  throw new RekeyAborted(result);
}

class RekeyAborted extends Error {
  readonly result: RekeyResult;
  constructor(result: RekeyResult) {
    super('re-keying aborted');
    this.result = result;
  }
}

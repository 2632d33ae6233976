import type { Kysely } from 'kysely';
import type { AuditLogRow, DB } from '../../db/schema/index.ts';
import { newId, nowIso } from '../../lib/ids.ts';
import { type Actor, requirePermission } from '../access/actor.ts';
import { auditEntryHash, GENESIS_HASH } from './audit.hash.ts';
import type { AuditFilter, AuditRepository } from './audit.repository.ts';

/** One chain today; the chain key is a column so provinces can get their own chains at national scale. */
export const MAIN_CHAIN = 'main';

/** Upper bound of one group commit of reads (a burst larger than this takes several commits). */
const MAX_READS_PER_COMMIT = 256;
/** How long a group of reads may keep gathering while it still grows (see #gather). */
const DEFAULT_GATHER_MS = 2;

interface PendingRead {
  actor: Actor;
  event: AuditEvent;
  details: string;
  resolve: () => void;
  reject: (err: unknown) => void;
}

export interface AuditEvent {
  action: string;
  entityType?: string;
  entityId?: string | null;
  /** Region of the record concerned (dotted), used for territory-filtered browsing. */
  regionCode?: string | null;
  details?: Record<string, unknown>;
}

export type VerifyResult =
  | { ok: true; entries: number; chains: number }
  | { ok: false; entries: number; chain: string; seq: number; reason: string };

/** Told how long each append took (metrics): inside a change's transaction, or a group commit of reads. */
export type AppendObserver = (mode: 'transaction' | 'read_group', seconds: number) => void;

export class AuditService {
  readonly #db: Kysely<DB>;
  readonly #repo: AuditRepository;
  readonly #gatherMs: number;
  readonly #observeAppend: AppendObserver;

  constructor(
    db: Kysely<DB>,
    repo: AuditRepository,
    opts: { gatherMs?: number; observeAppend?: AppendObserver } = {},
  ) {
    this.#db = db;
    this.#repo = repo;
    this.#gatherMs = opts.gatherMs ?? DEFAULT_GATHER_MS;
    this.#observeAppend = opts.observeAppend ?? (() => {});
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
      await this.#db.transaction().execute((trx) => this.#append(trx, batch));
      this.#observeAppend('read_group', (performance.now() - t) / 1000);
      for (const r of batch) r.resolve();
    } catch (err) {
      for (const r of batch) r.reject(err);
    }
  }

  /** Appends entries in order to the chain: one head update and one insert, however many entries. */
  async #append(
    trx: Kysely<DB>,
    items: { actor: Actor; event: AuditEvent; details: string }[],
  ): Promise<void> {
    let head = await this.#repo.advanceChain(trx, MAIN_CHAIN, items.length);
    if (!head) {
      await this.#repo.createChain(trx, MAIN_CHAIN, GENESIS_HASH);
      head = await this.#repo.advanceChain(trx, MAIN_CHAIN, items.length);
    }
    const firstSeq = head!.seq - items.length + 1;
    let prevHash = head!.prevHash;
    const at = nowIso();
    const rows = items.map(({ actor, event, details }, i) => {
      const regionCode = event.regionCode ?? null;
      const entry: Omit<AuditLogRow, 'hash'> = {
        seq: firstSeq + i,
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
        prevHash,
      };
      const row = { ...entry, hash: auditEntryHash(entry) };
      prevHash = row.hash;
      return row;
    });
    await this.#repo.insertMany(trx, rows);
  }

  /** Entries hold NIKs and names, so browsing the log is itself a read of personal data, audited. */
  async list(actor: Actor, filter: Omit<AuditFilter, 'territory'>): Promise<AuditLogRow[]> {
    requirePermission(actor, 'audit.read');
    const rows = await this.#repo.list(this.#db, { ...filter, territory: actor.regionCode });
    await this.recordRead(actor, {
      action: 'audit.list',
      regionCode: actor.regionCode || null,
      details: { filter, seqs: rows.map((r) => Number(r.seq)) },
    });
    return rows;
  }

  /**
   * Walks every chain from its genesis: each entry must hash to its stored hash, link to its predecessor,
   * and follow it by exactly one sequence number; the chain head must match the last entry, so a removed
   * tail is caught too.
   */
  async verify(): Promise<VerifyResult> {
    let entries = 0;
    const chains = await this.#repo.chains(this.#db);
    for (const head of chains) {
      let prevHash = GENESIS_HASH;
      let prevSeq = 0;
      for (;;) {
        const page = await this.#repo.page(this.#db, head.chain, prevSeq, 5000);
        if (page.length === 0) break;
        for (const row of page) {
          entries++;
          const fail = (reason: string, seq = row.seq): VerifyResult => ({
            ok: false,
            entries,
            chain: head.chain,
            seq,
            reason,
          });
          // Name the entry that is gone, not the one after the gap.
          if (Number(row.seq) !== prevSeq + 1) return fail(`entry ${prevSeq + 1} is missing`, prevSeq + 1);
          if (row.prevHash !== prevHash) return fail('link to the previous entry is broken');
          const { hash, ...rest } = row;
          if (auditEntryHash({ ...rest, seq: Number(row.seq) }) !== hash)
            return fail('entry content was altered');
          prevHash = hash;
          prevSeq = Number(row.seq);
        }
      }
      if (prevSeq !== head.lastSeq || prevHash !== head.lastHash) {
        return {
          ok: false,
          entries,
          chain: head.chain,
          seq: prevSeq + 1,
          reason: `chain head says ${head.lastSeq} entries, found ${prevSeq}: entries were removed`,
        };
      }
    }
    return { ok: true, entries, chains: chains.length };
  }
}

import type { Kysely } from 'kysely';
import type { AuditLogRow, DB } from '../../db/schema/index.ts';
import { newId, nowIso } from '../../lib/ids.ts';
import { type Actor, requirePermission } from '../access/actor.ts';
import { auditEntryHash, GENESIS_HASH } from './audit.hash.ts';
import type { AuditFilter, AuditRepository } from './audit.repository.ts';

/** One chain today; the chain key is a column so provinces can get their own chains at national scale. */
export const MAIN_CHAIN = 'main';

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

export class AuditService {
  readonly #db: Kysely<DB>;
  readonly #repo: AuditRepository;

  constructor(db: Kysely<DB>, repo: AuditRepository) {
    this.#db = db;
    this.#repo = repo;
  }

  /** Appends inside the caller's transaction, so the audit entry commits or rolls back with the change. */
  async record(trx: Kysely<DB>, actor: Actor, event: AuditEvent): Promise<void> {
    let head = await this.#repo.advanceChain(trx, MAIN_CHAIN);
    if (!head) {
      await this.#repo.createChain(trx, MAIN_CHAIN, GENESIS_HASH);
      head = await this.#repo.advanceChain(trx, MAIN_CHAIN);
    }
    const regionCode = event.regionCode ?? null;
    const entry: Omit<AuditLogRow, 'hash'> = {
      seq: head!.seq,
      id: newId(),
      chain: MAIN_CHAIN,
      at: nowIso(),
      actorId: actor.userId,
      actorUsername: actor.username,
      actorRole: actor.role,
      action: event.action,
      entityType: event.entityType ?? null,
      entityId: event.entityId ?? null,
      provinceCode: regionCode ? regionCode.slice(0, 2) : null,
      regionCode,
      ip: actor.ip,
      userAgent: actor.userAgent,
      details: JSON.stringify(event.details ?? {}),
      prevHash: head!.prevHash,
    };
    await this.#repo.insert(trx, { ...entry, hash: auditEntryHash(entry) });
  }

  /** Records a read of personal data in its own small transaction. */
  async recordRead(actor: Actor, event: AuditEvent): Promise<void> {
    await this.#db.transaction().execute((trx) => this.record(trx, actor, event));
  }

  async list(actor: Actor, filter: Omit<AuditFilter, 'territory'>): Promise<AuditLogRow[]> {
    requirePermission(actor, 'audit.read');
    return this.#repo.list(this.#db, { ...filter, territory: actor.regionCode });
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

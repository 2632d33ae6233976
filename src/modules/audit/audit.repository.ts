import type { Kysely } from 'kysely';
import { insertRows } from '../../db/bulk-insert.ts';
import { preparedQuery } from '../../db/prepared.ts';
import type { AuditLogRow, DB } from '../../db/schema/index.ts';
import type { RegionColumn } from '../access/actor.ts';

export interface AuditFilter {
  actorId?: string;
  actorUsername?: string;
  entityId?: string;
  action?: string;
  from?: string;
  to?: string;
  /** Restrict to entries whose region lies in this territory ('' = all). */
  territory?: string;
  beforeSeq?: number;
  limit: number;
}

// Every audited request runs these two (once per group commit of reads, once per write).
const advanceChainQuery = preparedQuery((db, chain: string, count: number) =>
  db
    .updateTable('auditChain')
    .set((eb) => ({ lastSeq: eb('lastSeq', '+', count) }))
    .where('chain', '=', chain)
    .returning(['lastSeq', 'lastHash']),
);
const setChainHashQuery = preparedQuery((db, hash: string, chain: string) =>
  db.updateTable('auditChain').set({ lastHash: hash }).where('chain', '=', chain),
);

export class AuditRepository {
  /**
   * Advances the chain head by `count` entries (locking it); returns the new last sequence number and the
   * hash of the entry before the first new one.
   */
  async advanceChain(
    db: Kysely<DB>,
    chain: string,
    count = 1,
  ): Promise<{ seq: number; prevHash: string } | undefined> {
    const [row] = await advanceChainQuery(db, chain, count);
    return row ? { seq: Number(row.lastSeq), prevHash: row.lastHash } : undefined;
  }

  async createChain(db: Kysely<DB>, chain: string, genesis: string): Promise<void> {
    await db
      .insertInto('auditChain')
      .values({ chain, lastSeq: 0, lastHash: genesis })
      .onConflict((oc) => oc.column('chain').doNothing())
      .execute();
  }

  /** Consecutive entries of one chain, oldest first; the chain head takes the last one's hash. */
  async insertMany(db: Kysely<DB>, rows: AuditLogRow[]): Promise<void> {
    if (rows.length === 0) return;
    await insertRows(db, 'auditLog', rows);
    const last = rows[rows.length - 1]!;
    await setChainHashQuery(db, last.hash, last.chain);
  }

  async list(db: Kysely<DB>, f: AuditFilter): Promise<AuditLogRow[]> {
    return db
      .selectFrom('auditLog')
      .selectAll()
      .$if(f.actorId !== undefined, (q) => q.where('actorId', '=', f.actorId!))
      .$if(f.actorUsername !== undefined, (q) => q.where('actorUsername', '=', f.actorUsername!))
      .$if(f.entityId !== undefined, (q) => q.where('entityId', '=', f.entityId!))
      .$if(f.action !== undefined, (q) => q.where('action', '=', f.action!))
      .$if(f.from !== undefined, (q) => q.where('at', '>=', f.from!))
      .$if(f.to !== undefined, (q) => q.where('at', '<', f.to!))
      .$if(!!f.territory, (q) =>
        q.where((eb) =>
          eb.or([eb('regionCode', '=', f.territory!), eb('regionCode', 'like', `${f.territory!}.%`)]),
        ),
      )
      .$if(f.beforeSeq !== undefined, (q) => q.where('seq', '<', f.beforeSeq!))
      .orderBy('seq', 'desc')
      .limit(f.limit)
      .execute();
  }

  /** Entries in chain order, a page at a time (verification never holds the whole log in memory). */
  async page(db: Kysely<DB>, chain: string, afterSeq: number, limit: number): Promise<AuditLogRow[]> {
    return db
      .selectFrom('auditLog')
      .selectAll()
      .where('chain', '=', chain)
      .where('seq', '>', afterSeq)
      .orderBy('seq')
      .limit(limit)
      .execute();
  }

  async chains(db: Kysely<DB>): Promise<{ chain: string; lastSeq: number; lastHash: string }[]> {
    return (await db.selectFrom('auditChain').selectAll().orderBy('chain').execute()).map((r) => ({
      ...r,
      lastSeq: Number(r.lastSeq),
    }));
  }
}

export type { RegionColumn };

import { type Kysely, sql } from 'kysely';
import { insertRows } from '../../db/bulk-insert.ts';
import type { DbEngine } from '../../db/dialect.ts';
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

/** Taken (transaction-scoped) by whoever seals, so one of several servers seals at a time (PostgreSQL). */
const SEALER_LOCK = 0x6474_6b73_6175; // "dtksau"

const maxSeqQuery = preparedQuery((db, chain: string) =>
  db
    .selectFrom('auditLog')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('chain', '=', chain),
);

/** An entry's link in its chain, set when sealed. */
export interface SealedLink {
  seq: number;
  pos: number;
  prevHash: string;
  hash: string;
  keyId: string;
}

export type UnsealedRow = Omit<AuditLogRow, 'seq'>;

export class AuditRepository {
  readonly #engine: DbEngine;

  constructor(engine: DbEngine) {
    this.#engine = engine;
  }

  /**
   * Appends unsealed entries of one chain in the given order, without touching the chain head: PostgreSQL
   * draws their `seq` from a sequence (the column's default), SQLite, whose one writer holds the database
   * lock, takes the next numbers after the largest.
   */
  async append(db: Kysely<DB>, chain: string, rows: UnsealedRow[]): Promise<void> {
    if (rows.length === 0) return;
    if (this.#engine.sequences) {
      await insertRows(db, 'auditLog', rows);
      return;
    }
    const [last] = await maxSeqQuery(db, chain);
    const first = Number(last?.seq ?? 0) + 1;
    await insertRows(
      db,
      'auditLog',
      rows.map((r, i) => ({ seq: first + i, ...r })),
    );
  }

  /**
   * Takes the sealer's lock for the rest of the transaction; false when another holds it and `wait` is
   * false. On SQLite the transaction's write lock already excludes every other writer.
   */
  async lockSealer(trx: Kysely<DB>, wait: boolean): Promise<boolean> {
    if (!this.#engine.advisoryLocks) return true;
    if (wait) {
      await sql`select pg_advisory_xact_lock(${SEALER_LOCK})`.execute(trx);
      return true;
    }
    const { rows } = await sql<{
      locked: boolean;
    }>`select pg_try_advisory_xact_lock(${SEALER_LOCK}) as locked`.execute(trx);
    return rows[0]!.locked;
  }

  /** The oldest unsealed entries, by chain and append order. */
  async unsealed(db: Kysely<DB>, limit: number): Promise<AuditLogRow[]> {
    return db
      .selectFrom('auditLog')
      .selectAll()
      .where('pos', 'is', null)
      .orderBy('chain')
      .orderBy('seq')
      .limit(limit)
      .execute();
  }

  async unsealedCount(db: Kysely<DB>): Promise<number> {
    const row = await db
      .selectFrom('auditLog')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('pos', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async head(db: Kysely<DB>, chain: string): Promise<{ lastSeq: number; lastHash: string } | undefined> {
    const row = await db
      .selectFrom('auditChain')
      .select(['lastSeq', 'lastHash'])
      .where('chain', '=', chain)
      .executeTakeFirst();
    return row && { lastSeq: Number(row.lastSeq), lastHash: row.lastHash };
  }

  /** Writes the links of sealed entries (one statement per 500) and moves the chain head to the last. */
  async link(db: Kysely<DB>, chain: string, links: SealedLink[]): Promise<void> {
    if (links.length === 0) return;
    for (let i = 0; i < links.length; i += 500) {
      const values = sql.join(
        links
          .slice(i, i + 500)
          .map(
            (l) =>
              sql`(cast(${l.seq} as bigint), cast(${l.pos} as bigint), ${l.prevHash}, ${l.hash}, ${l.keyId})`,
          ),
      );
      await sql`with v(seq, pos, prev_hash, hash, key_id) as (values ${values})
        update audit_log set pos = v.pos, prev_hash = v.prev_hash, hash = v.hash, key_id = v.key_id
        from v where audit_log.chain = ${chain} and audit_log.seq = v.seq`.execute(db);
    }
    const last = links.at(-1)!;
    await db
      .insertInto('auditChain')
      .values({ chain, lastSeq: last.pos, lastHash: last.hash })
      .onConflict((oc) => oc.column('chain').doUpdateSet({ lastSeq: last.pos, lastHash: last.hash }))
      .execute();
  }

  async entryAt(db: Kysely<DB>, chain: string, pos: number): Promise<AuditLogRow | undefined> {
    return db
      .selectFrom('auditLog')
      .selectAll()
      .where('chain', '=', chain)
      .where('pos', '=', pos)
      .executeTakeFirst();
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

  /** Sealed entries in chain order, a page at a time (verification never holds the whole log in memory). */
  async page(db: Kysely<DB>, chain: string, afterPos: number, limit: number): Promise<AuditLogRow[]> {
    return db
      .selectFrom('auditLog')
      .selectAll()
      .where('chain', '=', chain)
      .where('pos', '>', afterPos)
      .orderBy('pos')
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

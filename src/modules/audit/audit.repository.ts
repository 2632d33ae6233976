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

const headQuery = preparedQuery((db, chain: string) =>
  db.selectFrom('auditChain').select(['lastSeq', 'lastHash']).where('chain', '=', chain),
);
const moveHeadQuery = preparedQuery((db, chain: string, pos: number, hash: string) =>
  db
    .insertInto('auditChain')
    .values({ chain, lastSeq: pos, lastHash: hash })
    .onConflict((oc) => oc.column('chain').doUpdateSet({ lastSeq: pos, lastHash: hash })),
);

export interface ChainHead {
  lastSeq: number;
  lastHash: string;
}

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
   * Appends entries of one chain in the given order. With concurrent writers (PostgreSQL) they go in
   * unsealed, without touching the chain head: `seq` comes from a sequence (the column's default), and the
   * sealer links them later. With a single writer (SQLite), which holds the database's one write lock for
   * the whole transaction anyway, they take the next numbers after the largest and `link` chains them on
   * the spot (sealed as they are written), moving the head in the same transaction.
   */
  async append(
    db: Kysely<DB>,
    chain: string,
    rows: UnsealedRow[],
    link: (head: ChainHead | undefined, rows: AuditLogRow[]) => SealedLink[],
  ): Promise<void> {
    if (rows.length === 0) return;
    if (this.#engine.sequences) {
      await insertRows(db, 'auditLog', rows);
      return;
    }
    const [last] = await maxSeqQuery(db, chain);
    const first = Number(last?.seq ?? 0) + 1;
    const numbered = rows.map((r, i) => ({ seq: first + i, ...r }));
    const links = link(await this.head(db, chain), numbered);
    await insertRows(
      db,
      'auditLog',
      numbered.map((r, i) => ({ ...r, ...links[i]! })),
    );
    await this.#moveHead(db, chain, links.at(-1)!);
  }

  /** Whether `append` links entries itself (one writer at a time), leaving the sealer nothing to do. */
  get appendsSealed(): boolean {
    return !this.#engine.sequences;
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

  async head(db: Kysely<DB>, chain: string): Promise<ChainHead | undefined> {
    const [row] = await headQuery(db, chain);
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
    await this.#moveHead(db, chain, links.at(-1)!);
  }

  async #moveHead(db: Kysely<DB>, chain: string, last: SealedLink): Promise<void> {
    await moveHeadQuery(db, chain, last.pos, last.hash);
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

  /**
   * Sealed entries in chain order, a page at a time (verification never holds the whole log in memory), up to
   * `upToPos` when given.
   */
  async page(
    db: Kysely<DB>,
    chain: string,
    afterPos: number,
    limit: number,
    upToPos?: number,
  ): Promise<AuditLogRow[]> {
    return db
      .selectFrom('auditLog')
      .selectAll()
      .where('chain', '=', chain)
      .where('pos', '>', afterPos)
      .$if(upToPos !== undefined, (q) => q.where('pos', '<=', upToPos!))
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

import { CompiledQuery, type Insertable, type Kysely, sql } from 'kysely';
import { insertRows } from '../../db/bulk-insert.ts';
import type { DbEngine } from '../../db/dialect.ts';
import { preparedQuery } from '../../db/prepared.ts';
import type { AuditLogRow, AuditSubjectTable, DB } from '../../db/schema/index.ts';
import type { RegionColumn } from '../access/actor.ts';

export interface AuditFilter {
  actorId?: string;
  actorUsername?: string;
  entityId?: string;
  action?: string;
  /** Entries whose action starts with `group.` (household, usulan, auth, …). */
  actionGroup?: string;
  /** Entries of this region or below it (within the territory, which still applies). */
  regionCode?: string;
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

/** The columns `appendUnsealedAlone` takes per entry, with their PostgreSQL array types. */
const UNNESTED: [keyof UnsealedRow & string, string, string][] = [
  ['id', 'id', 'uuid'],
  ['actorId', 'actor_id', 'uuid'],
  ['actorUsername', 'actor_username', 'text'],
  ['actorRole', 'actor_role', 'text'],
  ['action', 'action', 'text'],
  ['entityType', 'entity_type', 'text'],
  ['entityId', 'entity_id', 'text'],
  ['provinceCode', 'province_code', 'text'],
  ['regionCode', 'region_code', 'text'],
  ['ip', 'ip', 'text'],
  ['userAgent', 'user_agent', 'text'],
  ['details', 'details', 'text'],
  ['purpose', 'purpose', 'text'],
];
const UNNEST_INSERT = `insert into audit_log (chain, at, prev_hash, hash, ${UNNESTED.map(([, c]) => c).join(', ')})
  select $1, cast($2 as timestamptz), '', '', u.* from unnest(${UNNESTED.map(([, , type], i) => `cast($${i + 3} as ${type}[])`).join(', ')}) as u`;

/**
 * The links of sealed entries as column arrays, matched to their entries by the chain's key (see `link`).
 * The batch's first and last `seq` bound the key range: the planner cannot count an array's elements, and
 * on stale statistics it hashed every entry of the chain to find the 2,000 of a batch (1.5 s at 230,000).
 */
const LINK_UNNESTED = `update audit_log set pos = v.pos, prev_hash = v.prev_hash, hash = v.hash, key_id = v.key_id
  from unnest(cast($2 as bigint[]), cast($3 as bigint[]), cast($4 as text[]), cast($5 as text[]), cast($6 as text[]))
    as v(seq, pos, prev_hash, hash, key_id)
  where audit_log.chain = $1 and audit_log.seq = v.seq and audit_log.seq between $7 and $8`;

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

  /**
   * Appends unsealed entries of one chain, all at the same time `at`, in one statement on its own (not in a
   * transaction): a single INSERT is atomic and, under PostgreSQL's default `synchronous_commit`, durable
   * when it returns — what a group of audited reads needs, in one round trip instead of begin, one insert
   * per batch size (bulk-insert.ts) and commit. Only where appends are unsealed (`!appendsSealed`): the
   * column arrays are unnested in order, so `seq` (the sequence) numbers them in the order given.
   */
  async appendUnsealedAlone(db: Kysely<DB>, chain: string, at: string, rows: UnsealedRow[]): Promise<void> {
    if (this.appendsSealed)
      throw new Error('appendUnsealedAlone: this engine links entries as they are appended');
    if (rows.length === 0) return;
    const columns = UNNESTED.map(([key]) => rows.map((r) => r[key]));
    await db.executeQuery(CompiledQuery.raw(UNNEST_INSERT, [chain, at, ...columns]));
  }

  /** Rows of `audit_subjects` for the list reads just appended (in the append's transaction). */
  async indexSubjects(db: Kysely<DB>, rows: Insertable<AuditSubjectTable>[]): Promise<void> {
    // Statements compiled once per row count (bulk-insert.ts): a list read is a hot path.
    await insertRows(db, 'auditSubjects', rows);
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

  /**
   * Writes the links of sealed entries and moves the chain head to the last. Where appends are unsealed
   * (PostgreSQL) the sealer links every read the server appended, so all of a sealing batch goes in one
   * statement of five column arrays, the same text every time (parsed and planned as such, nothing built
   * per row); elsewhere (re-keying a SQLite chain) one statement of VALUES per 500.
   */
  async link(db: Kysely<DB>, chain: string, links: SealedLink[]): Promise<void> {
    if (links.length === 0) return;
    if (!this.appendsSealed) {
      const seqs = links.map((l) => l.seq);
      await db.executeQuery(
        CompiledQuery.raw(LINK_UNNESTED, [
          chain,
          seqs,
          links.map((l) => l.pos),
          links.map((l) => l.prevHash),
          links.map((l) => l.hash),
          links.map((l) => l.keyId),
          Math.min(...seqs),
          Math.max(...seqs),
        ]),
      );
      await this.#moveHead(db, chain, links.at(-1)!);
      return;
    }
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
      .$if(f.actionGroup !== undefined, (q) => q.where('action', 'like', `${f.actionGroup!}.%`))
      .$if(!!f.regionCode, (q) =>
        q.where((eb) =>
          eb.or([eb('regionCode', '=', f.regionCode!), eb('regionCode', 'like', `${f.regionCode!}.%`)]),
        ),
      )
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
   * What the audit page names instead of ids: users by display name, and households, proposals and visits by
   * the head of household. Keyed `type:id` (users also `actor:id`); ids not found are left out.
   */
  async names(
    db: Kysely<DB>,
    refs: { userIds: string[]; householdIds: string[]; usulanIds: string[]; visitIds: string[] },
  ): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    const some = <T>(ids: string[], run: () => Promise<T[]>) => (ids.length ? run() : Promise.resolve([]));
    const [users, households, usulan, visits] = await Promise.all([
      some(refs.userIds, () =>
        db
          .selectFrom('users')
          .select(['id', 'displayName', 'username'])
          .where('id', 'in', refs.userIds)
          .execute(),
      ),
      some(refs.householdIds, () =>
        db.selectFrom('households').select(['id', 'headName']).where('id', 'in', refs.householdIds).execute(),
      ),
      some(refs.usulanIds, () =>
        db.selectFrom('usulan').select(['id', 'headName']).where('id', 'in', refs.usulanIds).execute(),
      ),
      some(refs.visitIds, () =>
        db
          .selectFrom('visits as v')
          .leftJoin('usulan as u', 'u.id', 'v.usulanId')
          .leftJoin('households as h', 'h.id', 'v.householdId')
          .select(['v.id as id', 'u.headName as usulanHead', 'h.headName as householdHead'])
          .where('v.id', 'in', refs.visitIds)
          .execute(),
      ),
    ]);
    for (const u of users) out.set(`user:${u.id}`, u.displayName || u.username);
    for (const h of households) out.set(`household:${h.id}`, h.headName);
    for (const u of usulan) out.set(`usulan:${u.id}`, u.headName);
    for (const v of visits) {
      const head = v.householdHead ?? v.usulanHead;
      if (head) out.set(`visit:${v.id}`, head);
    }
    return out;
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

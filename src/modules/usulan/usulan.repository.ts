import type { Kysely } from 'kysely';
import type { DbEngine } from '../../db/dialect.ts';
import type { DB, UsulanRow } from '../../db/schema/index.ts';
import type { RegionColumn } from '../access/actor.ts';

/** States in which a proposal still holds its NIKs and its household (a second proposal is refused). */
export const OPEN_STATES = ['draft', 'submitted', 'musdes_accepted', 'verified', 'returned'] as const;

/** What a proposal list and its count are filtered by. */
export interface UsulanCountFilter {
  scope: { column: RegionColumn; value: string } | null;
  period?: string;
  state?: string;
  kind?: string;
  /** operator, musdes or mandiri (a citizen's). */
  source?: string;
}

export interface UsulanFilter extends UsulanCountFilter {
  /** Created order (by id) when left out; `name`: by the head of household's name, then id. */
  sort?: 'created' | 'name';
  afterId?: string;
  /** With `sort: 'name'`: the last row's name (the keyset's first part, with `afterId`). */
  afterName?: string;
  limit: number;
}

export class UsulanRepository {
  /** PostgreSQL can lock a row (`for update`); SQLite's `BEGIN IMMEDIATE` already holds the whole database. */
  readonly #rowLocks: boolean;

  constructor(engine?: Pick<DbEngine, 'name'>) {
    this.#rowLocks = engine?.name === 'postgres';
  }

  /**
   * Locks the citizen account's row for the transaction, so two proposals of one citizen sent at once are
   * counted against the limits one after the other (the second sees the first).
   */
  async lockCitizenAccount(db: Kysely<DB>, accountId: string): Promise<void> {
    if (!this.#rowLocks) return;
    await db.selectFrom('citizenAccounts').select('id').where('id', '=', accountId).forUpdate().execute();
  }

  async insert(db: Kysely<DB>, row: UsulanRow, niks: string[]): Promise<void> {
    await db.insertInto('usulan').values(row).execute();
    await this.#insertNiks(db, row, niks);
  }

  /** The NIKs a proposal holds, after its payload changed (verivali). */
  async replaceNiks(db: Kysely<DB>, row: UsulanRow, niks: string[]): Promise<void> {
    await db.deleteFrom('usulanNiks').where('usulanId', '=', row.id).execute();
    await this.#insertNiks(db, row, niks);
  }

  async #insertNiks(db: Kysely<DB>, row: UsulanRow, niks: string[]): Promise<void> {
    if (!niks.length) return;
    await db
      .insertInto('usulanNiks')
      .values(
        niks.map((nik) => ({ nik, usulanId: row.id, period: row.period, provinceCode: row.provinceCode })),
      )
      .execute();
  }

  findById(db: Kysely<DB>, id: string): Promise<UsulanRow | undefined> {
    return db.selectFrom('usulan').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Optimistic update; false when the stored version is not `version`. */
  async update(db: Kysely<DB>, id: string, version: number, patch: Partial<UsulanRow>): Promise<boolean> {
    const r = await db
      .updateTable('usulan')
      .set({ ...patch, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  #filtered(db: Kysely<DB>, f: UsulanCountFilter) {
    return db
      .selectFrom('usulan')
      .$if(f.scope !== null, (q) => q.where(f.scope!.column, '=', f.scope!.value))
      .$if(f.period !== undefined, (q) => q.where('period', '=', f.period!))
      .$if(f.state !== undefined, (q) => q.where('state', '=', f.state!))
      .$if(f.kind !== undefined, (q) => q.where('kind', '=', f.kind as UsulanRow['kind']))
      .$if(f.source !== undefined, (q) => q.where('source', '=', f.source!));
  }

  list(db: Kysely<DB>, f: UsulanFilter): Promise<UsulanRow[]> {
    const byName = f.sort === 'name';
    return this.#filtered(db, f)
      .selectAll()
      .$if(f.afterId !== undefined && !byName, (q) => q.where('id', '>', f.afterId!))
      .$if(f.afterId !== undefined && byName, (q) =>
        q.where((eb) =>
          eb.or([
            eb('headName', '>', f.afterName ?? ''),
            eb.and([eb('headName', '=', f.afterName ?? ''), eb('id', '>', f.afterId!)]),
          ]),
        ),
      )
      .$if(byName, (q) => q.orderBy('headName'))
      .orderBy('id')
      .limit(f.limit)
      .execute();
  }

  /** How many proposals the list's filters match (all pages). */
  async count(db: Kysely<DB>, f: UsulanCountFilter): Promise<number> {
    const row = await this.#filtered(db, f)
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  /** A citizen's proposals (usulan mandiri), newest first. */
  ofCitizen(db: Kysely<DB>, accountId: string): Promise<UsulanRow[]> {
    return db
      .selectFrom('usulan')
      .selectAll()
      .where('citizenAccountId', '=', accountId)
      .orderBy('createdAt', 'desc')
      .orderBy('id', 'desc')
      .limit(100)
      .execute();
  }

  /** A citizen's proposals still on their way, and those made since `since` (the limits). */
  async citizenCounts(db: Kysely<DB>, accountId: string, since: string) {
    const row = await db
      .selectFrom('usulan')
      .select((eb) => [
        eb.fn
          .count<number | string>(
            eb
              .case()
              .when('state', 'in', [...OPEN_STATES])
              .then(1)
              .end(),
          )
          .as('open'),
        eb.fn.count<number | string>(eb.case().when('createdAt', '>=', since).then(1).end()).as('recent'),
      ])
      .where('citizenAccountId', '=', accountId)
      .executeTakeFirst();
    return { open: Number(row?.open ?? 0), recent: Number(row?.recent ?? 0) };
  }

  /** The proposal's steps from the audit log (when and what; the citizen's timeline). */
  steps(db: Kysely<DB>, id: string): Promise<{ action: string; at: string }[]> {
    return db
      .selectFrom('auditLog')
      .select(['action', 'at'])
      .where('entityType', '=', 'usulan')
      .where('entityId', '=', id)
      .where('action', 'like', 'usulan.%')
      .orderBy('seq')
      .execute();
  }

  /** Open proposals naming any of these NIKs. */
  openByNiks(db: Kysely<DB>, niks: string[], exceptId?: string) {
    if (!niks.length) return Promise.resolve([]);
    return db
      .selectFrom('usulanNiks')
      .innerJoin('usulan', 'usulan.id', 'usulanNiks.usulanId')
      .select(['usulanNiks.nik', 'usulan.id', 'usulan.villageCode', 'usulan.period', 'usulan.state'])
      .where('usulanNiks.nik', 'in', niks)
      .where('usulan.state', 'in', [...OPEN_STATES])
      .$if(exceptId !== undefined, (q) => q.where('usulan.id', '!=', exceptId!))
      .execute();
  }

  openForHousehold(db: Kysely<DB>, householdId: string, exceptId?: string): Promise<UsulanRow | undefined> {
    return db
      .selectFrom('usulan')
      .selectAll()
      .where('householdId', '=', householdId)
      .where('state', 'in', [...OPEN_STATES])
      .$if(exceptId !== undefined, (q) => q.where('id', '!=', exceptId!))
      .executeTakeFirst();
  }

  /** Standing (not lifted) ineligibility declarations naming any of these NIKs, with the household's village. */
  ineligibleByNiks(db: Kysely<DB>, niks: string[]) {
    if (!niks.length) return Promise.resolve([]);
    return db
      .selectFrom('ineligibleRegistry')
      .innerJoin('households', 'households.id', 'ineligibleRegistry.householdId')
      .select([
        'ineligibleRegistry.nik',
        'ineligibleRegistry.householdId',
        'ineligibleRegistry.period',
        'ineligibleRegistry.reason',
        'households.villageCode',
      ])
      .where('ineligibleRegistry.nik', 'in', niks)
      .where('ineligibleRegistry.liftedAt', 'is', null)
      .execute();
  }

  /** Proposals per village and state for a region (progress views). */
  async progress(db: Kysely<DB>, scope: { column: RegionColumn; value: string } | null, period: string) {
    const rows = await db
      .selectFrom('usulan')
      .select((eb) => ['villageCode', 'state', eb.fn.countAll<number>().as('n')])
      .$if(scope !== null, (q) => q.where(scope!.column, '=', scope!.value))
      .where('period', '=', period)
      .groupBy(['villageCode', 'state'])
      .orderBy('villageCode')
      .execute();
    return rows.map((r) => ({ villageCode: r.villageCode, state: r.state, count: Number(r.n) }));
  }
}

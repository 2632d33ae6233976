import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema/index.ts';
import type { SanggahRow, SanggahTable } from '../../db/schema/sanggah.table.ts';
import { OPEN_SANGGAH_STATES, type SanggahState } from '../../domain/sanggah/sanggah-state.ts';
import type { RegionColumn } from '../access/actor.ts';

/** A recipient as an objection may name it: the person matched by NIK, their household, its latest period. */
export interface SanggahTargetRow {
  name: string;
  householdId: string;
  householdStatus: string;
  villageCode: string;
  districtCode: string;
  regencyCode: string;
  provinceCode: string;
}

export class SanggahRepository {
  /**
   * The active holder of `nik` in an active household of `villageCode`, with the latest recipient period
   * the household received something in, if that period is the newest approved one of its regency (the
   * "current approved recipients" the public check shows). One query whatever the NIK.
   */
  async target(
    db: Kysely<DB>,
    nik: string,
    villageCode: string,
  ): Promise<(SanggahTargetRow & { period: string }) | undefined> {
    const row = await db
      // The active holder by the unique index of active NIKs (migration 082; `status` a literal for it).
      .selectFrom('persons as p')
      .innerJoin('households as h', 'h.id', 'p.householdId')
      .innerJoin('recipients as r', 'r.householdId', 'h.id')
      .select([
        'p.name',
        'h.id as householdId',
        'h.status as householdStatus',
        'h.villageCode',
        'h.districtCode',
        'h.regencyCode',
        'h.provinceCode',
        (eb) => eb.fn.max('r.period').as('period'),
      ])
      .where('p.nik', '=', nik)
      .where('p.status', '=', sql.lit('active'))
      .where('h.status', '=', 'active')
      .where('h.villageCode', '=', villageCode)
      .groupBy([
        'p.name',
        'h.id',
        'h.status',
        'h.villageCode',
        'h.districtCode',
        'h.regencyCode',
        'h.provinceCode',
      ])
      .executeTakeFirst();
    if (!row?.period) return undefined;
    const newest = await db
      .selectFrom('recipients')
      .select((eb) => eb.fn.max('period').as('period'))
      .where('regencyCode', '=', row.regencyCode)
      .executeTakeFirst();
    return newest?.period === row.period ? { ...row, period: row.period } : undefined;
  }

  async counts(
    db: Kysely<DB>,
    q: { accountId: string; householdId: string; villageCode: string; since: string },
  ) {
    const open = OPEN_SANGGAH_STATES as SanggahState[];
    const count = async (build: (b: ReturnType<typeof base>) => ReturnType<typeof base>) =>
      Number((await build(base()).executeTakeFirstOrThrow()).n);
    const base = () => db.selectFrom('sanggah').select((eb) => eb.fn.countAll().as('n'));
    return {
      citizenOpen: await count((b) => b.where('accountId', '=', q.accountId).where('state', 'in', open)),
      targetOpen: await count((b) => b.where('householdId', '=', q.householdId).where('state', 'in', open)),
      sameTargetOpen: await count((b) =>
        b
          .where('accountId', '=', q.accountId)
          .where('householdId', '=', q.householdId)
          .where('state', 'in', open),
      ),
      villageRecent: await count((b) =>
        b.where('villageCode', '=', q.villageCode).where('createdAt', '>=', q.since),
      ),
    };
  }

  async insert(db: Kysely<DB>, row: SanggahTable): Promise<void> {
    await db.insertInto('sanggah').values(row).execute();
  }

  findById(db: Kysely<DB>, id: string): Promise<SanggahRow | undefined> {
    return db.selectFrom('sanggah').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Compare-and-set on the version: false when another step came first. */
  async update(db: Kysely<DB>, id: string, version: number, set: Partial<SanggahTable>): Promise<boolean> {
    const r = await db
      .updateTable('sanggah')
      .set({ ...set, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  ofAccount(db: Kysely<DB>, accountId: string): Promise<SanggahRow[]> {
    return db
      .selectFrom('sanggah')
      .selectAll()
      .where('accountId', '=', accountId)
      .orderBy('createdAt', 'desc')
      .limit(100)
      .execute();
  }

  list(
    db: Kysely<DB>,
    scope: { column: RegionColumn; value: string } | null,
    states: readonly SanggahState[],
    limit: number,
  ): Promise<(SanggahRow & { kkNumber: string; headName: string })[]> {
    let q = db
      .selectFrom('sanggah as s')
      .innerJoin('households as h', 'h.id', 's.householdId')
      .selectAll('s')
      .select(['h.kkNumber', 'h.headName'])
      .where('s.state', 'in', states as SanggahState[])
      .orderBy('s.createdAt', 'asc')
      .limit(limit);
    if (scope) q = q.where(`s.${scope.column}`, '=', scope.value);
    return q.execute();
  }

  evidence(db: Kysely<DB>, id: string) {
    return db
      .selectFrom('attachments')
      .select(['id', 'mime', 'size', 'createdAt'])
      .where('ownerType', '=', 'sanggah')
      .where('ownerId', '=', id)
      .orderBy('createdAt', 'asc')
      .execute();
  }
}

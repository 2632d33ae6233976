/** Queries of laporan / pengaduan (migration 036); rules live in ReportsService. */
import { type Kysely, sql } from 'kysely';
import type { DB, ReportEventTable, ReportTable } from '../../db/schema/index.ts';
import type { RegionColumn } from '../access/actor.ts';

export type ReportRow = ReportTable;
export type ReportEventRow = ReportEventTable;

export interface ReportFilter {
  scope: { column: RegionColumn; value: string } | null;
  status?: ReportTable['status'] | undefined;
  level?: ReportTable['level'] | undefined;
  category?: ReportTable['category'] | undefined;
  assignedTo?: string | undefined;
  /** Only reports with a timer run out at `now`. */
  overdueAt?: string | undefined;
}

export class ReportsRepository {
  async insert(db: Kysely<DB>, row: ReportRow): Promise<void> {
    await db.insertInto('reports').values(row).execute();
  }

  async insertEvent(db: Kysely<DB>, row: ReportEventRow): Promise<void> {
    await db.insertInto('reportEvents').values(row).execute();
  }

  async byId(db: Kysely<DB>, id: string): Promise<ReportRow | undefined> {
    return db.selectFrom('reports').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async byTrackingNumber(db: Kysely<DB>, tracking: string): Promise<ReportRow | undefined> {
    return db.selectFrom('reports').selectAll().where('trackingNumber', '=', tracking).executeTakeFirst();
  }

  async update(db: Kysely<DB>, id: string, set: Partial<ReportRow>): Promise<void> {
    await db.updateTable('reports').set(set).where('id', '=', id).execute();
  }

  async events(db: Kysely<DB>, reportId: string, publicOnly: boolean): Promise<ReportEventRow[]> {
    let q = db.selectFrom('reportEvents').selectAll().where('reportId', '=', reportId);
    if (publicOnly) q = q.where('public', '=', 1);
    return q.orderBy('at').orderBy('id').execute();
  }

  #filtered(db: Kysely<DB>, f: ReportFilter) {
    let q = db.selectFrom('reports');
    if (f.scope) q = q.where(f.scope.column, '=', f.scope.value);
    if (f.status) q = q.where('status', '=', f.status);
    if (f.level) q = q.where('level', '=', f.level);
    if (f.category) q = q.where('category', '=', f.category);
    if (f.assignedTo) q = q.where('assignedTo', '=', f.assignedTo);
    if (f.overdueAt) {
      const now = f.overdueAt;
      q = q.where((eb) =>
        eb.and([
          eb('status', '<>', 'closed'),
          eb.or([
            eb.and([eb('status', '=', 'received'), eb('triageDueAt', '<', now)]),
            eb.and([eb('firstReplyAt', 'is', null), eb('responseDueAt', '<', now)]),
          ]),
        ]),
      );
    }
    return q;
  }

  async list(db: Kysely<DB>, f: ReportFilter, page: { limit: number; offset: number }): Promise<ReportRow[]> {
    return this.#filtered(db, f)
      .selectAll()
      .orderBy('createdAt', 'desc')
      .orderBy('id')
      .limit(page.limit)
      .offset(page.offset)
      .execute();
  }

  /** Counts per status (filters applied) and how many of those are overdue at `now`. */
  async totals(db: Kysely<DB>, f: ReportFilter, now: string) {
    const rows = await this.#filtered(db, f)
      .select((eb) => [
        'status',
        eb.fn.countAll<number | string>().as('n'),
        sql<
          number | string
        >`sum(case when status <> 'closed' and ((status = 'received' and triage_due_at < ${now}) or (first_reply_at is null and response_due_at < ${now})) then 1 else 0 end)`.as(
          'overdue',
        ),
      ])
      .groupBy('status')
      .execute();
    const out = { received: 0, in_progress: 0, closed: 0, overdue: 0, all: 0 };
    for (const r of rows) {
      out[r.status] = Number(r.n);
      out.overdue += Number(r.overdue ?? 0);
      out.all += Number(r.n);
    }
    return out;
  }

  /** Overdue open reports per territory unit (village, district or regency column). */
  async overdueCounts(db: Kysely<DB>, f: ReportFilter, by: RegionColumn, now: string) {
    const rows = await this.#filtered(db, { ...f, overdueAt: now })
      .select((eb) => [eb.ref(by).as('code'), eb.fn.countAll<number | string>().as('n')])
      .groupBy(by)
      .execute();
    return rows.map((r) => ({ code: String(r.code), overdue: Number(r.n) }));
  }

  async user(db: Kysely<DB>, id: string) {
    return db
      .selectFrom('users')
      .select(['id', 'username', 'displayName', 'role', 'regionCode', 'status'])
      .where('id', '=', id)
      .executeTakeFirst();
  }

  /** Active users of these roles whose territory is exactly one of `regionCodes`, by name. */
  assignable(db: Kysely<DB>, regionCodes: string[], roles: readonly string[]) {
    if (!regionCodes.length) return Promise.resolve([]);
    return db
      .selectFrom('users')
      .select(['id', 'displayName', 'role', 'regionCode'])
      .where('status', '=', 'active')
      .where('regionCode', 'in', regionCodes)
      .where('role', 'in', [...roles])
      .orderBy('displayName')
      .orderBy('id')
      .limit(500)
      .execute();
  }

  async userNames(db: Kysely<DB>, ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await db.selectFrom('users').select(['id', 'displayName']).where('id', 'in', ids).execute();
    return new Map(rows.map((r) => [r.id, r.displayName]));
  }
}

/**
 * The DCI module's SQL: partners, transactions, subscriptions, the registry reads a search or a
 * notification needs (households and persons of the partner's territory), and the registry events since a
 * subscription was last notified (record versions of households).
 */
import { type Expression, type ExpressionBuilder, type Kysely, type SqlBool, sql } from 'kysely';
import type {
  DB,
  DciPartnerRow,
  DciPartnerTable,
  DciSubscriptionRow,
  DciSubscriptionTable,
  DciTransactionRow,
  DciTransactionTable,
  HouseholdRow,
  PersonRow,
} from '../../db/schema/index.ts';
import { decodeSnapshot } from '../../db/version-snapshot.ts';
import type { Condition } from '../../domain/dci/query.ts';
import type { RegionColumn } from '../access/actor.ts';

export type Scope = { column: RegionColumn; value: string } | null;
/** The ranking run whose deciles a query reads: the latest finished one (newest period, then run). */
export type RankingRef = { period: string; modelVersion: string } | null;
/** A household's deciles in that run. */
export interface HouseholdDeciles {
  period: string;
  national: number | null;
  province: number | null;
  regency: number | null;
}
const DECILE_COLUMNS = {
  decile_national: 'decileNational',
  decile_province: 'decileProvince',
  decile_regency: 'decileRegency',
} as const;
type Where = { kind: 'nik' | 'kk'; value: string } | { kind: 'where'; condition: Condition };
type Page = { limit: number; offset: number };

const REGION_COLUMNS: RegionColumn[] = ['provinceCode', 'regencyCode', 'districtCode', 'villageCode'];

/** The region column a dotted code is matched on (33 → province, 33.07 → regency, …). */
function regionColumn(code: string): RegionColumn {
  return REGION_COLUMNS[Math.min(code.split('.').length, 4) - 1]!;
}

/** The date (YYYY-MM-DD) `years` years before `today`. */
function yearsBefore(today: string, years: number): string {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y - Math.floor(years), m - 1, d));
  return date.toISOString().slice(0, 10);
}

// One builder serves both tables: the region columns are on both, the entity check in
// src/domain/dci/query.ts keeps household-only and person-only attributes on their own table.
type Eb = ExpressionBuilder<DB, 'households'> & ExpressionBuilder<DB, 'persons'>;

function conditionSql(eb: Eb, c: Condition, today: string, ranking: RankingRef): Expression<SqlBool> {
  if ('all' in c) return eb.and(c.all.map((x) => conditionSql(eb, x, today, ranking)));
  if ('any' in c) return eb.or(c.any.map((x) => conditionSql(eb, x, today, ranking)));
  if ('not' in c) return eb.not(conditionSql(eb, c.not, today, ranking));
  const values = Array.isArray(c.value) ? c.value : [c.value];
  if (c.attr === 'decile_national' || c.attr === 'decile_province' || c.attr === 'decile_regency') {
    // Households (Group only, src/domain/dci/query.ts) with this decile in the latest ranking; none before
    // any ranking ran.
    if (!ranking) return sql<SqlBool>`1 = 0`;
    const column = DECILE_COLUMNS[c.attr];
    const ops = { eq: '=', lt: '<', le: '<=', gt: '>', ge: '>=' } as const;
    const ranked = eb
      .selectFrom('rankingResults')
      .select('rankingResults.householdId')
      .where('rankingResults.period', '=', ranking.period)
      .where('rankingResults.modelVersion', '=', ranking.modelVersion)
      .where((r) =>
        c.op === 'in'
          ? r(`rankingResults.${column}`, 'in', values.map(Number))
          : r(`rankingResults.${column}`, ops[c.op], Number(c.value)),
      );
    return eb('households.id', 'in', ranked);
  }
  if (c.attr === 'region') return eb.or(values.map((v) => eb(regionColumn(String(v)), '=', String(v))));
  if (c.attr === 'sex') return eb('sex', 'in', values.map(String) as ('M' | 'F')[]);
  const ops = { eq: '=', lt: '<', le: '<=', gt: '>', ge: '>=' } as const;
  if (c.attr === 'group_size') {
    if (c.op === 'in') return eb('memberCount', 'in', values.map(Number));
    return eb('memberCount', ops[c.op], Number(c.value));
  }
  // age: compared through the birth date (age < n ⇔ born after the day n years ago).
  const ageIs = (op: keyof typeof ops, n: number): Expression<SqlBool> => {
    const bornBy = (years: number) => yearsBefore(today, years);
    switch (op) {
      case 'lt':
        return eb('birthDate', '>', bornBy(n));
      case 'le':
        return eb('birthDate', '>', bornBy(n + 1));
      case 'gt':
        return eb('birthDate', '<=', bornBy(n + 1));
      case 'ge':
        return eb('birthDate', '<=', bornBy(n));
      default:
        return eb.and([eb('birthDate', '>', bornBy(n + 1)), eb('birthDate', '<=', bornBy(n))]);
    }
  };
  if (c.op === 'in') return eb.or(values.map((v) => ageIs('eq', Number(v))));
  return ageIs(c.op, Number(c.value));
}

export class DciRepository {
  // ——— partners ———
  insertPartner(db: Kysely<DB>, row: DciPartnerTable) {
    return db.insertInto('dciPartners').values(row).execute();
  }
  partnerByClientId(db: Kysely<DB>, clientId: string): Promise<DciPartnerRow | undefined> {
    return db.selectFrom('dciPartners').selectAll().where('clientId', '=', clientId).executeTakeFirst();
  }
  partnerById(db: Kysely<DB>, id: string): Promise<DciPartnerRow | undefined> {
    return db.selectFrom('dciPartners').selectAll().where('id', '=', id).executeTakeFirst();
  }
  listPartners(db: Kysely<DB>): Promise<DciPartnerRow[]> {
    return db.selectFrom('dciPartners').selectAll().orderBy('clientId').execute();
  }
  updatePartner(db: Kysely<DB>, id: string, set: Partial<DciPartnerTable>) {
    return db.updateTable('dciPartners').set(set).where('id', '=', id).execute();
  }

  // ——— transactions ———
  insertTransaction(db: Kysely<DB>, row: DciTransactionTable) {
    return db.insertInto('dciTransactions').values(row).execute();
  }
  transactionById(db: Kysely<DB>, id: string): Promise<DciTransactionRow | undefined> {
    return db.selectFrom('dciTransactions').selectAll().where('id', '=', id).executeTakeFirst();
  }
  updateTransaction(db: Kysely<DB>, id: string, set: Partial<DciTransactionTable>) {
    return db.updateTable('dciTransactions').set(set).where('id', '=', id).execute();
  }
  finishTransaction(db: Kysely<DB>, id: string, status: string, response: string, at: string) {
    return db
      .updateTable('dciTransactions')
      .set({ status, response, updatedAt: at })
      .where('id', '=', id)
      .execute();
  }
  /** The partner's transactions named by transaction id, correlation id or one of their reference ids. */
  findTransactions(
    db: Kysely<DB>,
    partnerId: string,
    by: { transactionId: string } | { correlationId: string } | { referenceIds: string[] },
  ): Promise<DciTransactionRow[]> {
    let q = db.selectFrom('dciTransactions').selectAll().where('partnerId', '=', partnerId);
    if ('transactionId' in by) q = q.where('transactionId', '=', by.transactionId);
    else if ('correlationId' in by) q = q.where('id', '=', by.correlationId);
    else
      q = q.where((eb) =>
        eb.or(
          by.referenceIds.map((r) =>
            eb('referenceIds', 'like', `%${JSON.stringify(r).replace(/[%_]/g, '')}%`),
          ),
        ),
      );
    return q.orderBy('createdAt', 'desc').limit(20).execute();
  }

  // ——— subscriptions ———
  insertSubscription(db: Kysely<DB>, row: DciSubscriptionTable) {
    return db.insertInto('dciSubscriptions').values(row).execute();
  }
  subscription(db: Kysely<DB>, code: string): Promise<DciSubscriptionRow | undefined> {
    return db.selectFrom('dciSubscriptions').selectAll().where('code', '=', code).executeTakeFirst();
  }
  activeSubscriptions(db: Kysely<DB>): Promise<DciSubscriptionRow[]> {
    return db
      .selectFrom('dciSubscriptions')
      .selectAll()
      .where('status', '=', 'subscribe')
      .orderBy('createdAt')
      .execute();
  }
  updateSubscription(db: Kysely<DB>, code: string, set: Partial<DciSubscriptionTable>) {
    return db.updateTable('dciSubscriptions').set(set).where('code', '=', code).execute();
  }

  // ——— registry reads ———
  async households(
    db: Kysely<DB>,
    scope: Scope,
    where: Where,
    page: Page,
    today: string,
    ranking: RankingRef = null,
    onlyId?: string,
  ): Promise<{ rows: HouseholdRow[]; total: number }> {
    const value = where.kind === 'where' ? '' : where.value;
    const condition = where.kind === 'where' ? where.condition : null;
    const base = db
      .selectFrom('households')
      .where('households.status', '=', 'active')
      .$if(scope !== null, (q) => q.where(`households.${scope!.column}`, '=', scope!.value))
      .$if(where.kind === 'kk', (q) => q.where('households.kkNumber', '=', value))
      .$if(where.kind === 'nik', (q) =>
        q.where('households.id', 'in', (eb) =>
          eb
            .selectFrom('persons')
            .select('persons.householdId')
            .where('persons.nik', '=', value)
            .where('persons.status', '=', sql.lit('active')),
        ),
      )
      .$if(onlyId !== undefined, (q) => q.where('households.id', '=', onlyId!))
      .$if(where.kind === 'where', (q) =>
        q.where((eb) => conditionSql(eb as Eb, condition!, today, ranking)),
      );
    const [rows, count] = await Promise.all([
      base.selectAll('households').orderBy('households.id').limit(page.limit).offset(page.offset).execute(),
      base.select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(count.n) };
  }

  async persons(
    db: Kysely<DB>,
    scope: Scope,
    where: Where,
    page: Page,
    today: string,
  ): Promise<{ rows: PersonRow[]; total: number }> {
    const value = where.kind === 'where' ? '' : where.value;
    const condition = where.kind === 'where' ? where.condition : null;
    const base = db
      .selectFrom('persons')
      .where('persons.status', '=', 'active')
      .$if(scope !== null, (q) => q.where(`persons.${scope!.column}`, '=', scope!.value))
      .$if(where.kind === 'nik', (q) =>
        // The unique index of active NIKs (migration 082): a literal status, so the planners may use it.
        q.where('persons.nik', '=', value).where('persons.status', '=', sql.lit('active')),
      )
      .$if(where.kind === 'kk', (q) =>
        q.where('persons.householdId', 'in', (eb) =>
          eb.selectFrom('households').select('id').where('kkNumber', '=', value),
        ),
      )
      .$if(where.kind === 'where', (q) => q.where((eb) => conditionSql(eb as Eb, condition!, today, null)));
    const [rows, count] = await Promise.all([
      base.selectAll('persons').orderBy('persons.id').limit(page.limit).offset(page.offset).execute(),
      base.select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(count.n) };
  }

  /** Active members of these households, by household, in the order of their relationship to the head. */
  membersOf(db: Kysely<DB>, householdIds: string[]): Promise<PersonRow[]> {
    if (householdIds.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('persons')
      .selectAll()
      .where('householdId', 'in', householdIds)
      .where('status', '=', 'active')
      .orderBy('householdId')
      .orderBy('relationship')
      .orderBy('id')
      .execute();
  }

  /** These households' deciles in that run (households it did not rank are absent). */
  async decilesOf(
    db: Kysely<DB>,
    ranking: RankingRef,
    ids: string[],
  ): Promise<Map<string, HouseholdDeciles>> {
    if (!ranking || ids.length === 0) return new Map();
    const rows = await db
      .selectFrom('rankingResults')
      .select(['householdId', 'decileNational', 'decileProvince', 'decileRegency'])
      .where('period', '=', ranking.period)
      .where('modelVersion', '=', ranking.modelVersion)
      .where('householdId', 'in', ids)
      .execute();
    return new Map(
      rows.map((r) => [
        r.householdId,
        {
          period: ranking.period,
          national: r.decileNational,
          province: r.decileProvince,
          regency: r.decileRegency,
        },
      ]),
    );
  }

  householdsByIds(db: Kysely<DB>, ids: string[]): Promise<HouseholdRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return db.selectFrom('households').selectAll().where('id', 'in', ids).execute();
  }

  /**
   * Household changes after the keyset `since` (registered, member added, removed), oldest first: after its
   * time, or at its time with a greater id (without an id: after its time only).
   */
  householdEvents(
    db: Kysely<DB>,
    since: { at: string; id: string | null },
    changeTypes: string[],
    limit: number,
  ) {
    return db
      .selectFrom('recordVersions')
      .select(['id', 'entityId', 'version', 'changeType', 'changedAt', 'villageCode'])
      .where('entityType', '=', 'household')
      .where('changeType', 'in', changeTypes)
      .where((eb) =>
        since.id === null
          ? eb('changedAt', '>', since.at)
          : eb.or([
              eb('changedAt', '>', since.at),
              eb.and([eb('changedAt', '=', since.at), eb('id', '>', since.id)]),
            ]),
      )
      .orderBy('changedAt')
      .orderBy('id')
      .limit(limit)
      .execute();
  }

  /**
   * The member a household's version `version` added or removed (`member_add`, `member_remove`): the one
   * active in that version's snapshot and not in the one before, or the reverse. Removed members keep their
   * row (status removed), so the person is found either way.
   */
  async changedMember(
    db: Kysely<DB>,
    householdId: string,
    version: number,
    change: 'member_add' | 'member_remove',
  ): Promise<PersonRow | undefined> {
    const rows = await db
      .selectFrom('recordVersions')
      .select(['version', 'snapshot'])
      .where('entityType', '=', 'household')
      .where('entityId', '=', householdId)
      .where('version', 'in', [version - 1, version])
      .execute();
    type Snap = { members?: { id: string; status: string }[] };
    const active = (v: number) => {
      const row = rows.find((r) => r.version === v);
      const snap = row ? decodeSnapshot<Snap>(row.snapshot) : {};
      return new Set((snap.members ?? []).filter((m) => m.status === 'active').map((m) => m.id));
    };
    const [before, after] = [active(version - 1), active(version)];
    const [from, to] = change === 'member_add' ? [after, before] : [before, after];
    const id = [...from].find((x) => !to.has(x));
    if (!id) return undefined;
    return db.selectFrom('persons').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Whether this NIK is an active member of the household (by the unique index of active NIKs). */
  async householdHasNik(db: Kysely<DB>, householdId: string, nik: string): Promise<boolean> {
    const row = await db
      .selectFrom('persons')
      .select(sql<number>`1`.as('one'))
      .where('persons.nik', '=', nik)
      .where('persons.status', '=', sql.lit('active'))
      .where('persons.householdId', '=', householdId)
      .executeTakeFirst();
    return row !== undefined;
  }
}

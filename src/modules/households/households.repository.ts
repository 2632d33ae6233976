import { type Expression, type Kysely, type SelectQueryBuilder, type SqlBool, sql } from 'kysely';
import { insertRows, selectInLists } from '../../db/bulk-insert.ts';
import type { DbEngine } from '../../db/dialect.ts';
import { preparedQuery } from '../../db/prepared.ts';
import type {
  DB,
  HouseholdRow,
  HouseholdUpdate,
  NewHouseholdRow,
  NewPersonRow,
  NikRegistryTable,
  PersonRow,
  PersonUpdate,
  RecordVersionRow,
} from '../../db/schema/index.ts';
import { containsLiteral } from '../../db/sql-helpers.ts';
import type { RegionColumn } from '../access/actor.ts';

export interface HouseholdListFilter {
  scope: { column: RegionColumn; value: string } | null;
  rw?: string;
  rt?: string;
  status: 'active' | 'removed' | 'all';
  /** Lowercased substring of the head's name. */
  name?: string;
  /** Exact KK number or member NIK. */
  number?: string;
  afterId?: string;
  /** `name`: by the head's name (search form), then id; otherwise by id (creation order). */
  sort?: 'created' | 'name';
  /** With `sort: 'name'`: the last row's search-form name (the keyset's first part, with `afterId`). */
  afterName?: string;
  limit: number;
}

const LIST_COLUMNS = [
  'id',
  'kkNumber',
  'villageCode',
  'rw',
  'rt',
  'headName',
  'memberCount',
  'status',
  'address',
  'updatedAt',
] as const;

/** The columns a household list shows (and a person lookup names the household with). */
export type HouseholdListRow = Pick<HouseholdRow, (typeof LIST_COLUMNS)[number] | 'id'>;

/** The person registered under a NIK and their household's list columns: a hot path, so prepared once. */
const personByNikQuery = preparedQuery((db, nik: string) =>
  db
    .selectFrom('nikRegistry')
    .innerJoin('persons', 'persons.id', 'nikRegistry.personId')
    .innerJoin('households', 'households.id', 'persons.householdId')
    .selectAll('persons')
    .select([
      'households.kkNumber as householdKkNumber',
      'households.villageCode as householdVillageCode',
      'households.rw as householdRw',
      'households.rt as householdRt',
      'households.headName as householdHeadName',
      'households.memberCount as householdMemberCount',
      'households.status as householdStatus',
      'households.address as householdAddress',
      'households.updatedAt as householdUpdatedAt',
    ])
    .where('nikRegistry.nik', '=', nik),
);

/** Fragments shorter than a trigram cannot use the trigram index: they keep the territory index's scan. */
export const TRIGRAM_MIN = 3;
/**
 * How many matches the SQLite trigram index is asked for before a fragment counts as common (reading
 * 500 rowids costs ~1 ms, 2,000 ~4 ms). Fewer: the
 * list reads just those households. More: the fragment fills a page within the first index entries of the
 * territory, which the territory index in id order finds faster than thousands of rowid look-ups.
 */
const TRIGRAM_PROBE = 500;
/** Households a tolerant name search ranks at most (the best of them are answered). */
export const TOLERANT_CANDIDATES = 1000;

export interface NameCandidateFilter {
  scope: { column: RegionColumn; value: string } | null;
  status: 'active' | 'removed' | 'all';
  /** The query's search form and folded form (domain/names/name-fold.ts). */
  name: string;
  fold: string;
}

/**
 * An FTS5 query for households whose `column` may contain `text`: the trigrams that tile it, all required.
 * A superset of the substring matches (the caller's LIKE keeps the true ones), and far cheaper than the
 * phrase query, which checks the positions of every overlapping trigram (~60 ms against ~5 ms for a
 * 15-letter name across a 300,000-household regency).
 */
function ftsContains(column: 'head_name_search' | 'head_name_fold', text: string): string {
  return `{${column}} : (${allOf(tiles(text))})`;
}

/** The trigrams that tile `text` end to end; with `toEnd`, one more overlapping its neighbour reaches the end. */
function tiles(text: string, toEnd = true): string[] {
  const out: string[] = [];
  for (let i = 0; i + 3 <= text.length; i += 3) out.push(text.slice(i, i + 3));
  if (toEnd) out.push(text.slice(-3));
  return [...new Set(out)];
}
const allOf = (terms: string[]) => terms.map((t) => `"${t.replaceAll('"', '""')}"`).join(' AND ');

/**
 * An FTS5 query for a folded name with one letter wrong: one letter changes one of the disjoint tiles
 * only, so every tile but one must be there (for names of at least three tiles, nine letters: fewer tiles
 * would leave one common trigram; shorter names need all).
 */
function ftsAllButOne(column: 'head_name_fold', text: string): string {
  const t = tiles(text, false);
  if (t.length < 3) return ftsContains(column, text);
  return `{${column}} : (${t.map((_, i) => `(${allOf(t.filter((_, j) => j !== i))})`).join(' OR ')})`;
}

/**
 * The territory condition. With `byRowids` (the trigram index already chose the rows) its column is
 * wrapped in a unary plus, so SQLite looks the few rows up by rowid instead of walking the territory's
 * index in page order (3 ms instead of 49 ms for 180 rows in a 300,000-household regency).
 */
function inScope(scope: { column: RegionColumn; value: string }, byRowids: boolean): Expression<SqlBool> {
  const column = sql.ref(`households.${scope.column}`);
  return byRowids ? sql<SqlBool>`+${column} = ${scope.value}` : sql<SqlBool>`${column} = ${scope.value}`;
}

export class HouseholdsRepository {
  readonly #engine: DbEngine['name'];

  constructor(engine: DbEngine['name']) {
    this.#engine = engine;
  }

  /**
   * Households whose head's name contains `name` (search form), through the trigram index: their rowids on
   * SQLite (null when more than `limit` match), or a condition the PostgreSQL planner serves from the
   * pg_trgm index.
   */
  async #trigramMatches(db: Kysely<DB>, query: string, limit: number): Promise<Expression<SqlBool> | null> {
    if (this.#engine === 'postgres') return null;
    const { rows } = await sql<{ rowid: number }>`select rowid from households_name_fts
      where households_name_fts match ${query} limit ${limit + 1}`.execute(db);
    if (rows.length > limit) return null;
    // Integers read from the index, inlined: a common fragment's thousands would pass the parameter limit.
    const list = rows.length ? rows.map((r) => Number(r.rowid)).join(',') : '-1';
    return sql<SqlBool>`households.rowid in (${sql.raw(list)})`;
  }

  findById(db: Kysely<DB>, id: string): Promise<HouseholdRow | undefined> {
    return db.selectFrom('households').selectAll().where('id', '=', id).executeTakeFirst();
  }

  members(db: Kysely<DB>, householdId: string): Promise<PersonRow[]> {
    return db
      .selectFrom('persons')
      .selectAll()
      .where('householdId', '=', householdId)
      .orderBy('relationship')
      .orderBy('birthDate')
      .orderBy('id')
      .execute();
  }

  /**
   * The list's WHERE as one function of a query, or null when nothing can match. An exact KK number or NIK
   * is resolved through its own index first: `kk = ? OR id IN (…nik…)` in one WHERE makes both engines scan
   * the territory instead.
   */
  async #listFilter(db: Kysely<DB>, f: Omit<HouseholdListFilter, 'limit'>) {
    let ids: string[] | undefined;
    if (f.number !== undefined) {
      const [byKk, byNik] = await Promise.all([
        db.selectFrom('households').select('id').where('kkNumber', '=', f.number).execute(),
        db.selectFrom('persons').select('householdId as id').where('nik', '=', f.number).execute(),
      ]);
      ids = [...new Set([...byKk, ...byNik].map((r) => r.id))];
      if (ids.length === 0) return null;
    }
    const rare =
      f.name !== undefined && f.name.length >= TRIGRAM_MIN
        ? await this.#trigramMatches(db, ftsContains('head_name_search', f.name), TRIGRAM_PROBE)
        : null;
    return <Q extends SelectQueryBuilder<DB, 'households', object>>(q: Q): Q =>
      q
        .$if(f.scope !== null, (q) => q.where(inScope(f.scope!, rare !== null)))
        .$if(f.status !== 'all', (q) => q.where('status', '=', f.status as 'active' | 'removed'))
        .$if(f.rw !== undefined, (q) => q.where('rw', '=', f.rw!))
        .$if(f.rt !== undefined, (q) => q.where('rt', '=', f.rt!))
        .$if(rare !== null, (q) => q.where(rare!))
        .$if(f.name !== undefined, (q) => q.where(containsLiteral('headNameSearch', f.name!)))
        .$if(ids !== undefined, (q) => q.where('id', 'in', ids!)) as Q;
  }

  async list(db: Kysely<DB>, f: HouseholdListFilter) {
    const where = await this.#listFilter(db, f);
    if (!where) return [];
    const byName = f.sort === 'name';
    return where(db.selectFrom('households').select([...LIST_COLUMNS, 'headNameSearch']))
      .$if(f.afterId !== undefined && !byName, (q) => q.where('id', '>', f.afterId!))
      .$if(f.afterId !== undefined && byName, (q) =>
        q.where((eb) =>
          eb.or([
            eb('headNameSearch', '>', f.afterName ?? ''),
            eb.and([eb('headNameSearch', '=', f.afterName ?? ''), eb('id', '>', f.afterId!)]),
          ]),
        ),
      )
      .$if(byName, (q) => q.orderBy('headNameSearch'))
      .orderBy('id')
      .limit(f.limit)
      .execute();
  }

  /** How many households the list's filters match (all pages). */
  async count(db: Kysely<DB>, f: Omit<HouseholdListFilter, 'limit' | 'afterId' | 'afterName' | 'sort'>) {
    const where = await this.#listFilter(db, f);
    if (!where) return 0;
    const row = await where(
      db.selectFrom('households').select((eb) => eb.fn.countAll<number | string>().as('n')),
    ).executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  /**
   * Up to TOLERANT_CANDIDATES households whose head's name contains the query as typed, in its folded
   * spelling, or (through the trigram index) in its folded spelling with one letter wrong, for the service
   * to rank and cut: SQLite, every tile of the folded query but one (ftsAllButOne); PostgreSQL, pg_trgm's
   * word similarity (`<%`, threshold 0.6) on the GIN index. Without the index (a query shorter than a
   * trigram, or one so common the index finds thousands), the substring match alone.
   */
  async nameCandidates(db: Kysely<DB>, f: NameCandidateFilter): Promise<HouseholdListRow[]> {
    const indexed = f.fold.length >= TRIGRAM_MIN && f.name.length >= TRIGRAM_MIN;
    const viaIndex = indexed
      ? await this.#trigramMatches(
          db,
          `${ftsContains('head_name_search', f.name)} OR ${ftsAllButOne('head_name_fold', f.fold)}`,
          5 * TOLERANT_CANDIDATES,
        )
      : null;
    const similar = indexed && this.#engine === 'postgres';
    return db
      .selectFrom('households')
      .select(LIST_COLUMNS)
      .$if(viaIndex !== null, (q) => q.where(viaIndex!))
      .$if(viaIndex === null, (q) =>
        q.where((eb) =>
          eb.or([
            containsLiteral('headNameSearch', f.name),
            containsLiteral('headNameFold', f.fold),
            ...(similar ? [sql<SqlBool>`${f.fold} <% head_name_fold`] : []),
          ]),
        ),
      )
      .$if(f.scope !== null, (q) => q.where(inScope(f.scope!, viaIndex !== null)))
      .$if(f.status !== 'all', (q) => q.where('status', '=', f.status as 'active' | 'removed'))
      .orderBy('id')
      .limit(TOLERANT_CANDIDATES)
      .execute();
  }

  activeByKk(db: Kysely<DB>, kkNumber: string): Promise<HouseholdRow | undefined> {
    return db
      .selectFrom('households')
      .selectAll()
      .where('kkNumber', '=', kkNumber)
      .where('status', '=', 'active')
      .executeTakeFirst();
  }

  /** Active households holding any of these KK numbers (one query for a whole import chunk). */
  async activeByKks(db: Kysely<DB>, kkNumbers: string[]): Promise<HouseholdRow[]> {
    return selectInLists(kkNumbers, (inList) =>
      db
        .selectFrom('households')
        .selectAll()
        .where('kkNumber', 'in', inList)
        .where('status', '=', 'active')
        .execute(),
    );
  }

  async nikEntries(db: Kysely<DB>, niks: string[]): Promise<NikRegistryTable[]> {
    return selectInLists(niks, (inList) =>
      db.selectFrom('nikRegistry').selectAll().where('nik', 'in', inList).execute(),
    );
  }

  insertHouseholds(db: Kysely<DB>, rows: NewHouseholdRow[]): Promise<void> {
    return insertRows(db, 'households', rows);
  }

  insertPersons(db: Kysely<DB>, rows: NewPersonRow[]): Promise<void> {
    return insertRows(db, 'persons', rows);
  }

  registerNiks(db: Kysely<DB>, rows: NikRegistryTable[]): Promise<void> {
    return insertRows(db, 'nikRegistry', rows);
  }

  async unregisterNiks(db: Kysely<DB>, niks: string[]): Promise<void> {
    if (niks.length) await db.deleteFrom('nikRegistry').where('nik', 'in', niks).execute();
  }

  /** Optimistic update: changes nothing and answers false when the stored version is not `version`. */
  async updateHousehold(
    db: Kysely<DB>,
    id: string,
    version: number,
    patch: HouseholdUpdate,
  ): Promise<boolean> {
    const r = await db
      .updateTable('households')
      .set({ ...patch, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async updatePerson(db: Kysely<DB>, id: string, patch: PersonUpdate): Promise<void> {
    await db
      .updateTable('persons')
      .set((eb) => ({ ...patch, version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .execute();
  }

  insertVersions(db: Kysely<DB>, rows: RecordVersionRow[]): Promise<void> {
    return insertRows(db, 'recordVersions', rows);
  }

  versions(db: Kysely<DB>, entityId: string): Promise<RecordVersionRow[]> {
    return db
      .selectFrom('recordVersions')
      .selectAll()
      .where('entityId', '=', entityId)
      .orderBy('version')
      .execute();
  }

  /** "Display Name (username)" per user id, for history views. */
  async userNames(db: Kysely<DB>, ids: string[]): Promise<Map<string, string>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const rows = await db
      .selectFrom('users')
      .select(['id', 'displayName', 'username'])
      .where('id', 'in', unique)
      .execute();
    return new Map(rows.map((r) => [r.id, `${r.displayName} (${r.username})`]));
  }

  /** The person registered under `nik` and the list columns of their household, in one query. */
  async personByNik(
    db: Kysely<DB>,
    nik: string,
  ): Promise<{ person: PersonRow; household: HouseholdListRow } | undefined> {
    const [row] = await personByNikQuery(db, nik);
    if (!row) return undefined;
    // The row is the person's columns plus the household's under prefixed names; the person mapper reads
    // only person columns, so the row serves as the person as it is (copying ~50 columns out of it with a
    // rest pattern showed up in the person-lookup profile).
    return {
      person: row as PersonRow,
      household: {
        id: row.householdId,
        kkNumber: row.householdKkNumber,
        villageCode: row.householdVillageCode,
        rw: row.householdRw,
        rt: row.householdRt,
        headName: row.householdHeadName,
        memberCount: row.householdMemberCount,
        status: row.householdStatus,
        address: row.householdAddress,
        updatedAt: row.householdUpdatedAt,
      },
    };
  }

  /** Active households and persons per child region of `scope` (the dashboard's drill-down). */
  async countsBy(
    db: Kysely<DB>,
    scope: { column: RegionColumn; value: string } | null,
    groupBy: RegionColumn,
  ): Promise<{ code: string; households: number; persons: number }[]> {
    const rows = await db
      .selectFrom('householdCounts')
      .select((eb) => [
        eb.ref(groupBy).as('code'),
        eb.fn.sum<number>('households').as('households'),
        eb.fn.sum<number>('persons').as('persons'),
      ])
      .$if(scope !== null, (q) => q.where(scope!.column, '=', scope!.value))
      .groupBy(groupBy)
      .having((eb) => eb.fn.sum('households'), '>', 0)
      .orderBy(groupBy)
      .execute();
    return rows.map((r) => ({
      code: r.code as string,
      households: Number(r.households),
      persons: Number(r.persons ?? 0),
    }));
  }

  /** Adds per-village changes to the dashboard counts (inside the write's transaction). */
  async adjustCounts(
    db: Kysely<DB>,
    deltas: Map<string, { households: number; persons: number }>,
  ): Promise<void> {
    for (const [villageCode, d] of deltas) {
      if (d.households === 0 && d.persons === 0) continue;
      const parts = villageCode.split('.');
      await db
        .insertInto('householdCounts')
        .values({
          villageCode,
          provinceCode: parts[0]!,
          regencyCode: parts.slice(0, 2).join('.'),
          districtCode: parts.slice(0, 3).join('.'),
          households: d.households,
          persons: d.persons,
        })
        .onConflict((oc) =>
          oc.column('villageCode').doUpdateSet((eb) => ({
            households: eb('householdCounts.households', '+', eb.ref('excluded.households')),
            persons: eb('householdCounts.persons', '+', eb.ref('excluded.persons')),
          })),
        )
        .execute();
    }
  }
}

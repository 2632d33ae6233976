import {
  type Expression,
  type ExpressionBuilder,
  type Kysely,
  type SelectQueryBuilder,
  type SqlBool,
  sql,
} from 'kysely';
import { insertRows, selectInLists } from '../../db/bulk-insert.ts';
import type { DbEngine } from '../../db/dialect.ts';
import { preparedQuery } from '../../db/prepared.ts';
import type {
  DB,
  HouseholdRow,
  HouseholdUpdate,
  NewHouseholdRow,
  NewPersonRow,
  NikHolder,
  PersonRow,
  PersonUpdate,
  RecordVersionRow,
} from '../../db/schema/index.ts';
import { containsLiteral } from '../../db/sql-helpers.ts';
import { storedTimestamp } from '../../db/stored-timestamp.ts';
import type { RegionColumn } from '../access/actor.ts';
import { STATUS_NUMBERS, statusTerm, TERM_COLUMNS, territoryTerm } from './name-index-terms.ts';

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
  personWithHousehold(db).where('persons.nik', '=', nik),
);

/**
 * The same for several NIKs at once, one statement (PostgreSQL: `= any($1)`, a text array), each row naming
 * the NIK it was found under.
 */
const personsByNiksQuery = preparedQuery((db, niks: readonly string[]) =>
  personWithHousehold(db)
    .select('persons.nik as registryNik')
    .where('persons.nik', '=', sql<string>`any(${niks})`),
);

/**
 * The active holder of a NIK is read from `persons` directly, by the unique index of active NIKs
 * (persons_nik_active_idx, migration 082) — not through the view `nik_registry`, which would join persons
 * to itself on the id: one primary-key search more per look-up. `status` is a literal so that both planners
 * see the partial index applies.
 */
function personWithHousehold(db: Kysely<DB>) {
  return db
    .selectFrom('persons')
    .innerJoin('households', 'households.id', 'persons.householdId')
    .where('persons.status', '=', sql.lit('active'))
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
    ]);
}

/** A person with their household's list columns, as a NIK look-up answers. */
export interface PersonWithHousehold {
  person: PersonRow;
  household: HouseholdListRow;
}

function personWithHouseholdOf(
  row: Awaited<ReturnType<typeof personByNikQuery>>[number],
): PersonWithHousehold {
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

/** Fragments shorter than a trigram cannot use the trigram index: they keep the territory index's scan. */
export const TRIGRAM_MIN = 3;
/**
 * How many matches the SQLite trigram index is asked for before a fragment counts as common (reading
 * 500 rowids costs ~1 ms, 2,000 ~4 ms). Fewer: the
 * list reads just those households. More: the fragment fills a page within the first index entries of the
 * territory, which the territory index in id order finds faster than thousands of rowid look-ups.
 */
const TRIGRAM_PROBE = 500;
/**
 * How many candidates a tolerant name search reads from SQLite's name index (narrow rows: ~1 µs each)
 * before the query counts as too common for it (a three-letter fragment found in a tenth of a regency);
 * then, as on PostgreSQL, the first TOLERANT_CANDIDATES households by id that contain it are ranked.
 */
const TOLERANT_PROBE = 5000;
/** Households a tolerant name search ranks at most when the name index cannot narrow them down. */
export const TOLERANT_CANDIDATES = 1000;
/**
 * Territories of at most this many households (a village, a small district) are scanned for a fragment of
 * a head's name whatever it is: the name index's answer walks the fragment's posting list across the whole
 * database (~0.08 µs an entry: ~2 ms for "dim", 24,575 matches in 300,000), the scan ~0.2 µs a household of
 * the territory (~0.4 ms in a village of 1,000). Past it the index wins more the larger the territory: a
 * common fragment's total in a 300,000-household regency in 7–12 ms against 43–62 ms scanned (loaded).
 */
export const NAME_INDEX_MIN_TERRITORY = 10_000;

type Scope = { column: RegionColumn; value: string } | null;

/** A list's WHERE, and the name index's terms when its total is counted there (#nameIndexCount). */
interface ListPlan {
  where: <Q extends SelectQueryBuilder<DB, 'households', object>>(q: Q) => Q;
  countByNameIndex: string | null;
}

export interface NameCandidateFilter {
  scope: Scope;
  status: 'active' | 'removed' | 'all';
  /** The query's search form and folded form (domain/names/name-fold.ts). */
  name: string;
  fold: string;
}

/**
 * A household a tolerant search may answer: the key its list row is read by (`householdsByKeys`; the rowid
 * on SQLite, the id on PostgreSQL) and its head's name in search form and folded.
 */
export interface NameCandidate {
  key: number | string;
  search: string;
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
 * FTS5 queries that together find a folded name with one letter wrong: one letter changes one of the
 * disjoint tiles only, so every tile but one must be there — one query per tile left out (for names of at
 * least three tiles, nine letters: fewer tiles would leave one common trigram).
 */
function allButOneTiles(column: 'head_name_fold', text: string): string[] {
  return allButOneTileSets(text).map((b) => `{${column}} : (${allOf(b)})`);
}

/** The disjoint tiles of `text`, each time with one left out. */
function allButOneTileSets(text: string): string[][] {
  const t = tiles(text, false);
  return t.map((_, i) => t.filter((_, j) => j !== i));
}

/**
 * PostgreSQL: a LIKE pattern whose pg_trgm trigrams tile each word of `text` of three letters or more (runs
 * of three letters, the last taking the one or two left over), in order; null when no word is that long.
 * Every name containing `text` matches it, so the GIN index may serve it and an exact check follows
 * (pgContains). `%text%` itself asks for every overlapping trigram, and for the blank-padded ones of each
 * word boundary inside it ("  w", " wi", "no "), the commonest of all: ~16 posting lists for a two-word
 * name against ~6 here.
 */
function pgTiledPattern(text: string): string | null {
  const runs: string[] = [];
  for (const word of text.split(/[^\p{L}\p{N}]+/u)) {
    if (word.length < 3) continue;
    let i = 0;
    for (; word.length - i >= 6; i += 3) runs.push(word.slice(i, i + 3));
    runs.push(word.slice(i));
  }
  return runs.length ? `%${runs.map(escapeLike).join('%')}%` : null;
}
/** PostgreSQL's LIKE escapes with a backslash by default. */
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * PostgreSQL: `column` contains `text` — as the GIN index condition the tiling pattern (pgTiledPattern),
 * then the substring itself as a filter (`strpos`, which no index serves, so the planner cannot ask the
 * index for every overlapping trigram again). The same rows as `containsLiteral`.
 */
function pgContains(column: 'head_name_search' | 'head_name_fold', text: string): Expression<SqlBool> {
  const tiled = text.length >= TRIGRAM_MIN ? pgTiledPattern(text) : null;
  const ref = sql.ref(`households.${column}`);
  if (tiled === null) return containsLiteral(`households.${column}`, text);
  return sql<SqlBool>`(${ref} like ${tiled} and strpos(${ref}, ${text}) > 0)`;
}

/**
 * PostgreSQL: the households whose folded name holds every tile of `branch` (allButOneTiles' tiles,
 * unordered, as SQLite's FTS5 query asks). Tiles within a word are index conditions (pg_trgm LIKE); a
 * tile spanning a blank would ask for a blank-padded trigram common to thousands, so it is checked as a
 * filter only — unless no tile is without one.
 */
function pgHasTiles(branch: string[]): Expression<SqlBool> {
  const ref = sql.ref('households.head_name_fold');
  const indexed = branch.some((t) => !t.includes(' '));
  return sql<SqlBool>`(${sql.join(
    branch.map((t) =>
      indexed && t.includes(' ')
        ? sql<SqlBool>`strpos(${ref}, ${t}) > 0`
        : sql<SqlBool>`${ref} like ${`%${escapeLike(t)}%`}`,
    ),
    sql` and `,
  )})`;
}

/** Whether the name index can serve a query: both its forms are at least a trigram long. */
function indexable(f: NameCandidateFilter): boolean {
  return f.fold.length >= TRIGRAM_MIN && f.name.length >= TRIGRAM_MIN;
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

/**
 * Territory and status as terms of SQLite's name index (`households_names`, migration 066: one indexed
 * term per level and per status, name-index-terms.ts), to be ANDed with a name query: '' for the whole
 * database in any status, null when the scope's code is not of its level's shape (the index is then not
 * used: no term would find its households).
 */
export function nameIndexTerms(scope: Scope, status: 'active' | 'removed' | 'all'): string | null {
  const terms: string[] = [];
  if (scope !== null) {
    const term = territoryTerm(scope.column, scope.value);
    if (term === null) return null;
    terms.push(`{${TERM_COLUMNS[scope.column]}} : "${term}"`);
  }
  if (status !== 'all') {
    // A status without a term (none other is stored) would find nothing: the index is not used for it.
    if (!(status in STATUS_NUMBERS)) return null;
    terms.push(`{${TERM_COLUMNS.status}} : "${statusTerm(status)}"`);
  }
  return terms.join(' AND ');
}

/** An FTS5 query: `names` (a name query) within `terms` (nameIndexTerms). */
const within = (names: string, terms: string) => (terms ? `(${names}) AND ${terms}` : names);

/**
 * An FTS5 query for households whose head's name (search form) contains `text` exactly: the phrase of its
 * overlapping trigrams (positions are kept since migration 066; `text` at least a trigram long).
 */
function ftsPhrase(text: string): string {
  return `{head_name_search} : "${text.replaceAll('"', '""')}"`;
}

export interface HouseholdsRepositoryOptions {
  /**
   * Whether a fragment of a head's name is looked up in SQLite's name index: in a territory of more than
   * NAME_INDEX_MIN_TERRITORY households (the default), or always, or never (tests comparing the plans).
   */
  nameIndex?: 'by-cost' | 'always' | 'never';
  /** TRIGRAM_PROBE unless given (tests: a fragment common in a small database). */
  trigramProbe?: number;
}

export class HouseholdsRepository {
  readonly #engine: DbEngine['name'];
  readonly #nameIndex: 'by-cost' | 'always' | 'never';
  readonly #trigramProbe: number;

  constructor(engine: DbEngine['name'], options: HouseholdsRepositoryOptions = {}) {
    this.#engine = engine;
    this.#nameIndex = options.nameIndex ?? 'by-cost';
    this.#trigramProbe = options.trigramProbe ?? TRIGRAM_PROBE;
  }

  /**
   * Households whose head's name matches the FTS5 `query` (with its territory and status terms), through
   * SQLite's name index alone (its posting lists: no row of it is read): as a condition on their rowids,
   * null when more than `limit` match (or on PostgreSQL, whose planner chooses between the pg_trgm indexes
   * and the territory's index itself: pgContains).
   */
  async #trigramMatches(db: Kysely<DB>, query: string, limit: number): Promise<Expression<SqlBool> | null> {
    if (this.#engine === 'postgres') return null;
    const { rows } = await sql<{ rowid: number }>`select rowid from households_names
      where households_names match ${query} limit ${limit + 1}`.execute(db);
    if (rows.length > limit) return null;
    // Integers read from the index, inlined: a common fragment's thousands would pass the parameter limit.
    const list = rows.length ? rows.map((r) => Number(r.rowid)).join(',') : '-1';
    return sql<SqlBool>`households.rowid in (${sql.raw(list)})`;
  }

  /** `column` contains `text`: on PostgreSQL through the tiling trigrams (pgContains). */
  #contains(column: 'head_name_search' | 'head_name_fold', text: string): Expression<SqlBool> {
    return this.#engine === 'postgres'
      ? pgContains(column, text)
      : containsLiteral(column === 'head_name_search' ? 'headNameSearch' : 'headNameFold', text);
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
   * The list's WHERE as one function of a query and how its total is counted, or null when nothing can
   * match. An exact KK number or NIK is resolved through its own index first: `kk = ? OR id IN (…nik…)` in
   * one WHERE makes both engines scan the territory instead. A fragment of a head's name on SQLite (three
   * letters or more) goes through the name index in a territory large enough for it (#nameIndexAffordable),
   * its territory and status as terms: its matches by rowid when they are few (TRIGRAM_PROBE), else the
   * territory's scan in id order finds a page (more than TRIGRAM_PROBE matches: they are dense enough) and
   * the index counts the total from its posting lists (#nameIndexCount).
   */
  async #listFilter(db: Kysely<DB>, f: Omit<HouseholdListFilter, 'limit'>): Promise<ListPlan | null> {
    let ids: string[] | undefined;
    if (f.number !== undefined) {
      const [byKk, byNik] = await Promise.all([
        db.selectFrom('households').select('id').where('kkNumber', '=', f.number).execute(),
        // The active holder through the index of active NIKs, earlier holders through that of removed ones.
        db
          .selectFrom('persons')
          .select('householdId as id')
          .where('nik', '=', f.number)
          .where('status', '=', sql.lit('active'))
          .unionAll(
            db
              .selectFrom('persons')
              .select('householdId as id')
              .where('nik', '=', f.number)
              // A literal, so that both planners may use the partial index.
              .where('status', '=', sql.lit('removed')),
          )
          .execute(),
      ]);
      ids = [...new Set([...byKk, ...byNik].map((r) => r.id))];
      if (ids.length === 0) return null;
    }
    const terms =
      f.name !== undefined && f.name.length >= TRIGRAM_MIN && (await this.#nameIndexAffordable(db, f.scope))
        ? nameIndexTerms(f.scope, f.status)
        : null;
    const rare =
      terms !== null
        ? await this.#trigramMatches(
            db,
            within(ftsContains('head_name_search', f.name!), terms),
            this.#trigramProbe,
          )
        : null;
    const where = <Q extends SelectQueryBuilder<DB, 'households', object>>(q: Q): Q =>
      q
        .$if(f.scope !== null, (q) => q.where(inScope(f.scope!, rare !== null)))
        .$if(f.status !== 'all', (q) => q.where('status', '=', f.status as 'active' | 'removed'))
        .$if(f.rw !== undefined, (q) => q.where('rw', '=', f.rw!))
        .$if(f.rt !== undefined, (q) => q.where('rt', '=', f.rt!))
        .$if(rare !== null, (q) => q.where(rare!))
        .$if(f.name !== undefined, (q) => q.where(this.#contains('head_name_search', f.name!)))
        .$if(ids !== undefined, (q) => q.where('id', 'in', ids!)) as Q;
    // The name index holds no RT/RW nor the number filter's ids: with any, the total is counted on `households`.
    const countByNameIndex =
      terms !== null && rare === null && f.rw === undefined && f.rt === undefined && ids === undefined
        ? terms
        : null;
    return { where, countByNameIndex };
  }

  /**
   * A page of the list and, with `withTotal` (its first page), how many households its filters match across
   * all pages; the filter is worked out once for both.
   */
  async list(
    db: Kysely<DB>,
    f: HouseholdListFilter,
    withTotal: boolean,
  ): Promise<{ rows: (HouseholdListRow & { headNameSearch: string })[]; total: number | null }> {
    const plan = await this.#listFilter(db, f);
    if (!plan) return { rows: [], total: withTotal ? 0 : null };
    const byName = f.sort === 'name';
    const [rows, total] = await Promise.all([
      plan
        .where(db.selectFrom('households').select([...LIST_COLUMNS, 'headNameSearch']))
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
        .execute(),
      withTotal ? this.#count(db, f, plan) : null,
    ]);
    return { rows, total };
  }

  async #count(db: Kysely<DB>, f: Omit<HouseholdListFilter, 'limit'>, plan: ListPlan): Promise<number> {
    if (plan.countByNameIndex !== null) return this.#nameIndexCount(db, f.name!, plan.countByNameIndex);
    const row = await plan
      .where(db.selectFrom('households').select((eb) => eb.fn.countAll<number | string>().as('n')))
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  /**
   * SQLite: whether a fragment of a head's name in `scope` is looked up in the name index rather than
   * scanned for in the territory's index: when the territory holds more than NAME_INDEX_MIN_TERRITORY
   * households (read from the dashboard counts: active households, an estimate, which never changes an
   * answer). Always false on PostgreSQL, whose planner chooses between its indexes itself.
   */
  async #nameIndexAffordable(db: Kysely<DB>, scope: Scope): Promise<boolean> {
    if (this.#engine === 'postgres' || this.#nameIndex === 'never') return false;
    if (this.#nameIndex === 'always') return true;
    const territory = await db
      .selectFrom('householdCounts')
      .select((eb) => eb.fn.sum<number | string | null>('households').as('n'))
      .$if(scope !== null, (q) => q.where(scope!.column, '=', scope!.value))
      .executeTakeFirst();
    return Number(territory?.n ?? 0) > NAME_INDEX_MIN_TERRITORY;
  }

  /**
   * SQLite: how many households within `terms` (nameIndexTerms) have a head's name containing `name`,
   * counted from the name index's posting lists alone: the fragment as an exact phrase of its trigrams, the
   * territory and status one term each (the same households as the list's WHERE on `households`, kept in
   * step by triggers; test/medium/name-index-sync.test.ts).
   */
  async #nameIndexCount(db: Kysely<DB>, name: string, terms: string): Promise<number> {
    const { rows } = await sql<{ n: number }>`select count(*) as n from households_names
      where households_names match ${within(ftsPhrase(name), terms)}`.execute(db);
    return Number(rows[0]!.n);
  }

  /**
   * The households whose head's name contains a tolerant search's query as typed or in its folded
   * spelling, for the service to score and cut. SQLite: every one the name index finds (the trigrams tiling
   * each form, all required; the substring check follows), their names read by rowid (#nameIndexRows), up to
   * TOLERANT_PROBE of them. PostgreSQL: the same, from the pg_trgm GIN indexes of the two columns (the
   * trigrams tiling each form, pgContains). Without the index (a query shorter than a trigram, or so common
   * that more than TOLERANT_PROBE match), the first TOLERANT_CANDIDATES households by id containing it.
   */
  async nameCandidates(db: Kysely<DB>, f: NameCandidateFilter): Promise<NameCandidate[]> {
    if (this.#engine === 'sqlite' && indexable(f)) {
      const query = `${ftsContains('head_name_search', f.name)} OR ${ftsContains('head_name_fold', f.fold)}`;
      const rows = await this.#nameIndexRows(db, query, f);
      if (rows !== null) return rows.filter((r) => r.search.includes(f.name) || r.fold.includes(f.fold));
    }
    const matches = (eb: ExpressionBuilder<DB, 'households'>) =>
      eb.or([this.#contains('head_name_search', f.name), this.#contains('head_name_fold', f.fold)]);
    if (this.#engine === 'postgres' && indexable(f)) {
      const rows = await this.#pgNameRows(db, matches, f);
      if (rows !== null) return rows;
    }
    return db
      .selectFrom('households')
      .select([
        this.#engine === 'sqlite' ? sql<number>`households.rowid`.as('key') : 'id as key',
        'headNameSearch as search',
        'headNameFold as fold',
      ])
      .where(matches)
      .$if(f.scope !== null, (q) => q.where(inScope(f.scope!, false)))
      .$if(f.status !== 'all', (q) => q.where('status', '=', f.status as 'active' | 'removed'))
      .orderBy('id')
      .limit(TOLERANT_CANDIDATES)
      .execute();
  }

  /**
   * PostgreSQL's twin of #nameIndexRows: the households matching `where` in the filter's territory and
   * status, in no particular order, up to TOLERANT_PROBE of them; null past that.
   */
  async #pgNameRows(
    db: Kysely<DB>,
    where: (eb: ExpressionBuilder<DB, 'households'>) => Expression<SqlBool>,
    f: NameCandidateFilter,
  ): Promise<NameCandidate[] | null> {
    const rows = await db
      .selectFrom('households')
      .select(['id as key', 'headNameSearch as search', 'headNameFold as fold'])
      .where(where)
      .$if(f.scope !== null, (q) => q.where(inScope(f.scope!, false)))
      .$if(f.status !== 'all', (q) => q.where('status', '=', f.status as 'active' | 'removed'))
      .limit(TOLERANT_PROBE + 1)
      .execute();
    return rows.length <= TOLERANT_PROBE ? rows : null;
  }

  /**
   * The households whose folded head name may contain the folded query with one letter wrong (queries of
   * nine letters or more; shorter ones: none), asked only when nameCandidates did not fill the page with
   * exact matches. SQLite: every disjoint trigram tile of the folded query but one (allButOneTiles) in the
   * name index, leaving out each way of leaving one tile out that alone finds more than TOLERANT_PROBE
   * households of the territory in the index (the tiles of a common word, "…purnomo", pair up): a slip in
   * a short first word before a common surname matches too many to rank. PostgreSQL: the same tiles through the pg_trgm
   * GIN index (#pgSimilarNameCandidates), so both engines rank the same candidates.
   */
  async similarNameCandidates(db: Kysely<DB>, f: NameCandidateFilter): Promise<NameCandidate[]> {
    if (!indexable(f) || f.fold.length < 9) return [];
    if (this.#engine === 'postgres') return this.#pgSimilarNameCandidates(db, f);
    const terms = nameIndexTerms(f.scope, f.status);
    if (terms === null) return [];
    const branches = allButOneTiles('head_name_fold', f.fold);
    // All branches at once first: when the territory holds no more than TOLERANT_PROBE of them together,
    // no branch alone holds more, and nothing needs counting.
    const all = await this.#nameIndexRows(db, branches.join(' OR '), f);
    if (all !== null) return all;
    // Counted from the index alone: a branch past TOLERANT_PROBE is skipped without reading it.
    const kept: string[] = [];
    for (const branch of branches) {
      const { rows } = await sql<{
        n: number;
      }>`select count(*) as n from (select rowid from households_names
        where households_names match ${within(branch, terms)} limit ${TOLERANT_PROBE + 1})`.execute(db);
      if (Number(rows[0]!.n) <= TOLERANT_PROBE) kept.push(branch);
    }
    if (kept.length === 0) return [];
    return (await this.#nameIndexRows(db, kept.join(' OR '), f)) ?? [];
  }

  /**
   * similarNameCandidates on PostgreSQL, the same candidates as SQLite's: every tile but one (pgHasTiles)
   * in the territory, all branches at once; past TOLERANT_PROBE, each branch counted up to TOLERANT_PROBE + 1
   * (all in one statement) and skipped past it.
   */
  async #pgSimilarNameCandidates(db: Kysely<DB>, f: NameCandidateFilter): Promise<NameCandidate[]> {
    const branches = allButOneTileSets(f.fold);
    const all = await this.#pgNameRows(
      db,
      () => sql<SqlBool>`(${sql.join(branches.map(pgHasTiles), sql` or `)})`,
      f,
    );
    if (all !== null) return all;
    const scoped = sql`${f.scope === null ? sql`` : sql`and ${inScope(f.scope, false)}`} ${
      f.status === 'all' ? sql`` : sql`and status = ${f.status}`
    }`;
    const { rows } = await sql<Record<string, number>>`select ${sql.join(
      branches.map(
        (b, i) => sql`(select count(*) from (select 1 from households where ${pgHasTiles(b)} ${scoped}
          limit ${TOLERANT_PROBE + 1}) s) as ${sql.ref(`n${i}`)}`,
      ),
    )}`.execute(db);
    const kept = branches.filter((_, i) => Number(rows[0]![`n${i}`]) <= TOLERANT_PROBE);
    if (kept.length === 0) return [];
    return (
      (await this.#pgNameRows(db, () => sql<SqlBool>`(${sql.join(kept.map(pgHasTiles), sql` or `)})`, f)) ??
      []
    );
  }

  /**
   * The households SQLite's name index finds for `query` in the filter's territory and status (as terms),
   * with their heads' names read from `households` by rowid: the index keeps no copy of them (external
   * content, migration 084) and only the matches' rows are read, the index first (CROSS JOIN fixes the
   * order); null past TOLERANT_PROBE, or when the scope has no term (nameIndexTerms).
   */
  async #nameIndexRows(
    db: Kysely<DB>,
    query: string,
    f: NameCandidateFilter,
  ): Promise<NameCandidate[] | null> {
    const terms = nameIndexTerms(f.scope, f.status);
    if (terms === null) return null;
    const { rows } = await sql<NameCandidate>`select households.rowid as key,
        households.head_name_search as search, households.head_name_fold as fold
      from households_names cross join households on households.rowid = households_names.rowid
      where households_names match ${within(query, terms)}
      limit ${TOLERANT_PROBE + 1}`.execute(db);
    return rows.length <= TOLERANT_PROBE ? rows : null;
  }

  /**
   * The list rows of the households a tolerant search answers, by their candidate keys, in `scope` with
   * `status` (checked again here: the answer never reaches past the caller's territory).
   */
  async householdsByKeys(
    db: Kysely<DB>,
    keys: (number | string)[],
    scope: Scope,
    status: 'active' | 'removed' | 'all',
  ): Promise<Map<number | string, HouseholdListRow>> {
    if (keys.length === 0) return new Map();
    const byRowid = this.#engine === 'sqlite';
    const rows = await db
      .selectFrom('households')
      .select(LIST_COLUMNS)
      .select(byRowid ? sql<number>`households.rowid`.as('key') : 'id as key')
      .$if(byRowid, (q) =>
        // Integers read from the index, inlined as in #trigramMatches.
        q.where(sql<SqlBool>`households.rowid in (${sql.raw(keys.map((k) => Number(k)).join(','))})`),
      )
      .$if(!byRowid, (q) => q.where('id', 'in', keys as string[]))
      .$if(scope !== null, (q) => q.where(inScope(scope!, byRowid)))
      .$if(status !== 'all', (q) => q.where('status', '=', status as 'active' | 'removed'))
      .execute();
    return new Map(rows.map(({ key, ...row }) => [key, row]));
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

  /** The registered (active) holders of `niks`, each with the household it is in: persons by the active-NIK index. */
  async nikEntries(db: Kysely<DB>, niks: string[]): Promise<NikHolder[]> {
    return selectInLists(niks, (inList) =>
      db
        .selectFrom('persons')
        .select(['nik', 'id as personId', 'villageCode', 'householdId'])
        .where('nik', 'in', inList)
        .where('status', '=', sql.lit('active'))
        .execute(),
    );
  }

  insertHouseholds(db: Kysely<DB>, rows: NewHouseholdRow[]): Promise<void> {
    return insertRows(db, 'households', rows);
  }

  /** Timestamps given as ISO text are stored in the engine's form (src/db/stored-timestamp.ts). */
  insertPersons(db: Kysely<DB>, rows: NewPersonRow[]): Promise<void> {
    return insertRows(
      db,
      'persons',
      rows.map((r) => ({ ...r, ...this.#storedTimestamps(r) })),
    );
  }

  #storedTimestamps(r: PersonUpdate): PersonUpdate {
    const out: PersonUpdate = {};
    if (typeof r.createdAt === 'string') out.createdAt = storedTimestamp(this.#engine, r.createdAt);
    if (typeof r.updatedAt === 'string') out.updatedAt = storedTimestamp(this.#engine, r.updatedAt);
    return out;
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
      .set((eb) => ({ ...patch, ...this.#storedTimestamps(patch), version: eb('version', '+', 1) }))
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
  async personByNik(db: Kysely<DB>, nik: string): Promise<PersonWithHousehold | undefined> {
    const [row] = await personByNikQuery(db, nik);
    return row && personWithHouseholdOf(row);
  }

  /**
   * Where a look-up is a round trip (PostgreSQL), concurrent NIK look-ups are read together
   * (`personsByNiks`, through GroupedRead); on SQLite each is one call into the library.
   */
  get groupsLookups(): boolean {
    return this.#engine === 'postgres';
  }

  /**
   * `personByNik` for several well-formed NIKs (distinct) in one statement, by NIK; a NIK without a holder
   * is left out. Only where look-ups are gathered (`groupsLookups`: the text array is its parameter).
   */
  async personsByNiks(db: Kysely<DB>, niks: readonly string[]): Promise<Map<string, PersonWithHousehold>> {
    const rows = await personsByNiksQuery(db, niks);
    return new Map(rows.map((r) => [r.registryNik, personWithHouseholdOf(r)]));
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

import type { Kysely } from 'kysely';
import { selectInLists, slices } from '../../db/bulk-insert.ts';
import type { DB, DuplicateCandidateRow, DuplicateCandidateTable } from '../../db/schema/index.ts';
import type { DuplicateCandidate } from '../../domain/registry/duplicates.ts';

/** The columns a rule compares, as stored. */
export interface StoredPerson {
  id: string;
  householdId: string;
  name: string;
  birthDate: string;
  regencyCode: string;
  villageCode: string;
}
export interface StoredHousehold {
  id: string;
  kkNumber: string;
  headNameFold: string;
  address: string;
  villageCode: string;
  regencyCode: string;
}

export interface CandidateFilter {
  /** The actor's territory ('' = the nation): both households must lie in it. */
  territory: string;
  /** A region inside the territory to narrow to (or null). */
  region: string | null;
  state: 'open' | 'linked' | 'dismissed' | 'all';
  afterId?: string;
  limit: number;
}

/** A worklist row: the candidate and the columns of both households a reviewer compares at a glance. */
export interface CandidateListRow extends DuplicateCandidateRow {
  aKkNumber: string;
  aHeadName: string;
  aAddress: string;
  aStatus: 'active' | 'removed';
  bKkNumber: string;
  bHeadName: string;
  bAddress: string;
  bStatus: 'active' | 'removed';
}

/** Rows per page while a scan reads a region. */
const SCAN_PAGE = 50_000;
const INSERT_CHUNK = 500;

/** `column` lies in `code` or below it ('' is the whole nation). */
const within = (code: string) => (code === '' ? null : { exact: code, prefix: `${code}.%` });

export class DuplicatesRepository {
  /** Active people of a regency born on any of `birthDates` (the person rule's block). */
  async peopleBornOn(db: Kysely<DB>, regencyCode: string, birthDates: string[]): Promise<StoredPerson[]> {
    return selectInLists(birthDates, (inList) =>
      db
        .selectFrom('persons')
        .select(['id', 'householdId', 'name', 'birthDate', 'regencyCode', 'villageCode'])
        .where('regencyCode', '=', regencyCode)
        .where('birthDate', 'in', inList)
        .where('status', '=', 'active')
        .execute(),
    );
  }

  /** Active households of these villages (the head-and-address rule's block). */
  async householdsIn(db: Kysely<DB>, villageCodes: string[]): Promise<StoredHousehold[]> {
    const out: StoredHousehold[] = [];
    for (const village of new Set(villageCodes))
      out.push(
        ...(await householdColumns(db)
          .where('villageCode', '=', village)
          .where('status', '=', 'active')
          .execute()),
      );
    return out;
  }

  /** Active households holding any of these KK numbers (the KK rule's look-up). */
  async householdsByKk(db: Kysely<DB>, kkNumbers: string[]): Promise<StoredHousehold[]> {
    return selectInLists(kkNumbers, (inList) =>
      householdColumns(db).where('kkNumber', 'in', inList).where('status', '=', 'active').execute(),
    );
  }

  /** Every active household of a regency (inside `regionCode` when deeper), page by page in id order. */
  async *householdsOfRegency(
    db: Kysely<DB>,
    regencyCode: string,
    regionCode: string,
  ): AsyncGenerator<StoredHousehold[]> {
    const w = regionCode.split('.').length > 2 ? within(regionCode) : null;
    let after: string | null = null;
    for (;;) {
      const page: StoredHousehold[] = await householdColumns(db)
        .$if(w !== null, (q) =>
          q.where((eb) => eb.or([eb('villageCode', '=', w!.exact), eb('villageCode', 'like', w!.prefix)])),
        )
        .where('regencyCode', '=', regencyCode)
        .where('status', '=', 'active')
        .$if(after !== null, (q) => q.where('id', '>', after!))
        .orderBy('id')
        .limit(SCAN_PAGE)
        .execute();
      if (page.length === 0) return;
      yield page;
      after = page.at(-1)!.id;
    }
  }

  /**
   * Every active person of a regency (inside `regionCode` when that is deeper), page by page in birth-date
   * order through persons (regency_code, birth_date): a scan compares one birth date's people at a time.
   */
  async *peopleOfRegencyByBirth(
    db: Kysely<DB>,
    regencyCode: string,
    regionCode: string,
  ): AsyncGenerator<StoredPerson[]> {
    const w = regionCode.split('.').length > 2 ? within(regionCode) : null;
    let after: { birthDate: string; id: string } | null = null;
    for (;;) {
      const page: StoredPerson[] = await db
        .selectFrom('persons')
        .select(['id', 'householdId', 'name', 'birthDate', 'regencyCode', 'villageCode'])
        .where('regencyCode', '=', regencyCode)
        .$if(w !== null, (q) =>
          q.where((eb) => eb.or([eb('villageCode', '=', w!.exact), eb('villageCode', 'like', w!.prefix)])),
        )
        .where('status', '=', 'active')
        .$if(after !== null, (q) =>
          q.where((eb) =>
            eb.or([
              eb('birthDate', '>', after!.birthDate),
              eb.and([eb('birthDate', '=', after!.birthDate), eb('id', '>', after!.id)]),
            ]),
          ),
        )
        .orderBy('birthDate')
        .orderBy('id')
        .limit(SCAN_PAGE)
        .execute();
      if (page.length === 0) return;
      yield page;
      const last = page.at(-1)!;
      after = { birthDate: last.birthDate, id: last.id };
    }
  }

  /** The regencies holding active households inside a region ('' = the nation). */
  async regenciesOf(db: Kysely<DB>, regionCode: string): Promise<string[]> {
    const parts = regionCode.split('.');
    if (regionCode !== '' && parts.length >= 2) return [parts.slice(0, 2).join('.')];
    const rows = await db
      .selectFrom('householdCounts')
      .select('regencyCode')
      .distinct()
      .$if(regionCode !== '', (q) => q.where('provinceCode', '=', regionCode))
      .where('households', '>', 0)
      .orderBy('regencyCode')
      .execute();
    return rows.map((r) => r.regencyCode);
  }

  /** Stores new candidates; a pair already flagged by the same rule (in any state) is left as it is. */
  async insert(
    db: Kysely<DB>,
    found: (DuplicateCandidate & Pick<DuplicateCandidateTable, 'id' | 'villageA' | 'villageB' | 'foundAt'>)[],
  ): Promise<number> {
    let inserted = 0;
    for (const part of slices(found, INSERT_CHUNK)) {
      const r = await db
        .insertInto('duplicateCandidates')
        .values(
          part.map((c) => ({
            ...c,
            regencyCode: c.villageA.split('.').slice(0, 2).join('.'),
            state: 'open' as const,
            resolution: null,
            resolvedBy: null,
            resolvedAt: null,
            resolutionNote: null,
          })),
        )
        .onConflict((oc) => oc.columns(['householdA', 'householdB', 'rule']).doNothing())
        .executeTakeFirst();
      inserted += Number(r.numInsertedOrUpdatedRows ?? 0);
    }
    return inserted;
  }

  list(db: Kysely<DB>, f: CandidateFilter): Promise<CandidateListRow[]> {
    const inRegion = [within(f.territory), f.region ? within(f.region) : null].filter((w) => w !== null);
    const parts = (f.region ?? f.territory).split('.');
    const regency = parts.length >= 2 ? parts.slice(0, 2).join('.') : null;
    return db
      .selectFrom('duplicateCandidates as d')
      .innerJoin('households as a', 'a.id', 'd.householdA')
      .innerJoin('households as b', 'b.id', 'd.householdB')
      .selectAll('d')
      .select([
        'a.kkNumber as aKkNumber',
        'a.headName as aHeadName',
        'a.address as aAddress',
        'a.status as aStatus',
        'b.kkNumber as bKkNumber',
        'b.headName as bHeadName',
        'b.address as bAddress',
        'b.status as bStatus',
      ])
      .where((eb) =>
        eb.and(
          inRegion.flatMap((w) =>
            (['d.villageA', 'd.villageB'] as const).map((col) =>
              eb.or([eb(col, '=', w.exact), eb(col, 'like', w.prefix)]),
            ),
          ),
        ),
      )
      .$if(regency !== null, (q) => q.where('d.regencyCode', '=', regency!))
      .$if(f.state !== 'all', (q) => q.where('d.state', '=', f.state as 'open'))
      .$if(f.afterId !== undefined, (q) => q.where('d.id', '>', f.afterId!))
      .orderBy('d.id')
      .limit(f.limit)
      .execute();
  }

  findById(db: Kysely<DB>, id: string): Promise<DuplicateCandidateRow | undefined> {
    return db.selectFrom('duplicateCandidates').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Closes an open candidate; false when it was no longer open. */
  async resolve(
    db: Kysely<DB>,
    id: string,
    r: Pick<DuplicateCandidateRow, 'state' | 'resolution' | 'resolvedBy' | 'resolvedAt' | 'resolutionNote'>,
  ): Promise<boolean> {
    const res = await db
      .updateTable('duplicateCandidates')
      .set(r)
      .where('id', '=', id)
      .where('state', '=', 'open')
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }
}

function householdColumns(db: Kysely<DB>) {
  return db
    .selectFrom('households')
    .select(['id', 'kkNumber', 'headNameFold', 'address', 'villageCode', 'regencyCode']);
}

import type { Insertable, Kysely } from 'kysely';
import type { DB, SubmissionCommentRow, SubmissionRow } from '../../db/schema/index.ts';

export interface SignedSession {
  id: string;
  villageCode: string;
  districtCode: string;
  heldOn: string | null;
  beritaAcaraId: string | null;
  signedScanId: string | null;
  updatedAt: string;
}

export interface SubmissionFilter {
  period?: string;
  /** Regency codes start with the province code: a province or regency prefix narrows the list. */
  regionPrefix?: string;
  state?: string;
  /** Keyset: the rows after this one in the list's order (period newest first, then regency code). */
  after?: { period: string; regencyCode: string };
  limit: number;
}

/** The only place with the SQL of regency submissions (pengesahan). */
export class SubmissionsRepository {
  findById(db: Kysely<DB>, id: string): Promise<SubmissionRow | undefined> {
    return db.selectFrom('submissions').selectAll().where('id', '=', id).executeTakeFirst();
  }

  findFor(db: Kysely<DB>, period: string, regencyCode: string): Promise<SubmissionRow | undefined> {
    return db
      .selectFrom('submissions')
      .selectAll()
      .where('period', '=', period)
      .where('regencyCode', '=', regencyCode)
      .executeTakeFirst();
  }

  async insert(db: Kysely<DB>, row: Insertable<DB['submissions']>): Promise<void> {
    await db.insertInto('submissions').values(row).execute();
  }

  /** Optimistic update; false when the stored version is not `version`. */
  async update(db: Kysely<DB>, id: string, version: number, patch: Partial<SubmissionRow>): Promise<boolean> {
    const r = await db
      .updateTable('submissions')
      .set({ ...patch, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  list(db: Kysely<DB>, f: SubmissionFilter): Promise<SubmissionRow[]> {
    return db
      .selectFrom('submissions')
      .selectAll()
      .$if(f.period !== undefined, (q) => q.where('period', '=', f.period!))
      .$if(f.state !== undefined, (q) => q.where('state', '=', f.state!))
      .$if(f.regionPrefix !== undefined, (q) =>
        q.where((eb) =>
          eb.or([eb('regencyCode', '=', f.regionPrefix!), eb('provinceCode', '=', f.regionPrefix!)]),
        ),
      )
      .$if(f.after !== undefined, (q) =>
        q.where((eb) =>
          eb.or([
            eb('period', '<', f.after!.period),
            eb.and([eb('period', '=', f.after!.period), eb('regencyCode', '>', f.after!.regencyCode)]),
          ]),
        ),
      )
      .orderBy('period', 'desc')
      .orderBy('regencyCode')
      .limit(f.limit)
      .execute();
  }

  /**
   * Musdes/Muskel sessions of a regency's villages whose Berita Acara has been signed (state `signed`),
   * read straight from the Musdes table so pengesahan does not depend on the Musdes service.
   */
  signedSessions(db: Kysely<DB>, regencyCode: string, period: string): Promise<SignedSession[]> {
    return db
      .selectFrom('musdesSessions')
      .select(['id', 'villageCode', 'districtCode', 'heldOn', 'beritaAcaraId', 'signedScanId', 'updatedAt'])
      .where('regencyCode', '=', regencyCode)
      .where('period', '=', period)
      .where('state', '=', 'signed')
      .orderBy('villageCode')
      .execute();
  }

  /** The regency's sessions of a period that are not signed yet. */
  openSessions(db: Kysely<DB>, regencyCode: string, period: string, states: readonly string[]) {
    return db
      .selectFrom('musdesSessions')
      .select(['id', 'villageCode', 'state'])
      .where('regencyCode', '=', regencyCode)
      .where('period', '=', period)
      .where('state', 'in', [...states])
      .orderBy('villageCode')
      .execute();
  }

  /** How many of the regency's villages have a session of the period, whatever its state. */
  async villagesWithSession(db: Kysely<DB>, regencyCode: string, period: string): Promise<number> {
    const r = await db
      .selectFrom('musdesSessions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('regencyCode', '=', regencyCode)
      .where('period', '=', period)
      .executeTakeFirst();
    return Number(r?.n ?? 0);
  }

  /** Proposals of the regency and period in `states`: the first `limit` (by village, name) and the total. */
  async pendingUsulan(
    db: Kysely<DB>,
    regencyCode: string,
    period: string,
    states: readonly string[],
    limit: number,
  ) {
    const base = db
      .selectFrom('usulan')
      .where('regencyCode', '=', regencyCode)
      .where('period', '=', period)
      .where('state', 'in', [...states]);
    const items = await base
      .select(['id', 'villageCode', 'kind', 'state'])
      .orderBy('villageCode')
      .orderBy('kind')
      .orderBy('id')
      .limit(limit)
      .execute();
    const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
    return { items, total: Number(total?.n ?? 0) };
  }

  /** The sessions frozen into a submitted set, by id. */
  sessionsByIds(db: Kysely<DB>, ids: string[]): Promise<SignedSession[]> {
    if (!ids.length) return Promise.resolve([]);
    return db
      .selectFrom('musdesSessions')
      .select(['id', 'villageCode', 'districtCode', 'heldOn', 'beritaAcaraId', 'signedScanId', 'updatedAt'])
      .where('id', 'in', ids)
      .orderBy('villageCode')
      .execute();
  }

  /** The villages (level 4) of a regency, in code order. */
  villagesOf(db: Kysely<DB>, regencyCode: string): Promise<{ code: string; name: string }[]> {
    return db
      .selectFrom('regions')
      .select(['code', 'name'])
      .where('level', '=', 4)
      .where('code', 'like', `${regencyCode}.%`)
      .orderBy('code')
      .execute();
  }

  /** Proposals of the regency for the period per state (what the submission carries). */
  usulanCounts(db: Kysely<DB>, regencyCode: string, period: string) {
    return db
      .selectFrom('usulan')
      .select(['state', (eb) => eb.fn.countAll<number>().as('count')])
      .where('regencyCode', '=', regencyCode)
      .where('period', '=', period)
      .groupBy('state')
      .execute();
  }

  /** The regencies (level 2) of the nation or of one province, for the national overview. */
  regencies(
    db: Kysely<DB>,
    provinceCode?: string,
  ): Promise<{ code: string; name: string; provinceCode: string }[]> {
    return db
      .selectFrom('regions')
      .select(['code', 'name', 'provinceCode'])
      .where('level', '=', 2)
      .$if(provinceCode !== undefined, (q) => q.where('provinceCode', '=', provinceCode!))
      .orderBy('code')
      .execute();
  }

  async insertComment(db: Kysely<DB>, row: SubmissionCommentRow): Promise<void> {
    await db.insertInto('submissionComments').values(row).execute();
  }

  /** A submission's comments, oldest first, with the author's current display name (null: no such user). */
  comments(
    db: Kysely<DB>,
    submissionId: string,
  ): Promise<(SubmissionCommentRow & { authorDisplayName: string | null })[]> {
    return db
      .selectFrom('submissionComments')
      .leftJoin('users', 'users.id', 'submissionComments.authorId')
      .selectAll('submissionComments')
      .select('users.displayName as authorDisplayName')
      .where('submissionId', '=', submissionId)
      .orderBy('submissionComments.createdAt')
      .orderBy('submissionComments.id')
      .execute();
  }

  /** Submissions waiting at a province whose automatic forwarding time has come. */
  dueForForward(db: Kysely<DB>, now: string): Promise<SubmissionRow[]> {
    return db
      .selectFrom('submissions')
      .selectAll()
      .where('state', '=', 'at_province')
      .where('forwardDueAt', '<=', now)
      .orderBy('forwardDueAt')
      .execute();
  }
}

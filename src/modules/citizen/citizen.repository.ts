import type { Kysely } from 'kysely';
import type {
  CitizenAccountRow,
  CitizenAccountTable,
  CitizenCodeRow,
  CitizenSessionRow,
  DB,
} from '../../db/schema/index.ts';
import type { AccessCount } from '../../domain/access/access-log.ts';
import type { CitizenAccountState } from '../../domain/citizen/account-state.ts';
import type { RegionColumn } from '../access/actor.ts';

/** The only SQL of citizen accounts, their one-time codes and sessions. */
export class CitizenRepository {
  async insert(db: Kysely<DB>, row: CitizenAccountRow): Promise<void> {
    await db.insertInto('citizenAccounts').values(row).execute();
  }

  findById(db: Kysely<DB>, id: string): Promise<CitizenAccountRow | undefined> {
    return db.selectFrom('citizenAccounts').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** The live (not rejected) account of a NIK or an e-mail address. */
  findLive(db: Kysely<DB>, by: { nik: string } | { email: string }): Promise<CitizenAccountRow | undefined> {
    return db
      .selectFrom('citizenAccounts')
      .selectAll()
      .$if('nik' in by, (q) => q.where('nikLive', '=', (by as { nik: string }).nik))
      .$if('email' in by, (q) => q.where('emailLive', '=', (by as { email: string }).email))
      .executeTakeFirst();
  }

  /** The account a login names: the live one of the NIK or e-mail, else the latest (a rejected one). */
  findLatest(
    db: Kysely<DB>,
    by: { nik: string } | { email: string },
  ): Promise<CitizenAccountRow | undefined> {
    return db
      .selectFrom('citizenAccounts')
      .selectAll()
      .$if('nik' in by, (q) => q.where('nik', '=', (by as { nik: string }).nik))
      .$if('email' in by, (q) => q.where('email', '=', (by as { email: string }).email))
      .orderBy('createdAt', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  async usernameTaken(db: Kysely<DB>, username: string): Promise<boolean> {
    const row = await db
      .selectFrom('citizenAccounts')
      .select('id')
      .where('username', '=', username)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Updates an account at `version` (optimistic); answers whether it was still at that version. */
  async update(
    db: Kysely<DB>,
    id: string,
    version: number,
    set: Partial<Omit<CitizenAccountTable, 'id' | 'version'>>,
  ): Promise<boolean> {
    const r = await db
      .updateTable('citizenAccounts')
      .set({ ...set, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /** Accounts of a territory in a state, oldest first, keyset-paged by id. */
  list(
    db: Kysely<DB>,
    f: {
      scope: { column: RegionColumn; value: string } | null;
      state: CitizenAccountState;
      afterId?: string;
      limit: number;
    },
  ): Promise<CitizenAccountRow[]> {
    return db
      .selectFrom('citizenAccounts')
      .selectAll()
      .where('state', '=', f.state)
      .$if(f.scope !== null, (q) => q.where(f.scope!.column, '=', f.scope!.value))
      .$if(f.afterId !== undefined, (q) => q.where('id', '>', f.afterId!))
      .orderBy('id')
      .limit(f.limit)
      .execute();
  }

  async insertCode(db: Kysely<DB>, row: CitizenCodeRow): Promise<void> {
    await db.insertInto('citizenCodes').values(row).execute();
  }

  /** When the account's codes of `purpose` made since `since` were made (the sending limit). */
  async codeTimes(
    db: Kysely<DB>,
    accountId: string,
    purpose: 'contact' | 'reset',
    since: string,
  ): Promise<string[]> {
    const rows = await db
      .selectFrom('citizenCodes')
      .select('createdAt')
      .where('accountId', '=', accountId)
      .where('purpose', '=', purpose)
      .where('createdAt', '>', since)
      .execute();
    return rows.map((r) => r.createdAt);
  }

  /** The latest code of the purpose: only the last one sent counts, earlier ones are void. */
  latestCode(
    db: Kysely<DB>,
    accountId: string,
    purpose: 'contact' | 'reset',
  ): Promise<CitizenCodeRow | undefined> {
    return db
      .selectFrom('citizenCodes')
      .selectAll()
      .where('accountId', '=', accountId)
      .where('purpose', '=', purpose)
      .orderBy('createdAt', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  /**
   * Counts one try of a code, only while it may still be tried (not used, under the limit): one
   * conditional update, so parallel guesses are counted one by one and never exceed the limit.
   */
  async claimCodeAttempt(db: Kysely<DB>, id: string, maxAttempts: number): Promise<boolean> {
    const r = await db
      .updateTable('citizenCodes')
      .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
      .where('id', '=', id)
      .where('usedAt', 'is', null)
      .where('attempts', '<', maxAttempts)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /** Marks a code used, once: false when another request used it first. */
  async redeemCode(db: Kysely<DB>, id: string, at: string): Promise<boolean> {
    const r = await db
      .updateTable('citizenCodes')
      .set({ usedAt: at })
      .where('id', '=', id)
      .where('usedAt', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async insertSession(db: Kysely<DB>, row: CitizenSessionRow): Promise<void> {
    await db.insertInto('citizenSessions').values(row).execute();
  }

  sessionWithAccount(db: Kysely<DB>, id: string) {
    return db
      .selectFrom('citizenSessions')
      .innerJoin('citizenAccounts', 'citizenAccounts.id', 'citizenSessions.accountId')
      .select([
        'citizenSessions.accountId',
        'citizenSessions.expiresAt',
        'citizenSessions.lastUsedAt',
        'citizenSessions.revokedAt',
        'citizenAccounts.username',
        'citizenAccounts.state',
        'citizenAccounts.villageCode',
      ])
      .where('citizenSessions.id', '=', id)
      .executeTakeFirst();
  }

  async touchSession(db: Kysely<DB>, id: string, at: string): Promise<void> {
    await db.updateTable('citizenSessions').set({ lastUsedAt: at }).where('id', '=', id).execute();
  }

  async revokeSession(db: Kysely<DB>, id: string, at: string): Promise<void> {
    await db.updateTable('citizenSessions').set({ revokedAt: at }).where('id', '=', id).execute();
  }

  /** Ends every session of an account (after a password reset). */
  async revokeSessions(db: Kysely<DB>, accountId: string, at: string): Promise<void> {
    await db
      .updateTable('citizenSessions')
      .set({ revokedAt: at })
      .where('accountId', '=', accountId)
      .where('revokedAt', 'is', null)
      .execute();
  }

  /**
   * The latest instant before `before` (null: now) of an audit entry about these records — their own
   * entries (`audit_log`, index (entity_id, at) of migration 078) or list reads that returned them
   * (`audit_subjects`, keyed by entity and time): one index probe per record and table, in one statement.
   */
  async latestAccess(db: Kysely<DB>, entityIds: string[], before: string | null): Promise<string | null> {
    const row = await this.latestAccessQuery(db, entityIds, before).executeTakeFirstOrThrow();
    const found = Object.values(row as Record<string, string | null>).filter((a): a is string => a !== null);
    return found.length ? found.reduce((a, b) => (a > b ? a : b)) : null;
  }

  /** The statement of `latestAccess` (its plan is tested: test/medium/citizen-access-log-plans.test.ts). */
  latestAccessQuery(db: Kysely<DB>, entityIds: string[], before: string | null) {
    const probes = entityIds.flatMap((id) =>
      (['auditLog', 'auditSubjects'] as const).map((table) =>
        db
          .selectFrom(table)
          .select((eb) => eb.fn.max('at').as('at'))
          .where('entityId', '=', id)
          .$if(before !== null, (q) => q.where('at', '<', before!)),
      ),
    );
    return db.selectNoFrom((eb) =>
      probes.map((p, i) =>
        eb
          .selectFrom(p.as(`p${i}`))
          .select('at')
          .as(`a${i}`),
      ),
    );
  }

  /**
   * The entries about these records in [from, to), counted per office (the staff user's territory, never
   * their name), role, purpose and action, with the first and last time. An entry that names several of the
   * records — a list holding both the household and the person, or its own row and a subject row — counts
   * once (UNION on the entry's id). Entries without a role (system work) are not a person's read.
   */
  async accessCounts(db: Kysely<DB>, entityIds: string[], from: string, to: string): Promise<AccessCount[]> {
    const rows = await this.accessCountsQuery(db, entityIds, from, to).execute();
    return rows.map((r) => ({ ...r, count: Number(r.count) }));
  }

  /** The statement of `accessCounts` (its plan is tested beside `latestAccessQuery`'s). */
  accessCountsQuery(db: Kysely<DB>, entityIds: string[], from: string, to: string) {
    const own = db
      .selectFrom('auditLog')
      .select(['id as auditId', 'at', 'action', 'actorId', 'actorRole', 'purpose'])
      .where('entityId', 'in', entityIds)
      .where('at', '>=', from)
      .where('at', '<', to);
    const listed = db
      .selectFrom('auditSubjects')
      .select(['auditId', 'at', 'action', 'actorId', 'actorRole', 'purpose'])
      .where('entityId', 'in', entityIds)
      .where('at', '>=', from)
      .where('at', '<', to);
    return db
      .selectFrom(own.union(listed).as('e'))
      .leftJoin('users', 'users.id', 'e.actorId')
      .select((eb) => [
        'users.regionCode as officeRegionCode',
        'e.actorRole as role',
        'e.purpose',
        'e.action',
        eb.fn.countAll<number>().as('count'),
        eb.fn.min('e.at').as('firstAt'),
        eb.fn.max('e.at').as('lastAt'),
      ])
      .where('e.actorRole', 'is not', null)
      .groupBy(['users.regionCode', 'e.actorRole', 'e.purpose', 'e.action'])
      .$narrowType<{ role: string }>();
  }
}

import type { Kysely } from 'kysely';
import type {
  CitizenAccountRow,
  CitizenAccountTable,
  CitizenCodeRow,
  CitizenSessionRow,
  DB,
} from '../../db/schema/index.ts';
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
   * Audit entries about a record (its household, the person, or the NIK itself), newest first, with the
   * territory of the staff user who made each: never their name.
   */
  accessLog(db: Kysely<DB>, entityIds: string[], limit: number) {
    return db
      .selectFrom('auditLog')
      .leftJoin('users', 'users.id', 'auditLog.actorId')
      .select([
        'auditLog.seq',
        'auditLog.at',
        'auditLog.action',
        'auditLog.actorRole',
        'auditLog.actorId',
        'auditLog.purpose',
        'users.regionCode as officeRegionCode',
      ])
      .where('auditLog.entityId', 'in', entityIds)
      .orderBy('auditLog.seq', 'desc')
      .limit(limit)
      .execute();
  }

  /** List and search reads that returned any of these records (`audit_subjects`), newest first. */
  listReads(db: Kysely<DB>, entityIds: string[], limit: number) {
    return db
      .selectFrom('auditSubjects')
      .leftJoin('users', 'users.id', 'auditSubjects.actorId')
      .select([
        'auditSubjects.at',
        'auditSubjects.auditId',
        'auditSubjects.action',
        'auditSubjects.actorRole',
        'auditSubjects.actorId',
        'auditSubjects.purpose',
        'users.regionCode as officeRegionCode',
      ])
      .where('auditSubjects.entityId', 'in', entityIds)
      .orderBy('auditSubjects.at', 'desc')
      .limit(limit)
      .execute();
  }
}

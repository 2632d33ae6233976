/**
 * Citizen accounts (issue 14, seed 001) and "who read my data" (UU 27/2022). A citizen registers on the
 * public pages, confirms the phone or e-mail with a one-time code, uploads a KTP photo and a selfie holding
 * it, and is verified by the village's staff against the registry. Nothing a request answers tells whether
 * another account exists: registering a NIK or address that has an account, asking for a code or a
 * password reset all answer the same (the owner gets a notice instead), and every wrong, used, expired or
 * foreign code is the same `citizen.code_invalid`. Codes are stored as keyed hashes, tried at most five
 * times (counted atomically), used once. Logins are throttled like staff logins (login_attempts, keys
 * prefixed `citizen:`).
 */
import { createHmac, hash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { Config } from '../../config.ts';
import type { CitizenAccountRow, DB } from '../../db/schema/index.ts';
import { type AccessGroup, groupDay } from '../../domain/access/access-log.ts';
import {
  freeAttempts,
  LOCKOUT,
  lockedUntil,
  waitMinutes,
  waitSteps,
} from '../../domain/access/login-backoff.ts';
import { passwordIssues } from '../../domain/access/password-policy.ts';
import { ROLE_INFO, type Role } from '../../domain/access/roles.ts';
import { label } from '../../domain/catalogue.ts';
import {
  type CitizenAccountState,
  citizenStep,
  seesOwnRecord,
  verificationBlockers,
} from '../../domain/citizen/account-state.ts';
import {
  CODE_RULES,
  codeExpiry,
  codeVerdict,
  mayIssueCode,
  normalizeCode,
} from '../../domain/citizen/one-time-code.ts';
import { ATTACHMENT_KINDS } from '../../domain/cycle/attachments.ts';
import {
  AppError,
  type FieldIssue,
  issue,
  notFound,
  validationError,
  versionConflict,
} from '../../domain/errors.ts';
import { normalizeEmail, normalizeIndonesianPhone } from '../../domain/identifiers/contact.ts';
import { parseKk } from '../../domain/identifiers/parse-kk.ts';
import { parseNik } from '../../domain/identifiers/parse-nik.ts';
import { foldName } from '../../domain/names/name-fold.ts';
import { codeAtLevel, normalizeRegionCode } from '../../domain/regions/region-code.ts';
import {
  dayStart,
  type IndonesianTimeZone,
  localDay,
  timeZoneOfRegion,
} from '../../domain/regions/time-zone.ts';
import { clientKey } from '../../lib/client-key.ts';
import { isRecordId, newId } from '../../lib/ids.ts';
import { type Actor, isWithin, regionScope, requirePermission } from '../access/actor.ts';
import type { AttachmentsService } from '../attachments/attachments.service.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { AuthRepository } from '../auth/auth.repository.ts';
import type { ClientInfo } from '../auth/auth.service.ts';
import { dummyHash, hashPassword, verifyPassword } from '../auth/password.ts';
import type { HouseholdsRepository } from '../households/households.repository.ts';
import type { RegionsService } from '../regions/regions.service.ts';
import type { CitizenRepository } from './citizen.repository.ts';
import type { CodeChannel, CodeSender } from './code-sender.ts';

const SESSION_HOURS = 12;
const TOUCH_AFTER_MS = 5 * 60_000;
/** Later than any audit entry: the upper bound of the newest day's counts (entries of a clock set ahead included). */
const FAR_FUTURE = '9999-12-31T00:00:00.000Z';
const ACCOUNT = label('record.citizen_account');
const USERNAME = /^[a-z0-9._-]{3,30}$/;

export const CITIZEN_COOKIE = 'dtks_citizen';

/** A logged-in citizen, as the auth boundary hands it to citizen routes. */
export interface CitizenSession {
  accountId: string;
  username: string;
  state: CitizenAccountState;
  villageCode: string;
  ip: string | null;
  userAgent: string | null;
}

export interface CitizenRegistration {
  nik: string;
  kkNumber: string;
  fullName: string;
  address: string;
  rt: string;
  rw: string;
  villageCode: string;
  phone: string;
  email: string;
  username: string;
  password: string;
  /** Where the confirmation code goes (default e-mail). */
  channel?: CodeChannel;
}

/** What the citizen sees of their own account. */
export interface CitizenAccountView {
  username: string;
  fullName: string;
  nik: string;
  kkNumber: string;
  address: string;
  rt: string;
  rw: string;
  villageCode: string;
  villageName: string | null;
  phone: string;
  email: string;
  state: CitizenAccountState;
  decidedAt: string | null;
  decisionNote: string | null;
  documents: { ktpPhoto: boolean; ktpSelfie: boolean };
  createdAt: string;
}

/** One line of "who read my data": a day's reads or changes by one office, role and purpose, never a name. */
export interface AccessLogGroup extends AccessGroup {
  roleLabel: { id: string; en: string } | null;
  officeRegionName: string | null;
}

/** A pending account as the village's staff see it, with what the registry says of its NIK. */
export interface CitizenAccountForStaff {
  id: string;
  version: number;
  state: CitizenAccountState;
  username: string;
  fullName: string;
  nik: string;
  kkNumber: string;
  address: string;
  rt: string;
  rw: string;
  villageCode: string;
  villageName: string | null;
  phone: string;
  email: string;
  createdAt: string;
  contactConfirmedAt: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
  ktpAttachmentId: string | null;
  selfieAttachmentId: string | null;
}

export interface RegistryComparison {
  /** The NIK is registered in a household the staff member may see. */
  nikFound: boolean;
  /** That household's KK number is the one the citizen gave. */
  kkMatches: boolean | null;
  /** The registered name is the given one (ignoring case, spacing and common spelling variants). */
  nameMatches: boolean | null;
  /** The registered village is the given one. */
  villageMatches: boolean | null;
  registeredName: string | null;
}

const hashToken = (token: string) => hash('sha256', token);

export interface CitizenDeps {
  db: Kysely<DB>;
  repo: CitizenRepository;
  /** Login attempts are counted in the staff login's table, under keys `citizen:<login>`. */
  loginAttempts: AuthRepository;
  householdsRepo: HouseholdsRepository;
  regions: RegionsService;
  attachments: AttachmentsService;
  audit: AuditService;
  sender: CodeSender;
  config: Config;
}

export class CitizenService {
  readonly #deps: CitizenDeps;

  constructor(deps: CitizenDeps) {
    this.#deps = deps;
  }

  get sender(): CodeSender {
    return this.#deps.sender;
  }

  /** The key codes are hashed with: derived from the audit HMAC key, kept outside the database. */
  #codeHash(codeId: string, code: string): string {
    const key = createHmac('sha256', this.#deps.audit.keys.hmac().key).update('dtks citizen codes').digest();
    return createHmac('sha256', key).update(`${codeId}:${code}`).digest('hex');
  }

  #now(): Date {
    return this.#deps.config.now();
  }

  /**
   * Registers an account in `pending_contact` and sends the confirmation code. When the NIK or e-mail
   * already has a live account, nothing is created and that account's owner is told by e-mail instead:
   * the answer is the same, so registering cannot be used to find out who has an account.
   */
  async register(input: CitizenRegistration, client: ClientInfo): Promise<{ channel: CodeChannel }> {
    const { db, repo, regions, sender } = this.#deps;
    const today = this.#now();
    const issues: FieldIssue[] = [];
    const nik = parseNik(input.nik, { field: 'nik', today });
    if (!nik.ok) issues.push(...nik.errors);
    const kk = parseKk(input.kkNumber, { field: 'kkNumber', today });
    if (!kk.ok) issues.push(...kk.errors);
    const phone = normalizeIndonesianPhone(input.phone, 'phone');
    if (!phone.ok) issues.push(phone.issue);
    const email = normalizeEmail(input.email, 'email');
    if (!email.ok) issues.push(email.issue);
    const username = input.username.trim().toLowerCase();
    if (!USERNAME.test(username)) issues.push(issue('username', 'citizen.username_invalid'));
    const village = normalizeRegionCode(input.villageCode);
    let villageCode = '';
    if (!village.ok) issues.push({ ...village.issue, field: 'villageCode' });
    else if ((await regions.find(village.code))?.level !== 4) {
      issues.push(issue('villageCode', 'region.unknown', { normCode: village.code }));
    } else villageCode = village.code;
    const fullName = input.fullName.trim().replace(/\s+/g, ' ');
    issues.push(...passwordIssues(input.password, { username, displayName: fullName }));
    const channel = input.channel ?? 'email';
    if (!sender.channels.includes(channel)) {
      issues.push(issue('channel', 'citizen.channel_unavailable', { channels: sender.channels.join(', ') }));
    }
    if (issues.length === 0 && (await repo.usernameTaken(db, username))) {
      issues.push(issue('username', 'citizen.username_taken'));
    }
    if (issues.length) throw validationError(issues);
    const nikValue = nik.ok ? nik.value.nik : '';
    const emailValue = email.ok ? email.value.toLowerCase() : '';
    const passwordHash = await hashPassword(input.password);
    const existing =
      (await repo.findLive(db, { nik: nikValue })) ?? (await repo.findLive(db, { email: emailValue }));
    const now = today.toISOString();
    if (existing) {
      await this.#deps.audit.recordRead(citizenActor(existing, client), {
        action: 'citizen.register_existing',
        entityType: 'citizen_account',
        entityId: existing.id,
        regionCode: existing.villageCode,
        details: { client: clientKey(client.ip) },
      });
      this.#deliver({
        channel: 'email',
        to: existing.email,
        subject: 'DTKS: pendaftaran akun dengan data Anda',
        text:
          'Seseorang mencoba mendaftar akun warga DTKS dengan NIK atau email Anda, yang sudah memiliki akun. ' +
          'Bila itu Anda dan lupa kata sandi, gunakan "Lupa kata sandi". Bila bukan Anda, abaikan pesan ini.',
      });
      return { channel };
    }
    const row: CitizenAccountRow = {
      id: newId(),
      nik: nikValue,
      nikLive: nikValue,
      kkNumber: kk.ok ? kk.value.kk : '',
      fullName,
      address: input.address.trim(),
      rt: input.rt.trim().padStart(3, '0'),
      rw: input.rw.trim().padStart(3, '0'),
      provinceCode: codeAtLevel(villageCode, 1),
      regencyCode: codeAtLevel(villageCode, 2),
      districtCode: codeAtLevel(villageCode, 3),
      villageCode,
      phone: phone.ok ? phone.value : '',
      email: emailValue,
      emailLive: emailValue,
      username,
      passwordHash,
      state: 'pending_contact',
      contactConfirmedAt: null,
      decidedAt: null,
      decidedBy: null,
      decisionNote: null,
      ktpAttachmentId: null,
      selfieAttachmentId: null,
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
    let code: string;
    try {
      code = await db.transaction().execute(async (trx) => {
        await repo.insert(trx, row);
        await this.#deps.audit.record(trx, citizenActor(row, client), {
          action: 'citizen.register',
          entityType: 'citizen_account',
          entityId: row.id,
          regionCode: villageCode,
          details: { channel },
        });
        return this.#issueCode(trx, row.id, 'contact', channel);
      });
    } catch (err) {
      // Another registration took the NIK, e-mail or username between our checks and the insert.
      if (await repo.usernameTaken(db, username)) {
        if (
          !(await repo.findLive(db, { nik: nikValue })) &&
          !(await repo.findLive(db, { email: emailValue }))
        )
          throw validationError([issue('username', 'citizen.username_taken')]);
        return { channel };
      }
      throw err;
    }
    this.#sendCode(row, 'contact', channel, code);
    return { channel };
  }

  /** Sends a new confirmation code (same answer whatever the login names). */
  async resendContactCode(login: string, client: ClientInfo): Promise<void> {
    const account = await this.#findForLogin(login);
    if (account?.state !== 'pending_contact') return;
    const channel: CodeChannel = 'email';
    const code = await this.#deps.db
      .transaction()
      .execute((trx) => this.#issueCodeLimited(trx, account, 'contact', channel, client));
    if (code) this.#sendCode(account, 'contact', channel, code);
  }

  /** Confirms the phone or e-mail with the code sent to it: `pending_contact` → `pending_verification`. */
  async confirmContact(login: string, typed: string, client: ClientInfo): Promise<void> {
    const account = await this.#findForLogin(login);
    await this.#redeemCode(account, 'contact', typed, client, async (trx, a) => {
      const next = citizenStep(a.state, 'confirm_contact');
      const now = this.#now().toISOString();
      await this.#deps.repo.update(trx, a.id, a.version, {
        state: next,
        contactConfirmedAt: now,
        updatedAt: now,
      });
      await this.#deps.audit.record(trx, citizenActor(a, client), {
        action: 'citizen.contact_confirmed',
        entityType: 'citizen_account',
        entityId: a.id,
        regionCode: a.villageCode,
      });
    });
  }

  /** Sends a password-reset code to the account's e-mail; the same answer whether or not it exists. */
  async forgotPassword(login: string, client: ClientInfo): Promise<void> {
    const account = await this.#findForLogin(login);
    if (!account || account.state === 'rejected') return;
    const code = await this.#deps.db
      .transaction()
      .execute((trx) => this.#issueCodeLimited(trx, account, 'reset', 'email', client));
    if (code) this.#sendCode(account, 'reset', 'email', code);
  }

  /**
   * Sets a new password with a reset code: every session of the account ends and its login waits are
   * cleared. The password policy is checked before the code is used, so a weak password does not cost it.
   */
  async resetPassword(login: string, typed: string, password: string, client: ClientInfo): Promise<void> {
    const early = passwordIssues(password, { username: '' });
    if (early.length) throw validationError(early);
    const account = await this.#findForLogin(login);
    if (account) {
      const named = passwordIssues(password, { username: account.username, displayName: account.fullName });
      if (named.length) throw validationError(named);
    }
    const passwordHash = await hashPassword(password);
    await this.#redeemCode(account, 'reset', typed, client, async (trx, a) => {
      const now = this.#now().toISOString();
      await this.#deps.repo.update(trx, a.id, a.version, { passwordHash, updatedAt: now });
      await this.#deps.repo.revokeSessions(trx, a.id, now);
      await this.#deps.loginAttempts.clearAttempts(trx, loginKey(a.email));
      await this.#deps.loginAttempts.clearAttempts(trx, loginKey(a.nik));
      await this.#deps.audit.record(trx, citizenActor(a, client), {
        action: 'citizen.password_reset',
        entityType: 'citizen_account',
        entityId: a.id,
        regionCode: a.villageCode,
      });
    });
  }

  /**
   * Logs in with the e-mail or the NIK and the password, throttled like staff logins: counted per login
   * (existing or not) and client address before the password is checked.
   */
  async login(
    login: string,
    password: string,
    client: ClientInfo,
  ): Promise<{ token: string; account: CitizenAccountView }> {
    const { db, repo, loginAttempts, audit } = this.#deps;
    const key = loginKey(login);
    const from = clientKey(client.ip);
    const now = this.#now();
    const at = now.toISOString();
    const forgetBefore = new Date(now.getTime() - LOCKOUT.forgetAfterHours * 3600_000).toISOString();
    const free = freeAttempts(await loginAttempts.accountFailures(db, key, forgetBefore));
    const failures = await loginAttempts.claimAttempt(db, {
      username: key,
      client: from,
      at,
      free,
      waitCutoffs: waitSteps().map((m) => new Date(now.getTime() - m * 60_000).toISOString()),
      forgetBefore,
    });
    const account = await this.#findForLogin(login);
    const actor: Actor = account
      ? citizenActor(account, client)
      : { ...anonymousCitizen(client), username: `citizen:${key.slice(8, 80)}` };
    const subject = account ? { entityType: 'citizen_account', entityId: account.id } : {};
    if (failures === undefined) {
      const row = await loginAttempts.attempts(db, key, from);
      const until = (row && lockedUntil(row.failures, row.lastAttemptAt, free)) ?? at;
      await audit.recordRead(actor, { action: 'citizen.login_locked', ...subject });
      const retryAfter = Math.max(1, Math.ceil((Date.parse(until) - now.getTime()) / 1000));
      throw new AppError(
        'rate_limited',
        'auth.locked',
        { until },
        { extra: { lockedUntil: until, retryAfter } },
      );
    }
    const ok = await verifyPassword(password, account?.passwordHash ?? (await dummyHash()));
    if (!ok || !account) {
      const locks = waitMinutes(failures, free) > 0;
      await db.transaction().execute(async (trx) => {
        await loginAttempts.addAccountFailure(trx, key, at, forgetBefore);
        await audit.record(trx, actor, {
          action: locks ? 'citizen.locked' : 'citizen.login_failed',
          ...subject,
          ...(account ? { regionCode: account.villageCode } : {}),
          details: { failures, client: from },
        });
      });
      throw new AppError('unauthorized', 'citizen.invalid_credentials');
    }
    const token = randomBytes(32).toString('base64url');
    await db.transaction().execute(async (trx) => {
      await loginAttempts.clearAttempts(trx, key, from);
      await repo.insertSession(trx, {
        id: hashToken(token),
        accountId: account.id,
        createdAt: at,
        expiresAt: new Date(now.getTime() + SESSION_HOURS * 3600_000).toISOString(),
        lastUsedAt: at,
        revokedAt: null,
        ip: client.ip,
        userAgent: client.userAgent,
      });
      await audit.record(trx, actor, {
        action: 'citizen.login',
        entityType: 'citizen_account',
        entityId: account.id,
        regionCode: account.villageCode,
      });
    });
    return { token, account: await this.#view(account) };
  }

  /** The citizen behind a session token, or null when it is unknown, expired or revoked. */
  async authenticate(token: string, client: ClientInfo): Promise<CitizenSession | null> {
    const { db, repo } = this.#deps;
    const id = hashToken(token);
    const s = await repo.sessionWithAccount(db, id);
    const now = this.#now();
    if (!s || s.revokedAt || s.expiresAt <= now.toISOString()) return null;
    if (now.getTime() - Date.parse(s.lastUsedAt) > TOUCH_AFTER_MS) {
      await repo.touchSession(db, id, now.toISOString());
    }
    return {
      accountId: s.accountId,
      username: s.username,
      state: s.state,
      villageCode: s.villageCode,
      ...client,
    };
  }

  async logout(token: string, citizen: CitizenSession): Promise<void> {
    const { db, repo, audit } = this.#deps;
    await db.transaction().execute(async (trx) => {
      await repo.revokeSession(trx, hashToken(token), this.#now().toISOString());
      await audit.record(trx, sessionActor(citizen), {
        action: 'citizen.logout',
        entityType: 'citizen_account',
        entityId: citizen.accountId,
        regionCode: citizen.villageCode,
      });
    });
  }

  /** The citizen's own account (audited: it carries their personal data). */
  async me(citizen: CitizenSession): Promise<CitizenAccountView> {
    const account = await this.#account(citizen);
    await this.#deps.audit.recordRead(sessionActor(citizen), {
      action: 'citizen.account_read',
      entityType: 'citizen_account',
      entityId: account.id,
      regionCode: account.villageCode,
    });
    return this.#view(account);
  }

  /**
   * Stores the KTP photo or the selfie holding the KTP, checked like every upload (a real JPEG, PNG or
   * WebP that decodes, at most 10 MiB). Replaces an earlier one until the village has decided.
   */
  async uploadDocument(
    citizen: CitizenSession,
    kind: 'ktp_photo' | 'ktp_selfie',
    name: string,
    body: Readable | Buffer,
  ): Promise<CitizenAccountView> {
    const { db, repo, attachments } = this.#deps;
    const account = await this.#account(citizen);
    if (account.state === 'verified' || account.state === 'rejected') {
      throw new AppError('state', 'citizen.document_locked', undefined, {
        extra: { currentState: account.state, allowed: [] },
      });
    }
    const file = await attachments.ingest(body, kind, name);
    const updated = await db.transaction().execute(async (trx) => {
      const current = (await repo.findById(trx, account.id))!;
      const row = await attachments.record(trx, sessionActor(citizen), file, {
        ownerType: 'citizen_account',
        ownerId: account.id,
        kind,
        regionCode: account.villageCode,
      });
      const set = kind === 'ktp_photo' ? { ktpAttachmentId: row.id } : { selfieAttachmentId: row.id };
      const now = this.#now().toISOString();
      await repo.update(trx, current.id, current.version, { ...set, updatedAt: now });
      return { ...current, ...set, version: current.version + 1, updatedAt: now };
    });
    return this.#view(updated);
  }

  /**
   * "Who read my data": every read and change of the citizen's registry record (their household, their
   * person, their NIK) in the audit log — direct reads and list or search reads that returned it — grouped
   * per local day (the village's time zone), office (role and region), purpose and kind, newest first, never
   * the staff member's name or username. Paged by day: a page holds whole days until it has `limit` groups,
   * and `nextCursor` is the oldest day shown; the next page holds the days before it, so entries appended
   * meanwhile (always today) never shift a later page, and every entry is on exactly one page. Only for a
   * verified account; audited itself.
   */
  async accessLog(
    citizen: CitizenSession,
    q: { cursor?: string | undefined; limit: number },
  ): Promise<{
    inRegistry: boolean;
    timeZone: IndonesianTimeZone;
    groups: AccessLogGroup[];
    nextCursor: string | null;
  }> {
    const { db, repo, householdsRepo, regions, audit } = this.#deps;
    const account = await this.#account(citizen);
    if (!seesOwnRecord(account.state)) {
      throw new AppError('forbidden', 'citizen.not_verified');
    }
    const zone = timeZoneOfRegion(account.villageCode);
    const found = await householdsRepo.personByNik(db, account.nik);
    await audit.recordRead(sessionActor(citizen), {
      action: 'citizen.access_log_read',
      entityType: 'citizen_account',
      entityId: account.id,
      regionCode: account.villageCode,
    });
    if (!found) return { inRegistry: false, timeZone: zone, groups: [], nextCursor: null };
    const keys = [found.household.id, found.person.id, account.nik];
    const groups: AccessGroup[] = [];
    let bound = q.cursor ? dayStart(q.cursor, zone) : null;
    let latest = await repo.latestAccess(db, keys, bound);
    while (latest !== null && groups.length < q.limit) {
      const day = localDay(latest, zone);
      const from = dayStart(day, zone);
      groups.push(...groupDay(day, await repo.accessCounts(db, keys, from, bound ?? FAR_FUTURE)));
      bound = from;
      latest = await repo.latestAccess(db, keys, bound);
    }
    const nextCursor = latest !== null && bound !== null ? localDay(bound, zone) : null;
    const offices = await regions.names(
      groups.flatMap((g) => (g.officeRegionCode ? [g.officeRegionCode] : [])),
    );
    return {
      inRegistry: true,
      timeZone: zone,
      groups: groups.map((g) => ({
        ...g,
        roleLabel: ROLE_INFO[g.role as Role]?.label ?? null,
        officeRegionName: g.officeRegionCode
          ? (offices.get(g.officeRegionCode) ?? null)
          : g.officeRegionCode === ''
            ? 'Indonesia'
            : null,
      })),
      nextCursor,
    };
  }

  // ——— Staff side: the village verifies pending accounts ———

  /** Accounts of the actor's territory in a state (default: waiting for verification), oldest first. */
  async listForStaff(
    actor: Actor,
    q: { state?: CitizenAccountState; cursor?: string; limit: number },
  ): Promise<{ items: CitizenAccountForStaff[]; nextCursor: string | null }> {
    requirePermission(actor, 'citizen.verify');
    const scope = regionScope(actor);
    if (scope === 'empty') return { items: [], nextCursor: null };
    const rows = await this.#deps.repo.list(this.#deps.db, {
      scope,
      state: q.state ?? 'pending_verification',
      ...(q.cursor && isRecordId(q.cursor) ? { afterId: q.cursor } : {}),
      limit: q.limit + 1,
    });
    const page = rows.slice(0, q.limit);
    if (page.length) {
      await this.#deps.audit.recordRead(actor, {
        action: 'citizen_account.list',
        entityType: 'citizen_account',
        regionCode: scope?.value ?? null,
        details: { state: q.state ?? 'pending_verification', ids: page.map((r) => r.id) },
      });
    }
    return {
      items: await this.#forStaff(page),
      nextCursor: rows.length > q.limit ? page.at(-1)!.id : null,
    };
  }

  /** One account and what the registry (within the actor's territory) says of its NIK, KK and name. */
  async getForStaff(
    actor: Actor,
    id: string,
  ): Promise<CitizenAccountForStaff & { registry: RegistryComparison }> {
    requirePermission(actor, 'citizen.verify');
    const account = await this.#visible(this.#deps.db, actor, id);
    const found = await this.#deps.householdsRepo.personByNik(this.#deps.db, account.nik);
    const visible = found && isWithin(actor, found.household.villageCode) ? found : null;
    await this.#deps.audit.recordRead(actor, {
      action: 'citizen_account.read',
      entityType: 'citizen_account',
      entityId: account.id,
      regionCode: account.villageCode,
      details: visible ? { registryPersonId: visible.person.id } : {},
    });
    const registry: RegistryComparison = visible
      ? {
          nikFound: true,
          kkMatches: visible.household.kkNumber === account.kkNumber,
          nameMatches: foldName(visible.person.name) === foldName(account.fullName),
          villageMatches: visible.household.villageCode === account.villageCode,
          registeredName: visible.person.name,
        }
      : { nikFound: false, kkMatches: null, nameMatches: null, villageMatches: null, registeredName: null };
    const [view] = await this.#forStaff([account]);
    return { ...view!, registry };
  }

  /** The village verifies (the photos show the person of the NIK) or rejects with a reason. */
  async decide(
    actor: Actor,
    id: string,
    decision: { action: 'verify'; version: number } | { action: 'reject'; version: number; reason: string },
  ): Promise<CitizenAccountForStaff> {
    requirePermission(actor, 'citizen.verify');
    const { db, repo, audit } = this.#deps;
    const updated = await db.transaction().execute(async (trx) => {
      const account = await this.#visible(trx, actor, id);
      if (account.version !== decision.version) {
        throw versionConflict(account.version);
      }
      const next = citizenStep(account.state, decision.action);
      if (decision.action === 'verify') {
        const missing = verificationBlockers(account);
        if (missing.length) {
          throw new AppError(
            'state',
            'citizen.documents_missing',
            { missing: missing.map((k) => ATTACHMENT_KINDS[k].label.id).join(', ') },
            { extra: { currentState: account.state, missing } },
          );
        }
      }
      const now = this.#now().toISOString();
      const set = {
        state: next,
        decidedAt: now,
        decidedBy: actor.userId,
        decisionNote: decision.action === 'reject' ? decision.reason : null,
        updatedAt: now,
        ...(next === 'rejected' ? { nikLive: null, emailLive: null } : {}),
      };
      await repo.update(trx, account.id, account.version, set);
      await audit.record(trx, actor, {
        action: decision.action === 'verify' ? 'citizen_account.verify' : 'citizen_account.reject',
        entityType: 'citizen_account',
        entityId: account.id,
        regionCode: account.villageCode,
        ...(decision.action === 'reject' ? { details: { reason: decision.reason } } : {}),
      });
      return { ...account, ...set, version: account.version + 1 };
    });
    const channel: CodeChannel = 'email';
    this.#deliver({
      channel,
      to: updated.email,
      subject: 'DTKS: keputusan akun warga',
      text:
        updated.state === 'verified'
          ? 'Akun warga DTKS Anda sudah diverifikasi oleh desa/kelurahan.'
          : `Akun warga DTKS Anda ditolak oleh desa/kelurahan. Alasan: ${updated.decisionNote}`,
    });
    const [view] = await this.#forStaff([updated]);
    return view!;
  }

  // ——— internals ———

  async #visible(db: Kysely<DB>, actor: Actor, id: string): Promise<CitizenAccountRow> {
    if (!isRecordId(id)) throw notFound(ACCOUNT);
    const account = await this.#deps.repo.findById(db, id);
    if (!account || !isWithin(actor, account.villageCode)) throw notFound(ACCOUNT);
    return account;
  }

  async #account(citizen: CitizenSession): Promise<CitizenAccountRow> {
    const account = await this.#deps.repo.findById(this.#deps.db, citizen.accountId);
    if (!account) throw new AppError('unauthorized', 'citizen.session_required');
    return account;
  }

  /** The account a login names: an e-mail address or a NIK; its live account, else its latest rejected one. */
  async #findForLogin(login: string): Promise<CitizenAccountRow | undefined> {
    const value = login.trim();
    if (value.includes('@')) {
      const email = normalizeEmail(value);
      if (!email.ok) return undefined;
      return this.#deps.repo.findLatest(this.#deps.db, { email: email.value.toLowerCase() });
    }
    const nik = value.replace(/\s/g, '');
    if (!/^\d{16}$/.test(nik)) return undefined;
    return this.#deps.repo.findLatest(this.#deps.db, { nik });
  }

  async #issueCode(
    trx: Kysely<DB>,
    accountId: string,
    purpose: 'contact' | 'reset',
    channel: CodeChannel,
  ): Promise<string> {
    const now = this.#now();
    const id = newId();
    const code = String(randomInt(0, 10 ** CODE_RULES.digits)).padStart(CODE_RULES.digits, '0');
    await this.#deps.repo.insertCode(trx, {
      id,
      accountId,
      purpose,
      codeHash: this.#codeHash(id, code),
      channel,
      attempts: 0,
      createdAt: now.toISOString(),
      expiresAt: codeExpiry(now),
      usedAt: null,
    });
    return code;
  }

  /** A new code unless the account had its hourly share (then nothing is sent, and nothing is said). */
  async #issueCodeLimited(
    trx: Kysely<DB>,
    account: CitizenAccountRow,
    purpose: 'contact' | 'reset',
    channel: CodeChannel,
    client: ClientInfo,
  ): Promise<string | null> {
    const now = this.#now();
    const since = new Date(now.getTime() - 3600_000).toISOString();
    const times = await this.#deps.repo.codeTimes(trx, account.id, purpose, since);
    const allowed = mayIssueCode(times, now);
    await this.#deps.audit.record(trx, citizenActor(account, client), {
      action: allowed ? `citizen.code_sent` : 'citizen.code_limit',
      entityType: 'citizen_account',
      entityId: account.id,
      regionCode: account.villageCode,
      details: { purpose, client: clientKey(client.ip) },
    });
    return allowed ? this.#issueCode(trx, account.id, purpose, channel) : null;
  }

  /**
   * Checks a typed code against the account's latest code of `purpose` and, when it matches, runs `then`
   * in the transaction that uses it. The try is counted first, in one conditional update, so guesses —
   * even in parallel — stop at the limit. Every failure (no account, no code, wrong, used, expired, too
   * many tries) is the same answer, and is audited.
   */
  async #redeemCode(
    account: CitizenAccountRow | undefined,
    purpose: 'contact' | 'reset',
    typed: string,
    client: ClientInfo,
    then: (trx: Kysely<DB>, account: CitizenAccountRow) => Promise<void>,
  ): Promise<void> {
    const { db, repo, audit } = this.#deps;
    const invalid = () =>
      new AppError('validation', 'citizen.code_invalid', undefined, {
        issues: [issue('code', 'citizen.code_invalid')],
      });
    const code = normalizeCode(typed);
    const stored = account ? await repo.latestCode(db, account.id, purpose) : undefined;
    const now = this.#now();
    let failure: string | null = null;
    if (!account || !stored) failure = 'no_code';
    else if (!code) failure = 'malformed';
    else {
      const verdict = codeVerdict(stored, now);
      if (verdict !== 'usable') failure = verdict;
      else if (!(await repo.claimCodeAttempt(db, stored.id, CODE_RULES.maxAttempts))) failure = 'exhausted';
      else if (!safeEqualHex(this.#codeHash(stored.id, code), stored.codeHash)) failure = 'wrong';
    }
    if (failure !== null) {
      if (account) {
        await audit.recordRead(citizenActor(account, client), {
          action: 'citizen.code_failed',
          entityType: 'citizen_account',
          entityId: account.id,
          regionCode: account.villageCode,
          details: { purpose, reason: failure, client: clientKey(client.ip) },
        });
      }
      throw invalid();
    }
    await db.transaction().execute(async (trx) => {
      if (!(await repo.redeemCode(trx, stored!.id, now.toISOString()))) throw invalid();
      const fresh = (await repo.findById(trx, account!.id))!;
      await then(trx, fresh);
    });
  }

  #sendCode(account: CitizenAccountRow, purpose: 'contact' | 'reset', channel: CodeChannel, code: string) {
    const what = purpose === 'contact' ? 'konfirmasi akun warga' : 'atur ulang kata sandi';
    this.#deliver({
      channel,
      to: channel === 'email' ? account.email : account.phone,
      subject: `DTKS: kode ${what}`,
      text: `Kode ${what} DTKS Anda: ${code}. Berlaku ${CODE_RULES.ttlMinutes} menit. Jangan berikan kode ini kepada siapa pun, termasuk petugas.`,
      code,
    });
  }

  /**
   * Hands a message to the sender without waiting: how long delivery takes must not tell a caller
   * whether an account exists (a message is sent for some requests and not for others).
   */
  #deliver(message: Parameters<CodeSender['send']>[0]): void {
    this.#deps.sender.send(message).catch((err: unknown) => {
      process.stderr.write(
        `${JSON.stringify({ level: 50, time: Date.now(), msg: 'citizen message not sent', err: String(err) })}\n`,
      );
    });
  }

  async #view(a: CitizenAccountRow): Promise<CitizenAccountView> {
    const names = await this.#deps.regions.names([a.villageCode]);
    return {
      username: a.username,
      fullName: a.fullName,
      nik: a.nik,
      kkNumber: a.kkNumber,
      address: a.address,
      rt: a.rt,
      rw: a.rw,
      villageCode: a.villageCode,
      villageName: names.get(a.villageCode) ?? null,
      phone: a.phone,
      email: a.email,
      state: a.state,
      decidedAt: a.decidedAt,
      decisionNote: a.decisionNote,
      documents: { ktpPhoto: a.ktpAttachmentId !== null, ktpSelfie: a.selfieAttachmentId !== null },
      createdAt: a.createdAt,
    };
  }

  async #forStaff(rows: CitizenAccountRow[]): Promise<CitizenAccountForStaff[]> {
    const names = await this.#deps.regions.names([...new Set(rows.map((r) => r.villageCode))]);
    return rows.map((a) => ({
      id: a.id,
      version: a.version,
      state: a.state,
      username: a.username,
      fullName: a.fullName,
      nik: a.nik,
      kkNumber: a.kkNumber,
      address: a.address,
      rt: a.rt,
      rw: a.rw,
      villageCode: a.villageCode,
      villageName: names.get(a.villageCode) ?? null,
      phone: a.phone,
      email: a.email,
      createdAt: a.createdAt,
      contactConfirmedAt: a.contactConfirmedAt,
      decidedAt: a.decidedAt,
      decisionNote: a.decisionNote,
      ktpAttachmentId: a.ktpAttachmentId,
      selfieAttachmentId: a.selfieAttachmentId,
    }));
  }
}

/** The login-attempt key of a citizen login (apart from staff usernames). */
function loginKey(login: string): string {
  return `citizen:${login.trim().toLowerCase().replace(/\s/g, '')}`;
}

function safeEqualHex(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}

/** A citizen in the audit log: no role (the column is for staff), named `citizen:<username>`. */
function citizenActor(a: Pick<CitizenAccountRow, 'username' | 'villageCode'>, client: ClientInfo): Actor {
  return {
    userId: null,
    username: `citizen:${a.username}`,
    role: 'auditor',
    regionCode: a.villageCode,
    anonymous: true,
    ...client,
  };
}

function anonymousCitizen(client: ClientInfo): Actor {
  return { userId: null, username: 'citizen:?', role: 'auditor', regionCode: '', anonymous: true, ...client };
}

/** A logged-in citizen as the audit log's actor (used by the other citizen-facing modules). */
export function sessionActor(c: CitizenSession): Actor {
  return citizenActor(
    { username: c.username, villageCode: c.villageCode },
    { ip: c.ip, userAgent: c.userAgent },
  );
}

/**
 * The DCI social-registry API's rules (issue 16, docs/dci.md): partner systems and their OAuth2 tokens,
 * the request envelope's checks (token, scope, envelope, sender, signature, callback host), search (sync
 * and async with the on-search callback), transaction status, subscriptions and the notifications of
 * registry events. Every record a partner reads is audited as that partner's read, and only records in
 * the partner's territory are ever found (outside = absent).
 */
import { randomBytes, randomUUID, scryptSync, timingSafeEqual } from 'node:crypto';
import type { JWK } from 'jose';
import type { Kysely } from 'kysely';
import type {
  DB,
  DciPartnerRow,
  DciSubscriptionTable,
  DciTransactionRow,
  HouseholdRow,
  PersonRow,
} from '../../db/schema/index.ts';
import { message as catalogueMessage, label } from '../../domain/catalogue.ts';
import { callbackHostRefusal } from '../../domain/dci/callback-host.ts';
import { canonicalJson } from '../../domain/dci/canonical-json.ts';
import {
  DECILE_ATTRIBUTES,
  type Entity,
  parseQuery,
  type Query,
  queryAttributes,
} from '../../domain/dci/query.ts';
import { AppError, notFound } from '../../domain/errors.ts';
import { type Actor, isWithin, regionScope, requirePermission } from '../access/actor.ts';
import type { Ed25519Keys } from '../audit/audit.keys.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { JobRetry, type JobsService } from '../jobs/jobs.service.ts';
import type { RankingRepository } from '../ranking/ranking.repository.ts';
import {
  CallbackAddressRefused,
  type CallbackLookup,
  pinnedAgent,
  type ResolvedAddress,
  resolveCallbackHost,
} from './callback-pinning.ts';
import { groupRecord, memberRecord } from './dci.records.ts';
import type { DciRepository, RankingRef, Scope } from './dci.repository.ts';
import {
  Envelope,
  type MsgHeader,
  type PartnerInput,
  SearchRequest,
  SubscribeRequest,
  TxnStatusRequest,
  UnsubscribeRequest,
} from './dci.schemas.ts';

export const DCI_SCOPES = ['dci.search', 'dci.subscribe', 'dci.decile'] as const;
export type DciScope = (typeof DCI_SCOPES)[number];
export const TOKEN_AUDIENCE = 'dtks-dci';
export const TOKEN_ISSUER = 'dtks';
/** This registry's id in DCI headers (`receiver_id` of requests, `sender_id` of callbacks). */
export const REGISTRY_ID = 'dtks';
const REG_TYPE = 'ns:org:RegistryType:Social';
const MAX_PAGE = 100;
/** Registry events read per subscription and notification round (one notify message at most this long). */
export const NOTIFY_PAGE = 200;
/** Registry events a partner may subscribe to, and the household change each stands for. */
export const EVENT_TYPES: Record<string, string> = {
  REGISTER: 'create',
  NewHouseHoldMember: 'member_add',
  RemoveHouseHoldMember: 'member_remove',
  DEREGISTER: 'remove',
};

/** The job kind that computes an async request's answer and POSTs it to the partner (dci.jobs.ts). */
export const DCI_CALLBACK = 'dci.callback';

/** A callback job's parameters: the transaction (correlation id), where to answer, the request as accepted. */
export interface CallbackParams {
  correlationId: string;
  url: string;
  request: Record<string, unknown>;
}

/** What a callback job's run gives the service: its attempt, its saved state, and its checkpoints. */
export interface CallbackRun {
  /** The job's attempt (1, 2, …): each attempt POSTs at most once. */
  attempt: number;
  /** This is the last attempt: a failure now ends the callback as failed. */
  final: boolean;
  /** Wait before the next attempt when this one fails. */
  backoffMs: number;
  /** The state saved by `save` on an earlier attempt; null on the first. */
  resume: unknown;
  /** Saves the signed answer's header and signature in the job's checkpoint, in `trx`. */
  save(state: CallbackState, trx: Kysely<DB>): Promise<void>;
  /** Checks the job still holds its lease (and is not cancelled) right before sending. */
  beforeSend(): Promise<void>;
}

/** A callback's answer once computed: its header and signature (the message is the transaction's response). */
interface CallbackState {
  header: Record<string, unknown>;
  signature: string;
}

/** A callback that will not be sent however often it is tried (partner revoked, host no longer registered). */
class CallbackRefused extends Error {}

/** A refusal the spec's way: HTTP status and a DCI error code (`err.request.bad`, …). */
export class DciError extends Error {
  readonly status: 400 | 401 | 403 | 404 | 429 | 500;
  readonly code: string;
  constructor(status: 400 | 401 | 403 | 404 | 429 | 500, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export interface DciCaller {
  partner: DciPartnerRow;
  scopes: string[];
  ip: string | null;
  userAgent: string | null;
}

type Fetch = typeof fetch;

export interface DciDeps {
  db: Kysely<DB>;
  repo: DciRepository;
  /** The ranking runs, whose latest one's deciles Group queries read (scope dci.decile). */
  rankings: RankingRepository;
  audit: AuditService;
  /** The installation's `dci` key (KEY_DIR/dci-signing.pem): signs tokens and messages. */
  keys: Ed25519Keys;
  /** Where async requests' callbacks are queued (jobs of kind DCI_CALLBACK). */
  jobs: JobsService;
  now?: () => Date;
  /** How callbacks leave (tests may watch); default undici's fetch through a DNS-pinned connection. */
  fetch?: Fetch;
  /** How callback hosts are resolved before the check and the pinned connect (tests); default the system's. */
  lookup?: CallbackLookup;
  tokenTtlSeconds?: number;
  onCallbackError?: (err: unknown, url: string) => void;
  /** Callbacks to IP literals and loopback names (DCI_ALLOW_PRIVATE_CALLBACKS=1: tests, conformance suite). */
  allowPrivateCallbacks?: boolean;
}

function hashSecret(secret: string): string {
  const salt = randomBytes(16);
  return `${salt.toString('hex')}:${scryptSync(secret, salt, 32).toString('hex')}`;
}

/** A partner as listed (never its secret hash). */
export function partnerView(p: DciPartnerRow) {
  return {
    clientId: p.clientId,
    name: p.name,
    scopes: p.scopes.split(' '),
    regionCode: p.regionCode,
    callbackHosts: p.callbackHosts ? p.callbackHosts.split(' ') : [],
    signsMessages: p.publicJwk !== null,
    createdAt: p.createdAt,
    revokedAt: p.revokedAt,
  };
}

function secretMatches(secret: string, stored: string): boolean {
  const [salt, hash] = stored.split(':');
  if (!salt || !hash) return false;
  const got = scryptSync(secret, Buffer.from(salt, 'hex'), 32);
  return timingSafeEqual(got, Buffer.from(hash, 'hex'));
}

export class DciService {
  readonly #d: DciDeps;

  constructor(deps: DciDeps) {
    this.#d = deps;
  }

  #now(): Date {
    return this.#d.now?.() ?? new Date();
  }
  #ts(): string {
    return this.#now().toISOString();
  }

  // ——— partners ———
  // The CLI (as the machine's operator or `--as` a user) and the admin API (`dci.manage`) call these alike:
  // a partner's territory must lie within the actor's; one outside is answered as absent. Audited.

  async addPartner(actor: Actor, input: PartnerInput): Promise<{ clientId: string; clientSecret: string }> {
    requirePermission(actor, 'dci.manage');
    if (!isWithin(actor, input.regionCode)) throw notFound(label('record.region'));
    const { db, repo, audit } = this.#d;
    for (const host of input.callbackHosts) {
      const reason = callbackHostRefusal(host, this.#d.allowPrivateCallbacks === true);
      if (reason) throw new AppError('validation', 'dci.callback_host_invalid', { host, reason });
    }
    // Client ids are one namespace for the nation: a taken one is refused with the same answer whoever
    // registered it, naming nothing of that partner (its territory, name or state), so a partner outside
    // the actor's territory stays as unseen as an absent one apart from its id being unavailable.
    if (await repo.partnerByClientId(db, input.clientId))
      throw new AppError('conflict', 'dci.partner_exists', { clientId: input.clientId });
    if (input.publicJwk) await this.#importPartnerKey(input.publicJwk as JWK);
    const clientSecret = input.secret ?? randomBytes(24).toString('base64url');
    const row = {
      id: randomUUID(),
      clientId: input.clientId,
      name: input.name,
      secretHash: hashSecret(clientSecret),
      scopes: [...new Set(input.scopes)].join(' '),
      regionCode: input.regionCode,
      publicJwk: input.publicJwk ? JSON.stringify(input.publicJwk) : null,
      callbackHosts: input.callbackHosts.map((h) => h.toLowerCase()).join(' '),
      createdAt: this.#ts(),
      revokedAt: null,
    };
    await db.transaction().execute(async (trx) => {
      await repo.insertPartner(trx, row);
      await audit.record(trx, actor, {
        action: 'dci.partner_add',
        entityType: 'dci_partner',
        entityId: row.id,
        regionCode: row.regionCode || null,
        details: {
          clientId: row.clientId,
          name: row.name,
          scopes: row.scopes,
          callbackHosts: row.callbackHosts,
        },
      });
    });
    return { clientId: input.clientId, clientSecret };
  }

  async listPartners(actor: Actor) {
    requirePermission(actor, 'dci.manage');
    const rows = await this.#d.repo.listPartners(this.#d.db);
    return rows.filter((p) => isWithin(actor, p.regionCode)).map(partnerView);
  }

  async revokePartner(actor: Actor, clientId: string) {
    requirePermission(actor, 'dci.manage');
    const { db, repo, audit } = this.#d;
    const p = await repo.partnerByClientId(db, clientId);
    if (!p || !isWithin(actor, p.regionCode))
      throw new AppError('not_found', 'dci.partner_unknown', { clientId });
    if (p.revokedAt) return partnerView(p);
    const revokedAt = this.#ts();
    await db.transaction().execute(async (trx) => {
      await repo.updatePartner(trx, p.id, { revokedAt });
      await audit.record(trx, actor, {
        action: 'dci.partner_revoke',
        entityType: 'dci_partner',
        entityId: p.id,
        regionCode: p.regionCode || null,
        details: { clientId: p.clientId, name: p.name },
      });
    });
    return partnerView({ ...p, revokedAt });
  }

  async #importPartnerKey(jwk: JWK) {
    try {
      const alg = jwk.alg ?? (jwk.kty === 'OKP' ? 'EdDSA' : jwk.kty === 'EC' ? 'ES256' : 'RS256');
      const { importJWK } = await import('jose');
      return { key: await importJWK(jwk, alg), alg };
    } catch (err) {
      throw new AppError('validation', 'dci.partner_key_invalid', { reason: String((err as Error).message) });
    }
  }

  // ——— OAuth2 client credentials ———

  /** `POST /api/v1/oauth/token`: a signed JWT for a registered, unrevoked partner with the right secret. */
  async issueToken(req: {
    grantType: unknown;
    clientId: unknown;
    clientSecret: unknown;
    scope?: unknown;
  }): Promise<{ access_token: string; token_type: 'Bearer'; expires_in: number; scope: string }> {
    if (req.grantType !== 'client_credentials')
      throw new AppError('validation', 'oauth.unsupported_grant_type', {
        grant: String(req.grantType ?? ''),
      });
    if (typeof req.clientId !== 'string' || typeof req.clientSecret !== 'string')
      throw new AppError('unauthorized', 'oauth.invalid_client', {});
    const partner = await this.#d.repo.partnerByClientId(this.#d.db, req.clientId);
    // The secret is hashed even for an unknown client, so both take the same time.
    const matches = secretMatches(req.clientSecret, partner?.secretHash ?? hashSecret('-'));
    if (!partner || partner.revokedAt || !matches)
      throw new AppError('unauthorized', 'oauth.invalid_client', {});
    const granted = partner.scopes.split(' ');
    let scopes = granted;
    if (typeof req.scope === 'string' && req.scope.trim() !== '') {
      scopes = req.scope.trim().split(/\s+/);
      const extra = scopes.find((s) => !granted.includes(s));
      if (extra) throw new AppError('forbidden', 'oauth.invalid_scope', { scope: extra });
    }
    const ttl = this.#d.tokenTtlSeconds ?? 3600;
    const keys = this.#d.keys.get();
    const now = Math.floor(this.#now().getTime() / 1000);
    const { SignJWT } = await import('jose');
    const token = await new SignJWT({ scope: scopes.join(' ') })
      .setProtectedHeader({ alg: 'EdDSA', kid: keys.keyId, typ: 'JWT' })
      .setIssuer(TOKEN_ISSUER)
      .setAudience(TOKEN_AUDIENCE)
      .setSubject(partner.clientId)
      .setIssuedAt(now)
      .setExpirationTime(now + ttl)
      .setJti(randomUUID())
      .sign(keys.privateKey);
    return { access_token: token, token_type: 'Bearer', expires_in: ttl, scope: scopes.join(' ') };
  }

  /** The installation's public keys: verify our tokens and our message signatures. */
  jwks() {
    const k = this.#d.keys.get();
    return { keys: [{ ...k.publicKeyJwk, kid: k.keyId, alg: 'EdDSA', use: 'sig' }] };
  }

  /** Who a bearer token names; 401 with the reason (missing, expired, forged, revoked). */
  async authenticate(
    authorization: string | undefined,
    client: { ip: string | null; userAgent: string | null },
  ) {
    const token = authorization?.startsWith('Bearer ') ? authorization.slice(7).trim() : '';
    if (!token) throw new DciError(401, 'err.request.unauthorized', 'a Bearer access token is required');
    let payload: { sub?: string; scope?: unknown };
    const { errors: joseErrors, jwtVerify } = await import('jose');
    try {
      ({ payload } = await jwtVerify(token, this.#d.keys.get().publicKey, {
        issuer: TOKEN_ISSUER,
        audience: TOKEN_AUDIENCE,
        algorithms: ['EdDSA'],
        currentDate: this.#now(),
      }));
    } catch (err) {
      const reason =
        err instanceof joseErrors.JWTExpired
          ? 'the access token has expired'
          : err instanceof joseErrors.JWSSignatureVerificationFailed
            ? 'the access token is not signed by this registry'
            : err instanceof joseErrors.JWTClaimValidationFailed
              ? `the access token's ${err.claim} claim is wrong`
              : 'the access token is malformed';
      throw new DciError(401, 'err.request.unauthorized', reason);
    }
    const partner = payload.sub ? await this.#d.repo.partnerByClientId(this.#d.db, payload.sub) : undefined;
    if (!partner || partner.revokedAt)
      throw new DciError(401, 'err.request.unauthorized', 'the partner of this token is not registered');
    const scopes = typeof payload.scope === 'string' ? payload.scope.split(' ') : [];
    return { partner, scopes, ...client } satisfies DciCaller;
  }

  // ——— the envelope ———

  /**
   * Checks common to every DCI request: scope, envelope shape, action, sender, signature, encryption and
   * (async) the callback address. Returns the envelope.
   */
  async #accept(
    caller: DciCaller,
    body: unknown,
    want: { action: string; scope: DciScope | 'any'; callback: boolean },
  ): Promise<Envelope> {
    if (want.scope !== 'any' && !caller.scopes.includes(want.scope))
      throw new DciError(403, 'err.request.forbidden', `this request needs the ${want.scope} scope`);
    const parsed = Envelope.safeParse(body);
    if (!parsed.success) throw new DciError(400, 'err.request.bad', describe(parsed.error.issues));
    const env = parsed.data;
    if (env.header.action !== want.action)
      throw new DciError(
        400,
        'err.request.bad',
        `header.action must be ${want.action}, not ${env.header.action}`,
      );
    if (env.header.version && !env.header.version.startsWith('1.'))
      throw new DciError(
        400,
        'err.version.not_supported',
        `version ${env.header.version}: 1.0.0 is supported`,
      );
    if (env.header.sender_id !== caller.partner.clientId)
      throw new DciError(
        400,
        'err.sender_id.invalid',
        `header.sender_id must be the token's client (${caller.partner.clientId})`,
      );
    if (env.header.is_msg_encrypted)
      throw new DciError(400, 'err.encryption.invalid', 'encrypted messages are not accepted');
    await this.#verifySignature(caller.partner, env);
    if (want.callback) this.#callbackUrl(caller.partner, env.header.sender_uri);
    return env;
  }

  async #verifySignature(partner: DciPartnerRow, env: Envelope): Promise<void> {
    if (!partner.publicJwk) return;
    const sig = env.signature ?? '';
    if (!sig)
      throw new DciError(
        400,
        'err.signature.missing',
        'this partner signs its messages: signature is missing',
      );
    const parts = sig.split('.');
    if (parts.length !== 3)
      throw new DciError(400, 'err.signature.invalid', 'signature must be a compact JWS');
    const { key, alg } = await this.#importPartnerKey(JSON.parse(partner.publicJwk) as JWK);
    const signed = canonicalJson({ header: env.header, message: env.message });
    const jws =
      parts[1] === '' ? `${parts[0]}.${Buffer.from(signed).toString('base64url')}.${parts[2]}` : sig;
    const { compactVerify } = await import('jose');
    try {
      const { payload } = await compactVerify(jws, key, { algorithms: [alg] });
      if (parts[1] !== '' && canonicalJson(JSON.parse(new TextDecoder().decode(payload))) !== signed)
        throw new Error('payload differs');
    } catch {
      throw new DciError(
        400,
        'err.signature.invalid',
        'the signature does not verify with the partner’s registered key',
      );
    }
  }

  /** The callback address, when its host is one the partner registered (never anywhere else). */
  #callbackUrl(partner: DciPartnerRow, uri: string | undefined): URL {
    if (!uri)
      throw new DciError(400, 'err.sender_uri.invalid', 'header.sender_uri is required for async requests');
    let url: URL;
    try {
      url = new URL(uri);
    } catch {
      throw new DciError(400, 'err.sender_uri.invalid', 'header.sender_uri is not a URL');
    }
    const hosts = partner.callbackHosts ? partner.callbackHosts.split(' ') : [];
    // The URL's host exactly as registered: a bare registered host allows only the scheme's default port
    // (URL omits it from `host`); a registered host:port that port only.
    const ok =
      ['http:', 'https:'].includes(url.protocol) &&
      !url.username &&
      !url.password &&
      hosts.includes(url.host.toLowerCase()) &&
      callbackHostRefusal(url.host, this.#d.allowPrivateCallbacks === true) === null;
    if (!ok)
      throw new DciError(
        400,
        'err.sender_uri.invalid',
        `header.sender_uri host ${url.host} is not one registered for ${partner.clientId}`,
      );
    return url;
  }

  /** The header of our answers and callbacks. */
  #replyHeader(
    req: MsgHeader | null,
    action: string,
    status: string,
    total: number,
    completed: number,
    reason?: string,
  ) {
    return {
      version: '1.0.0',
      message_id: randomUUID(),
      message_ts: this.#ts(),
      action,
      status,
      ...(reason ? { status_reason_message: reason.slice(0, 999) } : {}),
      total_count: total,
      completed_count: completed,
      sender_id: REGISTRY_ID,
      receiver_id: req?.sender_id ?? '',
      is_msg_encrypted: false,
    };
  }

  /** `{signature, header, message}` with our detached JWS over the canonical `{header, message}`. */
  async signed(header: object, message: object) {
    const keys = this.#d.keys.get();
    const bytes = new TextEncoder().encode(canonicalJson({ header, message }));
    const { CompactSign } = await import('jose');
    const jws = await new CompactSign(bytes)
      .setProtectedHeader({ alg: 'EdDSA', kid: keys.keyId })
      .sign(keys.privateKey);
    const [p, , s] = jws.split('.');
    return { signature: `${p}..${s}`, header, message };
  }

  ack(correlationId: string) {
    return { message: { ack_status: 'ACK', timestamp: this.#ts(), correlation_id: correlationId } };
  }

  /** An ACK ERR answer (the spec's Response with an error). */
  errorAck(err: DciError) {
    return {
      message: {
        ack_status: 'ERR',
        timestamp: this.#ts(),
        correlation_id: randomUUID(),
        error: { code: err.code, message: err.message.slice(0, 999) },
      },
    };
  }

  #actor(caller: DciCaller): Actor {
    return {
      userId: null,
      username: `dci:${caller.partner.clientId}`,
      // A machine role without permissions (src/domain/access/roles.ts): never a user's.
      role: 'dci_partner',
      regionCode: caller.partner.regionCode,
      ip: caller.ip,
      userAgent: caller.userAgent,
      purpose: 'DCI',
    };
  }

  #scope(partner: DciPartnerRow): Scope {
    const s = regionScope({ regionCode: partner.regionCode } as Actor);
    return s === 'empty' ? null : s;
  }

  /** The latest finished ranking run (the newest period ranked, then its newest run); null before any. */
  async #latestRanking(): Promise<RankingRef> {
    const [run] = await this.#d.rankings.finishedRuns(this.#d.db, 1);
    return run ?? null;
  }

  // ——— search ———

  async syncSearch(caller: DciCaller, body: unknown) {
    const env = await this.#accept(caller, body, { action: 'search', scope: 'dci.search', callback: false });
    const message = this.#searchMessage(env);
    const correlationId = await this.#begin(
      caller,
      env,
      message.transaction_id,
      message.search_request.map((r) => r.reference_id),
    );
    const response = await this.#search(caller, message, correlationId);
    return this.#finishSearch(env, correlationId, response);
  }

  async asyncSearch(caller: DciCaller, body: unknown) {
    const env = await this.#accept(caller, body, { action: 'search', scope: 'dci.search', callback: true });
    const message = this.#searchMessage(env);
    const url = this.#callbackUrl(caller.partner, env.header.sender_uri);
    const correlationId = await this.#begin(
      caller,
      env,
      message.transaction_id,
      message.search_request.map((r) => r.reference_id),
      true,
    );
    await this.#queueCallback(caller, env, correlationId, url);
    return this.ack(correlationId);
  }

  #searchMessage(env: Envelope): SearchRequest {
    const parsed = SearchRequest.safeParse(env.message);
    if (!parsed.success) throw new DciError(400, 'err.request.bad', describe(parsed.error.issues, 'message'));
    return parsed.data;
  }

  async #begin(
    caller: DciCaller,
    env: Envelope,
    transactionId: string,
    referenceIds: string[],
    callback = false,
  ): Promise<string> {
    const id = randomUUID();
    const at = this.#ts();
    await this.#d.repo.insertTransaction(this.#d.db, {
      id,
      partnerId: caller.partner.id,
      transactionId,
      messageId: env.header.message_id,
      action: env.header.action,
      status: 'pdng',
      referenceIds: JSON.stringify(referenceIds),
      response: null,
      callbackState: callback ? 'pending' : null,
      callbackAttempts: 0,
      callbackError: null,
      createdAt: at,
      updatedAt: at,
    });
    return id;
  }

  async #finishSearch(env: Envelope, correlationId: string, response: SearchResponse) {
    const answer = this.#searchAnswer(env, response);
    await this.#d.repo.finishTransaction(
      this.#d.db,
      correlationId,
      answer.status,
      JSON.stringify(response),
      this.#ts(),
    );
    return this.signed(answer.header, response);
  }

  #searchAnswer(env: Envelope, response: SearchResponse): Answer {
    const items = response.search_response;
    const done = items.filter((i) => i.status === 'succ').length;
    const status = done > 0 || items.length === 0 ? 'succ' : 'rjct';
    return {
      header: this.#replyHeader(env.header, 'on-search', status, items.length, items.length),
      message: response,
      status,
    };
  }

  async #search(caller: DciCaller, message: SearchRequest, correlationId: string): Promise<SearchResponse> {
    const out: SearchResponse['search_response'] = [];
    for (const item of message.search_request) {
      const c = item.search_criteria;
      const base = {
        reference_id: item.reference_id,
        timestamp: this.#ts(),
        ...(item.locale ? { locale: item.locale } : {}),
      };
      const q = decileChecked(
        parseQuery(c.query_type, c.query, c.response_entity ?? c.reg_record_type),
        caller.scopes,
      );
      if (!q.ok) {
        out.push({
          ...base,
          status: 'rjct',
          status_reason_code: 'rjct.search_criteria.invalid',
          status_reason_message: q.reason,
        });
        continue;
      }
      const size = c.pagination?.page_size ?? 20;
      const number = c.pagination?.page_number ?? 1;
      if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE || !Number.isInteger(number) || number < 1) {
        out.push({
          ...base,
          status: 'rjct',
          status_reason_code: 'rjct.pagination.invalid',
          status_reason_message: `page_size 1–${MAX_PAGE}, page_number from 1`,
        });
        continue;
      }
      const found = await this.read(caller, q.query, { limit: size, offset: (number - 1) * size });
      out.push({
        ...base,
        status: 'succ',
        data: {
          version: '1.0.0',
          reg_type: REG_TYPE,
          reg_record_type: q.query.entity,
          reg_records: found.records,
        },
        pagination: { page_size: size, page_number: number, total_count: found.total },
      });
    }
    return { transaction_id: message.transaction_id, correlation_id: correlationId, search_response: out };
  }

  /** One page of records the query finds in the partner's territory, audited as the partner's read. */
  async read(caller: DciCaller, query: Query, page: { limit: number; offset: number }) {
    const { db, repo } = this.#d;
    const scope = this.#scope(caller.partner);
    const today = this.#ts().slice(0, 10);
    const where =
      query.kind === 'where'
        ? { kind: 'where' as const, condition: query.condition }
        : { kind: query.kind, value: query.value };
    let records: object[];
    let total: number;
    let read: { household: string; village: string; person?: string }[];
    if (query.entity === 'Group') {
      // Deciles only for a partner with the dci.decile scope (a query naming them without it is refused).
      const ranking = caller.scopes.includes('dci.decile') ? await this.#latestRanking() : null;
      const found = await repo.households(db, scope, where, page, today, ranking);
      const ids = found.rows.map((h) => h.id);
      const [members, deciles] = await Promise.all([
        repo.membersOf(db, ids),
        repo.decilesOf(db, ranking, ids),
      ]);
      records = found.rows.map((h) =>
        groupRecord(
          h,
          members.filter((m) => m.householdId === h.id),
          deciles.get(h.id),
        ),
      );
      total = found.total;
      read = found.rows.map((h) => ({ household: h.id, village: h.villageCode }));
    } else {
      const found = await repo.persons(db, scope, where, page, today);
      const homes = new Map(
        (await repo.householdsByIds(db, [...new Set(found.rows.map((p) => p.householdId))])).map((h) => [
          h.id,
          h,
        ]),
      );
      records = found.rows.map((p) => memberRecord(p, homes.get(p.householdId)?.kkNumber));
      total = found.total;
      read = found.rows.map((p) => ({ household: p.householdId, village: p.villageCode, person: p.id }));
    }
    await this.#auditReads(caller, 'dci.search', read);
    return { records, total };
  }

  async #auditReads(
    caller: DciCaller,
    action: string,
    read: { household: string; village: string; person?: string }[],
  ) {
    const actor = this.#actor(caller);
    await Promise.all(
      read.map((r) =>
        this.#d.audit.recordRead(actor, {
          action,
          entityType: r.person ? 'person' : 'household',
          entityId: r.person ?? r.household,
          regionCode: r.village,
          details: { partner: caller.partner.clientId, ...(r.person ? { householdId: r.household } : {}) },
        }),
      ),
    );
  }

  // ——— transaction status ———

  async syncTxnStatus(caller: DciCaller, body: unknown) {
    const env = await this.#accept(caller, body, { action: 'txn-status', scope: 'any', callback: false });
    return this.#txnStatus(caller, env);
  }

  async asyncTxnStatus(caller: DciCaller, body: unknown) {
    const env = await this.#accept(caller, body, { action: 'txn-status', scope: 'any', callback: true });
    const url = this.#callbackUrl(caller.partner, env.header.sender_uri);
    const parsed = TxnStatusRequest.safeParse(env.message);
    if (!parsed.success) throw new DciError(400, 'err.request.bad', describe(parsed.error.issues, 'message'));
    const correlationId = await this.#begin(
      caller,
      env,
      parsed.data.transaction_id,
      [parsed.data.txnstatus_request.reference_id],
      true,
    );
    await this.#queueCallback(caller, env, correlationId, url);
    return this.ack(correlationId);
  }

  async #txnStatus(caller: DciCaller, env: Envelope) {
    const answer = await this.#txnStatusAnswer(caller, env);
    return this.signed(answer.header, answer.message);
  }

  async #txnStatusAnswer(caller: DciCaller, env: Envelope, correlationId?: string): Promise<Answer> {
    const parsed = TxnStatusRequest.safeParse(env.message);
    if (!parsed.success) throw new DciError(400, 'err.request.bad', describe(parsed.error.issues, 'message'));
    const r = parsed.data.txnstatus_request;
    const value = r.attribute_value;
    if ((r.attribute_type === 'reference_id_list') !== Array.isArray(value))
      throw new DciError(
        400,
        'err.request.bad',
        `attribute_value for ${r.attribute_type} must be ${Array.isArray(value) ? 'a string' : 'a list'}`,
      );
    const by =
      r.attribute_type === 'transaction_id'
        ? { transactionId: value as string }
        : r.attribute_type === 'correlation_id'
          ? { correlationId: value as string }
          : { referenceIds: value as string[] };
    const rows = await this.#d.repo.findTransactions(this.#d.db, caller.partner.id, by);
    const wanted =
      r.txn_type === 'search' ? ['search'] : r.txn_type === 'subscribe' ? ['subscribe', 'unsubscribe'] : [];
    const row = rows.find((t) => wanted.includes(t.action));
    const stored = row?.response ? (JSON.parse(row.response) as Record<string, unknown>) : null;
    const txnStatus = {
      transaction_id: row?.transactionId ?? parsed.data.transaction_id,
      correlation_id: row?.id ?? '',
      search_response: r.txn_type === 'search' && stored ? withoutRecords(stored.search_response) : [],
      ...(r.txn_type !== 'search' && stored ? { [`${row!.action}_response`]: stored } : {}),
      // An async request is done once its callback reached the partner: pending until then, rejected when
      // its attempts ran out (with the reason), the answer's own status once delivered.
      ...(row ? { status: transactionStatus(row) } : {}),
      ...(row?.callbackState === 'failed'
        ? {
            status_reason_message:
              `the callback was not delivered after ${row.callbackAttempts} attempts: ${row.callbackError ?? ''}`.slice(
                0,
                999,
              ),
          }
        : {}),
    };
    const message = {
      transaction_id: parsed.data.transaction_id,
      correlation_id: correlationId ?? randomUUID(),
      txnstatus_response: { txn_type: r.txn_type, txn_status: txnStatus },
    };
    const header = this.#replyHeader(
      env.header,
      'txn-on-status',
      row ? 'succ' : 'rjct',
      1,
      1,
      row ? undefined : 'no such transaction of this partner',
    );
    // The status request itself succeeded (stored so), whether or not it found the transaction asked for.
    return { header, message, status: 'succ' };
  }

  // ——— subscriptions ———

  async subscribe(caller: DciCaller, body: unknown) {
    const env = await this.#accept(caller, body, {
      action: 'subscribe',
      scope: 'dci.subscribe',
      callback: true,
    });
    const url = this.#callbackUrl(caller.partner, env.header.sender_uri);
    const message = this.#subscribeMessage(env);
    const correlationId = await this.#begin(
      caller,
      env,
      message.transaction_id,
      message.subscribe_request.map((r) => r.reference_id),
      true,
    );
    await this.#queueCallback(caller, env, correlationId, url);
    return this.ack(correlationId);
  }

  #subscribeMessage(env: Envelope): SubscribeRequest {
    const parsed = SubscribeRequest.safeParse(env.message);
    if (!parsed.success) throw new DciError(400, 'err.request.bad', describe(parsed.error.issues, 'message'));
    return parsed.data;
  }

  /** The on-subscribe answer; its subscriptions are written with the transaction's end (`writes`). */
  #subscribeAnswer(caller: DciCaller, env: Envelope, correlationId: string, url: URL): Answer {
    const message = this.#subscribeMessage(env);
    const items = [];
    const rows: DciSubscriptionTable[] = [];
    for (const s of message.subscribe_request) {
      const c = s.subscribe_criteria;
      const base = {
        reference_id: s.reference_id,
        timestamp: this.#ts(),
        ...(s.locale ? { locale: s.locale } : {}),
      };
      const event = c.reg_event_type.split(':').at(-1)!;
      if (!(event in EVENT_TYPES)) {
        items.push({
          ...base,
          status: 'rjct',
          status_reason_code: 'rjct.notify_types.invalid',
          status_reason_message: `reg_event_type: ${Object.keys(EVENT_TYPES).join(', ')}`,
        });
        continue;
      }
      const q = decileChecked(
        parseQuery(c.filter_type ?? 'idtype-value', c.filter, c.notify_record_type),
        caller.scopes,
      );
      if (!q.ok) {
        items.push({
          ...base,
          status: 'rjct',
          status_reason_code: 'rjct.notify_details.invalid',
          status_reason_message: q.reason,
        });
        continue;
      }
      const code = `sub-${randomUUID()}`;
      const at = this.#ts();
      rows.push({
        code,
        partnerId: caller.partner.id,
        eventType: event,
        filter: JSON.stringify(q.query),
        notifyRecordType: q.query.entity,
        notifyUri: notifyUriOf(url).toString(),
        status: 'subscribe',
        notifiedUntil: at,
        notifiedUntilId: null,
        createdAt: at,
        unsubscribedAt: null,
      });
      items.push({
        ...base,
        status: 'succ',
        subscriptions: [
          {
            code,
            status: 'subscribe',
            timestamp: at,
            reg_type: REG_TYPE,
            reg_event_type: event,
            notify_record_type: q.query.entity,
          },
        ],
      });
    }
    const response = {
      transaction_id: message.transaction_id,
      correlation_id: correlationId,
      subscribe_response: items,
    };
    const status = items.some((i) => i.status === 'succ') ? 'succ' : 'rjct';
    return {
      header: this.#replyHeader(env.header, 'on-subscribe', status, items.length, items.length),
      message: response,
      status,
      writes: async (trx) => {
        for (const row of rows) await this.#d.repo.insertSubscription(trx, row);
      },
    };
  }

  async unsubscribe(caller: DciCaller, body: unknown) {
    const env = await this.#accept(caller, body, {
      action: 'unsubscribe',
      scope: 'dci.subscribe',
      callback: true,
    });
    const url = this.#callbackUrl(caller.partner, env.header.sender_uri);
    const message = this.#unsubscribeMessage(env);
    const correlationId = await this.#begin(caller, env, message.transaction_id, [], true);
    await this.#queueCallback(caller, env, correlationId, url);
    return this.ack(correlationId);
  }

  #unsubscribeMessage(env: Envelope): UnsubscribeRequest {
    const parsed = UnsubscribeRequest.safeParse(env.message);
    if (!parsed.success) throw new DciError(400, 'err.request.bad', describe(parsed.error.issues, 'message'));
    return parsed.data;
  }

  /** The on-unsubscribe answer; the subscriptions end with the transaction (`writes`). */
  async #unsubscribeAnswer(caller: DciCaller, env: Envelope, correlationId: string): Promise<Answer> {
    const { db, repo } = this.#d;
    const message = this.#unsubscribeMessage(env);
    const statuses: { code: string; status: 'unsubscribe' }[] = [];
    let reason: string | null = null;
    for (const code of new Set(message.subscription_codes)) {
      const s = await repo.subscription(db, code);
      // Another partner's subscription is reported like an absent one.
      if (!s || s.partnerId !== caller.partner.id) {
        reason ??= 'rjct.subscription_code.invalid';
        continue;
      }
      if (s.status === 'unsubscribe') {
        reason ??= 'rjct.event.already_unsubscribed';
        continue;
      }
      statuses.push({ code, status: 'unsubscribe' });
    }
    const status = statuses.length ? 'succ' : 'rjct';
    const at = this.#ts();
    const response = {
      transaction_id: message.transaction_id,
      correlation_id: correlationId,
      timestamp: at,
      status,
      ...(reason ? { status_reason_code: reason } : {}),
      subscription_status: statuses,
    };
    return {
      header: this.#replyHeader(env.header, 'on-unsubscribe', status, 1, 1),
      message: response,
      status,
      writes: async (trx) => {
        for (const { code } of statuses)
          await repo.updateSubscription(trx, code, { status: 'unsubscribe', unsubscribedAt: at });
      },
    };
  }

  // ——— callbacks (jobs) ———

  /** Queues the callback of an accepted async request: a job computes the answer and delivers it. */
  async #queueCallback(caller: DciCaller, env: Envelope, correlationId: string, url: URL): Promise<void> {
    const params: CallbackParams = {
      correlationId,
      url: url.toString(),
      request: env as unknown as Record<string, unknown>,
    };
    try {
      await this.#d.jobs.enqueue(this.#actor(caller), DCI_CALLBACK, params);
    } catch (err) {
      // Not queued: the transaction says so rather than staying pending for ever.
      await this.#d.repo.updateTransaction(this.#d.db, correlationId, {
        callbackState: 'failed',
        callbackError: 'the callback could not be queued',
        updatedAt: this.#ts(),
      });
      throw err;
    }
  }

  /**
   * One attempt of a callback job. The first computes the answer (search, status, subscriptions) and commits
   * it with the transaction's end and the job's checkpoint (the signed header), so a later attempt sends the
   * very same message (same `message_id` and signature) without reading again. Each attempt POSTs at most
   * once, right after checking the job still holds its lease; a 2xx marks the transaction's callback
   * delivered. A failure is retried (JobRetry, with backoff) until the attempts run out, then the callback is
   * failed; a partner revoked or a host no longer registered ends it at once. `txn/status` shows each state.
   */
  async runCallback(p: CallbackParams, run: CallbackRun): Promise<{ host: string; attempts: number }> {
    const { db, repo } = this.#d;
    const txn = await repo.transactionById(db, p.correlationId);
    const partner = txn ? await repo.partnerById(db, txn.partnerId) : undefined;
    if (!txn || !partner) throw new Error(`dci callback: transaction ${p.correlationId} is gone`);
    const url = new URL(p.url);
    if (partner.revokedAt) {
      // Revoked since the request: nothing is read for it, nothing sent.
      const reason = `partner ${partner.clientId} is revoked`;
      await repo.updateTransaction(db, txn.id, {
        callbackState: 'failed',
        callbackError: reason,
        updatedAt: this.#ts(),
      });
      throw new AppError('state', 'dci.callback_refused', { host: url.host, reason });
    }
    let state = run.resume as CallbackState | null;
    if (!state) {
      const caller: DciCaller = {
        partner,
        scopes: partner.scopes.split(' '),
        ip: null,
        userAgent: 'dtks-callback',
      };
      const env = Envelope.parse(p.request);
      const answer =
        env.header.action === 'search'
          ? this.#searchAnswer(env, await this.#search(caller, this.#searchMessage(env), txn.id))
          : env.header.action === 'txn-status'
            ? await this.#txnStatusAnswer(caller, env, txn.id)
            : env.header.action === 'subscribe'
              ? this.#subscribeAnswer(caller, env, txn.id, url)
              : await this.#unsubscribeAnswer(caller, env, txn.id);
      // Signed as stored: the message is sent from the transaction's response on every attempt.
      const stored = JSON.stringify(answer.message);
      const signed = await this.signed(answer.header, JSON.parse(stored) as object);
      const saved: CallbackState = { header: answer.header, signature: signed.signature };
      await db.transaction().execute(async (trx) => {
        await answer.writes?.(trx);
        await repo.finishTransaction(trx, txn.id, answer.status, stored, this.#ts());
        await run.save(saved, trx);
      });
      state = saved;
    }
    const stored = (await repo.transactionById(db, txn.id))?.response;
    if (!stored) throw new Error(`dci callback: transaction ${txn.id} has no answer`);
    const body = { signature: state.signature, header: state.header, message: JSON.parse(stored) };
    await run.beforeSend();
    await repo.updateTransaction(db, txn.id, { callbackAttempts: run.attempt, updatedAt: this.#ts() });
    try {
      await this.#post(partner, url, body, { 'x-dci-attempt': `${txn.id}:${run.attempt}` });
    } catch (err) {
      const reason = (err instanceof Error ? err.message : String(err)).slice(0, 500);
      const final = run.final || err instanceof CallbackRefused;
      await repo.updateTransaction(db, txn.id, {
        callbackError: reason,
        ...(final ? { callbackState: 'failed' } : {}),
        updatedAt: this.#ts(),
      });
      this.#failed(err, url.toString());
      if (err instanceof CallbackRefused)
        throw new AppError('state', 'dci.callback_refused', { host: url.host, reason });
      const code = 'dci.callback_failed';
      throw new JobRetry(
        { code, text: catalogueMessage(code, { host: url.host, attempts: run.attempt, reason }) },
        run.backoffMs,
      );
    }
    await repo.updateTransaction(db, txn.id, {
      callbackState: 'delivered',
      callbackError: null,
      updatedAt: this.#ts(),
    });
    return { host: url.host, attempts: run.attempt };
  }

  /** A subscription made outside the API (`dtks dci fixtures`): a named code for a partner. */
  async addSubscription(
    clientId: string,
    s: { code: string; eventType: string; filter: Query; notifyUri: string },
  ) {
    const { db, repo } = this.#d;
    const partner = await repo.partnerByClientId(db, clientId);
    if (!partner) throw new AppError('not_found', 'dci.partner_unknown', { clientId });
    this.#callbackUrl(partner, s.notifyUri);
    const at = this.#ts();
    const existing = await repo.subscription(db, s.code);
    const row = {
      partnerId: partner.id,
      eventType: s.eventType,
      filter: JSON.stringify(s.filter),
      notifyRecordType: s.filter.entity,
      notifyUri: s.notifyUri,
      status: 'subscribe',
      notifiedUntil: at,
      notifiedUntilId: null,
      unsubscribedAt: null,
    };
    if (existing) await repo.updateSubscription(db, s.code, row);
    else await repo.insertSubscription(db, { code: s.code, createdAt: at, ...row });
  }

  /**
   * Notifies every active subscription of the registry events since it was last notified (household
   * registered, member added, household removed from DTKS), within the partner's territory and filter.
   * A subscription moves on only past events its subscriber acknowledged (2xx): delivery is at least once.
   */
  async notifyAll(): Promise<{ subscriptions: number; events: number; failed: number }> {
    const { db, repo } = this.#d;
    let events = 0;
    let failed = 0;
    const subs = await repo.activeSubscriptions(db);
    for (const s of subs) {
      const partner = await repo.partnerById(db, s.partnerId);
      if (!partner || partner.revokedAt) continue;
      const changes = await repo.householdEvents(
        db,
        { at: s.notifiedUntil, id: s.notifiedUntilId },
        [EVENT_TYPES[s.eventType]!],
        NOTIFY_PAGE,
      );
      if (changes.length === 0) continue;
      const filter = JSON.parse(s.filter) as Query;
      const scope = this.#scope(partner);
      const caller: DciCaller = { partner, scopes: [], ip: null, userAgent: 'dtks-notify' };
      const ranking = partner.scopes.split(' ').includes('dci.decile') ? await this.#latestRanking() : null;
      const matched: { household: HouseholdRow; members: PersonRow[]; at: string; person?: PersonRow }[] = [];
      const homes = new Map(
        (await repo.householdsByIds(db, [...new Set(changes.map((c) => c.entityId))])).map((h) => [h.id, h]),
      );
      for (const ch of changes) {
        const h = homes.get(ch.entityId);
        if (!h || (scope && h[scope.column] !== scope.value)) continue;
        // A member added or removed: the member the change names (a Member notification is about them).
        const person =
          ch.changeType === 'member_add' || ch.changeType === 'member_remove'
            ? await repo.changedMember(db, h.id, ch.version, ch.changeType)
            : undefined;
        if (!(await this.#matches(h, filter, person, ranking))) continue;
        const members = await repo.membersOf(db, [h.id]);
        matched.push({ household: h, members, at: ch.changedAt, ...(person ? { person } : {}) });
      }
      // The keyset (time, id) of the page's last event: the next round starts right after it, ties included.
      const last = changes.at(-1)!;
      const until = { notifiedUntil: last.changedAt, notifiedUntilId: last.id };
      if (matched.length === 0) {
        await repo.updateSubscription(db, s.code, until);
        continue;
      }
      const deciles =
        s.notifyRecordType === 'Group'
          ? await repo.decilesOf(
              db,
              ranking,
              matched.map((m) => m.household.id),
            )
          : new Map();
      const message = {
        transaction_id: randomUUID(),
        notify_event: matched.map((m) => ({
          reference_id: `${s.code}:${m.household.id}:${m.at}`.slice(0, 99),
          timestamp: m.at,
          data: {
            version: '1.0.0',
            reg_type: REG_TYPE,
            reg_event_type: s.eventType,
            reg_record_type: s.notifyRecordType,
            reg_records:
              s.notifyRecordType === 'Group'
                ? groupRecord(m.household, m.members, deciles.get(m.household.id))
                : memberRecord(
                    m.person ?? m.members.find((p) => p.relationship === 1) ?? m.members[0]!,
                    m.household.kkNumber,
                  ),
          },
        })),
      };
      const header = {
        version: '1.0.0',
        message_id: randomUUID(),
        message_ts: this.#ts(),
        action: 'notify',
        // The notify request's header is the spec's callback header: it carries a status.
        status: 'succ',
        completed_count: matched.length,
        sender_id: REGISTRY_ID,
        receiver_id: partner.clientId,
        total_count: matched.length,
        is_msg_encrypted: false,
      };
      try {
        await this.#auditReads(
          caller,
          'dci.notify',
          matched.map((m) => {
            const shown =
              s.notifyRecordType === 'Group'
                ? undefined
                : (m.person ?? m.members.find((p) => p.relationship === 1) ?? m.members[0]);
            return {
              household: m.household.id,
              village: m.household.villageCode,
              ...(shown ? { person: shown.id } : {}),
            };
          }),
        );
        await this.#post(partner, new URL(s.notifyUri), await this.signed(header, message));
        await repo.updateSubscription(db, s.code, until);
        events += matched.length;
      } catch (err) {
        failed++;
        this.#failed(err, s.notifyUri);
      }
    }
    return { subscriptions: subs.length, events, failed };
  }

  async #matches(
    h: HouseholdRow,
    q: Query,
    person: PersonRow | undefined,
    ranking: RankingRef,
  ): Promise<boolean> {
    if (q.kind === 'kk') return h.kkNumber === q.value;
    // A removed member's NIK has left the household's registry: the change's member is asked first.
    if (q.kind === 'nik')
      return person?.nik === q.value || this.#d.repo.householdHasNik(this.#d.db, h.id, q.value);
    // The condition asked of this one household (region, size, decile), as a search would.
    const found = await this.#d.repo.households(
      this.#d.db,
      null,
      { kind: 'where', condition: q.condition },
      { limit: 1, offset: 0 },
      this.#ts().slice(0, 10),
      ranking,
      h.id,
    );
    return found.total > 0;
  }

  // ——— callbacks ———

  #failed(err: unknown, url: string): void {
    if (this.#d.onCallbackError) this.#d.onCallbackError(err, url);
    else console.error(`dci callback ${url}: ${err instanceof Error ? err.message : String(err)}`);
  }

  /**
   * POSTs a signed message to a partner's callback URL; throws CallbackRefused when it must not be sent (the
   * partner revoked, the host no longer registered) and an Error when the partner did not answer 2xx.
   */
  async #post(
    partner: DciPartnerRow,
    url: URL,
    body: object,
    headers: Record<string, string> = {},
  ): Promise<void> {
    // Checked again at sending, on the partner as stored now: it may have been revoked, or its registered
    // hosts changed, since the request. Nothing is sent then.
    const now = await this.#d.repo.partnerById(this.#d.db, partner.id);
    if (!now || now.revokedAt) throw new CallbackRefused(`partner ${partner.clientId} is revoked`);
    let target: URL;
    try {
      target = this.#callbackUrl(now, url.toString());
    } catch (err) {
      throw new CallbackRefused(err instanceof Error ? err.message : String(err));
    }
    const init = {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
      // A redirect could lead the signed answer (personal data) anywhere: never followed.
      redirect: 'error' as const,
      signal: AbortSignal.timeout(10_000),
    };
    let status: number;
    if (this.#d.fetch) {
      const res = await this.#d.fetch(target, init);
      await res.arrayBuffer().catch(() => undefined);
      status = res.status;
    } else {
      // Resolved once, checked, and connected to exactly the checked addresses (callback-pinning.ts).
      let addresses: ResolvedAddress[];
      try {
        addresses = await resolveCallbackHost(target.hostname, {
          ...(this.#d.lookup ? { lookup: this.#d.lookup } : {}),
          allowPrivate: this.#d.allowPrivateCallbacks === true,
        });
      } catch (err) {
        if (err instanceof CallbackAddressRefused) throw new CallbackRefused(err.message);
        throw err;
      }
      const agent = pinnedAgent(addresses);
      try {
        const { fetch: undiciFetch } = await import('undici');
        const res = await undiciFetch(target, { ...init, dispatcher: agent });
        await res.arrayBuffer().catch(() => undefined);
        status = res.status;
      } finally {
        await agent.close();
      }
    }
    if (status < 200 || status > 299) throw new Error(`callback to ${target.host} answered ${status}`);
  }
}

/** An answer computed for a callback: header, message, the transaction's status, writes to commit with it. */
interface Answer {
  header: Record<string, unknown>;
  message: object;
  status: string;
  writes?: (trx: Kysely<DB>) => Promise<void>;
}

/** A transaction's status as `txn/status` shows it: an async one is pending until its callback is delivered. */
function transactionStatus(t: DciTransactionRow): string {
  if (t.callbackState === 'pending') return 'pdng';
  if (t.callbackState === 'failed') return 'rjct';
  return t.status;
}

type SearchResponse = {
  transaction_id: string;
  correlation_id: string;
  search_response: ({ reference_id: string; timestamp: string; status: string } & Record<string, unknown>)[];
};

/**
 * A stored search answer as txn/status repeats it: statuses, reasons and counts, not the records — personal
 * data is answered once, to the search that read (and audited) it; a partner that needs it again searches
 * again.
 */
function withoutRecords(items: unknown): unknown[] {
  return (items as Record<string, unknown>[]).map((item) => {
    const data = item.data as Record<string, unknown> | undefined;
    return data ? { ...item, data: { ...data, reg_records: [] } } : item;
  });
}

/** `…/registry/on-subscribe` → `…/registry/notify`: where a subscriber receives notifications. */
function notifyUriOf(callback: URL): URL {
  return new URL(callback.pathname.endsWith('/on-subscribe') ? 'notify' : 'notify', callback);
}

/** A query naming a decile (poverty_score) is refused unless the partner holds the `dci.decile` scope. */
function decileChecked(q: ReturnType<typeof parseQuery>, scopes: string[]): ReturnType<typeof parseQuery> {
  if (!q.ok || scopes.includes('dci.decile')) return q;
  const named = queryAttributes(q.query).find((a) => DECILE_ATTRIBUTES.includes(a));
  return named ? { ok: false, reason: `${named} (poverty_score) needs the dci.decile scope` } : q;
}

function describe(issues: readonly { path: PropertyKey[]; message: string }[], prefix?: string): string {
  return issues
    .slice(0, 5)
    .map((i) => `${[prefix, ...i.path.map(String)].filter(Boolean).join('.') || '(body)'}: ${i.message}`)
    .join('; ')
    .slice(0, 999);
}

export type { Entity };

/**
 * The public side (issue 14): Cek Bansos (`check`), WALIM (`chat`), public statistics, and the abuse
 * reports staff read. Anyone may call the first three, so every rule that keeps them from being used to
 * harvest personal data lives here:
 * - answers show only masked data (src/domain/public/masking.ts), never a NIK or anything below the village;
 * - a wrong name for an existing NIK answers exactly like an absent NIK: the same single query on both
 *   paths (PublicRepository.personByNik), the same comparison, the same log row;
 * - limits per client, NIK and village (src/domain/public/abuse.ts) with a proof of work (ALTCHA) when the
 *   pattern is suspicious or always (PUBLIC_CHALLENGE); refusals are counted as abuse reports;
 * - every check is logged with keyed hashes (PublicKeys) of the client and the NIK.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { verifySolution } from 'altcha-lib';
import type { Kysely } from 'kysely';
import { GroupedRead } from '../../db/grouped-read.ts';
import type { DB, PublicCheckTable } from '../../db/schema/index.ts';
import { addFigures, emptyFigures, type Figures } from '../../domain/distribution/reconciliation.ts';
import { AppError, issue, validationError } from '../../domain/errors.ts';
import { foldName } from '../../domain/names/name-fold.ts';
import {
  type ChallengeMode,
  type CounterName,
  type Counts,
  DEFAULT_PUBLIC_LIMITS,
  exceeded,
  limitKind,
  needsChallenge,
  PUBLIC_WINDOW_SECONDS,
  type PublicLimits,
} from '../../domain/public/abuse.ts';
import {
  CHAT_HELP,
  CHAT_NOT_FOUND,
  CHAT_USAGE,
  chatFoundReply,
  chatLimitedReply,
  parseChatCommand,
} from '../../domain/public/chat.ts';
import { ageOn, maskName } from '../../domain/public/masking.ts';
import {
  DEFAULT_MIN_CELL,
  DISTRIBUTION_COUNTS,
  type DistributionCount,
  type DistributionHouseholds,
  hiddenFromBelow,
  suppressDistribution,
  suppressPath,
  suppressViews,
  type TreeRegion,
  type ViewUnit,
} from '../../domain/public/suppression.ts';
import { normalizeRegionCode } from '../../domain/regions/region-code.ts';
import { newId } from '../../lib/ids.ts';
import { type Actor, regionScope, requirePermission } from '../access/actor.ts';
import type { RegionsService } from '../regions/regions.service.ts';
import { CHAT_PROVIDERS, validSignature } from './chat-providers.ts';
import type { CounterStore } from './public.counters.ts';
import type { PublicKeys } from './public.keys.ts';
import type { PublicPersonRow, PublicRepository } from './public.repository.ts';

/** ALTCHA's library, loaded by the first challenge or check rather than by every process with the services. */
async function altcha() {
  const [{ createChallenge, verifySolution }, { deriveKey }] = await Promise.all([
    import('altcha-lib'),
    import('altcha-lib/algorithms/sha'),
  ]);
  return { createChallenge, verifySolution, deriveKey };
}
export interface CheckInput {
  nik?: string | undefined;
  regionCode?: string | undefined;
  name: string;
  /** The ALTCHA widget's payload (base64 JSON of the challenge and its solution). */
  altcha?: string | undefined;
}

/** Who is checking: the web client's address (IPv6 by /64) or a chat sender's number. */
export interface PublicClient {
  channel: 'web' | 'chat';
  key: string;
}

export interface Programme {
  code: string;
  name: string;
  period: string;
}

export interface CheckPerson {
  name: string;
  age: number;
  village: { code: string; name: string; district: string; regency: string; province: string };
  dtks: { member: boolean; period: string | null };
  programmes: Programme[];
}

export interface CheckAnswer {
  result: 'found' | 'not_found';
  /** The latest determined period the answer is about (null before the first penetapan). */
  period: string | null;
  people: CheckPerson[];
}

/** A programme's recipients in a region: null figures are hidden (small-cell suppression). */
export interface ProgrammeTotal {
  code: string;
  name: string;
  /** The newest approved period counted (regencies may be at different periods). */
  period: string;
  households: number | null;
  /** Integer rupiah paid in that period. */
  amount: number | null;
}

/**
 * What the portal reads of the recipients module (src/modules/recipients): the programmes a found household
 * receives now, and totals per programme — no personal data beyond what the check already found.
 */
export interface PublicProgrammeSource {
  receivingNow(householdIds: string[]): Promise<Map<string, Programme[]>>;
  /**
   * Per programme, regency and kecamatan of the nation: its recipients, its largest village's, and the
   * regency's list period (newest approved lists when `period` is null).
   */
  programmeKecamatans(period: string | null): Promise<
    {
      code: string;
      regency: string;
      kecamatan: string;
      period: string;
      households: number;
      largestVillage: number;
    }[]
  >;
  /** Per programme, households and rupiah per regency (`regency` null) or per village of one regency. */
  programmeCells(
    period: string | null,
    regency: string | null,
  ): Promise<
    { code: string; name: string; unit: string; period: string; households: number; amount: number }[]
  >;
}

/**
 * Distribution totals of the newest period whose hand-over is complete (src/modules/distribution,
 * `handOverComplete`): no person, no point.
 * Null figures are hidden (small-cell suppression; an amount or a package count with its entitlements).
 */
export interface DistributionTotals {
  period: string;
  allocated: number | null;
  delivered: number | null;
  returned: number | null;
  outstanding: number | null;
  amounts: Record<DistributionCount, number | null>;
  packages: Record<DistributionCount, number | null>;
}

export interface PublicDistributionSource {
  /** The newest distribution period's figures per regency (null before any hand-over). */
  publicRegencyFigures(): Promise<{
    period: string;
    regencies: { code: string; figures: Figures; households: DistributionHouseholds }[];
  } | null>;
}

/** Null figures are hidden: fewer than `minCell` households, or hidden so such a cell cannot be derived. */
export interface Statistics {
  region: {
    code: string;
    name: string;
    /** 1 province, 2 regency, 3 kecamatan, 4 village. */
    level: number;
    parentCode: string | null;
    parentName: string | null;
  } | null;
  period: string | null;
  minCell: number;
  periods: { period: string; households: number | null; persons: number | null }[];
  children: {
    code: string;
    name: string;
    households: number | null;
    persons: number | null;
    programmes: { code: string; households: number | null; amount: number | null }[];
  }[];
  /** Recipients per programme on the newest approved lists of the territory (or of the period asked). */
  programmes: ProgrammeTotal[];
  /**
   * Aid handed to PT Pos and received, of the newest period whose hand-over is complete (null before one is,
   * and below the regency).
   */
  distribution: DistributionTotals | null;
}

/** The outbound side of WALIM (src/modules/public/walim.outbox.ts). */
export interface ChatOutbox {
  sends(provider: string): provider is 'meta';
  queue(provider: 'meta', replies: { to: string; reply: string }[]): Promise<number>;
}

export interface PublicSettings {
  challenge: ChallengeMode;
  limits: PublicLimits;
  /** Provider → webhook secret (CHAT_WEBHOOK_SECRET_<PROVIDER>). */
  chatSecrets: Record<string, string>;
  /** Days a check-log row is kept (PUBLIC_CHECK_RETENTION_DAYS, default 90); then `pruneCheckLog` removes it. */
  checkRetentionDays: number;
  /** WHATSAPP_VERIFY_TOKEN: Meta's webhook verification handshake (GET hub.verify_token). */
  chatVerifyToken?: string;
  /** Statistics: a cell counting fewer households is hidden (PUBLIC_STATS_MIN_CELL, default 10). */
  minCell: number;
}

export const DEFAULT_CHECK_RETENTION_DAYS = 90;
const PRUNE_BATCH = 5_000;

/** Region checks return at most this many people (a common name in a big village). */
const MAX_MATCHES = 5;
const CHALLENGE_TTL_SECONDS = 600;
const STATISTICS_TTL_MS = 5 * 60_000;
/** Determined periods the statistics list (newest first). */
const STATISTICS_PERIODS = 24;
const PERIOD_TTL_MS = 30_000;

export class PublicService {
  readonly #db: Kysely<DB>;
  readonly #repo: PublicRepository;
  readonly #regions: RegionsService;
  readonly #keys: PublicKeys;
  readonly #counters: CounterStore;
  readonly #programmes: PublicProgrammeSource;
  readonly #distribution: PublicDistributionSource;
  readonly #settings: PublicSettings;
  readonly #outbox: ChatOutbox | null;
  readonly #now: () => Date;
  readonly #statistics = new Map<string, { at: number; value: Statistics }>();
  #distributionFigures:
    | {
        at: number;
        source: Awaited<ReturnType<PublicDistributionSource['publicRegencyFigures']>>;
        hidden: ReturnType<typeof suppressDistribution> | null;
      }
    | undefined;
  /** Per programme and view ('' the newest lists, or a period in them), its hidden regions (`suppressViews`). */
  #programmeViews: { at: number; value: Promise<Map<string, Map<string, Set<string>>>> } | undefined;
  /** The kecamatan aggregates of the DTKS counts (`#kecamatanCounts`), per list of periods. */
  #kecamatans:
    | { at: number; key: string; value: ReturnType<PublicRepository['kecamatanCounts']> }
    | undefined;
  #period: { at: number; value: string | null } | null = null;
  /** WALIM commands other modules add (LAPOR, STATUS from reports): command word → handler. */
  readonly #commands = new Map<string, (from: string, rest: string) => Promise<string>>();
  /** Check-log rows waiting for the next group write, and the write they will be in. */
  #pending: PublicCheckTable[] = [];
  /** Where look-ups are round trips (PostgreSQL): the NIK reads of checks arriving together, one statement. */
  readonly #personsByNik: GroupedRead<PublicPersonRow> | null;
  #flush: Promise<void> | null = null;

  constructor(deps: {
    db: Kysely<DB>;
    repo: PublicRepository;
    regions: RegionsService;
    keys: PublicKeys;
    counters: CounterStore;
    programmes: PublicProgrammeSource;
    distribution: PublicDistributionSource;
    /** Where replies to providers DTKS answers itself (WhatsApp Cloud API) are queued. */
    outbox?: ChatOutbox;
    settings?: Partial<PublicSettings>;
    now: () => Date;
  }) {
    this.#db = deps.db;
    this.#repo = deps.repo;
    this.#regions = deps.regions;
    this.#keys = deps.keys;
    this.#counters = deps.counters;
    this.#programmes = deps.programmes;
    this.#distribution = deps.distribution;
    this.#settings = {
      challenge: deps.settings?.challenge ?? 'adaptive',
      limits: deps.settings?.limits ?? DEFAULT_PUBLIC_LIMITS,
      chatSecrets: deps.settings?.chatSecrets ?? {},
      checkRetentionDays: deps.settings?.checkRetentionDays ?? DEFAULT_CHECK_RETENTION_DAYS,
      minCell: deps.settings?.minCell ?? DEFAULT_MIN_CELL,
      ...(deps.settings?.chatVerifyToken ? { chatVerifyToken: deps.settings.chatVerifyToken } : {}),
    };
    this.#outbox = deps.outbox ?? null;
    this.#now = deps.now;
    const { repo, db } = deps;
    this.#personsByNik = repo.groupsLookups
      ? new GroupedRead((period, niks) => repo.personsByNiks(db, period, niks))
      : null;
  }

  get settings(): Readonly<PublicSettings> {
    return this.#settings;
  }

  /** A fresh proof-of-work challenge (ALTCHA v2, SHA-256), signed with a key derived from the public key. */
  async challenge() {
    const counter = 5_000 + Math.floor(Math.random() * 45_000);
    const { createChallenge, deriveKey } = await altcha();
    return createChallenge({
      algorithm: 'SHA-256',
      cost: 1,
      counter,
      deriveKey,
      // The wall clock: verifySolution checks expiry against it.
      expiresAt: Math.floor(Date.now() / 1000) + CHALLENGE_TTL_SECONDS,
      hmacSignatureSecret: this.#keys.derived('altcha'),
      hmacKeySignatureSecret: this.#keys.derived('altcha-key'),
    });
  }

  /** Cek Bansos: by NIK + name or village + name. Throws 400 (bad region), 403 (challenge), 429 (limits). */
  async check(input: CheckInput, client: PublicClient): Promise<CheckAnswer> {
    const at = this.#now().toISOString();
    const nik = input.nik ?? null;
    const village = input.regionCode === undefined ? null : await this.#village(input.regionCode);
    const clientHash = this.#keys.hash(`client:${client.channel}`, client.key);
    const nikHash = nik === null ? null : this.#keys.hash('nik', nik);
    const region = village ?? (nik === null ? null : nikDistrict(nik));

    const counts: Counts = {};
    const ttl: Partial<Record<CounterName, number>> = {};
    const count = async (name: CounterName, key: string) => {
      const hit = await this.#counters.hit(`public:${name}:${key}`, PUBLIC_WINDOW_SECONDS);
      counts[name] = hit.count;
      ttl[name] = hit.ttl;
    };
    await count('client', clientHash);
    if (nikHash !== null) await count('nik', nikHash);
    if (village !== null) await count('village', village);

    const log = (outcome: 'found' | 'not_found' | 'limited' | 'challenge', challenged: boolean) =>
      this.#logCheck({
        id: newId(),
        checkedAt: at,
        channel: client.channel,
        clientHash,
        nikHash,
        villageCode: village,
        outcome,
        challenged: challenged ? 1 : 0,
      });

    const over = exceeded(counts, this.#settings.limits);
    if (over !== null) {
      const subject = over === 'client' ? clientHash : over === 'nik' ? nikHash! : village!;
      await log('limited', false);
      await this.#reportAbuse(limitKind(over), subject, client.channel, region, at);
      const retryAfter = Math.max(1, ttl[over] ?? PUBLIC_WINDOW_SECONDS);
      throw new AppError('rate_limited', 'rate.limited', { retryAfter }, { extra: { retryAfter } });
    }

    // Chat senders cannot solve a proof of work; their number (verified by the provider) is the client,
    // and the limits alone apply to them.
    const challenged =
      client.channel === 'web' && needsChallenge(this.#settings.challenge, counts, this.#settings.limits);
    if (challenged) {
      if (!input.altcha) {
        await log('challenge', true);
        throw new AppError('forbidden', 'public.challenge_required', undefined, {
          extra: { challenge: '/api/v1/public/challenge' },
        });
      }
      if (!(await this.#solved(input.altcha))) {
        await log('challenge', true);
        await this.#reportAbuse('challenge_failed', clientHash, client.channel, region, at);
        throw new AppError('forbidden', 'public.challenge_invalid', undefined, {
          extra: { challenge: '/api/v1/public/challenge' },
        });
      }
    }

    const period = await this.#latestPeriod();
    const wanted = foldName(input.name);
    let matches: PublicPersonRow[] = [];
    if (nik !== null) {
      // The same query and the same comparison whether or not the NIK exists (see the module comment).
      const row =
        period === null
          ? undefined
          : this.#personsByNik
            ? await this.#personsByNik.read(period, nik)
            : await this.#repo.personByNik(this.#db, nik, period);
      const same = foldName(row?.name ?? '') === wanted && wanted !== '';
      matches = row && same ? [row] : [];
    } else if (village !== null && period !== null) {
      const rows = await this.#repo.peopleOfVillage(this.#db, village, period);
      matches = rows.filter((r) => wanted !== '' && foldName(r.name) === wanted).slice(0, MAX_MATCHES);
    }
    await log(matches.length > 0 ? 'found' : 'not_found', challenged);
    if (matches.length === 0) return { result: 'not_found', period, people: [] };

    const today = at.slice(0, 10);
    const programmes = await this.programmesOf(matches.map((m) => m.householdId));
    const people: CheckPerson[] = [];
    for (const m of matches) {
      const [province, regency, district, villageEntry] = await this.#regions.path(m.villageCode);
      people.push({
        name: maskName(m.name),
        age: ageOn(m.birthDate, today),
        village: {
          code: m.villageCode,
          name: villageEntry?.name ?? m.villageCode,
          district: district?.name ?? '',
          regency: regency?.name ?? '',
          province: province?.name ?? '',
        },
        dtks: { member: true, period },
        programmes: programmes.get(m.householdId) ?? [],
      });
    }
    return { result: 'found', period, people };
  }

  /** The programmes each household receives now (its regency's newest approved lists), with their periods. */
  programmesOf(householdIds: string[]): Promise<Map<string, Programme[]>> {
    return this.#programmes.receivingNow(householdIds);
  }

  /**
   * WALIM: one text command from a sender (a phone number), one reply in Indonesian. CEK runs the check
   * with the sender as the client (limits per sender, NIK); anything else is answered with the help.
   */
  async chat(from: string, text: string): Promise<string> {
    const [word = '', ...rest] = text.trim().split(/\s+/);
    const extra = this.#commands.get(word.toUpperCase());
    if (extra) return extra(from.replace(/[^\d+]/g, '') || from, rest.join(' '));
    const command = parseChatCommand(text);
    if (command.kind === 'help') return CHAT_HELP;
    if (command.kind === 'cek_usage') return CHAT_USAGE[command.problem];
    try {
      const answer = await this.check(
        { nik: command.nik, name: command.name },
        { channel: 'chat', key: from.replace(/[^\d+]/g, '') || from },
      );
      const person = answer.people[0];
      if (!person) return CHAT_NOT_FOUND;
      return chatFoundReply({ ...person, period: answer.period });
    } catch (err) {
      if (err instanceof AppError && err.kind === 'rate_limited') {
        return chatLimitedReply(Number(err.extra.retryAfter) || PUBLIC_WINDOW_SECONDS);
      }
      throw err;
    }
  }

  /** Adds a WALIM command (the word in upper case), answered by another module's service. */
  registerChatCommand(word: string, handler: (from: string, rest: string) => Promise<string>): void {
    this.#commands.set(word.toUpperCase(), handler);
  }

  /** A proof-of-work solution for another public form (reports): valid, unexpired, first use. */
  verifyChallenge(payload: string): Promise<boolean> {
    return this.#solved(payload);
  }

  /**
   * The direct chat endpoint takes any `from`, so it is also counted per client address (with the web
   * checks: one address, one budget); over the limit, 429.
   */
  async countDirectChat(ip: string): Promise<void> {
    const clientHash = this.#keys.hash('client:web', ip);
    const hit = await this.#counters.hit(`public:client:${clientHash}`, PUBLIC_WINDOW_SECONDS);
    if (hit.count <= this.#settings.limits.client) return;
    await this.#reportAbuse('client_limit', clientHash, 'chat', null, this.#now().toISOString());
    const retryAfter = Math.max(1, hit.ttl);
    throw new AppError('rate_limited', 'rate.limited', { retryAfter }, { extra: { retryAfter } });
  }

  /**
   * A provider's webhook call: the signature over the raw body is checked first (403 when wrong, 404 when
   * the provider is unknown or has no secret configured), then each text message is answered.
   */
  async webhook(provider: string, raw: Buffer, signature: string | undefined, body: unknown) {
    const adapter = Object.hasOwn(CHAT_PROVIDERS, provider) ? CHAT_PROVIDERS[provider] : undefined;
    const secret = this.#settings.chatSecrets[provider];
    if (!adapter || !secret) {
      throw new AppError('not_found', 'public.chat_unknown_provider', { provider: provider.slice(0, 40) });
    }
    if (!validSignature(adapter, raw, signature, secret)) {
      throw new AppError('forbidden', 'public.chat_signature');
    }
    const replies: { to: string; reply: string }[] = [];
    for (const m of adapter.messages(body).slice(0, 20)) {
      replies.push({ to: m.from, reply: await this.chat(m.from, m.text) });
    }
    // WhatsApp Cloud API: DTKS sends the replies itself, as jobs (the provider ignores the answer's body).
    const queued = this.#outbox?.sends(provider) ? await this.#outbox.queue(provider, replies) : 0;
    return { replies, queued };
  }

  /**
   * Meta's webhook verification: `GET …/webhook/meta?hub.mode=subscribe&hub.verify_token=…&hub.challenge=…`
   * answers the challenge when the token is WHATSAPP_VERIFY_TOKEN (compared in constant time); 403 otherwise,
   * 404 for a provider without a handshake or a token configured.
   */
  verifyWebhook(provider: string, q: { mode?: string; token?: string; challenge?: string }): string {
    const expected = this.#settings.chatVerifyToken;
    if (provider !== 'meta' || !expected) {
      throw new AppError('not_found', 'public.chat_unknown_provider', { provider: provider.slice(0, 40) });
    }
    const a = createHash('sha256')
      .update(q.token ?? '')
      .digest();
    const b = createHash('sha256').update(expected).digest();
    if (q.mode !== 'subscribe' || !timingSafeEqual(a, b) || !q.challenge) {
      throw new AppError('forbidden', 'public.chat_verify_token');
    }
    return q.challenge;
  }

  /** The signature header a provider's adapter reads (undefined for an unknown provider). */
  signatureHeader(provider: string): string | undefined {
    return Object.hasOwn(CHAT_PROVIDERS, provider) ? CHAT_PROVIDERS[provider]!.signatureHeader : undefined;
  }

  /** Provinces (no code) or the children of a region, names only: the check's region cascade. */
  async regionChildren(code?: string): Promise<{ code: string; name: string }[]> {
    const items =
      code === undefined ? await this.#regions.provinces() : (await this.#regions.get(code)).children;
    return items.map((r) => ({ code: r.code, name: r.name }));
  }

  /**
   * Public statistics of the nation or one province, regency, kecamatan or village, for one determined
   * period (default the newest): DTKS size per period, per child region, and recipients with rupiah per
   * programme, with small-cell suppression (src/domain/public/suppression.ts) applied down the whole region
   * tree so no hidden figure can be derived from another answer. No personal data; cached per region and
   * period for five minutes.
   */
  async statistics(input?: string, period?: string): Promise<Statistics> {
    const key = `${input?.trim() ?? ''}|${period ?? ''}`;
    const cached = this.#statistics.get(key);
    const nowMs = this.#now().getTime();
    if (cached && nowMs - cached.at < STATISTICS_TTL_MS) return cached.value;
    const value = await this.#computeStatistics(input?.trim() ?? '', period);
    if (this.#statistics.size > 1000) this.#statistics.clear();
    this.#statistics.set(key, { at: nowMs, value });
    return value;
  }

  async #computeStatistics(input: string, wanted: string | undefined): Promise<Statistics> {
    let code: string | null = null;
    if (input !== '') {
      const n = normalizeRegionCode(input);
      if (!n.ok || !(await this.#regions.find(n.code))) {
        throw validationError([issue('region', 'public.statistics_region', { code: input.slice(0, 20) })]);
      }
      code = n.code;
    }
    const k = this.#settings.minCell;
    const path = code === null ? [] : prefixes(code);
    const level = path.length;
    const regency = path[1] ?? null;
    const regionRows = await this.#repo.regencyCountsByPeriod(this.#db, STATISTICS_PERIODS);
    const periodList = [...new Set(regionRows.map((r) => r.period))].sort().reverse();
    if (wanted !== undefined && !periodList.includes(wanted)) {
      throw validationError([issue('period', 'public.statistics_period', { period: wanted.slice(0, 10) })]);
    }
    const period = wanted ?? periodList[0] ?? null;
    const villageRows = regency === null ? [] : await this.#repo.villageCounts(this.#db, regency, periodList);
    // Every kecamatan of every regency (not only the path's): whether a region's total must be hidden
    // because its children's table is hidden whole (a kecamatan whose villages all count 1, and up from
    // there) is decided over the whole tree, so every page showing the region hides it alike.
    const kecamatanRows = await this.#kecamatanCounts(periodList);

    // One period's tables along the path: households (and persons beside them) per child region.
    const tablesOf = (p: string) => {
      const units = [
        ...regionRows.filter((r) => r.period === p).map((r) => ({ ...r, unit: r.regencyCode })),
        ...villageRows.filter((r) => r.period === p).map((r) => ({ ...r, unit: r.villageCode })),
      ];
      return pathTables(
        path,
        units.map((u) => ({ unit: u.unit, households: u.households, persons: u.persons })),
      );
    };

    const periods: Statistics['periods'] = [];
    let children: Statistics['children'] = [];
    for (const p of periodList) {
      const t = tablesOf(p);
      const fromBelow = hiddenFromBelow(
        countTree(
          regionRows.filter((r) => r.period === p),
          kecamatanRows.filter((r) => r.period === p),
        ),
        k,
      );
      const r = suppressPath(t.root.households, t.cells('households'), path, k, fromBelow);
      const own = t.total(level);
      periods.push(
        r.targetHidden
          ? { period: p, households: null, persons: null }
          : { period: p, households: own.households, persons: own.persons },
      );
      if (p === period && level < 4) {
        const hidden = r.hidden[level] ?? new Set<string>();
        children = t.children(level).map((c) => ({
          code: c.code,
          name: c.code,
          households: hidden.has(c.code) ? null : c.households,
          persons: hidden.has(c.code) ? null : c.persons,
          programmes: [],
        }));
      }
    }

    // Programmes: newest approved lists (no period asked) or that period's approved lists.
    const recipientPeriod = wanted ?? null;
    const upper = await this.#programmes.programmeCells(recipientPeriod, null);
    const lower = regency === null ? [] : await this.#programmes.programmeCells(recipientPeriod, regency);
    const programmes: Statistics['programmes'] = [];
    const byChild = new Map<string, Statistics['children'][number]['programmes']>();
    const codes = [...new Set([...upper, ...lower].map((r) => r.code))].sort();
    const programmeForced = await this.#programmeForced(recipientPeriod, k);
    for (const programme of codes) {
      const rows = [...upper, ...lower].filter((r) => r.code === programme);
      const t = pathTables(
        path,
        rows.map((r) => ({ unit: r.unit, households: r.households, persons: r.amount })),
      );
      // A list shown on another view (newest lists / its period's) is hidden here exactly when it is there;
      // a region whose children's table is hidden whole is hidden on every page.
      const forced = programmeForced.get(programme);
      const r = suppressPath(t.root.households, t.cells('households'), path, k, forced);
      const own = t.total(level);
      // The newest approved period counted in the region (regencies may be at different periods).
      const newest = rows
        .filter((x) => code === null || x.unit === code || x.unit.startsWith(`${code}.`))
        .reduce<string | null>((m, x) => (m === null || x.period > m ? x.period : m), null);
      if (newest === null) continue;
      programmes.push({
        code: programme,
        name: rows[0]!.name,
        period: newest,
        households: r.targetHidden ? null : own.households,
        amount: r.targetHidden ? null : own.persons,
      });
      if (level < 4) {
        const hidden = r.hidden[level] ?? new Set<string>();
        for (const c of t.children(level)) {
          const list = byChild.get(c.code) ?? [];
          list.push({
            code: programme,
            households: hidden.has(c.code) ? null : c.households,
            amount: hidden.has(c.code) ? null : c.persons,
          });
          byChild.set(c.code, list);
        }
      }
    }
    const names = await this.#regions.names(children.map((c) => c.code));
    children = children.map((c) => ({
      ...c,
      name: names.get(c.code) ?? c.code,
      programmes: byChild.get(c.code) ?? [],
    }));

    const region = code === null ? null : await this.#regions.get(code);
    const parent = region?.ancestors.at(-1) ?? null;
    return {
      region: region
        ? {
            code: region.code,
            name: region.name,
            level,
            parentCode: parent?.code ?? null,
            parentName: parent?.name ?? null,
          }
        : null,
      period,
      minCell: k,
      periods,
      children,
      programmes,
      // Distribution figures stop at the regency (a kecamatan's hand-over counts are not published).
      distribution: level <= 2 ? await this.#publicDistribution(code ?? '', k) : null,
    };
  }

  /**
   * The newest distribution period's figures of the nation, a province or a regency, with the counts that
   * are small, or would give a small one away, hidden (src/domain/public/suppression.ts), decided over all
   * regencies at once so every page hides the same cells; an amount and a package count go with their
   * entitlement count. The regencies' figures are read once per statistics lifetime, not once per page.
   */
  async #publicDistribution(region: string, k: number): Promise<DistributionTotals | null> {
    const nowMs = this.#now().getTime();
    let cached = this.#distributionFigures;
    if (!cached || nowMs - cached.at >= STATISTICS_TTL_MS) {
      const source = await this.#distribution.publicRegencyFigures();
      const hidden = source
        ? suppressDistribution(
            source.regencies.map((r) => ({ code: r.code, households: r.households })),
            k,
            {
              // The period's approved lists, as /statistik?period= shows them, and the newest lists.
              allocated: [
                ...(await this.#programmeHiddenRegions(source.period, k)),
                ...(await this.#programmeHiddenRegions(null, k)),
              ],
            },
          )
        : null;
      cached = { at: nowMs, source, hidden };
      this.#distributionFigures = cached;
    }
    const { source, hidden } = cached;
    if (!source || !hidden) return null;
    const inside = source.regencies.filter(
      (r) => region === '' || r.code === region || r.code.startsWith(`${region}.`),
    );
    const f = inside.reduce((sum, r) => addFigures(sum, r.figures), emptyFigures());
    const shown = (m: DistributionCount, value: number) => (hidden[m].has(region) ? null : value);
    const each = (of: Record<DistributionCount, number>) =>
      Object.fromEntries(DISTRIBUTION_COUNTS.map((m) => [m, shown(m, of[m])])) as Record<
        DistributionCount,
        number | null
      >;
    return { period: source.period, ...each(f), amounts: each(f.amounts), packages: each(f.packages) };
  }

  /**
   * The regions (the nation '', provinces, regencies) where some programme's recipients are hidden on the
   * statistics pages of `period`'s approved lists (null: the newest lists), decided as those pages decide
   * (pathTables, suppressPath). A region's allocated entitlements and rupiah add up its programmes'
   * recipients (times their tranches) and rupiah: shown beside the programmes' shown figures they would give
   * a hidden one away, so there the distribution's allocated count is hidden too.
   */
  async #programmeHiddenRegions(period: string | null, k: number): Promise<Set<string>> {
    const rows = await this.#programmes.programmeCells(period, null);
    const programmeForced = await this.#programmeForced(period, k);
    const out = new Set<string>();
    for (const programme of new Set(rows.map((r) => r.code))) {
      const units = rows
        .filter((r) => r.code === programme)
        .map((r) => ({ unit: r.unit, households: r.households, persons: r.amount }));
      const provinces = [...new Set(units.map((u) => u.unit.split('.')[0]!))];
      for (const path of [[], ...provinces.map((p) => [p])]) {
        const t = pathTables(path, units);
        const forced = programmeForced.get(programme);
        const r = suppressPath(t.root.households, t.cells('households'), path, k, forced);
        if (r.rootHidden) out.add('');
        for (const table of r.hidden) for (const code of table) out.add(code);
      }
    }
    return out;
  }

  /**
   * The DTKS counts per kecamatan of every regency (`kecamatanCounts`) for these periods: every page needs
   * all of them, so they are read once per statistics lifetime (a determined period's counts do not change;
   * a new period is a new list of periods).
   */
  #kecamatanCounts(periods: string[]): ReturnType<PublicRepository['kecamatanCounts']> {
    const nowMs = this.#now().getTime();
    const key = periods.join(' ');
    const cached = this.#kecamatans;
    if (cached && cached.key === key && nowMs - cached.at < STATISTICS_TTL_MS) return cached.value;
    const value = this.#repo.kecamatanCounts(this.#db, periods);
    // A failed read is not kept.
    value.catch(() => {
      if (this.#kecamatans?.value === value) this.#kecamatans = undefined;
    });
    this.#kecamatans = { at: nowMs, key, value };
    return value;
  }

  /**
   * Per programme, the regions forced hidden on the statistics pages of `period`'s approved lists (null: the
   * newest lists): those of `#programmeHiddenViews` for the views it decides; for a period whose lists are
   * no longer the newest anywhere (a view alone), the regions hidden from below (`hiddenFromBelow`).
   */
  async #programmeForced(period: string | null, k: number): Promise<Map<string, Set<string>>> {
    const views = await this.#programmeHiddenViews(k);
    const out = new Map<string, Set<string>>();
    for (const [programme, byView] of views) {
      const hidden = byView.get(period ?? '');
      if (hidden) out.set(programme, hidden);
    }
    if (period === null) return out;
    const rows = await this.#programmes.programmeCells(period, null);
    const alone = [...new Set(rows.map((r) => r.code))].filter((programme) => !out.has(programme));
    if (alone.length === 0) return out;
    const kecamatans = await this.#programmes.programmeKecamatans(period);
    for (const programme of alone) {
      out.set(programme, hiddenFromBelow(programmeTree(programme, rows, kecamatans), k));
    }
    return out;
  }

  /**
   * Per programme, the regions hidden on the newest lists' view ('') and on the view of each period those
   * lists are of, decided together (`suppressViews`): a regency's list shown on both is hidden on both or
   * neither. Other periods' views share no list with these and are suppressed on their own. A regency whose
   * kecamatan table is hidden whole (`hiddenFromBelow`: a kecamatan whose villages all count 1, alone in its
   * regency) has its list forced hidden in every view, and the kecamatan hidden from below are added to the
   * view's hidden regions (the pages inside the regency read them). Computed once per statistics lifetime.
   */
  #programmeHiddenViews(k: number): Promise<Map<string, Map<string, Set<string>>>> {
    const nowMs = this.#now().getTime();
    const cached = this.#programmeViews;
    if (cached && nowMs - cached.at < STATISTICS_TTL_MS) return cached.value;
    const value = (async () => {
      const newest = await this.#programmes.programmeCells(null, null);
      const periods = [...new Set(newest.map((r) => r.period))].sort();
      const ofPeriod = await Promise.all(periods.map((p) => this.#programmes.programmeCells(p, null)));
      const kecamatans = await Promise.all(
        [null, ...periods].map((p) => this.#programmes.programmeKecamatans(p)),
      );
      const out = new Map<string, Map<string, Set<string>>>();
      for (const programme of new Set(newest.map((r) => r.code))) {
        // Per view (the newest lists' first), the regions hidden from below.
        const fromBelow = [newest, ...ofPeriod].map((rows, i) =>
          hiddenFromBelow(programmeTree(programme, rows, kecamatans[i]!), k),
        );
        const forcedLists = [newest, ...ofPeriod].flatMap((rows, i) =>
          rows
            .filter((r) => r.code === programme && fromBelow[i]!.has(r.unit))
            .map((r) => `${r.unit}@${r.period}`),
        );
        const units = (rows: typeof newest): ViewUnit[] =>
          rows
            .filter((r) => r.code === programme)
            .map((r) => ({ code: r.unit, list: `${r.unit}@${r.period}`, value: r.households }));
        // The newest lists' view last: it takes the lists the periods' views hide rather than choosing
        // others to hide beside its small ones first.
        const views = new Map([
          ...periods.map((p, i) => [p, units(ofPeriod[i]!)] as const),
          ['', units(newest)],
        ]);
        const hidden = suppressViews(views, k, forcedLists);
        const kecamatanOf = (i: number) => [...fromBelow[i]!].filter((code) => code.split('.').length === 3);
        hidden.set('', new Set([...(hidden.get('') ?? []), ...kecamatanOf(0)]));
        periods.forEach((p, i) => {
          hidden.set(p, new Set([...(hidden.get(p) ?? []), ...kecamatanOf(i + 1)]));
        });
        out.set(programme, hidden);
      }
      return out;
    })();
    // A failed read is not kept.
    value.catch(() => {
      if (this.#programmeViews?.value === value) this.#programmeViews = undefined;
    });
    this.#programmeViews = { at: nowMs, value };
    return value;
  }

  /** Abuse reports of the last `days` days in the actor's territory (reports without a region: nation only). */
  async abuseReports(actor: Actor, q: { region?: string | undefined; days?: number | undefined }) {
    requirePermission(actor, 'public.abuse.read');
    const scope = regionScope(actor, q.region);
    if (scope === 'empty') return { items: [] };
    const since = new Date(this.#now().getTime() - (q.days ?? 7) * 86_400_000).toISOString();
    const rows = await this.#repo.abuseReports(this.#db, { scope, since, limit: 500 });
    const codes = new Set<string>();
    for (const r of rows) for (const c of [r.villageCode, r.districtCode, r.regencyCode]) if (c) codes.add(c);
    const names = await this.#regions.names([...codes]);
    return {
      items: rows.map((r) => {
        const regionCode = r.villageCode ?? r.districtCode ?? r.regencyCode ?? r.provinceCode;
        return {
          id: r.id,
          kind: r.kind,
          channel: r.channel,
          /** A short, stable pseudonym of the client, NIK or village (never the NIK). */
          subject: r.subjectHash.slice(0, 12),
          hour: r.hour,
          regionCode,
          regionName: regionCode ? (names.get(regionCode) ?? regionCode) : null,
          count: r.count,
          firstAt: r.firstAt,
          lastAt: r.lastAt,
        };
      }),
    };
  }

  /**
   * Retention of the check log: rows older than `checkRetentionDays` go, in batches (each its own short
   * statement, so a large backlog does not hold a long lock). Run at server start and daily
   * (src/cli/commands/server.ts) and by `dtks public prune-checks`. Returns how many rows went.
   */
  async pruneCheckLog(): Promise<{ removed: number; before: string }> {
    const days = this.#settings.checkRetentionDays;
    const before = new Date(this.#now().getTime() - days * 86_400_000).toISOString();
    let removed = 0;
    for (;;) {
      const n = await this.#repo.pruneChecks(this.#db, before, PRUNE_BATCH);
      removed += n;
      if (n < PRUNE_BATCH) return { removed, before };
    }
  }

  /**
   * Group commit of the check log: rows of checks arriving while a write is being prepared go into one
   * multi-row insert (one transaction instead of one per check under load), and every check waits for the
   * write holding its row — nothing is answered before its check is logged.
   */
  #logCheck(row: PublicCheckTable): Promise<void> {
    this.#pending.push(row);
    if (!this.#flush) {
      this.#flush = new Promise<void>((resolve) => setImmediate(resolve)).then(async () => {
        const rows = this.#pending;
        this.#pending = [];
        this.#flush = null;
        for (let i = 0; i < rows.length; i += 500) {
          await this.#repo.insertChecks(this.#db, rows.slice(i, i + 500));
        }
      });
    }
    return this.#flush;
  }

  async #village(input: string): Promise<string> {
    const n = normalizeRegionCode(input);
    const region = n.ok && n.level === 4 ? await this.#regions.find(n.code) : undefined;
    if (!region) {
      throw validationError([issue('regionCode', 'public.region_not_village', { code: input.slice(0, 20) })]);
    }
    return region.code;
  }

  async #latestPeriod(): Promise<string | null> {
    const nowMs = Date.now();
    if (this.#period && nowMs - this.#period.at < PERIOD_TTL_MS) return this.#period.value;
    const value = await this.#repo.latestPeriod(this.#db);
    this.#period = { at: nowMs, value };
    return value;
  }

  /** A valid, unexpired, signed solution seen for the first time (a solution is good for one check). */
  async #solved(payload: string): Promise<boolean> {
    let parsed: { challenge?: unknown; solution?: unknown };
    try {
      parsed = JSON.parse(Buffer.from(payload, 'base64').toString('utf8'));
    } catch {
      return false;
    }
    const challenge = parsed.challenge as Parameters<typeof verifySolution>[0]['challenge'] | undefined;
    const solution = parsed.solution as Parameters<typeof verifySolution>[0]['solution'] | undefined;
    if (!challenge?.parameters || typeof challenge.signature !== 'string' || !solution) return false;
    const { verifySolution, deriveKey } = await altcha();
    try {
      const result = await verifySolution({
        challenge,
        solution,
        deriveKey,
        hmacSignatureSecret: this.#keys.derived('altcha'),
        hmacKeySignatureSecret: this.#keys.derived('altcha-key'),
      });
      if (!result.verified) return false;
    } catch {
      return false;
    }
    return this.#counters.once(`altcha:${challenge.signature}`, CHALLENGE_TTL_SECONDS);
  }

  async #reportAbuse(
    kind: string,
    subjectHash: string,
    channel: 'web' | 'chat',
    region: string | null,
    at: string,
  ): Promise<void> {
    const parts = region?.split('.') ?? [];
    const prefix = (n: number) => (parts.length >= n ? parts.slice(0, n).join('.') : null);
    await this.#repo.countAbuse(this.#db, {
      id: newId(),
      kind,
      subjectHash,
      hour: at.slice(0, 13),
      channel,
      provinceCode: prefix(1),
      regencyCode: prefix(2),
      districtCode: prefix(3),
      villageCode: prefix(4),
      count: 1,
      firstAt: at,
      lastAt: at,
    });
  }
}

/** The district a NIK was issued in (its first six digits, dotted), for the region of an abuse report. */
function nikDistrict(nik: string): string {
  return `${nik.slice(0, 2)}.${nik.slice(2, 4)}.${nik.slice(4, 6)}`;
}

/** The region codes from the province down to `code` (PP, PP.RR, PP.RR.DD, PP.RR.DD.VV). */
function prefixes(code: string): string[] {
  const parts = code.split('.');
  return parts.map((_, i) => parts.slice(0, i + 1).join('.'));
}

/**
 * The DTKS counts as a tree for `hiddenFromBelow`: the nation, its provinces and regencies (from the
 * regencies' counts) and each regency's kecamatan with its largest village's count.
 */
function countTree(
  regencies: readonly { regencyCode: string; households: number }[],
  kecamatans: readonly {
    regencyCode: string;
    kecamatanCode: string;
    households: number;
    largestVillage: number;
  }[],
): TreeRegion[] {
  const upper = new Map<string, TreeRegion>([['', { code: '', parent: null, value: 0 }]]);
  for (const r of regencies) {
    const province = r.regencyCode.split('.')[0]!;
    for (const [code, parent] of [
      ['', null],
      [province, ''],
      [r.regencyCode, province],
    ] as const) {
      const region = upper.get(code) ?? { code, parent, value: 0 };
      region.value += r.households;
      upper.set(code, region);
    }
  }
  return [
    ...upper.values(),
    ...kecamatans.map((c) => ({
      code: c.kecamatanCode,
      parent: c.regencyCode,
      value: c.households,
      largestChild: c.largestVillage,
    })),
  ];
}

/** One programme's recipients on one view as a tree for `hiddenFromBelow` (`countTree`). */
function programmeTree(
  programme: string,
  regencies: readonly { code: string; unit: string; households: number }[],
  kecamatans: readonly {
    code: string;
    regency: string;
    kecamatan: string;
    households: number;
    largestVillage: number;
  }[],
): TreeRegion[] {
  return countTree(
    regencies
      .filter((r) => r.code === programme)
      .map((r) => ({ regencyCode: r.unit, households: r.households })),
    kecamatans
      .filter((c) => c.code === programme)
      .map((c) => ({
        regencyCode: c.regency,
        kecamatanCode: c.kecamatan,
        households: c.households,
        largestVillage: c.largestVillage,
      })),
  );
}

interface UnitCount {
  /** A regency (PP.RR: the upper levels) or a village (PP.RR.DD.VV: below the regency of the path). */
  unit: string;
  households: number;
  /** The figure carried beside the households (persons, or a programme's rupiah). */
  persons: number;
}

/**
 * The tables along a path from the nation: provinces, the province's regencies (from regency units), the
 * regency's kecamatan and the kecamatan's villages (from village units). Each cell sums its units.
 */
function pathTables(path: string[], units: UnitCount[]) {
  const regencies = units.filter((u) => u.unit.split('.').length === 2);
  const villages = units.filter((u) => u.unit.split('.').length === 4);
  const root = { households: 0, persons: 0 };
  for (const u of regencies) {
    root.households += u.households;
    root.persons += u.persons;
  }
  // Table i: the children of path[i - 1] (the nation for i = 0), grouped at depth i + 1.
  const tables: { code: string; households: number; persons: number }[][] = [];
  for (let i = 0; i <= Math.min(path.length, 3); i++) {
    const source = i < 2 ? regencies : villages;
    const parent = i === 0 ? null : path[i - 1]!;
    const sums = new Map<string, { code: string; households: number; persons: number }>();
    for (const u of source) {
      if (parent !== null && !u.unit.startsWith(`${parent}.`)) continue;
      const cellCode = u.unit
        .split('.')
        .slice(0, i + 1)
        .join('.');
      const cell = sums.get(cellCode) ?? { code: cellCode, households: 0, persons: 0 };
      cell.households += u.households;
      cell.persons += u.persons;
      sums.set(cellCode, cell);
    }
    tables.push([...sums.values()].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)));
  }
  return {
    root,
    cells: (_: 'households') => tables.map((t) => t.map((c) => ({ code: c.code, value: c.households }))),
    /** The region at depth `level` of the path (0: the nation). */
    total(level: number) {
      if (level === 0) return root;
      const cell = tables[level - 1]?.find((c) => c.code === path[level - 1]);
      return cell ?? { households: 0, persons: 0 };
    },
    children: (level: number) => tables[level] ?? [],
  };
}

/**
 * The identity guard: every write that refuses a NIK or KK number because another record holds it runs its
 * checks through here, so a record outside the actor's territory is answered, audited, notified and limited
 * the same way on every path (households, members, usulan, verivali, PPKS/PSKS, imports, and the public and
 * partner APIs to come). How a write uses it (docs/architecture.md, "Identity probes"):
 *
 *   return this.#identity.run(actor, { action: 'ppks.create', trx, within }, async (check) => {
 *     const other = await repo.activeByNik(trx, nik);           // the write's own look-up
 *     const neutral = other && check.hidden({ field: 'nik', kind: 'nik', value: nik }, 'ppks', holderOf(other));
 *     if (neutral) throw conflictOf([neutral]);                  // outside: the one neutral answer
 *     if (other) throw detailedConflict(other);                  // inside: say what and where, as before
 *     ...
 *   });
 *
 * `run` answers 429 before the body runs once the user has collected IDENTITY_PROBE_LIMIT refusals in the
 * last hour; after the body, whether it threw or not (its transaction has rolled back or committed), it
 * records each probe in a transaction of its own: an `identity.probe` audit entry, a notification to the
 * holding village, a row counted by the limit.
 */
import type { Kysely } from 'kysely';
import type { Config } from '../../config.ts';
import type { DB } from '../../db/schema/index.ts';
import {
  type BlockingRecord,
  holderLink,
  IdentityRace,
  type IdentityUse,
  PROBE_WINDOW_MS,
  type Probe,
  type ProbeCause,
  probeLimitError,
  probeNotice,
  probeRetryAfter,
  unavailableIssue,
} from '../../domain/access/identity.ts';
import type { FieldIssue } from '../../domain/errors.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { NotificationsService } from '../notifications/notifications.service.ts';
import { type Actor, isWithin } from './actor.ts';
import type { IdentityProbesRepository } from './identity-probes.repository.ts';

/** One write's view of the records that block it: which the actor may not see, and how many more may be. */
export class IdentityCheck {
  readonly #actor: Actor;
  #remaining: number;
  readonly #probes = new Map<string, Probe>();

  constructor(actor: Actor, remaining: number) {
    this.#actor = actor;
    this.#remaining = remaining;
  }

  /** Refusals this write may still collect before the user's limit (an import stops at 0). */
  get remaining(): number {
    return this.#remaining;
  }

  get probes(): Probe[] {
    return [...this.#probes.values()];
  }

  /**
   * The neutral issue when `holder` lies outside the actor's territory (for a citizen: always): the probe is noted (audit, the
   * holder's notification, the limit). Null when the actor may see the holder: the caller answers in detail.
   * Several hidden holders of the same use count as one refusal, so the limit does not tell them apart.
   */
  hidden(use: IdentityUse, cause: ProbeCause, holder: BlockingRecord): FieldIssue | null {
    // A citizen (an anonymous actor: no staff account) sees no holder in detail, even in their village.
    if (!this.#actor.anonymous && isWithin(this.#actor, holder.villageCode)) return null;
    const key = `${use.field}\u0000${use.value}`;
    const seen = this.#probes.get(key);
    if (seen) seen.blocks.push({ cause, holder });
    else {
      this.#probes.set(key, { ...use, blocks: [{ cause, holder }] });
      this.#remaining--;
    }
    return unavailableIssue(use.field, use.kind);
  }
}

export interface GuardedWrite {
  /** The write as the audit log names it (`household.create`, `usulan.create`). */
  action: string;
  /** The caller's transaction, when this write is a step of another service's write. */
  trx?: Kysely<DB>;
  /** That outer write's check: it checked the limit and records the probes once its transaction has ended. */
  within?: IdentityCheck;
}

export class IdentityGuard {
  readonly #db: Kysely<DB>;
  readonly #repo: IdentityProbesRepository;
  readonly #audit: AuditService;
  readonly #notifications: NotificationsService;
  readonly #config: Pick<Config, 'identityProbeLimit' | 'now'>;

  constructor(deps: {
    db: Kysely<DB>;
    repo: IdentityProbesRepository;
    audit: AuditService;
    notifications: NotificationsService;
    config: Pick<Config, 'identityProbeLimit' | 'now'>;
  }) {
    this.#db = deps.db;
    this.#repo = deps.repo;
    this.#audit = deps.audit;
    this.#notifications = deps.notifications;
    this.#config = deps.config;
  }

  /**
   * Runs a write whose checks may meet records outside the actor's territory. A write that lost a race on
   * a unique key (IdentityRace) runs once more: its checks then see the record that won and answer as usual.
   */
  async run<T>(actor: Actor, write: GuardedWrite, body: (check: IdentityCheck) => Promise<T>): Promise<T> {
    if (write.within) return body(write.within);
    if (write.trx) {
      throw new Error(
        `${write.action} runs inside another write's transaction: pass that write's IdentityCheck as \`identity\``,
      );
    }
    let remaining = await this.allowance(actor, write.action);
    for (let attempt = 1; ; attempt++) {
      const check = new IdentityCheck(actor, remaining);
      try {
        return await body(check);
      } catch (err) {
        if (attempt > 1 || !(err instanceof IdentityRace)) throw err;
        remaining = check.remaining;
      } finally {
        await this.#record(actor, write.action, check.probes);
      }
    }
  }

  /**
   * Refusals the actor may still collect this hour; at the limit, 429 `identity.probe_limit` with the
   * seconds until the oldest counted refusal leaves the window (audited), before anything is checked.
   */
  async allowance(actor: Actor, action: string): Promise<number> {
    // Nothing lies outside a national territory: no probe is possible, nothing to count.
    if (actor.regionCode === '') return Number.POSITIVE_INFINITY;
    const limit = this.#config.identityProbeLimit;
    const now = this.#config.now();
    const recent = await this.#repo.recent(this.#db, actorKey(actor), windowStart(now), limit);
    const wait = probeRetryAfter(recent, limit, now);
    if (wait === null) return limit - recent.length;
    await this.#db.transaction().execute((trx) =>
      this.#audit.record(trx, actor, {
        action: 'identity.probe_limit',
        details: { write: action, limit, retryAfter: wait },
      }),
    );
    throw probeLimitError(wait);
  }

  /** One counted refusal per probe; an audit entry per hidden holder; one notice per holding village. */
  async #record(actor: Actor, action: string, probes: Probe[]): Promise<void> {
    if (!probes.length) return;
    const now = this.#config.now();
    await this.#db.transaction().execute(async (trx) => {
      await this.#repo.add(trx, actorKey(actor), now.toISOString(), probes.length, windowStart(now));
      for (const p of probes) {
        const notified = new Set<string>();
        for (const { cause, holder } of p.blocks) {
          await this.#audit.record(trx, actor, {
            action: 'identity.probe',
            entityType: p.kind,
            entityId: p.value,
            regionCode: holder.villageCode,
            details: {
              write: action,
              field: p.field,
              cause,
              holder: { entityType: holder.entityType, id: holder.id },
            },
          });
          if (notified.has(holder.villageCode)) continue;
          notified.add(holder.villageCode);
          await this.#notifications.notify(trx, {
            regionCode: holder.villageCode,
            kind: 'identity.probe',
            message: probeNotice(p, cause, actor.regionCode),
            link: holderLink(holder),
          });
        }
      }
    });
  }
}

function actorKey(actor: Actor): string {
  return actor.userId ?? `name:${actor.username}`;
}

function windowStart(now: Date): string {
  return new Date(now.getTime() - PROBE_WINDOW_MS).toISOString();
}

/**
 * WALIM's outbound side: the replies to messages a provider's webhook brought in are sent back through the
 * provider's send-message API as resumable jobs (kind `walim.reply`, one per reply), like DCI callbacks
 * (src/modules/dci/dci.jobs.ts): they survive a restart and are retried with backoff until the provider
 * answers 2xx or the attempts run out. The sender is pluggable (WALIM_SENDER):
 * - `log` (the default, development): the reply is written to the server log, nothing leaves;
 * - `meta`: WhatsApp Cloud API, `POST {WHATSAPP_API_URL}/{WHATSAPP_PHONE_NUMBER_ID}/messages` with the
 *   access token (WHATSAPP_ACCESS_TOKEN) as a bearer token, through undici.
 * A 4xx other than 408/429 (a bad number, an expired token) is final: retrying would not help. A worker
 * killed after the provider accepted but before the job was marked done sends the reply again on its next
 * attempt (at least once: the Cloud API has no idempotency key).
 *
 * The job holds the sender's number and the reply (masked, as WALIM answers it) until jobs are pruned.
 */
import { z } from 'zod';
import { message as catalogueMessage, label } from '../../domain/catalogue.ts';
import { AppError } from '../../domain/errors.ts';
import { type Actor, systemActor } from '../access/actor.ts';
import { type JobKind, JobRetry, type JobsService } from '../jobs/jobs.service.ts';

export const WALIM_REPLY = 'walim.reply';
const OUTBOX_ACTOR = 'walim';

export interface ChatSender {
  /** Sends one text; throws ChatSendError when the provider refuses or cannot be reached. */
  send(message: { to: string; text: string }): Promise<void>;
}

export class ChatSendError extends Error {
  /** The provider will refuse this message again (a 4xx other than 408/429): do not retry. */
  readonly permanent: boolean;
  constructor(message: string, permanent: boolean) {
    super(message);
    this.name = 'ChatSendError';
    this.permanent = permanent;
  }
}

/** Development: the reply goes to the log. */
export class LogChatSender implements ChatSender {
  readonly #log: (line: string) => void;
  constructor(log: (line: string) => void = (line) => console.info(line)) {
    this.#log = log;
  }
  async send(m: { to: string; text: string }): Promise<void> {
    this.#log(`WALIM reply to ${m.to}: ${m.text}`);
  }
}

export interface MetaSenderConfig {
  /** `https://graph.facebook.com/v21.0` by default (WHATSAPP_API_URL). */
  apiUrl: string;
  phoneNumberId: string;
  accessToken: string;
  timeoutMs?: number;
}

/** WhatsApp Cloud API: one text message per call. */
export class MetaChatSender implements ChatSender {
  readonly #config: MetaSenderConfig;
  constructor(config: MetaSenderConfig) {
    this.#config = config;
  }
  async send(m: { to: string; text: string }): Promise<void> {
    const { apiUrl, phoneNumberId, accessToken, timeoutMs = 10_000 } = this.#config;
    const url = `${apiUrl.replace(/\/+$/, '')}/${encodeURIComponent(phoneNumberId)}/messages`;
    let status: number;
    let body: string;
    try {
      const { request } = await import('undici');
      const res = await request(url, {
        method: 'POST',
        headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          messaging_product: 'whatsapp',
          recipient_type: 'individual',
          to: m.to,
          type: 'text',
          text: { preview_url: false, body: m.text },
        }),
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
      status = res.statusCode;
      body = (await res.body.text()).slice(0, 300);
    } catch (err) {
      throw new ChatSendError(
        `provider unreachable: ${err instanceof Error ? err.message : String(err)}`,
        false,
      );
    }
    if (status >= 200 && status < 300) return;
    const permanent = status >= 400 && status < 500 && status !== 408 && status !== 429;
    throw new ChatSendError(`provider answered ${status}: ${body}`, permanent);
  }
}

export interface WalimSettings {
  /** WALIM_SENDER: `log` (default) or `meta`. */
  sender: 'log' | 'meta';
  meta?: MetaSenderConfig;
  /** WHATSAPP_VERIFY_TOKEN: answers Meta's webhook verification (GET with hub.verify_token). */
  verifyToken?: string;
  /** Attempts in all (WALIM_SEND_ATTEMPTS, default 6) and the first retry's wait, doubled each retry (WALIM_SEND_BACKOFF_MS, default 5000). */
  attempts: number;
  backoffMs: number;
}

export function walimFromEnv(env: NodeJS.ProcessEnv): WalimSettings {
  const sender = env.WALIM_SENDER || 'log';
  if (sender !== 'log' && sender !== 'meta') {
    throw new Error(`WALIM_SENDER must be log or meta (got ${sender})`);
  }
  const whole = (name: string, fallback: number, min: number, max: number) => {
    const v = env[name];
    if (v === undefined || v === '') return fallback;
    const n = Number(v);
    if (!Number.isInteger(n) || n < min || n > max)
      throw new Error(`${name} must be a whole number from ${min} to ${max} (got ${v})`);
    return n;
  };
  const settings: WalimSettings = {
    sender,
    attempts: whole('WALIM_SEND_ATTEMPTS', 6, 1, 50),
    backoffMs: whole('WALIM_SEND_BACKOFF_MS', 5_000, 1, 3_600_000),
    ...(env.WHATSAPP_VERIFY_TOKEN ? { verifyToken: env.WHATSAPP_VERIFY_TOKEN } : {}),
  };
  if (sender === 'meta') {
    const missing = ['WHATSAPP_ACCESS_TOKEN', 'WHATSAPP_PHONE_NUMBER_ID'].filter((n) => !env[n]);
    if (missing.length) throw new Error(`WALIM_SENDER=meta needs ${missing.join(' and ')}`);
    settings.meta = {
      apiUrl: env.WHATSAPP_API_URL || 'https://graph.facebook.com/v21.0',
      phoneNumberId: env.WHATSAPP_PHONE_NUMBER_ID!,
      accessToken: env.WHATSAPP_ACCESS_TOKEN!,
    };
  }
  return settings;
}

export const DEFAULT_WALIM: WalimSettings = { sender: 'log', attempts: 6, backoffMs: 5_000 };

export function chatSenderOf(settings: WalimSettings): ChatSender {
  return settings.sender === 'meta' && settings.meta
    ? new MetaChatSender(settings.meta)
    : new LogChatSender();
}

export interface WalimReplyParams {
  provider: 'meta';
  to: string;
  text: string;
}

const Params: z.ZodType<WalimReplyParams> = z.strictObject({
  provider: z.literal('meta'),
  to: z.string().regex(/^\+?\d{5,20}$/),
  text: z.string().min(1).max(4096),
});

/** The longest wait between two attempts. */
const MAX_BACKOFF_MS = 15 * 60_000;

/** The outbox actor: replies are queued by the server itself, never by a user. */
function isOutbox(actor: Actor) {
  return actor.userId === null && actor.username === `system:${OUTBOX_ACTOR}`;
}

export function walimReplyJob(sender: ChatSender, retry: { attempts: number; backoffMs: number }) {
  const kind: JobKind<WalimReplyParams> = {
    kind: WALIM_REPLY,
    authorize: (actor) => {
      if (!isOutbox(actor))
        throw new AppError('forbidden', 'access.forbidden', { role: actor.role, permission: WALIM_REPLY });
    },
    params: Params,
    label: label('job_kind.walim_reply'),
    maxAttempts: retry.attempts,
    run: async (ctx) => {
      await ctx.checkpoint({ phase: 'deliver', done: 0, total: 1 });
      try {
        await sender.send({ to: ctx.params.to, text: ctx.params.text });
      } catch (err) {
        const reason = (err instanceof Error ? err.message : String(err)).slice(0, 400);
        if (err instanceof ChatSendError && err.permanent) {
          throw new AppError('state', 'walim.send_refused', { reason });
        }
        const code = 'walim.send_failed';
        throw new JobRetry(
          { code, text: catalogueMessage(code, { attempts: ctx.attempt, reason }) },
          Math.min(MAX_BACKOFF_MS, retry.backoffMs * 2 ** Math.max(0, ctx.attempt - 1)),
        );
      }
      return { sent: 1 };
    },
  };
  return kind;
}

/** Queues the replies of a provider's webhook call as `walim.reply` jobs (providers with a sender only). */
export class WalimOutbox {
  readonly #jobs: JobsService;
  constructor(jobs: JobsService) {
    this.#jobs = jobs;
  }
  /** Whether replies to this provider's messages are sent by DTKS (else the webhook answer carries them). */
  sends(provider: string): provider is 'meta' {
    return provider === 'meta';
  }
  async queue(provider: 'meta', replies: { to: string; reply: string }[]): Promise<number> {
    const actor = systemActor(OUTBOX_ACTOR);
    for (const r of replies) {
      await this.#jobs.enqueue(actor, WALIM_REPLY, { provider, to: r.to, text: r.reply });
    }
    return replies.length;
  }
}

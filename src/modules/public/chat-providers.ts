/**
 * WhatsApp Business (and similar) providers for WALIM: the adapter shape. A provider calls
 * `POST /api/v1/public/chat/webhook/<provider>` with its own payload, signed with a secret shared with it
 * (`CHAT_WEBHOOK_SECRET_<PROVIDER>`, e.g. CHAT_WEBHOOK_SECRET_META). An adapter says which header carries
 * the signature, checks it over the raw body (HMAC-SHA256, compared in constant time) and maps the payload
 * to `{from, text}` messages. The answer lists one reply per message (`{to, reply}`); delivering them is the
 * provider connector's side (its send-message API), kept outside DTKS so no provider credentials live here.
 *
 * To add a provider: one more entry in CHAT_PROVIDERS with its header, signature format and mapping.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface ChatMessage {
  from: string;
  text: string;
}

export interface ChatProvider {
  /** The header carrying the signature (lower case). */
  signatureHeader: string;
  /** The expected header value for `raw` under `secret`. */
  sign(raw: Buffer, secret: string): string;
  /** The text messages in a payload (others — statuses, images — are ignored). */
  messages(body: unknown): ChatMessage[];
}

const hmacHex = (raw: Buffer, secret: string) => createHmac('sha256', secret).update(raw).digest('hex');

/** Meta's WhatsApp Cloud API: `X-Hub-Signature-256: sha256=<hex>` over the body with the app secret. */
const meta: ChatProvider = {
  signatureHeader: 'x-hub-signature-256',
  sign: (raw, secret) => `sha256=${hmacHex(raw, secret)}`,
  messages(body) {
    const out: ChatMessage[] = [];
    const entries = (body as { entry?: unknown })?.entry;
    if (!Array.isArray(entries)) return out;
    for (const entry of entries) {
      const changes = (entry as { changes?: unknown })?.changes;
      if (!Array.isArray(changes)) continue;
      for (const change of changes) {
        const messages = (change as { value?: { messages?: unknown } })?.value?.messages;
        if (!Array.isArray(messages)) continue;
        for (const m of messages as { from?: unknown; type?: unknown; text?: { body?: unknown } }[]) {
          if (m?.type === 'text' && typeof m.from === 'string' && typeof m.text?.body === 'string') {
            out.push({ from: m.from.slice(0, 40), text: m.text.body.slice(0, 1000) });
          }
        }
      }
    }
    return out;
  },
};

/**
 * A plain shape for gateways that forward messages as they are (many Indonesian WhatsApp gateways):
 * `{"messages":[{"from":"628…","text":"CEK …"}]}` signed `X-Signature: <hex>`.
 */
const generic: ChatProvider = {
  signatureHeader: 'x-signature',
  sign: hmacHex,
  messages(body) {
    const messages = (body as { messages?: unknown })?.messages;
    if (!Array.isArray(messages)) return [];
    return (messages as { from?: unknown; text?: unknown }[]).flatMap((m) =>
      typeof m?.from === 'string' && typeof m.text === 'string'
        ? [{ from: m.from.slice(0, 40), text: m.text.slice(0, 1000) }]
        : [],
    );
  },
};

export const CHAT_PROVIDERS: Record<string, ChatProvider> = { meta, generic };

/** Whether `header` is `provider`'s signature of `raw` under `secret` (constant-time comparison). */
export function validSignature(
  provider: ChatProvider,
  raw: Buffer,
  header: string | undefined,
  secret: string,
) {
  if (!header) return false;
  const expected = Buffer.from(provider.sign(raw, secret));
  const got = Buffer.from(header.trim());
  return got.length === expected.length && timingSafeEqual(got, expected);
}

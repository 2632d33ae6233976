/**
 * The DCI request envelope (spdci social_api_v1.0.0: `signature`, `header`, `message`) as zod schemas. The
 * routes read bodies with these themselves, so a bad envelope is answered the spec's way (ACK ERR
 * `err.request.bad`), not with the API's problem+json.
 */
import { z } from 'zod';

const timestamp = z.iso.datetime({ offset: true });

export const MsgHeader = z.looseObject({
  version: z.string().max(20).optional(),
  message_id: z.string().min(1).max(99),
  message_ts: timestamp,
  action: z.string().min(1).max(40),
  sender_id: z.string().min(1).max(99),
  sender_uri: z.url().max(2000).optional(),
  receiver_id: z.string().max(99).optional(),
  total_count: z.number().int().min(0).max(100),
  is_msg_encrypted: z.boolean().optional(),
  meta: z.record(z.string(), z.unknown()).optional(),
});
export type MsgHeader = z.infer<typeof MsgHeader>;

export const Envelope = z.looseObject({
  signature: z.string().max(10_000).optional(),
  header: MsgHeader,
  message: z.record(z.string(), z.unknown()),
});
export type Envelope = z.infer<typeof Envelope>;

const transactionId = z.string().min(1).max(99);
const referenceId = z.string().min(1).max(99);

export const SearchRequest = z.looseObject({
  transaction_id: transactionId,
  search_request: z
    .array(
      z.looseObject({
        reference_id: referenceId,
        timestamp,
        search_criteria: z.looseObject({
          version: z.string().optional(),
          reg_type: z.string().optional(),
          reg_record_type: z.string().optional(),
          query_type: z.string(),
          response_entity: z.string().optional(),
          query: z.unknown(),
          sort: z.array(z.unknown()).optional(),
          pagination: z.looseObject({ page_size: z.number(), page_number: z.number().optional() }).optional(),
        }),
        locale: z.string().optional(),
      }),
    )
    .min(1)
    .max(100),
});
export type SearchRequest = z.infer<typeof SearchRequest>;

export const TxnStatusRequest = z.looseObject({
  transaction_id: transactionId,
  txnstatus_request: z.looseObject({
    reference_id: referenceId,
    txn_type: z.enum(['search', 'subscribe', 'receipt']),
    attribute_type: z.enum(['transaction_id', 'reference_id_list', 'correlation_id']),
    attribute_value: z.union([z.string().max(99), z.array(referenceId).min(1).max(100)]),
    locale: z.string().optional(),
  }),
});
export type TxnStatusRequest = z.infer<typeof TxnStatusRequest>;

export const SubscribeRequest = z.looseObject({
  transaction_id: transactionId,
  subscribe_request: z
    .array(
      z.looseObject({
        reference_id: referenceId,
        timestamp,
        subscribe_criteria: z.looseObject({
          reg_type: z.string().optional(),
          reg_event_type: z.string(),
          filter_type: z.string().optional(),
          filter: z.unknown(),
          notify_record_type: z.string(),
        }),
        locale: z.string().optional(),
      }),
    )
    .min(1)
    .max(100),
});
export type SubscribeRequest = z.infer<typeof SubscribeRequest>;

export const UnsubscribeRequest = z.looseObject({
  transaction_id: transactionId,
  timestamp,
  subscription_codes: z.array(z.string().min(1).max(99)).min(1).max(100),
});
export type UnsubscribeRequest = z.infer<typeof UnsubscribeRequest>;

/** Partner registration (CLI and admin API). */
export const PartnerInput = z.strictObject({
  clientId: z.string().regex(/^[a-z0-9][a-z0-9._-]{1,62}$/),
  name: z.string().min(1).max(200),
  scopes: z.array(z.enum(['dci.search', 'dci.subscribe', 'dci.decile'])).min(1),
  regionCode: z.string().regex(/^(|\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?)$/),
  callbackHosts: z.array(z.string().regex(/^[a-z0-9.-]+(:\d{1,5})?$/i)).max(20),
  publicJwk: z.looseObject({ kty: z.string() }).nullable().optional(),
  /** A given secret (fixtures); otherwise one is generated and shown once. */
  secret: z.string().min(16).max(200).optional(),
});
export type PartnerInput = z.infer<typeof PartnerInput>;

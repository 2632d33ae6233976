import type { Selectable } from 'kysely';

/** A partner system allowed to use the DCI API (migration 040, docs/dci.md). */
export interface DciPartnerTable {
  id: string;
  clientId: string;
  name: string;
  /** scrypt hash of the client secret (`salt:hash`, hex). */
  secretHash: string;
  /** Space-separated scopes (`dci.search dci.subscribe`). */
  scopes: string;
  /** Dotted region code of the partner's territory; '' is the whole nation. */
  regionCode: string;
  /** The partner's public JWK (JSON) that verifies its message signatures; null: messages are not verified. */
  publicJwk: string | null;
  /** Space-separated host names (host or host:port) that callbacks and notifications may go to. */
  callbackHosts: string;
  createdAt: string;
  revokedAt: string | null;
}
export type DciPartnerRow = Selectable<DciPartnerTable>;

/** A DCI request of a partner: its answer is kept for `txn/status`. `id` is the correlation id. */
export interface DciTransactionTable {
  id: string;
  partnerId: string;
  transactionId: string;
  messageId: string;
  action: string;
  /** rcvd | pdng | succ | rjct */
  status: string;
  /** JSON array of the request's reference ids. */
  referenceIds: string;
  /** JSON of the answer's message (search_response, subscribe_response, …) once there is one. */
  response: string | null;
  /** An async request's callback (migration 058): pending, delivered or failed (attempts ran out); null: sync. */
  callbackState: 'pending' | 'delivered' | 'failed' | null;
  /** Delivery attempts made so far. */
  callbackAttempts: number;
  /** The last failed attempt's reason (the partner's HTTP status, a network error). */
  callbackError: string | null;
  createdAt: string;
  updatedAt: string;
}
export type DciTransactionRow = Selectable<DciTransactionTable>;

/** A partner's subscription to registry events, notified up to `notifiedUntil`. */
export interface DciSubscriptionTable {
  code: string;
  partnerId: string;
  eventType: string;
  /** JSON of the subscription's filter as parsed (src/domain/dci/query.ts). */
  filter: string;
  notifyRecordType: string;
  notifyUri: string;
  /** subscribe | unsubscribe */
  status: string;
  notifiedUntil: string;
  /** The last notified event's id at `notifiedUntil` (the keyset's second part); null: none at that time yet. */
  notifiedUntilId: string | null;
  createdAt: string;
  unsubscribedAt: string | null;
}
export type DciSubscriptionRow = Selectable<DciSubscriptionTable>;

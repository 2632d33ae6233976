/**
 * Validators for the DCI answers and callbacks, built from the spdci social_api_v1.0.0 document
 * (test/fixtures/dci/): the document's `$ref`s resolved in place (it points into `example`s too), then
 * compiled with Ajv (OpenAPI 3.0 keywords such as `example` ignored; formats checked).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

type Json = Record<string, unknown>;
const doc = parse(readFileSync(resolve('test/fixtures/dci/social_api_v1.0.0.yaml'), 'utf8')) as Json;

function at(pointer: string): unknown {
  return pointer
    .replace(/^#\//, '')
    .split('/')
    .reduce<unknown>((node, key) => (node as Json)[key.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
}

function deref(node: unknown, seen: string[] = []): unknown {
  if (Array.isArray(node)) return node.map((n) => deref(n, seen));
  if (node === null || typeof node !== 'object') return node;
  const obj = node as Json;
  if (typeof obj.$ref === 'string') {
    if (seen.includes(obj.$ref)) return {};
    const { $ref, ...rest } = obj;
    return { ...(deref(at($ref), [...seen, $ref]) as Json), ...(deref(rest, seen) as Json) };
  }
  const out: Json = {};
  for (const [k, v] of Object.entries(obj)) out[k] = k === 'example' || k === 'examples' ? v : deref(v, seen);
  return out;
}

const ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true });
addFormats.default(ajv);
const cache = new Map<string, ValidateFunction>();

function validator(pointer: string): ValidateFunction {
  const known = cache.get(pointer);
  if (known) return known;
  const v = ajv.compile(deref(at(pointer)) as Json);
  cache.set(pointer, v);
  return v;
}

const path = (p: string) => p.replace(/\//g, '~1');
const json = 'content/application~1json/schema';

/** Where each checked body's schema is in the document. */
export const SPEC = {
  syncSearchResponse: `#/paths/${path('/registry/sync/search')}/post/responses/default/${json}`,
  syncTxnStatusResponse: `#/paths/${path('/registry/sync/txn/status')}/post/responses/default/${json}`,
  ack: `#/components/responses/Response/${json}`,
  httpError: `#/components/responses/HttpErrorResponse/${json}`,
  onSearch: `#/paths/${path('/registry/on-search')}/post/requestBody/${json}`,
  onSubscribe: `#/paths/${path('/registry/on-subscribe')}/post/requestBody/${json}`,
  onUnsubscribe: `#/paths/${path('/registry/on-unsubscribe')}/post/requestBody/${json}`,
  txnOnStatus: `#/paths/${path('/registry/txn/on-status')}/post/requestBody/${json}`,
  notify: `#/paths/${path('/registry/notify')}/post/requestBody/${json}`,
  searchRequest: `#/paths/${path('/registry/search')}/post/requestBody/${json}`,
} as const;

/** The schema's complaints about `body` (empty when it conforms). */
export function specErrors(where: keyof typeof SPEC, body: unknown): string[] {
  const v = validator(SPEC[where]);
  if (v(body)) return [];
  return (v.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
}

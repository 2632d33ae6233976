/**
 * API answers compressed when the client accepts it: a page of a list is 10–20 KB of JSON, a few KB once
 * compressed, which counts on a slow line. The web app's files are precompressed at build time instead
 * (web/vite.config.ts, `preCompressed` in app.ts); this hook handles what the routes serialise: JSON and
 * problem+json strings of 1 KB or more. Brotli at quality 2, else gzip: half the CPU of quality 4 for a few
 * per cent more bytes, and smaller and cheaper than gzip level 6 (bench/compression.ts).
 * Not compressed: the login answer (it carries the session token; a secret never shares a compressed body
 * with text an attacker might choose) and anything that is not a serialised JSON string (files, streams).
 */
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { FastifyInstance } from 'fastify';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

export const MIN_COMPRESSED_BYTES = 1024;
const BROTLI_QUALITY = 2;

/** The encoding to answer with for an `Accept-Encoding` header: br before gzip; `;q=0` refuses one. */
export function chooseEncoding(header: string | undefined): 'br' | 'gzip' | null {
  const accepted = new Set<string>();
  for (const part of (header ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (name && !(q && Number(q.slice(2)) === 0)) accepted.add(name);
  }
  if (accepted.has('br')) return 'br';
  if (accepted.has('gzip') || accepted.has('*')) return 'gzip';
  return null;
}

export function registerCompression(app: FastifyInstance): void {
  app.addHook('onSend', async (req, reply, payload) => {
    if (typeof payload !== 'string' || Buffer.byteLength(payload) < MIN_COMPRESSED_BYTES) return payload;
    if (!/json/.test(String(reply.getHeader('content-type') ?? ''))) return payload;
    if (reply.hasHeader('content-encoding') || req.routeOptions.config?.loginAttempt) return payload;
    const vary = String(reply.getHeader('vary') ?? '');
    if (!/accept-encoding/i.test(vary))
      reply.header('vary', vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding');
    const encoding = chooseEncoding(req.headers['accept-encoding']);
    if (!encoding) return payload;
    const body =
      encoding === 'br'
        ? await brotli(payload, { params: { [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY } })
        : await gzipAsync(payload);
    reply.header('content-encoding', encoding);
    reply.removeHeader('content-length');
    return body;
  });
}

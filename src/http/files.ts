/**
 * Files over HTTP. In: a route that takes a file as its body declares the types it accepts (`fileBody`);
 * anything else, or no type at all, is refused with 415 before the body is read. Out: every stored or
 * generated file is answered with `fileHeaders`: its real type, `attachment` unless it is an image asked for
 * display, an RFC 6266/5987 file name, no sniffing, a sandboxing CSP, and never cached.
 */
import { Readable } from 'node:stream';
import { create as contentDisposition } from 'content-disposition';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { label } from '../domain/catalogue.ts';
import { asciiFileName, DISPLAY_TYPES } from '../domain/cycle/attachment-names.ts';
import { ATTACHMENT_KINDS, type AttachmentKind } from '../domain/cycle/attachments.ts';
import { AppError } from '../domain/errors.ts';

/**
 * The schema parts of a route whose body is a file in one of `types`: OpenAPI shows them as the request
 * body's types, and `checkMediaType` enforces them.
 */
export function fileBody(types: readonly string[], description = 'The file itself, as the raw body') {
  return {
    consumes: [...types],
    body: z.any().meta({ type: 'string', format: 'binary', description }),
  };
}

/**
 * The 200 answer of a route that answers a file of one of `types` (each as binary), for the OpenAPI
 * document: a client learns which types to expect, and the answers are checked against them in tests.
 */
export function fileResponse(types: readonly string[], description = 'The file, streamed') {
  const binary = z.any().meta({ type: 'string', format: 'binary' });
  return { description, content: Object.fromEntries(types.map((t) => [t, { schema: binary }])) };
}

/** Every type a stored attachment can be answered as (the types found in uploaded content). */
export const ATTACHMENT_MIMES: readonly string[] = [
  ...new Set(Object.values(ATTACHMENT_KINDS).flatMap((k) => k.mimes as readonly string[])),
];

/** The media type of a Content-Type header, lower case, without parameters ('' when absent). */
function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0]!.trim().toLowerCase();
}

/**
 * onRequest: a route that declares what it consumes refuses every other body type (text/plain, a form,
 * JSON, none) with 415 `request.unsupported_media_type`, naming the accepted ones, before reading the body.
 */
export async function checkMediaType(req: FastifyRequest): Promise<void> {
  const consumes = req.routeOptions.schema?.consumes as readonly string[] | undefined;
  if (!consumes?.length) return;
  const type = mediaType(req.headers['content-type']);
  if (consumes.includes(type)) return;
  const list = consumes.join(', ');
  throw new AppError(
    'unsupported_media_type',
    'request.unsupported_media_type',
    { type: type || label('none'), list },
    { extra: { accepted: consumes } },
  );
}

/** The uploaded file of a route declared with `fileBody`; an absent body is refused. */
export function uploadedFile(body: unknown, types: readonly string[]): Readable | Buffer {
  if (body instanceof Readable || Buffer.isBuffer(body)) return body;
  throw new AppError('validation', 'attachment.empty', { types: types.join(', ') });
}

export interface FileAnswer {
  /** The real type (found in the content at upload, or the generator's). */
  mime: string;
  /** The name to save under, with an extension of that type. */
  name: string;
  /** Asked for display (an <img>, a photo opened in a tab); honoured for `DISPLAY_TYPES` only. */
  inline?: boolean;
  size?: number;
}

/**
 * Headers of a file answer. Files are personal data (KK copies, house photos): never stored by caches.
 * `sandbox` keeps a file opened as a page from running anything even if a browser rendered it as HTML.
 */
export function fileHeaders(reply: FastifyReply, file: FileAnswer): FastifyReply {
  const inline = file.inline === true && DISPLAY_TYPES.has(file.mime);
  reply
    .header('content-type', file.mime)
    .header(
      'content-disposition',
      contentDisposition(file.name, {
        type: inline ? 'inline' : 'attachment',
        fallback: asciiFileName(file.name),
      }),
    )
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cross-origin-resource-policy', 'same-origin')
    .header('cache-control', 'no-store');
  if (file.size !== undefined) reply.header('content-length', file.size);
  return reply;
}

/**
 * The body types an attachment upload of `kinds` accepts: the kinds' own types, and octet-stream for a file
 * whose type the client does not know (the content is sniffed either way).
 */
export function attachmentTypes(...kinds: AttachmentKind[]): string[] {
  return [...new Set([...kinds.flatMap((k) => ATTACHMENT_KINDS[k].mimes), 'application/octet-stream'])];
}

/**
 * .siks bundles over HTTP (staff sessions): this installation's key, the trusted keys (Dinas Sosial), a
 * bundle's verification (the file as the body), its import as a job (progress and the row-by-row report at
 * GET /jobs/{id}), and the working set's export as a download.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../domain/errors.ts';
import { actorOf } from '../../http/context.ts';
import { fileBody, fileHeaders, fileResponse, uploadedFile } from '../../http/files.ts';
import { RegionCodeParam } from '../../http/params.ts';
import { ProblemSchema, problems } from '../../http/schemas.ts';
import { JobStarted } from '../jobs/jobs.schemas.ts';
import type { JobsService } from '../jobs/jobs.service.ts';
import { stagingDir } from './bundle.zip.ts';
import { BUNDLE_IMPORT } from './bundles.jobs.ts';
import type { BundlesService } from './bundles.service.ts';

const tags = ['bundles'];
/** The largest bundle taken over HTTP (a regency's field changes with photos fit well below). */
export const BUNDLE_BODY_LIMIT = 1024 * 1024 * 1024;
const BUNDLE_TYPES = ['application/octet-stream', 'application/zip'];
const SIKS = 'application/vnd.dtks.siks+zip';

export const TrustedKey = z.object({
  id: z.string(),
  name: z.string(),
  fingerprint: z.string(),
  publicKey: z.string(),
  regionCode: z.string(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
  revokeReason: z.string().nullable(),
});
const VerifyAnswer = z.union([
  z.object({
    ok: z.literal(true),
    signer: z.object({ name: z.string(), fingerprint: z.string() }),
    manifest: z.record(z.string(), z.unknown()),
  }),
  z.object({
    ok: z.literal(false),
    part: z.string(),
    code: z.string(),
    message: z.object({ id: z.string(), en: z.string() }),
  }),
]);

/** The uploaded bundle in a staging folder (removed by `dispose`). */
async function staged(body: unknown): Promise<{ file: string; dispose: () => Promise<void> }> {
  const input = uploadedFile(body, BUNDLE_TYPES);
  const stage = await stagingDir();
  const file = join(stage.dir, 'upload.siks');
  try {
    if (Buffer.isBuffer(input)) await pipeline([input] as unknown as Readable, createWriteStream(file));
    else await pipeline(input, createWriteStream(file));
  } catch (err) {
    await stage.dispose();
    throw err;
  }
  return { file, dispose: stage.dispose };
}

export const bundlesRoutes: FastifyPluginAsyncZod<{ bundles: BundlesService; jobs: JobsService }> = async (
  app,
  { bundles, jobs },
) => {
  app.get(
    '/bundles/key',
    {
      schema: {
        tags,
        summary:
          "This installation's Ed25519 public key and fingerprint: what another installation registers as trusted",
        response: {
          200: z.object({ fingerprint: z.string(), publicKey: z.string(), publicKeyPem: z.string() }),
        },
      },
    },
    async () => bundles.installationKey(),
  );

  app.get(
    '/bundles/trusted-keys',
    {
      schema: {
        tags,
        summary: 'The installations whose bundles are accepted (within your territory), revoked ones too',
        response: { 200: z.object({ items: z.array(TrustedKey) }), ...problems },
      },
    },
    async (req) => ({ items: await bundles.listKeys(actorOf(req)) }),
  );

  app.post(
    '/bundles/trusted-keys',
    {
      schema: {
        tags,
        summary: "Trust an installation's public key (base64 SPKI or PEM) for bundles of a territory",
        body: z.strictObject({
          name: z.string().trim().min(1).max(200),
          publicKey: z.string().min(40).max(2000),
          regionCode: z.string().max(20),
        }),
        response: { 201: TrustedKey, ...problems },
      },
    },
    async (req, reply) => reply.code(201).send(await bundles.trustKey(actorOf(req), req.body)),
  );

  app.post(
    '/bundles/trusted-keys/:fingerprint/revoke',
    {
      schema: {
        tags,
        summary: 'Revoke a trusted key: its bundles are refused from now on',
        params: z.strictObject({ fingerprint: z.string().max(64) }),
        body: z.strictObject({ reason: z.string().trim().min(1).max(500) }),
        response: { 200: TrustedKey, ...problems },
      },
    },
    async (req) => bundles.revokeKey(actorOf(req), req.params.fingerprint, req.body.reason),
  );

  app.post(
    '/bundles/verify',
    {
      bodyLimit: BUNDLE_BODY_LIMIT,
      schema: {
        tags,
        summary:
          'Verify a .siks bundle (the file as the body) as an import would: signer trusted and not revoked, signature, every part present with its signed size and SHA-256, territory, replay. Nothing is imported',
        ...fileBody(BUNDLE_TYPES, 'The .siks file'),
        response: { 200: VerifyAnswer, ...problems, 413: ProblemSchema, 415: ProblemSchema },
      },
    },
    async (req) => {
      const { file, dispose } = await staged(req.body);
      try {
        return await bundles.verify(actorOf(req), file);
      } finally {
        await dispose();
      }
    },
  );

  app.post(
    '/bundles/import',
    {
      bodyLimit: BUNDLE_BODY_LIMIT,
      schema: {
        tags,
        summary:
          'Import a .siks bundle as a job: 202 with its id; GET /jobs/{id} shows progress and the counts with every conflicting or refused row. A tampered or untrusted bundle fails the job with the part and the reason; importing the same bundle again changes nothing',
        querystring: z.strictObject({ name: z.string().max(200).optional() }),
        ...fileBody(BUNDLE_TYPES, 'The .siks file'),
        response: { 202: JobStarted, ...problems, 413: ProblemSchema, 415: ProblemSchema },
      },
    },
    async (req, reply) => {
      // Streamed to a file the job reads: a large bundle is never held in memory.
      const actor = actorOf(req);
      const { upload, size } = await bundles.receiveUpload(
        actor,
        uploadedFile(req.body, BUNDLE_TYPES),
        BUNDLE_BODY_LIMIT,
      );
      try {
        if (size === 0)
          throw new AppError('validation', 'attachment.empty', { types: BUNDLE_TYPES.join(', ') });
        const name = req.query.name ?? 'bundle.siks';
        const job = await jobs.enqueue(actor, BUNDLE_IMPORT, { source: name, upload });
        return reply.code(202).send({ jobId: job.id });
      } catch (err) {
        await bundles.discardUpload(actor, upload);
        throw err;
      }
    },
  );

  app.get(
    '/bundles/export',
    {
      schema: {
        tags,
        summary: "Download a signed .siks bundle of a territory's working set (for an offline installation)",
        querystring: z.strictObject({ region: RegionCodeParam }),
        response: { 200: fileResponse([SIKS]), ...problems },
      },
    },
    async (req, reply) => {
      const stage = await stagingDir();
      const out = join(stage.dir, 'export.siks');
      try {
        const manifest = await bundles.exportWorkingSet(actorOf(req), req.query.region, out);
        const { size } = await stat(out);
        const stream = createReadStream(out);
        stream.on('close', () => void stage.dispose());
        fileHeaders(reply, {
          mime: SIKS,
          name: `working-set-${manifest.territory || 'id'}-${manifest.createdAt.slice(0, 10)}.siks`,
          size,
        });
        return reply.send(stream);
      } catch (err) {
        await stage.dispose();
        throw err;
      }
    },
  );
};

import { PassThrough } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/context.ts';
import { fileHeaders, fileResponse } from '../../http/files.ts';
import { problems } from '../../http/schemas.ts';
import {
  BatchIdParams,
  PublicKey,
  ReceiptBody,
  ReceiptView,
  ScanBody,
  ScanView,
  UndeliveredBody,
  UndeliveredResult,
} from './receipts.schemas.ts';
import type { ReceiptsService } from './receipts.service.ts';

const tags = ['distribution'];
const InvitationParams = z.strictObject({ id: z.string().max(64), code: z.string().max(20) });
const InvitationVillages = z.object({
  items: z.array(z.object({ code: z.string(), name: z.string(), letters: z.number().int() })),
});
/** The point officer is a partner (`pos`): these routes declare it (src/http/auth-boundary.ts). */
const config = { partners: true };

export const receiptsRoutes: FastifyPluginAsyncZod<{ receipts: ReceiptsService }> = async (
  app,
  { receipts },
) => {
  app.get(
    '/public/distribution/public-key',
    {
      config: { public: true },
      schema: {
        tags,
        summary:
          'The Ed25519 public key that signs invitation QR codes (PEM and JWK), so any device can check a code offline',
        response: { 200: PublicKey },
      },
    },
    async (_req, reply) => {
      reply.header('cache-control', 'public, max-age=3600');
      return receipts.publicKey();
    },
  );

  app.post(
    '/distribution/receipts/scan',
    {
      config,
      schema: {
        tags,
        summary:
          'What the point officer sees after scanning an invitation: the KPM, the entitlement and whether it was already received (audited); 400 `distribution.invalid_qr` on a forged or altered code',
        body: ScanBody,
        response: { 200: ScanView, ...problems },
      },
    },
    async (req) => receipts.scan(actorOf(req), req.body.qr),
  );

  app.post(
    '/distribution/receipts',
    {
      config,
      bodyLimit: 32 * 1024 * 1024,
      schema: {
        tags,
        summary:
          "Record a proof of receipt from a scanned invitation with evidence (photo; signature or representative with proof): 201 on the first scan, 200 when the same device (clientId) re-sends it, 409 `distribution.already_received` with `receivedAt` and `pointId` on a repeat, 400 `distribution.invalid_qr`, 403 outside the point's schedule or territory, 409 for a stopped recipient",
        body: ReceiptBody,
        response: { 200: ReceiptView, 201: ReceiptView, ...problems },
      },
    },
    async (req, reply) => {
      const { created, receipt } = await receipts.receive(actorOf(req), req.body);
      return reply.code(created ? 201 : 200).send(receipt);
    },
  );

  app.get(
    '/distribution/batches/:id/invitations',
    {
      config,
      schema: {
        tags,
        summary: 'The villages of a batch with their number of invitation letters (outstanding entitlements)',
        params: BatchIdParams,
        response: { 200: InvitationVillages, ...problems },
      },
    },
    async (req) => ({ items: await receipts.invitationVillages(actorOf(req), req.params.id) }),
  );

  app.get(
    '/distribution/batches/:id/invitations/:code',
    {
      config,
      schema: {
        tags,
        summary:
          "One village's invitation letters (undangan) as a PDF, each with its signed QR code; streamed (audited)",
        params: InvitationParams,
        response: { 200: fileResponse(['application/pdf']), ...problems },
      },
    },
    async (req, reply) => {
      const { fileName, write } = await receipts.invitations(actorOf(req), req.params.id, req.params.code);
      const body = new PassThrough();
      write(body).catch((err: unknown) => body.destroy(err as Error));
      fileHeaders(reply, { mime: 'application/pdf', name: fileName });
      return reply.send(body);
    },
  );

  app.post(
    '/distribution/batches/:id/undelivered',
    {
      schema: {
        tags,
        summary:
          "Return a batch's entitlements still undelivered after their point's schedule ended, with a reason (one transaction)",
        params: BatchIdParams,
        body: UndeliveredBody,
        response: { 200: UndeliveredResult, ...problems },
      },
    },
    async (req) => receipts.returnUndelivered(actorOf(req), req.params.id, req.body.reason),
  );
};

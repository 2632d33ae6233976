import { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../http/context.ts';
import { fileResponse } from '../../http/files.ts';
import { requestLang } from '../../http/problem.ts';
import { problems } from '../../http/schemas.ts';
import { SyncRequest, SyncResponse, WorkingSetQuery } from './sync.schemas.ts';
import type { SyncService } from './sync.service.ts';

const tags = ['sync'];

/** 100 changes with their photos (each at most 10 MiB, base64): the offline app sends them in batches. */
const SYNC_BODY_LIMIT = 64 * 1024 * 1024;

export const syncRoutes: FastifyPluginAsyncZod<{ sync: SyncService }> = async (app, { sync }) => {
  app.get(
    '/sync/working-set',
    {
      schema: {
        tags,
        summary:
          "A territory's working set for the offline app, streamed as NDJSON (one {type, data} record a line: meta, regions, code lists, households with members, open proposals, your visits, open Musdes sessions and rows, end)",
        querystring: WorkingSetQuery,
        response: { 200: fileResponse(['application/x-ndjson'], 'NDJSON records, streamed'), ...problems },
      },
    },
    async (req, reply) => {
      const records = sync.workingSet(actorOf(req), req.query.region);
      // The first record is read before answering: territory and region problems still answer as problem+json.
      const first = await records.next();
      async function* lines() {
        if (!first.done) yield `${JSON.stringify(first.value)}\n`;
        for await (const r of records) yield `${JSON.stringify(r)}\n`;
      }
      return reply
        .header('content-type', 'application/x-ndjson; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(Readable.from(lines()));
    },
  );

  app.post(
    '/sync/changes',
    {
      bodyLimit: SYNC_BODY_LIMIT,
      schema: {
        tags,
        summary:
          'Apply changes recorded offline (proposal drafts, verivali visits, Musdes outcomes), each answered on its own: created, updated, unchanged (already applied), conflict (with the server version) or rejected (with the reason)',
        body: SyncRequest,
        response: { 200: SyncResponse, ...problems },
      },
    },
    async (req) => {
      const files = req.body.files;
      const results = await sync.apply(actorOf(req), req.body.changes, {
        lang: requestLang(req),
        source: 'http',
        photos: async (ref) => {
          const b64 = Object.hasOwn(files, ref) ? files[ref] : undefined;
          return b64 === undefined ? undefined : Buffer.from(b64, 'base64');
        },
      });
      return { results };
    },
  );
};

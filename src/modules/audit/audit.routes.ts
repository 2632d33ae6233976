import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Container } from '../../container.ts';
import { normalizeRegionCode } from '../../domain/regions/region-code.ts';
import { actorOf } from '../../http/context.ts';
import { RegionCodeParam } from '../../http/params.ts';
import { problems } from '../../http/schemas.ts';

export const Entry = z.object({
  seq: z.number(),
  id: z.string(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorUsername: z.string().nullable(),
  actorName: z.string().nullable().describe("the actor's display name"),
  actorRole: z.string().nullable(),
  action: z.string(),
  entityType: z.string().nullable(),
  entityId: z.string().nullable(),
  entityName: z
    .string()
    .nullable()
    .describe('the record by name: head of household (household, usulan, visit) or display name (user)'),
  regionCode: z.string().nullable(),
  regionName: z.string().nullable(),
  ip: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  purpose: z.string().nullable().describe('why the record was read or changed (X-Purpose), when said'),
  hash: z.string(),
});
export type Entry = z.infer<typeof Entry>;

/** The dotted form the log stores (the parameter was checked already). */
function dotted(code: string): string {
  const r = normalizeRegionCode(code);
  return r.ok ? r.code : code;
}

const isoish = z.string().regex(/^\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?$/, 'ISO date or timestamp');

export const auditRoutes: FastifyPluginAsyncZod<{ container: Container }> = async (app, { container }) => {
  app.get(
    '/audit',
    {
      schema: {
        tags: ['audit'],
        summary:
          'Audit log, newest first (auditor, admin), with people, regions and records named; filter by user, record, action or action group, region, time',
        querystring: z.strictObject({
          username: z.string().max(60).optional(),
          entityId: z.string().max(64).optional(),
          action: z.string().max(60).optional(),
          group: z
            .string()
            .regex(/^[a-z_]{1,40}$/, 'an action group: lower-case letters and _')
            .optional()
            .describe('action group: the part of the action before the dot (household, usulan, auth, …)'),
          regionCode: RegionCodeParam.optional().describe(
            'entries of this region and below (within your territory)',
          ),
          from: isoish.optional(),
          to: isoish.optional(),
          cursor: z.coerce.number().int().min(1).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          lang: z.enum(['id', 'en']).optional(),
        }),
        response: {
          200: z.object({ items: z.array(Entry), nextCursor: z.string().nullable() }),
          ...problems,
        },
      },
    },
    async (req) => {
      const q = req.query;
      const rows = await container.audit.list(actorOf(req), {
        actorUsername: q.username,
        entityId: q.entityId,
        action: q.action,
        actionGroup: q.group,
        regionCode: q.regionCode ? dotted(q.regionCode) : undefined,
        from: q.from,
        to: q.to && q.to.length === 10 ? `${q.to}T23:59:59.999Z` : q.to,
        beforeSeq: q.cursor,
        limit: q.limit + 1,
      });
      const page = rows.slice(0, q.limit);
      return {
        items: page.map((r) => ({
          ...r,
          seq: Number(r.seq),
          details: JSON.parse(r.details) as Record<string, unknown>,
        })),
        nextCursor: rows.length > q.limit ? String(page.at(-1)!.seq) : null,
      };
    },
  );

  app.get(
    '/audit/verify',
    {
      schema: {
        tags: ['audit'],
        summary: 'Verify the hash chain (auditor, admin)',
        response: { 200: z.record(z.string(), z.unknown()), ...problems },
      },
    },
    async (req) => {
      const { requirePermission } = await import('../access/actor.ts');
      requirePermission(actorOf(req), 'audit.read');
      return container.audit.verify();
    },
  );
};

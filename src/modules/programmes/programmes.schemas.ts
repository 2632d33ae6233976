import { z } from 'zod';

/**
 * A programme document as the API carries it. Uploads are checked by the service (validateProgramme), which
 * answers every problem with its JSON pointer in the document (docs/programmes.md), so the route only asks
 * for a JSON object here.
 */
export const ProgrammeDocumentBody = z
  .record(z.string(), z.unknown())
  .describe(
    'A programme document (docs/programmes.md): code, version, name, door, targetDeciles, rules, exclusions, benefit',
  );

const Bilingual = z.object({ id: z.string(), en: z.string() });

export const ProgrammeVersionSummary = z.object({
  code: z.string(),
  version: z.string(),
  state: z.enum(['draft', 'published', 'retired']),
  /** A recipient list was computed with it. */
  used: z.boolean(),
  createdAt: z.string(),
  publishedAt: z.string().nullable(),
});
export type ProgrammeVersionSummary = z.infer<typeof ProgrammeVersionSummary>;

export const ProgrammeVersionDetail = ProgrammeVersionSummary.extend({
  document: z.record(z.string(), z.unknown()),
});
export type ProgrammeVersionDetail = z.infer<typeof ProgrammeVersionDetail>;

export const ProgrammeSummary = z.object({
  code: z.string(),
  door: z.enum(['pusdatin', 'province']),
  provinceCode: z.string().nullable(),
  /** The name in the current version (else the newest version). */
  name: Bilingual,
  /** The published version in force, with its document; null before the first publication. */
  current: ProgrammeVersionDetail.nullable(),
  /** The newest version uploaded (maybe a draft waiting to be published). */
  latest: ProgrammeVersionSummary,
  /** Whether the caller may upload and publish versions of it. */
  manageable: z.boolean(),
});
export type ProgrammeSummary = z.infer<typeof ProgrammeSummary>;

export const ProgrammeList = z.object({ items: z.array(ProgrammeSummary) });

export const ProgrammeDetail = ProgrammeSummary.extend({ versions: z.array(ProgrammeVersionSummary) });
export type ProgrammeDetail = z.infer<typeof ProgrammeDetail>;

export const ProgrammeVersionList = z.object({ items: z.array(ProgrammeVersionSummary) });

export const ProgrammeCodeParams = z.strictObject({ code: z.string().max(60) });
export const ProgrammeVersionParams = z.strictObject({
  code: z.string().max(60),
  version: z.string().max(40),
});

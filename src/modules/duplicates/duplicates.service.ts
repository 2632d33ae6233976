import type { Kysely } from 'kysely';
import type { DB, DuplicateCandidateRow } from '../../db/schema/index.ts';
import { label } from '../../domain/catalogue.ts';
import { AppError, issue, notFound, validationError } from '../../domain/errors.ts';
import { decodeCursor, encodeCursor } from '../../lib/cursor.ts';
import { nowIso } from '../../lib/ids.ts';
import { type Actor, isWithin, requirePermission } from '../access/actor.ts';
import { findRecord } from '../access/scoped-reads.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { HouseholdsService } from '../households/households.service.ts';
import type { RegionsService } from '../regions/regions.service.ts';
import type { DuplicateFinder, ScanResult } from './duplicates.finder.ts';
import type { CandidateListRow, DuplicatesRepository } from './duplicates.repository.ts';
import type { Candidate, Resolution, WorklistQuery } from './duplicates.schemas.ts';

const CANDIDATE = label('record.duplicate_candidate');

function candidateFromRow(r: CandidateListRow): Candidate {
  const side = (x: 'a' | 'b') => ({
    householdId: x === 'a' ? r.householdA : r.householdB,
    personId: x === 'a' ? r.personA : r.personB,
    regionCode: x === 'a' ? r.villageA : r.villageB,
    kkNumber: x === 'a' ? r.aKkNumber : r.bKkNumber,
    headName: x === 'a' ? r.aHeadName : r.bHeadName,
    address: x === 'a' ? r.aAddress : r.bAddress,
    status: x === 'a' ? r.aStatus : r.bStatus,
  });
  return {
    id: r.id,
    rule: r.rule,
    score: r.score,
    state: r.state,
    foundAt: r.foundAt,
    resolution: r.resolution,
    resolvedBy: r.resolvedBy,
    resolvedAt: r.resolvedAt,
    resolutionNote: r.resolutionNote,
    a: side('a'),
    b: side('b'),
  };
}

/**
 * The Dinas Sosial worklist of likely duplicates. A candidate is visible only when both households lie in
 * the actor's territory; otherwise it answers exactly as an absent one. Reads are audited; resolving
 * changes only the candidate's state, or removes one household through HouseholdsService.remove.
 */
export interface DuplicatesDeps {
  db: Kysely<DB>;
  repo: DuplicatesRepository;
  finder: DuplicateFinder;
  households: HouseholdsService;
  regions: RegionsService;
  audit: AuditService;
}

export class DuplicatesService {
  readonly #deps: DuplicatesDeps;

  constructor(deps: DuplicatesDeps) {
    this.#deps = deps;
  }

  async worklist(
    actor: Actor,
    query: WorklistQuery,
  ): Promise<{ items: Candidate[]; nextCursor: string | null }> {
    requirePermission(actor, 'duplicates.review');
    const { db, repo, regions, audit } = this.#deps;
    const region = query.region ? regions.normalize(query.region, 'region') : null;
    if (region && !isWithin(actor, region) && !isWithin({ ...actor, regionCode: region }, actor.regionCode))
      return { items: [], nextCursor: null };
    const rows = await repo.list(db, {
      territory: actor.regionCode,
      region,
      state: query.state,
      afterId: query.cursor ? decodeCursor(query.cursor) : undefined,
      limit: query.limit + 1,
    });
    const page = rows.slice(0, query.limit);
    const items = page.map(candidateFromRow);
    if (items.length)
      await audit.recordRead(actor, {
        action: 'duplicate.list',
        entityType: 'duplicate_candidate',
        regionCode: region ?? (actor.regionCode || null),
        details: {
          query: { ...query, cursor: undefined },
          ids: items.map((i) => i.id),
          households: items.flatMap((i) => [i.a.householdId, i.b.householdId]),
        },
      });
    return { items, nextCursor: rows.length > query.limit ? encodeCursor(page.at(-1)!.id) : null };
  }

  /** One candidate with both households in full, for the side-by-side view. */
  async get(actor: Actor, id: string) {
    requirePermission(actor, 'duplicates.review');
    const { db, households } = this.#deps;
    const row = await this.#visible(db, actor, id);
    const [a, b] = await Promise.all([
      households.get(actor, row.householdA),
      households.get(actor, row.householdB),
    ]);
    await this.#deps.audit.recordRead(actor, {
      action: 'duplicate.read',
      entityType: 'duplicate_candidate',
      entityId: id,
      regionCode: row.villageA,
      details: { households: [row.householdA, row.householdB] },
    });
    const side = (h: typeof a) => ({
      kkNumber: h.kkNumber,
      headName: h.headName,
      address: h.address,
      status: h.status,
    });
    return {
      ...candidateFromRow({
        ...row,
        ...prefixed('a', side(a)),
        ...prefixed('b', side(b)),
      }),
      households: [a, b] as [typeof a, typeof b],
    };
  }

  async resolve(actor: Actor, id: string, body: Resolution) {
    requirePermission(actor, 'duplicates.review');
    const { db, repo, households, audit } = this.#deps;
    await db.transaction().execute(async (trx) => {
      const row = await this.#visible(trx, actor, id);
      if (row.state !== 'open') throw alreadyResolved(row.state);
      if (body.action === 'remove') {
        if (body.householdId !== row.householdA && body.householdId !== row.householdB)
          throw validationError([issue('householdId', 'duplicate.not_in_pair')]);
        await households.remove(
          actor,
          body.householdId,
          { version: body.version, reasonCode: 'duplicate_record', note: body.note },
          { trx },
        );
      }
      const resolution = body.action === 'remove' ? 'removed_duplicate' : body.action;
      const state = body.action === 'not_duplicate' ? 'dismissed' : 'linked';
      const done = await repo.resolve(trx, id, {
        state,
        resolution,
        resolvedBy: actor.userId,
        resolvedAt: nowIso(),
        resolutionNote: body.note,
      });
      if (!done) throw alreadyResolved('linked');
      await audit.record(trx, actor, {
        action: 'duplicate.resolve',
        entityType: 'duplicate_candidate',
        entityId: id,
        regionCode: row.villageA,
        details: {
          resolution,
          households: [row.householdA, row.householdB],
          removed: body.action === 'remove' ? body.householdId : undefined,
          note: body.note,
        },
      });
    });
    return this.get(actor, id);
  }

  /** Flags every likely duplicate among the active records of a region (the CLI's `duplicates scan`). */
  async scan(
    actor: Actor,
    regionInput: string,
    onProgress?: (phase: string, n: number) => void,
  ): Promise<ScanResult & { region: string }> {
    requirePermission(actor, 'duplicates.review');
    const { db, finder, regions, audit } = this.#deps;
    const region = regionInput === '' ? '' : regions.normalize(regionInput, 'region');
    if (!isWithin(actor, region)) throw notFound(label('record.region'));
    const result = await finder.scan(db, region, onProgress);
    await audit.record(db, actor, {
      action: 'duplicate.scan',
      entityType: 'duplicate_candidate',
      regionCode: region || null,
      details: { ...result },
    });
    return { ...result, region };
  }

  async #visible(db: Kysely<DB>, actor: Actor, id: string): Promise<DuplicateCandidateRow> {
    const row = await findRecord(id, (id) => this.#deps.repo.findById(db, id));
    if (!row || !isWithin(actor, row.villageA) || !isWithin(actor, row.villageB)) throw notFound(CANDIDATE);
    return row;
  }
}

function prefixed<P extends 'a' | 'b', T extends Record<string, unknown>>(p: P, o: T) {
  return Object.fromEntries(
    Object.entries(o).map(([k, v]) => [`${p}${k[0]!.toUpperCase()}${k.slice(1)}`, v]),
  ) as {
    [K in keyof T & string as `${P}${Capitalize<K>}`]: T[K];
  };
}

function alreadyResolved(state: string): AppError {
  return new AppError('state', 'duplicate.already_resolved', undefined, {
    extra: { currentState: state, allowed: [] },
  });
}

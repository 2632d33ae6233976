/**
 * An offline installation's copy of the online registry's working set (a .siks `working-set` bundle):
 * households with their members, upserted by id and version — absent: created; an older version stored:
 * replaced by the newer one (with a version row holding its snapshot); the same or a newer one stored:
 * unchanged. Ids stay the online registry's, so the changes recorded offline name the online records.
 * Reference records (meta, regions, code lists) are the installation's own and counted unchanged; open
 * proposals, visits, Musdes sessions and rows and the staff accounts' usernames are mirrored by
 * cycle.mirror.ts (docs/bundles.md).
 */
import type { Kysely } from 'kysely';
import type { DB, HouseholdRow, PersonRow } from '../../db/schema/index.ts';
import { encodeSnapshot } from '../../db/version-snapshot.ts';
import { newId } from '../../lib/ids.ts';
import type { Actor } from '../access/actor.ts';
import { EMPTY_INSTRUMENT, EMPTY_MEMBER_INSTRUMENT } from '../households/households.builder.ts';
import { foldName, householdColumns, memberColumns, searchForm } from '../households/households.mapper.ts';
import type { HouseholdsRepository } from '../households/households.repository.ts';
import type { Household, Member } from '../households/households.schemas.ts';
import type { BundlesRepository } from './bundles.repository.ts';
import type { WorkingSetSink, WorkingSetStatus } from './bundles.service.ts';
import { CYCLE_TYPES, mirrorCycle } from './cycle.mirror.ts';

const REFERENCE_TYPES = new Set(['meta', 'region', 'codes', 'end']);

export class WorkingSetMirror implements WorkingSetSink {
  readonly #d: {
    db: Kysely<DB>;
    repo: BundlesRepository;
    householdsRepo: HouseholdsRepository;
    now: () => Date;
  };

  constructor(deps: {
    db: Kysely<DB>;
    repo: BundlesRepository;
    householdsRepo: HouseholdsRepository;
    now: () => Date;
  }) {
    this.#d = deps;
  }

  async upsert(
    actor: Actor,
    records: readonly { type: string; data: Record<string, unknown> }[],
    ctx: { bundleId: string },
  ): Promise<WorkingSetStatus[]> {
    const { db, repo, householdsRepo } = this.#d;
    const cycle = await mirrorCycle(
      db,
      records.filter((r) => CYCLE_TYPES.has(r.type)),
      { bundleId: ctx.bundleId, now: this.#d.now().toISOString() },
    );
    const households = records.flatMap((r) =>
      r.type === 'household' ? [r.data as unknown as Household] : [],
    );
    const stored = await repo.householdVersions(
      db,
      households.map((h) => h.id),
    );
    const statuses = new Map<string, WorkingSetStatus>();
    await db.transaction().execute(async (trx) => {
      const fresh: ReturnType<typeof rowsOf>[] = [];
      const versions: ReturnType<typeof rowsOf>[] = [];
      const deltas = new Map<string, { households: number; persons: number }>();
      const delta = (village: string, households: number, persons: number) => {
        const d = deltas.get(village) ?? { households: 0, persons: 0 };
        d.households += households;
        d.persons += persons;
        deltas.set(village, d);
      };
      for (const h of households) {
        const before = stored.get(h.id);
        if (before && before.version >= h.version) {
          statuses.set(h.id, 'unchanged');
          continue;
        }
        const rows = rowsOf(h, actor);
        if (before) {
          // Replaced in place: nothing personal is deleted (members the bundle no longer lists are kept,
          // marked removed; their NIKs leave the index of active NIKs, as the registry does on removal).
          await repo.replaceHousehold(trx, rows, actor.userId, h.updatedAt);
          if (before.status === 'active') delta(before.villageCode, -1, -before.memberCount);
        } else fresh.push(rows);
        versions.push(rows);
        if (h.status === 'active')
          delta(h.regionCode, 1, rows.persons.filter((p) => p.status === 'active').length);
        statuses.set(h.id, before ? 'updated' : 'created');
      }
      if (!versions.length) return;
      if (fresh.length) await this.#insert(trx, fresh);
      await householdsRepo.insertVersions(
        trx,
        versions.map((f) => ({
          id: newId(),
          entityType: 'household',
          entityId: f.household.id,
          provinceCode: f.household.provinceCode,
          villageCode: f.household.villageCode,
          version: f.household.version,
          changeType: 'import',
          reason: 'working set bundle',
          snapshot: encodeSnapshot(f.snapshot),
          changedBy: actor.userId,
          changedAt: f.household.updatedAt,
        })),
      );
      await householdsRepo.adjustCounts(trx, deltas);
    });
    return records.map((r) =>
      r.type === 'household'
        ? (statuses.get((r.data as { id: string }).id) ?? 'unchanged')
        : CYCLE_TYPES.has(r.type)
          ? (cycle.get(`${r.type}:${(r.data as { id: string }).id}`) ?? 'skipped')
          : REFERENCE_TYPES.has(r.type)
            ? 'unchanged'
            : 'skipped',
    );
  }

  async #insert(trx: Kysely<DB>, fresh: ReturnType<typeof rowsOf>[]): Promise<void> {
    const { householdsRepo } = this.#d;
    await householdsRepo.insertHouseholds(
      trx,
      fresh.map((f) => f.household),
    );
    await householdsRepo.insertPersons(
      trx,
      fresh.flatMap((f) => f.persons),
    );
  }
}

/** The registry rows of a working set's household (the inverse of householdFromRows). */
function rowsOf(h: Household, actor: Actor) {
  const [pp, kk, cc] = h.regionCode.split('.');
  const region = {
    provinceCode: pp!,
    regencyCode: `${pp}.${kk}`,
    districtCode: `${pp}.${kk}.${cc}`,
    villageCode: h.regionCode,
  };
  const record = (r: { status: string; removalReason?: string | null; version: number }) => ({
    status: r.status as 'active' | 'removed',
    removalReason: r.removalReason ?? null,
    removalNote: null,
    version: r.version,
    createdAt: h.createdAt,
    createdBy: null,
    updatedAt: h.updatedAt,
    updatedBy: actor.userId,
  });
  const household = {
    ...EMPTY_INSTRUMENT,
    ...householdColumns(h as unknown as Record<string, unknown>),
    id: h.id,
    kkNumber: h.kkNumber,
    headName: h.headName,
    headNameSearch: searchForm(h.headName),
    headNameFold: foldName(h.headName),
    memberCount: h.memberCount,
    ...region,
    ...record(h),
    removalNote: h.removalNote ?? null,
  } as HouseholdRow;
  const persons = h.members.map(
    (m: Member) =>
      ({
        ...EMPTY_MEMBER_INSTRUMENT,
        birthPlace: null,
        ...memberColumns(m),
        id: m.id,
        householdId: h.id,
        ...region,
        ...record(m),
      }) as PersonRow,
  );
  return { household, persons, snapshot: h };
}

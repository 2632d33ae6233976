import { loadConfig } from '../../src/config.ts';
import type { Container } from '../../src/container.ts';
import type { ProgrammeOptOutTable, RecipientRunTable, RecipientTable } from '../../src/db/schema/index.ts';
import { DEFAULT_PROGRAMMES } from '../../src/domain/programmes/defaults.ts';
import type { ProgrammeDocument } from '../../src/domain/programmes/document.ts';
import { newId } from '../../src/lib/ids.ts';
import { type Actor, systemActor } from '../../src/modules/access/actor.ts';
import { publishedProgrammes } from '../../src/modules/recipients/programme-source.ts';
import { RecipientsRepository } from '../../src/modules/recipients/recipients.repository.ts';
import type { RecipientsDeps } from '../../src/modules/recipients/recipients.service.ts';
import { PLACES } from './app.ts';

/** Publishes programme documents (default: the four national ones) as the system operator (or `actor`). */
export async function publishProgrammes(
  c: Container,
  docs: readonly ProgrammeDocument[] = DEFAULT_PROGRAMMES,
  actor: Actor = systemActor('test'),
): Promise<void> {
  for (const doc of docs) {
    await c.programmes.upload(actor, doc);
    await c.programmes.publish(actor, doc.code, doc.version);
  }
}

export interface RankedHousehold {
  id: string;
  village: string;
  /** The decile given in every scope (national, province, regency). */
  decile: number;
}

/**
 * A determined period holding these households (in their village) at their current version, not ranked yet:
 * what a ranking run reads (penetapan's own tests cover how a period is determined).
 */
export async function determinedPeriod(
  c: Container,
  period: string,
  households: readonly { id: string; village: string }[],
): Promise<Map<string, number>> {
  const db = c.database.db;
  await db
    .insertInto('periods')
    .values({ period, state: 'determined', createdAt: new Date().toISOString() } as never)
    .execute();
  const versions = new Map(
    (
      await db
        .selectFrom('households')
        .select(['id', 'version'])
        .where(
          'id',
          'in',
          households.map((h) => h.id),
        )
        .execute()
    ).map((r) => [r.id, r.version]),
  );
  await db
    .insertInto('snapshotHouseholds')
    .values(
      households.map((h) => ({
        period,
        householdId: h.id,
        provinceCode: h.village.slice(0, 2),
        regencyCode: h.village.slice(0, 5),
        villageCode: h.village,
        version: versions.get(h.id)!,
        memberCount: 3,
      })),
    )
    .execute();
  return versions;
}

/**
 * A determined period holding these households at their current version, ranked with the deciles given
 * (penetapan's and ranking's own tests cover how those are made): what a recipients computation reads.
 */
export async function determinedRankedPeriod(
  c: Container,
  period: string,
  households: readonly RankedHousehold[],
  modelVersion = 'test-model',
): Promise<void> {
  const db = c.database.db;
  const at = new Date().toISOString();
  const versions = await determinedPeriod(c, period, households);
  await db
    .insertInto('rankingRuns')
    .values({
      period,
      modelVersion,
      state: 'done',
      households: households.length,
      checksum: 'x',
      startedAt: at,
      finishedAt: at,
    })
    .execute();
  await db
    .insertInto('rankingResults')
    .values(
      households.map((h) => ({
        period,
        modelVersion,
        householdId: h.id,
        provinceCode: h.village.slice(0, 2),
        regencyCode: h.village.slice(0, 5),
        villageCode: h.village,
        householdVersion: versions.get(h.id)!,
        score: h.decile,
        criteria14: 5,
        decileNational: h.decile,
        decileProvince: h.decile,
        decileRegency: h.decile,
      })),
    )
    .execute();
}

/** Ranks a determined period's snapshot with the deciles `decileOf` gives (in every scope). */
export async function rankSnapshot(
  c: Container,
  period: string,
  decileOf: (householdId: string, index: number) => number,
  modelVersion = 'test-model',
): Promise<void> {
  const db = c.database.db;
  const at = new Date().toISOString();
  const rows = await db
    .selectFrom('snapshotHouseholds')
    .selectAll()
    .where('period', '=', period)
    .orderBy('householdId')
    .execute();
  await db
    .insertInto('rankingRuns')
    .values({
      period,
      modelVersion,
      state: 'done',
      households: rows.length,
      checksum: 'x',
      startedAt: at,
      finishedAt: at,
    })
    .execute();
  await db
    .insertInto('rankingResults')
    .values(
      rows.map((s, i) => {
        const decile = decileOf(s.householdId, i);
        return {
          period,
          modelVersion,
          householdId: s.householdId,
          provinceCode: s.provinceCode,
          regencyCode: s.regencyCode,
          villageCode: s.villageCode,
          householdVersion: s.version,
          score: decile,
          criteria14: 5,
          decileNational: decile,
          decileProvince: decile,
          decileRegency: decile,
        };
      }),
    )
    .execute();
}

/**
 * An approved proposal's row as a test writes it directly (a national programme, at Pusdatin's door): the
 * run of one period, programme and regency; counts and amount 0 unless given.
 */
export function approvedRun(
  key: { id: string; period: string; programme: string; regency: string; at: string },
  set: Partial<RecipientRunTable> = {},
): RecipientRunTable {
  return {
    id: key.id,
    period: key.period,
    programmeCode: key.programme,
    programmeVersion: '1',
    door: 'pusdatin',
    provinceCode: key.regency.slice(0, 2),
    regencyCode: key.regency,
    state: 'approved',
    version: 4,
    evaluated: 0,
    candidates: 0,
    excluded: 0,
    amount: 0,
    checksum: null,
    note: null,
    computedAt: key.at,
    computedBy: null,
    submittedAt: key.at,
    submittedBy: null,
    decidedAt: key.at,
    decidedBy: null,
    updatedAt: key.at,
    ...set,
  };
}

/** An approved PKH recipient of village A as a test writes it directly (Rp 750,000, desil 1). */
export function approvedRecipient(key: {
  period: string;
  runId: string;
  householdId: string;
  at: string;
}): RecipientTable {
  return {
    period: key.period,
    programmeCode: 'PKH',
    householdId: key.householdId,
    runId: key.runId,
    programmeVersion: '1',
    provinceCode: '33',
    regencyCode: PLACES.regency,
    villageCode: PLACES.villageA,
    kkNumber: '3307010101000001',
    headName: 'Kepala',
    decile: 1,
    components: '[]',
    amount: 750_000,
    approvedAt: key.at,
  };
}

/**
 * `households` synthetic households seeded in the test regency and a determined, ranked `period` over them
 * (deciles 1–10 in id order): the households, by id.
 */
export async function seededRankedRegency(
  c: Container,
  q: { households: number; seed: string; period: string },
): Promise<{ id: string; villageCode: string }[]> {
  await c.seed.seed(systemActor('test'), {
    households: q.households,
    regionCode: PLACES.regency,
    seed: q.seed,
    asOf: '2026-04-01',
  });
  const ids = await c.database.db
    .selectFrom('households')
    .select(['id', 'villageCode'])
    .orderBy('id')
    .execute();
  await determinedRankedPeriod(
    c,
    q.period,
    ids.map((h, i) => ({ id: h.id, village: h.villageCode, decile: (i % 10) + 1 })),
  );
  return ids;
}

/** A recipients service's dependencies from the container, with the given evaluation settings. */
export function recipientsDeps(c: Container, evaluation: RecipientsDeps['evaluation']): RecipientsDeps {
  return {
    db: c.database.db,
    repo: new RecipientsRepository(c.database.engine),
    programmes: publishedProgrammes(c.programmes),
    eligibility: c.eligibility,
    wages: c.wages,
    regions: c.regions,
    audit: c.audit,
    config: { ...loadConfig({}), dataDir: '/nonexistent' },
    evaluation,
  };
}

/** A standing opt-out row of `household` from `programmeCode`, recorded by the office at `at`. */
export function optOutRow(
  household: { id: string; villageCode: string },
  programmeCode: string,
  at: string,
): ProgrammeOptOutTable {
  return {
    id: newId(),
    householdId: household.id,
    provinceCode: household.villageCode.slice(0, 2),
    villageCode: household.villageCode,
    programmeCode,
    requestedOn: '2026-03-01',
    reason: 'test',
    evidence: null,
    recordedAt: at,
    recordedBy: null,
    withdrawnAt: null,
    withdrawnBy: null,
    withdrawReason: null,
    citizenAccountId: null,
    withdrawnByCitizen: null,
  };
}

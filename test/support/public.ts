import type { Insertable } from 'kysely';
import type { Container } from '../../src/container.ts';
import type { EntitlementTable, PeriodRegionCountTable } from '../../src/db/schema/index.ts';
import { newId } from '../../src/lib/ids.ts';
import { systemActor } from '../../src/modules/access/actor.ts';
import type { HouseholdCreate } from '../../src/modules/households/households.schemas.ts';
import { approvedRecipient, approvedRun } from './recipients.ts';

/**
 * Registers `households` and puts them in a determined period's snapshot (penetapan's own tests cover how a
 * period is determined; the public check only reads the snapshot), with per-regency and per-village counts for statistics.
 */
export async function seedDetermined(
  c: Container,
  period: string,
  households: HouseholdCreate[],
): Promise<{ id: string; villageCode: string }[]> {
  const ids: { id: string; villageCode: string }[] = [];
  for (const h of households) {
    const { id } = await c.households.create(systemActor('test'), { ...h, confirmWarnings: true });
    ids.push({ id, villageCode: h.regionCode });
  }
  const db = c.database.db;
  await db
    .insertInto('periods')
    .values({ period, state: 'determined', createdAt: new Date().toISOString() } as never)
    .execute();
  await db
    .insertInto('snapshotHouseholds')
    .values(
      ids.map(({ id, villageCode }) => ({
        period,
        householdId: id,
        provinceCode: villageCode.slice(0, 2),
        regencyCode: villageCode.slice(0, 5),
        villageCode,
        version: 1,
        memberCount: 3,
      })),
    )
    .execute();
  const perRegency = new Map<string, number>();
  for (const { villageCode } of ids) {
    perRegency.set(villageCode.slice(0, 5), (perRegency.get(villageCode.slice(0, 5)) ?? 0) + 1);
  }
  for (const [regencyCode, n] of perRegency) {
    await db
      .insertInto('periodRegionCounts')
      .values({
        period,
        regencyCode,
        provinceCode: regencyCode.slice(0, 2),
        households: n,
        persons: n * 3,
        added: n,
        removed: 0,
        changed: 0,
        submitted: 0,
      })
      .execute();
  }
  const perVillage = new Map<string, number>();
  for (const { villageCode } of ids) perVillage.set(villageCode, (perVillage.get(villageCode) ?? 0) + 1);
  for (const [villageCode, n] of perVillage) {
    await db
      .insertInto('periodVillageCounts')
      .values({ regencyCode: villageCode.slice(0, 5), period, villageCode, households: n, persons: n * 3 })
      .execute();
  }
  return ids;
}

/**
 * An entitlement handed to PT Pos, as the public distribution figures count it (a cash tranche of a village;
 * what a batch is made of is the distribution tests' business): the row a test writes directly.
 */
export function entitlementRow(e: {
  batchId: string;
  householdId: string;
  period: string;
  village: string;
  state: 'allocated' | 'delivered' | 'returned';
  amount: number;
  tranche?: number;
  at: string;
}): Insertable<EntitlementTable> {
  return {
    id: newId(),
    batchId: e.batchId,
    householdId: e.householdId,
    tranche: e.tranche ?? 1,
    period: e.period,
    programmeCode: 'PKH',
    provinceCode: e.village.slice(0, 2),
    regencyCode: e.village.slice(0, 5),
    districtCode: e.village.slice(0, 8),
    villageCode: e.village,
    pointId: null,
    form: 'cash',
    amount: e.amount,
    packages: 0,
    state: e.state,
    returnReason: null,
    returnedAt: null,
    deliveredAt: null,
    version: 1,
    createdAt: e.at,
    updatedAt: e.at,
  };
}

/** A regency's DTKS count of a determined period (`period_region_counts`), four persons a household. */
export function regionCountRow(
  period: string,
  regencyCode: string,
  households: number,
): PeriodRegionCountTable {
  return {
    period,
    regencyCode,
    provinceCode: regencyCode.slice(0, 2),
    households,
    persons: households * 4,
    added: 0,
    removed: 0,
    changed: 0,
    submitted: 1,
  };
}

/**
 * Determined periods, each with a DTKS count of 500 households in every regency of `regencies`, and approved
 * PKH lists: `lists[period][regency]` recipients in the regency's first village.
 */
export async function seedApprovedPkhLists(
  c: Container,
  lists: Record<string, Record<string, number>>,
  regencies: readonly string[],
): Promise<void> {
  const db = c.database.db;
  const at = '2026-12-10T00:00:00.000Z';
  for (const [period, byRegency] of Object.entries(lists)) {
    await db
      .insertInto('periods')
      .values({ period, state: 'determined', createdAt: at } as never)
      .execute();
    for (const regencyCode of regencies) {
      await db
        .insertInto('periodRegionCounts')
        .values(regionCountRow(period, regencyCode, 500))
        .execute();
    }
    for (const [regency, n] of Object.entries(byRegency)) {
      const runId = newId();
      await db
        .insertInto('recipientRuns')
        .values(approvedRun({ id: runId, period, programme: 'PKH', regency, at }))
        .execute();
      await db
        .insertInto('recipients')
        .values(
          Array.from({ length: n }, () => ({
            ...approvedRecipient({ period, runId, householdId: newId(), at }),
            regencyCode: regency,
            villageCode: `${regency}.01.2001`,
          })),
        )
        .execute();
    }
  }
}

/**
 * A determined period whose DTKS counts are `villages` (households per village code; four persons a
 * household), with each regency's count their sum.
 */
export async function seedVillageCounts(
  c: Container,
  period: string,
  villages: Record<string, number>,
): Promise<void> {
  const db = c.database.db;
  await db
    .insertInto('periods')
    .values({ period, state: 'determined', createdAt: '2026-12-01T00:00:00.000Z' } as never)
    .execute();
  const regencies = new Map<string, number>();
  for (const [village, n] of Object.entries(villages)) {
    const regency = village.slice(0, 5);
    regencies.set(regency, (regencies.get(regency) ?? 0) + n);
    await db
      .insertInto('periodVillageCounts')
      .values({ regencyCode: regency, period, villageCode: village, households: n, persons: n * 4 })
      .execute();
  }
  for (const [regencyCode, n] of regencies) {
    await db
      .insertInto('periodRegionCounts')
      .values(regionCountRow(period, regencyCode, n))
      .execute();
  }
}

import type { Container } from '../../src/container.ts';
import { HouseholdsRepository } from '../../src/modules/households/households.repository.ts';

/**
 * Moves a household and its members (so their NIKs too: nik_registry is a view over persons) to another
 * village as a working-set bundle's newer version does (modules/bundles/working-set.mirror.ts: the row
 * replaced in place, the villages' counts adjusted) —
 * the online registry has no move of its own (a family that moves is proposed again in the new village).
 * Its ranking, proposals, recipients, opt-outs and snapshots keep the village they recorded.
 */
export async function moveHousehold(c: Container, householdId: string, village: string): Promise<void> {
  const db = c.database.db;
  const [province, regency, district] = [1, 2, 3].map((n) => village.split('.').slice(0, n).join('.'));
  const place = {
    provinceCode: province!,
    regencyCode: regency!,
    districtCode: district!,
    villageCode: village,
  };
  await db.transaction().execute(async (trx) => {
    const h = await trx
      .selectFrom('households')
      .select(['villageCode', 'memberCount', 'status'])
      .where('id', '=', householdId)
      .executeTakeFirstOrThrow();
    await trx.updateTable('households').set(place).where('id', '=', householdId).execute();
    await trx.updateTable('persons').set(place).where('householdId', '=', householdId).execute();
    if (h.status === 'active') {
      await new HouseholdsRepository(c.database.engine.name).adjustCounts(
        trx,
        new Map([
          [h.villageCode, { households: -1, persons: -h.memberCount }],
          [village, { households: 1, persons: h.memberCount }],
        ]),
      );
    }
  });
}

/**
 * Likely duplicates through the services on every engine: flagged when households are created or imported,
 * found by a region scan (idempotent), listed only when both households lie in the territory (a hidden one
 * answers as an absent one), resolved without deleting anything, audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Container } from '../../src/container.ts';
import type { Actor } from '../../src/modules/access/actor.ts';
import type { HouseholdCreate } from '../../src/modules/households/households.schemas.ts';
import { makeHousehold, makeKk, makeNik } from '../factories/households.ts';
import { PLACES } from '../support/app.ts';
import { ENGINES, openTestDb, type TestDb } from '../support/db.ts';
import { failure } from '../support/failure.ts';

const actor = (role: Actor['role'], regionCode: string, username: string): Actor => ({
  userId: null,
  username,
  role,
  regionCode,
  ip: null,
  userAgent: 'vitest',
});
const dinsos = actor('dinsos_kab', PLACES.regency, 'dinsos-dup');
const dinsosOther = actor('dinsos_kab', PLACES.otherRegency, 'dinsos-other-dup');
const operator = actor('operator_desa', PLACES.villageA, 'op-dup');
const admin = actor('admin', '', 'admin-dup');

/** A household whose people have their own names and birth dates (makeHousehold's are alike everywhere). */
function family(
  village: string,
  n: number,
  o: { head: string; spouse: string; spouseBorn: string; address: string; kkSerial?: number },
): HouseholdCreate {
  const h = makeHousehold(village, n);
  const district = village.split('.').slice(0, 3).join('.');
  h.kkNumber = makeKk(district, '2015-03-10', o.kkSerial ?? n);
  h.address = o.address;
  h.members = [
    { ...h.members[0]!, name: o.head, birthDate: `19${40 + (n % 50)}-0${1 + (n % 9)}-1${n % 10}` },
    { ...h.members[1]!, name: o.spouse, birthDate: o.spouseBorn },
  ];
  h.members[0]!.nik = makeNik(district, h.members[0]!.birthDate, 'M', 5000 + n * 2);
  h.members[1]!.nik = makeNik(district, o.spouseBorn, 'F', 5001 + n * 2);
  return { ...h, confirmWarnings: true };
}

for (const engine of ENGINES) {
  describe(`duplicate candidates (${engine})`, () => {
    let t: TestDb;
    let c: Container;
    const id: Record<string, string> = {};
    const pairs = async (who: Actor, state: 'open' | 'all' = 'open') =>
      (await c.duplicates.worklist(who, { state, limit: 200 })).items
        .map((i) => `${i.a.headName}|${i.b.headName}|${i.rule}`)
        .sort();

    beforeAll(async () => {
      t = await openTestDb(engine);
      c = t.container;
      // 1 and 2: one family typed twice (old spelling, abbreviation, a KK digit slipped).
      id.one = (
        await c.households.create(
          admin,
          family(PLACES.villageA, 31, {
            head: 'Soewarno Saputro',
            spouse: 'Sitti Aminah',
            spouseBorn: '1971-04-09',
            address: 'Dsn Krajan No. 5',
            kkSerial: 31,
          }),
        )
      ).id;
      id.two = (
        await c.households.create(
          admin,
          family(PLACES.villageA, 32, {
            head: 'Suwarno Saputro',
            spouse: 'Siti Aminah',
            spouseBorn: '1971-04-09',
            address: 'Dusun Krajan 5',
            kkSerial: 33, // one digit off 31's KK number (…0031 / …0033)
          }),
        )
      ).id;
      // 3: another district of the regency, the same spouse (person rule only).
      id.three = (
        await c.households.create(
          admin,
          family(PLACES.villageB, 34, {
            head: 'Bambang Wijaya',
            spouse: 'Siti Aminah',
            spouseBorn: '1971-04-09',
            address: 'Dusun Sidorejo 12',
          }),
        )
      ).id;
      // 4: another regency: never paired with the others.
      id.four = (
        await c.households.create(
          admin,
          family(PLACES.otherVillage, 35, {
            head: 'Suwarno Saputro',
            spouse: 'Siti Aminah',
            spouseBorn: '1971-04-09',
            address: 'Dusun Krajan 5',
          }),
        )
      ).id;
    });
    afterAll(async () => {
      await t.cleanup();
    });

    it('flags a household created twice with typos by every rule that holds', async () => {
      const list = await c.duplicates.worklist(dinsos, { state: 'open', limit: 200 });
      const byRule = (a: string, b: string) =>
        list.items
          .filter((i) => new Set([i.a.householdId, i.b.householdId]).size === 2)
          .filter((i) => [i.a.householdId, i.b.householdId].sort().join() === [a, b].sort().join())
          .map((i) => i.rule)
          .sort();
      expect(byRule(id.one!, id.two!)).toEqual(['head_name_address', 'kk_one_digit', 'person_name_birth']);
      expect(byRule(id.one!, id.three!)).toEqual(['person_name_birth']);
      expect(byRule(id.two!, id.three!)).toEqual(['person_name_birth']);
      expect(list.items).toHaveLength(5);
      expect(list.items.every((i) => i.a.householdId < i.b.householdId)).toBe(true);
    });

    it('shows a candidate only when both households lie in the territory', async () => {
      expect(await pairs(dinsosOther)).toEqual([]);
      const [candidate] = (await c.duplicates.worklist(dinsos, { state: 'open', limit: 1 })).items;
      const hidden = await failure(c.duplicates.get(dinsosOther, candidate!.id));
      const absent = await failure(c.duplicates.get(dinsosOther, '00000000-0000-7000-8000-000000000000'));
      expect([hidden.code, hidden.kind, hidden.message]).toEqual([absent.code, absent.kind, absent.message]);
      expect((await failure(c.duplicates.worklist(operator, { state: 'open', limit: 10 }))).code).toBe(
        'access.forbidden',
      );
    });

    it('shows both households side by side and audits the read', async () => {
      const { items } = await c.duplicates.worklist(dinsos, { state: 'open', limit: 200 });
      const kk = items.find((i) => i.rule === 'kk_one_digit')!;
      const detail = await c.duplicates.get(dinsos, kk.id);
      expect(detail.households.map((h) => h.id)).toEqual([kk.a.householdId, kk.b.householdId]);
      expect(detail.households[0].members.length).toBe(2);
      const audit = await c.database.db
        .selectFrom('auditLog')
        .select(['action', 'entityId'])
        .where('action', 'in', ['duplicate.read', 'duplicate.list'])
        .execute();
      expect(audit.some((e) => e.action === 'duplicate.read' && e.entityId === kk.id)).toBe(true);
      expect(audit.some((e) => e.action === 'duplicate.list')).toBe(true);
    });

    it('resolves without deleting: dismiss, link, or remove one household with the reason duplikat', async () => {
      const { items } = await c.duplicates.worklist(dinsos, { state: 'open', limit: 200 });
      const pairOf = (a: string, b: string, rule: string) =>
        items.find(
          (i) => i.rule === rule && [i.a.householdId, i.b.householdId].sort().join() === [a, b].sort().join(),
        )!;
      const dismissed = await c.duplicates.resolve(
        dinsos,
        pairOf(id.one!, id.three!, 'person_name_birth').id,
        {
          action: 'not_duplicate',
          note: 'orang berbeda, tanggal lahir kebetulan sama',
        },
      );
      expect([dismissed.state, dismissed.resolution]).toEqual(['dismissed', 'not_duplicate']);
      const linked = await c.duplicates.resolve(dinsos, pairOf(id.two!, id.three!, 'person_name_birth').id, {
        action: 'same_family',
        note: 'ibu yang sama tercatat di dua KK',
      });
      expect([linked.state, linked.resolution]).toEqual(['linked', 'same_family']);
      const again = await failure(
        c.duplicates.resolve(dinsos, linked.id, { action: 'not_duplicate', note: 'lagi' }),
      );
      expect(again.code).toBe('duplicate.already_resolved');

      const kk = pairOf(id.one!, id.two!, 'kk_one_digit');
      const outside = await failure(
        c.duplicates.resolve(dinsos, kk.id, {
          action: 'remove',
          householdId: id.three!,
          version: 1,
          note: 'x',
        }),
      );
      expect(outside.code).toBe('duplicate.not_in_pair');
      const two = await c.households.get(dinsos, id.two!);
      const removed = await c.duplicates.resolve(dinsos, kk.id, {
        action: 'remove',
        householdId: id.two!,
        version: two.version,
        note: 'KK salah ketik, sama dengan rumah tangga pertama',
      });
      expect([removed.state, removed.resolution]).toEqual(['linked', 'removed_duplicate']);
      const after = await c.households.get(dinsos, id.two!);
      expect([after.status, after.removalReason]).toEqual(['removed', 'duplicate_record']);
      // Nothing deleted: both households and every candidate are still there.
      expect(await c.households.get(dinsos, id.one!)).toBeTruthy();
      expect((await c.duplicates.worklist(dinsos, { state: 'all', limit: 200 })).items).toHaveLength(5);
    });

    it('flags pairs within one import and a region scan finds what was written without flagging, once', async () => {
      const rows = [
        family(PLACES.villageA2, 41, {
          head: 'Djoko Tjiptono',
          spouse: 'Wartini',
          spouseBorn: '1966-02-03',
          address: 'Jl. Melati 7',
        }),
        family(PLACES.villageA2, 42, {
          head: 'Joko Ciptono',
          spouse: 'Wartinah',
          spouseBorn: '1966-02-03',
          address: 'Jalan Melati No 7',
          kkSerial: 57,
        }),
      ];
      const results = await c.households.importBatch(
        admin,
        rows.map((input, i) => ({ ref: String(i), input })),
        { acceptWarnings: true, action: 'household.import', reason: null },
      );
      const [a, b] = results.map((r) => r.id!);
      const ruled = async () =>
        (await c.duplicates.worklist(dinsos, { state: 'open', limit: 200, region: PLACES.villageA2 })).items
          .map((i) => `${[i.a.householdId, i.b.householdId].sort().join()}:${i.rule}`)
          .sort();
      const pair = [a, b].sort().join();
      expect(await ruled()).toEqual([`${pair}:head_name_address`, `${pair}:person_name_birth`]);

      // Written without looking (as the seed does): only a scan finds them, and a second scan adds nothing.
      const quiet = [
        family(PLACES.districtB.concat('.2001'), 51, {
          head: 'Moehammad Chairul',
          spouse: 'Fatimah',
          spouseBorn: '1977-12-01',
          address: 'Dusun Ngasem 3',
        }),
        family(PLACES.districtB.concat('.2001'), 52, {
          head: 'Muhammad Khairul',
          spouse: 'Fatima',
          spouseBorn: '1977-12-01',
          address: 'Dsn Ngasem No. 3',
          kkSerial: 68,
        }),
      ];
      await c.households.importBatch(
        admin,
        quiet.map((input, i) => ({ ref: String(i), input })),
        { acceptWarnings: true, action: 'household.import', reason: null, findDuplicates: false },
      );
      const before = (await c.duplicates.worklist(dinsos, { state: 'all', limit: 200 })).items.length;
      const first = await c.duplicates.scan(dinsos, PLACES.regency);
      expect(first.inserted).toBe(2);
      expect(first.byRule.kk_one_digit).toBeGreaterThanOrEqual(0);
      const second = await c.duplicates.scan(dinsos, PLACES.regency);
      expect(second.inserted).toBe(0);
      expect((await c.duplicates.worklist(dinsos, { state: 'all', limit: 200 })).items.length).toBe(
        before + 2,
      );
      expect((await failure(c.duplicates.scan(dinsosOther, PLACES.regency))).code).toBe('record.not_found');
    });
  });
}

/**
 * Flags likely duplicates of households as they are written (create, import, an approved usulan) and of a
 * whole region on demand (`dtks duplicates scan`). The rules are domain/registry/duplicates.ts; this reads
 * the records that share a blocking key with the new households and stores what the rules find.
 */
import type { Kysely } from 'kysely';
import type { DB, HouseholdRow, PersonRow } from '../../db/schema/index.ts';
import { foldName } from '../../domain/names/name-fold.ts';
import {
  addressForm,
  type DuplicateCandidate,
  findDuplicates,
  type HouseholdForMatch,
  kkOneDigitVariants,
  type PersonForMatch,
} from '../../domain/registry/duplicates.ts';
import { newId, nowIso } from '../../lib/ids.ts';
import type { DuplicatesRepository, StoredHousehold, StoredPerson } from './duplicates.repository.ts';

const personForMatch = (p: StoredPerson): PersonForMatch => ({
  id: p.id,
  householdId: p.householdId,
  nameFold: foldName(p.name),
  birthDate: p.birthDate,
  regencyCode: p.regencyCode,
});
const householdForMatch = (h: StoredHousehold): HouseholdForMatch => ({
  id: h.id,
  kkNumber: h.kkNumber,
  headNameFold: h.headNameFold,
  addressForm: addressForm(h.address),
  villageCode: h.villageCode,
  regencyCode: h.regencyCode,
});

const villageOf = (r: StoredPerson | StoredHousehold): [string, string] =>
  'householdId' in r ? [r.householdId, r.villageCode] : [r.id, r.villageCode];

export interface ScanResult {
  households: number;
  persons: number;
  found: number;
  inserted: number;
  byRule: Record<DuplicateCandidate['rule'], number>;
}

export class DuplicateFinder {
  readonly #repo: DuplicatesRepository;

  constructor(repo: DuplicatesRepository) {
    this.#repo = repo;
  }

  /**
   * Flags the pairs new households form with each other and with the active records already stored
   * (inside the writing transaction, after the households were inserted). Answers how many were new.
   */
  async flagNew(db: Kysely<DB>, households: HouseholdRow[], persons: PersonRow[]): Promise<number> {
    if (households.length === 0) return 0;
    const fresh = new Set(households.map((h) => h.id));
    const people = new Map<string, StoredPerson>();
    const byRegency = new Map<string, string[]>();
    for (const p of persons) {
      const dates = byRegency.get(p.regencyCode) ?? [];
      dates.push(p.birthDate);
      byRegency.set(p.regencyCode, dates);
    }
    for (const [regency, dates] of byRegency)
      for (const p of await this.#repo.peopleBornOn(db, regency, dates)) people.set(p.id, p);
    const stored = new Map<string, StoredHousehold>();
    for (const h of await this.#repo.householdsIn(
      db,
      households.map((h) => h.villageCode),
    ))
      stored.set(h.id, h);
    for (const h of await this.#repo.householdsByKk(
      db,
      households.flatMap((h) => kkOneDigitVariants(h.kkNumber)),
    ))
      stored.set(h.id, h);
    // The new households are in the same transaction, so the reads above include them.
    const found = findDuplicates(
      [...people.values()].map(personForMatch),
      [...stored.values()].map(householdForMatch),
      (id) => fresh.has(id),
    );
    const villages = new Map([...people.values(), ...stored.values()].map((r) => villageOf(r)));
    return this.#store(db, found, villages);
  }

  /**
   * Compares every active record of a region with every other, regency by regency (all three rules stay
   * within a regency): its households held in memory, its people streamed in birth-date order and compared
   * one birth date at a time, so memory grows with the households, not the people. Stores new pairs in one
   * transaction per regency; pairs already flagged are left as they are, so a second scan adds nothing.
   */
  async scan(
    db: Kysely<DB>,
    regionCode: string,
    onProgress?: (phase: string, n: number) => void,
  ): Promise<ScanResult> {
    const total: ScanResult = {
      households: 0,
      persons: 0,
      found: 0,
      inserted: 0,
      byRule: { person_name_birth: 0, head_name_address: 0, kk_one_digit: 0 },
    };
    for (const regency of await this.#repo.regenciesOf(db, regionCode)) {
      const households: HouseholdForMatch[] = [];
      const villages = new Map<string, string>();
      for await (const page of this.#repo.householdsOfRegency(db, regency, regionCode)) {
        for (const h of page) {
          households.push(householdForMatch(h));
          villages.set(h.id, h.villageCode);
        }
        onProgress?.(`${regency} households`, households.length);
      }
      const found = findDuplicates([], households);
      let block: PersonForMatch[] = [];
      let persons = 0;
      for await (const page of this.#repo.peopleOfRegencyByBirth(db, regency, regionCode)) {
        for (const p of page) {
          if (block.length && block[0]!.birthDate !== p.birthDate) {
            if (block.length > 1) found.push(...findDuplicates(block, []));
            block = [];
          }
          block.push(personForMatch(p));
          if (!villages.has(p.householdId)) villages.set(p.householdId, p.villageCode);
        }
        persons += page.length;
        onProgress?.(`${regency} persons`, persons);
      }
      if (block.length > 1) found.push(...findDuplicates(block, []));
      for (const c of found) total.byRule[c.rule]++;
      total.households += households.length;
      total.persons += persons;
      total.found += found.length;
      total.inserted += await db.transaction().execute((trx) => this.#store(trx, found, villages));
    }
    return total;
  }

  /** `villages`: the village of every household a candidate names. */
  #store(db: Kysely<DB>, found: DuplicateCandidate[], villages: Map<string, string>): Promise<number> {
    const now = nowIso();
    return this.#repo.insert(
      db,
      found.map((c) => ({
        ...c,
        id: newId(),
        villageA: villages.get(c.householdA)!,
        villageB: villages.get(c.householdB)!,
        foundAt: now,
      })),
    );
  }
}

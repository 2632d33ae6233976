/**
 * SQLite's name index (`households_names`, migration 066) holds, for every household, its head's name in
 * both forms and one term each for its province, regency, district, village and status, kept in step by
 * triggers on `households`. After every kind of write the registry makes — creation, a CSV import, a
 * head's new name, a removal, a change of village, an offline installation's import of a working set (new
 * households, then newer versions of them), a deletion — the index must equal what the table says: the
 * same rowids, names and terms, its posting lists consistent with its rows (FTS5's integrity check), and
 * every territory's and status's term finding exactly its households.
 *
 * SQLite only: PostgreSQL has no such index (its pg_trgm indexes are on `households` itself), so nothing
 * is declared for it and nothing is skipped.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/db/schema/index.ts';
import { type Actor, type RegionColumn, systemActor } from '../../src/modules/access/actor.ts';
import { nameIndexTerms } from '../../src/modules/households/households.repository.ts';
import { statusTerm, TERM_COLUMNS, territoryTerm } from '../../src/modules/households/name-index-terms.ts';
import { makeHousehold } from '../factories/households.ts';
import { householdsCsv } from '../factories/households-csv.ts';
import { createUsers, PLACES } from '../support/app.ts';
import { actorFor } from '../support/cycle.ts';
import { openTestDb, type TestDb } from '../support/db.ts';

const LEVELS: [RegionColumn, number][] = [
  ['provinceCode', 2],
  ['regencyCode', 5],
  ['districtCode', 8],
  ['villageCode', 13],
];

/**
 * Compares the name index with `households`, row for row and term for term, and returns how many rows it
 * compared. Fails on the first difference.
 */
async function expectIndexInStep(db: Kysely<DB>, label: string): Promise<number> {
  const { rows: table } = await sql<{
    rowid: number;
    search: string;
    fold: string;
    village: string;
    status: 'active' | 'removed';
  }>`select rowid, head_name_search as search, head_name_fold as fold, village_code as village, status
    from households order by rowid`.execute(db);
  const { rows: index } = await sql<Record<string, string | number | null>>`select rowid,
      head_name_search as search, head_name_fold as fold, ${sql.raw(
        [...LEVELS.map(([l]) => l), 'status' as const].map((k) => `${TERM_COLUMNS[k]} as ${k}`).join(', '),
      )}
    from households_names order by rowid`.execute(db);
  const expected = table.map((h) => ({
    rowid: h.rowid,
    search: h.search,
    fold: h.fold,
    ...Object.fromEntries(LEVELS.map(([l, n]) => [l, territoryTerm(l, h.village.slice(0, n))])),
    status: statusTerm(h.status),
  }));
  expect(
    index.map((r) => ({ ...r, rowid: Number(r.rowid) })),
    label,
  ).toEqual(expected);
  // The posting lists say what the rows say (throws SQLITE_CORRUPT_VTAB otherwise).
  await sql`insert into households_names(households_names, rank) values ('integrity-check', 1)`.execute(db);
  // Every territory's and status's term finds exactly its households, through the posting lists alone.
  for (const [level, n] of LEVELS)
    for (const code of new Set(table.map((h) => h.village.slice(0, n))))
      for (const status of ['active', 'removed', 'all'] as const) {
        const terms = nameIndexTerms({ column: level, value: code }, status)!;
        const { rows } = await sql<{ rowid: number }>`select rowid from households_names
          where households_names match ${terms} order by rowid`.execute(db);
        const want = table
          .filter((h) => h.village.startsWith(code) && (status === 'all' || h.status === status))
          .map((h) => h.rowid);
        expect(
          rows.map((r) => Number(r.rowid)),
          `${label}: ${level} ${code} ${status}`,
        ).toEqual(want);
      }
  return table.length;
}

/** The head's name a household's index row holds, by id. */
async function indexedName(db: Kysely<DB>, id: string): Promise<string | undefined> {
  const { rows } = await sql<{ name: string }>`select n.head_name_search as name from households_names n
    join households h on h.rowid = n.rowid where h.id = ${id}`.execute(db);
  return rows[0]?.name;
}

describe('the name index after every kind of household write (sqlite)', () => {
  let t: TestDb;
  let offline: TestDb;
  let dir: string;
  let admin: Actor;
  let camat: Actor;
  const system = systemActor('test');
  const ids: string[] = [];
  let clock = new Date('2026-03-16T09:00:00+07:00');

  beforeAll(async () => {
    t = await openTestDb('sqlite', { now: () => clock });
    offline = await openTestDb('sqlite', { now: () => clock, installationMode: 'offline' });
    dir = mkdtempSync(join(tmpdir(), 'dtks-name-index-'));
    await createUsers(t.container);
    admin = await actorFor(t.container, 'admin');
    camat = await actorFor(t.container, 'camat-a');
    await offline.container.bundles.trustKey(system, {
      name: 'DTKS online',
      publicKey: t.container.bundles.installationKey().publicKey,
      regionCode: PLACES.regency,
    });
  });
  afterAll(async () => {
    await t?.cleanup();
    await offline?.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('holds every created household', async () => {
    const places = [PLACES.villageA, PLACES.villageA2, PLACES.villageB, PLACES.otherVillage];
    for (const [i, village] of places.entries())
      ids.push((await t.container.households.create(admin, makeHousehold(village, 200 + i))).id);
    expect(await expectIndexInStep(t.container.database.db, 'created')).toBe(4);
  });

  it('holds every imported household', async () => {
    const csv = householdsCsv([
      makeHousehold(PLACES.villageA, 210),
      makeHousehold(PLACES.villageB, 211),
      makeHousehold(PLACES.otherVillage, 212),
    ]);
    const summary = await t.container.transfer.importHouseholdsCsv(admin, [new TextEncoder().encode(csv)], {
      acceptWarnings: true,
      source: 'sync.csv',
    });
    expect(summary.created).toBe(3);
    expect(await expectIndexInStep(t.container.database.db, 'imported')).toBe(7);
  });

  it("follows a head's new name and leaves the index alone on other edits", async () => {
    const db = t.container.database.db;
    const h = await t.container.households.get(admin, ids[0]!);
    const head = h.members.find((m) => m.relationship === 1)!;
    await t.container.households.updateMember(admin, h.id, head.id, {
      version: h.version,
      reason: 'Salah ketik nama',
      name: 'Soewarno Pranoto',
      confirmWarnings: true,
    });
    expect(await indexedName(db, h.id)).toBe('soewarno pranoto');
    const again = await t.container.households.get(admin, h.id);
    await t.container.households.update(admin, h.id, {
      version: again.version,
      reason: 'Alamat baru',
      address: 'Jl. Baru 1',
    });
    expect(await expectIndexInStep(db, 'renamed, edited')).toBe(7);
  });

  it('follows a removal (status)', async () => {
    const h = await t.container.households.get(admin, ids[1]!);
    await t.container.households.remove(admin, h.id, { version: h.version, reasonCode: 'deceased' });
    expect(await expectIndexInStep(t.container.database.db, 'removed')).toBe(7);
  });

  it('follows a change of village, district and regency', async () => {
    // No service moves a household today (the region is not editable: a move is a new proposal), but an
    // offline installation's import writes whole rows: whatever changes the village code, the trigger follows.
    const db = t.container.database.db;
    await db
      .updateTable('households')
      .set({
        villageCode: PLACES.otherVillage,
        districtCode: PLACES.otherVillage.slice(0, 8),
        regencyCode: PLACES.otherRegency,
      })
      .where('id', '=', ids[2]!)
      .execute();
    expect(await expectIndexInStep(db, 'moved')).toBe(7);
  });

  it("follows an offline installation's import of a working set: new households, then newer versions", async () => {
    const first = join(dir, 'ws1.siks');
    await t.container.bundles.exportWorkingSet(camat, PLACES.districtA, first);
    const created = await offline.container.bundles.import(system, first);
    expect(created.created).toBeGreaterThanOrEqual(2);
    const db = offline.container.database.db;
    const n = await expectIndexInStep(db, 'offline, created');
    expect(n).toBe(created.created);

    // A newer version online (the head renamed), then the next working set.
    clock = new Date(clock.getTime() + 3_600_000);
    const h = await t.container.households.get(admin, ids[0]!);
    const head = h.members.find((m) => m.relationship === 1)!;
    await t.container.households.updateMember(admin, h.id, head.id, {
      version: h.version,
      reason: 'Nama sesuai KTP',
      name: 'Suwarno Pranoto Adi',
      confirmWarnings: true,
    });
    const second = join(dir, 'ws2.siks');
    await t.container.bundles.exportWorkingSet(camat, PLACES.districtA, second);
    const updated = await offline.container.bundles.import(system, second);
    expect(updated.updated).toBeGreaterThanOrEqual(1);
    expect(await indexedName(db, h.id)).toBe('suwarno pranoto adi');
    expect(await expectIndexInStep(db, 'offline, updated')).toBe(n);
  });

  it('drops a deleted household', async () => {
    const db = t.container.database.db;
    // No service deletes a household (removal is a status); the trigger covers a deletion all the same.
    await db.deleteFrom('persons').where('householdId', '=', ids[3]!).execute();
    await db.deleteFrom('households').where('id', '=', ids[3]!).execute();
    expect(await expectIndexInStep(db, 'deleted')).toBe(6);
  });

  it('is rebuilt whole by the statement docs/architecture.md gives for after a VACUUM', async () => {
    const db = t.container.database.db;
    await sql`delete from households_names`.execute(db);
    expect(
      Number((await sql<{ n: number }>`select count(*) as n from households_names`.execute(db)).rows[0]!.n),
    ).toBe(0);
    await sql`update households set status = status`.execute(db);
    expect(await expectIndexInStep(db, 'rebuilt')).toBe(6);
  });
});

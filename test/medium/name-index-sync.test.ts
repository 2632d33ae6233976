/**
 * SQLite's name index (`households_names`, migrations 066 and 084) holds, for every household, its head's
 * name in both forms and one term each for its province, regency, district, village and status (as
 * posting lists only: its content is a view of `households`), kept in step by triggers on `households`. After every kind of write the registry makes — creation, a CSV import, a
 * head's new name, a removal, a change of village, an offline installation's import of a working set (new
 * households, then newer versions of them), a deletion — the index must equal what the table says: the
 * same rowids, names' trigrams and terms, none left over from a row's earlier values, its posting lists
 * consistent with its source (FTS5's integrity check), and
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
 * Every entry of the name index, as `column@position:trigram` per rowid, read from its posting lists
 * (fts5vocab): the index is contentless (migration 084), so this is all it holds.
 */
async function indexEntries(db: Kysely<DB>): Promise<Map<number, string[]>> {
  await sql`create virtual table if not exists temp.households_names_entries
    using fts5vocab(main, households_names, instance)`.execute(db);
  const { rows } = await sql<{ doc: number; col: string; offset: number; term: string }>`select doc, col,
      "offset", term from temp.households_names_entries`.execute(db);
  const entries = new Map<number, string[]>();
  for (const r of rows) {
    const doc = Number(r.doc);
    entries.set(doc, [...(entries.get(doc) ?? []), `${r.col}@${r.offset}:${r.term}`]);
  }
  for (const list of entries.values()) list.sort();
  return entries;
}

/** The entries the trigram tokenizer makes of `value` in `column` (every run of three characters, case folded). */
function trigramEntries(column: string, value: string | null): string[] {
  const chars = Array.from((value ?? '').toLowerCase());
  return chars.slice(2).map((_, i) => `${column}@${i}:${chars.slice(i, i + 3).join('')}`);
}

/**
 * Compares the name index with `households`, row for row and trigram for trigram (no entry missing, none
 * left over from a row's earlier values: the triggers' deletes repeat exactly what was inserted), and
 * returns how many rows it compared. Fails on the first difference.
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
  const expected = new Map(
    table.map((h) => [
      Number(h.rowid),
      [
        ...trigramEntries('head_name_search', h.search),
        ...trigramEntries('head_name_fold', h.fold),
        ...LEVELS.map(([l, n]) => trigramEntries(TERM_COLUMNS[l], territoryTerm(l, h.village.slice(0, n)))),
        ...trigramEntries(TERM_COLUMNS.status, statusTerm(h.status)),
      ]
        .flat()
        .sort(),
    ]),
  );
  expect(await indexEntries(db), label).toEqual(expected);
  // The posting lists are consistent and hold what the source view says (throws SQLITE_CORRUPT_VTAB otherwise).
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

/** The ids of the households whose head's name (as searched) the index finds holding `phrase`. */
async function indexedWith(db: Kysely<DB>, phrase: string): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`select h.id from households_names n
    cross join households h on h.rowid = n.rowid
    where households_names match ${`{head_name_search} : "${phrase}"`} order by h.id`.execute(db);
  return rows.map((r) => r.id);
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
    const before = await db
      .selectFrom('households')
      .select('headNameSearch')
      .where('id', '=', h.id)
      .executeTakeFirstOrThrow();
    expect(await indexedWith(db, before.headNameSearch)).toEqual([h.id]);
    await t.container.households.updateMember(admin, h.id, head.id, {
      version: h.version,
      reason: 'Salah ketik nama',
      name: 'Soewarno Pranoto',
      confirmWarnings: true,
    });
    expect(await indexedWith(db, 'soewarno pranoto')).toEqual([h.id]);
    // The contentless index was told to delete the old name's trigrams (FTS5's 'delete' with the old values).
    expect(await indexedWith(db, before.headNameSearch)).toEqual([]);
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
    expect(await indexedWith(db, 'suwarno pranoto adi')).toEqual([h.id]);
    expect(await indexedWith(db, 'soewarno pranoto')).toEqual([]);
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
    // A VACUUM may renumber `households`' rowids: the index then points at other rows. Emptied here instead.
    await sql`insert into households_names(households_names) values ('delete-all')`.execute(db);
    expect(await indexEntries(db)).toEqual(new Map());
    await expect(
      sql`insert into households_names(households_names, rank) values ('integrity-check', 1)`.execute(db),
    ).rejects.toThrow(/malformed/);
    await sql`insert into households_names(households_names) values ('rebuild')`.execute(db);
    expect(await expectIndexInStep(db, 'rebuilt')).toBe(6);
  });
});

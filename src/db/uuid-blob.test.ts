/**
 * UUIDs as 16-byte blobs on SQLite (src/db/uuid-blob.ts, the driver in dialect.ts): the conversion functions,
 * and a SQLite connection after migration 083 binding canonical UUID strings as bytes and answering them as
 * the same strings on every path (`all`, streaming, the direct hot reads), leaving everything else alone.
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync, backup as sqliteBackup } from 'node:sqlite';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Database, directReader, uuidBlobsOn, uuidBlobsReread } from './dialect.ts';
import { migrateToLatest } from './migrate.ts';
import { sqliteText, uuidBytes, uuidParam, uuidText, uuidValue } from './uuid-blob.ts';

const ID = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
const BYTES = Uint8Array.from([
  0x01, 0x90, 0xa1, 0xb2, 0xc3, 0xd4, 0x7e, 0x5f, 0x8a, 0x9b, 0x0c, 0x1d, 0x2e, 0x3f, 0x4a, 0x5b,
]);

describe('uuid-blob conversions', () => {
  it('turns a canonical UUID into its 16 bytes and back', () => {
    expect(uuidBytes(ID)).toEqual(BYTES);
    expect(uuidText(BYTES)).toBe(ID);
    for (const id of [
      '00000000-0000-0000-0000-000000000000',
      'ffffffff-ffff-ffff-ffff-ffffffffffff',
      '019af3c2-0a1b-7c2d-9e3f-a0b1c2d3e4f5',
    ]) {
      expect(uuidText(uuidBytes(id)!)).toBe(id);
    }
  });

  it('leaves every string that is not exactly a canonical lowercase UUID alone', () => {
    for (const s of [
      ID.toUpperCase(),
      ID.slice(0, 35),
      `${ID}0`,
      ID.replaceAll('-', ''),
      `{${ID.slice(1)}`,
      ID.replace('-', 'x'),
      `${ID.slice(0, 8)}-${ID.slice(9, 13)}-${ID.slice(14, 18)}-${ID.slice(19, 23)}g${ID.slice(24)}`.slice(
        0,
        36,
      ),
      `0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5g`,
      '3307010101800001',
      '330701010180000133070101018000013307',
      '',
    ]) {
      expect(uuidBytes(s), s).toBeNull();
      expect(uuidParam(s)).toBe(s);
    }
    expect(uuidParam(12)).toBe(12);
    expect(uuidParam(null)).toBeNull();
  });

  it('reads back only blobs of exactly 16 bytes as UUIDs', () => {
    expect(uuidValue(BYTES)).toBe(ID);
    const fifteen = BYTES.slice(0, 15);
    const seventeen = Uint8Array.from([...BYTES, 0]);
    expect(uuidValue(fifteen)).toBe(fifteen);
    expect(uuidValue(seventeen)).toBe(seventeen);
    expect(uuidValue('text')).toBe('text');
    expect(uuidValue(7)).toBe(7);
  });

  it('text(x): a UUID blob as its string, other values as SQLite would cast them', () => {
    expect(sqliteText(BYTES)).toBe(ID);
    expect(sqliteText(ID)).toBe(ID);
    expect(sqliteText(12)).toBe('12');
    expect(sqliteText(null)).toBeNull();
    expect(sqliteText(new TextEncoder().encode('kpm:PKH'))).toBe('kpm:PKH');
  });

  it('answers each id as one flat string: 100,000 of them kept cost well under 200 bytes each', () => {
    // Built by joining pieces with `+`, each id was a tree of concatenation nodes (~600 bytes kept while
    // the string lives: +60 MiB for a 100,000-household ranking, which keeps every id).
    const bytes = Array.from(
      { length: 1000 },
      (_, i) => uuidBytes(`0190a2b3-c4d5-7e6f-8a9b-${String(i).padStart(12, '0')}`)!,
    );
    const kept: string[] = [];
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < 100_000; i++) kept.push(uuidText(bytes[i % 1000]!));
    const perId = (process.memoryUsage().heapUsed - before) / kept.length;
    expect(kept[1234]).toBe('0190a2b3-c4d5-7e6f-8a9b-000000000234');
    expect(perId).toBeLessThan(200);
  });

  it('orders blobs as the lowercase text ordered (memcmp)', () => {
    const ids = Array.from({ length: 200 }, (_, i) =>
      uuidText(Uint8Array.from({ length: 16 }, (_, k) => (i * 37 + k * 101 + (i >> 2) * k) & 0xff)),
    );
    const byText = [...ids].sort();
    const byBytes = [...ids].sort((a, b) => Buffer.compare(uuidBytes(a)!, uuidBytes(b)!));
    expect(byBytes).toEqual(byText);
  });
});

describe('the SQLite driver after migration 083', () => {
  let database: Database;
  const other = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c';

  beforeAll(async () => {
    database = createDb(':memory:');
    await migrateToLatest(database);
    await sql`create table t_uuid (id text primary key, ref text, note text, snapshot blob, n integer)`.execute(
      database.db,
    );
    await sql`insert into t_uuid values (${ID}, ${other}, ${ID.toUpperCase()}, ${BYTES}, 1),
      (${other}, null, ${'3307010101800001'}, ${BYTES.slice(0, 4)}, 2)`.execute(database.db);
  });
  afterAll(async () => {
    await database?.close();
  });

  it('is switched on by the migration', () => {
    expect(uuidBlobsOn(database.db)).toBe(true);
  });

  it('stores canonical UUIDs as 16-byte blobs and everything else as it was bound', async () => {
    const { rows } = await sql<Record<string, unknown>>`select typeof(id) as id, length(id) as len,
      typeof(ref) as ref, typeof(note) as note, note as noteValue from t_uuid order by n`.execute(
      database.db,
    );
    expect(rows).toEqual([
      { id: 'blob', len: 16, ref: 'blob', note: 'text', noteValue: ID.toUpperCase() },
      { id: 'blob', len: 16, ref: 'null', note: 'text', noteValue: '3307010101800001' },
    ]);
  });

  it('answers ids as their strings on every path, and leaves a declared blob column alone', async () => {
    const expected = [
      { id: ID, ref: other, snapshot: BYTES, max: other },
      { id: other, ref: null, snapshot: BYTES.slice(0, 4), max: other },
    ];
    const select = sql<Record<string, unknown>>`select id, ref, snapshot,
      (select max(id) from t_uuid) as max from t_uuid where id in (${ID}, ${other}) order by id`;
    expect((await select.execute(database.db)).rows).toEqual(expected);
    const streamed: unknown[] = [];
    for await (const row of database.db
      .selectFrom('t_uuid' as never)
      .select(['id', 'ref', 'snapshot', sql`(select max(id) from t_uuid)`.as('max')] as never)
      .where('id' as never, '>=', ID as never)
      .orderBy('id' as never)
      .stream(1)) {
      streamed.push(row);
    }
    expect(streamed).toEqual(expected);
    const compiled = select.compile(database.db);
    expect(directReader(database.db)!(compiled.sql, compiled.parameters)).toEqual(expected);
  });

  it('keeps keyset order: ids after a given one, in the order of their text', async () => {
    const { rows } = await sql<{ id: string }>`select id from t_uuid where id > ${ID} order by id`.execute(
      database.db,
    );
    expect(rows).toEqual([{ id: other }]);
  });

  it('text(id) gives the id as text in SQL (concatenation, unions with text)', async () => {
    const { rows } = await sql<{ line: string }>`select text(id) || ':' || n as line from t_uuid
      order by id`.execute(database.db);
    expect(rows).toEqual([{ line: `${ID}:1` }, { line: `${other}:2` }]);
  });
});

describe('a SQLite file replaced under an open connection (restore)', () => {
  it('binds ids as text again once it reads that the new file predates migration 083', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dtks-t-'));
    const target = createDb(join(dir, 'target.sqlite'));
    try {
      await migrateToLatest(target);
      // A file as an old version left it: no migration 083 recorded, ids as text.
      const oldFile = join(dir, 'old.sqlite');
      const old = new DatabaseSync(oldFile);
      old.exec(`create table kysely_migration (name varchar(255) primary key, timestamp varchar(255));
        create table t_old (id text primary key);
        insert into t_old values ('${ID}');`);
      old.close();
      const source = new DatabaseSync(oldFile, { readOnly: true });
      await sqliteBackup(source, join(dir, 'target.sqlite'));
      source.close();
      const find = () => sql<{ id: string }>`select id from t_old where id = ${ID}`.execute(target.db);
      expect(uuidBlobsOn(target.db)).toBe(true);
      expect((await find()).rows).toEqual([]);
      uuidBlobsReread(target.db);
      expect(uuidBlobsOn(target.db)).toBe(false);
      expect((await find()).rows).toEqual([{ id: ID }]);
    } finally {
      await target.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDb, type Database } from './dialect.ts';
import { preparedQuery } from './prepared.ts';

/** An in-memory SQLite database with a bare regions table. */
async function regionsDb(): Promise<Database> {
  const d = createDb(':memory:');
  await d.db.schema
    .createTable('regions')
    .addColumn('code', 'text')
    .addColumn('name', 'text')
    .addColumn('level', 'integer')
    .addColumn('parent_code', 'text')
    .addColumn('province_code', 'text')
    .execute();
  return d;
}

describe('preparedQuery', () => {
  let d: Database;
  beforeAll(async () => {
    d = await regionsDb();
    await d.db
      .insertInto('regions')
      .values([
        { code: '11', name: 'Aceh', level: 1, parentCode: null, provinceCode: '11' },
        { code: '11.01', name: 'Aceh Selatan', level: 2, parentCode: '11', provinceCode: '11' },
        { code: '32', name: 'Jawa Barat', level: 1, parentCode: null, provinceCode: '32' },
      ])
      .execute();
  });
  afterAll(() => d.close());

  const byParent = preparedQuery((db, parent: string) =>
    db.selectFrom('regions').selectAll().where('parentCode', '=', parent).where('level', '=', 2),
  );

  it('binds new values each call and keeps constants of the built query', async () => {
    expect((await byParent(d.db, '11')).map((r) => r.code)).toEqual(['11.01']);
    expect(await byParent(d.db, '32')).toEqual([]);
    expect(await byParent(d.db, '11')).toEqual([
      { code: '11.01', name: 'Aceh Selatan', level: 2, parentCode: '11', provinceCode: '11' },
    ]);
  });
});

describe('preparedQuery on a SQLite root handle (direct reads)', () => {
  let d: Database;
  beforeAll(async () => {
    d = await regionsDb();
    await d.db
      .insertInto('regions')
      .values({ code: '11', name: 'Aceh', level: 1, parentCode: null, provinceCode: '11' })
      .execute();
  });
  afterAll(() => d.close());

  const byCode = preparedQuery((db, code: string) =>
    db.selectFrom('regions').selectAll().where('code', '=', code),
  );

  it('skips Kysely’s executor and answers the rows Kysely would, keys in camelCase', async () => {
    const viaKysely = await d.db.selectFrom('regions').selectAll().where('code', '=', '11').execute();
    const executed = vi.spyOn(d.db, 'executeQuery');
    const direct = await byCode(d.db, '11');
    expect(executed).not.toHaveBeenCalled();
    executed.mockRestore();
    expect(direct).toEqual(viaKysely);
    expect(Object.keys(direct[0]!)).toEqual(['code', 'name', 'level', 'parentCode', 'provinceCode']);
  });

  it('inside a transaction runs on the transaction', async () => {
    await d.db
      .transaction()
      .execute(async (trx) => {
        await trx
          .insertInto('regions')
          .values({ code: '12', name: 'Sumatera Utara', level: 1, parentCode: null, provinceCode: '12' })
          .execute();
        expect((await byCode(trx, '12')).map((r) => r.name)).toEqual(['Sumatera Utara']);
        throw new Error('roll back');
      })
      .catch(() => {});
    expect(await byCode(d.db, '12')).toEqual([]);
  });

  it('while another flow holds a transaction open, waits for it instead of reading beside it', async () => {
    let commit!: () => void;
    const held = new Promise<void>((r) => {
      commit = r;
    });
    let inserted!: () => void;
    const insertedYet = new Promise<void>((r) => {
      inserted = r;
    });
    const writer = d.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('regions')
        .values({ code: '13', name: 'Sumatera Barat', level: 1, parentCode: null, provinceCode: '13' })
        .execute();
      inserted();
      await held; // the transaction stays open across event-loop turns, as a request's would
    });
    await insertedYet;
    let answered = false;
    const read = byCode(d.db, '13').then((rows) => {
      answered = true;
      return rows;
    });
    await new Promise((r) => setTimeout(r, 20));
    // On the same connection a direct read would see the open transaction's uncommitted row: it must wait.
    expect(answered).toBe(false);
    commit();
    await writer;
    expect((await read).map((r) => r.name)).toEqual(['Sumatera Barat']);
  });
});

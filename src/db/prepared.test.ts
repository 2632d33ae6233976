import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Database } from './dialect.ts';
import { preparedQuery } from './prepared.ts';

describe('preparedQuery', () => {
  let d: Database;
  beforeAll(async () => {
    d = createDb(':memory:');
    await d.db.schema
      .createTable('regions')
      .addColumn('code', 'text')
      .addColumn('name', 'text')
      .addColumn('level', 'integer')
      .addColumn('parent_code', 'text')
      .addColumn('province_code', 'text')
      .execute();
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

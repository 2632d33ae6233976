/**
 * Migration 074 corrects province and regency names the earlier casing loaded ("Dki Jakarta"), on both
 * engines, and leaves a name changed since alone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { regionNameAcronymsMigration } from '../../src/db/migrations/074_region_name_acronyms.ts';
import { ENGINES, openTestDb, type TestDb } from '../support/db.ts';

for (const engine of ENGINES) {
  describe(`074 region name acronyms (${engine})`, () => {
    let t: TestDb;
    beforeAll(async () => {
      t = await openTestDb(engine);
    });
    afterAll(async () => {
      await t.cleanup();
    });

    it('corrects the names the earlier casing made, and only those', async () => {
      const { db } = t.container.database;
      const nameOf = async (code: string) =>
        (await db.selectFrom('regions').select('name').where('code', '=', code).executeTakeFirstOrThrow())
          .name;
      expect(await nameOf('31')).toBe('DKI Jakarta');
      await db.updateTable('regions').set({ name: 'Dki Jakarta' }).where('code', '=', '31').execute();
      await regionNameAcronymsMigration.up(db, t.container.database.engine);
      expect(await nameOf('31')).toBe('DKI Jakarta');
      // A name changed by hand since is not the old casing's: left as it is.
      await db.updateTable('regions').set({ name: 'Provinsi Dki' }).where('code', '=', '31').execute();
      await regionNameAcronymsMigration.up(db, t.container.database.engine);
      expect(await nameOf('31')).toBe('Provinsi Dki');
      expect(await nameOf('33')).toBe('Jawa Tengah');
    });
  });
}

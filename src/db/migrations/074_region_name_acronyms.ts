import { plainTitleCase, readRegions } from '../../modules/regions/regions.loader.ts';
import type { Migration } from '../migrate.ts';

/**
 * Province and regency names were title-cased word by word, abbreviations included ("Dki Jakarta"). The
 * loader now keeps them in capitals; this corrects the names already loaded — only where the name is still
 * the one the old casing made, so a name changed since is left alone.
 */
export const regionNameAcronymsMigration: Migration = {
  name: '074_region_name_acronyms',
  async up(db) {
    for (const r of readRegions()) {
      if (r.level > 2) continue;
      const before = plainTitleCase(r.name);
      if (before === r.name) continue;
      await db
        .updateTable('regions')
        .set({ name: r.name })
        .where('code', '=', r.code)
        .where('name', '=', before)
        .execute();
    }
  },
};

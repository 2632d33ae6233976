import { loadRegions } from '../../modules/regions/regions.loader.ts';
import type { Migration } from '../migrate.ts';

/** All Kemendagri regions from the idn-area-data package, loaded once. */
export const regionsMigration: Migration = {
  name: '002_regions',
  async up(db, engine) {
    await loadRegions(db, engine);
  },
};

import type { Migration } from '../migrate.ts';

/**
 * The province and regency indexes of households without the head's searchable name (issue 11: storage
 * per household, ~0.02 KiB each). Migration 012 put the name in all four territory indexes, after the id
 * and status, so that a name search inside a territory tested names in the index, before the trigram
 * index existed. Now a fragment in a territory of more than NAME_INDEX_MIN_TERRITORY households is looked
 * up in SQLite's name index (its total counted there) and in PostgreSQL's pg_trgm indexes; a province or a
 * regency is that large save for a few small regencies. What the name in these two indexes still served:
 * a common fragment's page (more matches than TRIGRAM_PROBE), the territory's scan in id order, which now
 * reads each scanned row's name from the table — at 300,000 households in a regency, the same time within
 * noise (p50 6.8 → 7.1 ms for a fragment in 1.7 % of the names, 10.6 → 10.9 ms in 1.2 %, interleaved).
 * `(level, id, status)` stay: pages in id order and a status's count (the default `active`) are still
 * answered from the index alone.
 *
 * The district and village indexes keep the name: a territory of at most NAME_INDEX_MIN_TERRITORY
 * households (a village, many districts) is scanned whole for a fragment, and without the name in the index
 * each of its rows is read from the table: a district of 9,239 households went from ~3.5 to 21–29 ms for
 * an absent fragment (p50, two interleaved runs). A regency that small (a few in the country) now scans the same way: ~30 ms for
 * 10,000 households instead of ~3, still within issue 11's 100 ms.
 *
 * SQLite only: the storage target is SQLite's, and on PostgreSQL a common fragment's regency page, planned
 * until now as the regency index scanned in id order with the name tested in it, became a bitmap scan of
 * the pg_trgm index and a sort of every match (not timed). PostgreSQL keeps the four indexes as they were.
 */
export const territoryIndexesNarrowMigration: Migration = {
  name: '085_territory_indexes_narrow',
  async up(db, e) {
    if (e.name !== 'sqlite') return;
    for (const level of ['province', 'regency']) {
      await db.schema.dropIndex(`households_${level}_idx`).execute();
      await db.schema
        .createIndex(`households_${level}_idx`)
        .on('households')
        .columns([`${level}_code`, 'id', 'status'])
        .execute();
    }
  },
};

import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LEGACY_NAMES, loadMigrations, MIGRATION_NAME } from './migrate.ts';

const FOLDER = resolve(import.meta.dirname, 'migrations');

describe('the migration list', () => {
  it('names every migration NNN_what with a number of its own, in strictly increasing order', async () => {
    const names = (await loadMigrations()).map((m) => m.name);
    expect(names.length).toBeGreaterThanOrEqual(12);
    for (const name of names) expect(name).toMatch(MIGRATION_NAME);
    const numbers = names.map((n) => n.slice(0, 3));
    expect(new Set(numbers).size).toBe(numbers.length);
    // Kysely's Migrator applies by name: the list's order must be the names' order.
    expect(names).toEqual([...names].sort());
    for (let i = 1; i < names.length; i++) expect(names[i - 1]! < names[i]!).toBe(true);
  });

  it('lists exactly the files in src/db/migrations, each under its file name', async () => {
    const files = readdirSync(FOLDER)
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
      .map((f) => f.slice(0, -'.ts'.length))
      .sort();
    expect((await loadMigrations()).map((m) => m.name)).toEqual(files);
  });

  it('starts with the twelve migrations renumbered in the order the old list applied them', async () => {
    expect((await loadMigrations()).slice(0, 12).map((m) => m.name)).toEqual([
      '001_registry',
      '002_regions',
      '003_social_registers',
      '004_cycle',
      '005_penetapan',
      '006_penetapan_snapshot',
      '007_penetapan_changes',
      '008_penetapan_sk_sequence',
      '009_verivali_dukcapil',
      '010_household_counts',
      '011_login_throttle',
      '012_household_search_indexes',
    ]);
  });

  it('maps each old name in schema_migrations to one of those twelve', async () => {
    const first12 = (await loadMigrations()).slice(0, 12).map((m) => m.name);
    expect(Object.keys(LEGACY_NAMES)).toHaveLength(12);
    expect(Object.values(LEGACY_NAMES).sort()).toEqual(first12);
    expect(LEGACY_NAMES['005_verivali_dukcapil']).toBe('009_verivali_dukcapil');
    expect(LEGACY_NAMES['009_household_search_indexes']).toBe('012_household_search_indexes');
  });
});

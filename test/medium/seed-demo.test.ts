import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_REGENCY } from '../../src/cli/demo.ts';
import { seedDemoIfEmpty } from '../../src/cli/seed-demo.ts';
import { openTestDb, type TestDb } from '../support/db.ts';
import { rowCounts } from '../support/db-state.ts';

describe('demo seed on `dtks start`', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb('sqlite');
  });
  afterAll(async () => {
    await t.cleanup();
  });

  it('fills the demo kabupaten once, then leaves the database alone', async () => {
    const lines: string[] = [];
    expect(await t.container.seed.isEmpty()).toBe(true);
    expect(await seedDemoIfEmpty(t.container, 120, (l) => lines.push(l))).toBe(true);
    const seeded = await rowCounts(t.container);
    expect(seeded.households).toBe(120);
    const outside = await t.container.database.db
      .selectFrom('households')
      .select('id')
      .where('regencyCode', '!=', DEMO_REGENCY)
      .execute();
    expect(outside).toEqual([]);
    expect(lines[0]).toMatch(/^empty database: seeding 120 synthetic households into .*Wonosobo \(33\.07\)/);
    expect(lines.at(-1)).toMatch(/seeded 120 households \(\d+ persons\) in 33\.07/);

    expect(await seedDemoIfEmpty(t.container, 120, (l) => lines.push(l))).toBe(false);
    expect(await rowCounts(t.container)).toEqual(seeded);
  });
});

/** The dense-regency database the search benchmarks share, and the name fragments they search for. */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../src/db/schema/index.ts';
import { fmt } from './report.ts';

export const REGENCY = '33.07';

/** bench/tmp/regency-N.sqlite, seeded once through the real seed service: N households in 33.07. */
export function regencyDb(households: number): string {
  const path = resolve(`bench/tmp/regency-${households}.sqlite`);
  if (existsSync(path)) return path;
  console.log(`seeding ${fmt(households)} households into ${REGENCY} → ${path} (once)`);
  mkdirSync(dirname(path), { recursive: true });
  execFileSync(
    process.execPath,
    ['src/cli/main.ts', 'seed', '--households', String(households), '--region', REGENCY, '--seed', 'regency'],
    { env: { ...process.env, DATABASE_URL: path }, stdio: 'inherit' },
  );
  return path;
}

/** A 3–5 letter piece of a word of `name` (what someone types to find a head of household). */
export function fragment(name: string, r: number): string {
  const words = name.split(' ').filter((w) => w.length >= 3);
  const word = words[Math.floor(r * words.length) % words.length] ?? name;
  const len = Math.min(word.length, 3 + Math.floor(r * 3));
  const start = Math.floor(r * (word.length - len + 1));
  return word.slice(start, start + len);
}

/**
 * A determined period holding every active household of the registry at its current version (what
 * penetapan would fix), inserted in two statements: the data a ranking or a recipients computation reads.
 */
export async function determineRegistry(db: Kysely<DB>, period: string): Promise<void> {
  await db
    .insertInto('periods')
    .values({ period, state: 'determined', createdAt: new Date().toISOString() } as never)
    .execute();
  await sql`insert into snapshot_households (period, household_id, province_code, regency_code, village_code, version, member_count)
    select ${period}, id, province_code, regency_code, village_code, version, member_count from households
    where status = 'active'`.execute(db);
}

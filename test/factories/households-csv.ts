/**
 * Household CSV files for tests, written independently of the export: from HouseholdCreate objects (see
 * makeHousehold) using only the documented column list, so an import test does not depend on the export.
 */
import { stringify } from 'csv-stringify/sync';
import type { Container } from '../../src/container.ts';
import { systemActor } from '../../src/modules/access/actor.ts';
import type { HouseholdCreate } from '../../src/modules/households/households.schemas.ts';
import { HOUSEHOLD_COLUMNS, MEMBER_COLUMNS } from '../../src/modules/transfer/households.csv.ts';

const text = (v: unknown): string =>
  v === null || v === undefined ? '' : typeof v === 'boolean' ? (v ? '1' : '0') : String(v);

export const CSV_HEADER = [...HOUSEHOLD_COLUMNS, ...MEMBER_COLUMNS].map((c) => c.name);

/** The data rows of one household (no header): one per member. */
export function householdRows(h: HouseholdCreate): string[][] {
  const hh = h as unknown as Record<string, unknown>;
  return h.members.map((m) => {
    const mm = m as unknown as Record<string, unknown>;
    return [...HOUSEHOLD_COLUMNS.map((c) => text(hh[c.key])), ...MEMBER_COLUMNS.map((c) => text(mm[c.key]))];
  });
}

/** A whole file: header row, then each household's rows. */
export function householdsCsv(households: HouseholdCreate[]): string {
  return stringify([CSV_HEADER, ...households.flatMap(householdRows)]);
}

/** Sets one column of a row by name (rows as produced by householdRows). */
export function setCell(row: string[], column: string, value: string): string[] {
  const at = CSV_HEADER.indexOf(column);
  if (at < 0) throw new Error(`no column ${column}`);
  const copy = [...row];
  copy[at] = value;
  return copy;
}

export const line = (row: string[]) => stringify([row]).trimEnd();

/** A test's starting households, imported as one CSV file by the system (warnings accepted), as an operator would. */
export async function importSeedCsv(c: Container, households: HouseholdCreate[]): Promise<void> {
  await c.transfer.importHouseholdsCsv(systemActor('test'), [Buffer.from(householdsCsv(households))], {
    acceptWarnings: true,
    source: 'seed.csv',
  });
}

/**
 * Turns the data records of a household CSV into households: contiguous rows with the same kk_number are
 * one household. Streams: only the household being read is held, plus the KK numbers already seen (to
 * refuse a KK whose rows come back later in the file).
 *
 * A row that cannot be read (malformed quotes, wrong number of values) still belongs somewhere: when its
 * kk_number can be made out, its household is rejected with it; when not, the household before it and the
 * one right after it are both rejected, because either may be missing a member — a household is imported
 * whole or not at all.
 */
import type { FieldIssue } from '../../domain/errors.ts';
import { issue, issueFrom } from '../../domain/errors.ts';
import { type CsvRecord, salvageFields } from '../../lib/csv-records.ts';
import { type CsvHeader, type CsvRow, type LineIssue, MAX_MEMBER_ROWS, readRow } from './households.csv.ts';
import type { KkLineIndex } from './kk-index.ts';

export interface HouseholdGroup {
  /** kk_number as written (trimmed); null when no row of the group could be read at all. */
  kk: string | null;
  firstLine: number;
  /** Every physical line of the group, in order. */
  lines: number[];
  /** Readable rows, in order (at most MAX_MEMBER_ROWS are kept). */
  rows: CsvRow[];
  /** Problems found while reading: unreadable rows, a KK seen before, an unreadable neighbour. */
  issues: LineIssue[];
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

function unreadable(rec: CsvRecord, header: CsvHeader): { kk: string | null; problem: FieldIssue } | null {
  if (rec.fields === null) {
    const salvaged = salvageFields(rec.raw);
    const kk = salvaged.length === header.width ? salvaged[header.kk]?.trim() || null : null;
    return { kk, problem: issueFrom('(csv)', rec.error) };
  }
  if (rec.fields.length === header.width) return null;
  return {
    kk: rec.fields.length > header.kk ? rec.fields[header.kk]!.trim() || null : null,
    problem: issue('(csv)', 'csv.field_count', { fieldsCount: rec.fields.length, width: header.width }),
  };
}

export async function* householdGroups(
  records: AsyncIterable<CsvRecord>,
  header: CsvHeader,
  seen: KkLineIndex,
): AsyncGenerator<HouseholdGroup> {
  let open: HouseholdGroup | null = null;
  /** An unreadable line whose household is unknown; taints the household that starts right after it. */
  let orphanLine: number | null = null;

  const start = (kk: string | null, line: number): HouseholdGroup => {
    const g: HouseholdGroup = { kk, firstLine: line, lines: [], rows: [], issues: [] };
    if (kk !== null && kk !== '') {
      const earlier = seen.get(kk);
      if (earlier !== undefined) {
        g.issues.push({
          line,
          issue: issue('kk_number', 'import.kk_not_contiguous', { kk, earlier }),
        });
      } else seen.set(kk, line);
    }
    if (orphanLine !== null) {
      g.issues.push({
        line,
        issue: issue('(csv)', 'import.unreadable_neighbour', { orphanLine }),
      });
      orphanLine = null;
    }
    return g;
  };

  for await (const rec of records) {
    const lines = range(rec.line, rec.endLine);
    const bad = unreadable(rec, header);
    // A value read from a broken row counts as its KK only if it is the open household's or looks like one.
    const kk = bad
      ? bad.kk !== null && (bad.kk === open?.kk || /^\d{16}$/.test(bad.kk))
        ? bad.kk
        : null
      : rec.fields![header.kk]!.trim();
    if (kk === null) {
      // Whose row this was is unknown: it rejects the household before it and the one after it.
      open ??= start(null, rec.line);
      open.lines.push(...lines);
      open.issues.push({ line: rec.line, issue: bad!.problem });
      orphanLine = rec.line;
      continue;
    }
    if (open === null || open.kk !== kk) {
      if (open) yield open;
      open = start(kk, rec.line);
    } else orphanLine = null;
    open.lines.push(...lines);
    if (bad) open.issues.push({ line: rec.line, issue: bad.problem });
    else if (open.rows.length < MAX_MEMBER_ROWS) open.rows.push(readRow(rec.fields!, header, rec.line));
  }
  if (open) yield open;
}

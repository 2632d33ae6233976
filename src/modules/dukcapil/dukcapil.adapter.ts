/**
 * Where Dukcapil matching reads the civil registry from: a pluggable adapter (docs/dukcapil-adapter.md).
 * An adapter turns its source into entries, one per NIK in a stable order — a Dukcapil record, a NIK the
 * registry does not know, or a malformed line with its reasons — and DukcapilService matches them against
 * DTKS in batches, whatever the adapter. Two adapters exist: the CSV extract (this file) and the HTTP
 * service (dukcapil.http-adapter.ts).
 */

import { type DukcapilRow, readDukcapilHeader, readDukcapilRow } from '../../domain/dukcapil/dukcapil.ts';
import { coded, type FieldIssue, fileError, issueFrom } from '../../domain/errors.ts';
import { type ByteSource, readCsvRecords, salvageFields } from '../../lib/csv-records.ts';

export interface RejectedRow {
  line: number;
  nik: string | null;
  issues: FieldIssue[];
}

/** One NIK's answer from the civil registry, numbered by `line` (the file's line, or the NIK's rank asked). */
export type DukcapilEntry =
  | { kind: 'record'; row: DukcapilRow }
  /** The civil registry has no such NIK (only an adapter that asks by NIK can say so). */
  | { kind: 'absent'; line: number; nik: string }
  | { kind: 'rejected'; rejected: RejectedRow };

export interface AdapterContext {
  /** The regency being matched (dotted). */
  regency: string;
  isKnownVillage: (code: string) => boolean;
  today: Date;
  /** The DTKS NIKs of the regency, in NIK order, `size` at a time (for adapters that ask by NIK). */
  dtksNiks: (size: number) => AsyncIterable<string[]>;
  /** How many DTKS NIKs the regency holds (progress). */
  dtksCount: () => Promise<number>;
  /** Stops the adapter between requests (a cancelled or released job). */
  signal?: AbortSignal;
}

export interface DukcapilAdapter {
  readonly kind: 'file' | 'http';
  /** What the import records as its source: the file's name, or the service's host. */
  readonly sourceName: string;
  /**
   * Checks what can be checked before anything is written (the file's header, the service's settings) —
   * throwing a coded error — then gives the entries.
   */
  open(ctx: AdapterContext): Promise<{ entries: AsyncIterable<DukcapilEntry>; total: number | null }>;
}

/** The CSV extract (nik, kk_number, name, birth_date, sex, region_code, status), streamed. */
export function fileAdapter(source: ByteSource, fileName: string): DukcapilAdapter {
  return {
    kind: 'file',
    sourceName: fileName,
    async open(ctx) {
      const records = readCsvRecords(source);
      const first = await records.next();
      if (first.done) throw fileError(coded('dukcapil.empty'));
      if (first.value.fields === null) {
        throw fileError(coded('dukcapil.header_unreadable', { reason: first.value.error.message }));
      }
      const header = readDukcapilHeader(first.value.fields);
      if (!header.ok) {
        throw fileError(coded('dukcapil.missing_columns', { columns: header.missing.join(', ') }));
      }
      const { index } = header;
      async function* entries(): AsyncGenerator<DukcapilEntry> {
        for await (const rec of records) {
          if (rec.fields === null) {
            const nik = salvageFields(rec.raw)[index.nik]?.trim() || null;
            yield {
              kind: 'rejected',
              rejected: { line: rec.line, nik, issues: [issueFrom('(line)', rec.error)] },
            };
            continue;
          }
          const read = readDukcapilRow(rec.line, rec.fields, index, ctx);
          if (read.ok) yield { kind: 'record', row: read.row };
          else {
            const nik = rec.fields[index.nik]?.trim() || null;
            yield { kind: 'rejected', rejected: { line: rec.line, nik, issues: read.issues } };
          }
        }
      }
      return { entries: entries(), total: null };
    },
  };
}

/**
 * The partner's cleaning of a batch: what it checks on each record, and the rule that a record returned for
 * completion may only be re-sent when something changed.
 */
import { normaliseNeighbourhood } from './mapping.ts';
import type { ReturnReason } from './states.ts';

/** The fields of a record the partner receives and the Dinas Sosial completes. */
export interface RecordFields {
  headName: string;
  kkNumber: string;
  address: string;
  rt: string;
  rw: string;
}

/** The canonical text of a record's fields (whitespace collapsed, RT/RW as numbers): equal text, same record. */
export function canonicalRecord(f: RecordFields): string {
  const clean = (s: string) => s.trim().replace(/\s+/g, ' ');
  return JSON.stringify([
    clean(f.headName).toUpperCase(),
    f.kkNumber.trim(),
    clean(f.address).toUpperCase(),
    normaliseNeighbourhood(f.rt) ?? '',
    normaliseNeighbourhood(f.rw) ?? '',
  ]);
}

/** A re-send must change something the partner returned: identical canonical fields are refused. */
export function isUnchangedResend(returned: RecordFields, resent: RecordFields): boolean {
  return canonicalRecord(returned) === canonicalRecord(resent);
}

/** The problems a partner's automatic check finds on a record (the partner may return for other reasons too). */
export function cleaningFindings(f: RecordFields): ReturnReason[] {
  const found: ReturnReason[] = [];
  if (f.address.trim().length < 3) found.push('ADDRESS_MISSING');
  if (normaliseNeighbourhood(f.rt) === null || normaliseNeighbourhood(f.rw) === null)
    found.push('RT_RW_MISSING');
  if (!/^\d{16}$/.test(f.kkNumber.trim())) found.push('KK_INVALID');
  return found;
}

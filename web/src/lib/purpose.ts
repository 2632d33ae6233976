/**
 * Why a staff screen reads or changes records, sent with every API call as `X-Purpose` (percent-encoded)
 * and kept in the audit log: a citizen sees it in "who read my data" (issue 14). The purposes of the
 * screens are src/domain/access/screen-purposes.ts. A NIK lookup sends what the user typed instead.
 */
export { purposeOfPath } from '../../../src/domain/access/screen-purposes.ts';

/** The header value: percent-encoded UTF-8 (a header carries only ASCII safely). */
export function purposeHeader(purpose: string): string {
  return encodeURIComponent(purpose.trim().slice(0, 200));
}

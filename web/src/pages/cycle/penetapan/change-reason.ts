/**
 * A change's reason as the penetapan diff stores it — each household version between the two periods as
 * `<change type>: <reason>`, joined by "; " (src/modules/penetapan/penetapan.repository.ts) — in words: the
 * change type by its label, and the record ids a reason carries for the audit trail ("usulan perbaikan
 * 2026-09 (01a24c16-…)") left out, since an office reads the proposal by its kind and period.
 */
const RECORD_ID = /\s*\((?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\)/gi;

export function changeReasonText(raw: string, changeLabel: (type: string) => string | undefined): string {
  return raw
    .split('; ')
    .map((part) => {
      const text = part.replace(RECORD_ID, '');
      const at = text.indexOf(': ');
      const label = at > 0 ? changeLabel(text.slice(0, at)) : undefined;
      return label ? `${label}: ${text.slice(at + 2)}` : text;
    })
    .join('; ');
}

/**
 * A change's reason as the penetapan diff stores it — each household version between the two periods as
 * `<change type>: <reason>`, joined by "; ", a removed household's prefixed with its removal reason code
 * (src/modules/penetapan/penetapan.repository.ts) — in words: the change type by its label, a removal reason
 * in the reader's language, and the record ids a reason carries for the audit trail ("usulan perbaikan
 * 2026-09 (01a24c16-…)") left out, since an office reads the proposal by its kind and period.
 */
import type { Lang } from '../../../../../src/domain/errors.ts';
import { removalReasonText } from '../../../lib/removal-reason.ts';

const RECORD_ID = /\s*\((?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\)/gi;
/** The removal reason code a removed household's reason starts with (`moved_out: remove: …`). */
const REMOVAL_CODE = /^([a-z_]+): /;

export function changeReasonText(
  raw: string,
  changeLabel: (type: string) => string | undefined,
  lang: Lang,
): string {
  const code = REMOVAL_CODE.exec(raw);
  const removal = code ? removalReasonText(code[1]!, lang) : undefined;
  const parts = (removal ? raw.slice(code![0].length) : raw)
    .split('; ')
    .filter((part) => part !== '')
    .map((part) => {
      const text = part.replace(RECORD_ID, '');
      const at = text.indexOf(': ');
      const label = at > 0 ? changeLabel(text.slice(0, at)) : undefined;
      if (!label) return text;
      const reason = text.slice(at + 2);
      return `${label}: ${removalReasonText(reason, lang) ?? reason}`;
    });
  // The removal's own version usually names the reason already; say it once.
  if (removal && !parts.some((p) => p.endsWith(`: ${removal}`))) parts.unshift(removal);
  return parts.join('; ');
}

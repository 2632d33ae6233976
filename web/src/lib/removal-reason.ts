import type { Lang } from '../../../src/domain/errors.ts';
import { REMOVAL_REASONS } from '../../../src/domain/registry/removal-reasons.ts';

/**
 * A removal reason in the reader's language, given its code or its English label — the latter is what a
 * removal writes as its record version's reason (households.service.ts, register-records.ts). Undefined
 * for any other text.
 */
export function removalReasonText(text: string, lang: Lang): string | undefined {
  return REMOVAL_REASONS.find((r) => r.code === text || r.label.en === text)?.label[lang];
}

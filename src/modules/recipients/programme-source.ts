/**
 * The programme documents a proposal is computed with. Until programme versions are stored and published
 * (the programmes module), the shipped default documents (src/domain/programmes/defaults.ts) are the current
 * versions, and nothing needs marking as used.
 */

import { DEFAULT_PROGRAMMES } from '../../domain/programmes/defaults.ts';
import type { ProgrammeDocument } from '../../domain/programmes/document.ts';
import type { ProgrammeSource } from './recipients.service.ts';

export function shippedProgrammes(docs: readonly ProgrammeDocument[] = DEFAULT_PROGRAMMES): ProgrammeSource {
  return {
    current: async (code) => docs.find((d) => d.code === code) ?? null,
    currentAll: async () => [...docs],
    markUsed: async () => {},
  };
}

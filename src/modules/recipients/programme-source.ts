/**
 * The programme documents a proposal is computed with: the current published version of each programme
 * (src/modules/programmes), marked used once a proposal was computed with it (a used version never changes).
 */
import type { ProgrammesService } from '../programmes/programmes.service.ts';
import type { ProgrammeSource } from './recipients.service.ts';

export function publishedProgrammes(programmes: ProgrammesService): ProgrammeSource {
  return {
    current: async (code) => (await programmes.current(code))?.doc ?? null,
    currentAll: async () => (await programmes.currentAll()).map((p) => p.doc),
    markUsed: (code, version) => programmes.markUsed(code, version),
    version: (code, version) => programmes.document(code, version),
  };
}

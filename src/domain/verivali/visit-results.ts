/**
 * What a verivali household visit can find (DOMAIN.md §5.3), and what each finding means for the proposal
 * the visit verifies. Pure: the service, the API schemas and the web form all read this table.
 */
import type { Text } from '../errors.ts';
import type { UsulanAction } from '../lifecycle/machines.ts';

export const VISIT_RESULTS = [
  {
    code: 'found_eligible',
    label: { id: 'Ditemukan, layak', en: 'Found, eligible' },
    instrumentRequired: true,
  },
  {
    code: 'not_eligible',
    label: { id: 'Ditemukan, tidak layak', en: 'Found, not eligible' },
    instrumentRequired: true,
  },
  {
    code: 'not_found',
    label: { id: 'Tidak ditemukan', en: 'Not found' },
    instrumentRequired: false,
  },
  { code: 'moved', label: { id: 'Pindah alamat', en: 'Moved away' }, instrumentRequired: false },
  { code: 'deceased', label: { id: 'Meninggal dunia', en: 'Deceased' }, instrumentRequired: false },
] as const satisfies readonly { code: string; label: Text; instrumentRequired: boolean }[];

export type VisitResult = (typeof VISIT_RESULTS)[number]['code'];
export const VISIT_RESULT_CODES = VISIT_RESULTS.map((r) => r.code) as [VisitResult, ...VisitResult[]];

export function visitResult(code: string) {
  return VISIT_RESULTS.find((r) => r.code === code);
}

/** Households seen at the visit: the instrument must be filled in for these results. */
export function needsInstrument(result: VisitResult): boolean {
  return visitResult(result)?.instrumentRequired ?? false;
}

/**
 * The proposal step a finding leads to when the Dinas Sosial accepts the visit. A new household or a
 * correction is verified only when the household was found and eligible; a removal (dikeluarkan) is
 * verified when the visit confirms the household no longer belongs in DTKS, and refused when the visit
 * found it eligible.
 */
export function usulanStepFor(
  kind: 'baru' | 'perbaikan' | 'dikeluarkan',
  result: VisitResult,
): Extract<UsulanAction, 'verify' | 'verify_not_eligible'> {
  if (kind === 'dikeluarkan') return result === 'found_eligible' ? 'verify_not_eligible' : 'verify';
  return result === 'found_eligible' ? 'verify' : 'verify_not_eligible';
}

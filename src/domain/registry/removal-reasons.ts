/**
 * Why a household or person leaves DTKS or a programme (DOMAIN.md §7, seeds 000 and 002), plus a data-error
 * reason for duplicates found during cleaning. Codes are stored with the removal, so never rename one.
 */
import type { Text } from '../errors.ts';

export interface RemovalReason {
  code: string;
  label: Text;
}

export const REMOVAL_REASONS = [
  { code: 'left_dtks', label: { id: 'Keluar dari DTKS', en: 'Left DTKS' } },
  {
    code: 'civil_registry_change',
    label: {
      id: 'Perubahan administrasi kependudukan yang tidak dilaporkan',
      en: 'Unreported change in civil registration',
    },
  },
  {
    code: 'voluntary_withdrawal',
    label: { id: 'Mengundurkan diri secara sukarela', en: 'Voluntary withdrawal' },
  },
  {
    code: 'declared_ineligible',
    label: {
      id: 'Ditidaklayakkan oleh Pemerintah Daerah',
      en: 'Declared ineligible by the local government',
    },
  },
  {
    code: 'objected_not_poor',
    label: {
      id: 'Disanggah oleh masyarakat karena dianggap sudah mampu/tidak miskin',
      en: 'Objected to by the public as no longer poor',
    },
  },
  {
    code: 'no_pkh_component',
    label: {
      id: 'Dalam 1 KK sudah tidak memiliki komponen yang dipersyaratkan (khusus PKH)',
      en: 'The family no longer has a required PKH component (PKH only)',
    },
  },
  {
    code: 'member_earns_umr',
    label: {
      id: 'Dalam 1 KK sudah ada anggota yang memiliki gaji sesuai UMR di perusahaan/instansi',
      en: 'A family member earns a salary at the regional minimum wage (UMR)',
    },
  },
  {
    code: 'economic_improvement',
    label: { id: 'Kondisi ekonomi meningkat', en: 'Economic improvement' },
  },
  {
    code: 'moved_out',
    label: { id: 'Pindah tempat tinggal keluar wilayah', en: 'Moved out of the region' },
  },
  { code: 'deceased', label: { id: 'Meninggal dunia', en: 'Died' } },
  {
    code: 'duplicate_record',
    label: { id: 'Data ganda (kesalahan data)', en: 'Duplicate record (data error)' },
  },
] as const satisfies readonly RemovalReason[];

export type RemovalReasonCode = (typeof REMOVAL_REASONS)[number]['code'];

const byCode = new Map<string, RemovalReason>(REMOVAL_REASONS.map((r) => [r.code, r]));

export function isRemovalReason(code: string): code is RemovalReasonCode {
  return byCode.has(code);
}

export function removalReason(code: string): RemovalReason | undefined {
  return byCode.get(code);
}

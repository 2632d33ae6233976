/**
 * The two non-household registers of DTKS (DOMAIN.md §1): PPKS, people needing social-welfare services
 * (the 26 categories of Permensos 8/2012), and PSKS, social-welfare potentials and resources (workers and
 * institutions). Codes are stored with the records, so never rename one.
 */
import type { Text } from '../errors.ts';

export interface PpksCategory {
  code: string;
  label: Text;
}

export const PPKS_CATEGORIES = [
  { code: 'anak_balita_terlantar', label: { id: 'Anak balita terlantar', en: 'Neglected child under five' } },
  { code: 'anak_terlantar', label: { id: 'Anak terlantar', en: 'Neglected child' } },
  {
    code: 'anak_berhadapan_dengan_hukum',
    label: { id: 'Anak yang berhadapan dengan hukum', en: 'Child in conflict with the law' },
  },
  { code: 'anak_jalanan', label: { id: 'Anak jalanan', en: 'Street child' } },
  {
    code: 'anak_dengan_kedisabilitasan',
    label: { id: 'Anak dengan kedisabilitasan', en: 'Child with a disability' },
  },
  {
    code: 'anak_korban_tindak_kekerasan',
    label: {
      id: 'Anak yang menjadi korban tindak kekerasan atau diperlakukan salah',
      en: 'Child victim of violence or abuse',
    },
  },
  {
    code: 'anak_yang_memerlukan_perlindungan_khusus',
    label: { id: 'Anak yang memerlukan perlindungan khusus', en: 'Child in need of special protection' },
  },
  { code: 'lanjut_usia_terlantar', label: { id: 'Lanjut usia terlantar', en: 'Neglected elderly person' } },
  { code: 'penyandang_disabilitas', label: { id: 'Penyandang disabilitas', en: 'Person with a disability' } },
  { code: 'tuna_susila', label: { id: 'Tuna susila', en: 'Sex worker' } },
  { code: 'gelandangan', label: { id: 'Gelandangan', en: 'Homeless person' } },
  { code: 'pengemis', label: { id: 'Pengemis', en: 'Beggar' } },
  { code: 'pemulung', label: { id: 'Pemulung', en: 'Waste picker' } },
  { code: 'kelompok_minoritas', label: { id: 'Kelompok minoritas', en: 'Minority group' } },
  {
    code: 'bekas_warga_binaan_lembaga_pemasyarakatan',
    label: {
      id: 'Bekas warga binaan lembaga pemasyarakatan (BWBLP)',
      en: 'Former prison inmate',
    },
  },
  {
    code: 'orang_dengan_hiv_aids',
    label: { id: 'Orang dengan HIV/AIDS (ODHA)', en: 'Person living with HIV/AIDS' },
  },
  {
    code: 'korban_penyalahgunaan_napza',
    label: { id: 'Korban penyalahgunaan NAPZA', en: 'Victim of drug and substance abuse' },
  },
  { code: 'korban_trafficking', label: { id: 'Korban trafficking', en: 'Victim of human trafficking' } },
  { code: 'korban_tindak_kekerasan', label: { id: 'Korban tindak kekerasan', en: 'Victim of violence' } },
  {
    code: 'pekerja_migran_bermasalah_sosial',
    label: { id: 'Pekerja migran bermasalah sosial (PMBS)', en: 'Migrant worker with social problems' },
  },
  { code: 'korban_bencana_alam', label: { id: 'Korban bencana alam', en: 'Victim of a natural disaster' } },
  {
    code: 'korban_bencana_sosial',
    label: { id: 'Korban bencana sosial', en: 'Victim of a social disaster' },
  },
  {
    code: 'perempuan_rawan_sosial_ekonomi',
    label: { id: 'Perempuan rawan sosial ekonomi', en: 'Socio-economically vulnerable woman' },
  },
  { code: 'fakir_miskin', label: { id: 'Fakir miskin', en: 'Destitute/poor person' } },
  {
    code: 'keluarga_bermasalah_sosial_psikologis',
    label: { id: 'Keluarga bermasalah sosial psikologis', en: 'Family with social-psychological problems' },
  },
  {
    code: 'komunitas_adat_terpencil',
    label: { id: 'Komunitas adat terpencil', en: 'Remote indigenous community' },
  },
] as const satisfies readonly PpksCategory[];

export type PpksCategoryCode = (typeof PPKS_CATEGORIES)[number]['code'];

export interface PsksKind {
  code: string;
  label: Text;
  /** Institutions (LKS, karang taruna, businesses) are registered as organisations, not as persons. */
  isInstitution: boolean;
}

export const PSKS_KINDS = [
  {
    code: 'pekerja_sosial_masyarakat',
    label: { id: 'Pekerja Sosial Masyarakat (PSM)', en: 'Community social worker (PSM)' },
    isInstitution: false,
  },
  {
    code: 'tksk',
    label: {
      id: 'Tenaga Kesejahteraan Sosial Kecamatan (TKSK)',
      en: 'District social-welfare worker (TKSK)',
    },
    isInstitution: false,
  },
  {
    code: 'pekerja_sosial_profesional',
    label: { id: 'Pekerja sosial profesional', en: 'Professional social worker' },
    isInstitution: false,
  },
  {
    code: 'penyuluh_sosial',
    label: { id: 'Penyuluh sosial', en: 'Social extension worker' },
    isInstitution: false,
  },
  {
    code: 'lembaga_kesejahteraan_sosial',
    label: { id: 'Lembaga Kesejahteraan Sosial (LKS)', en: 'Social-welfare institution (LKS)' },
    isInstitution: true,
  },
  {
    code: 'karang_taruna',
    label: { id: 'Karang Taruna', en: 'Youth organisation (Karang Taruna)' },
    isInstitution: true,
  },
  {
    code: 'wanita_pemimpin_kesejahteraan_sosial',
    label: { id: 'Wanita pemimpin kesejahteraan sosial', en: 'Women social-welfare leader' },
    isInstitution: false,
  },
  { code: 'keluarga_pioner', label: { id: 'Keluarga pioner', en: 'Pioneer family' }, isInstitution: false },
  {
    code: 'dunia_usaha',
    label: {
      id: 'Dunia usaha yang melakukan usaha kesejahteraan sosial',
      en: 'Business engaged in social welfare',
    },
    isInstitution: true,
  },
  {
    code: 'taruna_siaga_bencana',
    label: { id: 'Taruna Siaga Bencana (Tagana)', en: 'Disaster-response youth volunteer (Tagana)' },
    isInstitution: false,
  },
  { code: 'lainnya', label: { id: 'Lainnya', en: 'Other' }, isInstitution: false },
] as const satisfies readonly PsksKind[];

export type PsksKindCode = (typeof PSKS_KINDS)[number]['code'];

const ppksByCode = new Map<string, PpksCategory>(PPKS_CATEGORIES.map((c) => [c.code, c]));
const psksByCode = new Map<string, PsksKind>(PSKS_KINDS.map((k) => [k.code, k]));

export function isPpksCategory(code: string): code is PpksCategoryCode {
  return ppksByCode.has(code);
}

export function ppksCategory(code: string): PpksCategory | undefined {
  return ppksByCode.get(code);
}

export function isPsksKind(code: string): code is PsksKindCode {
  return psksByCode.has(code);
}

export function psksKind(code: string): PsksKind | undefined {
  return psksByCode.get(code);
}

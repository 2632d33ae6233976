/** The pengesahan screens' own strings (Indonesian reference, English translation). */
import type { Text } from '../../../../../src/domain/errors.ts';
import { useI18n, type Vars } from '../../../i18n/index.tsx';

export const id = {
  'nav.pengesahan': 'Pengesahan',
  title: 'Pengesahan kabupaten/kota',
  subtitle: 'Berita Acara Musdes/Muskel yang ditandatangani dan surat pengesahan Bupati/Walikota',
  period: 'Periode',
  state: 'Status',
  'state.none': 'Belum dibuat',
  'state.draft': 'Draf',
  'state.submitted': 'Dikirim',
  'state.returned': 'Dikembalikan',
  'state.determined': 'Ditetapkan',
  open: 'Siapkan pengajuan periode {period}',
  none: 'Belum ada pengajuan untuk periode ini.',
  returned: 'Dikembalikan oleh Pusdatin: {note}',
  'missing.approval_letter': 'Surat pengesahan Bupati/Walikota belum diunggah.',
  'missing.berita_acara': 'Belum ada Berita Acara Musdes/Muskel yang ditandatangani.',
  'letter.title': 'Surat pengesahan Bupati/Walikota',
  'letter.none': 'Belum diunggah.',
  'letter.file': 'Berkas (PDF, JPEG atau PNG, paling besar 10 MB)',
  'letter.upload': 'Unggah surat',
  'letter.view': 'Lihat surat',
  'ba.title': 'Berita Acara yang ditandatangani ({n})',
  'ba.village': 'Desa/kelurahan',
  'ba.heldOn': 'Tanggal musyawarah',
  'ba.signedAt': 'Ditandatangani',
  'ba.scan': 'Pindaian',
  'villages.title': 'Desa/kelurahan tanpa Berita Acara bertanda tangan ({n} dari {total})',
  'villages.all': 'Semua desa/kelurahan sudah memiliki Berita Acara bertanda tangan.',
  'usulan.title': 'Usulan periode ini per status',
  submit: 'Kirim ke Pusdatin',
  submitted: 'Dikirim pada {at}.',
  'overview.title': 'Pengajuan per provinsi dan kabupaten/kota',
  'overview.province': 'Provinsi',
  'overview.regency': 'Kabupaten/kota',
  'overview.regencies': 'Kab/kota',
  'overview.submittedAt': 'Dikirim',
  'overview.all': 'Semua provinsi (yang sudah mulai)',
  'overview.open': 'Buka',
  'return.note': 'Catatan pengembalian',
  'return.button': 'Kembalikan ke kabupaten/kota',
  'detail.back': 'Kembali ke ringkasan nasional',
} as const satisfies Record<string, string>;

export type PengesahanKey = keyof typeof id;

export const en: Record<PengesahanKey, string> = {
  'nav.pengesahan': 'Regency approval',
  title: 'Regency approval (pengesahan)',
  subtitle: "Signed Musdes/Muskel minutes and the regent's/mayor's approval letter",
  period: 'Period',
  state: 'State',
  'state.none': 'Not started',
  'state.draft': 'Draft',
  'state.submitted': 'Submitted',
  'state.returned': 'Returned',
  'state.determined': 'Determined',
  open: 'Prepare the {period} submission',
  none: 'No submission for this period yet.',
  returned: 'Returned by Pusdatin: {note}',
  'missing.approval_letter': "The regent's/mayor's approval letter has not been uploaded.",
  'missing.berita_acara': 'No signed Musdes/Muskel Berita Acara yet.',
  'letter.title': "Regent's/mayor's approval letter",
  'letter.none': 'Not uploaded yet.',
  'letter.file': 'File (PDF, JPEG or PNG, at most 10 MB)',
  'letter.upload': 'Upload the letter',
  'letter.view': 'View the letter',
  'ba.title': 'Signed Berita Acara ({n})',
  'ba.village': 'Village',
  'ba.heldOn': 'Held on',
  'ba.signedAt': 'Signed',
  'ba.scan': 'Scan',
  'villages.title': 'Villages without a signed Berita Acara ({n} of {total})',
  'villages.all': 'Every village has a signed Berita Acara.',
  'usulan.title': "This period's proposals by state",
  submit: 'Submit to Pusdatin',
  submitted: 'Submitted on {at}.',
  'overview.title': 'Submissions per province and regency',
  'overview.province': 'Province',
  'overview.regency': 'Regency',
  'overview.regencies': 'Regencies',
  'overview.submittedAt': 'Submitted',
  'overview.all': 'All provinces (those started)',
  'overview.open': 'Open',
  'return.note': 'Why it is returned',
  'return.button': 'Return to the regency',
  'detail.back': 'Back to the national overview',
};

/** The navigation label, for the shared menu. */
export const PENGESAHAN_NAV: Text = { id: id['nav.pengesahan'], en: en['nav.pengesahan'] };

export function usePengesahanI18n() {
  const i18n = useI18n();
  const dict = i18n.lang === 'en' ? en : id;
  const m = (key: PengesahanKey, vars?: Vars) => {
    const template: string = dict[key];
    return vars
      ? template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole))
      : template;
  };
  return { ...i18n, m };
}

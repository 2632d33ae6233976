/** The penetapan screens' own strings (Indonesian reference, English translation). */
import type { Text } from '../../../../../src/domain/errors.ts';
import { useI18n, type Vars } from '../../../i18n/index.tsx';

export const id = {
  'nav.penetapan': 'Penetapan DTKS',
  title: 'Penetapan DTKS bulanan',
  subtitle: 'Keputusan Menteri Sosial: data DTKS setiap periode, perubahannya, dan SK',
  periods: 'Periode',
  period: 'Periode',
  state: 'Status',
  'state.open': 'Terbuka',
  'state.determined': 'Ditetapkan',
  skNumber: 'Nomor SK',
  households: 'Rumah tangga',
  persons: 'Individu',
  added: 'Baru',
  removed: 'Keluar',
  changed: 'Berubah',
  determinedAt: 'Ditetapkan pada',
  previous: 'Dibandingkan dengan',
  'previous.none': 'penetapan pertama',
  checksum: 'Checksum (SHA-256)',
  empty: 'Belum ada periode yang ditetapkan.',
  'determine.title': 'Tetapkan periode',
  'determine.period': 'Periode yang ditetapkan',
  'determine.hint':
    'Kabupaten/kota yang pengajuannya sudah dikirim menyumbang data terkininya; kabupaten/kota lain memakai data periode sebelumnya.',
  'determine.button': 'Tetapkan…',
  'determine.confirm': 'Tetapkan DTKS periode {period}? Penetapan tidak dapat diubah atau dibatalkan.',
  'determine.yes': 'Ya, tetapkan',
  'determine.cancel': 'Batal',
  'determine.busy': 'Menetapkan… (untuk jutaan rumah tangga ini dapat memakan waktu hingga satu menit)',
  'determine.done': 'DTKS periode {period} ditetapkan: {households} rumah tangga, {persons} individu.',
  'sk.download': 'Unduh SK (PDF)',
  'counts.provinces': 'Jumlah per provinsi',
  'counts.regencies': 'Jumlah per kabupaten/kota',
  'counts.code': 'Kode',
  'counts.name': 'Wilayah',
  'counts.carried': 'data periode sebelumnya (tanpa pengajuan)',
  'counts.filter': 'Provinsi',
  'counts.all': 'Semua provinsi',
  'diff.title': 'Perubahan terhadap periode sebelumnya',
  'diff.change': 'Perubahan',
  'diff.all': 'Semua',
  'diff.region': 'Wilayah (kode)',
  'diff.household': 'Rumah tangga',
  'diff.village': 'Desa/kelurahan',
  'diff.versions': 'Versi',
  'diff.reason': 'Alasan',
  'diff.empty': 'Tidak ada perubahan untuk pilihan ini.',
  'asOf.label': 'DTKS per periode',
  'asOf.current': 'Data terkini',
  'asOf.title': 'Rumah tangga ini dalam DTKS periode {period}',
  'asOf.version': 'Versi {version} (versi terkini {current})',
  'asOf.same': 'Sama dengan data terkini.',
  'asOf.absent': 'Rumah tangga ini tidak termasuk DTKS periode {period}.',
  'asOf.status': 'Status',
  'asOf.address': 'Alamat',
  'asOf.head': 'Kepala rumah tangga',
  'asOf.members': 'Anggota',
  'asOf.name': 'Nama',
  'asOf.nik': 'NIK',
  'asOf.none': 'Belum ada periode yang ditetapkan.',
} as const satisfies Record<string, string>;

export type PenetapanKey = keyof typeof id;

export const en: Record<PenetapanKey, string> = {
  'nav.penetapan': 'DTKS determination',
  title: 'Monthly DTKS determination',
  subtitle: "The Minister's decree: DTKS for each period, what changed, and the SK",
  periods: 'Periods',
  period: 'Period',
  state: 'State',
  'state.open': 'Open',
  'state.determined': 'Determined',
  skNumber: 'SK number',
  households: 'Households',
  persons: 'Persons',
  added: 'Added',
  removed: 'Removed',
  changed: 'Changed',
  determinedAt: 'Determined at',
  previous: 'Compared with',
  'previous.none': 'first determination',
  checksum: 'Checksum (SHA-256)',
  empty: 'No period has been determined yet.',
  'determine.title': 'Determine a period',
  'determine.period': 'Period to determine',
  'determine.hint':
    'Regencies whose submission was sent contribute their current records; other regencies keep their previous period.',
  'determine.button': 'Determine…',
  'determine.confirm': 'Determine DTKS for {period}? A determination cannot be changed or undone.',
  'determine.yes': 'Yes, determine',
  'determine.cancel': 'Cancel',
  'determine.busy': 'Determining… (for millions of households this can take up to a minute)',
  'determine.done': 'DTKS for {period} determined: {households} households, {persons} persons.',
  'sk.download': 'Download the SK (PDF)',
  'counts.provinces': 'Counts per province',
  'counts.regencies': 'Counts per regency',
  'counts.code': 'Code',
  'counts.name': 'Region',
  'counts.carried': 'previous period kept (no submission)',
  'counts.filter': 'Province',
  'counts.all': 'All provinces',
  'diff.title': 'Changes since the previous period',
  'diff.change': 'Change',
  'diff.all': 'All',
  'diff.region': 'Region (code)',
  'diff.household': 'Household',
  'diff.village': 'Village',
  'diff.versions': 'Version',
  'diff.reason': 'Reason',
  'diff.empty': 'No changes for this choice.',
  'asOf.label': 'DTKS as of period',
  'asOf.current': 'Current data',
  'asOf.title': 'This household in DTKS for {period}',
  'asOf.version': 'Version {version} (current version {current})',
  'asOf.same': 'Same as the current data.',
  'asOf.absent': 'This household was not in DTKS for {period}.',
  'asOf.status': 'Status',
  'asOf.address': 'Address',
  'asOf.head': 'Head of household',
  'asOf.members': 'Members',
  'asOf.name': 'Name',
  'asOf.nik': 'NIK',
  'asOf.none': 'No period has been determined yet.',
};

/** The navigation label, for the shared menu. */
export const PENETAPAN_NAV: Text = { id: id['nav.penetapan'], en: en['nav.penetapan'] };

export function usePenetapanI18n() {
  const i18n = useI18n();
  const dict = i18n.lang === 'en' ? en : id;
  const m = (key: PenetapanKey, vars?: Vars) => {
    const template: string = dict[key];
    return vars
      ? template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole))
      : template;
  };
  return { ...i18n, m };
}

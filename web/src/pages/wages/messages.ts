/** Strings of the minimum-wage reference page. */
import type { Dictionary } from '../../i18n/index.tsx';

const id = {
  title: 'Upah minimum regional',
  intro:
    'UMP per provinsi dan UMK per kabupaten/kota per tahun, dalam rupiah per bulan. Dinas Sosial provinsi memperbarui angka provinsinya sesuai SK Gubernur.',
  year: 'Tahun',
  kind: 'Jenis',
  region: 'Wilayah',
  amount: 'Rupiah per bulan',
  decree: 'Dasar penetapan (SK)',
  version: 'Versi',
  none: 'Belum ada angka upah minimum.',
  edit: 'Ubah',
  formTitle: 'Tetapkan angka upah minimum',
  formEdit: 'Ubah {kind} {region} {year}',
  regionCode: 'Kode provinsi (UMP) atau kabupaten/kota (UMK)',
  save: 'Simpan',
  saved: 'Tersimpan: {kind} {region} {year}.',
  cancel: 'Batal',
  'kind.UMP': 'UMP',
  'kind.UMK': 'UMK',
};
type Key = keyof typeof id;

const en: Record<Key, string> = {
  title: 'Regional minimum wages',
  intro:
    "UMP per province and UMK per regency/city per year, in rupiah a month. The provincial social affairs office keeps its province's figures as the governor decrees them.",
  year: 'Year',
  kind: 'Kind',
  region: 'Region',
  amount: 'Rupiah a month',
  decree: 'Decree (SK)',
  version: 'Version',
  none: 'No minimum wage has been entered yet.',
  edit: 'Edit',
  formTitle: 'Set a minimum wage',
  formEdit: 'Edit {kind} {region} {year}',
  regionCode: 'Province (UMP) or regency/city (UMK) code',
  save: 'Save',
  saved: 'Saved: {kind} {region} {year}.',
  cancel: 'Cancel',
  'kind.UMP': 'UMP (province)',
  'kind.UMK': 'UMK (regency/city)',
};

export const messages: Dictionary<Key> = { id, en };

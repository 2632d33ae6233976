/** Strings of the ditidaklayakkan page. */
import type { Dictionary } from '../../i18n/index.tsx';

const id = {
  title: 'Rumah tangga ditidaklayakkan',
  intro:
    'Rumah tangga yang dinyatakan tidak layak oleh Dinas Sosial kabupaten/kota: dikeluarkan dari DTKS, NIK-nya tidak dapat diusulkan dan tidak masuk daftar penerima bansos sampai penetapan itu dicabut.',
  none: 'Tidak ada rumah tangga yang ditidaklayakkan di wilayah Anda.',
  head: 'Kepala keluarga',
  kk: 'Nomor KK',
  village: 'Desa/kelurahan',
  period: 'Periode',
  reason: 'Alasan',
  persons: 'Jiwa',
  declaredAt: 'Ditetapkan',
  lift: 'Cabut',
  liftTitle: 'Cabut penetapan tidak layak: {head} ({kk})',
  liftReason: 'Alasan pencabutan',
  liftConfirm: 'Cabut penetapan',
  cancel: 'Batal',
  lifted: 'Penetapan tidak layak {head} dicabut: {niks} NIK dapat diusulkan kembali.',
};
type Key = keyof typeof id;

const en: Record<Key, string> = {
  title: 'Households declared ineligible',
  intro:
    'Households the regency social affairs office declared ineligible: removed from DTKS, their NIKs cannot be proposed and they are left out of recipient lists until the declaration is lifted.',
  none: 'No household in your territory is declared ineligible.',
  head: 'Head of household',
  kk: 'KK number',
  village: 'Village',
  period: 'Period',
  reason: 'Reason',
  persons: 'People',
  declaredAt: 'Declared',
  lift: 'Lift',
  liftTitle: 'Lift the declaration: {head} ({kk})',
  liftReason: 'Reason for lifting',
  liftConfirm: 'Lift the declaration',
  cancel: 'Cancel',
  lifted: 'The declaration for {head} is lifted: {niks} NIKs may be proposed again.',
};

export const messages: Dictionary<Key> = { id, en };

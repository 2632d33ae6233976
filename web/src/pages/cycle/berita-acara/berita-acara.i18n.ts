/** The kecamatan's Berita Acara screen: its own strings (Indonesian reference, English translation). */
import { useI18n, useText } from '../../../i18n/index.tsx';

export const id = {
  title: 'Berita Acara desa/kelurahan',
  subtitle:
    'Kecamatan menerima Berita Acara Musdes/Muskel yang ditandatangani sebelum kabupaten/kota memasukkannya ke pengesahan',
  period: 'Periode',
  state: 'Status',
  'state.all': 'Semua status',
  'state.pending': 'Menunggu tanda terima',
  'state.acknowledged': 'Diterima',
  'state.returned': 'Dikembalikan ke desa',
  'state.notRequired': 'Tidak perlu tanda terima',
  village: 'Desa/kelurahan',
  district: 'Kecamatan',
  heldOn: 'Tanggal musyawarah',
  signedAt: 'Ditandatangani',
  scan: 'Pindaian',
  action: 'Tindakan',
  count: '{n} Berita Acara',
  none: 'Tidak ada Berita Acara untuk periode dan status ini.',
  notRequired:
    'Kabupaten/kota ini tidak memakai tanda terima kecamatan: Berita Acara langsung masuk pengesahan.',
  previousNote: 'Dikembalikan sebelumnya: {note}',
  acknowledge: 'Terima Berita Acara {name}',
  acknowledgeButton: 'Terima',
  returnNote: 'Catatan untuk desa {name}',
  returnButton: 'Kembalikan ke desa',
  done: '{name}: {state}.',
} as const satisfies Record<string, string>;

export type BeritaAcaraKey = keyof typeof id;

export const en: Record<BeritaAcaraKey, string> = {
  title: "Villages' Berita Acara",
  subtitle:
    "The kecamatan acknowledges signed Musdes/Muskel Berita Acara before the regency's pengesahan counts them",
  period: 'Period',
  state: 'State',
  'state.all': 'All states',
  'state.pending': 'Waiting for acknowledgement',
  'state.acknowledged': 'Acknowledged',
  'state.notRequired': 'No acknowledgement needed',
  'state.returned': 'Returned to the village',
  village: 'Village',
  district: 'District',
  heldOn: 'Held on',
  signedAt: 'Signed',
  scan: 'Scan',
  action: 'Action',
  count: '{n} Berita Acara',
  none: 'No Berita Acara for this period and state.',
  notRequired:
    "This regency does not use the kecamatan's acknowledgement: Berita Acara count for the pengesahan directly.",
  previousNote: 'Returned earlier: {note}',
  acknowledge: 'Acknowledge the Berita Acara of {name}',
  acknowledgeButton: 'Acknowledge',
  returnNote: 'Note for the village {name}',
  returnButton: 'Return to the village',
  done: '{name}: {state}.',
};

export function useBeritaAcaraI18n() {
  return { ...useI18n(), m: useText<BeritaAcaraKey>({ id, en }) };
}

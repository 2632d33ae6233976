/** Strings of the public-check abuse reports page. */
import type { Dictionary } from '../../i18n/index.tsx';

const id = {
  title: 'Laporan penyalahgunaan Cek Bansos',
  intro:
    'Pola mencurigakan pada pemeriksaan publik (Cek Bansos dan WALIM) 7 hari terakhir di wilayah Anda: batas tercapai atau pemeriksaan keamanan gagal. Subjek adalah nama samaran (hash berkunci); NIK tidak pernah disimpan.',
  none: 'Tidak ada laporan penyalahgunaan dalam 7 hari terakhir.',
  hour: 'Jam (UTC)',
  kind: 'Jenis',
  channel: 'Saluran',
  subject: 'Subjek',
  region: 'Wilayah',
  count: 'Jumlah',
  last: 'Terakhir',
  'kind.client_limit': 'Satu klien memeriksa terlalu sering',
  'kind.nik_limit': 'Satu NIK diperiksa terlalu sering',
  'kind.village_limit': 'Satu desa disisir terlalu sering',
  'kind.challenge_failed': 'Pemeriksaan keamanan gagal atau dipakai ulang',
  'channel.web': 'Situs',
  'channel.chat': 'WALIM',
  noRegion: '—',
};
type Key = keyof typeof id;

const en: Record<Key, string> = {
  title: 'Cek Bansos abuse reports',
  intro:
    'Suspicious patterns in the public check (Cek Bansos and WALIM) over the last 7 days in your territory: limits reached or failed security checks. The subject is a pseudonym (keyed hash); NIKs are never stored.',
  none: 'No abuse reports in the last 7 days.',
  hour: 'Hour (UTC)',
  kind: 'Kind',
  channel: 'Channel',
  subject: 'Subject',
  region: 'Region',
  count: 'Count',
  last: 'Last',
  'kind.client_limit': 'One client checking too often',
  'kind.nik_limit': 'One NIK checked too often',
  'kind.village_limit': 'One village swept too often',
  'kind.challenge_failed': 'Security check failed or replayed',
  'channel.web': 'Website',
  'channel.chat': 'WALIM',
  noRegion: '—',
};

export const messages: Dictionary<Key> = { id, en };
export type AbuseKey = Key;

/** Strings of the DCI partner systems page. */
import type { Dictionary } from '../../i18n/index.tsx';

const id = {
  title: 'Mitra DCI',
  intro:
    'Sistem lain (Dukcapil, BPJS, kementerian) yang boleh menanyakan registri melalui API DCI: daftarkan, lihat, cabut.',
  listTitle: 'Mitra terdaftar',
  none: 'Belum ada mitra.',
  clientId: 'ID klien',
  name: 'Nama mitra',
  scopes: 'Hak akses',
  region: 'Wilayah',
  nation: 'Seluruh Indonesia',
  callbackHosts: 'Host callback',
  callbackHint: 'Pisahkan dengan koma, misalnya dci.bpjs.example:443',
  status: 'Status',
  active: 'Aktif',
  revoked: 'Dicabut',
  revoke: 'Cabut',
  confirmRevoke: 'Cabut akses mitra {name}? Tokennya langsung tidak berlaku.',
  addTitle: 'Daftarkan mitra',
  search: 'Pencarian',
  subscribe: 'Langganan peristiwa',
  decile: 'Desil kesejahteraan (cari dan lihat desil rumah tangga)',
  add: 'Daftarkan mitra',
  secretTitle: 'Rahasia klien',
  secretOnce:
    'Salin dan serahkan rahasia ini kepada mitra sekarang: rahasia hanya ditampilkan sekali dan tidak dapat dilihat lagi.',
  done: 'Sudah disalin',
};
type Key = keyof typeof id;

const en: Record<Key, string> = {
  title: 'DCI partners',
  intro:
    'Other systems (Dukcapil, BPJS, ministries) that may ask the registry through the DCI API: register, review, revoke.',
  listTitle: 'Registered partners',
  none: 'No partner yet.',
  clientId: 'Client id',
  name: 'Partner name',
  scopes: 'Scopes',
  region: 'Region',
  nation: 'All of Indonesia',
  callbackHosts: 'Callback hosts',
  callbackHint: 'Separate with commas, e.g. dci.bpjs.example:443',
  status: 'Status',
  active: 'Active',
  revoked: 'Revoked',
  revoke: 'Revoke',
  confirmRevoke: 'Revoke partner {name}? Its tokens stop working at once.',
  addTitle: 'Register a partner',
  search: 'Search',
  subscribe: 'Event subscriptions',
  decile: 'Welfare deciles (search and see households’ deciles)',
  add: 'Register the partner',
  secretTitle: 'Client secret',
  secretOnce:
    'Copy this secret and hand it to the partner now: it is shown only once and cannot be seen again.',
  done: 'Copied',
};

export const messages: Dictionary<Key> = { id, en };

/**
 * Why a staff screen reads or changes records: the web app sends its screen's purpose with every API call
 * (`X-Purpose`, web/src/lib/purpose.ts) and the audit log keeps it; a citizen sees it in "who read my data"
 * (issue 14). In Indonesian, the language of the record and of the citizen reading it. Here, not in the web
 * app, so that work done on a screen's behalf elsewhere (the demo seed walking the screens) states the
 * same purpose the screen would.
 */
export const SCREEN_PURPOSES: [prefix: string, purpose: string][] = [
  ['/citizen-accounts', 'Verifikasi akun warga'],
  ['/reports', 'Penanganan laporan/pengaduan warga'],
  ['/cycle/usulan', 'Pengelolaan usulan pemutakhiran DTKS'],
  ['/cycle/musdes', 'Musyawarah desa/kelurahan (Musdes/Muskel)'],
  ['/cycle/verivali', 'Verifikasi dan validasi lapangan'],
  ['/cycle/dukcapil', 'Pencocokan data dengan Dukcapil'],
  ['/cycle/berita-acara', 'Pemeriksaan berita acara Musdes/Muskel'],
  ['/cycle/pengesahan', 'Pengesahan data DTKS'],
  ['/cycle/penetapan', 'Penetapan DTKS'],
  ['/cycle', 'Siklus pemutakhiran DTKS'],
  ['/households', 'Pengelolaan data rumah tangga DTKS'],
  ['/duplicates', 'Pemeriksaan kemungkinan data ganda'],
  ['/ppks', 'Pengelolaan data PPKS'],
  ['/psks', 'Pengelolaan data PSKS'],
  ['/transfer', 'Impor/ekspor data DTKS'],
  ['/jobs', 'Impor/ekspor data DTKS'],
  ['/audit', 'Pemeriksaan jejak audit'],
  ['/ranking', 'Pemeringkatan kesejahteraan'],
  ['/ineligible', 'Penetapan rumah tangga tidak layak (ditidaklayakkan)'],
  ['/bundles', 'Pertukaran paket data .siks dengan instalasi tanpa koneksi'],
  ['/dci-partners', 'Pengelolaan mitra API DCI'],
  ['/recipients', 'Penetapan penerima bansos'],
  ['/distribution', 'Penyaluran bansos'],
  ['/targeting', 'Analitik ketepatan sasaran'],
  ['/aid-sources', 'Pemadanan sumber bansos dan subsidi'],
  ['/sanggah', 'Penanganan sanggahan warga'],
  ['/programmes', 'Pengelolaan program bansos'],
];

/** The purpose of the screen at `path` (the address bar's path). */
export function purposeOfPath(path: string): string {
  for (const [prefix, purpose] of SCREEN_PURPOSES) {
    if (path === prefix || path.startsWith(`${prefix}/`)) return purpose;
  }
  return path === '/' ? 'Ringkasan pekerjaan petugas' : 'Pekerjaan petugas DTKS';
}

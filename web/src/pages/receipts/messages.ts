/** Strings of the point officer's phone page (scan an invitation, record the receipt, offline queue). */
import type { Dictionary } from '../../i18n/index.tsx';

const id = {
  title: 'Penerimaan bantuan',
  intro: 'Pindai kode QR undangan KPM, periksa datanya, lalu catat penerimaan dengan foto dan tanda tangan.',
  camera: 'Pindai dengan kamera',
  stopCamera: 'Hentikan kamera',
  upload: 'Unggah foto kode QR',
  noQr: 'Kode QR tidak terbaca pada gambar ini. Coba foto yang lebih jelas.',
  noCamera: 'Kamera tidak dapat dibuka; unggah foto kode QR.',
  kpm: 'Data KPM',
  kk: 'No. KK',
  head: 'Kepala keluarga',
  address: 'Alamat',
  amount: 'Bantuan',
  packages: '{n} paket',
  tranche: 'Tahap {n}',
  received: 'Sudah diterima pada {at}.',
  stopped: 'Penerima ini dihentikan; bantuan tidak dapat diserahkan.',
  notAccepted:
    'Data KPM ini belum diterima PT Pos (batch masih dalam pemadanan atau datanya dikembalikan); bantuan belum dapat diserahkan.',
  offlineScan:
    'Tidak tersambung: tanda tangan kode QR sudah diperiksa di perangkat ini; data KPM lengkap diperiksa saat sinkron.',
  offlineUnchecked:
    'Tidak tersambung dan kunci pemeriksa belum tersimpan di perangkat ini: kode QR belum dapat diperiksa; diperiksa saat sinkron.',
  offlineInvalid:
    'Kode QR tidak sah (diperiksa di perangkat): tanda tangannya tidak cocok, isinya diubah, atau masa berlakunya habis. Penerimaan tidak dapat dicatat.',
  photo: 'Foto penerima dengan bantuan',
  signature: 'Tanda tangan penerima',
  clear: 'Hapus tanda tangan',
  representative: 'Diterima oleh wakil',
  repName: 'Nama wakil',
  proof: 'Dokumen kuasa / bukti wakil',
  confirm: 'Catat penerimaan',
  done: 'Penerimaan tercatat.',
  queued: 'Tidak tersambung: penerimaan disimpan di antrean perangkat dan dikirim saat tersambung.',
  queue: 'Antrean perangkat: {n}',
  sync: 'Kirim antrean sekarang',
  told: 'Sudah diterima sebelumnya pada {at} (titik {point}); catatan perangkat ini tidak dipakai.',
  next: 'Pindai berikutnya',
};

type Key = keyof typeof id;

const en: Record<Key, string> = {
  title: 'Receipt of aid',
  intro:
    "Scan the KPM's invitation QR code, check the data, then record the receipt with a photo and signature.",
  camera: 'Scan with the camera',
  stopCamera: 'Stop the camera',
  upload: 'Upload a photo of the QR code',
  noQr: 'No QR code could be read in this image. Try a sharper photo.',
  noCamera: 'The camera cannot be opened; upload a photo of the QR code.',
  kpm: 'KPM',
  kk: 'KK number',
  head: 'Head of household',
  address: 'Address',
  amount: 'Aid',
  packages: '{n} packages',
  tranche: 'Tranche {n}',
  received: 'Already received at {at}.',
  stopped: 'This recipient is stopped; the aid cannot be handed over.',
  notAccepted:
    "This KPM's record is not accepted by PT Pos yet (the batch is still being cleaned, or the record was returned); the aid cannot be handed over yet.",
  offlineScan:
    "Offline: the QR code's signature was checked on this device; the full KPM record is checked when syncing.",
  offlineUnchecked:
    'Offline, and the checking key is not kept on this device yet: the QR code cannot be checked now; it is checked when syncing.',
  offlineInvalid:
    'Invalid QR code (checked on this device): its signature does not match, it was altered, or it has expired. No receipt can be recorded.',
  photo: 'Photo of the recipient with the aid',
  signature: "Recipient's signature",
  clear: 'Clear the signature',
  representative: 'Received by a representative',
  repName: "Representative's name",
  proof: "Representative's proof document",
  confirm: 'Record the receipt',
  done: 'Receipt recorded.',
  queued: 'Offline: the receipt is kept in the device queue and sent once connected.',
  queue: 'Device queue: {n}',
  sync: 'Send the queue now',
  told: 'Already received earlier at {at} (point {point}); this device’s record is not used.',
  next: 'Scan the next one',
};

export const messages: Dictionary<Key> = { id, en };

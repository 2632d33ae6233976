/**
 * The one catalogue of what DTKS tells its users: every error and warning code with its Indonesian and English
 * text, and the labels those texts name (`{what} not found`). The API, the CLI and the web app all render from
 * here, so a code has exactly one text. Texts carry named parameters in braces (`{nik}`); the parameter names
 * are read from the texts by the type system, so a call that forgets or misspells one does not compile.
 * Pure: no I/O, runs in the browser too. `docs/errors.md` is generated from this file (scripts/error-docs.ts).
 */

/** The two languages of every text. */
export type Lang = 'id' | 'en';

export interface Text {
  id: string;
  en: string;
}

/** A parameter's value: a Text is shown in the reader's language, anything else as it is. */
export type ParamValue = string | number | Text;

type ParamNames<S extends string> = S extends `${string}{${infer P}}${infer Rest}`
  ? P | ParamNames<Rest>
  : never;

type Table = Record<string, Text>;

/** The parameters one entry of a table needs, e.g. `{ nik: string }`; `{}` when it needs none. */
export type ParamsOf<T extends Table, K extends keyof T> = {
  [P in ParamNames<T[K]['en']> | ParamNames<T[K]['id']>]: ParamValue;
};

/** `[params]` when the entry has parameters, `[params?]` when it has none. */
export type ArgsOf<T extends Table, K extends keyof T> = [ParamNames<T[K]['en']>] extends [never]
  ? [params?: Record<string, never>]
  : [params: ParamsOf<T, K>];

/** Every error and warning code with its texts, sorted by code. */
export const MESSAGES = {
  'access.forbidden': {
    id: 'Peran {role} tidak berwenang untuk {permission}',
    en: 'Role {role} may not {permission}',
  },
  'acknowledgement.invalid_transition': {
    id: 'Langkah "{action}" tidak dapat dilakukan dari status "{state}". Langkah yang mungkin: {allowed}',
    en: 'Action "{action}" is not possible from state "{state}". Possible: {allowed}',
  },
  'acknowledgement.not_used': {
    id: 'Kabupaten/kota ini tidak memakai tanda terima kecamatan atas Berita Acara',
    en: "This regency does not use the kecamatan's acknowledgement of Berita Acara",
  },
  'acknowledgement.role_not_allowed': {
    id: 'Peran {role} tidak berwenang melakukan "{action}"',
    en: 'Role {role} may not take action "{action}"',
  },
  'aid_source.duplicate_line': {
    id: 'Penerima ini sudah ada di baris {firstLine} berkas yang sama',
    en: 'This beneficiary already appears on line {firstLine} of the same file',
  },
  'aid_source.empty': {
    id: 'Berkas CSV kosong (tidak ada baris judul)',
    en: 'The CSV file is empty (no header row)',
  },
  'aid_source.header_unreadable': {
    id: 'Baris judul tidak terbaca: {reason}',
    en: 'The header row cannot be read: {reason}',
  },
  'aid_source.import_incomplete': {
    id: 'Impor daftar ini tidak selesai (terputus); unggah ulang berkasnya',
    en: 'This list was not imported to its end (it was interrupted); upload the file again',
  },
  'aid_source.invalid_name': {
    id: 'Nama sumber wajib diisi, paling banyak 120 karakter, tanpa karakter kontrol',
    en: 'The source name is required, at most 120 characters, without control characters',
  },
  'aid_source.no_identifier': {
    id: 'Baris tanpa NIK maupun nomor KK: isi salah satunya',
    en: 'The line has neither a NIK nor a KK number: give at least one',
  },
  'aid_source.no_identifier_column': {
    id: 'Baris judul harus memuat kolom nik dan/atau kk_number',
    en: 'The header row must have a nik and/or a kk_number column',
  },
  'aid_source.region_outside': {
    id: 'Wilayah {code} di luar wilayah daftar ini ({territory})',
    en: 'Region {code} lies outside the territory of this list ({territory})',
  },
  'aid_source.unknown_region': {
    id: 'Kode wilayah {code} tidak dikenal',
    en: 'Unknown region code {code}',
  },
  'attachment.empty': {
    id: 'Berkas kosong: kirim berkasnya sebagai isi permintaan (Content-Type {types})',
    en: 'The file is empty: send it as the request body (Content-Type {types})',
  },
  'attachment.image_unreadable': {
    id: 'Berkas ini bukan gambar {detected} yang utuh (tidak dapat dibuka); unggah ulang foto aslinya',
    en: 'This file is not a complete {detected} image (it does not decode); upload the original photo again',
  },
  'attachment.interrupted': {
    id: 'Unggahan terputus sebelum selesai; tidak ada yang disimpan',
    en: 'The upload was interrupted before it finished; nothing was stored',
  },
  'attachment.invalid_kind': {
    id: 'Jenis lampiran {kind} tidak diterima di sini; yang diterima: {allowed}',
    en: 'Attachment kind {kind} is not accepted here; accepted: {allowed}',
  },
  'attachment.pdf_active_content': {
    id: 'PDF ini memuat konten aktif ({names}: JavaScript, tindakan otomatis, program, berkas sisipan, media, atau formulir XFA) dan tidak diterima. Cetak ulang sebagai PDF biasa ("Print to PDF") atau pindai ulang dokumennya.',
    en: 'This PDF contains active content ({names}: JavaScript, automatic actions, programs, embedded files, media or XFA forms) and is not accepted. Print it again as a plain PDF ("Print to PDF") or scan the document again.',
  },
  'attachment.pdf_unreadable': {
    id: 'Isi PDF ini tidak dapat diperiksa ({detail}), misalnya karena terenkripsi atau rusak, sehingga tidak diterima. Cetak ulang sebagai PDF biasa atau pindai ulang dokumennya.',
    en: "This PDF's content cannot be checked ({detail}), e.g. because it is encrypted or damaged, so it is not accepted. Print it again as a plain PDF or scan the document again.",
  },
  'attachment.too_large': {
    id: 'Berkas melebihi batas {mib} MiB',
    en: 'File exceeds the {mib} MiB limit',
  },
  'attachment.type_mismatch': {
    id: 'Nama berkas berakhiran .{ext} tetapi isinya {detected}',
    en: 'The file name ends in .{ext} but its content is {detected}',
  },
  'attachment.type_not_allowed': {
    id: 'Jenis berkas {type} tidak diterima untuk {kind}; yang diterima: {accepted}',
    en: 'File type {type} is not accepted for {kind}; accepted: {accepted}',
  },
  'audit.checkpoint_invalid': {
    id: 'Berkas checkpoint audit tidak dapat dibaca: {reason}',
    en: 'The audit checkpoint file cannot be read: {reason}',
  },
  'auth.cross_origin': {
    id: 'Permintaan ini harus dikirim dari aplikasi DTKS sendiri (asal permintaan tidak sesuai)',
    en: 'This request must come from the DTKS app itself (its origin does not match)',
  },
  'auth.invalid_credentials': {
    id: 'Nama pengguna atau kata sandi salah',
    en: 'Wrong username or password',
  },
  'auth.locked': {
    id: 'Terlalu banyak percobaan gagal dari alamat ini. Coba lagi setelah {until}.',
    en: 'Too many failed attempts from this address. Try again after {until}.',
  },
  'auth.required': {
    id: 'Silakan masuk terlebih dahulu (sesi tidak ada atau kedaluwarsa)',
    en: 'Please log in first (no session, or it expired)',
  },
  'backup.blobs_missing': {
    id: '{count} berkas lampiran yang dirujuk basis data tidak ada di {root} (mis. {example}); cadangan tidak dibuat',
    en: '{count} attachment file(s) the database refers to are missing from {root} (e.g. {example}); no backup was written',
  },
  'backup.file_refused': {
    id: 'Berkas cadangan ditolak, tidak ada yang diubah: {reason}',
    en: 'Backup file refused, nothing was changed: {reason}',
  },
  'backup.out_folder_missing': {
    id: 'Folder {folder} tidak ada; tidak ada yang ditulis',
    en: 'The folder {folder} does not exist; nothing was written',
  },
  'backup.pg_dump_failed': {
    id: 'pg_dump gagal (kode {code}): {output}',
    en: 'pg_dump failed (exit code {code}): {output}',
  },
  'backup.pg_restore_failed': {
    id: 'pg_restore gagal (kode {code}): {output}',
    en: 'pg_restore failed (exit code {code}): {output}',
  },
  'backup.pg_tool_missing': {
    id: '{tool} tidak ditemukan: pasang alat klien PostgreSQL (paket postgresql-client, versi sama dengan server atau lebih baru) atau tunjuk dengan {setting}',
    en: "{tool} was not found: install the PostgreSQL client tools (package postgresql-client, the server's version or newer) or point {setting} at it",
  },
  'backup.target_has_other_tables': {
    id: 'Basis data tujuan memiliki tabel yang tidak ada di cadangan ({tables}); tidak ada yang diubah. Pulihkan ke basis data kosong (createdb)',
    en: 'The target database has tables the backup does not ({tables}); nothing was changed. Restore into an empty database (createdb)',
  },
  'backup.target_not_empty': {
    id: 'Basis data tujuan berisi data ({tables}); tidak ada yang diubah. Pakai --force untuk menimpanya',
    en: 'The target database holds data ({tables}); nothing was changed. Use --force to overwrite it',
  },
  'bundle.key_exists': {
    id: 'Kunci {fingerprint} sudah terdaftar sebagai "{name}"',
    en: 'Key {fingerprint} is already registered as "{name}"',
  },
  'bundle.key_invalid': {
    id: 'Kunci publik tidak dapat dibaca: berikan kunci Ed25519 dalam bentuk PEM (SPKI) atau base64 DER',
    en: 'The public key cannot be read: give an Ed25519 key as PEM (SPKI) or base64 DER',
  },
  'bundle.manifest_invalid': {
    id: 'Berkas manifest.json paket tidak sah ({reason})',
    en: "The bundle's manifest.json is not valid ({reason})",
  },
  'bundle.not_a_bundle': {
    id: 'Berkas ini bukan paket .siks yang dapat dibaca ({reason})',
    en: 'This file is not a readable .siks bundle ({reason})',
  },
  'bundle.part_added': {
    id: 'Bagian {part} tidak tercantum di manifest: paket telah diubah',
    en: 'Part {part} is not listed in the manifest: the bundle was altered',
  },
  'bundle.part_changed': {
    id: 'Isi bagian {part} tidak sama dengan yang ditandatangani (ukuran atau SHA-256 berbeda): paket telah diubah',
    en: 'The content of part {part} differs from what was signed (size or SHA-256): the bundle was altered',
  },
  'bundle.part_removed': {
    id: 'Bagian {part} tercantum di manifest tetapi tidak ada di paket: paket telah diubah',
    en: 'Part {part} is listed in the manifest but missing from the bundle: the bundle was altered',
  },
  'bundle.record_invalid': {
    id: 'Baris {line} bagian {part} tidak dapat dibaca',
    en: 'Line {line} of part {part} cannot be read',
  },
  'bundle.record_outside': {
    id: 'Rumah tangga di wilayah {region} berada di luar wilayah paket atau wilayah Anda',
    en: 'The household in region {region} is outside the bundle’s territory or yours',
  },
  'bundle.record_schema': {
    id: 'Baris {line} bagian {part} bukan data rumah tangga yang sah ({field})',
    en: 'Line {line} of part {part} is not a valid household record ({field})',
  },
  'bundle.replay_older': {
    id: 'Paket ini dibuat {createdAt}, sebelum paket dari sumber yang sama yang sudah diimpor ({newest}): tidak diimpor agar data lama tidak menimpa yang baru',
    en: 'This bundle was made at {createdAt}, before a bundle from the same source already imported ({newest}): refused so older data cannot overwrite newer',
  },
  'bundle.revoked_key': {
    id: 'Paket ditandatangani kunci "{name}" ({fingerprint}) yang sudah dicabut',
    en: 'The bundle is signed by key "{name}" ({fingerprint}), which has been revoked',
  },
  'bundle.signature_invalid': {
    id: 'Tanda tangan paket tidak cocok dengan manifest: paket telah diubah atau rusak',
    en: "The bundle's signature does not match its manifest: the bundle was altered or damaged",
  },
  'bundle.territory_importer': {
    id: 'Paket untuk wilayah {territory} berada di luar wilayah Anda',
    en: 'The bundle covers region {territory}, outside your territory',
  },
  'bundle.territory_key': {
    id: 'Paket untuk wilayah {territory} berada di luar wilayah yang dipercayakan kepada kunci "{name}"',
    en: 'The bundle covers region {territory}, outside the territory trusted to key "{name}"',
  },
  'bundle.field_changes_online': {
    id: 'Perubahan lapangan dari basis data sendiri hanya diekspor oleh instalasi luring (INSTALLATION_MODE=offline); berikan berkas perubahan',
    en: 'Field changes are exported from its own database only by an offline installation (INSTALLATION_MODE=offline); give a changes file',
  },
  'bundle.working_set_online': {
    id: 'Paket data kerja hanya diimpor oleh instalasi luring (INSTALLATION_MODE=offline)',
    en: 'A working-set bundle is imported only by an offline installation (INSTALLATION_MODE=offline)',
  },
  'bundle.untrusted_key': {
    id: 'Paket ditandatangani kunci {fingerprint} yang tidak terdaftar sebagai kunci tepercaya',
    en: 'The bundle is signed by key {fingerprint}, which is not a trusted key',
  },
  'chain.invalid_days': {
    id: 'Jumlah hari harus bilangan bulat 1 sampai {max}, atau kosong (tidak diteruskan otomatis)',
    en: 'The number of days must be a whole number from 1 to {max}, or empty (never forwarded automatically)',
  },
  'chain.wrong_level': {
    id: 'Tanda terima kecamatan diatur per kabupaten/kota; penelaahan provinsi diatur per provinsi',
    en: 'The kecamatan acknowledgement is set per regency; the province review per province',
  },
  'citizen.channel_unavailable': {
    id: 'Kode hanya dapat dikirim lewat: {channels}',
    en: 'Codes can only be sent by: {channels}',
  },
  'citizen.code_invalid': {
    id: 'Kode salah, sudah dipakai, atau kedaluwarsa. Periksa kode terakhir yang dikirim atau minta kode baru.',
    en: 'The code is wrong, already used or expired. Check the last code sent, or ask for a new one.',
  },
  'citizen.contact_unconfirmed': {
    id: 'Konfirmasi dulu nomor HP atau email Anda dengan kode yang dikirim',
    en: 'Confirm your phone number or e-mail with the code sent to it first',
  },
  'citizen.document_locked': {
    id: 'Foto tidak dapat diganti lagi: akun sudah diputuskan oleh desa',
    en: 'The photos can no longer be replaced: the village has decided on the account',
  },
  'citizen.documents_missing': {
    id: 'Akun belum dapat diverifikasi: {missing} belum diunggah warga',
    en: 'The account cannot be verified yet: the citizen has not uploaded {missing}',
  },
  'citizen.invalid_credentials': {
    id: 'NIK/email atau kata sandi salah',
    en: 'Wrong NIK/e-mail or password',
  },
  'citizen.invalid_transition': {
    id: 'Langkah {step} tidak mungkin untuk akun berstatus {state}',
    en: 'Step {step} is not possible for an account in state {state}',
  },
  'citizen.not_in_registry': {
    id: 'NIK Anda belum tercatat di DTKS, jadi belum ada data yang dapat diperbaiki',
    en: 'Your NIK is not in DTKS, so there is no record to correct yet',
  },
  'citizen.not_verified': {
    id: 'Akun Anda belum diverifikasi oleh desa/kelurahan',
    en: 'Your account has not been verified by the village yet',
  },
  'citizen.session_required': {
    id: 'Silakan masuk ke akun warga terlebih dahulu (sesi tidak ada atau kedaluwarsa)',
    en: 'Please log in to your citizen account first (no session, or it expired)',
  },
  'citizen.username_invalid': {
    id: 'Nama pengguna 3–30 karakter: huruf kecil, angka, titik, garis bawah atau tanda hubung',
    en: 'Username of 3–30 characters: lower-case letters, digits, dot, underscore or hyphen',
  },
  'citizen.username_taken': {
    id: 'Nama pengguna ini sudah dipakai, pilih yang lain',
    en: 'This username is taken, choose another',
  },
  'cli.invalid_limit': {
    id: '--limit harus bilangan bulat positif',
    en: '--limit must be a positive whole number',
  },
  'csv.duplicate_column': {
    id: 'Kolom "{name}" muncul dua kali di baris judul (kolom ke-{seen} dan ke-{i})',
    en: 'Column "{name}" appears twice in the header row (columns {seen} and {i})',
  },
  'csv.empty': {
    id: 'Berkas CSV kosong (tidak ada baris judul)',
    en: 'The CSV file is empty (no header row)',
  },
  'csv.empty_column_name': {
    id: 'Kolom ke-{i} di baris judul tidak bernama',
    en: 'Column {i} of the header row has no name',
  },
  'csv.field_count': {
    id: 'Baris berisi {fieldsCount} nilai, padahal baris judul berisi {width} kolom (cek koma atau kolom yang hilang)',
    en: 'The row has {fieldsCount} values but the header has {width} columns (check for a missing column or a stray comma)',
  },
  'csv.header_mismatch': {
    id: 'Baris judul (baris 1) tidak sesuai format CSV rumah tangga — {parts}',
    en: 'The header row (line 1) does not match the household CSV format — {parts}',
  },
  'csv.header_unreadable': {
    id: 'Baris judul (baris {line}) tidak terbaca: {message}',
    en: 'The header row (line {line}) cannot be read: {message}',
  },
  'csv.household_mismatch': {
    id: 'Nilai "{mine}" berbeda dengan baris {line} ("{theirs}"); kolom rumah tangga harus sama di setiap baris anggota',
    en: 'Value "{mine}" differs from line {line} ("{theirs}"); household columns must be the same on every member row',
  },
  'csv.invalid_date': {
    id: '"{value}" bukan tanggal dengan format YYYY-MM-DD (contoh 1980-01-15)',
    en: '"{value}" is not a date in YYYY-MM-DD form (e.g. 1980-01-15)',
  },
  'csv.invalid_sex': {
    id: '"{value}" tidak valid; isi M (laki-laki) atau F (perempuan)',
    en: '"{value}" is not valid; use M (male) or F (female)',
  },
  'csv.invalid_utf8': {
    id: 'Teks bukan UTF-8 yang sah; simpan berkas sebagai CSV UTF-8',
    en: 'Text is not valid UTF-8; save the file as CSV UTF-8',
  },
  'csv.line_too_long': {
    id: 'Baris lebih dari {max} karakter; mungkin pemisah baris salah',
    en: 'Line longer than {max} characters; the line separator may be wrong',
  },
  'csv.malformed': {
    id: 'Baris CSV tidak terbaca: {detail}',
    en: 'Unreadable CSV record: {detail}',
  },
  'csv.malformed_quote': {
    id: 'Tanda kutip salah tempat: apit seluruh nilai dengan kutip dan tulis ganda ("") kutip di dalamnya',
    en: 'A quote is misplaced: quote the whole value and double ("") the quotes inside it',
  },
  'csv.missing_column': {
    id: 'Kolom wajib "{name}" tidak ada di baris judul',
    en: 'Required column "{name}" is missing from the header row',
  },
  'csv.not_a_flag': {
    id: '"{value}" tidak valid; isi 1 (ya), 0 (tidak) atau kosongkan',
    en: '"{value}" is not valid; use 1 (yes), 0 (no) or leave it empty',
  },
  'csv.not_a_number': {
    id: '"{value}" bukan angka desimal; pemisah desimal adalah titik (contoh -7.3612)',
    en: '"{value}" is not a decimal number; the decimal separator is a dot (e.g. -7.3612)',
  },
  'csv.not_a_whole_number': {
    id: '"{value}" bukan bilangan bulat{note}',
    en: '"{value}" is not a whole number{note}',
  },
  'csv.required': {
    id: 'Wajib diisi',
    en: 'A value is required',
  },
  'csv.unclosed_quote': {
    id: 'Tanda kutip (") dibuka tetapi tidak ditutup pada baris ini',
    en: 'A quote (") is opened but not closed on this line',
  },
  'csv.unknown_column': {
    id: 'Kolom tidak dikenal "{name}" di baris judul{hint}',
    en: 'Unknown column "{name}" in the header row{hint}',
  },
  'dci.callback_failed': {
    id: 'Callback DCI ke {host} tidak terkirim setelah {attempts} percobaan: {reason}',
    en: 'The DCI callback to {host} was not delivered after {attempts} attempts: {reason}',
  },
  'dci.callback_refused': {
    id: 'Callback DCI ke {host} tidak dikirim: {reason}',
    en: 'The DCI callback to {host} was not sent: {reason}',
  },
  'dci.callback_host_invalid': {
    id: 'Host callback {host} tidak dapat dipakai: {reason}',
    en: 'Callback host {host} cannot be used: {reason}',
  },
  'dci.partner_exists': {
    id: 'Client id {clientId} sudah dipakai; pilih yang lain',
    en: 'Client id {clientId} is already taken; choose another',
  },
  'dci.partner_key_invalid': {
    id: 'Kunci publik (JWK) mitra tidak dapat dibaca: {reason}',
    en: 'The partner public key (JWK) cannot be read: {reason}',
  },
  'dci.partner_unknown': {
    id: 'Sistem mitra DCI {clientId} tidak terdaftar',
    en: 'DCI partner system {clientId} is not registered',
  },
  'distribution.accept_pending': {
    id: 'Batch belum dapat diterima: {returned} data KPM masih dikembalikan dan menunggu dilengkapi Dinas Sosial.',
    en: 'The batch cannot be accepted yet: {returned} KPM records are still returned, waiting for the Dinas Sosial to complete them.',
  },
  'distribution.already_received': {
    id: 'Bantuan ini sudah diterima pada {receivedAt}; penerimaan kedua ditolak.',
    en: 'This entitlement was already received at {receivedAt}; a second receipt is refused.',
  },
  'distribution.batch_exists': {
    id: 'Batch penyaluran {programme} periode {period} untuk {regency} sudah ada.',
    en: 'The {programme} distribution batch of period {period} for {regency} already exists.',
  },
  'distribution.batch_not_accepted': {
    id: 'Surat undangan baru dapat dibuat setelah PT Pos menerima batch (pemadanan selesai).',
    en: 'Invitation letters can be made only once PT Pos has accepted the batch (cleaning done).',
  },
  'distribution.batch_state': {
    id: 'Langkah ini tidak dapat dilakukan pada batch berstatus "{state}".',
    en: 'This step is not possible on a batch in state "{state}".',
  },
  'distribution.coverage_invalid': {
    id: 'Cakupan titik salur tidak valid: desa harus di kecamatan titik, RW/RT berupa angka, RT hanya untuk satu RW.',
    en: "Invalid point coverage: villages must lie in the point's kecamatan, RW/RT are numbers, RTs only for exactly one RW.",
  },
  'distribution.evidence_invalid': {
    id: 'Berkas bukti tidak dapat dibaca: kirim berkasnya dalam base64.',
    en: 'The evidence file cannot be read: send it base64-encoded.',
  },
  'distribution.evidence_missing': {
    id: 'Bukti penerimaan kurang: foto penerima, dan tanda tangan penerima atau nama wakil dengan dokumen kuasa.',
    en: "Proof of receipt is incomplete: a photo, and the recipient's signature or a representative's name with a proof document.",
  },
  'distribution.invalid_qr': {
    id: 'Kode QR undangan tidak sah: tanda tangannya tidak cocok, isinya diubah, atau bantuannya tidak ada lagi.',
    en: 'The invitation QR code is invalid: its signature does not match, it was altered, or its entitlement no longer exists.',
  },
  'distribution.invalid_record_state': {
    id: 'Langkah "{step}" tidak dapat dilakukan pada data KPM berstatus "{state}".',
    en: 'Step "{step}" is not possible on a KPM record in state "{state}".',
  },
  'distribution.move_received': {
    id: 'KPM ini sudah menerima bantuan di titik salurnya; titiknya tidak dapat dipindahkan lagi.',
    en: 'This KPM has already received aid at its point; the point can no longer be changed.',
  },
  'distribution.not_approved': {
    id: 'Belum ada penerima {programme} yang disetujui untuk periode {period} di {regency}.',
    en: 'There are no approved {programme} recipients for period {period} in {regency}.',
  },
  'distribution.not_accepted': {
    id: 'Data KPM ini belum diterima PT Pos (batch masih dalam pemadanan, atau datanya dikembalikan untuk dilengkapi); penerimaan bantuan ditolak.',
    en: "This KPM's record is not accepted by PT Pos yet (the batch is still being cleaned, or the record was returned for completion); the receipt is refused.",
  },
  'distribution.not_in_kind': {
    id: 'Stok paket hanya dicatat untuk batch bantuan barang (non-tunai).',
    en: 'Package stock is only recorded for in-kind batches.',
  },
  'distribution.outside_schedule': {
    id: 'Penerimaan di luar jadwal titik salur (atau KPM belum dipetakan ke titik salur).',
    en: "The receipt is outside the distribution point's schedule (or the KPM is not mapped to a point yet).",
  },
  'distribution.outside_territory': {
    id: 'Undangan ini untuk wilayah di luar wilayah kerja Anda.',
    en: 'This invitation belongs to a region outside your territory.',
  },
  'distribution.point_elsewhere': {
    id: 'Titik salur ini tidak berada di kabupaten/kota batch.',
    en: "This distribution point is not in the batch's regency.",
  },
  'distribution.received_at_invalid': {
    id: 'Waktu penerimaan tidak valid atau di masa depan.',
    en: 'The time of receipt is invalid or in the future.',
  },
  'distribution.recipient_stopped': {
    id: 'Penerima ini dihentikan (dikeluarkan atau bantuannya dikembalikan); penerimaan ditolak.',
    en: 'This recipient is stopped (removed, or the entitlement was returned); the receipt is refused.',
  },
  'distribution.resend_unchanged': {
    id: 'Data yang dikembalikan ({reason}) dikirim ulang tanpa perubahan; lengkapi atau perbaiki datanya terlebih dahulu.',
    en: 'The returned record ({reason}) was re-sent unchanged; complete or correct it first.',
  },
  'distribution.schedule_invalid': {
    id: 'Jadwal tidak valid: waktu selesai harus setelah waktu mulai dan tahap ada dalam batch (1–{tranches}).',
    en: 'Invalid schedule: the end must be after the start and the tranche must exist in the batch (1–{tranches}).',
  },
  'distribution.xlsx_too_many': {
    id: 'Batch ini berisi {records} KPM, lebih dari yang dapat dimuat satu lembar Excel ({max}): unduh CSV.',
    en: 'This batch has {records} recipients, more than one Excel sheet holds ({max}): download the CSV.',
  },
  'dukcapil.action_not_allowed': {
    id: 'Tindakan "{action}" tidak berlaku untuk hasil "{result}". Yang mungkin: {allowed}',
    en: 'Action "{action}" does not apply to result "{result}". Possible: {allowed}',
  },
  'dukcapil.adapter_malformed': {
    id: 'Jawaban layanan Dukcapil tidak sesuai format yang disepakati ({reason}); pencocokan dihentikan dan tidak ada hasil yang disimpan',
    en: 'The Dukcapil service answered outside the agreed format ({reason}); the matching stopped and nothing was kept',
  },
  'dukcapil.adapter_not_configured': {
    id: 'Layanan Dukcapil belum diatur di instalasi ini (DUKCAPIL_URL dan DUKCAPIL_TOKEN); gunakan berkas ekstrak',
    en: 'No Dukcapil service is configured on this installation (DUKCAPIL_URL and DUKCAPIL_TOKEN); use an extract file',
  },
  'dukcapil.adapter_refused': {
    id: 'Layanan Dukcapil menolak permintaan (HTTP {status}); periksa alamat dan token akses. Tidak ada hasil yang disimpan',
    en: 'The Dukcapil service refused the request (HTTP {status}); check its address and access token. Nothing was kept',
  },
  'dukcapil.adapter_unavailable': {
    id: 'Layanan Dukcapil tidak menjawab setelah {attempts} percobaan ({reason}); tidak ada hasil yang disimpan, coba lagi nanti',
    en: 'The Dukcapil service did not answer after {attempts} attempts ({reason}); nothing was kept, try again later',
  },
  'dukcapil.already_resolved': {
    id: 'Baris ini sudah diselesaikan ({resolution})',
    en: 'This row is already resolved ({resolution})',
  },
  'dukcapil.duplicate_nik': {
    id: 'NIK ini sudah ada di baris {firstLine} berkas yang sama',
    en: 'This NIK already appears on line {firstLine} of the same file',
  },
  'dukcapil.empty': {
    id: 'Berkas CSV kosong (tidak ada baris judul)',
    en: 'The CSV file is empty (no header row)',
  },
  'dukcapil.header_unreadable': {
    id: 'Baris judul tidak terbaca: {reason}',
    en: 'The header row cannot be read: {reason}',
  },
  'dukcapil.import_incomplete': {
    id: 'Impor ini tidak selesai (terputus); unggah ulang berkasnya',
    en: 'This import did not finish (it was interrupted); upload the file again',
  },
  'dukcapil.invalid_birth_date': {
    id: 'Tanggal lahir "{birthDate}" bukan tanggal nyata yang sudah lewat (format YYYY-MM-DD)',
    en: 'Birth date "{birthDate}" is not a real past date (format YYYY-MM-DD)',
  },
  'dukcapil.invalid_name': {
    id: 'Nama kosong, lebih dari 120 karakter atau memuat karakter kontrol',
    en: 'Name is empty, longer than 120 characters or contains control characters',
  },
  'dukcapil.invalid_sex': {
    id: 'Jenis kelamin "{value}" tidak dikenal (M/F atau L/P)',
    en: 'Unknown sex "{value}" (M/F or L/P)',
  },
  'dukcapil.invalid_status': {
    id: 'Status "{value}" tidak dikenal (alive atau deceased)',
    en: 'Unknown status "{value}" (alive or deceased)',
  },
  'dukcapil.missing_columns': {
    id: 'Kolom wajib tidak ada: {columns}',
    en: 'Required columns missing: {columns}',
  },
  'dukcapil.record_changed': {
    id: 'Data DTKS untuk NIK {nik} sudah berubah sejak pencocokan (tidak aktif lagi di rumah tangga ini); pilih "pertahankan DTKS" atau cocokkan ulang',
    en: 'The DTKS record for NIK {nik} changed since the matching (no longer active in this household); keep DTKS or match again',
  },
  'dukcapil.region_not_regency': {
    id: 'Ekstrak Dukcapil dicocokkan per kabupaten/kota; {code} bukan kode kabupaten/kota',
    en: 'Dukcapil extracts are matched per regency; {code} is not a regency code',
  },
  'duplicate.already_resolved': {
    id: 'Kandidat data ganda sudah diselesaikan',
    en: 'The duplicate candidate is already resolved',
  },
  'duplicate.not_in_pair': {
    id: 'Rumah tangga yang dikeluarkan harus salah satu dari pasangan ini',
    en: 'The household to remove must be one of the pair',
  },
  'eligibility.dinsos_only': {
    id: 'Rumah tangga hanya dapat ditidaklayakkan oleh Dinas Sosial kabupaten/kota',
    en: 'Only the regency Dinas Sosial can declare a household ineligible',
  },
  'email.invalid': {
    id: 'Alamat email "{input}" tidak valid',
    en: 'Email address "{input}" is invalid',
  },
  'file.invalid_json': {
    id: 'Bukan JSON yang valid: {message}',
    en: 'Not valid JSON: {message}',
  },
  'file.not_an_object': {
    id: 'Berkas harus berisi satu objek JSON',
    en: 'The file must hold one JSON object',
  },
  'file.unreadable': {
    id: 'Berkas tidak dapat dibaca: {message}',
    en: 'Cannot read the file: {message}',
  },
  'household.already_removed': {
    id: 'Rumah tangga sudah dikeluarkan',
    en: 'The household is already removed',
  },
  'household.duplicate_nik': {
    id: 'NIK {nik} pada anggota ke-{index} sama dengan anggota ke-{first}; setiap anggota harus memiliki NIK sendiri.',
    en: "NIK {nik} of member {index} is the same as member {first}'s; each member needs their own NIK.",
  },
  'household.head_count': {
    id: 'Rumah tangga harus memiliki tepat satu kepala rumah tangga (hubungan kode 1). Untuk menggantinya, jadikan anggota lain kepala dan kirim previousHeadRelationship (hubungan baru kepala sekarang, selain kepala); sebelum itu kepala tidak dapat dikeluarkan atau diubah hubungannya.',
    en: 'A household must have exactly one head (relationship code 1). To change the head, make another member head and send previousHeadRelationship (the current head’s new relationship, other than head); until then the head cannot be removed or given another relationship.',
  },
  'household.last_member': {
    id: 'Anggota terakhir tidak dapat dikeluarkan; keluarkan rumah tangganya',
    en: 'The last member cannot be removed; remove the household instead',
  },
  'household.removed': {
    id: 'Rumah tangga sudah dikeluarkan dari DTKS dan tidak dapat diubah; ajukan usulan baru',
    en: 'The household was removed from DTKS and cannot be changed; make a new proposal',
  },
  'identity.probe_limit': {
    id: 'Terlalu banyak NIK/Nomor KK yang ditolak dalam satu jam terakhir karena terdaftar atau diproses di wilayah lain; tidak diproses. Coba lagi nanti (baris impor yang sudah masuk tidak ditambahkan dua kali).',
    en: 'Too many NIKs or KK numbers were refused in the last hour because they are registered or processed in another region; not processed. Try again later (lines already imported are not added twice).',
  },
  'identity.probe_notice': {
    id: 'Dari wilayah {origin} ada yang mencoba mendaftarkan atau mengusulkan {identifier} {value}, yang {held} di wilayah Anda. Periksa datanya; bila orang atau keluarga ini sudah pindah, usulkan keluar (pindah).',
    en: 'Someone in {origin} tried to register or propose {identifier} {value}, which is {held} in your region. Check the record; if the person or family has moved, propose its removal (moved out).',
  },
  'identity.unavailable': {
    id: '{identifier} ini tidak dapat digunakan di sini. Bila terdaftar atau sedang diproses di wilayah lain, penanganannya dilakukan di wilayah tersebut; petugas di sana sudah diberi tahu.',
    en: 'This {identifier} cannot be used here. If it is registered or being processed in another region, it is handled there; the officers there have been notified.',
  },
  'import.csv_body_required': {
    id: 'Kirim isi berkas CSV dengan Content-Type: text/csv',
    en: 'Send the CSV file as the body with Content-Type: text/csv',
  },
  'import.household_rejected': {
    id: 'Ditolak bersama rumah tangga{kk} karena masalah di baris {lines}',
    en: 'Rejected with its household{kk} because of line {lines}',
  },
  'import.kk_not_contiguous': {
    id: 'Baris KK {kk} sudah muncul sebelumnya (mulai baris {earlier}) dan sudah ditutup oleh KK lain; semua baris satu KK harus berurutan',
    en: 'Rows of KK {kk} already appeared earlier (from line {earlier}) and were closed by another KK; all rows of one KK must be contiguous',
  },
  'import.removed_record': {
    id: 'Data berstatus dikeluarkan (removed) tidak dapat diimpor; yang dikeluarkan harus diusulkan kembali',
    en: 'Records marked removed cannot be imported; a removed record has to be proposed again',
  },
  'import.unreadable_neighbour': {
    id: 'Baris {orphanLine} tepat sebelum rumah tangga ini tidak terbaca dan mungkin anggotanya; rumah tangga tidak diimpor agar tidak tersimpan tanpa anggota itu',
    en: 'Line {orphanLine} just before this household could not be read and may be one of its members; the household is not imported so that it is not stored incomplete',
  },
  'instrument.invalid_code': {
    id: 'Nilai {value} tidak valid untuk "{question}"; pilihan: {allowed}.',
    en: 'Value {value} is not valid for "{question}"; allowed: {allowed}.',
  },
  'instrument.out_of_range': {
    id: '{question} {value} tidak valid; harus {kind} dari {min} sampai {max}{unit}.',
    en: '{question} {value} is not valid; it must be {kind} from {min} to {max}{unit}.',
  },
  'job.crashed': {
    id: 'Pekerjaan gagal setelah {attempts} percobaan: {reason}',
    en: 'The job failed after {attempts} attempts: {reason}',
  },
  'job.finished': {
    id: 'Pekerjaan sudah selesai ({state}); tidak dapat dibatalkan',
    en: 'The job has already ended ({state}); it cannot be cancelled',
  },
  'job.input_required': {
    id: 'Pekerjaan ini memerlukan berkas',
    en: 'This job needs a file',
  },
  'job.result_expired': {
    id: 'Berkas hasil pekerjaan ini sudah kedaluwarsa dan dihapus; jalankan pekerjaan itu lagi',
    en: "This job's result file has expired and was removed; run the job again",
  },
  'job.result_not_ready': {
    id: 'Pekerjaan ini belum selesai ({state}); berkasnya belum tersedia',
    en: 'This job has not finished ({state}); its file is not available yet',
  },
  'job.unknown_kind': {
    id: 'Jenis pekerjaan {kind} tidak dikenal',
    en: 'Unknown job kind {kind}',
  },
  'kk.already_registered': {
    id: 'Nomor KK sudah terdaftar untuk rumah tangga {headName} ({villageCode}, RT {rt}/RW {rw})',
    en: 'KK number is already registered for household {headName} ({villageCode}, RT {rt}/RW {rw})',
  },
  'kk.invalid_date': {
    id: '{dateName} dalam {name} ({written}) tidak valid: {problems}.',
    en: 'The {dateName} in the {name} ({written}) is invalid: {problems}.',
  },
  'kk.length': {
    id: '{name} harus {digits} digit; yang diisi {length} karakter.',
    en: '{name} must be {digits} digits long; {length} characters were entered.',
  },
  'kk.not_digits': {
    id: '{name} hanya boleh berisi angka 0–9, tanpa spasi, titik, tanda hubung atau huruf.',
    en: '{name} may contain only the digits 0–9, without spaces, dots, dashes or letters.',
  },
  'kk.region_zero': {
    id: 'Kode wilayah dalam {name} ({districtCode}) tidak valid: {parts} tidak boleh 00.',
    en: 'The region code in the {name} ({districtCode}) is malformed: the {parts} cannot be 00.',
  },
  'kk.required': {
    id: '{name} wajib diisi.',
    en: '{name} is required.',
  },
  'kk.serial_zero': {
    id: '4 digit terakhir {name} (nomor urut) tidak boleh 0000; nomor urut dimulai dari 0001.',
    en: 'The last 4 digits of the {name} (the serial) cannot be 0000; serials start at 0001.',
  },
  'kk.unknown_region': {
    id: 'Kode kecamatan {districtCode} dalam {name} tidak dikenal. Periksa kembali, kecuali wilayahnya sudah lama dimekarkan atau diganti.',
    en: 'District code {districtCode} in the {name} is not known. Check it again, unless the region was split or renamed long ago.',
  },
  'kks.invalid': {
    id: 'Nomor KKS {value} tidak valid: harus 16 angka.',
    en: 'KKS card number {value} is not valid: it must be 16 digits.',
  },
  'list.invalid_cursor': {
    id: 'Kursor halaman tidak valid',
    en: 'Invalid page cursor',
  },
  'member.invalid_birth_date': {
    id: 'Tanggal lahir {birthDate} tidak valid atau di masa depan',
    en: 'Birth date {birthDate} is not a real past date',
  },
  'member.job_without_sector': {
    id: 'Status kedudukan dalam pekerjaan diisi ({jobStatus}) padahal lapangan usaha 0 (tidak bekerja); isi lapangan usaha atau kosongkan status pekerjaan.',
    en: 'Job status is set ({jobStatus}) but the sector is 0 (not working); set the sector or clear the job status.',
  },
  'member.pregnancy_age': {
    id: 'Anggota tercatat hamil pada umur {age} tahun, di luar rentang wajar {min}–{max} tahun; periksa tanggal lahir atau status hamil.',
    en: 'Member is recorded as pregnant at age {age}, outside the plausible {min}–{max}; check the birth date or the pregnancy answer.',
  },
  'member.pregnant_male': {
    id: 'Anggota berjenis kelamin laki-laki tidak dapat berstatus hamil; periksa jenis kelamin atau status hamil.',
    en: 'A male member cannot be pregnant; check the sex or the pregnancy answer.',
  },
  'musdes.bulk_outcome': {
    id: 'Keputusan massal hanya untuk "tetap"; perbaikan dan dikeluarkan diputuskan per rumah tangga dengan keterangan',
    en: 'Bulk decisions are for "tetap" only; corrections and removals are decided per household, with a note',
  },
  'musdes.duplicate_participant': {
    id: 'Peserta ini sudah tercantum',
    en: 'This participant is already listed',
  },
  'musdes.exists': {
    id: 'Desa/kelurahan ini sudah memiliki musyawarah untuk periode {period}',
    en: 'This village already has a deliberation for period {period}',
  },
  'musdes.head_required': {
    id: 'Kepala Desa/Lurah harus tercantum sebagai peserta (penandatangan Berita Acara)',
    en: 'The Kepala Desa/Lurah must be listed as a participant (signs the Berita Acara)',
  },
  'musdes.household_already_proposed': {
    id: 'Rumah tangga ini sudah ada dalam usulan {kind} yang masih berjalan (periode {period}, status {state})',
    en: 'This household is already in an open {kind} proposal (period {period}, state {state})',
  },
  'musdes.invalid_date': {
    id: 'Tanggal musyawarah harus tanggal nyata berformat YYYY-MM-DD, bukan "{heldOn}"',
    en: 'The deliberation date must be a real YYYY-MM-DD date, not "{heldOn}"',
  },
  'musdes.invalid_outcome': {
    id: 'Hasil "{outcome}" tidak berlaku untuk {id}; pilih: {list}',
    en: 'Outcome "{outcome}" does not apply to a {id}; choose: {list}',
  },
  'musdes.invalid_transition': {
    id: 'Langkah "{action}" tidak dapat dilakukan dari status "{state}". Langkah yang mungkin: {allowed}',
    en: 'Action "{action}" is not possible from state "{state}". Possible: {allowed}',
  },
  'musdes.locked': {
    id: 'Hasil dan data musyawarah tidak dapat diubah: {reason}',
    en: 'The deliberation’s outcomes and details cannot be changed: {reason}',
  },
  'musdes.not_a_village': {
    id: 'Kode ini bukan desa/kelurahan yang dikenal',
    en: 'This code is not a known village',
  },
  'musdes.note_required': {
    id: 'Tuliskan keterangan (apa yang diperbaiki, alasan dikeluarkan atau alasan usulan tidak disetujui)',
    en: 'Write a note (what to correct, why removed, or why the proposal is not accepted)',
  },
  'musdes.period_determined': {
    id: 'Periode {period} sudah ditetapkan; musyawarah tidak dapat dibuat lagi',
    en: 'Period {period} is already determined; no deliberation can be set up for it',
  },
  'musdes.prelist_not_ready': {
    id: 'Prelist belum tersedia: {stage}',
    en: 'The prelist is not available yet: {stage}',
  },
  'musdes.progress_region': {
    id: 'Pilih kabupaten/kota, kecamatan atau desa untuk melihat kemajuan per desa',
    en: 'Choose a regency, district or village to see progress per village',
  },
  'musdes.reopen_blocked': {
    id: 'Musyawarah tidak dapat dibuka kembali: usulan pada baris {blocked} sudah diproses lebih lanjut',
    en: 'The deliberation cannot be reopened: the proposals of rows {blocked} have already moved on',
  },
  'musdes.role_not_allowed': {
    id: 'Peran {role} tidak berwenang melakukan "{action}"',
    en: 'Role {role} may not take action "{action}"',
  },
  'musdes.undecided_rows': {
    id: '{total} baris belum diberi hasil musyawarah: nomor {rowNos}',
    en: '{total} rows have no outcome yet: row {rowNos}',
  },
  'nik.already_registered': {
    id: 'NIK sudah terdaftar di rumah tangga KK {kkNumber} ({headName}), {place}',
    en: 'NIK is already registered in household KK {kkNumber} ({headName}), {place}',
  },
  'nik.birth_date_mismatch': {
    id: 'Tanggal lahir yang diisi ({birthDate}) berbeda dengan tanggal lahir dalam NIK ({fromNik}, format HH-BB-TT).',
    en: 'The entered birth date ({birthDate}) differs from the birth date in the NIK ({fromNik}, DD-MM-YY).',
  },
  'nik.duplicate_in_file': {
    id: 'NIK {nik} sudah dipakai rumah tangga lain dalam berkas yang sama ({other})',
    en: 'NIK {nik} is already used by another household in the same file ({other})',
  },
  'nik.invalid_date': {
    id: '{dateName} dalam {name} ({written}) tidak valid: {problems}.',
    en: 'The {dateName} in the {name} ({written}) is invalid: {problems}.',
  },
  'nik.length': {
    id: '{name} harus {digits} digit; yang diisi {length} karakter.',
    en: '{name} must be {digits} digits long; {length} characters were entered.',
  },
  'nik.not_digits': {
    id: '{name} hanya boleh berisi angka 0–9, tanpa spasi, titik, tanda hubung atau huruf.',
    en: '{name} may contain only the digits 0–9, without spaces, dots, dashes or letters.',
  },
  'nik.region_zero': {
    id: 'Kode wilayah dalam {name} ({districtCode}) tidak valid: {parts} tidak boleh 00.',
    en: 'The region code in the {name} ({districtCode}) is malformed: the {parts} cannot be 00.',
  },
  'nik.required': {
    id: '{name} wajib diisi.',
    en: '{name} is required.',
  },
  'nik.serial_zero': {
    id: '4 digit terakhir {name} (nomor urut) tidak boleh 0000; nomor urut dimulai dari 0001.',
    en: 'The last 4 digits of the {name} (the serial) cannot be 0000; serials start at 0001.',
  },
  'nik.sex_mismatch': {
    id: 'Jenis kelamin yang diisi ({entered}) berbeda dengan NIK ({fromNik}: {day}).',
    en: 'The entered sex ({entered}) differs from the NIK ({fromNik}: {day}).',
  },
  'nik.unknown_region': {
    id: 'Kode kecamatan {districtCode} dalam {name} tidak dikenal. Periksa kembali, kecuali wilayahnya sudah lama dimekarkan atau diganti.',
    en: 'District code {districtCode} in the {name} is not known. Check it again, unless the region was split or renamed long ago.',
  },
  'notice.berita_acara_acknowledged': {
    id: 'Kecamatan menerima Berita Acara {name} periode {period}',
    en: 'The kecamatan acknowledged the Berita Acara of {name} for {period}',
  },
  'notice.berita_acara_returned': {
    id: 'Kecamatan mengembalikan Berita Acara {name} periode {period}: {note}',
    en: 'The kecamatan returned the Berita Acara of {name} for {period}: {note}',
  },
  'notice.dukcapil_propose_removal': {
    id: 'Dinas Sosial meminta usulan keluar untuk NIK {nik} ({name}): {differences}{note}',
    en: 'The Dinas Sosial asks for a removal proposal for NIK {nik} ({name}): {differences}{note}',
  },
  'notice.musdes_closed': {
    id: '{deliberation} {village} periode {period} selesai: {baru} usulan baru, {perbaikan} perbaikan, {dikeluarkan} dikeluarkan, {tetap} tetap.',
    en: '{deliberation} of {village}, period {period}, closed: {baru} new, {perbaikan} corrections, {dikeluarkan} removals, {tetap} unchanged.',
  },
  'notice.musdes_signed': {
    id: 'Berita Acara musyawarah {village} periode {period} telah ditandatangani dan diunggah.',
    en: 'The signed minutes of the deliberation in {village}, period {period}, were uploaded.',
  },
  'notice.penetapan_determined': {
    id: 'DTKS periode {period} telah ditetapkan ({number})',
    en: 'DTKS for {period} has been determined ({number})',
  },
  'notice.submission_at_province': {
    id: '{name} mengajukan pengesahan periode {period} melalui provinsi',
    en: '{name} submitted its pengesahan for {period} through the province',
  },
  'notice.submission_forwarded': {
    id: 'Provinsi meneruskan pengesahan {name} periode {period} ke Pusdatin',
    en: 'The province forwarded the pengesahan of {name} for {period} to Pusdatin',
  },
  'notice.submission_returned': {
    id: 'Pengajuan pengesahan periode {period} dikembalikan oleh Pusdatin: {note}',
    en: 'The {period} submission was returned by Pusdatin: {note}',
  },
  'notice.submission_returned_by_province': {
    id: 'Provinsi mengembalikan pengesahan periode {period}: {note}',
    en: 'The province returned the pengesahan for {period}: {note}',
  },
  'notice.submission_submitted': {
    id: '{name} mengajukan hasil periode {period} untuk penetapan',
    en: '{name} submitted its {period} result for determination',
  },
  'notice.usulan_returned': {
    id: 'Usulan {kind} untuk {headName} (KK {kkNumber}) {what}{note}',
    en: 'Proposal ({kind}) for {headName} (KK {kkNumber}) was {what}{note}',
  },
  'oauth.invalid_client': {
    id: 'Identitas klien (client_id dan client_secret) tidak dikenal atau sudah dicabut',
    en: 'Unknown or revoked client (client_id and client_secret)',
  },
  'oauth.invalid_scope': {
    id: 'Cakupan {scope} tidak diberikan kepada klien ini',
    en: 'Scope {scope} is not granted to this client',
  },
  'oauth.unsupported_grant_type': {
    id: 'grant_type "{grant}" tidak didukung; gunakan client_credentials',
    en: 'grant_type "{grant}" is not supported; use client_credentials',
  },
  'opt_out.date_future': {
    id: 'Tanggal surat permohonan tidak boleh setelah hari ini ({today}).',
    en: 'The date of the written request cannot be after today ({today}).',
  },
  'opt_out.date_invalid': {
    id: 'Tanggal surat permohonan bukan tanggal yang sah (TTTT-BB-HH).',
    en: 'The date of the written request is not a valid date (YYYY-MM-DD).',
  },
  'opt_out.date_too_old': {
    id: 'Tanggal surat permohonan tidak boleh sebelum {earliest}.',
    en: 'The date of the written request cannot be before {earliest}.',
  },
  'opt_out.exists': {
    id: 'Rumah tangga ini sudah tercatat mengundurkan diri dari program {programme}.',
    en: 'This household already has a standing opt-out of programme {programme}.',
  },
  'opt_out.no_record': {
    id: 'Data Anda belum ada di DTKS; tidak ada program yang dapat Anda tolak',
    en: 'Your data is not in DTKS; there is no programme to opt out of',
  },
  'opt_out.unknown_programme': {
    id: 'Program {programme} tidak dikenal.',
    en: 'Unknown programme {programme}.',
  },
  'password.common': {
    id: 'Kata sandi ini termasuk yang paling sering dipakai dan mudah ditebak; pilih yang lain',
    en: 'This password is among the most commonly used and easy to guess; choose another',
  },
  'password.contains_name': {
    id: 'Kata sandi tidak boleh memuat nama pengguna atau nama orangnya',
    en: 'The password must not contain the username or the person’s name',
  },
  'password.too_short': {
    id: 'Kata sandi minimal {PASSWORD_MIN_LENGTH} karakter',
    en: 'The password needs at least {PASSWORD_MIN_LENGTH} characters',
  },
  'password.trivial': {
    id: 'Kata sandi terlalu sederhana: karakter atau pola berulang, atau urutan seperti 1234… abcd… qwerty…',
    en: 'The password is too simple: a repeated character or pattern, or a run such as 1234… abcd… qwerty…',
  },
  'penetapan.concurrent': {
    id: 'Penetapan periode lain sedang berjalan; ulangi sebentar lagi',
    en: 'Another period is being determined right now; retry in a moment',
  },
  'penetapan.future_period': {
    id: 'Periode {period} belum berjalan (sekarang {current})',
    en: 'Period {period} has not started yet (now {current})',
  },
  'penetapan.nothing_to_determine': {
    id: 'Semua periode sampai bulan ini sudah ditetapkan; periode berikutnya dapat ditetapkan mulai bulan depan',
    en: 'Every period up to this month is determined; the next one can be determined from next month',
  },
  'penetapan.out_of_order': {
    id: 'Periode {later} sudah ditetapkan; periode sebelumnya tidak dapat ditetapkan lagi',
    en: 'Period {later} is already determined; an earlier period can no longer be determined',
  },
  'penetapan.pusdatin_only': {
    id: 'Penetapan DTKS dilakukan oleh Pusdatin Kementerian Sosial',
    en: 'DTKS is determined by Pusdatin (Ministry of Social Affairs)',
  },
  'period.invalid': {
    id: 'Periode harus berbentuk YYYY-MM, bukan "{s}"',
    en: 'Period must be YYYY-MM, not "{s}"',
  },
  'period.invalid_transition': {
    id: 'Langkah "{action}" tidak dapat dilakukan dari status "{state}". Langkah yang mungkin: {allowed}',
    en: 'Action "{action}" is not possible from state "{state}". Possible: {allowed}',
  },
  'period.role_not_allowed': {
    id: 'Peran {role} tidak berwenang melakukan "{action}"',
    en: 'Role {role} may not take action "{action}"',
  },
  'person.purpose_required': {
    id: 'Tuliskan keperluan mencari NIK ini (minimal 3 karakter): dicatat dan dapat dilihat pemilik data',
    en: 'Say why you look this NIK up (at least 3 characters): it is recorded and the person can see it',
  },
  'phone.invalid': {
    id: 'Nomor telepon "{input}" tidak valid: gunakan nomor Indonesia, mis. 0812-3456-7890 atau +62 812 3456 7890',
    en: 'Phone number "{input}" is invalid: use an Indonesian number, e.g. 0812-3456-7890 or +62 812 3456 7890',
  },
  'ppks.already_removed': {
    id: '{what} sudah dikeluarkan',
    en: 'The {what} is already removed',
  },
  'ppks.category_end_before_start': {
    id: 'Tanggal selesai {endDate} sebelum tanggal mulai {startDate}',
    en: 'End date {endDate} is before start date {startDate}',
  },
  'ppks.category_start_in_future': {
    id: 'Tanggal mulai {startDate} jatuh setelah hari ini ({today})',
    en: 'Start date {startDate} is after today ({today})',
  },
  'ppks.duplicate_category': {
    id: 'Kategori {category} tercatat dua kali untuk periode yang bertumpang tindih (mulai {startDate} dan {startDate2})',
    en: 'Category {category} is listed twice for overlapping periods (starting {startDate} and {startDate2})',
  },
  'ppks.invalid_birth_date': {
    id: 'Tanggal lahir {birthDate} tidak valid atau di masa depan',
    en: 'Birth date {birthDate} is not a real past date',
  },
  'ppks.invalid_category_date': {
    id: 'Tanggal {value} tidak valid (gunakan TTTT-BB-HH)',
    en: 'Date {value} is not a real date (use YYYY-MM-DD)',
  },
  'ppks.nik_already_registered': {
    id: 'NIK ini sudah terdaftar sebagai PPKS aktif atas nama {name} ({villageCode}); tambahkan kategori pada data tersebut',
    en: 'This NIK is already registered as an active PPKS, {name} ({villageCode}); add the category to that record',
  },
  'ppks.no_category': {
    id: 'PPKS harus memiliki setidaknya satu kategori',
    en: 'A PPKS needs at least one category',
  },
  'ppks.removed': {
    id: '{what} sudah dikeluarkan dan tidak dapat diubah; daftarkan kembali bila perlu',
    en: 'The {what} was removed and cannot be changed; register it again if needed',
  },
  'ppks.unknown_category': {
    id: 'Kategori PPKS tidak dikenal: {category}',
    en: 'Unknown PPKS category: {category}',
  },
  'progress.region_too_large': {
    id: 'Pilih kabupaten/kota, kecamatan atau desa/kelurahan',
    en: 'Choose a regency, district or village',
  },
  'programme.circular': {
    id: 'Aturan "{name}" merujuk dirinya sendiri secara melingkar.',
    en: 'Rule "{name}" refers back to itself (a circular reference).',
  },
  'programme.contradictory': {
    id: 'Syarat atas "{name}" ini bertentangan dengan {other} di dalam "all" yang sama: tidak ada nilai yang memenuhi keduanya.',
    en: 'This condition on "{name}" contradicts {other} in the same "all": no value satisfies both.',
  },
  'programme.duplicate': {
    id: '"{value}" sudah ada di {other}.',
    en: '"{value}" already appears at {other}.',
  },
  'programme.empty_group': {
    id: 'Daftar ini tidak boleh kosong.',
    en: 'This list must not be empty.',
  },
  'programme.exists': {
    id: 'Program {code} versi {version} sudah ada; versi program tidak dapat diubah, unggah dengan versi baru.',
    en: 'Programme {code} version {version} already exists; versions are immutable, upload it under a new version.',
  },
  'programme.in_uncoded': {
    id: '"in" memerlukan variabel berkode; "{name}" bukan variabel berkode.',
    en: '"in" needs a coded variable; "{name}" is not one.',
  },
  'programme.invalid': {
    id: 'Nilai tidak sah: {reason}',
    en: 'Invalid value: {reason}',
  },
  'programme.invalid_format': {
    id: 'Format tidak sesuai (lihat docs/programmes.md).',
    en: 'Wrong format (see docs/programmes.md).',
  },
  'programme.invalid_value': {
    id: 'Nilai harus salah satu dari: {values}.',
    en: 'The value must be one of: {values}.',
  },
  'programme.member_in_member': {
    id: 'someMember dan countMembers hanya boleh dipakai pada aturan rumah tangga, tidak di dalam aturan anggota.',
    en: 'someMember and countMembers are only allowed in household rules, not inside a member rule.',
  },
  'programme.missing': {
    id: 'Wajib diisi.',
    en: 'Required.',
  },
  'programme.months_order': {
    id: 'Bulan pembayaran harus urut naik tanpa pengulangan.',
    en: 'Payment months must be in ascending order without repeats.',
  },
  'programme.national_door': {
    id: 'Program nasional {code} diusulkan melalui Pusdatin: door harus "pusdatin".',
    en: 'National programme {code} goes through Pusdatin: door must be "pusdatin".',
  },
  'programme.national_province': {
    id: 'Program nasional tidak memiliki provinceCode.',
    en: 'A national programme has no provinceCode.',
  },
  'programme.no_components': {
    id: 'NO_COMPONENT hanya berlaku untuk manfaat berkomponen (cash_components).',
    en: 'NO_COMPONENT only applies to a benefit with components (cash_components).',
  },
  'programme.no_current': {
    id: 'Program {code} belum memiliki versi yang diterbitkan.',
    en: 'Programme {code} has no published version.',
  },
  'programme.no_deciles': {
    id: 'Desil sasaran kosong: min {min} lebih besar dari max {max}.',
    en: 'The target deciles are empty: min {min} is above max {max}.',
  },
  'programme.not_draft': {
    id: 'Program {code} versi {version} berstatus "{state}" dan tidak dapat diterbitkan.',
    en: 'Programme {code} version {version} is "{state}" and cannot be published.',
  },
  'programme.outside_territory': {
    id: 'Program ini milik {owner}; Anda hanya dapat mengelola program {territory}.',
    en: 'This programme belongs to {owner}; you may only manage programmes of {territory}.',
  },
  'programme.province_mismatch': {
    id: 'Kode program {code} tidak sesuai dengan provinceCode {province}.',
    en: 'Programme code {code} does not match provinceCode {province}.',
  },
  'programme.provincial_door': {
    id: 'Program provinsi {code} diusulkan melalui Dinas Sosial provinsi: door harus "province".',
    en: 'Provincial programme {code} goes through the provincial Dinas Sosial: door must be "province".',
  },
  'programme.provincial_scope': {
    id: 'Program provinsi menyasar desil provinsi atau kabupaten/kota, bukan desil nasional.',
    en: 'A provincial programme targets provincial or regency deciles, not national ones.',
  },
  'programme.rule_shape': {
    id: 'Aturan tidak dikenali: gunakan all, any, not, var dengan op/value atau in, someMember, countMembers, atau rule.',
    en: 'Unrecognised rule: use all, any, not, var with op/value or in, someMember, countMembers or rule.',
  },
  'programme.too_big': {
    id: 'Paling banyak {maximum}.',
    en: 'At most {maximum}.',
  },
  'programme.too_deep': {
    id: 'Aturan bersarang lebih dari {max} tingkat.',
    en: 'The rule is nested more than {max} levels deep.',
  },
  'programme.too_small': {
    id: 'Paling sedikit {minimum}.',
    en: 'At least {minimum}.',
  },
  'programme.unknown_code': {
    id: 'Kode {code} tidak ada untuk "{name}" di buku kode.',
    en: 'Code {code} does not exist for "{name}" in the codebook.',
  },
  'programme.unknown_key': {
    id: 'Kunci "{key}" tidak dikenal di sini.',
    en: 'Unknown key "{key}" here.',
  },
  'programme.unknown_rule': {
    id: 'Aturan bernama "{name}" tidak didefinisikan di {where}.',
    en: 'No rule named "{name}" is defined in {where}.',
  },
  'programme.unknown_variable': {
    id: 'Variabel {level} "{name}" tidak dikenal (lihat daftar di docs/programmes.md).',
    en: 'Unknown {level} variable "{name}" (see the list in docs/programmes.md).',
  },
  'programme.unordered': {
    id: '"{name}" tidak berurutan: bandingkan dengan = atau != (atau in), bukan <, <=, > atau >=.',
    en: '"{name}" has no order: compare it with = or != (or in), not <, <=, > or >=.',
  },
  'programme.used': {
    id: 'Program {code} versi {version} sudah dipakai untuk daftar penerima dan tidak dapat diubah.',
    en: 'Programme {code} version {version} has been used for a recipient list and cannot change.',
  },
  'programme.wrong_type': {
    id: 'Jenis nilai salah: seharusnya {expected}.',
    en: 'Wrong type of value: expected {expected}.',
  },
  'psks.already_registered': {
    id: 'NIK ini sudah terdaftar sebagai {kind} aktif atas nama {name} ({villageCode})',
    en: 'This NIK is already registered as an active {kind}, {name} ({villageCode})',
  },
  'psks.already_removed': {
    id: '{what} sudah dikeluarkan',
    en: 'The {what} is already removed',
  },
  'psks.nik_not_allowed': {
    id: '{kindLabel} adalah lembaga dan tidak memiliki NIK',
    en: '{kindLabel} is an institution and has no NIK',
  },
  'psks.removed': {
    id: '{what} sudah dikeluarkan dan tidak dapat diubah; daftarkan kembali bila perlu',
    en: 'The {what} was removed and cannot be changed; register it again if needed',
  },
  'psks.unknown_kind': {
    id: 'Jenis PSKS tidak dikenal: {kind}',
    en: 'Unknown PSKS kind: {kind}',
  },
  'public.challenge_invalid': {
    id: 'Pemeriksaan keamanan tidak valid, kedaluwarsa, atau sudah dipakai. Ulangi pemeriksaan keamanan lalu cari lagi.',
    en: 'The security check is invalid, expired or already used. Complete the security check again, then search again.',
  },
  'public.challenge_required': {
    id: 'Selesaikan pemeriksaan keamanan terlebih dahulu, lalu cari lagi.',
    en: 'Complete the security check first, then search again.',
  },
  'public.chat_verify_token': {
    id: 'Verifikasi webhook ditolak: hub.mode harus subscribe dan hub.verify_token harus sama dengan WHATSAPP_VERIFY_TOKEN',
    en: 'Webhook verification refused: hub.mode must be subscribe and hub.verify_token must equal WHATSAPP_VERIFY_TOKEN',
  },
  'walim.send_failed': {
    id: 'Balasan WALIM tidak terkirim (percobaan ke-{attempts}): {reason}',
    en: 'The WALIM reply was not sent (attempt {attempts}): {reason}',
  },
  'walim.send_refused': {
    id: 'Penyedia pesan menolak balasan WALIM (tidak dicoba lagi): {reason}',
    en: 'The messaging provider refused the WALIM reply (not retried): {reason}',
  },
  'public.chat_signature': {
    id: 'Tanda tangan webhook tidak valid',
    en: 'The webhook signature is invalid',
  },
  'public.chat_unknown_provider': {
    id: 'Penyedia pesan "{provider}" tidak dikenal atau tidak dikonfigurasi',
    en: 'Messaging provider "{provider}" is unknown or not configured',
  },
  'public.region_not_village': {
    id: 'Pilih desa/kelurahan: {code} bukan kode desa/kelurahan yang dikenal',
    en: 'Choose a village: {code} is not a known village code',
  },
  'public.statistics_region': {
    id: '{code} bukan kode provinsi, kabupaten/kota, kecamatan, atau desa/kelurahan yang dikenal',
    en: '{code} is not a known province, regency, kecamatan or village code',
  },
  'public.statistics_period': {
    id: 'Periode {period} belum ditetapkan: pilih periode yang sudah ditetapkan',
    en: 'Period {period} has not been determined: choose a determined period',
  },
  'ranking.already_published': {
    id: 'Versi model {version} sudah diterbitkan.',
    en: 'Model version {version} is already published.',
  },
  'ranking.coded_as_number': {
    id: '"{field}" berisi kode, bukan besaran: gunakan transformasi oneOf (daftar kode), bukan linear atau log1p.',
    en: '"{field}" holds codes, not quantities: use the oneOf transform (a list of codes), not linear or log1p.',
  },
  'ranking.codes_on_uncoded': {
    id: 'Transformasi oneOf memerlukan jawaban berkode; "{field}" bukan jawaban berkode.',
    en: 'The oneOf transform needs a coded answer; "{field}" is not one.',
  },
  'ranking.concentrated': {
    id: 'Model ini menempatkan {share}% rumah tangga contoh dalam satu desil; periksa bobotnya atau konfirmasi penerbitan.',
    en: 'This model puts {share}% of the sample households into one decile; check its weights or confirm publishing.',
  },
  'ranking.duplicate_variable': {
    id: 'Nama variabel "{name}" sudah dipakai oleh variabel {first}.',
    en: 'Variable name "{name}" is already used by variable {first}.',
  },
  'ranking.model_exists': {
    id: 'Versi model {version} sudah ada; model tidak dapat diubah, unggah dengan versi baru.',
    en: 'Model version {version} already exists; models are immutable, upload it under a new version.',
  },
  'ranking.no_published_model': {
    id: 'Belum ada model pemeringkatan yang diterbitkan.',
    en: 'No ranking model has been published.',
  },
  'ranking.not_determined': {
    id: 'Periode {period} belum ditetapkan; hanya periode yang sudah ditetapkan dapat diperingkat.',
    en: 'Period {period} is not determined; only a determined period can be ranked.',
  },
  'ranking.unknown_code': {
    id: 'Kode {code} tidak ada untuk "{field}" di buku kode.',
    en: 'Code {code} does not exist for "{field}" in the codebook.',
  },
  'ranking.unknown_variable': {
    id: 'Variabel instrumen "{field}" tidak dikenal.',
    en: 'Unknown instrument variable "{field}".',
  },
  'rate.limited': {
    id: 'Terlalu banyak permintaan. Coba lagi dalam {retryAfter} detik.',
    en: 'Too many requests. Try again in {retryAfter} seconds.',
  },
  'recipients.invalid_transition': {
    id: 'Langkah "{action}" tidak dapat dilakukan pada usulan penerima berstatus "{state}". Langkah yang mungkin: {allowed}',
    en: 'Action "{action}" is not possible on a recipient proposal in state "{state}". Possible: {allowed}',
  },
  'recipients.not_candidate': {
    id: 'Rumah tangga ini bukan calon penerima dalam usulan ini.',
    en: 'This household is not a candidate in this proposal.',
  },
  'recipients.not_determined': {
    id: 'Periode {period} belum ditetapkan; penerima bansos dihitung dari DTKS yang sudah ditetapkan.',
    en: 'Period {period} is not determined; recipients are computed from determined DTKS.',
  },
  'recipients.not_ranked': {
    id: 'Periode {period} belum diperingkat; jalankan pemeringkatan desil terlebih dahulu.',
    en: 'Period {period} has not been ranked; rank it into deciles first.',
  },
  'recipients.nothing_to_compute': {
    id: 'Tidak ada program yang dapat dihitung untuk {regency} pada periode {period}: {reasons}',
    en: 'No programme can be computed for {regency} in period {period}: {reasons}',
  },
  'recipients.programme_elsewhere': {
    id: 'Program {programme} bukan program provinsi wilayah ini.',
    en: 'Programme {programme} is not a programme of this province.',
  },
  'recipients.regency_required': {
    id: 'Pilih kabupaten/kota (kode PP.RR) untuk usulan penerima.',
    en: 'Choose a regency (code PP.RR) for the recipient proposal.',
  },
  'recipients.return_note': {
    id: 'Catatan pengembalian wajib diisi (paling sedikit 3 karakter).',
    en: 'A return needs a note (at least 3 characters).',
  },
  'recipients.role_not_allowed': {
    id: 'Peran {role} tidak berwenang melakukan "{action}" pada usulan penerima',
    en: 'Role {role} may not take action "{action}" on a recipient proposal',
  },
  'recipients.taken_over': {
    id: 'Penghitungan usulan {programme} ini diambil alih oleh penghitungan lain setelah terhenti lebih dari 10 menit; hasilnya tidak disimpan.',
    en: 'This computation of the {programme} proposal was taken over by another one after standing idle for over 10 minutes; its results were not kept.',
  },
  'recipients.unknown_programme': {
    id: 'Program {programme} tidak dikenal atau belum memiliki versi yang diterbitkan.',
    en: 'Programme {programme} is unknown or has no published version.',
  },
  'recipients.wrong_door': {
    id: 'Peran {role} bukan pintu persetujuan program ini: program nasional disetujui Pusdatin, program provinsi oleh Dinas Sosial provinsinya.',
    en: "Role {role} is not the approving door of this programme: Pusdatin approves national programmes, a provincial Dinas Sosial its own province's.",
  },
  'recipients.xlsx_too_many': {
    id: 'Daftar ini berisi {households} KPM, lebih dari yang dapat dimuat satu lembar Excel ({max}): pilih wilayah yang lebih kecil atau unduh CSV.',
    en: 'This list has {households} recipients, more than one Excel sheet holds ({max}): choose a smaller region or download the CSV.',
  },
  'record.not_found': {
    id: '{what} tidak ditemukan',
    en: '{what} not found',
  },
  'record.version_conflict': {
    id: 'Data telah diubah orang lain (versi sekarang {currentVersion}). Muat ulang lalu ulangi perubahan.',
    en: 'The record was changed by someone else (current version {currentVersion}). Reload and retry.',
  },
  'region.invalid_code': {
    id: 'Kode wilayah "{input}" tidak valid: {reason}. Gunakan format PP, PP.KK, PP.KK.CC atau PP.KK.CC.XNNN (titik boleh dihilangkan).',
    en: 'Region code "{input}" is invalid: {reason}. Use PP, PP.KK, PP.KK.CC or PP.KK.CC.XNNN (dots optional).',
  },
  'region.not_a_village': {
    id: '{code} bukan kode desa/kelurahan yang dikenal',
    en: '{code} is not a known village code',
  },
  'region.unknown': {
    id: 'Kode wilayah {normCode} tidak dikenal',
    en: 'Unknown region code {normCode}',
  },
  'regions.too_many': {
    id: 'Paling banyak {max} kode wilayah sekaligus',
    en: 'At most {max} region codes at once',
  },
  'removal.invalid_reason': {
    id: 'Alasan keluar tidak dikenal: {code}',
    en: 'Unknown removal reason: {code}',
  },
  'reports.already_triaged': {
    id: 'Laporan ini sudah ditelaah',
    en: 'This report has already been triaged',
  },
  'reports.assignee': {
    id: 'Petugas yang ditunjuk harus pengguna aktif di wilayah laporan ini',
    en: 'The assignee must be an active user of this report’s territory',
  },
  'reports.closed': {
    id: 'Laporan ini sudah selesai; tidak ada langkah lagi',
    en: 'This report is closed; no further steps',
  },
  'reports.contact_required': {
    id: 'Isi nomor telepon atau alamat email agar kami dapat menghubungi Anda',
    en: 'Give a phone number or an e-mail address so we can reach you',
  },
  'reports.evidence_full': {
    id: 'Laporan ini sudah memiliki {max} foto bukti',
    en: 'This report already has {max} evidence photos',
  },
  'reports.not_handling_level': {
    id: 'Laporan ini ditangani di tingkat {level}; kantor Anda hanya dapat membacanya',
    en: 'This report is handled at the {level} level; your office may only read it',
  },
  'reports.top_level': {
    id: 'Laporan sudah berada di Dinas Sosial kabupaten/kota; tidak dapat dinaikkan lagi',
    en: 'The report is already at the regency social affairs office; it cannot go higher',
  },
  'request.custom': {
    id: 'tidak valid: {reason}',
    en: 'invalid: {reason}',
  },
  'request.empty_body': {
    id: 'Isi JSON kosong',
    en: 'Empty JSON body',
  },
  'request.invalid': {
    id: 'Data tidak valid: {issues}',
    en: 'Invalid data: {issues}',
  },
  'request.invalid_element': {
    id: 'tidak valid: {reason}',
    en: 'invalid: {reason}',
  },
  'request.invalid_format': {
    id: 'format salah: {reason}',
    en: 'wrong format: {reason}',
  },
  'request.invalid_key': {
    id: 'tidak valid: {reason}',
    en: 'invalid: {reason}',
  },
  'request.invalid_type': {
    id: 'jenis data salah: harus {expected}',
    en: 'wrong type: expected {expected}',
  },
  'request.invalid_union': {
    id: 'tidak valid: {reason}',
    en: 'invalid: {reason}',
  },
  'request.invalid_value': {
    id: 'nilai tidak diizinkan: pilihan: {values}',
    en: 'value not allowed: allowed: {values}',
  },
  'request.malformed_json': {
    id: 'JSON tidak valid',
    en: 'Malformed JSON',
  },
  'request.not_multiple_of': {
    id: 'tidak valid: {reason}',
    en: 'invalid: {reason}',
  },
  'request.rejected': {
    id: 'Permintaan ditolak: {reason}',
    en: 'Request rejected: {reason}',
  },
  'request.required': {
    id: 'wajib diisi',
    en: 'required',
  },
  'request.too_big': {
    id: 'terlalu panjang/besar: paling banyak {maximum}{unit}',
    en: 'too long or too large: at most {maximum}{unit}',
  },
  'request.too_large': {
    id: 'Isi permintaan melebihi batas {limit} MiB; pecah berkasnya (misalnya per kecamatan) atau impor dengan perintah dtks',
    en: 'The request body exceeds the {limit} MiB limit; split the file (e.g. by district) or import it with the dtks command line',
  },
  'request.too_small': {
    id: 'terlalu pendek/kecil atau kosong: paling sedikit {minimum}{unit}',
    en: 'too short, too small or empty: at least {minimum}{unit}',
  },
  'request.unrecognized_keys': {
    id: 'kolom tidak dikenal',
    en: 'unknown field',
  },
  'request.unsupported_media_type': {
    id: 'Jenis konten {type} tidak diterima di alamat ini; kirim isi permintaan dengan Content-Type salah satu dari: {list} (lihat dokumentasi API di /api/docs)',
    en: 'Content type {type} is not accepted here; send the request body with a Content-Type of: {list} (see the API documentation at /api/docs)',
  },
  'route.not_found': {
    id: 'Alamat {method} {path} tidak ada',
    en: 'No route {method} {path}',
  },
  'sanggah.duplicate': {
    id: 'Anda sudah mengajukan sanggahan yang masih diproses untuk keluarga ini',
    en: 'You already have an objection to this family that is still being handled',
  },
  'sanggah.invalid_transition': {
    id: 'Langkah {step} tidak mungkin untuk sanggahan berstatus {state}',
    en: 'Step {step} is not possible for an objection in state {state}',
  },
  'sanggah.limit_citizen': {
    id: 'Anda sudah memiliki {max} sanggahan yang masih diproses; tunggu keputusan salah satunya',
    en: 'You already have {max} objections being handled; wait for a decision on one of them',
  },
  'sanggah.limit_target': {
    id: 'Keluarga ini sudah menerima banyak sanggahan yang sedang diperiksa Dinas Sosial',
    en: 'This family already has many objections under review by the Dinas Sosial',
  },
  'sanggah.limit_village': {
    id: 'Batas sanggahan desa/kelurahan ini untuk 30 hari terakhir sudah tercapai; coba lagi nanti',
    en: 'The limit of objections for this village in the last 30 days has been reached; try again later',
  },
  'sanggah.reason_required': {
    id: 'Tuliskan alasan keputusan: warga yang menyanggah akan membacanya',
    en: 'Write the reason of the decision: the objecting citizen reads it',
  },
  'sanggah.evidence_limit': {
    id: 'Paling banyak {max} foto bukti per sanggahan, dan hanya selama sanggahan belum diputuskan',
    en: 'At most {max} evidence photos per objection, and only until it is decided',
  },
  'sanggah.dinsos_only': {
    id: 'Hanya Dinas Sosial kabupaten/kota yang memeriksa dan memutus sanggahan',
    en: 'Only the regency Dinas Sosial investigates and decides objections',
  },
  'seed.invalid_chunk': {
    id: 'Ukuran potongan harus 1 sampai 10.000 rumah tangga',
    en: 'The chunk size must be 1 to 10,000 households',
  },
  'seed.invalid_count': {
    id: 'Jumlah rumah tangga harus bilangan bulat 1 sampai {MAX_SEED_HOUSEHOLDS}',
    en: 'The number of households must be a whole number from 1 to {MAX_SEED_HOUSEHOLDS}',
  },
  'seed.no_villages': {
    id: 'Tidak ada desa/kelurahan di wilayah {regionCode}',
    en: 'There are no villages in region {regionCode}',
  },
  'server.error': {
    id: 'Terjadi kesalahan di server; sudah dicatat',
    en: 'Something went wrong on the server; it has been logged',
  },
  'submission.dinsos_only': {
    id: 'Pengajuan pengesahan disiapkan oleh Dinas Sosial kabupaten/kota',
    en: "Submissions are prepared by the regency's Dinas Sosial",
  },
  'submission.invalid_transition': {
    id: 'Langkah "{action}" tidak dapat dilakukan dari status "{state}". Langkah yang mungkin: {allowed}',
    en: 'Action "{action}" is not possible from state "{state}". Possible: {allowed}',
  },
  'submission.locked': {
    id: 'Surat pengesahan hanya dapat diunggah selama pengajuan masih draf atau dikembalikan',
    en: 'The approval letter can only be uploaded while the submission is a draft or returned',
  },
  'submission.missing_acknowledged_berita_acara': {
    id: 'Belum ada Berita Acara yang diterima kecamatan untuk periode ini',
    en: 'No Berita Acara acknowledged by a kecamatan for this period yet',
  },
  'submission.missing_approval_letter': {
    id: 'Surat pengesahan Bupati/Walikota belum diunggah',
    en: "The regent's/mayor's approval letter has not been uploaded",
  },
  'submission.missing_berita_acara': {
    id: 'Belum ada Berita Acara Musdes/Muskel yang ditandatangani untuk periode ini',
    en: 'No signed Musdes/Muskel Berita Acara for this period yet',
  },
  'submission.not_a_regency': {
    id: 'Pengajuan dibuat untuk satu kabupaten/kota',
    en: 'A submission is made for one regency or city',
  },
  'submission.role_not_allowed': {
    id: 'Peran {role} tidak berwenang melakukan "{action}"',
    en: 'Role {role} may not take action "{action}"',
  },
  'submission.unresolved': {
    id: 'Pengesahan ini belum mencakup semuanya: {villages} desa/kelurahan masih bermusyawarah, {without} desa/kelurahan belum mengadakan musyawarah, dan {usulan} usulan belum tuntas. Usulan tersebut tidak ikut ditetapkan periode ini dan berlanjut ke periode berikutnya. Periksa daftarnya, lalu kirim lagi dengan konfirmasi bila tetap ingin mengirim.',
    en: 'This pengesahan does not cover everything yet: {villages} villages are still deliberating, {without} villages have held no deliberation, and {usulan} proposals are unresolved. Those proposals are not determined in this period and go on in the next one. Check the list, then send again with confirmation if you still want to send it.',
  },
  'sync.change_exists': {
    id: 'Perubahan {id} sudah diterapkan pada data lain',
    en: 'Change {id} was already applied to another record',
  },
  'sync.conflict': {
    id: 'Data di server telah berubah sejak diunduh (versi {baseVersion}, sekarang {currentVersion}); pilih versi yang dipakai',
    en: 'The record changed on the server since it was downloaded (version {baseVersion}, now {currentVersion}); choose which version to keep',
  },
  'sync.musdes_decided': {
    id: 'Baris Musdes ini sudah diputuskan lain di server ({outcome}); pilih versi yang dipakai',
    en: 'This Musdes row was decided differently on the server ({outcome}); choose which version to keep',
  },
  'sync.photo_missing': {
    id: 'Foto {ref} tidak ikut terkirim; kirim ulang perubahan bersama fotonya',
    en: 'Photo {ref} was not sent; send the change again with its photo',
  },
  'sync.photo_too_large': {
    id: 'Foto {ref} terlalu besar ({size} byte; paling besar {max} byte)',
    en: 'Photo {ref} is too large ({size} bytes; at most {max} bytes)',
  },
  'territory.outside': {
    id: 'Desa/kelurahan ini di luar wilayah kerja Anda',
    en: 'This village is outside your territory',
  },
  'user.invalid_role': {
    id: 'Peran tidak dikenal: {role}',
    en: 'Unknown role: {role}',
  },
  'user.invalid_username': {
    id: '3–40 karakter: huruf kecil, angka, titik, garis bawah atau tanda hubung',
    en: '3–40 characters: lowercase letters, digits, dot, underscore or hyphen',
  },
  'user.role_region_mismatch': {
    id: 'Peran {role} harus terikat pada wilayah tingkat {levels} (0 = nasional, 4 = desa)',
    en: 'Role {role} must be bound to a region of level {levels} (0 = nation, 4 = village)',
  },
  'user.username_taken': {
    id: 'Nama pengguna {username} sudah dipakai',
    en: 'Username {username} is taken',
  },
  'usulan.household_already_proposed': {
    id: 'Rumah tangga ini sudah ada dalam usulan {kind} yang masih berjalan (periode {period}, status {state})',
    en: 'This household is already in an open {kind} proposal (period {period}, state {state})',
  },
  'usulan.household_fixed': {
    id: 'Rumah tangga yang diusulkan tidak dapat diganti pada draf; buat usulan baru',
    en: 'The household a draft proposes for cannot be changed; make a new proposal',
  },
  'usulan.household_removed': {
    id: 'Rumah tangga ini sudah tidak aktif di DTKS',
    en: 'This household is no longer active in DTKS',
  },
  'usulan.ineligible': {
    id: 'Rumah tangga NIK ini dinyatakan tidak layak (ditidaklayakkan) pada periode {period}: {reason}',
    en: "This NIK's household was declared ineligible in period {period}: {reason}",
  },
  'usulan.invalid_transition': {
    id: 'Langkah "{action}" tidak dapat dilakukan dari status "{state}". Langkah yang mungkin: {allowed}',
    en: 'Action "{action}" is not possible from state "{state}". Possible: {allowed}',
  },
  'usulan.kind_fixed': {
    id: 'Jenis usulan draf ini ({kind}) tidak dapat diganti; buat usulan baru',
    en: "This draft's kind ({kind}) cannot be changed; make a new proposal",
  },
  'usulan.kk_in_dtks': {
    id: 'Nomor KK ini sudah ada di DTKS{advice}',
    en: 'This KK number is already in DTKS{advice}',
  },
  'usulan.locked': {
    id: 'Lampiran hanya dapat ditambahkan saat usulan masih draf atau dikembalikan',
    en: 'Attachments can only be added while the proposal is a draft or returned',
  },
  'usulan.mandiri_file_limit': {
    id: 'Paling banyak {max} berkas untuk satu usulan',
    en: 'At most {max} files for one proposal',
  },
  'usulan.mandiri_limit_open': {
    id: 'Anda sudah memiliki {max} usulan yang masih diproses; tunggu hasil salah satunya',
    en: 'You already have {max} proposals being handled; wait for the outcome of one of them',
  },
  'usulan.mandiri_limit_recent': {
    id: 'Batas {max} usulan dalam {days} hari untuk satu akun sudah tercapai; coba lagi nanti',
    en: 'The limit of {max} proposals in {days} days for one account has been reached; try again later',
  },
  'usulan.mandiri_locked': {
    id: 'Berkas hanya dapat ditambahkan selama usulan belum diajukan desa/kelurahan',
    en: 'Files can only be added while the village has not submitted the proposal',
  },
  'usulan.mandiri_no_record': {
    id: 'Data Anda belum ada di DTKS; ajukan usulan baru untuk keluarga Anda',
    en: 'Your data is not in DTKS yet; propose your family as a new household instead',
  },
  'usulan.missing_attachment': {
    id: 'Lampiran wajib belum diunggah: {label}',
    en: 'Required attachment missing: {label}',
  },
  'usulan.nik_already_proposed': {
    id: 'NIK ini sudah ada dalam usulan lain yang masih berjalan (periode {period}, status {state})',
    en: 'This NIK is already in another open proposal (period {period}, state {state})',
  },
  'usulan.nik_in_dtks': {
    id: 'NIK ini sudah terdaftar di DTKS desa ini{advice}',
    en: 'This NIK is already in DTKS in this village{advice}',
  },
  'usulan.nik_registered_elsewhere': {
    id: 'NIK ini masih terdaftar di DTKS desa {villageCode}; usulkan di sana dulu keluar (pindah), baru usulkan di sini',
    en: 'This NIK is still registered in DTKS in village {villageCode}; propose its removal (moved out) there first, then propose it here',
  },
  'usulan.no_changes': {
    id: 'Tidak ada perubahan yang diusulkan',
    en: 'No changes proposed',
  },
  'usulan.not_a_draft': {
    id: 'Usulan hanya dapat diubah selama masih draf',
    en: 'A proposal can only be edited while it is a draft',
  },
  'usulan.operator_only': {
    id: 'Usulan dibuat oleh operator desa/kelurahan',
    en: 'Proposals are made by a village operator',
  },
  'usulan.role_not_allowed': {
    id: 'Peran {role} tidak berwenang melakukan "{action}"',
    en: 'Role {role} may not take action "{action}"',
  },
  'usulan.unknown_member': {
    id: 'Anggota rumah tangga tidak ditemukan',
    en: 'Household member not found',
  },
  'usulan.withdrawal_note': {
    id: 'Tuliskan alasan penarikan usulan (paling sedikit 3 huruf); alasan ini disimpan bersama usulan',
    en: 'Write why the proposal is withdrawn (at least 3 characters); the reason is kept with the proposal',
  },
  'usulan.submit_online': {
    id: 'Usulan dikirim atau ditarik di DTKS daring, tidak di instalasi luring: drafnya dibawa ke DTKS dengan paket perubahan lapangan, lalu operator desa mengirimnya di sana',
    en: 'Proposals are submitted or withdrawn in the online DTKS, not on an offline installation: the draft travels in the field-changes bundle and the village operator submits it there',
  },
  'usulan.revise_online': {
    id: 'Usulan yang dikembalikan dibuka kembali sebagai draf di DTKS daring, tidak di instalasi luring: operator desa membukanya di sana',
    en: 'A returned proposal is reopened as a draft in the online DTKS, not on an offline installation: the village operator reopens it there',
  },
  'usulan.window_closed': {
    id: 'Usulan hanya dapat dikirim tanggal {opens}–{closes} setiap bulan. Periode berikutnya: {opens2} s.d. {closes2}. Draf tetap tersimpan.',
    en: 'Proposals can only be submitted from day {opens} to {closes} of each month. Next window: {opens2} to {closes2}. The draft is kept.',
  },
  'visit.already_assigned': {
    id: 'Rumah tangga ini sudah memiliki kunjungan yang berjalan; batalkan dulu bila ingin menugaskan ulang',
    en: 'This household already has an open visit; cancel it first to reassign',
  },
  'visit.dinsos_only': {
    id: 'Kunjungan verivali ditugaskan oleh Dinas Sosial kabupaten/kota',
    en: 'Verivali visits are assigned by the regency Dinas Sosial',
  },
  'visit.duplicate_member': {
    id: 'Anggota yang sama tercatat dua kali',
    en: 'The same member is listed twice',
  },
  'visit.household_removed': {
    id: 'Rumah tangga ini sudah tidak aktif di DTKS; kunjungan tidak dapat ditugaskan',
    en: 'This household is no longer active in DTKS; no visit can be assigned',
  },
  'visit.instrument_required': {
    id: 'Rumah tangga ditemukan: isi instrumen rumah tangga dan anggotanya',
    en: 'The household was found: fill in the household instrument and its members',
  },
  'visit.invalid_transition': {
    id: 'Langkah "{action}" tidak dapat dilakukan dari status "{state}". Langkah yang mungkin: {allowed}',
    en: 'Action "{action}" is not possible from state "{state}". Possible: {allowed}',
  },
  'visit.kk_registered_elsewhere': {
    id: 'Nomor KK ini terdaftar di DTKS untuk rumah tangga lain',
    en: 'This KK number is registered in DTKS for another household',
  },
  'visit.locked': {
    id: 'Foto hanya dapat ditambahkan selama kunjungan belum diterima atau dibatalkan',
    en: 'Photos can only be added while the visit is neither accepted nor cancelled',
  },
  'visit.member_already_in_household': {
    id: 'NIK ini milik anggota {sameName} yang sudah ada; pilih anggota tersebut, jangan menambah baru',
    en: 'This NIK belongs to existing member {sameName}; update that member instead of adding one',
  },
  'visit.member_not_listed': {
    id: 'Anggota tidak dicatat pada kunjungan dan tetap seperti di DTKS: {unlisted}. Bila sudah tidak tinggal di sini, usulkan keluar secara terpisah.',
    en: 'Members not recorded at the visit stay as DTKS has them: {unlisted}. If they no longer live here, propose their removal separately.',
  },
  'visit.nik_registered_elsewhere': {
    id: 'NIK ini terdaftar di DTKS pada rumah tangga lain',
    en: 'This NIK is registered in DTKS with another household',
  },
  'visit.officer_not_eligible': {
    id: 'Petugas harus pengguna aktif berperan petugas yang wilayah kerjanya mencakup desa rumah tangga ini',
    en: "The officer must be an active user with the petugas role whose territory covers the household's village",
  },
  'visit.proposal_not_accepted': {
    id: 'Hanya usulan yang disetujui Musdes/Muskel yang dapat dikunjungi; status usulan ini "{state}"',
    en: 'Only proposals accepted by the Musdes/Muskel can be visited; this proposal is "{state}"',
  },
  'visit.role_not_allowed': {
    id: 'Peran {role} tidak berwenang melakukan "{action}"',
    en: 'Role {role} may not take action "{action}"',
  },
  'visit.target_required': {
    id: 'Sebutkan salah satu: usulanId (usulan yang disetujui Musdes) atau householdId (rumah tangga DTKS)',
    en: 'Give exactly one of usulanId (a proposal accepted by the Musdes) or householdId (a DTKS household)',
  },
  'visit.unknown_member': {
    id: 'Anggota ini bukan anggota aktif rumah tangga yang dikunjungi',
    en: 'This is not an active member of the visited household',
  },
  'wage.region_level': {
    id: 'Upah minimum ditetapkan untuk provinsi (UMP) atau kabupaten/kota (UMK); {code} bukan keduanya.',
    en: 'A minimum wage is set for a province (UMP) or a regency/city (UMK); {code} is neither.',
  },
} as const satisfies Table;

export type MessageCode = keyof typeof MESSAGES;
export type MessageParams<C extends MessageCode> = ParamsOf<typeof MESSAGES, C>;
export type MessageArgs<C extends MessageCode> = ArgsOf<typeof MESSAGES, C>;

/** Names of records and things that texts mention (`{what} not found`, `outside your territory`). */
export const LABELS = {
  'allowed.sex': { id: 'M (laki-laki) atau F (perempuan)', en: 'M (male) or F (female)' },
  'allowed.yes_no': { id: 'ya (true) atau tidak (false)', en: 'yes (true) or no (false)' },
  and: { id: 'dan', en: 'and' },
  'answer.no': { id: 'Tidak', en: 'No' },
  'answer.yes': { id: 'Ya', en: 'Yes' },
  'audit_checkpoint.empty': {
    id: 'berkas kosong',
    en: 'the file is empty',
  },
  'audit_checkpoint.field': {
    id: 'baris {line}, {field}: {problem}',
    en: 'line {line}, {field}: {problem}',
  },
  'audit_checkpoint.not_json': {
    id: 'baris {line} bukan JSON',
    en: 'line {line} is not JSON',
  },
  'audit_checkpoint.unreadable': {
    id: '{path} tidak dapat dibaca ({cause})',
    en: '{path} cannot be read ({cause})',
  },
  birth_date: { id: 'tanggal lahir', en: 'birth date' },
  'csv.did_you_mean': { id: '; maksudnya "{hint}"?', en: '; did you mean "{hint}"?' },
  'csv.header.duplicate': { id: 'kolom ganda', en: 'repeated columns' },
  'csv.header.empty': { id: 'kolom tanpa nama', en: 'unnamed columns' },
  'csv.header.missing': { id: 'kolom wajib tidak ada', en: 'missing required columns' },
  'csv.header.unknown': { id: 'kolom tidak dikenal', en: 'unknown columns' },
  'csv.numeric_code': { id: ' (kode angka)', en: ' (numeric code)' },
  'date.day_impossible': {
    id: 'tanggal {day} tidak mungkin (harus {range})',
    en: 'day {day} is impossible (must be {range})',
  },
  'date.day_range': { id: '01–31', en: '01–31' },
  'date.day_range_nik': {
    id: '01–31 untuk laki-laki, 41–71 untuk perempuan',
    en: '01–31 for men, 41–71 for women',
  },
  'date.month_impossible': {
    id: 'bulan {month} tidak mungkin (harus 01–12)',
    en: 'month {month} is impossible (must be 01–12)',
  },
  'date.not_exist': {
    id: 'tanggal {day} {month} {year} tidak ada{leapNote}',
    en: '{month} {day}, {year} does not exist{leapNote}',
  },
  'date.not_leap_year': { id: ' ({year} bukan tahun kabisat)', en: ' ({year} is not a leap year)' },
  'held.in_dtks': { id: 'terdaftar di DTKS', en: 'registered in DTKS' },
  'held.ineligible': {
    id: 'pada rumah tangga yang ditidaklayakkan',
    en: 'in a household declared ineligible',
  },
  'held.open_usulan': { id: 'ada dalam usulan yang masih berjalan', en: 'in an open proposal' },
  'held.ppks': { id: 'terdaftar sebagai PPKS', en: 'registered as PPKS' },
  'held.psks': { id: 'terdaftar sebagai PSKS', en: 'registered as PSKS' },
  'job_kind.bundle_import': { id: 'Impor paket .siks', en: '.siks bundle import' },
  'job_kind.distribution_batch': {
    id: 'Penyerahan data KPM ke PT Pos',
    en: 'Hand-over of KPM records to PT Pos',
  },
  'job_kind.distribution_invitations': {
    id: 'Undangan penyaluran per desa (PDF)',
    en: 'Distribution invitations per village (PDF)',
  },
  'job_kind.aid_source_import': {
    id: 'Impor daftar sumber bansos/subsidi',
    en: 'Aid or subsidy source list import',
  },
  'job_kind.dci_callback': { id: 'Callback DCI ke sistem mitra', en: 'DCI callback to a partner system' },
  'job_kind.walim_reply': { id: 'Balasan WALIM lewat WhatsApp', en: 'WALIM reply over WhatsApp' },
  'job_kind.dukcapil_match': { id: 'Pencocokan Dukcapil', en: 'Dukcapil matching' },
  'job_kind.dukcapil_service_match': {
    id: 'Pencocokan lewat layanan Dukcapil',
    en: 'Dukcapil matching through its service',
  },
  'job_kind.household_export': { id: 'Ekspor rumah tangga (CSV)', en: 'Household export (CSV)' },
  'job_kind.household_import': { id: 'Impor rumah tangga (CSV)', en: 'Household import (CSV)' },
  'job_kind.penetapan_determine': { id: 'Penetapan DTKS', en: 'DTKS determination' },
  'job_kind.ranking_rank': { id: 'Pemeringkatan desil', en: 'Decile ranking' },
  'job_kind.recipients_compute': {
    id: 'Penghitungan calon penerima bansos',
    en: 'Bansos candidates computation',
  },
  kk_number: { id: 'Nomor KK', en: 'KK number' },
  'import.kk': { id: ' KK {kk}', en: ' (KK {kk})' },
  'level.district': { id: 'kecamatan', en: 'district' },
  'level.province': { id: 'provinsi', en: 'province' },
  'level.regency': { id: 'kabupaten/kota', en: 'regency/city' },
  'level.village': { id: 'desa/kelurahan', en: 'village' },
  'musdes.closed': { id: 'musyawarah berstatus "{state}"', en: 'the deliberation is "{state}"' },
  'musdes.not_open': {
    id: 'musyawarah belum dibuka; buka dulu untuk membuat prelist awal',
    en: 'the deliberation is not open yet; open it to generate the prelist awal',
  },
  'musdes.prelist_akhir_ready': {
    id: 'prelist akhir tersedia setelah musyawarah ditutup',
    en: 'the prelist akhir is available once the deliberation is closed',
  },
  'musdes.prelist_awal_ready': {
    id: 'prelist awal dibuat saat musyawarah dibuka',
    en: 'the prelist awal is generated when the deliberation is opened',
  },
  'musdes.run': { id: 'mengelola musyawarah desa/kelurahan', en: 'run a village deliberation' },
  national_office: { id: 'nasional', en: 'the national office' },
  'next_step.acknowledgement.acknowledged': {
    id: 'Selesai di kecamatan: Camat sudah mengetahui Berita Acara ini; Dinas Sosial kabupaten/kota dapat menyertakannya dalam pengesahan.',
    en: "Done at the district: the Camat has acknowledged this Berita Acara; the regency's Dinas Sosial may include it in its pengesahan.",
  },
  'next_step.acknowledgement.pending': {
    id: 'Camat (kecamatan) memeriksa Berita Acara bertanda tangan ini lalu mengetahuinya atau mengembalikannya ke desa.',
    en: 'The Camat (district) reviews this signed Berita Acara, then acknowledges it or returns it to the village.',
  },
  'next_step.acknowledgement.returned': {
    id: 'Desa memperbaiki sesuai catatan Camat lalu mengunggah lagi pindaian Berita Acara bertanda tangan.',
    en: 'The village makes the corrections the Camat noted, then uploads the signed Berita Acara scan again.',
  },
  'next_step.musdes.closed': {
    id: 'Kepala Desa/Lurah menandatangani Berita Acara, lalu operator desa mengunggah pindaiannya. Sebelum itu Kepala Desa/Lurah masih dapat membuka kembali musyawarah.',
    en: 'The village head signs the Berita Acara, then the village operator uploads the scan. Until then the village head may still reopen the deliberation.',
  },
  'next_step.musdes.draft': {
    id: 'Operator desa atau Kepala Desa/Lurah membuka musyawarah; prelist awal dibuat saat dibuka.',
    en: 'The village operator or the village head opens the deliberation; the prelist awal is generated when it opens.',
  },
  'next_step.musdes.open': {
    id: 'Musyawarah memberi keputusan untuk setiap baris prelist, lalu operator atau Kepala Desa/Lurah menutupnya. Usulan yang diajukan selama musyawarah terbuka langsung masuk prelist.',
    en: 'The deliberation decides every prelist row, then the operator or the village head closes it. Proposals submitted while it is open join the prelist at once.',
  },
  'next_step.musdes.signed': {
    id: 'Selesai di desa: Dinas Sosial kabupaten/kota menyertakan Berita Acara ini dalam pengesahan. Usulan yang diajukan sekarang dibawa ke musyawarah periode berikutnya.',
    en: "Done in the village: the regency's Dinas Sosial includes this Berita Acara in its pengesahan. Proposals submitted now are carried over to the next period's deliberation.",
  },
  'next_step.period.determined': {
    id: 'Selesai: SK penetapan sudah terbit dan data ini menjadi dasar program. Pusdatin dapat menetapkan periode berikutnya.',
    en: 'Done: the decree (SK) is issued and this data is the base for the programmes. Pusdatin may determine the next period.',
  },
  'next_step.period.open': {
    id: 'Pusdatin Kemensos menetapkan periode ini setelah kabupaten/kota mengirim pengesahan; periode ditetapkan berurutan.',
    en: 'Pusdatin determines this period once the regencies have sent their pengesahan; periods are determined in order.',
  },
  'next_step.submission.at_province': {
    id: 'Dinas Sosial provinsi memeriksa pengesahan ini lalu meneruskannya ke Pusdatin atau mengembalikannya ke kabupaten/kota dengan catatan.',
    en: 'The provincial Dinas Sosial reviews this pengesahan, then forwards it to Pusdatin or returns it to the regency with a note.',
  },
  'next_step.submission.determined': {
    id: 'Selesai: data kabupaten/kota ini sudah masuk penetapan DTKS periode ini.',
    en: "Done: this regency's data is part of the period's DTKS determination.",
  },
  'next_step.submission.draft': {
    id: 'Dinas Sosial kabupaten/kota mengunggah surat pengesahan Bupati/Walikota lalu mengirim pengesahan; desa yang belum selesai dan usulan yang belum tuntas akan ditampilkan untuk dikonfirmasi.',
    en: "The regency's Dinas Sosial uploads the regent's/mayor's approval letter, then sends the pengesahan; villages not done yet and unresolved proposals are listed for confirmation.",
  },
  'next_step.submission.returned': {
    id: 'Dinas Sosial kabupaten/kota memperbaiki sesuai catatan Pusdatin lalu mengirim pengesahan lagi.',
    en: "The regency's Dinas Sosial makes the corrections Pusdatin noted, then sends the pengesahan again.",
  },
  'next_step.submission.submitted': {
    id: 'Pusdatin Kemensos memeriksa pengesahan ini lalu menetapkan DTKS periode ini, atau mengembalikannya dengan catatan.',
    en: "Pusdatin checks this pengesahan, then determines the period's DTKS or returns it with a note.",
  },
  'next_step.usulan.approved': {
    id: 'Dinas Sosial mengirim pengesahan kabupaten/kota; Pusdatin Kemensos lalu menetapkannya dalam penetapan bulanan.',
    en: "The Dinas Sosial sends the regency's pengesahan; Pusdatin then determines it in the monthly penetapan.",
  },
  'next_step.usulan.determined': {
    id: 'Selesai: perubahan ini sudah masuk DTKS yang ditetapkan.',
    en: 'Done: this change is part of the determined DTKS.',
  },
  'next_step.usulan.draft': {
    id: 'Operator desa melengkapi data dan lampiran, lalu mengajukan usulan dalam masa usulan bulanan.',
    en: 'The village operator completes the data and attachments, then submits within the monthly proposal window.',
  },
  'next_step.usulan.musdes_accepted': {
    id: 'Dinas Sosial kabupaten/kota menugaskan petugas untuk kunjungan verifikasi dan validasi (verivali).',
    en: "The regency's Dinas Sosial assigns an officer for the verification visit (verivali).",
  },
  'next_step.usulan.musdes_rejected': {
    id: 'Selesai: musyawarah tidak menerima usulan ini. Operator desa dapat mengajukan usulan baru bila keadaan berubah.',
    en: 'Done: the deliberation did not accept this proposal. The village operator may propose again if circumstances change.',
  },
  'next_step.usulan.not_eligible': {
    id: 'Selesai: hasil verivali menyatakan tidak layak. Operator desa dapat mengajukan lagi bila keadaan berubah.',
    en: 'Done: the verification visit found the household not eligible. The village operator may propose again if circumstances change.',
  },
  'next_step.usulan.returned': {
    id: 'Operator desa memperbaiki usulan sesuai catatan Dinas Sosial lalu mengajukannya lagi, atau menariknya dengan penjelasan.',
    en: 'The village operator revises the proposal as the Dinas Sosial noted and submits it again, or withdraws it with an explanation.',
  },
  'next_step.usulan.submitted': {
    id: 'Musdes/Muskel desa memutuskan usulan ini (Kepala Desa/Lurah atau operator mencatat keputusannya). Bila musyawarah periodenya sudah ditutup, usulan dibawa ke periode berikutnya.',
    en: "The village deliberation (Musdes/Muskel) decides this proposal (the village head or operator records it). If that period's deliberation is already closed, the proposal is carried over to the next period.",
  },
  'next_step.usulan.verified': {
    id: 'Dinas Sosial kabupaten/kota memeriksa hasil kunjungan lalu menyetujui usulan atau mengembalikannya ke desa.',
    en: "The regency's Dinas Sosial reviews the visit, then approves the proposal or returns it to the village.",
  },
  'next_step.usulan.withdrawn': {
    id: 'Selesai: usulan ditarik. Operator desa dapat membuat usulan baru bila diperlukan.',
    en: 'Done: the proposal was withdrawn. The village operator may make a new one if needed.',
  },
  'next_step.visit.accepted': {
    id: 'Selesai: hasil kunjungan diterima; Dinas Sosial lalu menyetujui usulannya atau mengembalikannya ke desa.',
    en: 'Done: the visit was accepted; the Dinas Sosial then approves the proposal or returns it to the village.',
  },
  'next_step.visit.assigned': {
    id: 'Petugas mengunjungi rumah tangga dan mencatat hasil instrumen; Dinas Sosial dapat membatalkan kunjungan.',
    en: 'The field officer visits the household and records the instrument; the Dinas Sosial may cancel the visit.',
  },
  'next_step.visit.cancelled': {
    id: 'Selesai: kunjungan dibatalkan; Dinas Sosial dapat menugaskan kunjungan baru.',
    en: 'Done: the visit was cancelled; the Dinas Sosial may assign a new one.',
  },
  'next_step.visit.visited': {
    id: 'Dinas Sosial kabupaten/kota memeriksa hasil kunjungan: menerimanya atau meminta kunjungan ulang.',
    en: "The regency's Dinas Sosial reviews the visit: accepts it or asks for a new visit.",
  },
  nik: { id: 'NIK', en: 'NIK' },
  'nik.day_plus_40': { id: 'tanggal lahir ditambah 40', en: 'birth day plus 40' },
  'nik.day_without_40': { id: 'tanggal lahir tanpa tambahan 40', en: 'birth day without the +40' },
  none: { id: '(tidak ada)', en: '(none)' },
  'number.any': { id: 'angka', en: 'a number' },
  'number.whole': { id: 'bilangan bulat', en: 'a whole number' },
  'pdf.filter': { id: 'aliran objek memakai filter {filter}', en: 'an object stream uses {filter}' },
  'pdf.indirect_filter': {
    id: 'aliran objek memakai filter tidak langsung',
    en: 'an object stream uses an indirect filter',
  },
  'pdf.no_inflate': { id: 'aliran objek tidak dapat didekompresi', en: 'an object stream does not inflate' },
  'pdf.predictor': {
    id: 'aliran objek memakai prediktor {predictor}',
    en: 'an object stream uses predictor {predictor}',
  },
  'pdf.too_big': {
    id: 'aliran objek terurai menjadi lebih dari 64 MiB',
    en: 'object streams decode to more than 64 MiB',
  },
  pregnancy: { id: 'Status hamil', en: 'Pregnancy' },
  'programme.benefit.cash_components': {
    id: 'Uang tunai per komponen (PKH)',
    en: 'Cash per component (PKH)',
  },
  'programme.benefit.cash_monthly': { id: 'Uang tunai terjadwal', en: 'Scheduled cash' },
  'programme.benefit.membership': {
    id: 'Kepesertaan (iuran dibayar pemerintah), tanpa uang tunai',
    en: 'Membership (premium paid by the government), no cash',
  },
  'programme.benefit.per_member': {
    id: 'Per anggota yang memenuhi syarat',
    en: 'Per qualifying member',
  },
  'programme.door.province': { id: 'Dinas Sosial provinsi', en: 'Provincial Dinas Sosial' },
  'programme.door.pusdatin': { id: 'Pusdatin Kemensos', en: 'Pusdatin (Ministry of Social Affairs)' },
  'programme.exclusion.deceased': { id: 'Meninggal dunia', en: 'Deceased' },
  'programme.exclusion.employer': {
    id: 'Anggota keluarga ASN/TNI/Polri/BUMN-BUMD/anggota legislatif',
    en: 'A family member is ASN/TNI/Polri/BUMN-BUMD staff or a legislator',
  },
  'programme.exclusion.ineligible': {
    id: 'Ditidaklayakkan oleh Pemerintah Daerah',
    en: 'Declared ineligible by the local government',
  },
  'programme.exclusion.min_wage': {
    id: 'Anggota keluarga berpenghasilan sama dengan atau di atas upah minimum (UMP/UMK)',
    en: 'A family member earns at least the regional minimum wage (UMP/UMK)',
  },
  'programme.exclusion.moved': {
    id: 'Pindah tempat tinggal keluar wilayah',
    en: 'Moved out of the region',
  },
  'programme.exclusion.no_component': {
    id: 'Tidak lagi memiliki komponen PKH',
    en: 'No PKH component left',
  },
  'programme.exclusion.opted_out': {
    id: 'Mengundurkan diri secara sukarela',
    en: 'Withdrew voluntarily',
  },
  'programme.exclusion.removed': { id: 'Dikeluarkan dari DTKS', en: 'Removed from DTKS' },
  'programme.level.household': { id: 'rumah tangga', en: 'household' },
  'programme.level.member': { id: 'anggota', en: 'member' },
  'programme.owner.national': { id: 'Pusdatin (nasional)', en: 'Pusdatin (national)' },
  'programme.owner.province': { id: 'provinsi {code}', en: 'province {code}' },
  'programme.rule.all': { id: 'semua berikut: {items}', en: 'all of: {items}' },
  'programme.rule.any': { id: 'salah satu dari: {items}', en: 'any of: {items}' },
  'programme.rule.compare': { id: '{variable} {op} {value}', en: '{variable} {op} {value}' },
  'programme.rule.count_members': {
    id: 'jumlah anggota dengan [{rule}] {op} {value}',
    en: 'number of members with [{rule}] {op} {value}',
  },
  'programme.rule.in': { id: '{variable} salah satu dari: {values}', en: '{variable} is one of: {values}' },
  'programme.rule.no': { id: 'tidak', en: 'no' },
  'programme.rule.not': { id: 'bukan [{rule}]', en: 'not [{rule}]' },
  'programme.rule.some_member': { id: 'ada anggota dengan [{rule}]', en: 'some member with [{rule}]' },
  'programme.rule.yes': { id: 'ya', en: 'yes' },
  'programme.scope.national': { id: 'nasional', en: 'national' },
  'programme.scope.province': { id: 'provinsi', en: 'provincial' },
  'programme.scope.regency': { id: 'kabupaten/kota', en: 'regency' },
  'programme.type.coded': { id: 'kode dari buku kode', en: 'a code of the codebook' },
  'programme.type.count': { id: 'bilangan bulat ≥ 0', en: 'a whole number ≥ 0' },
  'programme.type.flag': { id: 'true atau false', en: 'true or false' },
  'programme.type.number': { id: 'angka', en: 'a number' },
  'programme.type.sex': { id: '"M" atau "F"', en: '"M" or "F"' },
  'programme.var.age': { id: 'Umur (tahun, akhir periode)', en: 'Age (years, end of the period)' },
  'programme.var.criteria14': { id: 'Jumlah kriteria kemiskinan BPS', en: 'BPS poverty criteria met' },
  'programme.var.decile_national': { id: 'Desil nasional', en: 'National decile' },
  'programme.var.decile_province': { id: 'Desil provinsi', en: 'Provincial decile' },
  'programme.var.decile_regency': { id: 'Desil kabupaten/kota', en: 'Regency decile' },
  'programme.var.has_kks': { id: 'Memiliki KKS', en: 'Holds a KKS card' },
  'programme.var.member_count': { id: 'Jumlah anggota rumah tangga', en: 'Household members' },
  'programme.var.monthly_income': { id: 'Pendapatan per bulan (Rp)', en: 'Monthly income (Rp)' },
  'programme.var.pregnant': { id: 'Sedang hamil', en: 'Pregnant' },
  'programme.var.sex': { id: 'Jenis kelamin', en: 'Sex' },
  'programme.why.amount': {
    id: 'Manfaat {amount} per tahun, dibayar pada bulan {months}',
    en: 'Benefit {amount} a year, paid in {months}',
  },
  'programme.why.capped': {
    id: '{count} komponen, dibatasi menjadi {max}',
    en: '{count} components, capped to {max}',
  },
  'programme.why.component': {
    id: '{count} × {component}: {amount} per tahun',
    en: '{count} × {component}: {amount} a year',
  },
  'programme.why.decile_in': {
    id: 'Desil {decile} ({scope}) termasuk sasaran desil {min}–{max}',
    en: 'Decile {decile} ({scope}) is within the target deciles {min}–{max}',
  },
  'programme.why.decile_out': {
    id: 'Desil {decile} ({scope}) di luar sasaran desil {min}–{max}',
    en: 'Decile {decile} ({scope}) is outside the target deciles {min}–{max}',
  },
  'programme.why.excluded': { id: 'Dikecualikan: {exclusion}', en: 'Excluded: {exclusion}' },
  'programme.why.excluded_member': {
    id: 'Dikecualikan: {exclusion} ({member})',
    en: 'Excluded: {exclusion} ({member})',
  },
  'programme.why.membership': {
    id: 'Kepesertaan (iuran dibayar pemerintah), tanpa uang tunai',
    en: 'Membership (premium paid by the government), no cash',
  },
  'programme.why.no_component': { id: 'Tidak ada komponen PKH', en: 'No PKH component' },
  'programme.why.no_member': {
    id: 'Tidak ada anggota yang memenuhi: {component}',
    en: 'No member qualifies: {component}',
  },
  'programme.why.not_ranked': {
    id: 'Rumah tangga tidak memiliki desil pada periode ini',
    en: 'The household has no decile in this period',
  },
  'programme.why.outside_province': {
    id: 'Rumah tangga berada di luar provinsi program ({province})',
    en: "The household is outside the programme's province ({province})",
  },
  'programme.why.rule_failed': { id: 'Tidak terpenuhi: {rule}', en: 'Not met: {rule}' },
  'programme.why.rule_met': { id: 'Terpenuhi: {rule}', en: 'Met: {rule}' },
  'record.programme': { id: 'Program bansos', en: 'Assistance programme' },
  'record.aid_source': { id: 'Sumber bansos/subsidi', en: 'Aid or subsidy source' },
  'record.attachment': { id: 'Lampiran', en: 'Attachment' },
  'record.attachment_preview': { id: 'Pratinjau lampiran', en: 'Attachment preview' },
  'record.berita_acara': { id: 'Berita Acara', en: 'Berita Acara' },
  'record.bundle_key': { id: 'Kunci tepercaya', en: 'Trusted key' },
  'record.bundle_upload': { id: 'Berkas paket unggahan', en: 'Uploaded bundle' },
  'record.citizen_account': { id: 'Akun warga', en: 'Citizen account' },
  'record.determined_period': { id: 'Periode penetapan', en: 'Determined period' },
  'record.distribution_batch': { id: 'Batch penyaluran', en: 'Distribution batch' },
  'record.distribution_point': { id: 'Titik salur', en: 'Distribution point' },
  'record.distribution_record': { id: 'Data KPM penyaluran', en: 'Distribution record' },
  'record.dukcapil_import': { id: 'Impor Dukcapil', en: 'Dukcapil import' },
  'record.dukcapil_match': { id: 'Baris pencocokan Dukcapil', en: 'Dukcapil match row' },
  'record.duplicate_candidate': {
    id: 'Kandidat data ganda',
    en: 'Duplicate candidate',
  },
  'record.household': { id: 'Rumah tangga', en: 'Household' },
  'record.ineligible_declaration': {
    id: 'Pernyataan tidak layak',
    en: 'Declaration of ineligibility',
  },
  'record.job': { id: 'Pekerjaan', en: 'Job' },
  'record.opt_out': { id: 'Pengunduran diri dari program', en: 'Programme opt-out' },
  'record.member': { id: 'Anggota rumah tangga', en: 'Household member' },
  'record.musdes': { id: 'Musyawarah desa/kelurahan', en: 'Village deliberation' },
  'record.person': { id: 'Orang dengan NIK ini', en: 'Person with this NIK' },
  'record.ppks': { id: 'Data PPKS', en: 'PPKS record' },
  'record.prelist_row': { id: 'Baris prelist', en: 'Prelist row' },
  'record.psks': { id: 'Data PSKS', en: 'PSKS record' },
  'record.regency': { id: 'Kabupaten/kota', en: 'Regency' },
  'record.regency_code': { id: 'Kabupaten/kota {code}', en: 'Regency {code}' },
  'record.ranking_model': { id: 'Model pemeringkatan', en: 'Ranking model' },
  'record.recipient_proposal': { id: 'Usulan penerima bansos', en: 'Recipient proposal' },
  'record.ranked_period': { id: 'Periode berperingkat', en: 'Ranked period' },
  'record.region': { id: 'Wilayah', en: 'Region' },
  'record.region_code': { id: 'Wilayah {code}', en: 'Region {code}' },
  'record.report': { id: 'Laporan', en: 'Report' },
  'record.sanggah': { id: 'Sanggahan', en: 'Objection (sanggah)' },
  'record.sanggah_target': { id: 'Penerima bansos di desa/kelurahan Anda', en: 'Recipient in your village' },
  'record.sk': { id: 'SK penetapan', en: 'Determination decree (SK)' },
  'record.submission': { id: 'Pengajuan pengesahan', en: 'Submission' },
  'record.user': { id: 'Pengguna', en: 'User' },
  'record.usulan': { id: 'Usulan', en: 'Proposal' },
  'record.village': { id: 'Desa/kelurahan', en: 'Village' },
  'record.visit': { id: 'Kunjungan', en: 'Visit' },
  recording_date: { id: 'tanggal pencatatan', en: 'recording date' },
  'region_code.digits': {
    id: 'harus terdiri dari 2, 4, 6 atau 10 angka',
    en: 'it must consist of 2, 4, 6 or 10 digits',
  },
  'region_code.district_zero': { id: 'kode kecamatan 00', en: 'district part is 00' },
  'region_code.empty': { id: 'kosong', en: 'it is empty' },
  'region_code.province_zero': { id: 'kode provinsi 00', en: 'province part is 00' },
  'region_code.regency_zero': { id: 'kode kabupaten/kota 00', en: 'regency part is 00' },
  'region_code.village_serial': {
    id: 'nomor urut desa harus 001–999',
    en: 'the village serial must be 001–999',
  },
  'region_code.village_type': {
    id: 'digit pertama kode desa (jenis desa/kelurahan) harus 1–9',
    en: 'the first digit of the village part (village type) must be 1–9',
  },
  'region_parts.many': { id: 'kode {parts}', en: '{parts} codes' },
  'region_parts.one': { id: 'kode {parts}', en: '{parts} code' },
  sex: { id: 'Jenis kelamin', en: 'Sex' },
  'sanggah.state.investigating': {
    id: 'Sedang diperiksa Dinas Sosial',
    en: 'Being investigated by the Dinas Sosial',
  },
  'sanggah.state.rejected': { id: 'Ditolak', en: 'Rejected' },
  'sanggah.state.submitted': {
    // Not "Diterima": for an objection that word means upheld (the staff's "Terima sanggahan").
    id: 'Terkirim, menunggu pemeriksaan Dinas Sosial',
    en: 'Sent, waiting for the Dinas Sosial',
  },
  'sanggah.state.upheld': {
    id: 'Diterima: keluarga dinyatakan tidak layak',
    en: 'Upheld: the family was declared ineligible',
  },
  'sanggah.state.withdrawn': { id: 'Dibatalkan oleh Anda', en: 'Withdrawn by you' },
  'sex.female': { id: 'perempuan', en: 'female' },
  'sex.male': { id: 'laki-laki', en: 'male' },
  'sync.undecided': { id: 'belum diputuskan', en: 'undecided' },
  'title.400': { id: 'Permintaan tidak valid', en: 'Invalid request' },
  'title.401': { id: 'Perlu masuk', en: 'Authentication required' },
  'title.403': { id: 'Tidak diizinkan', en: 'Forbidden' },
  'title.404': { id: 'Tidak ditemukan', en: 'Not found' },
  'title.405': { id: 'Metode tidak diizinkan', en: 'Method not allowed' },
  'title.409': { id: 'Konflik', en: 'Conflict' },
  'title.413': { id: 'Data terlalu besar', en: 'Payload too large' },
  'title.415': { id: 'Jenis konten tidak didukung', en: 'Unsupported media type' },
  'title.429': { id: 'Terlalu banyak permintaan', en: 'Too many requests' },
  'title.500': { id: 'Kesalahan server', en: 'Server error' },
  'todo.berita_acara_to_acknowledge': {
    id: '{count} Berita Acara desa periode {period} menunggu tanda terima kecamatan',
    en: 'Village Berita Acara of {period} waiting for acknowledgement by the district: {count}',
  },
  'todo.citizen_accounts': {
    id: '{count} akun warga menunggu verifikasi',
    en: 'Citizen accounts to verify: {count}',
  },
  'todo.dukcapil_findings': {
    id: '{count} temuan Dukcapil belum diselesaikan',
    en: 'Dukcapil findings to resolve: {count}',
  },
  'todo.musdes_to_close': {
    id: '{count} Musdes/Muskel masih berlangsung, perlu diputuskan dan ditutup',
    en: 'Musdes/Muskel sessions still open, to decide and close: {count}',
  },
  'todo.musdes_to_sign': {
    id: '{count} Berita Acara perlu diunggah setelah ditandatangani',
    en: 'Berita Acara to upload once signed: {count}',
  },
  'todo.recipients_returned': {
    id: '{count} usulan penerima bansos dikembalikan untuk diperbaiki',
    en: '{count} bansos recipient proposals returned for correction',
  },
  'todo.recipients_to_approve': {
    id: '{count} usulan penerima bansos menunggu persetujuan',
    en: '{count} bansos recipient proposals awaiting approval',
  },
  'todo.reports_overdue': {
    id: '{count} laporan warga terlambat ditangani',
    en: 'Citizen reports overdue: {count}',
  },
  'todo.reports_to_triage': {
    id: '{count} laporan warga perlu ditelaah',
    en: 'Citizen reports to triage: {count}',
  },
  'todo.sanggah_open': {
    id: '{count} sanggahan warga menunggu pemeriksaan',
    en: 'Citizen objections to investigate: {count}',
  },
  'todo.submissions_to_determine': {
    id: '{count} kabupaten/kota sudah mengajukan pengesahan periode {period}, menunggu penetapan',
    en: 'Regencies that submitted for {period}, waiting for determination: {count}',
  },
  'todo.submissions_to_forward': {
    id: '{count} pengajuan kabupaten/kota periode {period} menunggu ditinjau dan diteruskan ke Pusdatin',
    en: 'Regency submissions of {period} to review and forward to Pusdatin: {count}',
  },
  'todo.usulan_drafts': {
    id: '{count} usulan buatan operator masih draf, belum diajukan',
    en: 'Your draft proposals not yet submitted: {count}',
  },
  'todo.usulan_mandiri_drafts': {
    id: '{count} usulan warga (mandiri) menunggu diperiksa, dilengkapi dan diajukan',
    en: "Citizens' own proposals waiting to be checked, completed and submitted: {count}",
  },
  'todo.usulan_for_musdes': {
    id: '{count} usulan menunggu keputusan Musdes/Muskel',
    en: 'Proposals waiting for the Musdes/Muskel: {count}',
  },
  'todo.usulan_returned': {
    id: '{count} usulan dikembalikan, perlu diperbaiki',
    en: 'Proposals returned for correction: {count}',
  },
  'todo.usulan_to_approve': {
    id: '{count} usulan perlu disetujui',
    en: 'Proposals to approve: {count}',
  },
  'todo.usulan_to_visit': {
    id: '{count} usulan menunggu kunjungan verivali',
    en: 'Proposals waiting for a verivali visit: {count}',
  },
  'todo.villages_without_ba': {
    id: '{count} desa/kelurahan belum punya Berita Acara yang ditandatangani (periode {period})',
    en: 'Villages without a signed Berita Acara (period {period}): {count}',
  },
  'todo.visits_assigned': {
    id: '{count} kunjungan ditugaskan kepada Anda',
    en: 'Visits assigned to you: {count}',
  },
  'todo.visits_to_review': {
    id: '{count} kunjungan perlu ditinjau',
    en: 'Visits to review: {count}',
  },
  'todo.window_closes': {
    id: 'Jendela usulan tutup dalam {count} hari ({closes})',
    en: 'The proposal window closes in {count} days ({closes})',
  },
  'todo.window_closes_today': {
    id: 'Jendela usulan tutup hari ini ({closes})',
    en: 'The proposal window closes today ({closes})',
  },
  'type.array': { id: 'daftar (array)', en: 'an array' },
  'type.boolean': { id: 'true/false', en: 'true/false' },
  'type.int': { id: 'bilangan bulat', en: 'an integer' },
  'type.number': { id: 'angka', en: 'a number' },
  'type.object': { id: 'objek', en: 'an object' },
  'type.string': { id: 'teks', en: 'a string' },
  'unit.array': { id: ' item', en: ' items' },
  'unit.string': { id: ' karakter', en: ' characters' },
  unknown: { id: 'tidak dikenal', en: 'unknown' },
  'usulan.kk_other_household': {
    id: ', dipakai rumah tangga lain ({headName}, {villageCode})',
    en: ', used by another household ({headName}, {villageCode})',
  },
  // The proposal kinds in a sentence (Indonesian keeps its terms: "Usulan dikeluarkan untuk …").
  'usulan.kind.baru': { id: 'baru', en: 'new household' },
  'usulan.kind.dikeluarkan': { id: 'dikeluarkan', en: 'removal' },
  'usulan.kind.perbaikan': { id: 'perbaikan', en: 'correction' },
  'usulan.notice.musdes_reject': {
    id: 'tidak disetujui Musdes/Muskel',
    en: 'not accepted by the Musdes/Muskel',
  },
  'usulan.notice.return': {
    id: 'dikembalikan oleh Dinas Sosial untuk diperbaiki',
    en: 'returned by the Dinas Sosial for correction',
  },
  'usulan.notice.verify_not_eligible': {
    id: 'dinyatakan tidak layak saat verivali',
    en: 'found not eligible at verification',
  },
  'usulan.propose_correction': { id: '; ajukan usulan perbaikan', en: '; propose a correction instead' },
  'usulan.step.approve': {
    id: 'Disetujui Dinas Sosial; masuk DTKS pada penetapan berikutnya',
    en: 'Approved by the Dinas Sosial; enters DTKS at the next determination',
  },
  'usulan.step.create': {
    id: 'Usulan diterima; menunggu diperiksa dan diajukan operator desa/kelurahan',
    en: 'Proposal received; waiting for the village operator to check and submit it',
  },
  'usulan.step.determine': {
    id: 'Ditetapkan dalam DTKS',
    en: 'Determined in DTKS',
  },
  'usulan.step.musdes_accept': {
    id: 'Disetujui Musdes/Muskel; menunggu verifikasi dan validasi (kunjungan rumah)',
    en: 'Accepted by the Musdes/Muskel; waiting for the home visit (verivali)',
  },
  'usulan.step.musdes_cancel': {
    id: 'Dibatalkan karena Musdes/Muskel dibuka kembali',
    en: 'Cancelled because the Musdes/Muskel was reopened',
  },
  'usulan.step.musdes_reject': {
    id: 'Tidak disetujui Musdes/Muskel',
    en: 'Not accepted by the Musdes/Muskel',
  },
  'usulan.step.musdes_reopen': {
    id: 'Musdes/Muskel dibuka kembali; usulan dibahas ulang',
    en: 'The Musdes/Muskel was reopened; the proposal is discussed again',
  },
  'usulan.step.return': {
    id: 'Dikembalikan Dinas Sosial ke desa/kelurahan untuk dilengkapi',
    en: 'Returned by the Dinas Sosial to the village to be completed',
  },
  'usulan.step.revise': {
    id: 'Sedang dilengkapi kembali oleh desa/kelurahan',
    en: 'Being completed again by the village',
  },
  'usulan.step.submit': {
    id: 'Diajukan desa/kelurahan untuk dibahas di Musyawarah Desa/Kelurahan',
    en: 'Submitted by the village for the village deliberation (Musdes/Muskel)',
  },
  'usulan.step.update': {
    id: 'Dilengkapi operator desa/kelurahan',
    en: 'Completed by the village operator',
  },
  'usulan.step.verify': {
    id: 'Lolos verifikasi dan validasi; menunggu persetujuan Dinas Sosial',
    en: "Passed the home visit; waiting for the Dinas Sosial's approval",
  },
  'usulan.step.verify_not_eligible': {
    id: 'Dinyatakan tidak layak saat verifikasi dan validasi',
    en: 'Found not eligible at the home visit',
  },
  'usulan.step.withdraw': {
    id: 'Ditarik oleh desa/kelurahan',
    en: 'Withdrawn by the village',
  },
  'usulan.with_another_household': { id: ' pada rumah tangga lain', en: ' with another household' },
  'zod.date': { id: 'tanggal dengan format YYYY-MM-DD', en: 'date as YYYY-MM-DD' },
  'zod.action_group': {
    id: 'kelompok kegiatan: huruf kecil dan _',
    en: 'an action group: lower-case letters and _',
  },
  'zod.letters_digits_dash': { id: 'huruf, angka, tanda hubung', en: 'letters, digits, dash' },
  'zod.day': { id: 'tanggal YYYY-MM-DD', en: 'YYYY-MM-DD' },
  'zod.hex64': { id: '64 digit heksadesimal', en: '64 hex digits' },
  'zod.nik_digits': { id: '16 angka', en: '16 digits' },
  'zod.period': { id: 'periode YYYY-MM', en: 'YYYY-MM' },
  'zod.programme_code': { id: 'kode program', en: 'programme code' },
  'zod.uuid_lowercase': { id: 'uuid (huruf kecil)', en: 'uuid (lowercase)' },
  'zod.village_code': { id: 'kode desa PP.RR.KK.DDDD', en: 'a village code PP.RR.KK.DDDD' },
  'zod.no_control_characters': {
    id: 'tidak boleh memuat karakter kontrol',
    en: 'must not contain control characters',
  },
  'zod.rt_rw': { id: 'RT/RW: 1–3 angka', en: 'RT/RW: 1–3 digits' },
  'zod.timestamp': { id: 'tanggal atau waktu ISO', en: 'ISO date or timestamp' },
  'zod.nik_or_region': {
    id: 'Kirim NIK atau kode wilayah (bukan keduanya)',
    en: 'Send either nik or regionCode (not both)',
  },
  'zod.finite_number': { id: 'bilangan terhingga', en: 'a finite number' },
  'zod.rule': { id: 'sebuah aturan', en: 'a rule' },
} as const satisfies Table;

export type LabelKey = keyof typeof LABELS;

/** Fills `{name}` placeholders; a Text parameter is shown in `lang`. Unknown placeholders stay as they are. */
export function render(
  template: string,
  params: Readonly<Record<string, ParamValue>> | undefined,
  lang: Lang,
): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params?.[name];
    if (value === undefined) return whole;
    return typeof value === 'object' ? value[lang] : String(value);
  });
}

/** One text built per language (for texts composed of other texts, e.g. a list of field issues). */
export function perLang(build: (lang: Lang) => string): Text {
  return { id: build('id'), en: build('en') };
}

function fill(entry: Text, params: Readonly<Record<string, ParamValue>> | undefined): Text {
  return perLang((lang) => render(entry[lang], params, lang));
}

/** The text of a code with its parameters filled in, in both languages. */
export function message<C extends MessageCode>(code: C, ...args: MessageArgs<C>): Text {
  return fill(MESSAGES[code], args[0]);
}

/** A label with its parameters filled in, in both languages. */
export function label<K extends LabelKey>(key: K, ...args: ArgsOf<typeof LABELS, K>): Text {
  return fill(LABELS[key], args[0]);
}

/** A label chosen at run time (`title.${status}`), for labels without parameters. */
/**
 * The custom messages our zod schemas carry (of patterns, refinements and custom types; English in the
 * schema), as catalogue labels: zod writes them in English only. src/http/custom-messages.test.ts reads them from the source and fails on one missing here.
 */
export const CUSTOM_MESSAGES: Readonly<Record<string, LabelKey>> = {
  'must not contain control characters': 'zod.no_control_characters',
  'RT/RW: 1–3 digits': 'zod.rt_rw',
  'date as YYYY-MM-DD': 'zod.date',
  'ISO date or timestamp': 'zod.timestamp',
  'YYYY-MM': 'zod.period',
  'YYYY-MM-DD': 'zod.day',
  '16 digits': 'zod.nik_digits',
  '64 hex digits': 'zod.hex64',
  'programme code': 'zod.programme_code',
  'uuid (lowercase)': 'zod.uuid_lowercase',
  'a village code PP.RR.KK.DDDD': 'zod.village_code',
  'an action group: lower-case letters and _': 'zod.action_group',
  'letters, digits, dash': 'zod.letters_digits_dash',
  'Send either nik or regionCode (not both)': 'zod.nik_or_region',
  'a finite number': 'zod.finite_number',
  'a rule': 'zod.rule',
};

/** A schema's custom message in both languages; undefined for a message that is not one of ours. */
export function schemaMessage(message: string): Text | undefined {
  const key = Object.hasOwn(CUSTOM_MESSAGES, message) ? CUSTOM_MESSAGES[message] : undefined;
  return key ? LABELS[key] : undefined;
}

export function plainLabel(key: LabelKey): Text {
  return LABELS[key];
}

export function isLabelKey(key: string): key is LabelKey {
  return Object.hasOwn(LABELS, key);
}

export function isMessageCode(code: string): code is MessageCode {
  return Object.hasOwn(MESSAGES, code);
}

/**
 * What a client shows for a problem or field issue it received: the catalogue text of its code in the
 * reader's language when the text needs no parameters, otherwise the server's rendering (which the server
 * built from the same entry with the parameters it alone knows).
 */
export function catalogueText(code: string, received: string, lang: Lang): string {
  if (!isMessageCode(code)) return received;
  const entry: Text = MESSAGES[code];
  return paramNames(entry.en).length === 0 ? entry[lang] : received;
}

/** The parameter names a text uses, sorted and without repeats. */
export function paramNames(text: string): string[] {
  return [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!))].sort();
}

/**
 * The usulan (proposal) and notification screens' own strings: Indonesian reference, English translation
 * (typed against it, so a missing key fails `tsc`). Codebook labels and removal reasons come bilingual
 * from src/domain.
 */
import type { Text } from '../../../../../src/domain/errors.ts';
import { useI18n, useText } from '../../../i18n/index.tsx';

export const id = {
  'nav.usulan': 'Usulan',
  'nav.approval': 'Persetujuan usulan',

  'state.draft': 'Draf',
  'state.submitted': 'Dikirim',
  'state.musdes_accepted': 'Diterima Musdes',
  'state.musdes_rejected': 'Ditolak Musdes',
  'state.verified': 'Terverifikasi',
  'state.not_eligible': 'Tidak layak',
  'state.approved': 'Disetujui Dinsos',
  'state.returned': 'Dikembalikan',
  'state.determined': 'Ditetapkan',
  'state.withdrawn': 'Ditarik',

  'kind.baru': 'Rumah tangga baru',
  'kind.perbaikan': 'Perbaikan data',
  'kind.dikeluarkan': 'Dikeluarkan',
  'kindHint.baru': 'Keluarga yang belum ada di DTKS: isi data rumah tangga dan seluruh anggotanya.',
  'kindHint.perbaikan': 'Rumah tangga yang sudah ada di DTKS desa ini: ubah hanya data yang salah.',
  'kindHint.dikeluarkan': 'Rumah tangga yang tidak lagi memenuhi syarat atau pindah: usulkan dikeluarkan.',

  'list.title': 'Usulan',
  'list.titleApproval': 'Usulan dan persetujuan',
  'list.subtitleOperator':
    'Usulan desa/kelurahan Anda: rumah tangga baru, perbaikan data dan pengeluaran dari DTKS.',
  'list.subtitleApproval':
    'Usulan di wilayah Anda. Usulan terverifikasi menunggu persetujuan atau pengembalian oleh Dinas Sosial.',
  'list.subtitleRead': 'Usulan di wilayah Anda (hanya baca).',
  'list.new': 'Usulan baru',
  'list.filters': 'Saring usulan',
  'list.period': 'Periode',
  'list.state': 'Status',
  'list.kind': 'Jenis',
  'list.region': 'Wilayah',
  'list.allPeriods': 'Semua periode',
  'list.empty': 'Belum ada usulan untuk pilihan ini.',
  'list.head': 'Kepala rumah tangga',
  'list.kk': 'Nomor KK',
  'list.village': 'Desa/kelurahan',
  'list.updated': 'Diperbarui',
  'list.returnNote': 'Catatan pengembalian: {note}',
  'list.awaitingApproval': 'Menunggu persetujuan',

  'window.open': 'Jendela usulan periode {period} terbuka sampai {closes}.',
  'window.closed':
    'Jendela usulan sedang tutup. Usulan dapat dikirim lagi mulai {opens} sampai {closes}; draf tetap tersimpan.',

  'new.title': 'Usulan baru',
  'new.kind': 'Jenis usulan',
  'new.reason': 'Alasan usulan',
  'new.reasonHint':
    'Jelaskan mengapa diusulkan (minimal 3 karakter); dibaca di Musdes dan oleh Dinas Sosial.',
  'new.reasonRequired': 'Alasan usulan wajib diisi (minimal 3 karakter).',
  'new.save': 'Simpan draf usulan',
  'new.saved': 'Draf usulan disimpan. Lengkapi lampiran yang diminta, lalu kirim usulan.',
  'new.afterSave':
    'Usulan disimpan sebagai draf. Setelah itu lengkapi lampiran yang diminta dan kirim usulan di dalam jendela usulan.',
  'new.operatorOnly': 'Usulan dibuat oleh operator desa/kelurahan.',
  'new.householdSection': 'Rumah tangga yang diusulkan',

  'pick.title': 'Pilih rumah tangga',
  'pick.search': 'Cari nama, NIK atau nomor KK',
  'pick.searchHint': 'Rumah tangga aktif di wilayah Anda. NIK dan KK dicari utuh (16 digit).',
  'pick.choose': 'Pilih',
  'pick.chooseNamed': 'Pilih {name}',
  'pick.change': 'Ganti rumah tangga',
  'pick.none': 'Tidak ada rumah tangga aktif yang cocok dengan “{q}”.',
  'pick.typeMore': 'Ketik paling sedikit 2 huruf, atau NIK/KK 16 digit.',
  'pick.members': '{n} anggota',
  'pick.selected': 'Rumah tangga dipilih',
  'pick.required': 'Pilih rumah tangga terlebih dahulu.',

  'fix.intro':
    'Ubah hanya isian yang salah. Yang tidak diubah tetap seperti di DTKS; perubahan baru berlaku setelah disetujui Dinas Sosial.',
  'fix.household': 'Data rumah tangga',
  'fix.members': 'Anggota rumah tangga',
  'fix.memberHint': 'Buka anggota yang datanya perlu diperbaiki.',
  'fix.changed': 'diubah',
  'fix.nothing': 'Belum ada perubahan. Ubah paling sedikit satu isian.',
  'fix.summary': '{n} isian diubah',

  'remove.intro':
    'Rumah tangga ini diusulkan keluar dari DTKS. Datanya tidak dihapus: tetap tersimpan dengan riwayat dan alasannya.',
  'remove.reason': 'Alasan dikeluarkan',
  'remove.note': 'Keterangan (tidak wajib)',

  'unavailable.title': 'Apa arti “tidak dapat digunakan di sini”?',
  'unavailable.body':
    'Orang atau keluarga ini tercatat atau sedang diproses di wilayah lain (misalnya baru pindah). Demi perlindungan data, DTKS tidak menunjukkan di mana atau mengapa. Petugas wilayah tersebut sudah diberi tahu: setelah data di sana dikeluarkan (pindah), orang ini dapat diusulkan di sini. Jika NIK atau Nomor KK-nya salah ketik, perbaiki dulu.',

  'detail.back': 'Kembali ke daftar usulan',
  'detail.period': 'Periode',
  'detail.kind': 'Jenis',
  'detail.state': 'Status',
  'detail.village': 'Desa/kelurahan',
  'detail.kk': 'Nomor KK',
  'detail.reason': 'Alasan usulan',
  'detail.source': 'Asal',
  'detail.source.operator': 'Operator desa/kelurahan',
  'detail.source.musdes': 'Keputusan Musdes/Muskel',
  'detail.created': 'Dibuat',
  'detail.updated': 'Terakhir diubah',
  'detail.household': 'Rumah tangga di DTKS',
  'detail.openHousehold': 'Lihat rumah tangga',
  'detail.returned': 'Dikembalikan: {note}',
  'detail.returnedNoNote': 'Usulan ini dikembalikan. Perbaiki lalu kirim ulang.',
  'detail.data': 'Data yang diusulkan',
  'detail.address': 'Alamat',
  'detail.members': 'Anggota ({n})',
  'detail.changes': 'Perubahan yang diusulkan',
  'detail.field': 'Isian',
  'detail.before': 'Di DTKS sekarang',
  'detail.after': 'Diusulkan',
  'detail.memberOf': 'Anggota: {name}',
  'detail.unknownMember': 'Anggota tidak ditemukan ({id})',
  'detail.noChanges': 'Usulan ini tidak memuat perubahan isian (diputuskan di Musdes/Muskel).',
  'detail.removalReason': 'Alasan dikeluarkan',
  'detail.removalNote': 'Keterangan',
  'detail.householdGone': 'Rumah tangga ini tidak dapat dibaca lagi.',

  'actions.title': 'Tindakan',
  'actions.none': 'Tidak ada langkah yang dapat Anda lakukan pada usulan ini sekarang.',
  'actions.submit': 'Kirim usulan',
  'actions.submitHint':
    'Usulan yang dikirim masuk ke prelist Musdes/Muskel periode {period}; bila musyawarah periode itu sudah ditutup, usulan dibawa ke periode berikutnya.',
  'actions.missingFirst': 'Unggah dulu lampiran yang belum ada (lihat daftar di bawah).',
  'actions.withdraw': 'Tarik usulan',
  'actions.withdrawConfirm': 'Tarik usulan ini? Usulan yang ditarik tidak dapat dikirim lagi.',
  'actions.withdrawNote': 'Alasan penarikan',
  'actions.withdrawHint':
    'Wajib, paling sedikit 3 huruf. Alasan disimpan bersama usulan dan terlihat oleh Dinas Sosial.',
  'actions.withdrawYes': 'Ya, tarik usulan',
  'actions.revise': 'Perbaiki (kembalikan ke draf)',
  'actions.reviseHint': 'Usulan kembali menjadi draf: lampiran dapat dilengkapi lalu dikirim ulang.',
  'actions.approve': 'Setujui usulan',
  'actions.approveHint': 'Persetujuan langsung menerapkan usulan ke DTKS ({kind}).',
  'actions.return': 'Kembalikan ke desa/kelurahan',
  'actions.returnNote': 'Catatan untuk desa/kelurahan',
  'actions.returnHint':
    'Jelaskan apa yang harus diperbaiki (minimal 3 karakter); desa menerima pemberitahuan.',
  'actions.note': 'Catatan (tidak wajib)',
  'actions.cancel': 'Batal',
  'actions.busy': 'Memproses…',
  'actions.done.submit': 'Usulan dikirim.',
  'placement.waits':
    'Usulan ini akan dibahas dalam Musdes/Muskel desa periode {period} saat musyawarah dibuka.',
  'placement.joins':
    'Musdes/Muskel desa periode {period} sedang berlangsung: usulan ini langsung ditambahkan ke prelistnya.',
  'placement.carried':
    'Musdes/Muskel desa periode {from} sudah ditutup, jadi usulan ini dibawa ke periode {period} dan dibahas dalam musyawarah periode itu.',
  'detail.carriedFrom':
    'Diajukan untuk periode {from}, tetapi musyawarah periode itu sudah ditutup: usulan dibawa ke periode {period}.',
  'detail.withdrawn': 'Ditarik oleh operator desa: {note}',
  'detail.musdes': 'Musdes/Muskel',
  'detail.openMusdes': 'Lihat musyawarah',
  'actions.done.withdraw': 'Usulan ditarik.',
  'actions.done.revise': 'Usulan kembali menjadi draf.',
  'actions.done.approve': 'Usulan disetujui dan diterapkan ke DTKS.',
  'actions.done.return': 'Usulan dikembalikan ke desa/kelurahan.',
  'actions.conflict':
    'Usulan ini baru saja diubah orang lain. Data terbaru sudah dimuat; periksa lalu ulangi langkah Anda.',
  'actions.windowClosed':
    'Jendela usulan sedang tutup. Usulan dapat dikirim mulai {opens} sampai {closes}; draf tetap tersimpan.',

  'att.title': 'Lampiran',
  'att.checklist': 'Lampiran wajib',
  'att.complete': 'Semua lampiran wajib sudah diunggah.',
  'att.missing': 'Belum diunggah',
  'att.present': 'Sudah diunggah',
  'att.optional': 'Tidak wajib',
  'att.kind.house_front': 'Foto rumah tampak depan',
  'att.kind.house_back': 'Foto rumah tampak belakang',
  'att.kind.house_inside': 'Foto bagian dalam rumah',
  'att.kind.kk_copy': 'Salinan Kartu Keluarga',
  'att.kind.other_document': 'Dokumen lain yang diminta Dinas Sosial (mis. surat pindah)',
  'att.accept.photo': 'JPEG, PNG atau WebP, paling besar 10 MB.',
  'att.accept.kk': 'PDF, JPEG atau PNG, paling besar 10 MB.',
  'att.choose': 'Pilih berkas untuk {kind}',
  'att.replace': 'Tambah berkas lain untuk {kind}',
  'att.uploading': 'Mengunggah {name}… {percent}%',
  'att.uploaded': '{name} diunggah.',
  'att.tooLarge':
    'Berkas {name} {size}: lebih dari 10 MB. Perkecil foto atau pindai ulang dengan resolusi lebih rendah.',
  'att.open': 'Buka {name}',
  'att.thumbAlt': 'Pratinjau {kind}',
  'att.none': 'Belum ada lampiran.',
  'att.locked':
    'Lampiran dapat ditambah saat usulan masih draf atau dikembalikan; dokumen lain yang diminta Dinas Sosial juga selama usulan diproses.',

  'notif.label': 'Pemberitahuan',
  'notif.unread': '{n} belum dibaca',
  'notif.empty': 'Belum ada pemberitahuan.',
  'notif.new': 'baru',
  'notif.open': 'Buka',
  'notif.close': 'Tutup',
  'notif.error': 'Pemberitahuan tidak dapat dimuat.',
} as const satisfies Record<string, string>;

export type UsulanKey = keyof typeof id;

export const en: Record<UsulanKey, string> = {
  'nav.usulan': 'Proposals',
  'nav.approval': 'Proposal approval',

  'state.draft': 'Draft',
  'state.submitted': 'Submitted',
  'state.musdes_accepted': 'Accepted by Musdes',
  'state.musdes_rejected': 'Rejected by Musdes',
  'state.verified': 'Verified',
  'state.not_eligible': 'Not eligible',
  'state.approved': 'Approved by Dinsos',
  'state.returned': 'Returned',
  'state.determined': 'Determined',
  'state.withdrawn': 'Withdrawn',

  'kind.baru': 'New household',
  'kind.perbaikan': 'Correction',
  'kind.dikeluarkan': 'Removal',
  'kindHint.baru': 'A family not yet in DTKS: enter the household and all of its members.',
  'kindHint.perbaikan': "A household already in this village's DTKS: change only what is wrong.",
  'kindHint.dikeluarkan': 'A household that no longer qualifies or has moved: propose its removal.',

  'list.title': 'Proposals',
  'list.titleApproval': 'Proposals and approval',
  'list.subtitleOperator': "Your village's proposals: new households, corrections and removals from DTKS.",
  'list.subtitleApproval':
    'Proposals in your territory. Verified proposals wait for the Dinas Sosial to approve or return them.',
  'list.subtitleRead': 'Proposals in your territory (read-only).',
  'list.new': 'New proposal',
  'list.filters': 'Filter proposals',
  'list.period': 'Period',
  'list.state': 'State',
  'list.kind': 'Kind',
  'list.region': 'Region',
  'list.allPeriods': 'All periods',
  'list.empty': 'No proposals for this selection.',
  'list.head': 'Head of household',
  'list.kk': 'KK number',
  'list.village': 'Village',
  'list.updated': 'Updated',
  'list.returnNote': 'Returned: {note}',
  'list.awaitingApproval': 'Awaiting approval',

  'window.open': 'The proposal window for {period} is open until {closes}.',
  'window.closed':
    'The proposal window is closed. Proposals can be submitted again from {opens} to {closes}; drafts are kept.',

  'new.title': 'New proposal',
  'new.kind': 'Kind of proposal',
  'new.reason': 'Why it is proposed',
  'new.reasonHint': 'Explain why (at least 3 characters); read at the Musdes and by the Dinas Sosial.',
  'new.reasonRequired': 'Say why it is proposed (at least 3 characters).',
  'new.save': 'Save the draft proposal',
  'new.saved': 'Draft saved. Add the attachments asked for, then submit the proposal.',
  'new.afterSave':
    'The proposal is saved as a draft. Then add the attachments asked for and submit it inside the proposal window.',
  'new.operatorOnly': 'Proposals are made by a village operator.',
  'new.householdSection': 'The household proposed',

  'pick.title': 'Choose a household',
  'pick.search': 'Search name, NIK or KK number',
  'pick.searchHint': 'Active households in your territory. NIK and KK are matched whole (16 digits).',
  'pick.choose': 'Choose',
  'pick.chooseNamed': 'Choose {name}',
  'pick.change': 'Choose another household',
  'pick.none': 'No active household matches “{q}”.',
  'pick.typeMore': 'Type at least 2 letters, or a 16-digit NIK/KK.',
  'pick.members': '{n} members',
  'pick.selected': 'Household chosen',
  'pick.required': 'Choose a household first.',

  'fix.intro':
    'Change only the answers that are wrong. Everything else stays as in DTKS; changes apply once the Dinas Sosial approves.',
  'fix.household': 'Household data',
  'fix.members': 'Household members',
  'fix.memberHint': 'Open the members whose data needs correcting.',
  'fix.changed': 'changed',
  'fix.nothing': 'Nothing changed yet. Change at least one answer.',
  'fix.summary': '{n} answers changed',

  'remove.intro':
    'This household is proposed for removal from DTKS. Nothing is deleted: the record stays with its history and the reason.',
  'remove.reason': 'Removal reason',
  'remove.note': 'Note (optional)',

  'unavailable.title': 'What does “cannot be used here” mean?',
  'unavailable.body':
    'This person or family is registered or being processed in another region (for example, they moved recently). To protect personal data, DTKS does not show where or why. The officers there have been notified: once the record there is removed (moved out), the person can be proposed here. If the NIK or KK number was mistyped, correct it first.',

  'detail.back': 'Back to the proposals',
  'detail.period': 'Period',
  'detail.kind': 'Kind',
  'detail.state': 'State',
  'detail.village': 'Village',
  'detail.kk': 'KK number',
  'detail.reason': 'Reason',
  'detail.source': 'Source',
  'detail.source.operator': 'Village operator',
  'detail.source.musdes': 'Musdes/Muskel decision',
  'detail.created': 'Created',
  'detail.updated': 'Last changed',
  'detail.household': 'Household in DTKS',
  'detail.openHousehold': 'Open the household',
  'detail.returned': 'Returned: {note}',
  'detail.returnedNoNote': 'This proposal was returned. Correct it and submit again.',
  'detail.data': 'Proposed data',
  'detail.address': 'Address',
  'detail.members': 'Members ({n})',
  'detail.changes': 'Proposed changes',
  'detail.field': 'Answer',
  'detail.before': 'In DTKS now',
  'detail.after': 'Proposed',
  'detail.memberOf': 'Member: {name}',
  'detail.unknownMember': 'Member not found ({id})',
  'detail.noChanges': 'This proposal carries no field changes (decided at the Musdes/Muskel).',
  'detail.removalReason': 'Removal reason',
  'detail.removalNote': 'Note',
  'detail.householdGone': 'This household can no longer be read.',

  'actions.title': 'Actions',
  'actions.none': 'There is nothing you can do with this proposal now.',
  'actions.submit': 'Submit the proposal',
  'actions.submitHint':
    "Submitted proposals go on the {period} Musdes/Muskel prelist; if that period's deliberation is already closed, the proposal is carried over to the next period.",
  'actions.missingFirst': 'Upload the missing attachments first (see the list below).',
  'actions.withdraw': 'Withdraw',
  'actions.withdrawConfirm': 'Withdraw this proposal? A withdrawn proposal cannot be submitted again.',
  'actions.withdrawNote': 'Why it is withdrawn',
  'actions.withdrawHint':
    'Required, at least 3 characters. Kept with the proposal and visible to the Dinas Sosial.',
  'actions.withdrawYes': 'Yes, withdraw it',
  'actions.revise': 'Correct it (back to draft)',
  'actions.reviseHint': 'The proposal becomes a draft again: complete the attachments and submit again.',
  'actions.approve': 'Approve',
  'actions.approveHint': 'Approving applies the proposal to DTKS at once ({kind}).',
  'actions.return': 'Return to the village',
  'actions.returnNote': 'Note for the village',
  'actions.returnHint': 'Say what must be corrected (at least 3 characters); the village is notified.',
  'actions.note': 'Note (optional)',
  'actions.cancel': 'Cancel',
  'actions.busy': 'Working…',
  'actions.done.submit': 'Proposal submitted.',
  'placement.waits': "This proposal will be discussed in the village's {period} Musdes/Muskel when it opens.",
  'placement.joins':
    "The village's {period} Musdes/Muskel is under way: this proposal was added to its prelist at once.",
  'placement.carried':
    "The village's {from} Musdes/Muskel is already closed, so this proposal was carried over to {period} and will be discussed in that period's deliberation.",
  'detail.carriedFrom':
    'Submitted for {from}, but that deliberation was already closed: the proposal was carried over to {period}.',
  'detail.withdrawn': 'Withdrawn by the village operator: {note}',
  'detail.musdes': 'Musdes/Muskel',
  'detail.openMusdes': 'Open the deliberation',
  'actions.done.withdraw': 'Proposal withdrawn.',
  'actions.done.revise': 'The proposal is a draft again.',
  'actions.done.approve': 'Proposal approved and applied to DTKS.',
  'actions.done.return': 'Proposal returned to the village.',
  'actions.conflict':
    'Someone else has just changed this proposal. The latest version is loaded; check it and repeat your step.',
  'actions.windowClosed':
    'The proposal window is closed. Proposals can be submitted from {opens} to {closes}; the draft is kept.',

  'att.title': 'Attachments',
  'att.checklist': 'Required attachments',
  'att.complete': 'All required attachments are uploaded.',
  'att.missing': 'Missing',
  'att.present': 'Uploaded',
  'att.optional': 'Optional',
  'att.kind.house_front': 'House, front',
  'att.kind.house_back': 'House, back',
  'att.kind.house_inside': 'House, inside',
  'att.kind.kk_copy': 'Copy of the family card (KK)',
  'att.kind.other_document': 'Other document the Dinas Sosial asks for (e.g. surat pindah)',
  'att.accept.photo': 'JPEG, PNG or WebP, at most 10 MB.',
  'att.accept.kk': 'PDF, JPEG or PNG, at most 10 MB.',
  'att.choose': 'Choose a file for {kind}',
  'att.replace': 'Add another file for {kind}',
  'att.uploading': 'Uploading {name}… {percent}%',
  'att.uploaded': '{name} uploaded.',
  'att.tooLarge':
    'The file {name} is {size}: more than 10 MB. Shrink the photo or scan at a lower resolution.',
  'att.open': 'Open {name}',
  'att.thumbAlt': '{kind} preview',
  'att.none': 'No attachments yet.',
  'att.locked':
    'Attachments can be added while the proposal is a draft or returned; another document the Dinas Sosial asks for also while it is being processed.',

  'notif.label': 'Notifications',
  'notif.unread': '{n} unread',
  'notif.empty': 'No notifications yet.',
  'notif.new': 'new',
  'notif.open': 'Open',
  'notif.close': 'Close',
  'notif.error': 'Notifications could not be loaded.',
};

/** Navigation labels, for the shared menu. */
export const USULAN_NAV: Text = { id: id['nav.usulan'], en: en['nav.usulan'] };
export const USULAN_APPROVAL_NAV: Text = { id: id['nav.approval'], en: en['nav.approval'] };

export function useUsulanI18n() {
  return { ...useI18n(), m: useText<UsulanKey>({ id, en }) };
}

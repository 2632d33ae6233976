/**
 * Which documents the cycle takes, what each may be, and which a proposal needs before it can be submitted
 * (DOMAIN.md §5.1). Shared by the server (which checks uploads by their real content) and the web app
 * (which offers the right file inputs and checklist).
 */
import type { Text } from '../errors.ts';

/** What a photo may be; a scanned paper may also be a PDF. */
const PHOTO = ['image/jpeg', 'image/png', 'image/webp'] as const;
const SCAN = ['application/pdf', 'image/jpeg', 'image/png'] as const;

export const ATTACHMENT_KINDS = {
  house_front: {
    label: { id: 'Foto rumah tampak depan', en: 'House, front' },
    mimes: PHOTO,
  },
  house_back: {
    label: { id: 'Foto rumah tampak belakang', en: 'House, back' },
    mimes: PHOTO,
  },
  house_inside: {
    label: { id: 'Foto bagian dalam rumah', en: 'House, inside' },
    mimes: PHOTO,
  },
  kk_copy: {
    label: { id: 'Salinan Kartu Keluarga', en: 'Copy of the family card (KK)' },
    mimes: ['image/jpeg', 'image/png', 'application/pdf'],
  },
  other_document: {
    label: {
      id: 'Dokumen lain yang diminta Dinas Sosial (mis. surat pindah)',
      en: 'Other document the Dinas Sosial asks for (e.g. a letter of move, surat pindah)',
    },
    mimes: SCAN,
  },
  visit_photo: {
    label: { id: 'Foto kunjungan', en: 'Visit photo' },
    mimes: PHOTO,
  },
  report_evidence: { label: { id: 'Foto bukti laporan', en: 'Report evidence photo' }, mimes: PHOTO },
  ktp_photo: { label: { id: 'Foto KTP', en: 'Photo of the identity card (KTP)' }, mimes: PHOTO },
  ktp_selfie: {
    label: { id: 'Swafoto memegang KTP', en: 'Selfie holding the identity card (KTP)' },
    mimes: PHOTO,
  },
  receipt_photo: {
    label: { id: 'Foto penerimaan bantuan', en: 'Photo of the receipt of aid' },
    mimes: PHOTO,
  },
  receipt_signature: {
    label: { id: 'Tanda tangan penerima', en: "Recipient's signature" },
    mimes: ['image/png'],
  },
  representative_proof: {
    label: { id: 'Surat kuasa / bukti wakil penerima', en: "Representative's proof document" },
    mimes: SCAN,
  },
  sanggah_evidence: {
    label: { id: 'Foto bukti sanggahan', en: 'Objection evidence photo' },
    mimes: PHOTO,
  },
  berita_acara: { label: { id: 'Berita Acara', en: 'Minutes (Berita Acara)' }, mimes: ['application/pdf'] },
  signed_scan: {
    label: { id: 'Pindaian Berita Acara bertanda tangan', en: 'Signed minutes, scanned' },
    mimes: SCAN,
  },
  approval_letter: {
    label: { id: 'Surat pengesahan Bupati/Walikota', en: "Regent's/mayor's approval letter" },
    mimes: SCAN,
  },
  sk: {
    label: { id: 'Surat Keputusan (SK) penetapan', en: 'Determination decree (SK)' },
    mimes: ['application/pdf'],
  },
} as const satisfies Record<string, { label: Text; mimes: readonly string[] }>;
export type AttachmentKind = keyof typeof ATTACHMENT_KINDS;

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/** The documents an operator attaches to a proposal. */
export const USULAN_ATTACHMENT_KINDS = [
  'house_front',
  'house_back',
  'house_inside',
  'kk_copy',
  'other_document',
] as const satisfies readonly AttachmentKind[];
export type UsulanAttachmentKind = (typeof USULAN_ATTACHMENT_KINDS)[number];

/** Needed before submitting: a new household needs photos of the house and the KK. */
export const REQUIRED_ATTACHMENTS: Record<
  'baru' | 'perbaikan' | 'dikeluarkan',
  readonly UsulanAttachmentKind[]
> = {
  baru: ['house_front', 'house_back', 'house_inside', 'kk_copy'],
  perbaikan: [],
  dikeluarkan: [],
};

/**
 * While a proposal is being drafted (or was returned) every document can be attached. A document the Dinas
 * Sosial asks for later (a surat pindah, a statement from the village) can still be added while the
 * proposal is on its way — after submission, through the Musdes and the visit — until it is decided.
 */
export function attachableIn(kind: UsulanAttachmentKind, state: string): boolean {
  if (state === 'draft' || state === 'returned') return true;
  return kind === 'other_document' && ['submitted', 'musdes_accepted', 'verified'].includes(state);
}

export function isAttachmentKind(kind: string): kind is AttachmentKind {
  return Object.hasOwn(ATTACHMENT_KINDS, kind);
}

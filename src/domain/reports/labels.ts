/**
 * Labels of report categories, statuses, handling levels and outcomes (Indonesian and English): domain data
 * shown on the public pages, staff screens, WALIM replies and the CLI.
 */
import type { ReportCategory, ReportLevel, ReportOutcome, ReportStatus } from './reports.ts';

export const CATEGORY_LABELS: Record<ReportCategory, { id: string; en: string }> = {
  recipient_not_poor: { id: 'Penerima dinilai mampu', en: 'Recipient thought well-off' },
  aid_not_received: { id: 'Bantuan tidak diterima', en: 'Aid not received' },
  aid_cut: { id: 'Bantuan dipotong', en: 'Aid cut or charged for' },
  officer_conduct: { id: 'Perilaku petugas', en: 'Officer conduct' },
  data_error: { id: 'Kesalahan data', en: 'Data error' },
  other: { id: 'Lainnya', en: 'Other' },
};

export const STATUS_LABELS: Record<ReportStatus, { id: string; en: string }> = {
  received: { id: 'Diterima', en: 'Received' },
  in_progress: { id: 'Diproses', en: 'In progress' },
  closed: { id: 'Selesai', en: 'Closed' },
};

export const LEVEL_LABELS: Record<ReportLevel, { id: string; en: string }> = {
  village: { id: 'Desa/kelurahan', en: 'Village' },
  district: { id: 'Kecamatan', en: 'District' },
  regency: { id: 'Dinas Sosial kabupaten/kota', en: 'Regency social affairs office' },
};

export const OUTCOME_LABELS: Record<ReportOutcome, { id: string; en: string }> = {
  substantiated: { id: 'Terbukti, ditindaklanjuti', en: 'Substantiated, acted on' },
  not_substantiated: { id: 'Tidak terbukti', en: 'Not substantiated' },
  resolved: { id: 'Masalah sudah diselesaikan', en: 'Resolved' },
  duplicate: { id: 'Sama dengan laporan lain', en: 'Duplicate of another report' },
  out_of_scope: { id: 'Di luar kewenangan', en: 'Out of scope' },
};

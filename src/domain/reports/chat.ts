/**
 * WALIM's report commands (issue 14), in Indonesian: `LAPOR <kode desa> <teks>` files a report about a
 * village from the sender's number and answers the tracking number; `STATUS <nomor laporan>` answers its
 * status. The village code comes first because the report's village decides which office handles it
 * (the code is shown on the Cek Bansos result and on the village office's notice board). Pure.
 */
import { normalizeRegionCode } from '../regions/region-code.ts';
import { LEVEL_LABELS, OUTCOME_LABELS, STATUS_LABELS } from './labels.ts';
import {
  normalizeTrackingNumber,
  type ReportLevel,
  type ReportOutcome,
  type ReportStatus,
} from './reports.ts';

export const LAPOR_USAGE =
  'Tulis: LAPOR <KODE DESA> <ISI LAPORAN>, contoh: LAPOR 3307012001 Bantuan PKH bulan ini dipotong Rp50.000 oleh ketua kelompok. Kode desa/kelurahan (10 angka) dapat ditanyakan di kantor desa.';
export const STATUS_USAGE = 'Tulis: STATUS <NOMOR LAPORAN>, contoh: STATUS LPR-7K3F-9QXD';
export const STATUS_NOT_FOUND = 'Nomor laporan tidak ditemukan. Periksa kembali nomor yang Anda terima.';

export type LaporCommand = { kind: 'lapor'; villageCode: string; text: string } | { kind: 'usage' };

/** The words after LAPOR: a village code (10 digits, or dotted), then at least 10 characters of text. */
export function parseLapor(rest: string): LaporCommand {
  const [code = '', ...words] = rest.trim().split(/\s+/);
  const n = normalizeRegionCode(code);
  const text = words.join(' ').trim();
  if (!n.ok || n.level !== 4 || text.length < 10 || text.length > 2000) return { kind: 'usage' };
  return { kind: 'lapor', villageCode: n.code, text };
}

export function parseStatus(rest: string): string | null {
  return normalizeTrackingNumber(rest.trim());
}

export function laporReply(tracking: string): string {
  return [
    `Laporan Anda sudah diterima dengan nomor ${tracking}.`,
    `Simpan nomor ini. Untuk melihat perkembangannya kirim: STATUS ${tracking}`,
  ].join('\n');
}

export function statusReply(r: {
  trackingNumber: string;
  status: ReportStatus;
  level: ReportLevel;
  outcome: ReportOutcome | null;
  lastReply: string | null;
}): string {
  const lines = [
    `Laporan ${r.trackingNumber}`,
    `Status: ${STATUS_LABELS[r.status].id}`,
    `Ditangani: ${LEVEL_LABELS[r.level].id}`,
  ];
  if (r.outcome) lines.push(`Hasil: ${OUTCOME_LABELS[r.outcome].id}`);
  if (r.lastReply) lines.push(`Tanggapan terakhir: ${r.lastReply}`);
  return lines.join('\n');
}

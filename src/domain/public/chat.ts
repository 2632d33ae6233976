/**
 * WALIM, the text auto-responder (issue 14): the commands it understands and its replies, in Indonesian
 * as a WhatsApp user writes to it. Pure: the service runs the check and picks the reply.
 *
 * BANTUAN lists CEK and the report commands LAPOR and STATUS (src/domain/reports/chat.ts; the reports
 * module registers them with PublicService.registerChatCommand).
 */

export type ChatCommand =
  | { kind: 'cek'; nik: string; name: string }
  | { kind: 'cek_usage'; problem: 'nik' | 'name' }
  | { kind: 'help' };

/** `CEK 3201… NAMA LENGKAP` (any case, any spacing, the NIK may be written with spaces or dots). */
export function parseChatCommand(text: string): ChatCommand {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const command = (words[0] ?? '').toUpperCase();
  if (command !== 'CEK') return { kind: 'help' };
  const rest = words.slice(1);
  // The NIK: the leading words made only of digits and separators, together 16 digits.
  let digits = '';
  let used = 0;
  for (const w of rest) {
    if (!/^[\d.-]+$/.test(w)) break;
    digits += w.replace(/\D/g, '');
    used += 1;
  }
  if (!/^\d{16}$/.test(digits)) return { kind: 'cek_usage', problem: 'nik' };
  const name = rest.slice(used).join(' ').trim();
  if (name === '' || name.length > 100) return { kind: 'cek_usage', problem: 'name' };
  return { kind: 'cek', nik: digits, name };
}

export const CHAT_HELP = [
  'WALIM — layanan pesan DTKS.',
  'Perintah yang tersedia:',
  '• CEK <NIK> <NAMA LENGKAP> — periksa apakah seseorang terdaftar di DTKS dan program bantuan yang diterima keluarganya.',
  '  Contoh: CEK 3201010101800001 SITI AMINAH',
  '• LAPOR <KODE DESA> <ISI LAPORAN> — laporkan penerima yang dinilai mampu atau masalah bantuan; Anda menerima nomor laporan.',
  '• STATUS <NOMOR LAPORAN> — lihat perkembangan laporan Anda, contoh: STATUS LPR-7K3F-9QXD',
  '• BANTUAN — daftar perintah ini.',
  'Data pribadi selalu disamarkan.',
].join('\n');

export const CHAT_USAGE: Record<'nik' | 'name', string> = {
  nik: 'NIK harus 16 angka. Tulis: CEK <NIK> <NAMA LENGKAP>, contoh: CEK 3201010101800001 SITI AMINAH',
  name: 'Tulis nama lengkap sesuai KTP setelah NIK: CEK <NIK> <NAMA LENGKAP>',
};

export interface ChatPerson {
  name: string;
  age: number;
  village: { name: string; district: string; regency: string; province: string };
  period: string | null;
  programmes: { name: string; period: string }[];
}

export function chatFoundReply(p: ChatPerson): string {
  const lines = [
    'Data ditemukan:',
    `Nama: ${p.name}`,
    `Umur: ${p.age} tahun`,
    `Wilayah: ${p.village.name}, ${p.village.district}, ${p.village.regency}, ${p.village.province}`,
    `DTKS: terdaftar${p.period ? ` (periode ${p.period})` : ''}`,
    p.programmes.length === 0
      ? 'Program bantuan: tidak ada yang tercatat untuk keluarga ini.'
      : `Program bantuan: ${p.programmes.map((g) => `${g.name} (${g.period})`).join(', ')}`,
  ];
  return lines.join('\n');
}

export const CHAT_NOT_FOUND =
  'Data tidak ditemukan: tidak ada data DTKS yang cocok dengan NIK dan nama ini pada periode penetapan terakhir. Periksa ejaan nama sesuai KTP, atau tanyakan ke kantor desa/kelurahan Anda.';

export function chatLimitedReply(retryAfterSeconds: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return `Terlalu banyak pencarian. Silakan coba lagi dalam ${minutes} menit.`;
}

/** `CHAT_WEBHOOK_SECRET_<PROVIDER>` variables as provider → secret (providers in lower case). */
export function chatSecretsFrom(env: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    const m = /^CHAT_WEBHOOK_SECRET_([A-Z0-9_]+)$/.exec(name);
    if (m && value) out[m[1]!.toLowerCase()] = value;
  }
  return out;
}

/**
 * The decree (Surat Keputusan) of a monthly determination: the SK number, the period, the national totals
 * and the counts per province and per regency, with the snapshot checksum so the printed decree names the
 * exact data it determined.
 */
import { dateNameId, periodNameId } from '../../domain/month-names.ts';
import { PdfBuilder } from '../../lib/pdf.ts';

/**
 * SK numbers are `SK-DTKS/<period>/<nnnn>`: `nnnn` counts determinations since the system started (the
 * first decree is 0001), and the period in the middle makes a number readable on its own.
 */
export function skNumber(period: string, sequence: number): string {
  return `SK-DTKS/${period}/${String(sequence).padStart(4, '0')}`;
}

export interface SkCounts {
  code: string;
  name: string;
  households: number;
  persons: number;
  added: number;
  removed: number;
  changed: number;
  submitted?: boolean;
}

export interface SkContent {
  period: string;
  skNumber: string;
  previousPeriod: string | null;
  determinedAt: string;
  /** Who determined, as the decree names them (the role's office, never a username). */
  determinedBy: string;
  checksum: string;
  totals: { households: number; persons: number; added: number; removed: number; changed: number };
  provinces: SkCounts[];
  regencies: (SkCounts & { provinceName: string })[];
}

const n = (v: number) => v.toLocaleString('id-ID');

export async function renderSk(c: SkContent): Promise<Buffer> {
  const pdf = new PdfBuilder({
    title: `Keputusan Menteri Sosial ${c.skNumber}`,
    subject: `Penetapan DTKS periode ${c.period}`,
    author: 'Kementerian Sosial Republik Indonesia',
    footer: `${c.skNumber} · DTKS ${c.period} · checksum ${c.checksum.slice(0, 16)}…`,
  });
  pdf.letterhead(
    ['KEMENTERIAN SOSIAL REPUBLIK INDONESIA', 'PUSAT DATA DAN INFORMASI KESEJAHTERAAN SOSIAL'],
    'Jalan Salemba Raya Nomor 28, Jakarta Pusat 10430',
  );
  pdf.title([
    'KEPUTUSAN MENTERI SOSIAL REPUBLIK INDONESIA',
    `NOMOR ${c.skNumber}`,
    'TENTANG',
    `PENETAPAN DATA TERPADU KESEJAHTERAAN SOSIAL PERIODE ${periodNameId(c.period).toUpperCase()}`,
  ]);
  pdf.paragraph(
    'Menimbang hasil verifikasi dan validasi data yang telah disahkan oleh Bupati/Walikota dan diajukan oleh ' +
      'Dinas Sosial kabupaten/kota, serta berdasarkan Peraturan Menteri Sosial Nomor 3 Tahun 2021 tentang ' +
      'Pengelolaan Data Terpadu Kesejahteraan Sosial, Menteri Sosial menetapkan Data Terpadu Kesejahteraan ' +
      `Sosial (DTKS) periode ${periodNameId(c.period)} sebagai berikut.`,
  );
  pdf.fields([
    ['Nomor', c.skNumber],
    ['Periode', `${periodNameId(c.period)} (${c.period})`],
    ['Dibandingkan dengan', c.previousPeriod ? `periode ${c.previousPeriod}` : 'penetapan pertama'],
    ['Jumlah rumah tangga', n(c.totals.households)],
    ['Jumlah individu', n(c.totals.persons)],
    ['Rumah tangga baru', n(c.totals.added)],
    ['Rumah tangga keluar', n(c.totals.removed)],
    ['Rumah tangga berubah', n(c.totals.changed)],
    ['Checksum (SHA-256)', c.checksum],
    ['Ditetapkan', `${dateNameId(c.determinedAt)} oleh ${c.determinedBy}`],
  ]);
  const columns = [
    { header: 'Kode', width: 9 },
    { header: 'Wilayah', width: 34 },
    { header: 'Rumah tangga', width: 13, align: 'right' as const },
    { header: 'Individu', width: 13, align: 'right' as const },
    { header: 'Baru', width: 10, align: 'right' as const },
    { header: 'Keluar', width: 10, align: 'right' as const },
    { header: 'Berubah', width: 10, align: 'right' as const },
  ];
  const cells = (r: SkCounts, name = r.name) => [
    r.code,
    name,
    n(r.households),
    n(r.persons),
    n(r.added),
    n(r.removed),
    n(r.changed),
  ];
  pdf.heading('Lampiran I: Jumlah per provinsi');
  await pdf.table(
    columns,
    c.provinces.map((p) => cells(p)),
  );
  pdf.heading(
    'Lampiran II: Jumlah per kabupaten/kota (* data periode sebelumnya, tanpa pengajuan periode ini)',
  );
  await pdf.table(
    columns,
    c.regencies.map((r) => cells(r, `${r.name}${r.submitted ? '' : ' *'} (${r.provinceName})`)),
  );
  pdf.signatures([
    {
      caption: `Ditetapkan di Jakarta, ${dateNameId(c.determinedAt)}`,
      role: 'MENTERI SOSIAL REPUBLIK INDONESIA',
    },
  ]);
  return pdf.toBuffer();
}

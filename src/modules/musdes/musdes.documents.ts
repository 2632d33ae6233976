/**
 * The printed documents of a Musdes/Muskel: the prelist awal (the list the meeting works through, with
 * empty columns to write outcomes by hand), the prelist akhir (the decided list) as PDF and Excel, and the
 * Berita Acara (minutes) the Kepala Desa/Lurah signs. Official documents: Indonesian only.
 */
import type { Readable } from 'node:stream';
import {
  deliberationName,
  isKelurahan,
  longDateId,
  OUTCOME_LABELS,
  type Outcome,
  type OutcomeCounts,
  PARTICIPANT_ROLE_LABELS,
  type Participant,
  ROW_KIND_LABELS,
  signatories,
} from '../../domain/cycle/musdes.ts';
import { periodNameId } from '../../domain/month-names.ts';
import { PdfBuilder, type PdfColumn } from '../../lib/pdf.ts';
import { type Cell, xlsxStream } from '../../lib/xlsx-stream.ts';
import type { PrelistRow } from './musdes.repository.ts';

export type PrelistStage = 'awal' | 'akhir';

/** What a document says about the session, with the region names resolved. */
export interface SessionHeader {
  villageCode: string;
  period: string;
  heldOn: string | null;
  place: string | null;
  participants: Participant[];
  /** Names from province to village. */
  province: string;
  regency: string;
  district: string;
  village: string;
}

const PRELIST_COLUMNS: PdfColumn[] = [
  { header: 'No', width: 5, align: 'right' },
  { header: 'Nomor KK', width: 17 },
  { header: 'Nama Kepala Keluarga', width: 25 },
  { header: 'ART', width: 5, align: 'right' },
  { header: 'Sumber', width: 14 },
  { header: 'Hasil Musyawarah', width: 12 },
  { header: 'Keterangan', width: 22 },
];

function villageWord(h: SessionHeader): string {
  return isKelurahan(h.villageCode) ? 'Kelurahan' : 'Desa';
}

function headTitle(h: SessionHeader): string {
  return isKelurahan(h.villageCode) ? 'Lurah' : 'Kepala Desa';
}

/** "KABUPATEN WONOSOBO" stays; a bare name gets no prefix (region names already carry KAB./KOTA). */
function letterheadLines(h: SessionHeader): string[] {
  return [
    `PEMERINTAH ${h.regency.toUpperCase()}`,
    `KECAMATAN ${h.district.toUpperCase()}`,
    `${villageWord(h).toUpperCase()} ${h.village.toUpperCase()}`,
  ];
}

function sourceLabel(r: PrelistRow): string {
  return ROW_KIND_LABELS[r.kind].id;
}

/** Cells of one prelist row; the awal stage leaves the outcome columns empty for the meeting to fill. */
export function prelistCells(r: PrelistRow, stage: PrelistStage): string[] {
  const outcome = stage === 'akhir' && r.outcome ? OUTCOME_LABELS[r.outcome as Outcome].id : '';
  return [
    String(r.rowNo),
    r.kkNumber,
    r.headName,
    String(r.memberCount),
    sourceLabel(r),
    outcome,
    stage === 'akhir' ? (r.note ?? '') : '',
  ];
}

function stageTitle(stage: PrelistStage): string {
  return stage === 'awal' ? 'PRELIST AWAL' : 'PRELIST AKHIR (HASIL MUSYAWARAH)';
}

export function documentFileName(kind: string, h: SessionHeader, ext: string): string {
  return `${kind}_${h.villageCode.replaceAll('.', '')}_${h.period}.${ext}`;
}

async function* cellsOf(rows: AsyncIterable<PrelistRow>, stage: PrelistStage): AsyncGenerator<string[]> {
  for await (const r of rows) yield prelistCells(r, stage);
}

/** The printable prelist as a PDF stream; rows are drawn as they are read. */
export function prelistPdf(
  h: SessionHeader,
  stage: PrelistStage,
  rows: AsyncIterable<PrelistRow>,
): { stream: Readable; done: Promise<number> } {
  const pdf = new PdfBuilder({
    title: `${stageTitle(stage)} DTKS ${villageWord(h)} ${h.village} ${h.period}`,
    subject: `${deliberationName(h.villageCode).id}, ${villageWord(h)} ${h.village}, ${h.district}, ${h.regency}`,
    landscape: true,
    footer: `${stageTitle(stage)} · ${villageWord(h)} ${h.village} · periode ${h.period}`,
  });
  pdf.letterhead(letterheadLines(h));
  pdf.title([`${stageTitle(stage)} DATA TERPADU KESEJAHTERAAN SOSIAL`, `Periode ${periodNameId(h.period)}`]);
  pdf.fields([
    [villageWord(h), `${h.village} (${h.villageCode})`],
    ['Kecamatan', h.district],
    ['Kabupaten/Kota', h.regency],
    ['Provinsi', h.province],
    ['Musyawarah', `${h.heldOn ? longDateId(h.heldOn) : '-'}${h.place ? `, ${h.place}` : ''}`],
  ]);
  const done = (async () => {
    try {
      // The prelist awal is filled in by hand at the meeting: rows tall enough to write in.
      const n = await pdf.table(PRELIST_COLUMNS, cellsOf(rows, stage), {
        minRowHeight: stage === 'awal' ? 20 : 0,
      });
      pdf.paragraph(`Jumlah baris: ${n}.`, { align: 'left' });
      if (stage === 'awal') {
        pdf.paragraph(
          'Hasil musyawarah diisi salah satu: Tetap, Perbaikan, Dikeluarkan (data DTKS); Usulan baru atau Dikeluarkan (usulan baru); Perbaikan atau Tetap (usulan perbaikan); Dikeluarkan atau Tetap (usulan dikeluarkan).',
          { align: 'left' },
        );
      }
      pdf.end();
      return n;
    } catch (err) {
      pdf.doc.destroy(err as Error);
      throw err;
    }
  })();
  return { stream: pdf.doc, done };
}

/** Prelist rows per page of the Excel sheet (the rows come one by one, audited in batches). */
const XLSX_PAGE = 500;

async function* prelistSheetPages(
  rows: AsyncIterable<PrelistRow>,
  stage: PrelistStage,
): AsyncGenerator<Cell[][]> {
  let page: Cell[][] = [];
  for await (const r of rows) {
    const c = prelistCells(r, stage);
    // Text, not a number: a 16-digit KK number loses its last digits as a spreadsheet number.
    page.push([r.rowNo, c[1]!, c[2]!, r.memberCount, c[4]!, c[5] || null, c[6] || null]);
    if (page.length === XLSX_PAGE) {
      yield page;
      page = [];
    }
  }
  if (page.length) yield page;
}

/** The printable prelist as an .xlsx workbook (one sheet), streamed as its rows are read. */
export function prelistXlsx(
  h: SessionHeader,
  stage: PrelistStage,
  rows: AsyncIterable<PrelistRow>,
): Readable {
  const widths = [6, 20, 32, 6, 20, 18, 40];
  return xlsxStream(
    {
      sheet: stage === 'awal' ? 'Prelist awal' : 'Prelist akhir',
      title: [
        `${stageTitle(stage)} DTKS — ${villageWord(h)} ${h.village} (${h.villageCode})`,
        `Kecamatan ${h.district}, ${h.regency}, ${h.province} · Periode ${periodNameId(h.period)}${h.heldOn ? ` · Musyawarah ${longDateId(h.heldOn)}` : ''}`,
      ],
      columns: PRELIST_COLUMNS.map((c, i) => ({ header: c.header, width: widths[i]! })),
    },
    prelistSheetPages(rows, stage),
  );
}

/**
 * The Berita Acara: who met where and when, the counts per outcome, the signature blocks (Kepala
 * Desa/Lurah and witnesses), and the prelist akhir as its attachment (lampiran).
 */
export async function beritaAcaraPdf(
  h: SessionHeader,
  counts: OutcomeCounts,
  rows: AsyncIterable<PrelistRow>,
): Promise<Buffer> {
  const name = deliberationName(h.villageCode).id;
  const village = `${villageWord(h)} ${h.village}`;
  const pdf = new PdfBuilder({
    title: `Berita Acara ${name} ${village} ${h.period}`,
    subject: `DTKS ${village}, Kecamatan ${h.district}, ${h.regency}, ${h.province}`,
    footer: `Berita Acara ${name} · ${village} · periode ${h.period}`,
  });
  pdf.letterhead(letterheadLines(h));
  pdf.title([
    `BERITA ACARA ${name.toUpperCase()}`,
    'PEMUTAKHIRAN DATA TERPADU KESEJAHTERAAN SOSIAL (DTKS)',
    `Periode ${periodNameId(h.period)}`,
    'Nomor: ........................................',
  ]);
  const when = h.heldOn ? longDateId(h.heldOn) : '....................';
  pdf.paragraph(
    `Pada hari ini ${when}, bertempat di ${h.place ?? '....................'}, ${village}, Kecamatan ${h.district}, ${h.regency}, Provinsi ${h.province}, telah dilaksanakan ${name} untuk membahas prelist awal Data Terpadu Kesejahteraan Sosial (DTKS) periode ${periodNameId(h.period)}, yaitu data rumah tangga DTKS ${village} beserta usulan yang masuk pada periode tersebut. Setiap baris prelist diberi satu hasil musyawarah: perbaikan, dikeluarkan, usulan baru, atau tetap.`,
  );
  pdf.heading('A. Peserta musyawarah');
  await pdf.table(
    [
      { header: 'No', width: 6, align: 'right' },
      { header: 'Nama', width: 40 },
      { header: 'Unsur / Jabatan', width: 34 },
      { header: 'Tanda tangan', width: 20 },
    ],
    h.participants.map((p, i) => [String(i + 1), p.name, PARTICIPANT_ROLE_LABELS[p.role].id, '']),
  );
  pdf.heading('B. Hasil musyawarah');
  const total = counts.perbaikan + counts.dikeluarkan + counts.usulan_baru + counts.tetap;
  await pdf.table(
    [
      { header: 'Hasil', width: 60 },
      { header: 'Jumlah rumah tangga', width: 40, align: 'right' },
    ],
    [
      ['Tetap', String(counts.tetap)],
      ['Perbaikan', String(counts.perbaikan)],
      ['Dikeluarkan', String(counts.dikeluarkan)],
      ['Usulan baru', String(counts.usulan_baru)],
      ['Jumlah', String(total)],
    ],
  );
  pdf.paragraph(
    'Rincian hasil per rumah tangga tercantum dalam Lampiran (prelist akhir) yang merupakan bagian tidak terpisahkan dari Berita Acara ini. Demikian Berita Acara ini dibuat dengan sebenarnya untuk dipergunakan sebagaimana mestinya.',
  );
  const { head, witnesses } = signatories(h.participants);
  pdf.signatures(
    [
      {
        caption: `${h.village}, ${h.heldOn ? longDateId(h.heldOn).split(', ')[1] : '....................'}`,
        role: `${headTitle(h)} ${h.village}`,
        name: head?.name,
      },
    ],
    2,
  );
  if (witnesses.length) {
    pdf.heading('Saksi-saksi:');
    pdf.signatures(
      witnesses.map((w, i) => ({ role: `${i + 1}. ${PARTICIPANT_ROLE_LABELS[w.role].id}`, name: w.name })),
      2,
    );
  }
  pdf.newPage();
  pdf.title([
    `LAMPIRAN BERITA ACARA ${name.toUpperCase()}`,
    `Prelist akhir ${village} — periode ${periodNameId(h.period)}`,
  ]);
  await pdf.table(PRELIST_COLUMNS, cellsOf(rows, 'akhir'));
  return pdf.toBuffer();
}

/**
 * Invitation letters (undangan) as one PDF per village: two letters per A4 page, each with the KPM's name, KK,
 * address, the point, its schedule, the amount (integer rupiah) or packages, and the QR code of the signed
 * payload (drawn as vector runs from the `qrcode` library's module matrix, not hand-encoded). Streamed: lines
 * come from an async source page by page and every page is written out as it is finished, waiting for the
 * destination to drain, so memory stays flat however large the village (bench/invitations.ts).
 */
import type { KeyObject } from 'node:crypto';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type PDFKitDocument from 'pdfkit';
import type QRCodeLib from 'qrcode';
import { type InvitationPayload, signInvitation } from '../../domain/distribution/qr.ts';
import { rupiah } from '../../domain/group-digits.ts';
import { periodNameId } from '../../domain/month-names.ts';
import { TIME_ZONE_NAMES, TIME_ZONES, timeZoneOfRegion } from '../../domain/regions/time-zone.ts';
import { pdfSafe } from '../../lib/pdf.ts';
import type { InvitationLine } from './receipts.service.ts';

// pdfkit and qrcode are loaded by the first letter or QR code, not by every process importing the receipts
// service (src/lib/pdf.ts).
const require = createRequire(import.meta.url);

/**
 * What one village's file says besides its lines: plain data, so a worker thread can write the file
 * (invitations.threads.ts) exactly as the job's own thread would.
 */
export interface InvitationFile {
  villageName: string;
  programmeName: string;
  /** The batch's distribution points by id. */
  points: Record<string, { name: string; address: string }>;
  /** The PDF's creation date (its file ID derives from it): the same lines and date give the same bytes. */
  createdAt: Date;
}

/** The installation's `distribution` key, as the letters' QR codes are signed with it. */
export interface InvitationSigner {
  keyId: string;
  privateKey: KeyObject;
}

/** The QR text of one invitation: its entitlement's fields, signed (src/domain/distribution/qr.ts). */
export function invitationQr(line: InvitationLine, signer: InvitationSigner): string {
  const payload: InvitationPayload = {
    e: line.entitlementId,
    k: line.kkNumber,
    p: line.period,
    g: line.programme,
    t: line.pointId,
    r: line.tranche,
    a: line.amount,
    n: line.packages,
    x: line.until,
    v: signer.keyId,
  };
  return signInvitation(payload, signer.privateKey);
}

interface InvitationContext extends InvitationFile {
  qrFor: (line: InvitationLine) => string;
}

const MARGIN = 40;
const QR_SIZE = 150;
/** Made once per zone: constructing an Intl formatter per letter cost more than the letter's text layout. */
const dateTimes = new Map(
  TIME_ZONE_NAMES.map((zone) => [
    zone,
    new Intl.DateTimeFormat('id-ID', {
      dateStyle: 'long',
      timeStyle: 'short',
      timeZone: TIME_ZONES[zone].iana,
    }),
  ]),
);

/**
 * A letter's schedule in its village's time zone, named ("1 September 2026 pukul 09.00 WIT s.d. …"): a KPM in
 * Papua reads the hour of Papua, not of Jakarta. Unscheduled, the code is valid to the period's end, which is
 * said as a month: its instant is the end of the month in UTC, hours into the next month east of Greenwich.
 */
export function scheduleText(
  l: Pick<InvitationLine, 'startsAt' | 'until' | 'villageCode' | 'period'>,
): string {
  if (l.startsAt === null) return `belum dijadwalkan; berlaku s.d. akhir ${periodNameId(l.period)}`;
  const zone = timeZoneOfRegion(l.villageCode);
  const dateTime = dateTimes.get(zone)!;
  const when = (iso: string) => `${dateTime.format(new Date(iso))} ${zone}`;
  return `${when(l.startsAt)} s.d. ${when(l.until)}`;
}

/** The characters QR alphanumeric mode holds (5.5 bits each instead of 8): the compact code's Base45. */
const ALPHANUMERIC = /^[0-9A-Z $%*+\-./:]*$/;

/**
 * The QR symbol's module matrix for a code's text (the `qrcode` library; error correction M). The text is
 * given as one segment — alphanumeric for the compact `DTKS2:` code (Base45), byte for any other — and the
 * mask pattern is fixed: the library's automatic choices (a shortest-path search over mixed segments, and
 * scoring all eight masks) were two thirds of the time of a letter. Any mask is valid (ISO/IEC 18004); a
 * test decodes the symbols with jsQR (the receive page's decoder).
 */
export function qrMatrix(text: string): { size: number; dark: (row: number, col: number) => boolean } {
  const segment = ALPHANUMERIC.test(text)
    ? { data: text, mode: 'alphanumeric' as const }
    : { data: Buffer.from(text, 'utf8'), mode: 'byte' as const };
  const QRCode = require('qrcode') as typeof QRCodeLib;
  const qr = QRCode.create([segment], { errorCorrectionLevel: 'M', maskPattern: 2 });
  const n = qr.modules.size;
  const data = qr.modules.data;
  return { size: n, dark: (r, c) => data[r * n + c] !== 0 };
}

/** Writes the letters to `out` (not ended by this function's caller; it ends it). Returns the letters written. */
export async function writeInvitationsPdf(
  out: Writable,
  lines: AsyncIterable<InvitationLine>,
  file: InvitationFile,
  signer: InvitationSigner,
): Promise<number> {
  const ctx: InvitationContext = { ...file, qrFor: (l) => invitationQr(l, signer) };
  const PDFDocument = require('pdfkit') as typeof PDFKitDocument;
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    autoFirstPage: false,
    compress: true,
    info: {
      Title: pdfSafe(`Undangan penyaluran ${ctx.programmeName} - ${ctx.villageName}`),
      CreationDate: ctx.createdAt,
    },
  });
  doc.on('data', (chunk: Buffer) => {
    out.write(chunk);
  });
  // A destination that fails (a full disk, a closed connection) ends the writing at the next page.
  let failure: Error | null = null;
  out.on('error', (err) => {
    failure ??= err;
  });
  const ended = once(doc, 'end');
  let n = 0;
  let tpl: Templates | undefined;
  for await (const line of lines) {
    if (n % 2 === 0) {
      if (failure) throw failure;
      if (out.writableNeedDrain) await once(out, 'drain');
      doc.addPage();
      tpl ??= templates(doc);
      doc.page.xobjects[tpl.title.name] = tpl.title.ref;
      doc.page.xobjects[tpl.footer.name] = tpl.footer.ref;
    }
    letter(doc, line, ctx, tpl!, n % 2 === 0 ? MARGIN : doc.page.height / 2 + 10);
    if (n % 2 === 0) {
      doc
        .moveTo(MARGIN, doc.page.height / 2)
        .lineTo(doc.page.width - MARGIN, doc.page.height / 2)
        .dash(4, { space: 4 })
        .stroke()
        .undash();
    }
    n++;
  }
  if (n === 0) {
    doc.addPage();
    doc.fontSize(12).text(pdfSafe(`Tidak ada undangan untuk ${ctx.villageName}.`));
  }
  doc.end();
  await ended;
  out.end();
  await finished(out, { readable: false });
  return n;
}

const TITLE = 'UNDANGAN PENYALURAN BANTUAN SOSIAL';
const FOOTER =
  'Bawa undangan ini dan KTP/KK ke titik salur. Petugas memindai kode QR; bantuan hanya dapat diterima satu kali. Kode QR ditandatangani secara digital (Ed25519) dan dapat diperiksa dengan kunci publik DTKS.';

/** A block of text laid out once per file, as a form XObject placed on every letter (`name` on each page). */
interface Template {
  name: string;
  ref: PDFKit.PDFKitReference;
  /** The height the text took (where pdfkit's cursor ended below the block's top). */
  height: number;
}
interface Templates {
  title: Template;
  footer: Template;
}

/** The letters' widths: the text column leaves room for the QR code on the right. */
const widths = (doc: PDFKit.PDFDocument) => {
  const width = doc.page.width - 2 * MARGIN;
  return { width, textWidth: width - QR_SIZE - 16 };
};

/**
 * The title and the closing note, the same on every letter, laid out by pdfkit once per file (text layout and
 * kerning were a quarter of a letter's CPU, and their bytes part of every page's deflate): pdfkit draws each at
 * the top of the page while its content operators are collected instead of written to the page, and they
 * become a form XObject with the fonts they use. Each letter places it with a translation.
 */
function templates(doc: PDFKit.PDFDocument): Templates {
  const { width, textWidth } = widths(doc);
  let count = 0;
  const make = (draw: () => void): Template => {
    const page = doc.page as unknown as { content: { write: (chunk: string) => void } };
    const real = page.content;
    let ops = '';
    page.content = {
      write: (chunk) => {
        ops += `${chunk}\n`;
      },
    };
    try {
      draw();
    } finally {
      page.content = real;
    }
    const ref = doc.ref({
      Type: 'XObject',
      Subtype: 'Form',
      FormType: 1,
      BBox: [0, 0, doc.page.width, doc.page.height],
      Resources: { Font: { ...doc.page.fonts } },
    });
    ref.end(ops);
    return { name: `Tpl${++count}`, ref, height: doc.y };
  };
  return {
    title: make(() => doc.font('Helvetica-Bold').fontSize(13).text(TITLE, MARGIN, 0, { width })),
    footer: make(() => doc.font('Helvetica').fontSize(8).text(FOOTER, MARGIN, 0, { width: textWidth })),
  };
}

/** Draws a template with its top at `y`. */
function place(doc: PDFKit.PDFDocument, t: Template, y: number): void {
  (doc as unknown as { addContent: (s: string) => void }).addContent(
    `q 1 0 0 1 0 ${Math.round(y * 1000) / 1000} cm /${t.name} Do Q`,
  );
}

function letter(
  doc: PDFKit.PDFDocument,
  l: InvitationLine,
  ctx: InvitationContext,
  tpl: Templates,
  top: number,
): void {
  const left = MARGIN;
  const { width, textWidth } = widths(doc);
  const point = l.pointId ? (ctx.points[l.pointId] ?? null) : null;
  place(doc, tpl.title, top);
  doc.x = left;
  doc.y = top + tpl.title.height;
  doc
    .font('Helvetica')
    .fontSize(9)
    .text(pdfSafe(`${ctx.programmeName} - periode ${periodNameId(l.period)} - tahap ${l.tranche}`), {
      width,
    });
  doc.moveDown(0.6);
  const y0 = doc.y;
  const rows: [string, string][] = [
    ['Kepada', l.headName],
    ['Nomor KK', l.kkNumber],
    ['Alamat', `${l.address} RT ${l.rt} RW ${l.rw}, ${ctx.villageName}`],
    [
      'Bantuan',
      l.packages > 0 ? `${l.packages} paket (senilai ${rupiah(l.amount, 'id')})` : rupiah(l.amount, 'id'),
    ],
    ['Titik salur', point ? `${point.name}, ${point.address}` : 'akan diumumkan'],
    ['Jadwal', scheduleText(l)],
  ];
  doc.fontSize(10);
  for (const [k, v] of rows) {
    const y = doc.y;
    doc.font('Helvetica-Bold').text(k, left, y, { width: 80 });
    doc.font('Helvetica').text(pdfSafe(v), left + 84, y, { width: textWidth - 84 });
    doc.moveDown(0.2);
  }
  place(doc, tpl.footer, doc.y + 6);
  drawQr(doc, ctx.qrFor(l), left + width - QR_SIZE, y0, QR_SIZE);
  doc.fontSize(6).text(`ID ${l.entitlementId}`, left + width - QR_SIZE, y0 + QR_SIZE + 2, {
    width: QR_SIZE,
    align: 'center',
  });
}

/**
 * The QR symbol as filled rectangles, one per horizontal run of dark modules, written as one content string
 * (pdfkit's `rect` per run formatted each number through its general path code: a fifth of a letter's time).
 * One `cm` scales user space to modules, so each run is four small integers (`col row length 1 re`): a third of
 * the bytes the absolute coordinates took, and those bytes are what the page stream's deflate spends on.
 */
function drawQr(doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number): void {
  const { size: n, dark } = qrMatrix(text);
  const quiet = 4;
  const m = size / (n + 2 * quiet);
  const f = (v: number) => String(Math.round(v * 1000) / 1000);
  let ops = `q ${f(m)} 0 0 ${f(m)} ${f(x + quiet * m)} ${f(y + quiet * m)} cm\n`;
  for (let r = 0; r < n; r++) {
    let c = 0;
    while (c < n) {
      if (!dark(r, c)) {
        c++;
        continue;
      }
      const start = c;
      while (c < n && dark(r, c)) c++;
      ops += `${start} ${r} ${c - start} 1 re\n`;
    }
  }
  doc.save();
  doc.fillColor('black');
  (doc as unknown as { addContent: (s: string) => void }).addContent(`${ops}f Q`);
  doc.restore();
}

/**
 * The project's one PDF builder (pdfkit) for the documents the system prints: Berita Acara, prelists,
 * approval letters, decrees. Small API: a letterhead (kop surat), titles, paragraphs, label/value lines,
 * tables whose header repeats on every page (rows may come from an async source, so long lists stream),
 * signature blocks, and a page footer. The document is a Readable stream: pipe it to an HTTP reply, or
 * collect it with `toBuffer()` to store it as an attachment.
 *
 * Fonts: the PDF standard Helvetica (WinAnsi). Indonesian text is Latin; characters outside WinAnsi are
 * replaced so a stray symbol in a name cannot break a document.
 */
import { createRequire } from 'node:module';
import type PDFKitDocument from 'pdfkit';

// pdfkit (with its font and compression libraries) is loaded by the first document, not by every process
// that imports a service able to print one: a quarter of a second off each `dtks` command.
const require = createRequire(import.meta.url);

export interface PdfOptions {
  /** Document title (also the PDF metadata title). */
  title: string;
  subject?: string;
  author?: string;
  landscape?: boolean;
  /** Small text on every page's footer, left of the page number (e.g. "DTKS · Desa X · 2026-03"). */
  footer?: string;
}

export interface PdfColumn {
  header: string;
  /** Relative width; columns share the usable page width in proportion. */
  width: number;
  align?: 'left' | 'center' | 'right';
}

export interface SignatureBlock {
  /** Line above the role, e.g. "Wonosobo, 23 Maret 2026" (optional). */
  caption?: string;
  /** e.g. "Kepala Desa Kalibeber". */
  role: string;
  /** The signer's name, printed under the signing space; blank line when absent. */
  name?: string;
}

const MARGIN = 42;
const CELL_PAD = 3;
const BODY_SIZE = 10;
const TABLE_SIZE = 8.5;

/** Keeps WinAnsi-encodable characters (the standard fonts' encoding); others become '?'. */
export function pdfSafe(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[^\t\n\r\x20-\x7e\xa0-\xff\u2013\u2014\u2018\u2019\u201c\u201d\u2022\u2026]/g, '?');
}

export class PdfBuilder {
  readonly doc: PDFKit.PDFDocument;
  #page = 1;
  readonly #footer: string;

  constructor(opts: PdfOptions) {
    const PDFDocument = require('pdfkit') as typeof PDFKitDocument;
    this.doc = new PDFDocument({
      size: 'A4',
      layout: opts.landscape ? 'landscape' : 'portrait',
      margins: { top: MARGIN, bottom: MARGIN + 14, left: MARGIN, right: MARGIN },
      info: {
        Title: pdfSafe(opts.title),
        ...(opts.subject ? { Subject: pdfSafe(opts.subject) } : {}),
        Author: opts.author ? pdfSafe(opts.author) : 'DTKS',
        Creator: 'DTKS',
      },
    });
    this.#footer = opts.footer ? pdfSafe(opts.footer) : '';
    this.#drawFooter();
    this.doc.on('pageAdded', () => {
      this.#page++;
      this.#drawFooter();
    });
    this.doc.font('Helvetica').fontSize(BODY_SIZE);
  }

  get #width(): number {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }

  get #bottom(): number {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }

  #drawFooter(): void {
    const d = this.doc;
    const { x, y } = d;
    const bottom = d.page.margins.bottom;
    d.page.margins.bottom = 0; // writing below the margin must not start a new page
    d.font('Helvetica').fontSize(7.5).fillColor('#555555');
    const fy = d.page.height - MARGIN;
    if (this.#footer) d.text(this.#footer, MARGIN, fy, { width: this.#width - 80, lineBreak: false });
    d.text(`Halaman ${this.#page}`, d.page.width - MARGIN - 80, fy, {
      width: 80,
      align: 'right',
      lineBreak: false,
    });
    d.page.margins.bottom = bottom;
    d.fillColor('black').font('Helvetica').fontSize(BODY_SIZE);
    d.x = x;
    d.y = y;
  }

  /** Starts a new page when less than `height` points are left. */
  ensureSpace(height: number): this {
    if (this.doc.y + height > this.#bottom) this.doc.addPage();
    return this;
  }

  /** Kop surat: centred bold lines (government, office, village) and a double rule under them. */
  letterhead(lines: string[], subline?: string): this {
    const d = this.doc;
    d.x = MARGIN;
    lines.forEach((line, i) => {
      d.font('Helvetica-Bold')
        .fontSize(i === lines.length - 1 ? 13 : 11.5)
        .text(pdfSafe(line), MARGIN, d.y, { width: this.#width, align: 'center' });
    });
    if (subline)
      d.font('Helvetica').fontSize(8.5).text(pdfSafe(subline), { width: this.#width, align: 'center' });
    const y = d.y + 4;
    d.moveTo(MARGIN, y)
      .lineTo(MARGIN + this.#width, y)
      .lineWidth(1.5)
      .stroke();
    d.moveTo(MARGIN, y + 2.5)
      .lineTo(MARGIN + this.#width, y + 2.5)
      .lineWidth(0.5)
      .stroke();
    d.lineWidth(1);
    d.y = y + 12;
    d.font('Helvetica').fontSize(BODY_SIZE);
    return this;
  }

  /** Centred bold title lines (the first underlined). */
  title(lines: string[]): this {
    const d = this.doc;
    lines.forEach((line, i) => {
      d.font('Helvetica-Bold')
        .fontSize(i === 0 ? 12 : 10.5)
        .text(pdfSafe(line), MARGIN, d.y, { width: this.#width, align: 'center', underline: i === 0 });
    });
    d.moveDown(0.8);
    d.font('Helvetica').fontSize(BODY_SIZE);
    return this;
  }

  heading(text: string): this {
    this.ensureSpace(40);
    this.doc.moveDown(0.4);
    this.doc
      .font('Helvetica-Bold')
      .fontSize(10.5)
      .text(pdfSafe(text), MARGIN, this.doc.y, { width: this.#width });
    this.doc.moveDown(0.3).font('Helvetica').fontSize(BODY_SIZE);
    return this;
  }

  paragraph(text: string, opts: { align?: 'left' | 'justify' | 'center' } = {}): this {
    this.doc
      .font('Helvetica')
      .fontSize(BODY_SIZE)
      .text(pdfSafe(text), MARGIN, this.doc.y, { width: this.#width, align: opts.align ?? 'justify' });
    this.doc.moveDown(0.5);
    return this;
  }

  /** Aligned "label : value" lines. */
  fields(pairs: [string, string][], labelWidth = 130): this {
    const d = this.doc;
    for (const [label, value] of pairs) {
      this.ensureSpace(14);
      const y = d.y;
      d.font('Helvetica').fontSize(BODY_SIZE).text(pdfSafe(label), MARGIN, y, { width: labelWidth });
      d.text(':', MARGIN + labelWidth, y, { width: 10 });
      d.text(pdfSafe(value), MARGIN + labelWidth + 10, y, { width: this.#width - labelWidth - 10 });
      d.y = Math.max(d.y, y + 13);
    }
    d.moveDown(0.4);
    return this;
  }

  /**
   * A bordered table; the header row repeats at the top of every page. `rows` may be an async iterable,
   * so a long list is drawn as its pages are read from the database, never held in memory.
   * `minRowHeight` leaves room to write by hand (a list filled in at a meeting).
   */
  async table(
    columns: PdfColumn[],
    rows: Iterable<string[]> | AsyncIterable<string[]>,
    opts: { minRowHeight?: number } = {},
  ): Promise<number> {
    const d = this.doc;
    const total = columns.reduce((s, c) => s + c.width, 0);
    const widths = columns.map((c) => (c.width / total) * this.#width);
    // Most cells fit on one line: measuring their width is much cheaper than wrapping them, and drawing
    // them without line breaking skips pdfkit's line wrapper (a 5,000-row prelist prints in about a second).
    const fits = (cells: string[]) => cells.map((c, i) => d.widthOfString(c) <= widths[i]! - 2 * CELL_PAD);
    const heightOf = (cells: string[], fit: boolean[], bold: boolean) => {
      d.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(TABLE_SIZE);
      const line = d.currentLineHeight(true);
      return (
        Math.max(
          ...cells.map((c, i) =>
            fit[i] ? line : d.heightOfString(c || ' ', { width: widths[i]! - 2 * CELL_PAD }),
          ),
        ) +
        2 * CELL_PAD
      );
    };
    const drawRow = (cells: string[], fit: boolean[], h: number, bold: boolean, shade: boolean) => {
      let x = MARGIN;
      const y = d.y;
      if (shade) d.rect(MARGIN, y, this.#width, h).fillColor('#e8e8e8').fill().fillColor('black');
      d.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(TABLE_SIZE);
      cells.forEach((cell, i) => {
        const w = widths[i]!;
        d.rect(x, y, w, h).lineWidth(0.5).stroke();
        if (cell) {
          d.text(cell, x + CELL_PAD, y + CELL_PAD, {
            width: w - 2 * CELL_PAD,
            align: bold ? 'center' : (columns[i]!.align ?? 'left'),
            lineBreak: !fit[i],
          });
        }
        x += w;
      });
      d.x = MARGIN;
      d.y = y + h;
    };
    const header = columns.map((c) => pdfSafe(c.header));
    d.font('Helvetica-Bold').fontSize(TABLE_SIZE);
    const headerFit = fits(header);
    const headerHeight = heightOf(header, headerFit, true);
    const drawHeader = () => drawRow(header, headerFit, headerHeight, true, true);
    this.ensureSpace(headerHeight + 16);
    drawHeader();
    let count = 0;
    for await (const raw of rows as AsyncIterable<string[]>) {
      const cells = raw.map((c) => pdfSafe(c ?? ''));
      d.font('Helvetica').fontSize(TABLE_SIZE);
      const fit = fits(cells);
      const h = Math.max(heightOf(cells, fit, false), opts.minRowHeight ?? 0);
      if (d.y + h > this.#bottom) {
        d.addPage();
        drawHeader();
      }
      drawRow(cells, fit, h, false, false);
      count++;
    }
    d.font('Helvetica').fontSize(BODY_SIZE).moveDown(0.6);
    return count;
  }

  /** Signature blocks side by side (two or three per line), with room to sign. */
  signatures(blocks: SignatureBlock[], perLine = Math.min(3, Math.max(blocks.length, 1))): this {
    const d = this.doc;
    const w = this.#width / perLine;
    for (let i = 0; i < blocks.length; i += perLine) {
      const line = blocks.slice(i, i + perLine);
      this.ensureSpace(105);
      const top = d.y;
      let bottom = top;
      line.forEach((b, k) => {
        // A single block sits on the right, where a letter's signature goes.
        const x = MARGIN + (line.length === 1 && perLine > 1 ? (perLine - 1) * w : k * w);
        d.y = top;
        d.font('Helvetica').fontSize(BODY_SIZE);
        if (b.caption) d.text(pdfSafe(b.caption), x, d.y, { width: w, align: 'center' });
        d.text(pdfSafe(b.role), x, d.y, { width: w, align: 'center' });
        d.y += 52;
        d.font('Helvetica-Bold').text(
          b.name ? pdfSafe(b.name) : '(.................................)',
          x,
          d.y,
          {
            width: w,
            align: 'center',
            underline: Boolean(b.name),
          },
        );
        bottom = Math.max(bottom, d.y);
      });
      d.x = MARGIN;
      d.y = bottom + 14;
    }
    d.font('Helvetica').fontSize(BODY_SIZE);
    return this;
  }

  newPage(): this {
    this.doc.addPage();
    return this;
  }

  /** Finishes the document; read it from `doc` (a Readable). */
  end(): PDFKit.PDFDocument {
    this.doc.end();
    return this.doc;
  }

  /** Finishes the document and collects it (for documents stored as attachments). */
  async toBuffer(): Promise<Buffer> {
    const chunks: Buffer[] = [];
    const done = new Promise<Buffer>((resolve, reject) => {
      this.doc.on('data', (c: Buffer) => chunks.push(c));
      this.doc.on('end', () => resolve(Buffer.concat(chunks)));
      this.doc.on('error', reject);
    });
    this.doc.end();
    return done;
  }
}

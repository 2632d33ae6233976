import { deflateSync } from 'node:zlib';
import jpeg from 'jpeg-js';

/** A real (tiny) JPEG photo. */
export function jpegFile(width = 64, height = 48, shade = 120): Buffer {
  const data = Buffer.alloc(width * height * 4, shade);
  return Buffer.from(jpeg.encode({ width, height, data }, 80).data);
}

/** A minimal but well-formed PDF. */
export function pdfFile(text = 'KK'): Buffer {
  return Buffer.from(
    `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%${text}\n%%EOF\n`,
  );
}

/** A Windows executable header: what an .exe renamed to .jpg looks like. */
export function exeFile(): Buffer {
  const b = Buffer.alloc(512);
  b.write('MZ', 0, 'latin1');
  b.writeUInt32LE(0x80, 0x3c);
  b.write('PE\0\0', 0x80, 'latin1');
  return b;
}

/** One numbered object of a built PDF: its value (a dictionary for a stream) and, for a stream, its data. */
export interface PdfObject {
  body: string;
  stream?: Buffer;
}

/** Catalog (1), page tree (2), one page (3) and its drawing (4): what every built PDF starts with. */
export function pdfBasics(catalogExtra = '', pageExtra = ''): PdfObject[] {
  return [
    { body: `<< /Type /Catalog /Pages 2 0 R ${catalogExtra} >>` },
    { body: '<< /Type /Pages /Kids [3 0 R] /Count 1 >>' },
    { body: `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R ${pageExtra} >>` },
    { body: '<< /Filter /FlateDecode >>', stream: deflateSync('0 0 m 150 150 l S\n') },
  ];
}

/**
 * A well-formed PDF of `objects`, numbered from 1 (the first is the catalog). Classic: a cross-reference
 * table. With `objectStream`, every object without a stream is packed into one object stream (Flate, or as
 * `objectStream.dict` says) indexed by a cross-reference stream (PDF 1.5), as current scanners write them.
 */
export function buildPdf(
  objects: PdfObject[],
  opts: { objectStream?: { dict?: string; encode?: (b: Buffer) => Buffer } } = {},
): Buffer {
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let length = parts[0]!.length;
  const push = (b: Buffer | string) => {
    const buf = typeof b === 'string' ? Buffer.from(b, 'latin1') : b;
    parts.push(buf);
    length += buf.length;
  };
  const withLength = (dict: string, n: number) => dict.replace(/>>\s*$/, `/Length ${n} >>`);
  const writeObject = (n: number, o: PdfObject) => {
    push(`${n} 0 obj\n${o.stream ? withLength(o.body, o.stream.length) : o.body}\n`);
    if (o.stream) push(Buffer.concat([Buffer.from('stream\n'), o.stream, Buffer.from('\nendstream\n')]));
    push('endobj\n');
  };
  const offsets: number[] = [];
  if (!opts.objectStream) {
    objects.forEach((o, i) => {
      offsets[i + 1] = length;
      writeObject(i + 1, o);
    });
    const xref = length;
    push(`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`);
    for (let n = 1; n <= objects.length; n++) push(`${String(offsets[n]).padStart(10, '0')} 00000 n \n`);
    push(`trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
    return Buffer.concat(parts);
  }
  const objStm = objects.length + 1;
  const xrefStm = objects.length + 2;
  const packed = objects.map((o, i) => ({ n: i + 1, o })).filter((x) => !x.o.stream);
  let header = '';
  let bodies = '';
  const index = new Map<number, number>();
  packed.forEach(({ n, o }, i) => {
    index.set(n, i);
    header += `${n} ${bodies.length} `;
    bodies += `${o.body}\n`;
  });
  objects.forEach((o, i) => {
    if (!o.stream) return;
    offsets[i + 1] = length;
    writeObject(i + 1, o);
  });
  const content = Buffer.from(header + bodies, 'latin1');
  const encode = opts.objectStream.encode ?? deflateSync;
  offsets[objStm] = length;
  writeObject(objStm, {
    body:
      opts.objectStream.dict ??
      `<< /Type /ObjStm /N ${packed.length} /First ${header.length} /Filter /FlateDecode >>`,
    stream: encode(content),
  });
  offsets[xrefStm] = length;
  const rows: Buffer[] = [];
  for (let n = 0; n <= xrefStm; n++) {
    const row = Buffer.alloc(7);
    if (n === 0) row.writeUInt8(0, 0);
    else if (index.has(n)) {
      row.writeUInt8(2, 0);
      row.writeUInt32BE(objStm, 1);
      row.writeUInt16BE(index.get(n)!, 5);
    } else {
      row.writeUInt8(1, 0);
      row.writeUInt32BE(offsets[n]!, 1);
    }
    rows.push(row);
  }
  writeObject(xrefStm, {
    body: `<< /Type /XRef /Size ${xrefStm + 1} /W [1 4 2] /Root 1 0 R /Filter /FlateDecode >>`,
    stream: deflateSync(Buffer.concat(rows)),
  });
  push(`startxref\n${offsets[xrefStm]}\n%%EOF\n`);
  return Buffer.concat(parts);
}

/** A PDF that runs JavaScript when opened (an OpenAction), in plain objects or inside an object stream. */
export function pdfWithJavaScript(opts: { objectStream?: boolean } = {}): Buffer {
  return buildPdf(
    [...pdfBasics('/OpenAction 5 0 R'), { body: "<< /Type /Action /S /JavaScript /JS (app.alert('x')) >>" }],
    opts.objectStream ? { objectStream: {} } : {},
  );
}

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

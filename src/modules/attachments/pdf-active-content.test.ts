import { randomBytes } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildPdf, pdfBasics, pdfFile, pdfWithJavaScript } from '../../../test/factories/files.ts';
import { PdfBuilder } from '../../lib/pdf.ts';
import { checkPdf } from './pdf-active-content.ts';

const active = (...names: string[]) => ({ ok: false, reason: 'active', names: names.sort() });

describe('checkPdf: harmless PDFs pass', () => {
  it('a minimal PDF, a built one with a cross-reference table, and one with an object stream', () => {
    expect(checkPdf(pdfFile())).toEqual({ ok: true });
    expect(checkPdf(buildPdf(pdfBasics()))).toEqual({ ok: true });
    expect(checkPdf(buildPdf(pdfBasics(), { objectStream: {} }))).toEqual({ ok: true });
  });

  it('a document the system itself prints (pdfkit, compressed content streams)', async () => {
    const pdf = new PdfBuilder({ title: 'Berita Acara' });
    pdf
      .title(['BERITA ACARA MUSYAWARAH DESA'])
      .paragraph('Pada hari ini telah dilaksanakan musyawarah desa.');
    expect(checkPdf(await pdf.toBuffer())).toEqual({ ok: true });
  });

  it('an OpenAction that only opens the first page', () => {
    expect(checkPdf(buildPdf(pdfBasics('/OpenAction [3 0 R /Fit]')))).toEqual({ ok: true });
  });

  it('image data that happens to contain /JS and /AA (short names are not looked for inside streams)', () => {
    const noise = Buffer.concat([randomBytes(2000), Buffer.from(' /JS 1 /AA<<'), randomBytes(2000)]);
    const pdf = buildPdf([
      ...pdfBasics('', '/Resources << /XObject << /Im0 5 0 R >> >>'),
      { body: '<< /Type /XObject /Subtype /Image /Width 10 /Height 10 /Filter /DCTDecode >>', stream: noise },
    ]);
    expect(checkPdf(pdf)).toEqual({ ok: true });
  });
});

describe('checkPdf: active content is found', () => {
  it('JavaScript run on opening, in plain objects', () => {
    expect(checkPdf(pdfWithJavaScript())).toEqual(active('JS', 'JavaScript', 'OpenAction'));
  });

  it('JavaScript inside a compressed object stream', () => {
    const pdf = pdfWithJavaScript({ objectStream: true });
    expect(pdf.includes('JavaScript')).toBe(false);
    expect(checkPdf(pdf)).toEqual(active('JS', 'JavaScript', 'OpenAction'));
  });

  it('an object stream without /Type (readers only need /N and /First)', () => {
    const pdf = buildPdf([...pdfBasics('/OpenAction 5 0 R'), { body: '<< /S /JavaScript /JS (1) >>' }], {
      objectStream: { dict: '<< /N 6 /First 24 /Filter /Fl >>' },
    });
    expect(checkPdf(pdf)).toMatchObject({ ok: false, reason: 'active' });
  });

  it('names spelled with #xx escapes', () => {
    const pdf = buildPdf(
      [...pdfBasics('/Open#41ction 5 0 R'), { body: '<< /S /J#61vaScript /J#53 (app.alert(1)) >>' }],
      { objectStream: {} },
    );
    expect(checkPdf(pdf)).toEqual(active('JS', 'JavaScript', 'OpenAction'));
  });

  it.each([
    [
      'additional actions on a page',
      pdfBasics('', '/AA << /O 5 0 R >>'),
      '<< /S /GoTo /D [3 0 R /Fit] >>',
      'AA',
    ],
    ['a launched program', pdfBasics('/OpenAction 5 0 R'), '<< /S /Launch /F (calc.exe) >>', 'Launch'],
    [
      'an embedded file',
      pdfBasics('/Names << /EmbeddedFiles << /Names [(a.exe) 5 0 R] >> >>'),
      '<< /Type /Filespec /F (a.exe) >>',
      'EmbeddedFiles',
    ],
    [
      'rich media',
      pdfBasics('', '/Annots [5 0 R]'),
      '<< /Type /Annot /Subtype /RichMedia /Rect [0 0 1 1] >>',
      'RichMedia',
    ],
    ['an XFA form', pdfBasics('/AcroForm 5 0 R'), '<< /Fields [] /XFA 4 0 R >>', 'XFA'],
  ])('%s, plain and in an object stream', (_what, basics, extra, name) => {
    for (const opts of [{}, { objectStream: {} }]) {
      const verdict = checkPdf(buildPdf([...basics, { body: extra }], opts));
      expect(verdict).toMatchObject({ ok: false, reason: 'active' });
      expect((verdict as { names: string[] }).names).toContain(name);
    }
  });

  it('an object hidden inside another stream’s data, where a cross-reference could point a reader', () => {
    const hidden = Buffer.concat([
      randomBytes(500),
      Buffer.from('\n7 0 obj << /S /JavaScript /JS (app.alert(1)) >> endobj\n'),
      randomBytes(500),
    ]);
    const pdf = buildPdf([
      ...pdfBasics(),
      { body: '<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /Filter /DCTDecode >>', stream: hidden },
    ]);
    expect(checkPdf(pdf)).toMatchObject({ ok: false, reason: 'active', names: ['JavaScript'] });
  });
});

describe('checkPdf: an object stream that cannot be read is not accepted', () => {
  it('another filter', () => {
    const pdf = buildPdf(pdfBasics(), {
      objectStream: {
        dict: '<< /Type /ObjStm /N 4 /First 20 /Filter /ASCIIHexDecode >>',
        encode: (b) => Buffer.from(`${b.toString('hex')}>`),
      },
    });
    expect(checkPdf(pdf)).toEqual({
      ok: false,
      reason: 'unreadable',
      detail: {
        id: 'aliran objek memakai filter ASCIIHexDecode',
        en: 'an object stream uses ASCIIHexDecode',
      },
    });
  });

  it('a filter given by reference, a predictor, or data that does not inflate', () => {
    const by = (dict: string, encode?: (b: Buffer) => Buffer) =>
      checkPdf(buildPdf(pdfBasics(), { objectStream: { dict, ...(encode ? { encode } : {}) } }));
    expect(by('<< /Type /ObjStm /N 4 /First 20 /Filter 9 0 R >>')).toMatchObject({ reason: 'unreadable' });
    expect(
      by('<< /Type /ObjStm /N 4 /First 20 /Filter /FlateDecode /DecodeParms << /Predictor 12 >> >>'),
    ).toMatchObject({ reason: 'unreadable', detail: { en: 'an object stream uses predictor 12' } });
    expect(
      by('<< /Type /ObjStm /N 4 /First 20 /Filter /FlateDecode >>', () => randomBytes(300)),
    ).toMatchObject({
      reason: 'unreadable',
      detail: { en: 'an object stream does not inflate' },
    });
  });

  it('a compression bomb (more than 64 MiB decoded)', () => {
    const bomb = deflateSync(Buffer.alloc(65 * 1024 * 1024, 0x20));
    const pdf = buildPdf(pdfBasics(), {
      objectStream: { dict: '<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode >>', encode: () => bomb },
    });
    expect(checkPdf(pdf)).toMatchObject({
      ok: false,
      reason: 'unreadable',
      detail: { en: 'object streams decode to more than 64 MiB' },
    });
  });
});

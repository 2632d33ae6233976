import { describe, expect, it } from 'vitest';
import { asciiFileName, downloadName, safeFileName, typeOfExtension } from './attachment-names.ts';

describe('safeFileName', () => {
  it.each([
    ['Kartu Keluarga Siti Aminah.pdf', 'Kartu Keluarga Siti Aminah.pdf'],
    ['Foto rumah 🏠 depan.jpg', 'Foto rumah 🏠 depan.jpg'],
    ['keluarga 👨‍👩‍👧.jpg', 'keluarga 👨‍👩‍👧.jpg'],
    ['كشف الأسرة.pdf', 'كشف الأسرة.pdf'],
    ['surat "resmi" bupati.pdf', 'surat "resmi" bupati.pdf'],
    ['baris\nkedua\r\n.jpg', 'baris kedua .jpg'],
    ['tab\there.jpg', 'tab here.jpg'],
    ['../../etc/passwd', 'passwd'],
    ['C:\\Users\\Budi\\Desktop\\kk.pdf', 'kk.pdf'],
    ['dir/', 'file'],
    ['.htaccess', 'htaccess'],
    ['name. . .', 'name'],
    ['foto\u202Egpj.exe', 'fotogpj.exe'],
    ['\u2067abc\u2069.png', 'abc.png'],
    ['', 'file'],
    ['   ', 'file'],
    ['Cafe\u0301.jpg', 'Café.jpg'],
  ])('%j → %j', (input, expected) => {
    expect(safeFileName(input)).toBe(expected);
  });

  it('replaces a lone surrogate, which UTF-8 cannot carry', () => {
    expect(safeFileName('a\uD800b.jpg')).toBe('a\uFFFDb.jpg');
  });

  it('keeps the last 120 code points without splitting an emoji', () => {
    const long = `${'🏠'.repeat(200)}.jpg`;
    const kept = safeFileName(long);
    expect(Array.from(kept)).toHaveLength(120);
    expect(kept.endsWith('🏠.jpg')).toBe(true);
    expect(kept.isWellFormed()).toBe(true);
  });
});

describe('downloadName', () => {
  it.each([
    ['x.html', 'image/jpeg', 'x.html.jpg'],
    ['foto.JPEG', 'image/jpeg', 'foto.JPEG'],
    ['foto.jpg', 'image/jpeg', 'foto.jpg'],
    ['Foto 12.03.2026', 'image/png', 'Foto 12.03.2026.png'],
    ['scan', 'application/pdf', 'scan.pdf'],
    ['scan.pdf.exe', 'application/pdf', 'scan.pdf.exe.pdf'],
    ['gambar.webp', 'image/webp', 'gambar.webp'],
    ['photo.svg', 'image/png', 'photo.svg.png'],
  ])('%j as %s → %j', (name, mime, expected) => {
    expect(downloadName(name, mime)).toBe(expected);
  });

  it('is idempotent', () => {
    for (const name of ['x.html', 'Foto 🏠', 'a.b.c'])
      expect(downloadName(downloadName(name, 'image/jpeg'), 'image/jpeg')).toBe(
        downloadName(name, 'image/jpeg'),
      );
  });
});

describe('asciiFileName', () => {
  it.each([
    ['Café.jpg', 'Cafe.jpg'],
    ['Foto 🏠.jpg', 'Foto _.jpg'],
    ['كشف.pdf', '___.pdf'],
    ['100%.pdf', '100_.pdf'],
    ['surat "resmi".pdf', 'surat "resmi".pdf'],
  ])('%j → %j', (name, expected) => {
    expect(asciiFileName(name)).toBe(expected);
  });
});

describe('typeOfExtension', () => {
  it('knows the stored types and nothing else', () => {
    expect(typeOfExtension('JPG')).toBe('image/jpeg');
    expect(typeOfExtension('pdf')).toBe('application/pdf');
    expect(typeOfExtension('html')).toBeUndefined();
  });
});

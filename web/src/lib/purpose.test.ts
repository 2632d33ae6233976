import { describe, expect, it } from 'vitest';
import { purposeHeader, purposeOfPath } from './purpose.ts';

describe('screen purposes', () => {
  it('names the purpose of each screen by the longest matching path', () => {
    expect(purposeOfPath('/households/0190-abc')).toBe('Pengelolaan data rumah tangga DTKS');
    expect(purposeOfPath('/cycle/verivali')).toBe('Verifikasi dan validasi lapangan');
    expect(purposeOfPath('/cycle/berita-acara')).toBe('Pemeriksaan berita acara Musdes/Muskel');
    expect(purposeOfPath('/cycle/progress')).toBe('Siklus pemutakhiran DTKS');
    expect(purposeOfPath('/citizen-accounts/x')).toBe('Verifikasi akun warga');
    expect(purposeOfPath('/householdsX')).toBe('Pekerjaan petugas DTKS');
    expect(purposeOfPath('/')).toBe('Ringkasan pekerjaan petugas');
  });

  it('encodes the purpose for a header, bounded', () => {
    expect(purposeHeader(' Warga datang ke kantor ')).toBe('Warga%20datang%20ke%20kantor');
    expect(decodeURIComponent(purposeHeader('x'.repeat(300)))).toHaveLength(200);
  });
});

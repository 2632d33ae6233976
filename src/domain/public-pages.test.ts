import { describe, expect, it } from 'vitest';
import { isPublicPagePath } from './public-pages.ts';

describe('isPublicPagePath', () => {
  it('takes the public segments with or without a rest', () => {
    expect(isPublicPagePath('/cek')).toBe(true);
    expect(isPublicPagePath('/cek/')).toBe(true);
    expect(isPublicPagePath('/statistik?region=31')).toBe(true);
    expect(isPublicPagePath('/warga/masuk')).toBe(true);
  });
  it('leaves the staff app its paths, including look-alikes', () => {
    expect(isPublicPagePath('/')).toBe(false);
    expect(isPublicPagePath('/households')).toBe(false);
    expect(isPublicPagePath('/cekx')).toBe(false);
    expect(isPublicPagePath('/x/cek')).toBe(false);
  });
});

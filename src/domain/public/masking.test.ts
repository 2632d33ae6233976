import { describe, expect, it } from 'vitest';
import { ageOn, maskName } from './masking.ts';

describe('maskName', () => {
  it('keeps two letters of each word and stars the rest, one per letter', () => {
    expect(maskName('Susanti Hartono')).toBe('SU***** HA*****');
    expect(maskName('SURYA HADI')).toBe('SU*** HA**');
  });
  it('keeps one letter of short words and shows one-letter words as they are', () => {
    expect(maskName('Ni Made A')).toBe('N* MA** A');
  });
  it('collapses spaces and drops punctuation between words', () => {
    expect(maskName("  siti   nur'aini  ")).toBe('SI** NU* AI**');
    expect(maskName('Abdul-Rahman')).toBe('AB*** RA****');
  });
  it('never shows more than two letters of any word', () => {
    const masked = maskName('Muhammad Soekarno Wijayakusuma');
    for (const word of masked.split(' ')) expect(word.replace(/\*/g, '').length).toBeLessThanOrEqual(2);
    expect(masked).toHaveLength('Muhammad Soekarno Wijayakusuma'.length);
  });
  it('counts letters, not UTF-16 units', () => {
    expect(maskName('Ádám')).toBe('ÁD**');
  });
  it('gives nothing for a name without letters', () => {
    expect(maskName(' - ')).toBe('');
  });
});

describe('ageOn', () => {
  it('counts whole years, the birthday itself included', () => {
    expect(ageOn('1980-12-05', '2026-12-05')).toBe(46);
    expect(ageOn('1980-12-06', '2026-12-05')).toBe(45);
    expect(ageOn('1980-11-30', '2026-12-05')).toBe(46);
  });
  it('is 0 in the first year', () => {
    expect(ageOn('2026-06-01', '2026-12-05')).toBe(0);
  });
  it('handles 29 February', () => {
    expect(ageOn('2000-02-29', '2026-02-28')).toBe(25);
    expect(ageOn('2000-02-29', '2026-03-01')).toBe(26);
  });
});

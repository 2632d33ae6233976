import { describe, expect, it } from 'vitest';
import {
  foldedQueryMatchScore,
  foldedSimilarity,
  foldName,
  nameSimilarity,
  queryMatchScore,
  searchForm,
} from './name-fold.ts';

describe('searchForm', () => {
  it('lowercases and folds accents and punctuation', () => {
    expect(searchForm("  Nyi Mas Ayu' Kusumá-Dewi ")).toBe('nyi mas ayu kusuma dewi');
    expect(searchForm('%_')).toBe('');
  });
});

describe('foldName', () => {
  it.each([
    ['Soewarno', 'Suwarno'],
    ['Sitti Aminah', 'Siti Aminah'],
    ['Djoko Tjiptono', 'Joko Ciptono'],
    ['Sjahrir', 'Syahrir'],
    ['Njoman', 'Nyoman'],
    ['Jusuf', 'Yusuf'],
    ['Chairul', 'Khairul'],
    ['Moehammad', 'Muhammad'],
    ['Fatimah', 'Fatima'],
    ['Mustapha', 'Mustafa'],
    ['Dhani', 'Dani'],
    ['Qomariah', 'Komariah'],
  ])('%s and %s fold alike', (a, b) => {
    expect(foldName(a)).toBe(foldName(b));
    expect(nameSimilarity(a, b)).toBe(1);
  });

  it('keeps names that differ apart', () => {
    expect(foldName('Suwarno')).not.toBe(foldName('Suwarni'));
    expect(foldName('Budi')).not.toBe(foldName('Bude'));
    expect(nameSimilarity('Budi Santoso', 'Siti Aminah')).toBeLessThan(0.5);
  });

  it('drops a final h only after two letters, so short words keep it', () => {
    expect(foldName('Ah Ong')).toBe('ah ong');
    expect(foldName('Aminah')).toBe('amina');
  });

  it('folds the empty and punctuation-only name to nothing', () => {
    expect(foldName('')).toBe('');
    expect(foldName(' - ')).toBe('');
  });
});

describe('similarity', () => {
  it('is one minus the edit distance over the longer string', () => {
    expect(foldedSimilarity('abcd', 'abcd')).toBe(1);
    expect(foldedSimilarity('abcd', 'abce')).toBe(0.75);
    expect(foldedSimilarity('', '')).toBe(1);
    expect(foldedSimilarity('ab', '')).toBe(0);
  });

  it('scores a typo in a folded name', () => {
    expect(nameSimilarity('Suwarno', 'Soewarmo')).toBeCloseTo(6 / 7);
  });
});

describe('queryMatchScore', () => {
  it('matches the query against the best run of as many words of the name', () => {
    expect(queryMatchScore('suwarno', 'Soewarno Saputro')).toBe(1);
    expect(queryMatchScore('siti aminah', 'Hj Sitti Aminah')).toBe(1);
    expect(queryMatchScore('suwarno', 'Suwarni')).toBeCloseTo(6 / 7);
    expect(queryMatchScore('budi santoso', 'Budi')).toBeLessThan(0.5);
  });

  it('scores stored folded names as queryMatchScore scores the names they were folded from', () => {
    const names = ['Soewarno Saputro', 'Hj Sitti Aminah', 'Suwarni', 'Budi', 'Djoko Tjiptono Hadi', ''];
    for (const q of ['suwarno', 'Siti Aminah', 'joko ciptono', 'budi santoso', 'zz'])
      for (const n of names)
        expect(foldedQueryMatchScore(foldName(q), foldName(n))).toBe(queryMatchScore(q, n));
    expect(foldedQueryMatchScore('tegoeh', 'teguh utomo')).toBeLessThan(1);
    expect(foldedQueryMatchScore('teguh', 'teguh utomo')).toBe(1);
  });
});

import { describe, expect, it } from 'vitest';
import {
  isPpksCategory,
  isPsksKind,
  PPKS_CATEGORIES,
  PSKS_KINDS,
  ppksCategory,
  psksKind,
} from './ppks-psks.ts';

describe('PPKS categories', () => {
  it('has the 26 Permensos 8/2012 categories with unique snake_case codes', () => {
    const codes = PPKS_CATEGORIES.map((c) => c.code);
    expect(codes).toHaveLength(26);
    expect(new Set(codes).size).toBe(26);
    for (const code of codes) expect(code).toMatch(/^[a-z]+(_[a-z]+)*$/);
    for (const c of PPKS_CATEGORIES) {
      expect(c.label.id.length).toBeGreaterThan(0);
      expect(c.label.en.length).toBeGreaterThan(0);
    }
  });

  it('looks categories up by code', () => {
    expect(isPpksCategory('lanjut_usia_terlantar')).toBe(true);
    expect(isPpksCategory('fakir_miskin')).toBe(true);
    expect(isPpksCategory('komunitas_adat_terpencil')).toBe(true);
    expect(isPpksCategory('tksk')).toBe(false);
    expect(ppksCategory('anak_jalanan')?.label.id).toBe('Anak jalanan');
    expect(ppksCategory('nope')).toBeUndefined();
  });
});

describe('PSKS kinds', () => {
  it('lists the kinds with unique codes', () => {
    expect(PSKS_KINDS.map((k) => k.code)).toEqual([
      'pekerja_sosial_masyarakat',
      'tksk',
      'pekerja_sosial_profesional',
      'penyuluh_sosial',
      'lembaga_kesejahteraan_sosial',
      'karang_taruna',
      'wanita_pemimpin_kesejahteraan_sosial',
      'keluarga_pioner',
      'dunia_usaha',
      'taruna_siaga_bencana',
      'lainnya',
    ]);
  });

  it('marks LKS, karang taruna and dunia usaha as institutions, the rest as persons', () => {
    expect(PSKS_KINDS.filter((k) => k.isInstitution).map((k) => k.code)).toEqual([
      'lembaga_kesejahteraan_sosial',
      'karang_taruna',
      'dunia_usaha',
    ]);
    expect(psksKind('tksk')?.isInstitution).toBe(false);
    expect(psksKind('pekerja_sosial_masyarakat')?.label.id).toContain('PSM');
  });

  it('isPsksKind', () => {
    expect(isPsksKind('karang_taruna')).toBe(true);
    expect(isPsksKind('fakir_miskin')).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { periodNameId } from '../month-names.ts';
import {
  checkHeldOn,
  checkParticipants,
  deliberationName,
  isAccepted,
  longDateId,
  OUTCOMES,
  outcomeIssue,
  proposalFromDecision,
  type RowKind,
  signatories,
} from './musdes.ts';

describe('Musdes outcomes', () => {
  it('allows per row kind exactly the outcomes of the rules', () => {
    const allowed = (kind: RowKind) => OUTCOMES.filter((o) => outcomeIssue(kind, o) === null).sort();
    expect(allowed('existing')).toEqual(['dikeluarkan', 'perbaikan', 'tetap']);
    expect(allowed('baru')).toEqual(['dikeluarkan', 'usulan_baru']);
    expect(allowed('perbaikan')).toEqual(['perbaikan', 'tetap']);
    expect(allowed('dikeluarkan')).toEqual(['dikeluarkan', 'tetap']);
  });

  it('explains a refused outcome with the allowed ones, in both languages', () => {
    const i = outcomeIssue('baru', 'tetap')!;
    expect(i).toMatchObject({ field: 'outcome', code: 'musdes.invalid_outcome', severity: 'error' });
    expect(i.message.id).toContain('usulan_baru, dikeluarkan');
    expect(i.message.en).toContain('usulan_baru, dikeluarkan');
  });

  it('reads acceptance from the outcome: the proposal’s own outcome accepts it', () => {
    expect(isAccepted('baru', 'usulan_baru')).toBe(true);
    expect(isAccepted('baru', 'dikeluarkan')).toBe(false);
    expect(isAccepted('perbaikan', 'perbaikan')).toBe(true);
    expect(isAccepted('perbaikan', 'tetap')).toBe(false);
    expect(isAccepted('dikeluarkan', 'dikeluarkan')).toBe(true);
    expect(isAccepted('dikeluarkan', 'tetap')).toBe(false);
  });

  it('creates a proposal only for corrections and removals of existing records', () => {
    expect(proposalFromDecision('perbaikan')).toBe('perbaikan');
    expect(proposalFromDecision('dikeluarkan')).toBe('dikeluarkan');
    expect(proposalFromDecision('tetap')).toBeNull();
  });
});

describe('Musdes participants and documents', () => {
  it('requires the Kepala Desa or Lurah and refuses a participant listed twice', () => {
    expect(checkParticipants([{ name: 'Slamet', role: 'kepala_desa' }])).toEqual([]);
    expect(checkParticipants([{ name: 'Ani', role: 'lurah' }])).toEqual([]);
    expect(checkParticipants([{ name: 'Sri', role: 'bpd' }]).map((i) => i.code)).toEqual([
      'musdes.head_required',
    ]);
    expect(
      checkParticipants([
        { name: 'Slamet', role: 'kepala_desa' },
        { name: ' slamet', role: 'kepala_desa' },
      ]).map((i) => [i.field, i.code]),
    ).toEqual([['participants.1.name', 'musdes.duplicate_participant']]);
  });

  it('picks the head and up to two witnesses, the BPD first', () => {
    const { head, witnesses } = signatories([
      { name: 'RW', role: 'rw' },
      { name: 'Kades', role: 'kepala_desa' },
      { name: 'Tokoh', role: 'tokoh_masyarakat' },
      { name: 'BPD', role: 'bpd' },
      { name: 'Op', role: 'operator' },
    ]);
    expect(head?.name).toBe('Kades');
    expect(witnesses.map((w) => w.name)).toEqual(['BPD', 'Tokoh']);
  });

  it('names the deliberation after the village type', () => {
    expect(deliberationName('33.07.01.2001').id).toBe('Musyawarah Desa (Musdes)');
    expect(deliberationName('31.71.01.1001').id).toBe('Musyawarah Kelurahan (Muskel)');
  });

  it('writes dates the Indonesian way and refuses unreal ones', () => {
    expect(longDateId('2026-03-26')).toBe('Kamis, 26 Maret 2026');
    expect(longDateId('2024-02-29')).toBe('Kamis, 29 Februari 2024');
    expect(periodNameId('2026-12')).toBe('Desember 2026');
    expect(checkHeldOn('2026-02-30').map((i) => i.code)).toEqual(['musdes.invalid_date']);
    expect(checkHeldOn('2026-02-28')).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { isRemovalReason, REMOVAL_REASONS, removalReason } from './removal-reasons.ts';

describe('removal reasons', () => {
  it('lists the DOMAIN.md §7 reasons plus duplicate_record, with unique codes', () => {
    expect(REMOVAL_REASONS.map((r) => r.code)).toEqual([
      'left_dtks',
      'civil_registry_change',
      'voluntary_withdrawal',
      'declared_ineligible',
      'objected_not_poor',
      'no_pkh_component',
      'member_earns_umr',
      'economic_improvement',
      'moved_out',
      'deceased',
      'duplicate_record',
    ]);
  });

  it('labels every reason in both languages', () => {
    for (const reason of REMOVAL_REASONS) {
      expect(reason.label.id.length).toBeGreaterThan(0);
      expect(reason.label.en.length).toBeGreaterThan(0);
    }
    expect(removalReason('deceased')?.label).toEqual({ id: 'Meninggal dunia', en: 'Died' });
    expect(removalReason('nope')).toBeUndefined();
  });

  it('isRemovalReason', () => {
    expect(isRemovalReason('moved_out')).toBe(true);
    expect(isRemovalReason('Moved_out')).toBe(false);
    expect(isRemovalReason('')).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import {
  ATTACHMENT_KINDS,
  attachableIn,
  REQUIRED_ATTACHMENTS,
  USULAN_ATTACHMENT_KINDS,
} from './attachments.ts';

describe('documents of a proposal', () => {
  it('offers an "other document" (e.g. a surat pindah) that no proposal requires', () => {
    expect(USULAN_ATTACHMENT_KINDS).toContain('other_document');
    expect(ATTACHMENT_KINDS.other_document.label.id).toMatch(/surat pindah/);
    expect(ATTACHMENT_KINDS.other_document.mimes).toContain('application/pdf');
    for (const kinds of Object.values(REQUIRED_ATTACHMENTS)) expect(kinds).not.toContain('other_document');
  });

  it('takes every document while drafting or after a return', () => {
    for (const k of USULAN_ATTACHMENT_KINDS) {
      expect(attachableIn(k, 'draft')).toBe(true);
      expect(attachableIn(k, 'returned')).toBe(true);
    }
  });

  it('takes only the other document while the proposal is on its way, and nothing once it is decided', () => {
    for (const state of ['submitted', 'musdes_accepted', 'verified']) {
      expect(attachableIn('other_document', state)).toBe(true);
      expect(attachableIn('house_front', state)).toBe(false);
    }
    for (const state of ['approved', 'determined', 'withdrawn', 'musdes_rejected', 'not_eligible']) {
      expect(attachableIn('other_document', state)).toBe(false);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { changeReasonText } from './change-reason.ts';

const labels: Record<string, string> = {
  create: 'Didaftarkan',
  update: 'Perbaikan data',
  remove: 'Dikeluarkan',
};
const label = (type: string) => labels[type];

describe('changeReasonText', () => {
  it('names each change type and leaves out the record ids', () => {
    expect(
      changeReasonText(
        'create: usulan baru 2026-09 (01a24c16-1a8e-710b-870b-27b587b49d9b); update: usulan perbaikan 2026-09 (01a24c16-1ac1-76ee-a0ea-b1b022c8dc2b)',
        label,
        'id',
      ),
    ).toBe('Didaftarkan: usulan baru 2026-09; Perbaikan data: usulan perbaikan 2026-09');
  });

  it('keeps what it does not know as it is', () => {
    expect(changeReasonText('penetapan pertama', label, 'id')).toBe('penetapan pertama');
    expect(changeReasonText('Meninggal dunia: remove: Died', label, 'id')).toBe(
      'Meninggal dunia: remove: Died',
    );
    expect(changeReasonText('import: berkas.csv', label, 'id')).toBe('import: berkas.csv');
  });

  it("names a removed household's reason once, in the reader's language, not by its code", () => {
    // The diff's reason of a removed household: its removal reason code, then the removal's version reason
    // (the English label, as households.service.ts records it).
    const raw = 'moved_out: remove: Moved out of the region';
    expect(changeReasonText(raw, label, 'id')).toBe('Dikeluarkan: Pindah tempat tinggal keluar wilayah');
    expect(changeReasonText(raw, (type) => (type === 'remove' ? 'Removed' : undefined), 'en')).toBe(
      'Removed: Moved out of the region',
    );
    // Without a version between the periods, the code alone.
    expect(changeReasonText('moved_out: ', label, 'id')).toBe('Pindah tempat tinggal keluar wilayah');
    expect(changeReasonText('deceased: update: verivali 2026-09', label, 'id')).toBe(
      'Meninggal dunia; Perbaikan data: verivali 2026-09',
    );
  });
});

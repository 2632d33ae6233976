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
      ),
    ).toBe('Didaftarkan: usulan baru 2026-09; Perbaikan data: usulan perbaikan 2026-09');
  });

  it('keeps what it does not know as it is', () => {
    expect(changeReasonText('penetapan pertama', label)).toBe('penetapan pertama');
    expect(changeReasonText('Meninggal dunia: remove: Died', label)).toBe('Meninggal dunia: remove: Died');
    expect(changeReasonText('import: berkas.csv', label)).toBe('import: berkas.csv');
  });
});

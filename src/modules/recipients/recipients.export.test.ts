/**
 * The recipients' Excel file refuses, as it is written, a list grown past what one sheet holds since it was
 * counted: the stream fails with the same error as the count's refusal (recipients.xlsx_too_many), so no
 * file with recipients missing is delivered. (The count's refusal and the cells: test/http/export-subjects.)
 */
import { buffer } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../domain/errors.ts';
import { type ExportRow, recipientsXlsx } from './recipients.export.ts';

const row = (i: number): ExportRow => ({
  householdId: `0190f000-0000-7000-8000-${i.toString(16).padStart(12, '0')}`,
  kkNumber: `330701010190000${i}`,
  regionCode: '33.07.01.2001',
  headName: `Kepala ${i}`,
  decile: 1,
  amount: 750_000,
  components: [],
});

async function* pagesOf(...pages: ExportRow[][]): AsyncGenerator<ExportRow[]> {
  for (const p of pages) yield p;
}

describe('recipientsXlsx', () => {
  it('fails with recipients.xlsx_too_many when the list passes the limit while written', async () => {
    const failure = await buffer(
      recipientsXlsx('KPM PKH 2026-11', pagesOf([row(1), row(2)], [row(3)]), 2),
    ).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(AppError);
    expect(failure).toMatchObject({ code: 'recipients.xlsx_too_many' });
    expect((failure as AppError).issues).toEqual([
      expect.objectContaining({ field: 'format', code: 'recipients.xlsx_too_many' }),
    ]);
    // At the limit the file is written.
    expect((await buffer(recipientsXlsx('KPM', pagesOf([row(1)], [row(2)]), 2))).length).toBeGreaterThan(0);
  });
});

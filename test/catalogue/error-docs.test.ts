import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_DOCS_PATH, renderErrorDocs } from '../../scripts/error-docs.ts';
import { MESSAGES } from '../../src/domain/catalogue.ts';

describe('docs/errors.md', () => {
  it('is what scripts/error-docs.ts renders from the catalogue (run it after changing a text)', () => {
    const rendered = renderErrorDocs();
    if (process.env.UPDATE_ERROR_DOCS === '1') writeFileSync(ERROR_DOCS_PATH, rendered);
    expect(readFileSync(ERROR_DOCS_PATH, 'utf8')).toBe(rendered);
  });

  it('lists every code with both texts', () => {
    const doc = renderErrorDocs();
    for (const [code, text] of Object.entries(MESSAGES)) {
      expect(doc).toContain(`| \`${code}\` |`);
      expect(doc).toContain(text.en.replaceAll('|', '\\|'));
    }
  });
});

import { describe, expect, it } from 'vitest';
import { isPublicPagePath } from '../../../src/domain/public-pages.ts';
import { PUBLIC_PAGES } from './pages.ts';

describe('public pages', () => {
  it('all live under a path the server answers with the public entry', () => {
    for (const page of PUBLIC_PAGES) expect(isPublicPagePath(page.path), page.path).toBe(true);
  });
  it('have distinct paths', () => {
    const paths = PUBLIC_PAGES.map((p) => p.path);
    expect(new Set(paths).size).toBe(paths.length);
  });
});

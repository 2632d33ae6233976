import { describe, expect, it } from 'vitest';
import { matchPath, withQuery } from './router.tsx';

describe('router', () => {
  it('matches patterns and decodes parameters', () => {
    expect(matchPath('/households/:id', '/households/abc')).toEqual({ id: 'abc' });
    expect(matchPath('/households/:id/members/:personId', '/households/a/members/b%20c')).toEqual({
      id: 'a',
      personId: 'b c',
    });
    expect(matchPath('/households/new', '/households/abc')).toBeNull();
    expect(matchPath('/households/:id', '/households/abc/edit')).toBeNull();
    expect(matchPath('/', '/')).toEqual({});
  });

  it('builds addresses without empty parameters', () => {
    expect(withQuery('/households', { region: '33.07', q: '', status: undefined })).toBe(
      '/households?region=33.07',
    );
    expect(withQuery('/', {})).toBe('/');
  });
});

import { describe, expect, it } from 'vitest';
import { callbackHostRefusal } from './callback-host.ts';

describe('callbackHostRefusal', () => {
  it('allows public DNS names, with or without a port', () => {
    for (const h of ['dci.bpjs.example', 'DCI.BPJS.example:8443', 'a-b.example.go.id']) {
      expect(callbackHostRefusal(h, false), h).toBeNull();
    }
  });

  it('refuses IP literals in every spelling, loopback and single-label names', () => {
    for (const h of [
      '127.0.0.1',
      '127.0.0.1:3336',
      '10.0.0.5',
      '169.254.169.254',
      '192.168.1.1:80',
      '2130706433',
      '0x7f.1',
      '[::1]',
      '[fe80::1]:8080',
      'localhost',
      'localhost:3336',
      'api.localhost',
      'intranet',
    ]) {
      expect(callbackHostRefusal(h, false), h).not.toBeNull();
    }
    expect(callbackHostRefusal('a b', false)).toBe('not a host name');
  });

  it('allows anything when private callbacks are explicitly allowed', () => {
    expect(callbackHostRefusal('127.0.0.1:3336', true)).toBeNull();
  });
});

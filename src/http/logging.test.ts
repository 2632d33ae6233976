import { describe, expect, it } from 'vitest';
import { logFormat, loggableUrl, maskIdentityNumbers, prettyLine, requestIdOf } from './logging.ts';

describe('loggableUrl', () => {
  it('masks 16-digit numbers and keeps only query names', () => {
    expect(loggableUrl('/api/v1/persons/3307014101800001')).toBe('/api/v1/persons/################');
    expect(loggableUrl('/api/v1/households?q=Siti&kk=3307010101010001&q=x')).toBe(
      '/api/v1/households?q=…&kk=…',
    );
    expect(loggableUrl('/api/v1/households?')).toBe('/api/v1/households');
    expect(loggableUrl('/api/v1/regions/33.07')).toBe('/api/v1/regions/33.07');
  });

  it('masks longer digit runs and numbers inside text', () => {
    expect(maskIdentityNumbers('Key (nik)=(33070141018000012) exists')).toBe(
      'Key (nik)=(#################) exists',
    );
    expect(maskIdentityNumbers('seq 123456789012345')).toBe('seq 123456789012345');
  });
});

describe('requestIdOf', () => {
  it('keeps a sane id, else makes a UUID', () => {
    expect(requestIdOf({ headers: { 'x-request-id': 'abc-123' } })).toBe('abc-123');
    expect(requestIdOf({ headers: { 'x-request-id': ['a', 'b'] } })).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdOf({ headers: { 'x-request-id': '<script>' } })).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdOf({ headers: {} })).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('prettyLine', () => {
  it('shows a completed request in one short line', () => {
    const line = JSON.stringify({
      level: 30,
      time: '2026-12-05T06:20:01.123Z',
      requestId: '0193b2c4-aaaa-bbbb-cccc-000000000000',
      msg: 'request completed',
      method: 'GET',
      url: '/api/v1/households?q=…',
      status: 200,
      ms: 12.5,
    });
    expect(prettyLine(line)).toBe('06:20:01 INFO  GET /api/v1/households?q=… 200 12.5 ms [0193b2c4]');
  });

  it('shows other lines with their error', () => {
    const line = JSON.stringify({
      level: 50,
      time: '2026-12-05T06:20:01.123Z',
      msg: 'boom',
      err: { type: 'TypeError', message: 'x is undefined' },
    });
    expect(prettyLine(line)).toBe('06:20:01 ERROR boom — TypeError: x is undefined');
    expect(prettyLine('not json\n')).toBe('not json');
  });
});

describe('logFormat', () => {
  it('is pretty on a terminal, JSON otherwise, LOG_FORMAT decides when set', () => {
    expect(logFormat({}, true)).toBe('pretty');
    expect(logFormat({}, false)).toBe('json');
    expect(logFormat({ LOG_FORMAT: 'json' }, true)).toBe('json');
    expect(logFormat({ LOG_FORMAT: 'pretty' }, false)).toBe('pretty');
  });
});

/**
 * API answers are compressed when the client accepts it (src/http/compression.ts): brotli before gzip, never
 * to a client that did not ask, `Vary: Accept-Encoding` either way; small answers and the login answer (it
 * carries the session token) are sent as they are.
 */
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseEncoding } from '../../src/http/compression.ts';
import { systemActor } from '../../src/modules/access/actor.ts';
import { makeHousehold } from '../factories/households.ts';
import { createUsers, login, PASSWORD, PLACES, testApp } from '../support/app.ts';
import { ENGINES, openTestDb, type TestDb } from '../support/db.ts';

describe('chooseEncoding', () => {
  it('prefers brotli, then gzip, honours q=0 and answers null when nothing fits', () => {
    expect(chooseEncoding('gzip, deflate, br')).toBe('br');
    expect(chooseEncoding('gzip')).toBe('gzip');
    expect(chooseEncoding('br;q=0, gzip;q=0.5')).toBe('gzip');
    expect(chooseEncoding('*')).toBe('gzip');
    expect(chooseEncoding('identity')).toBeNull();
    expect(chooseEncoding(undefined)).toBeNull();
    expect(chooseEncoding('gzip;q=0')).toBeNull();
  });
});

for (const engine of ENGINES) {
  describe(`compressed API answers (${engine})`, () => {
    let t: TestDb;
    let app: FastifyInstance;
    let op: Record<string, string>;

    beforeAll(async () => {
      t = await openTestDb(engine);
      await createUsers(t.container);
      for (let i = 1; i <= 6; i++) {
        await t.container.households.create(systemActor('test'), makeHousehold(PLACES.villageA, 900 + i));
      }
      app = await testApp(t.container);
      op = await login(app, 'op-a');
    });
    afterAll(async () => {
      await app.close();
      await t.cleanup();
    });

    const list = (encoding?: string) =>
      app.inject({
        url: `/api/v1/households?region=${PLACES.villageA}`,
        headers: { ...op, ...(encoding ? { 'accept-encoding': encoding } : {}) },
      });

    it('sends a list page brotli- or gzip-compressed as accepted, the same JSON as uncompressed', async () => {
      const plain = await list();
      expect(plain.statusCode).toBe(200);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.rawPayload.byteLength).toBeGreaterThan(1024);

      const br = await list('gzip, deflate, br');
      expect(br.headers['content-encoding']).toBe('br');
      expect(br.rawPayload.byteLength).toBeLessThan(plain.rawPayload.byteLength / 2);
      expect(JSON.parse(brotliDecompressSync(br.rawPayload).toString())).toEqual(plain.json());

      const gz = await list('gzip');
      expect(gz.headers['content-encoding']).toBe('gzip');
      expect(JSON.parse(gunzipSync(gz.rawPayload).toString())).toEqual(plain.json());

      for (const res of [plain, br, gz]) {
        expect(String(res.headers.vary)).toMatch(/accept-encoding/i);
        // Personal data stays uncacheable, compressed or not.
        expect(res.headers['cache-control']).toBe('no-store');
      }
    });

    it('leaves small answers and the login answer (the token) uncompressed', async () => {
      const me = await app.inject({ url: '/api/v1/auth/me', headers: { ...op, 'accept-encoding': 'br' } });
      expect(me.statusCode).toBe(200);
      expect(me.rawPayload.byteLength).toBeLessThan(1024);
      expect(me.headers['content-encoding']).toBeUndefined();
      const logged = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { 'accept-encoding': 'br, gzip' },
        payload: { username: 'op-a', password: PASSWORD },
      });
      expect(logged.statusCode).toBe(200);
      expect(logged.headers['content-encoding']).toBeUndefined();
      expect(logged.json().token).toEqual(expect.any(String));
    });
  });
}

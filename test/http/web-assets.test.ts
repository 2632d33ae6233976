/**
 * The web app's files are sent precompressed when the browser accepts it: the build writes `.br` and `.gz`
 * beside each text asset (web/vite.config.ts) and the server picks the one the client accepts, for assets
 * and for the app's page (index.html, also as the fallback of client-side routes); never to a client that
 * did not ask, and always with `Vary: Accept-Encoding`. Assets (hashed names) are cacheable for a year and
 * immutable; the app's page is revalidated on every load.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../support/app.ts';
import { ENGINES, openTestDb, type TestDb } from '../support/db.ts';

const SCRIPT = `console.log(${JSON.stringify('x'.repeat(4000))});`;
const PAGE = `<!doctype html><html lang="id"><script type="module" src="/assets/app.js"></script>${' '.repeat(2000)}</html>`;
/** The public entry's page (Cek Bansos, statistics, citizen pages: src/domain/public-pages.ts). */
const PUBLIC_PAGE = `<!doctype html><html lang="id"><script type="module" src="/assets/public.js"></script>${' '.repeat(2000)}</html>`;

function writeWithCompressed(path: string, body: string): void {
  writeFileSync(path, body);
  writeFileSync(`${path}.br`, brotliCompressSync(body));
  writeFileSync(`${path}.gz`, gzipSync(body));
}

for (const engine of ENGINES) {
  describe(`precompressed web files (${engine})`, () => {
    let t: TestDb;
    let app: FastifyInstance;
    let web: string;

    beforeAll(async () => {
      t = await openTestDb(engine);
      web = mkdtempSync(join(tmpdir(), 'dtks-web-'));
      mkdirSync(join(web, 'assets'));
      writeWithCompressed(join(web, 'index.html'), PAGE);
      writeWithCompressed(join(web, 'public.html'), PUBLIC_PAGE);
      writeWithCompressed(join(web, 'assets/app.js'), SCRIPT);
      app = await testApp(t.container, { webRoot: web });
    });
    afterAll(async () => {
      await app.close();
      await t.cleanup();
      rmSync(web, { recursive: true, force: true });
    });

    const get = (url: string, encoding?: string) =>
      app.inject({ url, headers: encoding ? { 'accept-encoding': encoding } : {} });

    for (const url of [
      '/assets/app.js',
      '/',
      '/households/123',
      '/cek',
      '/statistik?region=33',
      '/warga/masuk',
    ]) {
      const body = url.startsWith('/assets/')
        ? SCRIPT
        : /^\/(cek|statistik|warga)(\/|\?|$)/.test(url)
          ? PUBLIC_PAGE
          : PAGE;

      it(`${url}: brotli when accepted, else gzip, else as is`, async () => {
        const br = await get(url, 'gzip, deflate, br');
        expect(br.statusCode).toBe(200);
        expect(br.headers['content-encoding']).toBe('br');
        expect(brotliDecompressSync(br.rawPayload).toString()).toBe(body);

        const gz = await get(url, 'gzip');
        expect(gz.headers['content-encoding']).toBe('gzip');
        expect(gunzipSync(gz.rawPayload).toString()).toBe(body);

        const plain = await get(url);
        expect(plain.headers['content-encoding']).toBeUndefined();
        expect(plain.payload).toBe(body);

        for (const res of [br, gz, plain]) expect(String(res.headers.vary)).toMatch(/accept-encoding/i);
      });
    }

    it('hashed assets may be cached for good; the app page is always revalidated', async () => {
      const asset = await get('/assets/app.js', 'br');
      expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      for (const url of ['/', '/households/123']) {
        const page = await get(url, 'br');
        expect(page.statusCode).toBe(200);
        expect(page.headers['cache-control']).toBe('no-cache');
      }
    });

    it('public pages get the public entry, look-alike staff paths the staff app', async () => {
      expect((await get('/cek')).payload).toBe(PUBLIC_PAGE);
      expect((await get('/cekx')).payload).toBe(PAGE);
      expect((await get('/households/cek')).payload).toBe(PAGE);
    });

    it('an asset without a compressed copy is sent as is', async () => {
      writeFileSync(join(web, 'assets/small.js'), 'console.log(1)');
      const res = await get('/assets/small.js', 'br, gzip');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-encoding']).toBeUndefined();
      expect(res.payload).toBe('console.log(1)');
    });
  });
}

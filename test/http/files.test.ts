/**
 * Uploads and downloads of attached files (issue 10, "Files"): a refused or dropped upload leaves no bytes
 * in DATA_DIR/blobs; every upload route refuses a body that is not a file with 415; Unicode names survive
 * upload and download (RFC 6266/5987); files are served as their real type, as downloads (images only
 * inline when asked for display), with nosniff, a sandbox CSP and no caching, under a name whose extension
 * matches the type; PDFs with JavaScript or other active content are refused, also inside object streams.
 */
import { randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { parse as parseDisposition } from 'content-disposition';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asciiFileName } from '../../src/domain/cycle/attachment-names.ts';
import { MAX_ATTACHMENT_BYTES } from '../../src/domain/cycle/attachments.ts';
import { buildPdf, exeFile, jpegFile, pdfBasics, pdfFile, pdfWithJavaScript } from '../factories/files.ts';
import { makeHousehold } from '../factories/households.ts';
import { createUsers, login, PLACES, testApp } from '../support/app.ts';
import { blobFiles } from '../support/blobs.ts';
import { ENGINES, openTestDb, type TestDb } from '../support/db.ts';

const clock = new Date('2026-03-16T09:00:00+07:00');
const MiB = 1024 * 1024;

interface AttachmentView {
  id: string;
  kind: string;
  mime: string;
  originalName: string;
  hasThumbnail: boolean;
}

for (const engine of ENGINES) {
  describe(`files (${engine})`, () => {
    let t: TestDb;
    let app: FastifyInstance;
    let op: Record<string, string>;
    let n = 0;

    beforeAll(async () => {
      t = await openTestDb(engine, { now: () => clock });
      await createUsers(t.container);
      app = await testApp(t.container);
      op = await login(app, 'op-a');
    });
    afterAll(async () => {
      await app.close();
      await t.cleanup();
    });

    async function draft(): Promise<string> {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/usulan',
        headers: op,
        payload: {
          kind: 'baru',
          household: makeHousehold(PLACES.villageA, ++n),
          reason: 'Keluarga miskin baru pindah',
        },
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id;
    }
    const upload = (id: string, name: string, body: Buffer, type: string, kind = 'kk_copy') =>
      app.inject({
        method: 'POST',
        url: `/api/v1/usulan/${id}/attachments?kind=${kind}&name=${encodeURIComponent(name)}`,
        headers: { ...op, 'content-type': type },
        payload: body,
      });
    const attachments = async (id: string): Promise<AttachmentView[]> =>
      (await app.inject({ url: `/api/v1/usulan/${id}`, headers: op })).json().attachments;
    const download = (id: string, path = '') =>
      app.inject({ url: `/api/v1/attachments/${id}${path}`, headers: op });

    it('stores nothing of a refused upload: the blobs directory stays exactly as it was', async () => {
      const id = await draft();
      expect((await upload(id, 'kk.jpg', jpegFile(300, 200, 10), 'image/jpeg')).statusCode).toBe(201);
      const before = blobFiles(t.container);
      expect(before.length).toBe(2); // the photo and its thumbnail
      const jpegThenHtml = Buffer.concat([
        jpegFile().subarray(0, 20),
        Buffer.from('<html><script>1</script>'),
      ]);
      const refusals: [string, string, Buffer, string, number, string][] = [
        [
          'a 9 MiB executable named .jpg',
          'kk.jpg',
          Buffer.concat([exeFile(), Buffer.alloc(9 * MiB)]),
          'image/jpeg',
          400,
          'attachment.type_not_allowed',
        ],
        [
          'a PDF named .png',
          'kk.png',
          pdfFile('mismatch'),
          'application/pdf',
          400,
          'attachment.type_mismatch',
        ],
        [
          'a file over the limit',
          'kk.jpg',
          Buffer.concat([jpegFile(), Buffer.alloc(MAX_ATTACHMENT_BYTES)]),
          'image/jpeg',
          413,
          'attachment.too_large',
        ],
        [
          'a PDF with JavaScript',
          'kk.pdf',
          pdfWithJavaScript(),
          'application/pdf',
          400,
          'attachment.pdf_active_content',
        ],
        [
          'a PDF with JavaScript in an object stream',
          'kk.pdf',
          pdfWithJavaScript({ objectStream: true }),
          'application/pdf',
          400,
          'attachment.pdf_active_content',
        ],
        [
          'a JPEG header in front of HTML',
          'kk.jpg',
          jpegThenHtml,
          'image/jpeg',
          400,
          'attachment.image_unreadable',
        ],
        ['an empty body', 'kk.jpg', Buffer.alloc(0), 'image/jpeg', 400, 'attachment.empty'],
      ];
      for (const [what, name, body, type, status, code] of refusals) {
        const res = await upload(id, name, body, type);
        expect(res.statusCode, `${what}: ${res.body}`).toBe(status);
        expect(res.json().code, what).toBe(code);
        expect(blobFiles(t.container), what).toEqual(before);
      }
      expect(await attachments(id)).toHaveLength(1);
    });

    it('leaves nothing behind when the connection drops in the middle of an upload', async () => {
      const id = await draft();
      const before = blobFiles(t.container);
      await app.listen({ port: 0, host: '127.0.0.1' });
      const { port } = app.server.address() as AddressInfo;
      const tmp = join(t.container.config.dataDir, 'blobs', 'tmp');
      const req = request({
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: `/api/v1/usulan/${id}/attachments?kind=house_front&name=rumah.jpg`,
        headers: { ...op, 'content-type': 'image/jpeg', 'content-length': 8 * MiB },
      });
      req.on('error', () => {});
      req.write(jpegFile());
      req.write(Buffer.alloc(MiB));
      // The upload has reached the disk (a temporary file) before the connection goes.
      await until(() => readdirSync(tmp).length === 1);
      req.destroy();
      await until(() => readdirSync(tmp).length === 0);
      expect(blobFiles(t.container)).toEqual(before);
      expect(await attachments(id)).toEqual([]);
    });

    it('answers 415 on every upload route to a body that is not a file (routes read from the OpenAPI document)', async () => {
      // The reported case: a text body on the proposal upload answered 500.
      const text = await app.inject({
        method: 'POST',
        url: `/api/v1/usulan/${await draft()}/attachments?kind=kk_copy&name=kk.txt`,
        headers: { ...op, 'content-type': 'text/plain' },
        payload: 'not a file',
      });
      expect(text.statusCode, text.body).toBe(415);
      const doc = app.swagger() as {
        paths: Record<string, Record<string, { requestBody?: { content: Record<string, unknown> } }>>;
      };
      const routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
        Object.entries(ops)
          .filter(([, o]) => Object.keys(o.requestBody?.content ?? {}).some((c) => c !== 'application/json'))
          .map(([method, o]) => ({ method, path, accepted: Object.keys(o.requestBody!.content) })),
      );
      expect(routes.map((r) => `${r.method} ${r.path}`).sort()).toEqual([
        'post /api/v1/aid-sources',
        'post /api/v1/bundles/import',
        'post /api/v1/bundles/verify',
        'post /api/v1/dukcapil/import-jobs',
        'post /api/v1/dukcapil/imports',
        'post /api/v1/imports/households',
        'post /api/v1/musdes/{id}/signed-scan',
        'post /api/v1/public/citizen/account/documents',
        'post /api/v1/public/citizen/sanggah/{id}/evidence',
        'post /api/v1/public/citizen/usulan/{id}/files',
        'post /api/v1/public/reports/photos',
        'post /api/v1/submissions/{id}/approval-letter',
        'post /api/v1/usulan/{id}/attachments',
        'post /api/v1/visits/{id}/photos',
      ]);
      const bodies: [string | undefined, string | undefined][] = [
        ['text/plain', 'hello'],
        ['text/plain; charset=utf-8', 'hello'],
        ['text/html', '<p>x</p>'],
        [
          'multipart/form-data; boundary=x',
          '--x\r\nContent-Disposition: form-data; name="f"\r\n\r\nx\r\n--x--\r\n',
        ],
        ['application/json', '{}'],
        ['application/x-www-form-urlencoded', 'a=1'],
        [undefined, 'raw bytes without a type'],
        [undefined, undefined],
      ];
      for (const r of routes) {
        const url = r.path.replace(/\{[^}]+\}/g, randomUUID());
        for (const [type, payload] of bodies) {
          const res = await app.inject({
            method: r.method.toUpperCase() as 'POST',
            url,
            headers: { ...op, ...(type ? { 'content-type': type } : {}) },
            ...(payload === undefined ? {} : { payload }),
          });
          expect(res.statusCode, `${r.method} ${r.path} with ${type}: ${res.body}`).toBe(415);
          expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
          expect(res.json()).toMatchObject({ code: 'request.unsupported_media_type', accepted: r.accepted });
        }
      }
    });

    it('keeps Unicode names and serves them as RFC 6266 filename (ASCII) and filename* (UTF-8)', async () => {
      const id = await draft();
      const names: [string, string][] = [
        ['Foto rumah 🏠 tampak depan.jpg', 'Foto rumah 🏠 tampak depan.jpg'],
        ['كشف الأسرة.jpg', 'كشف الأسرة.jpg'],
        ['Kartu Keluarga Bapak Suparmin.jpg', 'Kartu Keluarga Bapak Suparmin.jpg'],
        ['Salinan KK Désa Kalibeber.jpg', 'Salinan KK Désa Kalibeber.jpg'],
        ['surat "resmi" bupati.jpg', 'surat "resmi" bupati.jpg'],
        ['100% asli; final.jpg', '100% asli; final.jpg'],
        ['baris satu\nbaris dua\r\n.jpg', 'baris satu baris dua .jpg'],
        ['C:\\Users\\Budi\\KK 2026.jpg', 'KK 2026.jpg'],
        ['../../etc/passwd', 'passwd.jpg'],
        ['foto\u202Egpj.exe', 'fotogpj.exe.jpg'],
      ];
      for (const [i, [name, expected]] of names.entries()) {
        const content = jpegFile(32, 32, i * 20);
        const up = await upload(id, name, content, 'image/jpeg');
        expect(up.statusCode, `${name}: ${up.body}`).toBe(201);
        const stored = (up.json().attachments as AttachmentView[]).filter((a) => a.originalName === expected);
        expect(stored, name).toHaveLength(1);
        const res = await download(stored[0]!.id);
        expect(res.statusCode, `${name}: ${res.body}`).toBe(200);
        expect(res.rawPayload.equals(content)).toBe(true);
        const header = res.headers['content-disposition'] as string;
        expect(header).toMatch(/^[\x20-\x7e]+$/);
        const parsed = parseDisposition(header, { extended: false });
        expect(parsed.type).toBe('attachment');
        expect(parsed.parameters.filename).toBe(asciiFileName(expected));
        expect(parseDisposition(header).parameters.filename, name).toBe(expected);
      }
    });

    it('serves a file as the type found in its content, as a download, never cached or sniffed; reads are audited', async () => {
      const id = await draft();
      const photo = jpegFile(300, 200, 90);
      const up = await upload(id, 'rumah', photo, 'application/octet-stream', 'house_front');
      expect(up.statusCode, up.body).toBe(201);
      const att = (up.json().attachments as AttachmentView[])[0]!;
      expect(att).toMatchObject({ mime: 'image/jpeg', originalName: 'rumah.jpg', hasThumbnail: true });
      const kk = (await upload(id, 'kk.pdf', pdfFile('KK asli'), 'application/pdf')).json()
        .attachments as AttachmentView[];
      const pdf = kk.find((a) => a.mime === 'application/pdf')!;
      const reads = async () =>
        (
          await t.container.database.db
            .selectFrom('auditLog')
            .select(['action', 'details', 'actorUsername'])
            .where('action', 'in', ['attachment.read', 'attachment.thumbnail'])
            .execute()
        ).filter(
          (e) =>
            JSON.parse(e.details).attachmentId === att.id || JSON.parse(e.details).attachmentId === pdf.id,
        );
      const secured = {
        'x-content-type-options': 'nosniff',
        'content-security-policy': "default-src 'none'; sandbox",
        'cache-control': 'no-store',
      };

      const file = await download(att.id);
      expect(file.statusCode).toBe(200);
      expect(file.headers).toMatchObject({ 'content-type': 'image/jpeg', ...secured });
      expect(file.headers['content-disposition']).toBe('attachment; filename=rumah.jpg');
      expect(file.rawPayload.equals(photo)).toBe(true);

      const shown = await download(att.id, '?disposition=inline');
      expect(shown.headers).toMatchObject({ 'content-type': 'image/jpeg', ...secured });
      expect(shown.headers['content-disposition']).toBe('inline; filename=rumah.jpg');

      const thumb = await download(att.id, '/thumbnail');
      expect(thumb.headers).toMatchObject({ 'content-type': 'image/jpeg', ...secured });
      expect(thumb.headers['content-disposition']).toBe('inline; filename=rumah.jpg');

      // A PDF is a document: a download even when asked inline.
      const doc = await download(pdf.id, '?disposition=inline');
      expect(doc.headers).toMatchObject({ 'content-type': 'application/pdf', ...secured });
      expect(doc.headers['content-disposition']).toBe('attachment; filename=kk.pdf');

      expect((await reads()).map((e) => [e.action, e.actorUsername])).toEqual([
        ['attachment.read', 'op-a'],
        ['attachment.read', 'op-a'],
        ['attachment.thumbnail', 'op-a'],
        ['attachment.read', 'op-a'],
      ]);
      expect((await download(att.id, '?disposition=script')).statusCode).toBe(400);
    });

    it('never serves a chosen name as another type: x.html holding a JPEG is stored and served as x.html.jpg', async () => {
      const id = await draft();
      const up = await upload(id, 'x.html', jpegFile(), 'image/jpeg');
      expect(up.statusCode, up.body).toBe(201);
      const att = (up.json().attachments as AttachmentView[])[0]!;
      expect(att.originalName).toBe('x.html.jpg');
      const res = await download(att.id);
      expect(res.headers['content-type']).toBe('image/jpeg');
      expect(res.headers['content-disposition']).toBe('attachment; filename=x.html.jpg');

      // A row stored by the old code under the bare name is served with the extension too.
      const row = await t.container.database.db
        .selectFrom('attachments')
        .selectAll()
        .where('id', '=', att.id)
        .executeTakeFirstOrThrow();
      const legacyId = randomUUID();
      await t.container.database.db
        .insertInto('attachments')
        .values({ ...row, id: legacyId, originalName: 'x.html' })
        .execute();
      const legacy = await download(legacyId);
      expect(legacy.statusCode).toBe(200);
      expect(legacy.headers['content-disposition']).toBe('attachment; filename=x.html.jpg');
    });

    it('refuses a PDF with active content with a clear error, and stores a plain one with object streams', async () => {
      const id = await draft();
      const js = await app.inject({
        method: 'POST',
        url: `/api/v1/usulan/${id}/attachments?kind=kk_copy&name=kk.pdf&lang=en`,
        headers: { ...op, 'content-type': 'application/pdf' },
        payload: pdfWithJavaScript({ objectStream: true }),
      });
      expect(js.statusCode).toBe(400);
      expect(js.json()).toMatchObject({
        code: 'attachment.pdf_active_content',
        found: ['JS', 'JavaScript', 'OpenAction'],
      });
      expect(js.json().detail).toMatch(
        /^This PDF contains active content \(\/JS, \/JavaScript, \/OpenAction/,
      );
      const embedded = buildPdf([
        ...pdfBasics('/Names << /EmbeddedFiles << /Names [(x.exe) 5 0 R] >> >>'),
        { body: '<< /Type /Filespec /F (x.exe) >>' },
      ]);
      const res = await upload(id, 'kk.pdf', embedded, 'application/pdf');
      expect(res.json()).toMatchObject({ code: 'attachment.pdf_active_content', found: ['EmbeddedFiles'] });
      expect(res.json().detail).toMatch(/^PDF ini memuat konten aktif/);

      const plain = await upload(
        id,
        'kk.pdf',
        buildPdf(pdfBasics(), { objectStream: {} }),
        'application/pdf',
      );
      expect(plain.statusCode, plain.body).toBe(201);
      expect(plain.json().attachments).toEqual([expect.objectContaining({ mime: 'application/pdf' })]);
    });
  });
}

async function until(done: () => boolean, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * WALIM over the WhatsApp Cloud API (issue 14), on both engines, against a mock provider on 127.0.0.1: Meta's
 * webhook verification handshake (GET hub.mode / hub.verify_token / hub.challenge), and the replies sent back
 * as `walim.reply` jobs through the Cloud API's send-message call with the access token — retried with
 * backoff while the provider is down (the same message each time), failed at once when it refuses the
 * message (4xx), failed when the attempts run out; no user may queue such a job.
 */
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/domain/errors.ts';
import { CHAT_HELP } from '../../src/domain/public/chat.ts';
import { systemActor } from '../../src/modules/access/actor.ts';
import { JobWorker } from '../../src/modules/jobs/jobs.worker.ts';
import { LogChatSender, WALIM_REPLY, walimFromEnv } from '../../src/modules/public/walim.outbox.ts';
import { testApp } from '../support/app.ts';
import { ENGINES, openTestDb, type TestDb } from '../support/db.ts';

const SECRET = 'webhook-test-secret-0123456789';
const VERIFY = 'verify-token-for-the-test';
const TOKEN = 'EAAG-test-access-token';

interface Sent {
  path: string;
  authorization: string;
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: the provider's request body as received
  body: any;
}

for (const engine of ENGINES) {
  describe(`WALIM over the WhatsApp Cloud API (${engine})`, () => {
    let t: TestDb;
    let app: FastifyInstance;
    let server: Server;
    const sent: Sent[] = [];
    /** The mock provider answers the next calls with these statuses, then 200. */
    const answers: number[] = [];

    beforeAll(async () => {
      server = createServer((req, res) => {
        let data = '';
        req.on('data', (c) => (data += c));
        req.on('end', () => {
          const status = answers.shift() ?? 200;
          sent.push({
            path: req.url ?? '',
            authorization: String(req.headers.authorization ?? ''),
            status,
            body: JSON.parse(data),
          });
          res
            .writeHead(status, { 'content-type': 'application/json' })
            .end(status === 200 ? '{"messages":[{"id":"wamid.1"}]}' : '{"error":{"message":"nope"}}');
        });
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      const port = (server.address() as AddressInfo).port;
      t = await openTestDb(engine, {
        chatWebhookSecrets: { meta: SECRET },
        walim: {
          sender: 'meta',
          meta: { apiUrl: `http://127.0.0.1:${port}/v21.0/`, phoneNumberId: '1098765', accessToken: TOKEN },
          verifyToken: VERIFY,
          attempts: 3,
          backoffMs: 200,
        },
      });
      app = await testApp(t.container);
    });
    afterAll(async () => {
      await app?.close();
      await t?.cleanup();
      await new Promise((r) => server?.close(r));
    });

    const deliver = () => new JobWorker(t.container.jobs).drain();
    const jobs = () =>
      t.container.database.db.selectFrom('jobs').selectAll().where('kind', '=', WALIM_REPLY).execute();
    const message = async (from: string, text: string) => {
      const body = JSON.stringify({
        object: 'whatsapp_business_account',
        entry: [
          {
            id: 'WABA',
            changes: [
              {
                field: 'messages',
                value: { messages: [{ from, id: `wamid.${from}`, type: 'text', text: { body: text } }] },
              },
            ],
          },
        ],
      });
      const sig = createHmac('sha256', SECRET).update(body).digest('hex');
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/public/chat/webhook/meta',
        payload: body,
        headers: { 'content-type': 'application/json', 'x-hub-signature-256': `sha256=${sig}` },
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().queued).toBe(1);
    };

    it('answers Meta’s verification handshake with the challenge, and only with the right token', async () => {
      const get = (q: string, provider = 'meta') =>
        app.inject({ url: `/api/v1/public/chat/webhook/${provider}?${q}` });
      const ok = await get(`hub.mode=subscribe&hub.verify_token=${VERIFY}&hub.challenge=1158201444`);
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.body).toBe('1158201444');
      expect(ok.headers['content-type']).toMatch(/^text\/plain/);
      expect(ok.headers['cache-control']).toBe('no-store');
      const wrong = await get('hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1');
      expect(wrong.statusCode).toBe(403);
      expect(wrong.json().code).toBe('public.chat_verify_token');
      expect(wrong.body).not.toContain(VERIFY);
      expect((await get(`hub.mode=unsubscribe&hub.verify_token=${VERIFY}&hub.challenge=1`)).statusCode).toBe(
        403,
      );
      expect((await get(`hub.mode=subscribe&hub.verify_token=${VERIFY}`)).statusCode).toBe(403);
      // A challenge carrying markup is refused before anything is echoed.
      expect(
        (await get(`hub.mode=subscribe&hub.verify_token=${VERIFY}&hub.challenge=%3Cscript%3E`)).statusCode,
      ).toBe(400);
      expect(
        (await get(`hub.mode=subscribe&hub.verify_token=${VERIFY}&hub.challenge=1`, 'generic')).statusCode,
      ).toBe(404);
    });

    it('sends the reply through the Cloud API with the access token, as a job', async () => {
      const before = sent.length;
      await message('6281200000020', 'BANTUAN');
      // Queued, not sent while the webhook answered.
      expect(sent.length).toBe(before);
      await deliver();
      expect(sent.slice(before)).toEqual([
        {
          path: '/v21.0/1098765/messages',
          authorization: `Bearer ${TOKEN}`,
          status: 200,
          body: {
            messaging_product: 'whatsapp',
            recipient_type: 'individual',
            to: '6281200000020',
            type: 'text',
            text: { preview_url: false, body: CHAT_HELP },
          },
        },
      ]);
      const job = (await jobs()).find((j) => JSON.parse(j.params).to === '6281200000020')!;
      expect(job).toMatchObject({ state: 'done', attempts: 1, ownerName: 'system:walim' });
    });

    it('retries while the provider is down, after a backoff, with the same message', async () => {
      answers.push(503);
      const before = sent.length;
      await message('6281200000021', 'halo');
      await deliver();
      expect(sent.slice(before).map((s) => s.status)).toEqual([503]);
      await deliver();
      expect(sent.length).toBe(before + 1); // not before its backoff (200 ms here)
      await new Promise((r) => setTimeout(r, 250));
      await deliver();
      const tries = sent.slice(before);
      expect(tries.map((s) => s.status)).toEqual([503, 200]);
      expect(tries[1]!.body).toEqual(tries[0]!.body);
      const job = (await jobs()).find((j) => JSON.parse(j.params).to === '6281200000021')!;
      expect(job).toMatchObject({ state: 'done', attempts: 2 });
    });

    it('fails at once when the provider refuses the message, and after the last attempt when it stays down', async () => {
      answers.push(400);
      await message('6281200000022', 'BANTUAN');
      await deliver();
      const refused = (await jobs()).find((j) => JSON.parse(j.params).to === '6281200000022')!;
      expect(refused).toMatchObject({ state: 'failed', attempts: 1 });
      expect(JSON.parse(refused.error!).code).toBe('walim.send_refused');

      answers.push(503, 502, 500);
      await message('6281200000023', 'BANTUAN');
      for (let i = 0; i < 3; i++) {
        await deliver();
        await new Promise((r) => setTimeout(r, 450 * 2 ** i));
      }
      const down = (await jobs()).find((j) => JSON.parse(j.params).to === '6281200000023')!;
      expect(down).toMatchObject({ state: 'failed', attempts: 3 });
      expect(JSON.parse(down.error!).code).toBe('walim.send_failed');
    });

    it('lets no user queue a reply (no one sends WhatsApp messages to any number through DTKS)', async () => {
      const admin = { ...systemActor('x'), userId: 'u-1', username: 'admin' };
      await expect(
        t.container.jobs.enqueue(admin, WALIM_REPLY, { provider: 'meta', to: '628123456789', text: 'hi' }),
      ).rejects.toBeInstanceOf(AppError);
      await expect(
        t.container.jobs.enqueue(systemActor('cli'), WALIM_REPLY, {
          provider: 'meta',
          to: '628123456789',
          text: 'hi',
        }),
      ).rejects.toBeInstanceOf(AppError);
    });
  });
}

describe('WALIM sender settings', () => {
  it('defaults to the log and needs the token and phone number id for meta', () => {
    expect(walimFromEnv({})).toMatchObject({ sender: 'log', attempts: 6, backoffMs: 5000 });
    expect(() => walimFromEnv({ WALIM_SENDER: 'meta' })).toThrow(
      /WHATSAPP_ACCESS_TOKEN and WHATSAPP_PHONE_NUMBER_ID/,
    );
    expect(() => walimFromEnv({ WALIM_SENDER: 'sms' })).toThrow(/WALIM_SENDER/);
    expect(() => walimFromEnv({ WALIM_SEND_ATTEMPTS: '0' })).toThrow(/WALIM_SEND_ATTEMPTS/);
    expect(
      walimFromEnv({
        WALIM_SENDER: 'meta',
        WHATSAPP_ACCESS_TOKEN: 't',
        WHATSAPP_PHONE_NUMBER_ID: '1',
        WHATSAPP_VERIFY_TOKEN: 'v',
      }),
    ).toMatchObject({
      sender: 'meta',
      verifyToken: 'v',
      meta: { apiUrl: 'https://graph.facebook.com/v21.0', phoneNumberId: '1', accessToken: 't' },
    });
  });

  it('development: the reply goes to the log', async () => {
    const lines: string[] = [];
    await new LogChatSender((l) => lines.push(l)).send({ to: '62812', text: 'BANTUAN …' });
    expect(lines).toEqual(['WALIM reply to 62812: BANTUAN …']);
  });
});

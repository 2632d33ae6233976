/**
 * WALIM over HTTP and the public statistics (issue 14), on both engines: the commands (CEK with the same
 * masking and limits keyed on the sender, BANTUAN, anything else answered with the help), the provider
 * webhooks with HMAC-SHA256 signatures (good, wrong, missing, unknown provider), and the statistics per
 * region and period, publicly cached, with no personal data.
 */
import { createHmac } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHAT_HELP } from '../../src/domain/public/chat.ts';
import { makeHousehold } from '../factories/households.ts';
import { PLACES, testApp } from '../support/app.ts';
import { ENGINES, openTestDb, type TestDb } from '../support/db.ts';
import { seedDetermined } from '../support/public.ts';

const PERIOD = '2026-11';
const SECRET = 'webhook-test-secret-0123456789';

for (const engine of ENGINES) {
  describe(`WALIM and public statistics (${engine})`, () => {
    let t: TestDb;
    let app: FastifyInstance;
    let person: { nik: string; name: string };

    beforeAll(async () => {
      t = await openTestDb(engine, {
        now: () => new Date('2026-12-05T03:00:00Z'),
        publicChallenge: 'always',
        publicLimits: { client: 3, nik: 100, village: 100, challengeAfter: 1 },
        chatWebhookSecrets: { meta: SECRET, generic: SECRET },
      });
      const households = [1, 2].map((n) => makeHousehold(PLACES.villageA, n));
      households.push(makeHousehold(PLACES.otherVillage, 3));
      await seedDetermined(t.container, PERIOD, households);
      const m = households[0]!.members[1]!;
      person = { nik: m.nik, name: m.name };
      app = await testApp(t.container);
    });
    afterAll(async () => {
      await app?.close();
      await t?.cleanup();
    });

    const chat = (from: string, text: string, remoteAddress = '203.0.113.50') =>
      app.inject({ method: 'POST', url: '/api/v1/public/chat', payload: { from, text }, remoteAddress });

    it('answers CEK in Indonesian with masked data, even where the web asks for a challenge', async () => {
      const res = await chat('6281200000001', `cek ${person.nik} ${person.name.toLowerCase()}`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['cache-control']).toBe('no-store');
      const { reply } = res.json();
      expect(reply).toContain('Data ditemukan');
      expect(reply).toContain('Nama: SI** AM**** 1');
      expect(reply).toContain('Umur: 41 tahun');
      expect(reply).toContain(`periode ${PERIOD}`);
      expect(reply).not.toContain(person.nik);
      const wrong = await chat('6281200000001', `CEK ${person.nik} Orang Lain`);
      const absent = await chat('6281200000001', 'CEK 3307015501809999 Orang Lain');
      expect(wrong.json().reply).toMatch(/^Data tidak ditemukan/);
      expect(absent.json().reply).toBe(wrong.json().reply);
    });

    it('answers BANTUAN and unknown commands with the help (LAPOR, STATUS: test/http/reports.test.ts)', async () => {
      for (const [i, text] of ['BANTUAN', 'halo'].entries()) {
        expect((await chat('6281200000002', text, `203.0.113.${10 + i}`)).json().reply).toBe(CHAT_HELP);
      }
      expect((await chat('6281200000002', 'CEK 123 BUDI', '203.0.113.52')).json().reply).toMatch(/16 angka/);
    });

    it('limits CEK per sender (a reply, not an error) and the direct endpoint per address (429)', async () => {
      const from = '6281200000003';
      for (let i = 0; i < 3; i++) {
        const r = await chat(from, `CEK ${person.nik} ${person.name}`, `203.0.113.${60 + i}`);
        expect(r.json().reply).toContain('Data ditemukan');
      }
      const over = await chat(from, `CEK ${person.nik} ${person.name}`, '203.0.113.70');
      expect(over.statusCode).toBe(200);
      expect(over.json().reply).toMatch(/Terlalu banyak pencarian.*60 menit/);
      // Another sender is answered; one address naming many senders is stopped by its own limit.
      for (let i = 0; i < 3; i++)
        expect((await chat(`62813000000${i}`, 'BANTUAN', '203.0.113.80')).statusCode).toBe(200);
      const flood = await chat('6281300000009', 'BANTUAN', '203.0.113.80');
      expect(flood.statusCode).toBe(429);
      expect(flood.headers['retry-after']).toBeDefined();
    });

    const metaBody = (from: string, text: string) =>
      JSON.stringify({
        object: 'whatsapp_business_account',
        entry: [
          {
            id: '1',
            changes: [
              {
                field: 'messages',
                value: {
                  messaging_product: 'whatsapp',
                  messages: [
                    { from, id: 'wamid.1', timestamp: '1764900000', type: 'text', text: { body: text } },
                    { from, id: 'wamid.2', timestamp: '1764900001', type: 'image', image: { id: 'x' } },
                  ],
                },
              },
            ],
          },
        ],
      });
    const hook = (provider: string, body: string, headers: Record<string, string>) =>
      app.inject({
        method: 'POST',
        url: `/api/v1/public/chat/webhook/${provider}`,
        payload: body,
        headers: { 'content-type': 'application/json', ...headers },
      });
    const sign = (body: string, secret = SECRET) => createHmac('sha256', secret).update(body).digest('hex');

    it('answers a signed WhatsApp Cloud API webhook, one reply per text message', async () => {
      const body = metaBody('6281200000010', 'BANTUAN');
      const res = await hook('meta', body, { 'x-hub-signature-256': `sha256=${sign(body)}` });
      expect(res.statusCode, res.body).toBe(200);
      // Meta: DTKS also sends the reply itself, as a job (test/http/walim-whatsapp.test.ts).
      expect(res.json()).toEqual({ replies: [{ to: '6281200000010', reply: CHAT_HELP }], queued: 1 });
      const generic = JSON.stringify({
        messages: [{ from: '6281200000011', text: `CEK ${person.nik} ${person.name}` }],
      });
      const g = await hook('generic', generic, { 'x-signature': sign(generic) });
      expect(g.json().replies[0].reply).toContain('SI** AM**** 1');
    });

    it('refuses bad, missing or foreign signatures and unknown providers, answering nothing', async () => {
      const body = metaBody('6281200000012', `CEK ${person.nik} ${person.name}`);
      const bad: Record<string, string>[] = [
        { 'x-hub-signature-256': `sha256=${sign(body, 'another-secret')}` },
        { 'x-hub-signature-256': sign(body) },
        { 'x-hub-signature-256': `sha256=${sign(`${body} `)}` },
        { 'x-signature': sign(body) },
        {},
      ];
      for (const headers of bad) {
        const res = await hook('meta', body, headers);
        expect(res.statusCode, JSON.stringify(headers)).toBe(403);
        expect(res.json().code).toBe('public.chat_signature');
        expect(res.body).not.toContain('SI**');
      }
      // The body tampered after signing.
      const tampered = body.replace('6281200000012', '6281200000099');
      expect(
        (await hook('meta', tampered, { 'x-hub-signature-256': `sha256=${sign(body)}` })).statusCode,
      ).toBe(403);
      const unknown = await hook('telegram', body, { 'x-signature': sign(body) });
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json().code).toBe('public.chat_unknown_provider');
      const notJson = await hook('meta', '{not json', {
        'x-hub-signature-256': `sha256=${sign('{not json')}`,
      });
      expect(notJson.statusCode).toBe(400);
    });

    it('serves statistics per region and period, publicly cached, without personal data', async () => {
      const national = await app.inject({ url: '/api/v1/public/statistics' });
      expect(national.statusCode, national.body).toBe(200);
      expect(national.headers['cache-control']).toBe('public, max-age=300');
      // Three households in all: fewer than PUBLIC_STATS_MIN_CELL (10 by default), so every figure is hidden
      // (test/http/public-statistics.test.ts covers the suppression with larger counts).
      expect(national.json()).toEqual({
        region: null,
        period: PERIOD,
        minCell: 10,
        periods: [{ period: PERIOD, households: null, persons: null }],
        children: [{ code: '33', name: expect.any(String), households: null, persons: null, programmes: [] }],
        // No recipient list approved here (the figures are tested in test/http/recipients.test.ts).
        programmes: [],
        distribution: null,
      });
      const province = await app.inject({ url: '/api/v1/public/statistics?region=33' });
      expect(province.json()).toMatchObject({
        region: { code: '33', parentCode: null, level: 1 },
        children: [
          { code: PLACES.regency, households: null, persons: null },
          { code: PLACES.otherRegency, households: null, persons: null },
        ],
      });
      const regency = await app.inject({ url: `/api/v1/public/statistics?region=${PLACES.regency}` });
      expect(regency.json()).toMatchObject({
        region: { code: PLACES.regency, parentCode: '33', level: 2 },
        periods: [{ period: PERIOD, households: null, persons: null }],
        children: [{ code: PLACES.districtA, households: null, persons: null }],
      });
      for (const res of [national, province, regency]) {
        expect(res.body).not.toMatch(/Budi|Siti|\d{16}/);
      }
      expect((await app.inject({ url: '/api/v1/public/statistics?region=99' })).statusCode).toBe(400);
    });
  });
}

/**
 * Users API: an administrator creates users; a common, trivial or too short password, or one built from
 * the username or name, is refused with one issue per reason on `password` (Indonesian and English), and
 * nothing is created.
 */
import { describe, expect, it } from 'vitest';
import { apiSession } from '../support/api-session.ts';
import { ENGINES } from '../support/db.ts';

for (const engine of ENGINES) {
  describe(`users API (${engine})`, () => {
    const s = apiSession(engine);
    const create = (password: string, lang = 'id') =>
      s.app.inject({
        method: 'POST',
        url: '/api/v1/users',
        headers: { ...s.as.admin, 'accept-language': lang },
        payload: {
          username: 'op-baru',
          password,
          role: 'operator_desa',
          regionCode: '33.07.01.2001',
          displayName: 'Rina Marlina',
        },
      });
    const exists = async () =>
      (await s.app.inject({ url: '/api/v1/users', headers: s.as.admin }))
        .json()
        .items.some((u: { username: string }) => u.username === 'op-baru');

    it('refuses weak passwords with a code and a reason per problem, creating nobody', async () => {
      const cases: [string, string[]][] = [
        ['bismillah123', ['password.common']],
        ['sayangku', ['password.too_short', 'password.common']],
        ['mnopqrstuvw', ['password.trivial']],
        ['rina-marlina-77', ['password.contains_name']],
        ['op-baru-kopi-pagi', ['password.contains_name']],
      ];
      for (const [password, codes] of cases) {
        const res = await create(password);
        expect(res.statusCode, password).toBe(400);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(res.json().errors.map((e: { field: string; code: string }) => `${e.field}:${e.code}`)).toEqual(
          codes.map((c) => `password:${c}`),
        );
      }
      expect((await create('bismillah123')).json().errors[0].message).toBe(
        'Kata sandi ini termasuk yang paling sering dipakai dan mudah ditebak; pilih yang lain',
      );
      expect((await create('bismillah123', 'en')).json().errors[0].message).toBe(
        'This password is among the most commonly used and easy to guess; choose another',
      );
      expect(await exists()).toBe(false);
      const ok = await create('kopi-tubruk-pagi-hari');
      expect(ok.statusCode, ok.body).toBe(201);
      expect(await exists()).toBe(true);
    });
  });
}

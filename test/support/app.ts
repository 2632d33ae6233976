import type { FastifyInstance } from 'fastify';
import type { Container } from '../../src/container.ts';
import type { Role } from '../../src/domain/access/roles.ts';
import { type AppOptions, buildApp } from '../../src/http/app.ts';
import type { HttpSettings } from '../../src/http/settings.ts';
import { systemActor } from '../../src/modules/access/actor.ts';

export const PASSWORD = 'test-password-123';

/** Two villages in two districts of Kabupaten Wonosobo, and a village in another regency. */
export const PLACES = {
  regency: '33.07',
  districtA: '33.07.01',
  villageA: '33.07.01.2001',
  villageA2: '33.07.01.2002',
  districtB: '33.07.02',
  villageB: '33.07.02.2001',
  otherRegency: '33.08',
  otherVillage: '33.08.01.2001',
} as const;

export const USERS: { username: string; role: Role; regionCode: string }[] = [
  { username: 'op-a', role: 'operator_desa', regionCode: PLACES.villageA },
  { username: 'op-b', role: 'operator_desa', regionCode: PLACES.villageB },
  { username: 'kades-a', role: 'kepala_desa', regionCode: PLACES.villageA },
  { username: 'camat-a', role: 'kecamatan', regionCode: PLACES.districtA },
  { username: 'dinsos', role: 'dinsos_kab', regionCode: PLACES.regency },
  { username: 'dinsos-other', role: 'dinsos_kab', regionCode: PLACES.otherRegency },
  { username: 'pusdatin', role: 'pusdatin', regionCode: '' },
  { username: 'auditor', role: 'auditor', regionCode: PLACES.regency },
  { username: 'admin', role: 'admin', regionCode: '' },
];

export async function createUsers(c: Container): Promise<void> {
  for (const u of USERS) await c.users.create(systemActor('test'), { ...u, password: PASSWORD });
}

/**
 * Test suites log in hundreds of times from one address: they run with limits no suite reaches (the limits
 * themselves are tested in test/http/rate-limit.test.ts with the production defaults and small ones).
 */
export const TEST_SETTINGS: Partial<HttpSettings> = {
  rateLimits: { account: 1_000_000, anonymous: 1_000_000, login: 1_000_000, dci: 1_000_000 },
  redisUrl: null,
};

export async function testApp(c: Container, opts: AppOptions = {}): Promise<FastifyInstance> {
  const app = await buildApp(c, {
    logger: false,
    webRoot: '/nonexistent',
    ...opts,
    settings: { ...TEST_SETTINGS, ...opts.settings },
  });
  await app.ready();
  return app;
}

/** Logs in through the API and returns request headers carrying the bearer token. */
export async function login(
  app: FastifyInstance,
  username: string,
  password: string = PASSWORD,
): Promise<Record<string, string>> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password },
  });
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
  // Staff requests carry the purpose of the screen they come from (a NIK lookup requires one).
  return { authorization: `Bearer ${res.json().token}`, 'x-purpose': 'test' };
}

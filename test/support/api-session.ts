import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect } from 'vitest';
import type { EngineName } from '../../src/db/dialect.ts';
import { createUsers, login, testApp, USERS } from './app.ts';
import { openTestDb, type TestDb } from './db.ts';

export type Headers = Record<string, string>;

export interface ApiSession {
  t: TestDb;
  app: FastifyInstance;
  /** Request headers of every test user (USERS), by username. */
  as: Record<string, Headers>;
}

/**
 * For the enclosing describe: a fresh database on `engine` with the test users, the app over it, and every
 * user logged in; all closed after the suite. The fields are set once `beforeAll` has run.
 */
export function apiSession(engine: EngineName): ApiSession {
  const session = { as: {} } as ApiSession;
  beforeAll(async () => {
    session.t = await openTestDb(engine);
    await createUsers(session.t.container);
    session.app = await testApp(session.t.container);
    for (const u of USERS) session.as[u.username] = await login(session.app, u.username);
  });
  afterAll(async () => {
    await session.app.close();
    await session.t.cleanup();
  });
  return session;
}

/** Requests to a register's routes (`/api/v1/<name>`, as in PPKS and PSKS), each as one test user. */
export function registerRequests(session: ApiSession, name: string) {
  const { as } = session;
  const post = (who: string, payload: unknown) =>
    session.app.inject({
      method: 'POST',
      url: `/api/v1/${name}`,
      headers: as[who],
      payload: payload as object,
    });
  const get = (who: string, url: string) => session.app.inject({ url: `/api/v1${url}`, headers: as[who] });
  const patch = (who: string, id: string, payload: unknown) =>
    session.app.inject({
      method: 'PATCH',
      url: `/api/v1/${name}/${id}`,
      headers: as[who],
      payload: payload as object,
    });
  const removal = (who: string, id: string, payload: unknown) =>
    session.app.inject({
      method: 'POST',
      url: `/api/v1/${name}/${id}/removal`,
      headers: as[who],
      payload: payload as object,
    });
  /** Registers and answers the record; anything but 201 fails the test. */
  async function created(who: string, payload: unknown) {
    const res = await post(who, payload);
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  }
  const ids = (res: { json(): { items: { id: string }[] } }) => res.json().items.map((i) => i.id);
  return { post, get, patch, removal, created, ids };
}

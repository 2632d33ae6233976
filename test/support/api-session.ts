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

  /**
   * The list's total and name order (PPKS, PSKS): five records named "… Urut" registered by the regency in
   * `villageA`; `make(name)` gives one's input. Sorted by name A–Z across pages with the total on the first
   * page only, in registration order without `sort`, a total of what the user may see (0 for another
   * village's operator), and a cursor of the other order refused.
   */
  async function expectNameSortAndTotals(villageA: string, make: (name: string) => unknown) {
    const names = ['Wati Urut', 'Agus Urut', 'Mulyadi Urut', 'budi Urut', 'Citra Urut'];
    for (const n of names) await created('dinsos', make(n));
    const pageOf = async (query: string) => {
      const res = await get('dinsos', `/${name}?region=${villageA}&q=urut&${query}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as { items: { name: string }[]; nextCursor: string | null; total: number | null };
    };
    const seen: string[] = [];
    let page = await pageOf('sort=name&limit=2');
    expect(page.total).toBe(5);
    seen.push(...page.items.map((i) => i.name));
    while (page.nextCursor) {
      page = await pageOf(`sort=name&limit=2&cursor=${page.nextCursor}`);
      expect(page.total).toBeNull();
      seen.push(...page.items.map((i) => i.name));
    }
    expect(seen).toEqual(['Agus Urut', 'budi Urut', 'Citra Urut', 'Mulyadi Urut', 'Wati Urut']);
    const inOrder = await pageOf('limit=200');
    expect(inOrder.items.map((i) => i.name)).toEqual(names);
    expect(inOrder.total).toBe(5);
    // The total counts what the user may see: another village's operator gets 0, not the regency's count.
    const other = await get('op-b', `/${name}?q=urut`);
    expect(other.json().total).toBe(0);
    // A cursor of the other order is refused, not read as a restart.
    const idCursor = (await pageOf('limit=1')).nextCursor!;
    const wrong = await get('dinsos', `/${name}?sort=name&cursor=${idCursor}`);
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().code).toBe('list.invalid_cursor');
  }
  return { post, get, patch, removal, created, ids, expectNameSortAndTotals };
}

/**
 * The real app (buildApp over a container) and a bare Fastify route, both listening on 127.0.0.1 in this
 * process, plus a logged-in bench user: what the HTTP benchmarks drive with bench/lib/load.ts. As
 * `dtks serve`, the process also runs the audit sealer (linking appended entries into the keyed chain every
 * 250 ms): on PostgreSQL, where audited reads are appended unsealed, that is part of what each read costs.
 */
import { DatabaseSync } from 'node:sqlite';
import Fastify, { type FastifyInstance } from 'fastify';
import { type Container, createContainer } from '../../src/container.ts';
import { createDb, serverOpenOptions } from '../../src/db/dialect.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { uuidParam, uuidValue } from '../../src/db/uuid-blob.ts';
import type { Role } from '../../src/domain/access/roles.ts';
import { buildApp } from '../../src/http/app.ts';
import { systemActor } from '../../src/modules/access/actor.ts';

export const BENCH_PASSWORD = 'bench-password-2026!';

export interface Servers {
  container: Container;
  app: FastifyInstance;
  appOrigin: string;
  bare: FastifyInstance;
  bareOrigin: string;
  close(): Promise<void>;
}

/**
 * Opens `dbPath` as `dtks serve` does, WAL checkpoints on a background thread; `checkpointThread: false`
 * opens it as a CLI command does instead, to compare.
 */
export async function startServers(
  dbPath: string,
  opts: { checkpointThread?: boolean } = {},
): Promise<Servers> {
  const database = createDb(dbPath, {
    ...serverOpenOptions(),
    backgroundCheckpoints: opts.checkpointThread ?? true,
  });
  await migrateToLatest(database); // as `dtks serve` does: a file seeded by an older checkout gets new tables
  const container = createContainer(database);
  // The benchmarks drive one account far past the production rate limit: they measure the app, not the limiter.
  const app = await buildApp(container, {
    logger: false,
    webRoot: '/nonexistent',
    settings: { rateLimits: { account: 1e9, anonymous: 1e9, login: 1e9, dci: 1e9 }, redisUrl: null },
  });
  const appOrigin = await app.listen({ host: '127.0.0.1', port: 0 });
  const sealer = container.audit.startSealer({
    onError: (err) => console.error(`audit sealer: ${err instanceof Error ? err.message : String(err)}`),
  });
  const bare = Fastify({ logger: false });
  const body = { status: 'ok', nik: '3307014101900001', name: 'Constant Answer' };
  bare.get('/bare', async () => body);
  const bareOrigin = await bare.listen({ host: '127.0.0.1', port: 0 });
  return {
    container,
    app,
    appOrigin,
    bare,
    bareOrigin,
    close: async () => {
      await bare.close();
      await app.close();
      await sealer.stop();
      await container.close();
    },
  };
}

/** Creates the user if missing and logs in through the API; returns the Authorization header. */
export async function benchLogin(
  s: Servers,
  username: string,
  role: Role,
  regionCode: string,
): Promise<Record<string, string>> {
  const existing = (await s.container.users.list(systemActor('bench'))).some((u) => u.username === username);
  if (!existing) {
    await s.container.users.create(systemActor('bench'), {
      username,
      role,
      regionCode,
      password: BENCH_PASSWORD,
      displayName: `Bench ${role}`,
    });
  }
  const res = await fetch(`${s.appOrigin}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: BENCH_PASSWORD }),
  });
  if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const { token } = (await res.json()) as { token: string };
  return { authorization: `Bearer ${token}` };
}

/** The first row of `sample`, which must exist. */
export function sampleOne<T>(dbPath: string, sql: string, ...params: (string | number)[]): T {
  const [row] = sample<T>(dbPath, sql, ...params);
  if (row === undefined) throw new Error(`no row for ${sql}`);
  return row;
}

/**
 * Runs a read-only query on the SQLite file directly (sampling test data, not part of any measurement). Ids
 * are stored as 16-byte blobs (src/db/uuid-blob.ts): bound and answered as their strings, as the driver does.
 */
export function sample<T>(dbPath: string, sql: string, ...params: (string | number)[]): T[] {
  const db = new DatabaseSync(dbPath, { readOnly: true });
  try {
    const rows = db.prepare(sql).all(...params.map(uuidParam));
    return rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, uuidValue(v)]))) as T[];
  } finally {
    db.close();
  }
}

import { loadConfig } from '../config.ts';
import { type Container, createContainer } from '../container.ts';
import { createDb, serverOpenOptions, workerOpenOptions } from '../db/dialect.ts';
import { migrateToLatest } from '../db/migrate.ts';
import type { Actor } from '../modules/access/actor.ts';
import { systemActor } from '../modules/access/actor.ts';
import { fail } from './output.ts';

/**
 * Opens the database (DATABASE_URL or ./data/dtks.sqlite), migrated to the latest schema. A server
 * (`serve`, `start`) checkpoints a SQLite file's WAL on a background thread and keeps a larger page cache;
 * a job worker (`dtks worker`) checkpoints in the background too.
 */
export async function openContainer(opts: { server?: boolean; worker?: boolean } = {}): Promise<Container> {
  // Settings first: an unusable one stops the command before any file is created or migrated.
  const config = loadConfig();
  const database = createDb(
    undefined,
    opts.server ? serverOpenOptions() : opts.worker ? workerOpenOptions() : {},
  );
  try {
    await migrateToLatest(database);
  } catch (err) {
    await database.close();
    throw err;
  }
  const c = createContainer(database, config);
  try {
    if (opts.server) {
      // A server needs both audit keys: a missing or unsafe key stops it at start, not at the first checkpoint.
      c.audit.keys.hmac();
      c.audit.keys.signing();
    }
    const { rekeyed, broken } = await c.audit.rekeyLegacy();
    if (rekeyed > 0) console.error(`audit: re-keyed ${rekeyed} entries chained before the audit key (HMAC)`);
    if (broken) {
      console.error(
        `audit: the chain from before the audit key is broken at entry ${broken.position} (chain ${broken.chain}: ${broken.reason}); left unkeyed, \`dtks audit verify\` reports it`,
      );
    }
  } catch (err) {
    await c.close();
    throw err;
  }
  return c;
}

/**
 * The actor a command acts as: `--as USERNAME` takes that user's role and territory (so territory rules
 * apply to CLI exports and imports too); without it, the machine operator's system actor.
 */
export async function cliActor(c: Container, as: string | undefined, what: string): Promise<Actor> {
  if (!as) return systemActor(what);
  const { UsersRepository } = await import('../modules/users/users.repository.ts');
  const user = await new UsersRepository().findByUsername(c.database.db, as);
  if (user?.status !== 'active') fail(`No active user ${as}`);
  return {
    userId: user.id,
    username: user.username,
    role: user.role as Actor['role'],
    regionCode: user.regionCode,
    ip: null,
    userAgent: `cli:${what}`,
  };
}

/**
 * Opens the database, resolves the actor (`cliActor`), runs the body and closes the database whatever
 * happens: the shape of every command that acts as someone. `open.worker`: a command that does a job's bulk
 * work in its own process (`dtks rank`) opens the database as `dtks worker` does.
 */
export async function withContainer<T>(
  as: string | undefined,
  what: string,
  body: (c: Container, actor: Actor) => Promise<T>,
  open: { worker?: boolean } = {},
): Promise<T> {
  const c = await openContainer(open);
  try {
    const result = await body(c, await cliActor(c, as, what));
    // Link what this command recorded now, rather than leave it unsealed until a server or a verify runs.
    await c.audit.seal();
    return result;
  } finally {
    await c.close();
  }
}

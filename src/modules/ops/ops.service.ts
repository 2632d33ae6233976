/**
 * Liveness and readiness of the process. Readiness
 * means the database answers within READY_TIMEOUT_MS and has exactly this version's migrations applied: a load
 * balancer sends requests only to a server that can answer them.
 */
import type { Database } from '../../db/dialect.ts';
import { migrationsCurrent } from '../../db/migrate.ts';
import type { OpsRepository } from './ops.repository.ts';

export const READY_TIMEOUT_MS = 2000;

export interface Readiness {
  ready: boolean;
  checks: {
    database: 'ok' | 'unreachable';
    migrations: 'current' | 'pending_or_newer' | 'unknown';
  };
}

export class OpsService {
  readonly #deps: { database: Database; repo: OpsRepository };

  constructor(deps: { database: Database; repo: OpsRepository }) {
    this.#deps = deps;
  }

  async readiness(): Promise<Readiness> {
    const { database, repo } = this.#deps;
    const reachable = await withTimeout(repo.ping(database.db), READY_TIMEOUT_MS).then(
      () => true,
      () => false,
    );
    if (!reachable) return { ready: false, checks: { database: 'unreachable', migrations: 'unknown' } };
    const current = await withTimeout(migrationsCurrent(database), READY_TIMEOUT_MS).catch(() => null);
    const migrations = current === null ? 'unknown' : current ? 'current' : 'pending_or_newer';
    return { ready: migrations === 'current', checks: { database: 'ok', migrations } };
  }
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * PostgreSQL's side of a load: CPU time of the server's backends serving one database (what the Node
 * process's own CPU figure leaves out), read from /proc — clock ticks (10 ms) per backend. Only when the
 * server runs on this machine; another host's backends are not counted. A backend that exits between two
 * readings loses its share, so the pool keeps its connections through a run (idle timeout 10 s).
 */
import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { createDb } from '../../src/db/dialect.ts';

export type BackendTicks = Map<number, number>;

export async function backendTicks(postgresUrl: string): Promise<BackendTicks> {
  const ticks: BackendTicks = new Map();
  const probe = createDb(postgresUrl);
  try {
    const { rows } = await sql<{ pid: number }>`select pid from pg_stat_activity
      where datname = current_database() and pid <> pg_backend_pid()`.execute(probe.db);
    for (const { pid } of rows) {
      try {
        const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
        ticks.set(pid, Number(fields[11]) + Number(fields[12]));
      } catch {
        // Gone, or another host's server: not counted.
      }
    }
  } finally {
    await probe.close();
  }
  return ticks;
}

/** CPU µs the backends used between two readings (backends that appeared in between count from zero). */
export function backendCpuUs(before: BackendTicks, after: BackendTicks): number {
  return [...after].reduce((sum, [pid, t]) => sum + t - (before.get(pid) ?? 0), 0) * 10_000;
}

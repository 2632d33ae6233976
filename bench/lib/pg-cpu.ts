/**
 * PostgreSQL's side of a load: CPU time of the server's backends serving one database (what the Node
 * process's own CPU figure leaves out), read from /proc — clock ticks (10 ms) per backend. Only when the
 * server runs on this machine; another host's backends are not counted. A backend that exits between two
 * readings loses its share, so the pool keeps its connections through a run (idle timeout 10 s).
 */
import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { createDb, type Database } from '../../src/db/dialect.ts';

export type BackendTicks = Map<number, number>;

export async function backendTicks(postgresUrl: string): Promise<BackendTicks> {
  const probe = createDb(postgresUrl);
  try {
    return await ticksOf(probe);
  } finally {
    await probe.close();
  }
}

/** The ticks of this database's backends but the probe's own, read through the probe's connection. */
async function ticksOf(probe: Database): Promise<BackendTicks> {
  const ticks: BackendTicks = new Map();
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
  return ticks;
}

/** CPU µs the backends used between two readings (backends that appeared in between count from zero). */
export function backendCpuUs(before: BackendTicks, after: BackendTicks): number {
  return [...after].reduce((sum, [pid, t]) => sum + t - (before.get(pid) ?? 0), 0) * 10_000;
}

/**
 * The backends' CPU over a stretch of work in which connections come and go (a pool's idle timeout, an
 * autovacuum worker of this database): the backends are read every `everyMs`, and each one counts from its
 * first reading (zero if it was not there at the start) to its last, so one that exits in between keeps the
 * share it was last seen with (at most `everyMs` of its work is lost).
 */
export function trackBackends(postgresUrl: string, everyMs = 500): { stop(): Promise<number> } {
  // One connection of its own for the whole stretch (not counted: its pid is left out).
  const probe = createDb(postgresUrl);
  let start: BackendTicks | null = null;
  const last: BackendTicks = new Map();
  let reading: Promise<void> = ticksOf(probe).then((t) => {
    start = t;
    for (const [pid, n] of t) last.set(pid, n);
  });
  const read = () => {
    reading = reading.then(async () => {
      for (const [pid, n] of await ticksOf(probe)) last.set(pid, n);
    });
  };
  const timer = setInterval(read, everyMs);
  return {
    async stop() {
      clearInterval(timer);
      read();
      await reading;
      await probe.close();
      return backendCpuUs(start ?? new Map(), last);
    },
  };
}

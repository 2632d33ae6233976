/**
 * pg_dump and pg_restore, run as child processes. The connection goes through libpq's environment (PGHOST,
 * PGPASSWORD, …), so no password appears in a process list.
 */
import { spawn } from 'node:child_process';
import { AppError } from '../../domain/errors.ts';

export function pgEnvironment(url: string): NodeJS.ProcessEnv {
  const u = new URL(url);
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of ['PGHOST', 'PGPORT', 'PGUSER', 'PGPASSWORD', 'PGDATABASE', 'PGSSLMODE']) delete env[key];
  if (u.hostname) env.PGHOST = decodeURIComponent(u.hostname.replace(/^\[|\]$/g, ''));
  if (u.port) env.PGPORT = u.port;
  if (u.username) env.PGUSER = decodeURIComponent(u.username);
  if (u.password) env.PGPASSWORD = decodeURIComponent(u.password);
  const database = decodeURIComponent(u.pathname.replace(/^\//, ''));
  if (database) env.PGDATABASE = database;
  const sslmode = u.searchParams.get('sslmode');
  if (sslmode) env.PGSSLMODE = sslmode;
  return env;
}

/** Runs a PostgreSQL client tool; a missing tool or a failure is an AppError quoting its message. */
export function runPgTool(tool: 'pg_dump' | 'pg_restore', args: string[], url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.env[`${tool.toUpperCase()}_PATH`] || tool, args, {
      env: pgEnvironment(url),
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      if (stderr.length < 8000) stderr += chunk;
    });
    child.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') {
        reject(
          new AppError('state', 'backup.pg_tool_missing', { tool, setting: `${tool.toUpperCase()}_PATH` }),
        );
      } else reject(err);
    });
    child.on('close', (code) => {
      if (code === 0) return resolve();
      const message = stderr.trim().split('\n').slice(-5).join(' / ');
      reject(new AppError('state', `backup.${tool}_failed`, { code: String(code), output: message }));
    });
  });
}

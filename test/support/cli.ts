import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { TEST_AUDIT_HMAC_KEY } from './db.ts';

/** The repository root: the CLI runs from here, as `node src/cli/main.ts`. */
export const ROOT = resolve(import.meta.dirname, '../..');

export interface CliResult {
  /** The exit code; -1 when the process ended on a signal (e.g. killed after `timeoutMs`). */
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  /** The database to run against (DATABASE_URL). */
  url?: string;
  /** Further environment variables, over the test's own environment and `url`. */
  env?: Record<string, string>;
  /** Written to the command's standard input, which is then closed (it is closed empty when absent). */
  stdin?: string;
  /** The process is killed after this long; default 60 s. */
  timeoutMs?: number;
}

/**
 * Runs `dtks ARGS` in its own process (`process.execPath src/cli/main.ts ARGS` from the repository root) and
 * answers its exit code and output. Never throws on a non-zero exit: the exit code is what tests assert on.
 */
export function runDtks(args: string[], opts: CliOptions = {}): Promise<CliResult> {
  return new Promise<CliResult>((done, failed) => {
    const child = spawn(process.execPath, ['src/cli/main.ts', ...args], {
      cwd: ROOT,
      env: {
        ...process.env,
        AUDIT_HMAC_KEY: TEST_AUDIT_HMAC_KEY,
        ...(opts.url === undefined ? {} : { DATABASE_URL: opts.url }),
        ...opts.env,
      },
      timeout: opts.timeoutMs ?? 60_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (d: string) => {
      stdout += d;
    });
    child.stderr.on('data', (d: string) => {
      stderr += d;
    });
    child.on('error', failed);
    child.on('close', (code) => done({ code: code ?? -1, stdout, stderr }));
    // A command that exits before reading its input closes the pipe: that is not the test's failure.
    child.stdin.on('error', () => {});
    child.stdin.end(opts.stdin ?? '');
  });
}

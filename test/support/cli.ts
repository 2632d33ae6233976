/**
 * Two ways to run `dtks ARGS` in a test. `runDtks` spawns the real program (`node src/cli/main.ts`): what it
 * proves includes the process — argv, the exit code the shell sees, standard input, stdout/stderr as pipes,
 * signals. `runDtksInProcess` calls the same command tree (src/cli/program.ts `buildProgram`) inside the test's
 * own process with its output captured: the same commands, services and database, without the ~0.9 CPU-s start
 * of a process (bench/results/cli-startup.md, bench/results/ci-time.md). A test file that uses it keeps
 * real-process cases for each command family it covers and says in its header which cases are which.
 */
import { spawn } from 'node:child_process';
import { Console } from 'node:console';
import { resolve } from 'node:path';
import { Readable, Writable } from 'node:stream';
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

/** What `process.exit(code)` throws inside `runDtksInProcess`, to end the command where a process would end. */
class ProcessExit extends Error {
  readonly code: number;
  constructor(code: number) {
    super(`process.exit(${code})`);
    this.code = code;
  }
}

/** Collects what a command writes; not a terminal (no isTTY), as the pipes of a spawned `dtks` are not. */
class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer | string, _enc: BufferEncoding, done: (err?: Error | null) => void): void {
    this.text += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    done();
  }
}

let queue: Promise<unknown> = Promise.resolve();

/**
 * Runs `dtks ARGS` inside this process: a fresh command tree (`buildProgram`) parses ARGS with standard
 * output and error captured (console included), `process.exit` ending the command with its code,
 * `process.exitCode` read and restored, and the environment (DATABASE_URL, the audit key, `env`) set for the
 * run and restored after. Runs one at a time (they share the process's globals). Standard input is a process
 * matter (`--file -` reads file descriptor 0): a case that needs it uses `runDtks`.
 */
export function runDtksInProcess(args: string[], opts: CliOptions = {}): Promise<CliResult> {
  if (opts.stdin !== undefined) throw new Error('runDtksInProcess: standard input needs a process (runDtks)');
  const next = queue.then(() => runHere(args, opts));
  queue = next.catch(() => {});
  return next;
}

async function runHere(args: string[], opts: CliOptions): Promise<CliResult> {
  const { buildProgram } = await import('../../src/cli/program.ts');
  const stdout = new Capture();
  const stderr = new Capture();
  const env: Record<string, string> = {
    AUDIT_HMAC_KEY: TEST_AUDIT_HMAC_KEY,
    ...(opts.url === undefined ? {} : { DATABASE_URL: opts.url }),
    ...opts.env,
  };
  const savedEnv = new Map(Object.keys(env).map((k) => [k, process.env[k]]));
  const saved = {
    stdout: Object.getOwnPropertyDescriptor(process, 'stdout') as PropertyDescriptor,
    stderr: Object.getOwnPropertyDescriptor(process, 'stderr') as PropertyDescriptor,
    stdin: Object.getOwnPropertyDescriptor(process, 'stdin') as PropertyDescriptor,
    exit: process.exit,
    exitCode: process.exitCode,
    console: globalThis.console,
  };
  const stdin = Readable.from([]);
  Object.assign(process.env, env);
  Object.defineProperty(process, 'stdout', { configurable: true, enumerable: true, get: () => stdout });
  Object.defineProperty(process, 'stderr', { configurable: true, enumerable: true, get: () => stderr });
  Object.defineProperty(process, 'stdin', { configurable: true, enumerable: true, get: () => stdin });
  process.exit = ((code?: number | string | null) => {
    throw new ProcessExit(Number(code ?? process.exitCode ?? 0));
  }) as typeof process.exit;
  process.exitCode = undefined;
  globalThis.console = new Console({ stdout, stderr });
  let code: number;
  try {
    await buildProgram().parseAsync(args, { from: 'user' });
    code = Number(process.exitCode ?? 0);
  } catch (err) {
    if (!(err instanceof ProcessExit)) {
      // An uncaught error ends a process with code 1 and its stack on standard error.
      stderr.write(`${(err as Error).stack ?? String(err)}\n`);
      code = 1;
    } else code = err.code;
  } finally {
    globalThis.console = saved.console;
    process.exit = saved.exit;
    process.exitCode = saved.exitCode;
    Object.defineProperty(process, 'stdout', saved.stdout);
    Object.defineProperty(process, 'stderr', saved.stderr);
    Object.defineProperty(process, 'stdin', saved.stdin);
    for (const [k, v] of savedEnv) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
  return { code, stdout: stdout.text, stderr: stderr.text };
}

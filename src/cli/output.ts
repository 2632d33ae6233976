/** How the CLI reports results and errors: plain text for people, JSON with --json, exit codes for scripts. */
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { MigrationError } from '../db/migrate.ts';
import { AppError, ConfigError, type Lang, type Text } from '../domain/errors.ts';

let language: Lang = 'en';

/**
 * The language of the texts the CLI prints: `--lang id|en`, else DTKS_LANG, else English. Set afresh for
 * every command, so one run's choice never carries into the next in the same process.
 */
export function setCliLanguage(lang: string | undefined): void {
  const chosen = lang ?? process.env.DTKS_LANG;
  if (chosen === undefined || chosen === '') {
    language = 'en';
    return;
  }
  if (chosen !== 'id' && chosen !== 'en') fail(`--lang must be id or en, not ${JSON.stringify(chosen)}`, 2);
  language = chosen;
}

/** The language the CLI prints in. */
export function cliLanguage(): Lang {
  return language;
}

/** A catalogue text (error, issue) in the CLI's language. */
export function say(text: Text): string {
  return text[language];
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/**
 * `{ "<key>": [items…] }` as printJson prints it (two-space indentation, a final newline), written a page
 * at a time: a list of any length without holding it.
 */
export async function* jsonListChunks(
  key: string,
  pages: AsyncIterable<readonly unknown[]>,
): AsyncGenerator<string> {
  yield `{\n  ${JSON.stringify(key)}: [`;
  let first = true;
  for await (const page of pages) {
    if (!page.length) continue;
    const items = page.map((item) => `    ${JSON.stringify(item, null, 2).replaceAll('\n', '\n    ')}`);
    yield `${first ? '\n' : ',\n'}${items.join(',\n')}`;
    first = false;
  }
  yield first ? ']\n}\n' : '\n  ]\n}\n';
}

/**
 * Writes a streamed export to `out` (`--out FILE`), or to standard output (left open) without one. The file
 * is written as `FILE.<pid>.partial` beside it and renamed once complete; an export that fails midway (a
 * page's read, a limit passed, a full disk) removes it, so nothing — and never half a file — is left under
 * the name asked for (a file already there stays as it was).
 */
export async function writeOut(source: Readable, out: string | undefined): Promise<void> {
  if (!out) {
    await pipeline(source, process.stdout, { end: false });
    return;
  }
  const partial = `${out}.${process.pid}.partial`;
  try {
    await pipeline(source, createWriteStream(partial));
    await rename(partial, out);
  } catch (err) {
    await rm(partial, { force: true });
    throw err;
  }
}

/** Whether an error is a write to an output whose reader has gone (`dtks … | head -1`). */
function isClosedOutput(err: unknown): boolean {
  return (err as NodeJS.ErrnoException | null)?.code === 'EPIPE';
}

/**
 * Makes every command end quietly, as Unix tools do, when whoever reads its output stops reading
 * (`dtks export | head -1`): a write to the closed pipe ends the process with exit code 0 instead of a
 * write-error stack trace. Called once, before any command runs.
 */
export function exitQuietlyWhenOutputCloses(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err) => {
      if (isClosedOutput(err)) process.exit(0);
      throw err;
    });
  }
}

export function fail(message: string, code = 1): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

/**
 * Runs a command body, turning an AppError, a ConfigError or a MigrationError (a database this version cannot
 * migrate) into a readable message and a non-zero exit.
 */
export async function run(body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (err) {
    // The reader of the output went away (a pipeline's rejection, beside the stream's own error event).
    if (isClosedOutput(err)) process.exit(0);
    if (err instanceof ConfigError) fail(`configuration: ${err.message}`, 2);
    if (err instanceof MigrationError) fail(`database: ${err.message}`, 1);
    if (err instanceof AppError) {
      const lines = [`error ${err.code}: ${say(err.text)}`];
      for (const i of err.issues)
        lines.push(
          `  ${i.severity === 'warning' ? 'warning' : 'error'} ${i.field}: ${say(i.message)} (${i.code})`,
        );
      fail(lines.join('\n'), 2);
    }
    throw err;
  }
}

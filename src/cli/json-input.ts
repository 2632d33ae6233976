/** JSON documents a command reads (`--file`, `-` for stdin), checked with the API route's own zod schema. */
import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { issue, validationError } from '../domain/errors.ts';
import { issuesFromZod } from '../http/problem.ts';

/** Validates with the route's schema; a failure names each field and reason, as the API's 400 does. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const r = schema.safeParse(input);
  if (!r.success) throw validationError(issuesFromZod(r.error.issues));
  return r.data;
}

/** The JSON in a file (or stdin for `-`); an unreadable file or bad JSON is a `file` issue. */
export function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (err) {
    throw validationError([issue('file', 'file.unreadable', { message: (err as Error).message })]);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw validationError([issue('file', 'file.invalid_json', { message: (err as Error).message })]);
  }
}

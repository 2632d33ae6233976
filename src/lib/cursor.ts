/**
 * Keyset pagination by record id (UUIDv7: creation order), one way for every list: the cursor is the last
 * id of the page, base64url-encoded; a cursor that does not decode to an id is a 400, never a silent restart.
 */
import { issue, validationError } from '../domain/errors.ts';

export function encodeCursor(id: string): string {
  return Buffer.from(id).toString('base64url');
}

export function decodeCursor(cursor: string): string {
  const id = Buffer.from(cursor, 'base64url').toString();
  if (!/^[0-9a-f-]{36}$/.test(id)) {
    throw validationError([issue('cursor', 'list.invalid_cursor')]);
  }
  return id;
}

/** The id after which the next page starts, when a cursor was sent. */
export function afterIdOf(cursor: string | undefined): string | undefined {
  return cursor ? decodeCursor(cursor) : undefined;
}

/**
 * Lists fetch `limit + 1` rows: the extra row only tells that another page exists.
 */
export function pageOf<T>(
  rows: T[],
  limit: number,
  idOf: (row: T) => string,
): { page: T[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  return { page, nextCursor: rows.length > limit ? encodeCursor(idOf(page.at(-1)!)) : null };
}

/**
 * A list sorted by something other than its id pages by (that value, id): the cursor carries both, as
 * base64url JSON `[value, id]`. A cursor of the other shape, or one that does not decode, is a 400.
 */
export function encodeSortCursor(value: string, id: string): string {
  return Buffer.from(JSON.stringify([value, id])).toString('base64url');
}

export function decodeSortCursor(cursor: string): { value: string; id: string } {
  let pair: unknown;
  try {
    pair = JSON.parse(Buffer.from(cursor, 'base64url').toString());
  } catch {
    pair = null;
  }
  if (
    !Array.isArray(pair) ||
    pair.length !== 2 ||
    typeof pair[0] !== 'string' ||
    typeof pair[1] !== 'string' ||
    !/^[0-9a-f-]{36}$/.test(pair[1])
  ) {
    throw validationError([issue('cursor', 'list.invalid_cursor')]);
  }
  return { value: pair[0], id: pair[1] };
}

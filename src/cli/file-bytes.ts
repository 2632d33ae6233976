/**
 * A file's bytes for a service that reads a CSV (`ByteSource`), opened only when first read: a command refused
 * before its file is read (a role, a territory, an identity limit) leaves no file open behind it. A bare
 * `createReadStream` opens its file at once and keeps it open until collected when nobody reads it — harmless
 * in a process that then exits, a leak in one that runs on (the tests' in-process runner, a future server).
 */
import { createReadStream } from 'node:fs';

export async function* fileBytes(path: string): AsyncGenerator<Uint8Array | string> {
  yield* createReadStream(path);
}

import { v7 } from 'uuid';

/** Time-ordered UUIDv7: generated anywhere (server, CLI, offline field app) without coordination. */
export function newId(): string {
  return v7();
}

export function nowIso(): string {
  return new Date().toISOString();
}

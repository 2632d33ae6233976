/**
 * A public page's read of the API, without the staff app's data layer: TanStack Query is a chunk of its own
 * that a citizen's phone on a slow line should not fetch for one GET (Lighthouse, bench/results/public-pages.md).
 * The public answers it reads are cached by the server's `Cache-Control: public`, so the browser's HTTP cache
 * is their cache; what a page needs besides is the latest key's answer only — the previous request aborted
 * when the key changes or the page goes, and the previous answer kept on screen while the next one loads.
 */
import { useEffect, useState, useSyncExternalStore } from 'react';

/** Requests started as the entry ran (`askEarly`), by key: each is taken by the first page asking that key. */
const early = new Map<string, Promise<unknown>>();

/**
 * Starts the opened page's read as the entry runs, so its answer travels beside the page's module instead of
 * after it (one round trip fewer on a slow line). The page's first `usePublicLoad` of the same key takes it.
 */
export function askEarly<T>(key: string, load: (signal: AbortSignal) => Promise<T>): void {
  if (early.has(key)) return;
  const started = load(new AbortController().signal);
  // Not taken yet is not unhandled: the page that takes it sees the failure.
  started.catch(() => {});
  early.set(key, started);
}

export interface PublicLoaded<T> {
  /** The latest answer (the previous key's while the current one loads). */
  data: T | undefined;
  /** The current key's failure; null while it loads again or once answered. */
  error: unknown;
  /** No answer for the current key yet. */
  loading: boolean;
}

/** The state behind `usePublicLoad`, apart from React so it can be driven in a test. */
export class LatestAnswer<T> {
  #key: string | null = null;
  #controller: AbortController | null = null;
  #state: PublicLoaded<T> = { data: undefined, error: null, loading: true };
  readonly #listeners = new Set<() => void>();

  readonly subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  readonly snapshot = (): PublicLoaded<T> => this.#state;

  /** Asks for `key` (nothing when it is already asked), aborting the request of the key before. */
  ask(key: string, load: (signal: AbortSignal) => Promise<T>): void {
    if (key === this.#key) return;
    this.#controller?.abort();
    const controller = new AbortController();
    this.#key = key;
    this.#controller = controller;
    this.#set({ data: this.#state.data, error: null, loading: true });
    const started = early.get(key) as Promise<T> | undefined;
    early.delete(key);
    (started ?? load(controller.signal)).then(
      (data) => {
        if (!controller.signal.aborted) this.#set({ data, error: null, loading: false });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) this.#set({ data: this.#state.data, error, loading: false });
      },
    );
  }

  /** The page went: its request is aborted and nothing it answers is kept; a later `ask` starts afresh. */
  stop(): void {
    this.#controller?.abort();
    this.#controller = null;
    this.#key = null;
  }

  #set(state: PublicLoaded<T>): void {
    this.#state = state;
    for (const listener of this.#listeners) listener();
  }
}

/** Loads `key` with `load` when the page shows it (the key names everything `load` depends on). */
export function usePublicLoad<T>(key: string, load: (signal: AbortSignal) => Promise<T>): PublicLoaded<T> {
  const [answer] = useState(() => new LatestAnswer<T>());
  const loaded = useSyncExternalStore(answer.subscribe, answer.snapshot, answer.snapshot);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` names what `load` reads
  useEffect(() => answer.ask(key, load), [answer, key]);
  useEffect(() => () => answer.stop(), [answer]);
  return loaded;
}

import { useEffect, useRef, useState } from 'react';
import { useQueryState } from '../router.tsx';
import { useDebounced } from './use-debounced.ts';

/**
 * Text filters that live in the address: the boxes follow every keystroke, the address (and so the
 * request) follows once typing pauses, and a change of address from elsewhere (a menu link, the back
 * button) refills the boxes. `accept` keeps a half-typed value out of the address.
 */
export function useDraftQuery<K extends string>(
  keys: readonly K[],
  accept: (key: K, value: string) => boolean = () => true,
  ms = 350,
): [Record<K, string>, (key: K, value: string) => void] {
  const [query, setQuery] = useQueryState();
  const fromUrl = Object.fromEntries(keys.map((k) => [k, query.get(k) ?? ''])) as Record<K, string>;
  const urlKey = keys.map((k) => fromUrl[k]).join('\u0000');
  const [draft, setDraft] = useState(fromUrl);
  const written = useRef(urlKey);
  const fromUrlRef = useRef(fromUrl);
  fromUrlRef.current = fromUrl;
  const acceptRef = useRef(accept);
  acceptRef.current = accept;

  useEffect(() => {
    if (urlKey === written.current) return;
    written.current = urlKey;
    setDraft(fromUrlRef.current);
  }, [urlKey]);

  const settled = useDebounced(draft, ms);
  useEffect(() => {
    const next: Record<string, string | undefined> = {};
    for (const k of keys) {
      const v = settled[k].trim();
      next[k] = v && acceptRef.current(k, v) ? v : undefined;
    }
    const nextKey = keys.map((k) => next[k] ?? '').join('\u0000');
    if (nextKey === written.current) return;
    written.current = nextKey;
    setQuery(next);
  }, [settled, keys, setQuery]);

  return [draft, (key, value) => setDraft((d) => ({ ...d, [key]: value }))];
}

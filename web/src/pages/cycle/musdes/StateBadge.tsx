import type { MusdesState } from './musdes.api.ts';
import { useMusdesI18n } from './musdes.i18n.ts';

/** A session's state; `null` is a village without a session for the period. */
export function StateBadge({ state }: { state: MusdesState | null }) {
  const { m } = useMusdesI18n();
  return (
    <span className={`musdes-state musdes-state--${state ?? 'none'}`}>
      {state ? m(`state.${state}`) : m('progress.none')}
    </span>
  );
}

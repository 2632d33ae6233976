import { useUsulanI18n } from './usulan.i18n.ts';

/** A proposal's state, coloured by what it asks of the reader (act, wait, done, stopped). */
export function StateBadge({ state }: { state: string }) {
  const { m } = useUsulanI18n();
  return (
    <span className={`usulan-state usulan-state--${state}`}>{m(`state.${state}` as 'state.draft')}</span>
  );
}

export function KindLabel({ kind }: { kind: string }) {
  const { m } = useUsulanI18n();
  return <span className={`usulan-kind usulan-kind--${kind}`}>{m(`kind.${kind}` as 'kind.baru')}</span>;
}

/** Marks a citizen's own proposal or correction request (usulan mandiri) in the staff lists. */
export function SourceMark({ source }: { source: string }) {
  const { m } = useUsulanI18n();
  if (source !== 'mandiri') return null;
  return <span className="usulan-state usulan-source--mandiri">{m('source.mandiri')}</span>;
}

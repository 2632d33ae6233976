/**
 * Choosing the DTKS household a correction or removal is about: search by head name, NIK or KK number
 * (GET /households, active ones of the user's territory), ten at a time.
 */
import { useState } from 'react';
import { households } from '../../../api/endpoints.ts';
import type { HouseholdDetail } from '../../../api/types.ts';
import { LoadError } from '../../../components/ErrorSummary.tsx';
import { TextField } from '../../../components/fields.tsx';
import { useDebounced } from '../../../hooks/use-debounced.ts';
import { useLoad } from '../../../hooks/use-load.ts';
import { useUsulanI18n } from './usulan.i18n.ts';

const RESULTS = 10;

export function HouseholdPicker({ onPick, errors }: { onPick: (id: string) => void; errors?: string[] }) {
  const { m } = useUsulanI18n();
  const [q, setQ] = useState('');
  const settled = useDebounced(q.trim(), 350);
  const searchable = settled.length >= 2;
  const results = useLoad(['households', 'search', settled], (signal) =>
    searchable
      ? households.list({ q: settled, status: 'active', limit: RESULTS }, signal)
      : Promise.resolve(null),
  );
  const items = results.data?.items ?? [];
  return (
    <section className="card form-section" aria-labelledby="pick-title">
      <h2 id="pick-title">{m('pick.title')}</h2>
      <TextField
        path="householdId"
        type="search"
        label={m('pick.search')}
        hint={m('pick.searchHint')}
        value={q}
        onChange={setQ}
        autoComplete="off"
        spellCheck={false}
        maxLength={100}
        errors={errors}
      />
      {results.error ? <LoadError error={results.error} onRetry={results.reload} /> : null}
      {!searchable ? (
        <p className="muted small">{m('pick.typeMore')}</p>
      ) : results.data && items.length === 0 ? (
        <p className="empty" role="status">
          {m('pick.none', { q: settled })}
        </p>
      ) : items.length > 0 ? (
        <ul className="picker-results" aria-live="polite">
          {items.map((h) => (
            <li key={h.id}>
              <span className="picker-results__who">
                <strong>{h.headName}</strong> · <span className="mono">{h.kkNumber}</span>
                <br />
                <span className="muted small">
                  {h.address}, RW {h.rw} / RT {h.rt} · {m('pick.members', { n: h.memberCount })}
                </span>
              </span>
              <button
                type="button"
                className="button button--small"
                aria-label={m('pick.chooseNamed', { name: h.headName })}
                onClick={() => onPick(h.id)}
              >
                {m('pick.choose')}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

/** The chosen household, with a way back to the search. */
export function ChosenHousehold({ h, onChange }: { h: HouseholdDetail; onChange: () => void }) {
  const { m } = useUsulanI18n();
  const active = h.members.filter((x) => x.status === 'active').length;
  return (
    <section className="card picker-chosen" aria-label={m('pick.selected')}>
      <p>
        <strong>{h.headName}</strong> · KK <span className="mono">{h.kkNumber}</span>
        <br />
        <span className="muted small">
          {h.address}, RW {h.rw} / RT {h.rt} · {m('pick.members', { n: active })}
        </span>
      </p>
      <button type="button" className="button button--small" onClick={onChange}>
        {m('pick.change')}
      </button>
    </section>
  );
}

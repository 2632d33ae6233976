/**
 * A new proposal (village operator): first the kind, then for a correction or a removal the DTKS household
 * it is about, then the form. The kind and the chosen household live in the address, so reloading or
 * going back keeps them. Saving makes a draft and opens it, where attachments are added and it is submitted.
 */
import { households } from '../../../api/endpoints.ts';
import { LoadError } from '../../../components/ErrorSummary.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { useLoad } from '../../../hooks/use-load.ts';
import { navigate, useQueryState } from '../../../router.tsx';
import { may, useUser } from '../../../session.tsx';
import { BaruForm } from './BaruForm.tsx';
import { DikeluarkanForm } from './DikeluarkanForm.tsx';
import { ChosenHousehold, HouseholdPicker } from './HouseholdPicker.tsx';
import { PerbaikanForm } from './PerbaikanForm.tsx';
import type { UsulanKind, UsulanView } from './usulan.api.ts';
import { useUsulanI18n } from './usulan.i18n.ts';
import { WindowNotice } from './WindowNotice.tsx';
import './usulan.css';

const KINDS: UsulanKind[] = ['baru', 'perbaikan', 'dikeluarkan'];

export function UsulanNewPage() {
  const { m } = useUsulanI18n();
  const user = useUser();
  const [query, setQuery] = useQueryState();
  const kindParam = query.get('kind') ?? '';
  const kind: UsulanKind = (KINDS as string[]).includes(kindParam) ? (kindParam as UsulanKind) : 'baru';
  const householdId = kind === 'baru' ? '' : (query.get('household') ?? '');

  if (!may(user, 'usulan.draft')) {
    return (
      <>
        <PageHeader title={m('new.title')} />
        <p>{m('new.operatorOnly')}</p>
      </>
    );
  }

  const created = (u: UsulanView) => navigate(`/cycle/usulan/${u.id}?created=1`);
  return (
    <>
      <PageHeader title={m('new.title')} />
      <div className="stack">
        <WindowNotice />
        <fieldset className="kind-choice">
          <legend>{m('new.kind')}</legend>
          <div className="kind-choice__options">
            {KINDS.map((k) => (
              <label key={k} className="kind-choice__option">
                <input
                  type="radio"
                  name="kind"
                  value={k}
                  checked={kind === k}
                  onChange={() => setQuery({ kind: k === 'baru' ? undefined : k, household: undefined })}
                />
                <span>
                  <strong>{m(`kind.${k}`)}</strong>
                  <small>{m(`kindHint.${k}`)}</small>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        <div className="stack">
          {kind === 'baru' ? (
            <BaruForm key="baru" onCreated={created} />
          ) : householdId ? (
            <ExistingHousehold
              key={`${kind}:${householdId}`}
              kind={kind}
              id={householdId}
              onChange={() => setQuery({ household: undefined })}
              onCreated={created}
            />
          ) : (
            <HouseholdPicker key={kind} onPick={(id) => setQuery({ household: id })} />
          )}
        </div>
      </div>
    </>
  );
}

function ExistingHousehold({
  kind,
  id,
  onChange,
  onCreated,
}: {
  kind: 'perbaikan' | 'dikeluarkan';
  id: string;
  onChange: () => void;
  onCreated: (u: UsulanView) => void;
}) {
  const h = useLoad(['households', id], (signal) => households.get(id, signal));
  if (h.error) return <LoadError error={h.error} onRetry={h.reload} />;
  if (!h.data) return <Loading />;
  return (
    <>
      <ChosenHousehold h={h.data} onChange={onChange} />
      {kind === 'perbaikan' ? (
        <PerbaikanForm h={h.data} onCreated={onCreated} />
      ) : (
        <DikeluarkanForm h={h.data} onCreated={onCreated} />
      )}
    </>
  );
}

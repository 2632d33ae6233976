/**
 * The Dinas Sosial worklist of likely duplicate households and the side-by-side view that resolves one:
 * link the pair as one family, dismiss it, or remove one household with the reason "duplikat" (the normal
 * removal, version-checked). Nothing is deleted.
 */
import { type FormEvent, useState } from 'react';
import { duplicates } from '../api/endpoints.ts';
import type {
  DuplicateCandidate,
  DuplicateDetail,
  DuplicateResolution,
  HouseholdDetail,
} from '../api/types.ts';
import { ErrorSummary, LoadError } from '../components/ErrorSummary.tsx';
import { SelectField, TextAreaField } from '../components/fields.tsx';
import { Loading } from '../components/Loading.tsx';
import { MembersTable } from '../components/MembersTable.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { StatusBadge } from '../components/StatusBadge.tsx';
import { useLoad } from '../hooks/use-load.ts';
import { type MessageKey, useI18n } from '../i18n/index.tsx';
import { formatDate, formatNumber } from '../lib/format.ts';
import { Link, useQueryState } from '../router.tsx';

const STATES = ['open', 'linked', 'dismissed', 'all'] as const;
type State = (typeof STATES)[number];
const ruleKey = (rule: DuplicateCandidate['rule']) => `duplicates.rule.${rule}` as MessageKey;

export function DuplicatesPage() {
  const { t, lang } = useI18n();
  const [query, setQuery] = useQueryState();
  const state = (STATES as readonly string[]).includes(query.get('state') ?? '')
    ? (query.get('state') as State)
    : 'open';
  const [pages, setPages] = useState<DuplicateCandidate[][]>([]);
  const [cursor, setCursor] = useState<string | undefined>(undefined);
  const list = useLoad(['duplicates', { state, cursor }], async (signal) => {
    const page = await duplicates.list({ state, cursor, limit: 50 }, signal);
    setPages((p) => (cursor ? [...p, page.items] : [page.items]));
    return page;
  });
  const items = pages.flat();
  return (
    <>
      <PageHeader title={t('duplicates.title')} subtitle={t('duplicates.intro')} />
      <div className="card narrow inline-form">
        <SelectField
          path="state"
          label={t('duplicates.state')}
          value={state}
          onChange={(v) => {
            setCursor(undefined);
            setQuery({ state: v === 'open' ? undefined : v });
          }}
          options={STATES.map((s) => ({ value: s, label: t(`duplicates.state.${s}` as MessageKey) }))}
        />
      </div>
      {list.error ? (
        <LoadError error={list.error} onRetry={list.reload} />
      ) : !list.data && items.length === 0 ? (
        <Loading />
      ) : items.length === 0 ? (
        <p className="empty" role="status">
          {t('duplicates.empty')}
        </p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('duplicates.rule')}</th>
                <th scope="col">{t('duplicates.score')}</th>
                <th scope="col">{t('duplicates.pair')}</th>
                <th scope="col">{t('duplicates.state')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((c) => (
                <tr key={c.id}>
                  <td>
                    <Link to={`/duplicates/${c.id}`}>{t(ruleKey(c.rule))}</Link>
                  </td>
                  <td className="num">{formatNumber(c.score, lang)}</td>
                  <td>
                    {c.a.headName} <span className="mono">{c.a.kkNumber}</span> ↔ {c.b.headName}{' '}
                    <span className="mono">{c.b.kkNumber}</span>
                  </td>
                  <td>{t(`duplicates.state.${c.state}` as MessageKey)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {list.data?.nextCursor && (
        <button type="button" className="button" onClick={() => setCursor(list.data!.nextCursor!)}>
          {t('list.loadMore')}
        </button>
      )}
    </>
  );
}

export function DuplicateDetailPage({ params }: { params: Record<string, string> }) {
  const { t, lang } = useI18n();
  const detail = useLoad(['duplicates', params.id], (signal) => duplicates.get(params.id!, signal));
  if (detail.error)
    return <LoadError error={detail.error} onRetry={detail.reload} back={{ to: '/duplicates' }} />;
  const d = detail.data;
  if (!d) return <Loading />;
  return (
    <>
      <PageHeader
        title={t('duplicates.detailTitle')}
        subtitle={`${t(ruleKey(d.rule))} · ${t('duplicates.score')} ${formatNumber(d.score, lang)}`}
      />
      <div className="side-by-side">
        <Side h={d.households[0]} personId={d.a.personId} />
        <Side h={d.households[1]} personId={d.b.personId} />
      </div>
      {d.state === 'open' ? (
        <ResolveForm d={d} onDone={detail.setData} />
      ) : (
        <p className="card narrow" role="status">
          {t(`duplicates.state.${d.state}` as MessageKey)} —{' '}
          {t('duplicates.resolved', {
            resolution: d.resolution ? t(`duplicates.resolution.${d.resolution}` as MessageKey) : '',
          })}
          {d.resolutionNote ? `: ${d.resolutionNote}` : ''}
        </p>
      )}
      <p>
        <Link to="/duplicates">{t('common.back')}</Link>
      </p>
    </>
  );
}

function Side({ h, personId }: { h: HouseholdDetail; personId: string | null }) {
  const { t, lang } = useI18n();
  const person = personId ? h.members.find((m) => m.id === personId) : undefined;
  return (
    <section className="card stack" aria-label={h.headName}>
      <h2>
        <Link to={`/households/${h.id}`}>{h.headName}</Link> <StatusBadge status={h.status} />
      </h2>
      <p>
        {t('field.kkNumber')} <span className="mono">{h.kkNumber}</span>
        <br />
        {h.address}, RW {h.rw} / RT {h.rt}
        <br />
        <span className="muted">{h.regionPath.map((r) => r.name).join(' › ')}</span>
      </p>
      {person && (
        <p>
          {t('duplicates.matchedPerson')}: <strong>{person.name}</strong> (
          {formatDate(person.birthDate, lang)})
        </p>
      )}
      <MembersTable h={h} />
    </section>
  );
}

function ResolveForm({ d, onDone }: { d: DuplicateDetail; onDone: (d: DuplicateDetail) => void }) {
  const { t } = useI18n();
  const [action, setAction] = useState<DuplicateResolution['action']>('same_family');
  const [removeId, setRemoveId] = useState(d.households[1].id);
  const [note, setNote] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaving(true);
    setError(null);
    try {
      const target = d.households.find((h) => h.id === removeId)!;
      const body: DuplicateResolution =
        action === 'remove'
          ? { action, householdId: target.id, version: target.version, note }
          : { action, note };
      onDone(await duplicates.resolve(d.id, body));
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  };
  return (
    <form className="card narrow stack" onSubmit={submit} noValidate>
      <h2>{t('duplicates.resolve')}</h2>
      {error ? <ErrorSummary error={error} /> : null}
      <fieldset className="radio-group">
        <legend>{t('duplicates.decision')}</legend>
        {(['same_family', 'not_duplicate', 'remove'] as const).map((a) => (
          <label key={a} className="radio">
            <input
              type="radio"
              name="action"
              value={a}
              checked={action === a}
              onChange={() => setAction(a)}
            />
            {t(`duplicates.action.${a}` as MessageKey)}
          </label>
        ))}
      </fieldset>
      {action === 'remove' && (
        <SelectField
          path="householdId"
          label={t('duplicates.removeWhich')}
          value={removeId}
          onChange={setRemoveId}
          options={d.households.map((h) => ({ value: h.id, label: `${h.headName} (${h.kkNumber})` }))}
        />
      )}
      <TextAreaField path="note" label={t('duplicates.note')} value={note} onChange={setNote} required />
      <button type="submit" className="button button--primary" disabled={saving || !note.trim()}>
        {saving ? t('common.saving') : t('duplicates.submit')}
      </button>
    </form>
  );
}

/**
 * The village's (and the regency Dinas Sosial's) check of citizen accounts (issue 14): the accounts of the
 * territory by state, and one account beside what DTKS says of its NIK, with the KTP photos, to verify or
 * reject with a reason. Everything the citizen typed is shown as text (React escapes it; nothing here sets
 * HTML).
 */
import { useState } from 'react';
import { useAction } from '../../components/cycle/use-action.ts';
import { ErrorSummary, LoadError } from '../../components/ErrorSummary.tsx';
import { SelectField, TextAreaField } from '../../components/fields.tsx';
import { Loading } from '../../components/Loading.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useLoad } from '../../hooks/use-load.ts';
import { useI18n, useText } from '../../i18n/index.tsx';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { Link, useQueryState } from '../../router.tsx';
import { type AccountDetail, type AccountItem, citizenAccounts } from './api.ts';
import { messages } from './messages.ts';

const STATES = ['pending_verification', 'pending_contact', 'verified', 'rejected'] as const;
type StateKey = `state.${(typeof STATES)[number]}`;
const useCitizenText = () => useText(messages);

export function CitizenAccountsPage() {
  const tc = useCitizenText();
  const [query, setQuery] = useQueryState();
  const state = query.get('state') ?? 'pending_verification';
  const list = useLoad(['citizen-accounts', { state }], (signal) => citizenAccounts.list(state, signal));
  return (
    <>
      <PageHeader title={tc('title')} subtitle={tc('intro')} />
      <div className="card narrow">
        <SelectField
          path="state"
          label={tc('state')}
          value={state}
          onChange={(v) => setQuery({ state: v })}
          options={STATES.map((s) => ({ value: s, label: tc(`state.${s}` as StateKey) }))}
        />
      </div>
      {list.error ? <LoadError error={list.error} onRetry={list.reload} /> : null}
      {list.loading && !list.data ? <Loading /> : null}
      {list.data && <AccountList items={list.data.items} />}
    </>
  );
}

export function AccountList({ items }: { items: AccountItem[] }) {
  const tc = useCitizenText();
  const { lang } = useI18n();
  if (items.length === 0) {
    return (
      <p className="empty" role="status">
        {tc('empty')}
      </p>
    );
  }
  return (
    <div className="table-wrap">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{tc('col.name')}</th>
            <th scope="col">{tc('col.nik')}</th>
            <th scope="col">{tc('col.village')}</th>
            <th scope="col">{tc('col.registered')}</th>
            <th scope="col">{tc('col.open')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((a) => (
            <tr key={a.id}>
              <td>{a.fullName}</td>
              <td className="mono">{a.nik}</td>
              <td>
                {a.villageName ?? a.villageCode} · RT {a.rt} / RW {a.rw}
              </td>
              <td>{formatDate(a.createdAt, lang)}</td>
              <td>
                <Link to={`/citizen-accounts/${a.id}`}>{tc('col.open')}</Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function CitizenAccountPage({ params }: { params: Record<string, string> }) {
  const tc = useCitizenText();
  const id = params.id ?? '';
  const account = useLoad(['citizen-accounts', id], (signal) => citizenAccounts.get(id, signal));
  return (
    <>
      <PageHeader title={tc('detail.title')} />
      <p>
        <Link to="/citizen-accounts">{tc('detail.back')}</Link>
      </p>
      {account.error ? (
        <LoadError error={account.error} onRetry={account.reload} back={{ to: '/citizen-accounts' }} />
      ) : null}
      {account.loading && !account.data ? <Loading /> : null}
      {account.data && (
        <div className="stack">
          <AccountFacts account={account.data} />
          <Photos account={account.data} />
          <DecisionForm account={account.data} onDone={account.reload} />
        </div>
      )}
    </>
  );
}

const YesNo = ({ value }: { value: boolean | null }) => {
  const tc = useCitizenText();
  if (value === null) return <span className="muted">—</span>;
  return (
    <strong className={value ? 'badge badge--ok' : 'badge badge--warn'}>
      {value ? tc('yes') : tc('no')}
    </strong>
  );
};

/** What the citizen entered and what DTKS says: all as text. */
export function AccountFacts({ account: a }: { account: AccountDetail }) {
  const tc = useCitizenText();
  const { t, lang } = useI18n();
  const r = a.registry;
  return (
    <>
      <section className="card" aria-labelledby="citizen-data">
        <h2 id="citizen-data">
          {a.fullName} <span className="muted">({tc(`state.${a.state}` as StateKey)})</span>
        </h2>
        <dl className="dl-grid">
          <div>
            <dt>{t('field.nik')}</dt>
            <dd className="mono">{a.nik}</dd>
          </div>
          <div>
            <dt>{t('field.kkNumber')}</dt>
            <dd className="mono">{a.kkNumber}</dd>
          </div>
          <div>
            <dt>{tc('detail.address')}</dt>
            <dd>
              {a.address}, RT {a.rt} / RW {a.rw}, {a.villageName ?? a.villageCode}
            </dd>
          </div>
          <div>
            <dt>{tc('detail.contact')}</dt>
            <dd>
              {a.email} · {a.phone}
            </dd>
          </div>
          <div>
            <dt>{tc('detail.username')}</dt>
            <dd data-raw>{a.username}</dd>
          </div>
          <div>
            <dt>{tc('detail.confirmedAt')}</dt>
            <dd>{formatDateTime(a.contactConfirmedAt, lang)}</dd>
          </div>
        </dl>
        {a.decidedAt && (
          <p role="status">
            {tc('detail.decidedAt', { date: formatDateTime(a.decidedAt, lang) })}
            {a.decisionNote ? ` — ${tc('detail.reason', { reason: a.decisionNote })}` : ''}
          </p>
        )}
      </section>
      <section className="card" aria-labelledby="citizen-registry">
        <h2 id="citizen-registry">{tc('detail.registry')}</h2>
        {r.nikFound ? (
          <dl className="dl-grid">
            <div>
              <dt>{tc('detail.nikFound')}</dt>
              <dd>
                <YesNo value={true} />
              </dd>
            </div>
            <div>
              <dt>{tc('detail.kkMatches')}</dt>
              <dd>
                <YesNo value={r.kkMatches} />
              </dd>
            </div>
            <div>
              <dt>{tc('detail.nameMatches')}</dt>
              <dd>
                <YesNo value={r.nameMatches} />
                {r.registeredName && !r.nameMatches ? (
                  <span> {tc('detail.registeredName', { name: r.registeredName })}</span>
                ) : null}
              </dd>
            </div>
            <div>
              <dt>{tc('detail.villageMatches')}</dt>
              <dd>
                <YesNo value={r.villageMatches} />
              </dd>
            </div>
          </dl>
        ) : (
          <p>{tc('detail.notFound')}</p>
        )}
      </section>
    </>
  );
}

function Photos({ account: a }: { account: AccountDetail }) {
  const tc = useCitizenText();
  const photo = (id: string | null, label: string) => (
    <figure className="citizen-photo">
      {id ? (
        <a href={citizenAccounts.thumbnail(id)} target="_blank" rel="noreferrer">
          <img src={citizenAccounts.thumbnail(id)} alt={label} width={320} />
        </a>
      ) : (
        <p className="muted">{tc('detail.noPhoto')}</p>
      )}
      <figcaption>{label}</figcaption>
    </figure>
  );
  return (
    <section className="card" aria-labelledby="citizen-photos">
      <h2 id="citizen-photos">{tc('detail.photos')}</h2>
      <div className="stack">
        {photo(a.ktpAttachmentId, tc('detail.ktpPhoto'))}
        {photo(a.selfieAttachmentId, tc('detail.ktpSelfie'))}
      </div>
    </section>
  );
}

function DecisionForm({ account: a, onDone }: { account: AccountDetail; onDone: () => void }) {
  const tc = useCitizenText();
  const { busy, error, run } = useAction();
  const [reason, setReason] = useState('');
  const [saved, setSaved] = useState(false);
  if (a.state !== 'pending_verification') return saved ? <p role="status">{tc('done')}</p> : null;
  const done = () => {
    setSaved(true);
    onDone();
  };
  return (
    <section className="card" aria-labelledby="citizen-decision">
      <h2 id="citizen-decision">{tc('detail.decision')}</h2>
      <ErrorSummary error={error} />
      <div className="stack">
        <button
          type="button"
          className="button button--primary"
          disabled={busy || !a.ktpAttachmentId || !a.selfieAttachmentId}
          onClick={() => void run(() => citizenAccounts.verify(a.id, a.version), done)}
        >
          {tc('verify')}
        </button>
        <form
          className="stack"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void run(() => citizenAccounts.reject(a.id, a.version, reason), done);
          }}
        >
          <TextAreaField
            path="reason"
            label={tc('reject.reason')}
            hint={tc('reject.hint')}
            value={reason}
            onChange={setReason}
            maxLength={500}
          />
          <button type="submit" className="button" disabled={busy || reason.trim().length < 5}>
            {tc('reject')}
          </button>
        </form>
      </div>
    </section>
  );
}

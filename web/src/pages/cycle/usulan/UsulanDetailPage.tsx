/**
 * One proposal: where it stands, the next steps the API allows this user, its documents and what it
 * proposes. Reached from the list, from a notification (`/usulan/:id`) and after saving a new proposal.
 */
import type { ReactNode } from 'react';
import { attachableIn, USULAN_ATTACHMENT_KINDS } from '../../../../../src/domain/cycle/attachments.ts';
import { NextStep } from '../../../components/cycle/NextStep.tsx';
import { LoadError } from '../../../components/ErrorSummary.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { useLoad } from '../../../hooks/use-load.ts';
import { useRegionNames } from '../../../hooks/use-region-names.ts';
import { formatDateTime, formatPeriod } from '../../../lib/format.ts';
import { Link, useLocation } from '../../../router.tsx';
import { may, useUser } from '../../../session.tsx';
import { Attachments } from './Attachments.tsx';
import { KindLabel, SourceMark, StateBadge } from './StateBadge.tsx';
import { UsulanActions } from './UsulanActions.tsx';
import { UsulanData } from './UsulanData.tsx';
import { editable } from './UsulanEditPage.tsx';
import { type UsulanView, usulanApi } from './usulan.api.ts';
import { useUsulanI18n } from './usulan.i18n.ts';
import './usulan.css';

export function UsulanDetailPage({ params }: { params: Record<string, string> }) {
  const { m } = useUsulanI18n();
  const u = useLoad(['usulan', params.id], (signal) => usulanApi.get(params.id!, signal));
  if (u.error && !u.data)
    return <LoadError error={u.error} onRetry={u.reload} back={{ to: '/cycle/usulan' }} />;
  if (!u.data) return <Loading />;
  return (
    <Detail
      u={u.data}
      onChange={u.setData}
      onReload={u.reload}
      back={
        <Link className="button" to="/cycle/usulan">
          {m('detail.back')}
        </Link>
      }
    />
  );
}

function Detail({
  u,
  onChange,
  onReload,
  back,
}: {
  u: UsulanView;
  onChange: (u: UsulanView) => void;
  onReload: () => void;
  back: ReactNode;
}) {
  const { m, lang } = useUsulanI18n();
  const user = useUser();
  const { search } = useLocation();
  const names = useRegionNames([u.regionCode]);
  const canUpload =
    may(user, 'usulan.draft') && USULAN_ATTACHMENT_KINDS.some((k) => attachableIn(k, u.state));
  return (
    <>
      <PageHeader
        title={`${m(`kind.${u.kind}`)}: ${u.headName || '—'}`}
        subtitle={
          <>
            <StateBadge state={u.state} />
            <SourceMark source={u.source} /> · {m('detail.period')} {formatPeriod(u.period, lang)} · KK{' '}
            <span className="mono">{u.kkNumber}</span>
          </>
        }
        actions={back}
      />
      <div className="stack">
        {search.get('created') && u.state === 'draft' && (
          <p className="alert alert--success" role="status">
            {m('new.saved')}
          </p>
        )}
        {search.get('updated') && u.state === 'draft' && (
          <p className="alert alert--success" role="status">
            {m('edit.saved')}
          </p>
        )}
        {editable(u, user.role) && (
          <div className="card actions">
            <p className="muted">{m(u.source === 'mandiri' ? 'edit.hintMandiri' : 'edit.hint')}</p>
            <Link className="button button--primary" to={`/cycle/usulan/${u.id}/edit`}>
              {m(u.source === 'mandiri' ? 'edit.openMandiri' : 'edit.open')}
            </Link>
          </div>
        )}
        {u.state === 'returned' && (
          <p className="alert alert--warning">
            {u.returnNote ? m('detail.returned', { note: u.returnNote }) : m('detail.returnedNoNote')}
          </p>
        )}
        {u.state === 'withdrawn' && u.withdrawalNote && (
          <p className="alert alert--info">{m('detail.withdrawn', { note: u.withdrawalNote })}</p>
        )}
        {u.carriedFrom && (
          <p className="alert alert--info">
            {m('detail.carriedFrom', { from: u.carriedFrom, period: u.period })}
          </p>
        )}
        <NextStep machine="usulan" state={u.state} />
        <section className="card" aria-labelledby="facts-title">
          <h2 id="facts-title" className="visually-hidden">
            {m('detail.state')}
          </h2>
          <dl className="usulan-facts">
            <div>
              <dt>{m('detail.kind')}</dt>
              <dd>
                <KindLabel kind={u.kind} />
              </dd>
            </div>
            <div>
              <dt>{m('detail.state')}</dt>
              <dd>
                <StateBadge state={u.state} />
              </dd>
            </div>
            <div>
              <dt>{m('detail.village')}</dt>
              <dd>
                {names.get(u.regionCode) ?? u.regionCode}{' '}
                <span className="muted mono small">{u.regionCode}</span>
              </dd>
            </div>
            <div>
              <dt>{m('detail.source')}</dt>
              <dd>
                {m(
                  u.source === 'musdes'
                    ? 'detail.source.musdes'
                    : u.source === 'mandiri'
                      ? 'source.mandiri'
                      : 'detail.source.operator',
                )}
              </dd>
            </div>
            <div>
              <dt>{m('detail.created')}</dt>
              <dd>{formatDateTime(u.createdAt, lang)}</dd>
            </div>
            <div>
              <dt>{m('detail.updated')}</dt>
              <dd>{formatDateTime(u.updatedAt, lang)}</dd>
            </div>
            {u.reason && (
              <div className="span-2">
                <dt>{m('detail.reason')}</dt>
                <dd>{u.reason}</dd>
              </div>
            )}
            {u.musdesSessionId && (
              <div>
                <dt>{m('detail.musdes')}</dt>
                <dd>
                  <Link to={`/cycle/musdes/${u.musdesSessionId}`}>{m('detail.openMusdes')}</Link>
                </dd>
              </div>
            )}
            {u.householdId && (
              <div>
                <dt>{m('detail.household')}</dt>
                <dd>
                  <Link to={`/households/${u.householdId}`}>{m('detail.openHousehold')}</Link>
                </dd>
              </div>
            )}
          </dl>
        </section>
        <UsulanActions u={u} onChange={onChange} onReload={onReload} />
        <Attachments u={u} canUpload={canUpload} onChange={onChange} />
        <h2 className="section-title">{m('detail.data')}</h2>
        <UsulanData u={u} />
      </div>
    </>
  );
}

/**
 * Staff "Laporan" (issue 14): the territory's citizen reports with totals and the overdue filter, and one
 * report with the reporter (an audited read), its steps and the actions of the handling office — triage,
 * reply (public) or note (internal), escalate, close with an outcome. Everything a citizen typed is shown as
 * text (React escapes it; nothing here sets HTML).
 */
import { useState } from 'react';
import type { z } from 'zod';
import { isRole, ROLE_INFO } from '../../../../src/domain/access/roles.ts';
import {
  CATEGORY_LABELS,
  LEVEL_LABELS,
  OUTCOME_LABELS,
  STATUS_LABELS,
} from '../../../../src/domain/reports/labels.ts';
import {
  REPORT_OUTCOMES,
  REPORT_STATUSES,
  type ReportOutcome,
} from '../../../../src/domain/reports/reports.ts';
import type { Detail, Summary, Totals } from '../../../../src/modules/reports/reports.routes.ts';
import { request } from '../../api/client.ts';
import { useAction } from '../../components/cycle/use-action.ts';
import { ErrorSummary, LoadError } from '../../components/ErrorSummary.tsx';
import { CheckboxField, SelectField, TextAreaField } from '../../components/fields.tsx';
import { Loading } from '../../components/Loading.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useLoad } from '../../hooks/use-load.ts';
import { useI18n, useText } from '../../i18n/index.tsx';
import { formatDate, formatDateTime, formatNumber } from '../../lib/format.ts';
import { Link, useQueryState } from '../../router.tsx';
import { useSession } from '../../session.tsx';
import { messages } from './messages.ts';

/** Answers from the server's zod schemas (type-only imports). */
export type ReportSummary = z.infer<typeof Summary>;
export type ReportDetail = z.infer<typeof Detail>;
interface ListAnswer {
  items: ReportSummary[];
  totals: z.infer<typeof Totals>;
  total: number;
}

export function ReportsPage() {
  const tx = useText(messages);
  const [query, setQuery] = useQueryState();
  const status = query.get('status') ?? '';
  const overdue = query.get('overdue') === 'true';
  const { lang } = useI18n();
  const list = useLoad(['reports', { status, overdue }], (signal) => {
    const q = new URLSearchParams();
    if (status) q.set('status', status);
    if (overdue) q.set('overdue', 'true');
    return request<ListAnswer>('GET', `/reports?${q}`, { signal });
  });
  return (
    <>
      <PageHeader title={tx('title')} subtitle={tx('intro')} />
      <div className="card filters">
        <SelectField
          path="status"
          label={tx('filter.status')}
          value={status}
          empty={tx('filter.all')}
          options={REPORT_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s][lang] }))}
          onChange={(v) => setQuery({ status: v || undefined })}
        />
        <CheckboxField
          path="overdue"
          label={tx('filter.overdue')}
          checked={overdue}
          onChange={(v) => setQuery({ overdue: v ? 'true' : undefined })}
        />
      </div>
      <ErrorSummary error={list.error} />
      {list.loading && !list.data ? (
        <Loading />
      ) : list.data ? (
        <>
          <p role="status" data-testid="report-totals">
            {tx('totals', list.data.totals)}
          </p>
          <ReportList items={list.data.items} />
          {list.data.totals.overdue > 0 ? <OverdueByTerritory /> : null}
        </>
      ) : null}
    </>
  );
}

/** Overdue open reports counted per village (or per district for offices above the kecamatan). */
function OverdueByTerritory() {
  const tx = useText(messages);
  const { lang } = useI18n();
  const counts = useLoad(['reports', 'overdue', 'village'], (signal) =>
    request<{ items: { code: string; name: string; overdue: number }[] }>(
      'GET',
      '/reports/overdue?by=village',
      {
        signal,
      },
    ),
  );
  if (!counts.data || counts.data.items.length === 0) return null;
  return (
    <section className="card" aria-labelledby="reports-overdue">
      <h2 id="reports-overdue">{tx('overdueBy')}</h2>
      <table className="table" data-testid="reports-overdue">
        <thead>
          <tr>
            <th scope="col">{tx('village')}</th>
            <th scope="col" className="num">
              {tx('overdue')}
            </th>
          </tr>
        </thead>
        <tbody>
          {counts.data.items.map((r) => (
            <tr key={r.code}>
              <td>{r.name}</td>
              <td className="num">{formatNumber(r.overdue, lang)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function ReportList({ items }: { items: ReportSummary[] }) {
  const tx = useText(messages);
  const { lang } = useI18n();
  if (items.length === 0) return <p className="empty">{tx('none')}</p>;
  return (
    <div className="table-wrap">
      <table className="table" data-testid="reports">
        <thead>
          <tr>
            <th scope="col">{tx('number')}</th>
            <th scope="col">{tx('date')}</th>
            <th scope="col">{tx('category')}</th>
            <th scope="col">{tx('village')}</th>
            <th scope="col">{tx('status')}</th>
            <th scope="col">{tx('level')}</th>
            <th scope="col">{tx('assignee')}</th>
            <th scope="col">{tx('overdue')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((r) => (
            <tr key={r.id}>
              <td>
                <Link to={`/reports/${r.id}`} className="mono">
                  {r.trackingNumber}
                </Link>
              </td>
              <td>{formatDate(r.createdAt, lang)}</td>
              <td>{CATEGORY_LABELS[r.category][lang]}</td>
              <td>{r.villageName}</td>
              <td>{STATUS_LABELS[r.status][lang]}</td>
              <td>{LEVEL_LABELS[r.level][lang]}</td>
              <td>{r.assigneeName ?? '—'}</td>
              <td>
                {[
                  r.overdue.triage ? tx('overdue.triage') : '',
                  r.overdue.response ? tx('overdue.response') : '',
                ]
                  .filter(Boolean)
                  .join(', ') || '—'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ReportPage({ params }: { params: Record<string, string> }) {
  const tx = useText(messages);
  const id = params.id ?? '';
  const report = useLoad(['reports', id], (signal) =>
    request<ReportDetail>('GET', `/reports/${encodeURIComponent(id)}`, { signal }),
  );
  return (
    <>
      <p>
        <Link to="/reports">{tx('back')}</Link>
      </p>
      {report.error ? (
        <LoadError error={report.error} onRetry={report.reload} back={{ to: '/reports' }} />
      ) : null}
      {report.loading && !report.data ? <Loading /> : null}
      {report.data ? (
        <>
          <ReportFacts report={report.data} />
          <ReportActions report={report.data} onDone={(r) => report.setData(r)} />
        </>
      ) : null}
    </>
  );
}

export function ReportFacts({ report: r }: { report: ReportDetail }) {
  const tx = useText(messages);
  const { lang } = useI18n();
  const step = (s: ReportDetail['steps'][number]) => {
    switch (s.kind) {
      case 'assigned':
        return tx('kind.assigned', { name: s.assigneeName ?? '—' });
      case 'escalated':
        return tx('kind.escalated', { level: s.level ? LEVEL_LABELS[s.level][lang] : '' });
      case 'closed':
        return tx('kind.closed', { outcome: s.outcome ? OUTCOME_LABELS[s.outcome][lang] : '' });
      case 'received':
      case 'triaged':
      case 'reply':
      case 'note':
        return tx(`kind.${s.kind}`);
      default:
        return s.kind;
    }
  };
  return (
    <>
      <PageHeader
        title={`${r.trackingNumber} — ${CATEGORY_LABELS[r.category][lang]}`}
        subtitle={`${STATUS_LABELS[r.status][lang]} · ${LEVEL_LABELS[r.level][lang]} · ${tx('due', {
          triage: formatDateTime(r.triageDueAt, lang),
          response: formatDateTime(r.responseDueAt, lang),
        })}`}
      />
      <section className="card" aria-labelledby="report-reporter">
        <h2 id="report-reporter">{tx('reporter')}</h2>
        <dl className="dl-grid">
          <dt>{tx('name')}</dt>
          <dd>{r.reporter.name}</dd>
          <dt>{tx('phone')}</dt>
          <dd>{r.reporter.phone ?? '—'}</dd>
          <dt>{tx('email')}</dt>
          <dd>{r.reporter.email ?? '—'}</dd>
          <dt>{tx('nik')}</dt>
          <dd className="mono">{r.reporter.nik ?? '—'}</dd>
          {r.reporter.citizenAccount ? (
            <>
              <dt>{tx('account')}</dt>
              <dd>✓</dd>
            </>
          ) : null}
        </dl>
      </section>
      <section className="card" aria-labelledby="report-reported">
        <h2 id="report-reported">{tx('reported')}</h2>
        <dl className="dl-grid">
          <dt>{tx('village')}</dt>
          <dd>
            {r.villageName}, {r.districtName}, {r.regencyName}
          </dd>
          <dt>{tx('address')}</dt>
          <dd>
            {r.address}
            {r.rt ? ` RT ${r.rt}` : ''}
            {r.rw ? ` RW ${r.rw}` : ''}
          </dd>
          <dt>{tx('text')}</dt>
          <dd className="prewrap" data-testid="report-text">
            {r.text}
          </dd>
        </dl>
      </section>
      {r.photos && r.photos.length > 0 ? (
        <section className="card" aria-labelledby="report-photos">
          <h2 id="report-photos">{tx('photos')}</h2>
          <ul className="report-photos">
            {r.photos.map((p, i) => (
              <li key={p.id}>
                <a href={`/api/v1/attachments/${p.id}`} target="_blank" rel="noreferrer">
                  <img src={`/api/v1/attachments/${p.id}/thumbnail`} alt={tx('photo', { n: i + 1 })} />
                </a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section className="card" aria-labelledby="report-steps">
        <h2 id="report-steps">{tx('steps')}</h2>
        <ol data-testid="report-steps">
          {r.steps.map((s) => (
            <li key={s.id}>
              <strong>{step(s)}</strong> <span className="muted">{formatDateTime(s.at, lang)}</span>
              {s.actorName ? ` · ${s.actorName}` : ''}
              {s.public ? '' : ` (${tx('internal')})`}
              {s.text ? <p className="prewrap">{s.text}</p> : null}
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}

function ReportActions({ report: r, onDone }: { report: ReportDetail; onDone: (r: ReportDetail) => void }) {
  const tx = useText(messages);
  const { lang } = useI18n();
  const { busy, error, run } = useAction();
  const [text, setText] = useState('');
  const [isPublic, setPublic] = useState(true);
  const [outcome, setOutcome] = useState<ReportOutcome>('resolved');
  const [closing, setClosing] = useState('');
  const { can } = useSession();
  if (r.status === 'closed') return null;
  if (!r.mayAct) return <p className="muted">{tx(can('reports.handle') ? 'readOnly' : 'readOnlyRole')}</p>;
  const post = (step: string, json: unknown, after?: () => void) =>
    void run(
      () => request<ReportDetail>('POST', `/reports/${r.id}/${step}`, { json }),
      (next) => {
        after?.();
        onDone(next);
      },
    );
  return (
    <section className="card" aria-labelledby="report-actions">
      <h2 id="report-actions">{tx('actions')}</h2>
      <ErrorSummary error={error} />
      <div className="stack">
        {r.status === 'received' ? (
          <button
            type="button"
            className="button button--primary"
            disabled={busy}
            onClick={() => post('triage', {})}
          >
            {tx('triage')}
          </button>
        ) : null}
        <form
          className="stack"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            post('respond', { text, public: isPublic }, () => setText(''));
          }}
        >
          <TextAreaField
            path="text"
            label={tx('respond.text')}
            value={text}
            onChange={setText}
            maxLength={4000}
          />
          <CheckboxField path="public" label={tx('respond.public')} checked={isPublic} onChange={setPublic} />
          <button type="submit" className="button" disabled={busy || text.trim() === ''}>
            {tx('respond')}
          </button>
        </form>
        <AssignForm report={r} busy={busy} onAssign={(userId) => post('assign', { userId })} />
        {r.level !== 'regency' ? (
          <button type="button" className="button" disabled={busy} onClick={() => post('escalate', {})}>
            {tx('escalate')}
          </button>
        ) : null}
        <form
          className="stack"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            post('close', { outcome, ...(closing.trim() ? { reply: closing } : {}) });
          }}
        >
          <SelectField
            path="outcome"
            label={tx('outcome')}
            value={outcome}
            options={REPORT_OUTCOMES.map((o) => ({ value: o, label: OUTCOME_LABELS[o][lang] }))}
            onChange={(v) => setOutcome(v as ReportOutcome)}
          />
          <TextAreaField
            path="closing"
            label={tx('close.reply')}
            value={closing}
            onChange={setClosing}
            maxLength={4000}
          />
          <button type="submit" className="button button--primary" disabled={busy}>
            {tx('close')}
          </button>
        </form>
      </div>
    </section>
  );
}

interface Assignee {
  id: string;
  displayName: string;
  role: string;
  regionCode: string;
}

/** Assign the report to an officer of its territory (the server lists only whom `assign` accepts). */
function AssignForm(props: { report: ReportDetail; busy: boolean; onAssign: (userId: string) => void }) {
  const tx = useText(messages);
  const { lang } = useI18n();
  const [userId, setUserId] = useState('');
  const people = useLoad(['reports', props.report.id, 'assignees'], (signal) =>
    request<{ items: Assignee[] }>('GET', `/reports/${props.report.id}/assignees`, { signal }),
  );
  const items = people.data?.items ?? [];
  return (
    <form
      className="stack"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (userId) props.onAssign(userId);
      }}
    >
      <SelectField
        path="assignTo"
        label={tx('assign.to')}
        value={userId}
        empty={tx('assign.choose')}
        options={items.map((u) => ({
          value: u.id,
          label: `${u.displayName} (${isRole(u.role) ? ROLE_INFO[u.role].label[lang] : u.role})`,
        }))}
        onChange={setUserId}
      />
      <button type="submit" className="button" disabled={props.busy || userId === ''}>
        {tx('assign')}
      </button>
    </form>
  );
}

/**
 * "Penyaluran bansos" (issue 15, docs/distribution.md): the distribution batches of a period in the user's
 * territory; one batch's records as PT Pos receives them — the partner returns incomplete ones with a reason,
 * the Dinas Sosial completes and re-sends them (each step a version, both sides see the history); mapping
 * to points and the allocation per point; and the reconciliation per region with a chart (ECharts, loaded
 * lazily), CSV and PDF. Phone-sized: tables scroll, forms stack.
 */
import { type FormEvent, lazy, Suspense, useState } from 'react';
import { isRole, ROLE_INFO } from '../../../../src/domain/access/roles.ts';
import { RETURN_REASONS } from '../../../../src/domain/distribution/states.ts';
import { rupiah } from '../../../../src/domain/group-digits.ts';
import { PeriodFilter, periodOr } from '../../components/cycle/period.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { InlineForm } from '../../components/InlineForm.tsx';
import { Loading } from '../../components/Loading.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useLoad } from '../../hooks/use-load.ts';
import { useRegionNames } from '../../hooks/use-region-names.ts';
import { useI18n, useText } from '../../i18n/index.tsx';
import { formatDateTime, formatPeriod } from '../../lib/format.ts';
import { useQueryState } from '../../router.tsx';
import { useSession, useUser } from '../../session.tsx';
import {
  type Batch,
  type DistributionRecord,
  distributionApi,
  type RecordState,
} from './distribution.api.ts';
import { InvitationsPanel } from './InvitationsPanel.tsx';
import { messages } from './messages.ts';
import { PointsPanel } from './PointsPanel.tsx';
import './distribution.css';
import { invalidate } from '../../query-client.ts';

const StepChart = lazy(async () => ({
  default: (await import('../cycle/progress/StepChart.tsx')).StepChart,
}));

function thisMonth(): string {
  return new Date().toISOString().slice(0, 7);
}

export function DistributionPage() {
  const tx = useText(messages);
  const { lang } = useI18n();
  const { can } = useSession();
  const user = useUser();
  const [params, setQuery] = useQueryState();
  const all = useLoad(['distribution', 'batches', {}], (signal) => distributionApi.batches({}, signal));
  const period = periodOr(params.get('period'), '') || all.data?.items[0]?.period || thisMonth();
  const batches = useLoad(['distribution', 'batches', { period }], (signal) =>
    distributionApi.batches({ period }, signal),
  );
  const regencyNames = useRegionNames((batches.data?.items ?? []).map((b) => b.regencyCode));
  const batchId = params.get('batch') ?? '';
  const batch = batches.data?.items.find((b) => b.id === batchId) ?? null;
  const [error, setError] = useState<unknown>(null);
  const mayManage = can('distribution.manage');
  const [draft, setDraft] = useState({
    programme: 'BPNT',
    regency: user.regionCode.split('.').length === 2 ? user.regionCode : '',
    tranches: 1,
  });

  const create = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const b = await distributionApi.create({ period, ...draft });
      batches.reload();
      setQuery({ batch: b.id });
    } catch (err) {
      setError(err);
    }
  };

  return (
    <>
      <PageHeader title={tx('title')} subtitle={tx('intro')} />
      <ErrorSummary error={all.error ?? batches.error ?? error} />
      <div className="filters">
        {/* A month picker, validated as before: a cleared or malformed month leaves the address. */}
        <PeriodFilter
          value={period}
          label={tx('period')}
          setQuery={(changes) => setQuery({ ...changes, batch: undefined })}
        />
      </div>

      {mayManage && (
        <form className="card form-section" onSubmit={create}>
          <h2>{tx('createTitle')}</h2>
          <div className="form-grid">
            <label>
              {tx('programme')}
              <input
                name="programme"
                value={draft.programme}
                onChange={(e) => setDraft({ ...draft, programme: e.target.value.toUpperCase() })}
              />
            </label>
            <label>
              {tx('regencyCode')}
              <input
                name="regency"
                value={draft.regency}
                onChange={(e) => setDraft({ ...draft, regency: e.target.value })}
              />
            </label>
            <label>
              {tx('tranches')}
              <input
                name="tranches"
                type="number"
                min={1}
                max={12}
                value={draft.tranches}
                onChange={(e) => setDraft({ ...draft, tranches: Number(e.target.value) || 1 })}
              />
            </label>
          </div>
          <button type="submit" className="button button--primary">
            {tx('create')}
          </button>
        </form>
      )}

      <h2>{tx('batches')}</h2>
      {batches.loading && !batches.data ? (
        <Loading />
      ) : !batches.data?.items.length ? (
        <p>{tx('noBatches')}</p>
      ) : (
        <DataTable
          testId="distribution-batches"
          rows={batches.data.items}
          rowKey={(b) => b.id}
          rowProps={(b) => ({ 'data-programme': b.programme, 'data-state': b.state })}
          columns={[
            { key: 'programme', head: tx('programme'), cell: (b) => b.programmeName[lang] },
            {
              key: 'regency',
              head: tx('regency'),
              cell: (b) => (
                <span title={b.regencyCode}>{regencyNames.get(b.regencyCode) ?? b.regencyCode}</span>
              ),
            },
            { key: 'state', head: tx('state'), cell: (b) => tx(`batch.${b.state}`) },
            { key: 'records', head: tx('records'), num: true, cell: (b) => b.records },
            { key: 'returned', head: tx('state.returned'), num: true, cell: (b) => b.counts.returned },
            { key: 'amount', head: tx('amount'), num: true, cell: (b) => rupiah(b.amount, lang) },
            {
              key: 'actions',
              head: tx('actions'),
              cell: (b) => (
                <button type="button" className="button" onClick={() => setQuery({ batch: b.id })}>
                  {tx('open')}
                </button>
              ),
            },
          ]}
        />
      )}

      {batch && <BatchPanel key={batch.id} batch={batch} onChange={batches.reload} />}
      <PointsPanel batch={batch} onChange={batches.reload} />
      <ReconciliationPanel period={period} key={period} />
    </>
  );
}

function BatchPanel({ batch, onChange }: { batch: Batch; onChange: () => void }) {
  const regencyName = useRegionNames([batch.regencyCode]).get(batch.regencyCode) ?? batch.regencyCode;
  const tx = useText(messages);
  const { lang } = useI18n();
  const { can } = useSession();
  const [state, setState] = useState<RecordState | ''>(can('distribution.manage') ? 'returned' : '');
  const records = useLoad(['distribution', 'batches', batch.id, 'records', state], (signal) =>
    distributionApi.records(batch.id, { state: state || undefined }, signal),
  );
  const allocation = useLoad(['distribution', 'batches', batch.id, 'allocation'], (signal) =>
    distributionApi.allocation(batch.id, signal),
  );
  const [error, setError] = useState<unknown>(null);
  const [mapped, setMapped] = useState<{ mapped: number; unmapped: number } | null>(null);
  const [returning, setReturning] = useState<{ r: DistributionRecord; reason: string; note: string } | null>(
    null,
  );
  const [completing, setCompleting] = useState<{
    r: DistributionRecord;
    headName: string;
    address: string;
    rt: string;
    rw: string;
    note: string;
  } | null>(null);
  const [historyOf, setHistoryOf] = useState<string | null>(null);
  const [moving, setMoving] = useState<{ r: DistributionRecord; pointId: string; note: string } | null>(null);
  const regencyPoints = useLoad(['distribution', 'points'], (signal) => distributionApi.points(signal));
  const targets = (regencyPoints.data?.items ?? []).filter((p) =>
    p.districtCode.startsWith(`${batch.regencyCode}.`),
  );
  const [accepting, setAccepting] = useState<{ note: string } | null>(null);
  const pointNames = new Map(allocation.data?.points.map((p) => [p.pointId, p.name]));

  const after = () => {
    void invalidate(['distribution', 'batches', batch.id]);
    onChange();
  };
  const act = async (fn: () => Promise<unknown>) => {
    setError(null);
    try {
      await fn();
      after();
      return true;
    } catch (err) {
      setError(err);
      return false;
    }
  };

  return (
    <section className="card form-section" data-testid="distribution-batch">
      <h2>
        {batch.programmeName[lang]} · {formatPeriod(batch.period, lang)} · {regencyName}
      </h2>
      <p className="actions">
        <a className="button" href={distributionApi.exportUrl(batch.id, 'csv')} download>
          {tx('exportCsv')}
        </a>{' '}
        <a className="button" href={distributionApi.exportUrl(batch.id, 'xlsx')} download>
          {tx('exportXlsx')}
        </a>{' '}
        {can('distribution.points') && (
          <button
            type="button"
            className="button"
            onClick={() => void act(async () => setMapped(await distributionApi.map(batch.id)))}
          >
            {tx('map')}
          </button>
        )}
      </p>
      {mapped && <p role="status">{tx('mapped', mapped)}</p>}
      <p data-testid="batch-state" data-state={batch.state}>
        {tx(`batch.${batch.state}`)}
        {batch.acceptedAt ? ` · ${tx('acceptedAt', { at: formatDateTime(batch.acceptedAt, lang) })}` : ''}
      </p>
      {can('distribution.clean') && batch.state === 'sent' && !accepting && (
        <p>
          <button type="button" className="button" onClick={() => setAccepting({ note: '' })}>
            {tx('accept')}
          </button>
        </p>
      )}
      {accepting && (
        <InlineForm
          title={tx('acceptTitle')}
          submit={tx('accept')}
          cancel={tx('cancel')}
          onCancel={() => setAccepting(null)}
          testId="accept-form"
          onSubmit={() =>
            void act(() =>
              distributionApi.accept(batch.id, accepting.note ? { note: accepting.note } : {}),
            ).then((ok) => ok && setAccepting(null))
          }
        >
          <p className="muted">{tx('acceptHint')}</p>
          <label>
            {tx('note')}
            <input
              name="acceptNote"
              value={accepting.note}
              onChange={(e) => setAccepting({ note: e.target.value })}
            />
          </label>
        </InlineForm>
      )}
      {(can('distribution.manage') || can('distribution.clean')) &&
        (batch.state === 'accepted' ? (
          <InvitationsPanel batchId={batch.id} key={batch.id} />
        ) : (
          <p className="muted small" data-testid="invitations-after-accept">
            {tx('invitationsAfterAccept')}
          </p>
        ))}
      <ErrorSummary error={records.error ?? allocation.error ?? error} />
      <label>
        {tx('state')}{' '}
        <select name="state" value={state} onChange={(e) => setState(e.target.value as RecordState | '')}>
          <option value="">{tx('allRecords')}</option>
          <option value="returned">{tx('worklist')}</option>
          {(['sent', 'resent'] as const).map((s) => (
            <option key={s} value={s}>
              {tx(`state.${s}`)}
            </option>
          ))}
        </select>
      </label>

      {returning && (
        <ChoiceAndNoteForm
          title={tx('returnTitle', { name: returning.r.headName })}
          onCancel={() => setReturning(null)}
          onSubmit={() =>
            void act(() =>
              distributionApi.returnRecord(batch.id, returning.r.householdId, {
                reasonCode: returning.reason,
                ...(returning.note ? { note: returning.note } : {}),
                version: returning.r.version,
              }),
            ).then((ok) => ok && setReturning(null))
          }
          choice={{
            label: tx('reasonCode'),
            name: 'reasonCode',
            value: returning.reason,
            options: RETURN_REASONS.map((r) => [r, tx(`reason.${r}`)] as const),
            onChange: (reason) => setReturning({ ...returning, reason }),
          }}
          note={{
            name: 'note',
            value: returning.note,
            onChange: (note) => setReturning({ ...returning, note }),
          }}
        />
      )}

      {moving && (
        <ChoiceAndNoteForm
          title={tx('moveTitle', { name: moving.r.headName })}
          onCancel={() => setMoving(null)}
          onSubmit={() =>
            void act(() =>
              distributionApi.moveRecord(batch.id, moving.r.householdId, {
                pointId: moving.pointId,
                ...(moving.note ? { note: moving.note } : {}),
              }),
            ).then((ok) => ok && setMoving(null))
          }
          choice={{
            label: tx('movePoint'),
            name: 'movePoint',
            value: moving.pointId,
            options: targets.map((p) => [p.id, `${p.code} · ${p.name}`] as const),
            onChange: (pointId) => setMoving({ ...moving, pointId }),
          }}
          note={{ name: 'moveNote', value: moving.note, onChange: (note) => setMoving({ ...moving, note }) }}
        />
      )}

      {completing && (
        <InlineForm
          title={tx('completeTitle', { name: completing.r.headName })}
          submit={tx('send')}
          cancel={tx('cancel')}
          onCancel={() => setCompleting(null)}
          onSubmit={() => {
            const { r, note, ...fields } = completing;
            void act(() =>
              distributionApi.resend(batch.id, r.householdId, {
                ...fields,
                ...(note ? { note } : {}),
                version: r.version,
              }),
            ).then((ok) => ok && setCompleting(null));
          }}
        >
          {(['headName', 'address', 'rt', 'rw', 'note'] as const).map((f) => (
            <label key={f}>
              {tx(f === 'headName' ? 'head' : f)}
              <input
                name={f}
                value={completing[f]}
                onChange={(e) => setCompleting({ ...completing, [f]: e.target.value })}
              />
            </label>
          ))}
        </InlineForm>
      )}

      {records.loading && !records.data ? (
        <Loading />
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="distribution-records">
            <thead>
              <tr>
                <th scope="col">{tx('head')}</th>
                <th scope="col">{tx('kk')}</th>
                <th scope="col">{tx('address')}</th>
                <th scope="col">{tx('rtrw')}</th>
                <th scope="col" className="num">
                  {tx('amount')}
                </th>
                <th scope="col">{tx('state')}</th>
                <th scope="col">{tx('point')}</th>
                <th scope="col">{tx('actions')}</th>
              </tr>
            </thead>
            <tbody>
              {records.data?.items.map((r) => (
                <tr key={r.householdId} data-household={r.householdId} data-state={r.state}>
                  <td>{r.headName}</td>
                  <td>{r.kkNumber}</td>
                  <td>{r.address}</td>
                  <td>
                    {r.rt || '–'}/{r.rw || '–'}
                  </td>
                  <td className="num">{rupiah(r.amount, lang)}</td>
                  <td>
                    {tx(`state.${r.state}`)}
                    {r.state === 'returned' && r.reasonCode && (
                      <div className="muted small">
                        {tx(`reason.${r.reasonCode as (typeof RETURN_REASONS)[number]}`)}
                      </div>
                    )}
                    <div className="muted small">{tx('version', { version: r.version })}</div>
                  </td>
                  <td data-point={r.pointId ?? ''}>
                    {r.pointId ? (pointNames.get(r.pointId) ?? '–') : tx('unmapped')}
                  </td>
                  <td className="actions">
                    {can('distribution.clean') && (r.state === 'sent' || r.state === 'resent') && (
                      <button
                        type="button"
                        className="button"
                        onClick={() => setReturning({ r, reason: 'RT_RW_MISSING', note: '' })}
                      >
                        {tx('returnIt')}
                      </button>
                    )}
                    {can('distribution.manage') && r.state === 'returned' && (
                      <button
                        type="button"
                        className="button"
                        onClick={() =>
                          setCompleting({
                            r,
                            headName: r.headName,
                            address: r.address,
                            rt: r.rt,
                            rw: r.rw,
                            note: '',
                          })
                        }
                      >
                        {tx('complete')}
                      </button>
                    )}{' '}
                    {can('distribution.points') && r.state !== 'returned' && targets.length > 0 && (
                      <button
                        type="button"
                        className="button"
                        onClick={() => {
                          // Points added since the batch was opened are offered too.
                          regencyPoints.reload();
                          setMoving({
                            r,
                            pointId: targets.find((p) => p.id !== r.pointId)?.id ?? targets[0]!.id,
                            note: '',
                          });
                        }}
                      >
                        {tx('moveIt')}
                      </button>
                    )}{' '}
                    <button
                      type="button"
                      className="button"
                      onClick={() => setHistoryOf(historyOf === r.householdId ? null : r.householdId)}
                    >
                      {tx('history')}
                    </button>
                    {historyOf === r.householdId && (
                      <History batchId={batch.id} householdId={r.householdId} />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h3>{tx('allocation')}</h3>
      {allocation.data && (
        <DataTable
          testId="distribution-allocation"
          rows={allocation.data.points}
          rowKey={(p) => p.pointId}
          rowProps={(p) => ({ 'data-point': p.code })}
          columns={[
            { key: 'point', head: tx('point'), cell: (p) => p.name },
            { key: 'kpm', head: tx('records'), num: true, cell: (p) => p.kpm },
            { key: 'amount', head: tx('amount'), num: true, cell: (p) => rupiah(p.amount, lang) },
            { key: 'packages', head: tx('packages'), num: true, cell: (p) => p.packages },
            batch.form === 'in_kind' && {
              key: 'stock',
              head: tx('stockReceived'),
              num: true,
              cell: (p) => p.stock.received,
            },
            batch.form === 'in_kind' && {
              key: 'shortfall',
              head: tx('shortfall'),
              num: true,
              cell: (p) => p.stock.shortfall,
            },
          ]}
          foot={[
            {
              key: 'unmapped',
              cells: [
                tx('unmapped'),
                allocation.data.unmapped.kpm,
                rupiah(allocation.data.unmapped.amount, lang),
                allocation.data.unmapped.packages,
                ...(batch.form === 'in_kind' ? ['', ''] : []),
              ],
            },
          ]}
        />
      )}
    </section>
  );
}

/**
 * The return and move forms of one record (the same shape): a choice — the reason, the new point — and an
 * optional note, sent or cancelled.
 */
function ChoiceAndNoteForm({
  title,
  onCancel,
  onSubmit,
  choice,
  note,
}: {
  title: string;
  onCancel: () => void;
  onSubmit: () => void;
  choice: {
    label: string;
    name: string;
    value: string;
    options: readonly (readonly [value: string, text: string])[];
    onChange: (value: string) => void;
  };
  note: { name: string; value: string; onChange: (value: string) => void };
}) {
  const tx = useText(messages);
  return (
    <InlineForm
      title={title}
      submit={tx('send')}
      cancel={tx('cancel')}
      onCancel={onCancel}
      onSubmit={onSubmit}
    >
      <label>
        {choice.label}
        <select name={choice.name} value={choice.value} onChange={(e) => choice.onChange(e.target.value)}>
          {choice.options.map(([value, text]) => (
            <option key={value} value={value}>
              {text}
            </option>
          ))}
        </select>
      </label>
      <label>
        {tx('note')}
        <input name={note.name} value={note.value} onChange={(e) => note.onChange(e.target.value)} />
      </label>
    </InlineForm>
  );
}

function History({ batchId, householdId }: { batchId: string; householdId: string }) {
  const tx = useText(messages);
  const { lang } = useI18n();
  const text = (t: { id: string; en: string }) => t[lang];
  const h = useLoad(['distribution', 'batches', batchId, 'history', householdId], (signal) =>
    distributionApi.history(batchId, householdId, signal),
  );
  if (!h.data) return <Loading />;
  return (
    <ol className="small" data-testid="record-history">
      {h.data.versions.map((v) => (
        <li key={v.version}>
          {tx('version', { version: v.version })}: {tx(`step.${v.step}`)}
          {v.reasonCode ? ` (${tx(`reason.${v.reasonCode as (typeof RETURN_REASONS)[number]}`)})` : ''} ·{' '}
          {v.fields.rt}/{v.fields.rw} ·{' '}
          {v.actorRole && isRole(v.actorRole) ? text(ROLE_INFO[v.actorRole].label) : ''} ·{' '}
          {formatDateTime(v.at, lang)}
          {v.note ? ` · ${v.note}` : ''}
        </li>
      ))}
    </ol>
  );
}

function ReconciliationPanel({ period }: { period: string }) {
  const tx = useText(messages);
  const { lang } = useI18n();
  const [region, setRegion] = useState<string | undefined>(undefined);
  const data = useLoad(['distribution', 'reconciliation', { period, region }], (signal) =>
    distributionApi.reconciliation({ period, ...(region ? { region } : {}) }, signal),
  );
  const v = data.data;
  const parent = v?.region.includes('.') ? v.region.split('.').slice(0, -1).join('.') : undefined;
  return (
    <section
      className="card form-section distribution-reconciliation"
      data-testid="distribution-reconciliation"
    >
      <h2>
        {tx('reconciliation')} · {v?.regionName ?? ''} · {formatPeriod(period, lang)}
      </h2>
      <ErrorSummary error={data.error} />
      {v && (
        <>
          <p className="actions">
            {region && (
              <button type="button" className="button" onClick={() => setRegion(parent)}>
                {tx('up')}
              </button>
            )}{' '}
            <a
              className="button"
              href={distributionApi.reconciliationUrl({
                period,
                region: v.region || undefined,
                format: 'csv',
              })}
              download
            >
              {tx('exportCsv')}
            </a>{' '}
            <a
              className="button"
              href={distributionApi.reconciliationUrl({
                period,
                region: v.region || undefined,
                format: 'pdf',
              })}
              download
            >
              {tx('exportPdf')}
            </a>
          </p>
          {v.children.length > 0 && (
            <Suspense fallback={<Loading />}>
              <StepChart
                label={tx('chart')}
                categories={v.children.map((c) => ({ code: c.code, name: c.name ?? c.code }))}
                series={(['delivered', 'returned', 'outstanding'] as const).map((k) => ({
                  name: tx(k),
                  values: v.children.map((c) => c[k]),
                }))}
                onPick={(code) => {
                  if (code.includes('.') && code.split('.').length <= 4 && /^\d/.test(code)) setRegion(code);
                }}
              />
            </Suspense>
          )}
          <div className="table-wrap">
            <table className="table" data-testid="reconciliation-table">
              <thead>
                <tr>
                  <th scope="col">{tx('region')}</th>
                  {(['allocated', 'delivered', 'returned', 'outstanding'] as const).map((k) => (
                    <th key={k} scope="col" className="num">
                      {tx(k)}
                    </th>
                  ))}
                  <th scope="col" className="num">
                    {tx('amount')} ({tx('delivered')})
                  </th>
                </tr>
              </thead>
              <tbody>
                {[...v.children, { ...v, code: v.region, name: `${tx('total')} ${v.regionName ?? ''}` }].map(
                  (c) => (
                    <tr key={c.code || 'total'} data-region={c.code}>
                      <td>{c.name ?? c.code}</td>
                      <td className="num">{c.allocated}</td>
                      <td className="num">{c.delivered}</td>
                      <td className="num">{c.returned}</td>
                      <td className="num">{c.outstanding}</td>
                      <td className="num">{rupiah(c.amounts.delivered, lang)}</td>
                    </tr>
                  ),
                )}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

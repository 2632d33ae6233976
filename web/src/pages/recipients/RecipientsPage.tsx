/**
 * "Penerima bansos": the recipient proposals of a period in the user's territory with the steps each may
 * take (compute, review, submit for the regency; approve or return for the programme's door), the review of
 * one proposal's candidates (declare ineligible), and the approved recipients with totals, the change since
 * the previous period and exports.
 */
import { type FormEvent, useEffect, useState } from 'react';
import { appliesIn } from '../../../../src/domain/recipients/proposal.ts';
import { apiUrl } from '../../api/client.ts';
import { regionLevel } from '../../api/region-cache.ts';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { JobProgress } from '../../components/JobProgress.tsx';
import { Loading } from '../../components/Loading.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { RegionPicker } from '../../components/RegionPicker.tsx';
import { useJob } from '../../hooks/use-job.ts';
import { useLoad } from '../../hooks/use-load.ts';
import { useRegionNames } from '../../hooks/use-region-names.ts';
import { useI18n, useText } from '../../i18n/index.tsx';
import { formatNumber, formatPeriod } from '../../lib/format.ts';
import { Link, useQueryState } from '../../router.tsx';
import { may, useUser } from '../../session.tsx';
import { penetapanApi } from '../cycle/penetapan/penetapan.api.ts';
import { componentName, exclusionName, useProgrammeName, usePublishedProgrammes } from './labels.ts';
import { messages } from './messages.ts';
import { PeriodAmount } from './PeriodAmount.tsx';
import {
  type Candidate,
  type DiffItem,
  type Payment,
  type Proposal,
  recipientsApi,
} from './recipients.api.ts';

const PROGRAMMES = ['PKH', 'BPNT', 'PBI_JK', 'KIP_KULIAH'];

export function RecipientsPage() {
  const tx = useText(messages);
  const { lang } = useI18n();
  const nameOf = useProgrammeName();
  const user = useUser();
  const [params, setQuery] = useQueryState();
  const periods = useLoad(['periods'], (signal) => penetapanApi.list(signal));
  const determined = (periods.data?.items ?? []).filter((p) => p.state === 'determined').map((p) => p.period);
  const period = params.get('period') || determined[0] || '';
  const state = params.get('state') ?? '';
  const proposals = useLoad(['recipient-proposals', { period, state }], (signal) =>
    period ? recipientsApi.proposals({ period, state: state || undefined }, signal) : Promise.resolve(null),
  );
  const [reviewing, setReviewing] = useState<Proposal | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [returning, setReturning] = useState<{ id: string; note: string } | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const followed = useJob(jobId);
  const mayCompute = may(user, 'recipients.propose');
  // The regency: the territory's own when it is one (or a place in one), else chosen below.
  const [draft, setDraft] = useState({
    programme: '',
    all: false,
    regency: regionLevel(user.regionCode) >= 2 ? user.regionCode.split('.').slice(0, 2).join('.') : '',
  });
  const published = usePublishedProgrammes();
  const regencyChosen = regionLevel(draft.regency) === 2;
  // What may be computed in the chosen regency: published programmes whose door covers it.
  const computable = (published.data?.items ?? []).filter(
    (p) => p.current && (!regencyChosen || appliesIn(p, draft.regency)),
  );
  const programme = computable.some((p) => p.code === draft.programme) ? draft.programme : '';
  const regencyNames = useRegionNames(proposals.data?.items.map((p) => p.regencyCode) ?? []);

  const setParam = (key: string, value: string) => setQuery({ [key]: value || undefined });
  const reload = proposals.reload;
  useEffect(() => {
    if (followed.job?.state === 'done' || followed.job?.state === 'failed') reload();
  }, [followed.job?.state, reload]);

  /** One programme's proposal; without a programme, every programme applying in the regency in one pass. */
  const compute = async (programme: string | null, regency: string) => {
    setError(null);
    try {
      const body = programme ? { period, programme, regency } : { period, regency };
      setJobId((await recipientsApi.compute(body)).jobId);
    } catch (err) {
      setError(err);
    }
  };
  const step = async (p: Proposal, action: 'submit' | 'approve') => {
    setError(null);
    try {
      await recipientsApi.step(p.id, action);
      reload();
    } catch (err) {
      setError(err);
    }
  };
  const sendReturn = async (e: FormEvent) => {
    e.preventDefault();
    if (!returning) return;
    setError(null);
    try {
      await recipientsApi.returnTo(returning.id, returning.note);
      setReturning(null);
      reload();
    } catch (err) {
      setError(err);
    }
  };

  if (periods.loading && !periods.data) return <Loading />;
  return (
    <>
      <PageHeader title={tx('title')} subtitle={tx('intro')} />
      <ErrorSummary error={periods.error ?? proposals.error ?? error} />
      {!determined.length ? (
        <p>{tx('noPeriods')}</p>
      ) : (
        <>
          <div className="filters">
            <label>
              {tx('period')}{' '}
              <select value={period} onChange={(e) => setParam('period', e.target.value)}>
                {determined.map((p) => (
                  <option key={p} value={p}>
                    {formatPeriod(p, lang)}
                  </option>
                ))}
              </select>
            </label>{' '}
            <label>
              {tx('state')}{' '}
              <select value={state} onChange={(e) => setParam('state', e.target.value)}>
                <option value="">{tx('allStates')}</option>
                {(['computed', 'submitted', 'returned', 'approved'] as const).map((s) => (
                  <option key={s} value={s}>
                    {tx(`state.${s}`)}
                  </option>
                ))}
              </select>
            </label>
          </div>

          {mayCompute && (
            <form
              className="card form-section"
              onSubmit={(e) => {
                e.preventDefault();
                void compute(draft.all ? null : programme, draft.regency);
              }}
            >
              <h2>{tx('computeTitle')}</h2>
              <div className="form-grid">
                <RegionPicker
                  root={user.regionCode.split('.').slice(0, 2).join('.')}
                  value={draft.regency}
                  onChange={(regency) => setDraft({ ...draft, regency })}
                  path="regency"
                  legend={tx('regencyChoose')}
                  maxLevel={2}
                  mode="choose"
                />
                <label>
                  {tx('programme')}
                  <select
                    name="programme"
                    disabled={draft.all}
                    value={programme}
                    onChange={(e) => setDraft({ ...draft, programme: e.target.value })}
                  >
                    <option value="">{tx('programmeChoose')}</option>
                    {computable.map((p) => (
                      <option key={p.code} value={p.code}>
                        {nameOf(p.code)}
                      </option>
                    ))}
                  </select>
                </label>
                <label>
                  <input
                    type="checkbox"
                    name="allProgrammes"
                    checked={draft.all}
                    onChange={(e) => setDraft({ ...draft, all: e.target.checked })}
                  />{' '}
                  {tx('allProgrammes')}
                </label>
              </div>
              {published.data && regencyChosen && !computable.length && (
                <p className="muted">{tx('noProgrammes')}</p>
              )}
              <button
                type="submit"
                className="button button--primary"
                disabled={!regencyChosen || (!draft.all && !programme)}
              >
                {tx('compute')}
              </button>
              {followed.job && <JobProgress job={followed.job} onChange={followed.setJob} />}
              <ErrorSummary error={followed.error} />
            </form>
          )}

          <h2>{tx('proposals')}</h2>
          {proposals.loading && !proposals.data ? (
            <Loading />
          ) : !proposals.data?.items.length ? (
            <p>{tx('noProposals')}</p>
          ) : (
            <div className="table-wrap">
              <table className="table" data-testid="recipient-proposals">
                <thead>
                  <tr>
                    <th scope="col">{tx('programme')}</th>
                    <th scope="col">{tx('regency')}</th>
                    <th scope="col">{tx('state')}</th>
                    <th scope="col" className="num">
                      {tx('candidates')}
                    </th>
                    <th scope="col" className="num">
                      {tx('excluded')}
                    </th>
                    <th scope="col" className="num">
                      {tx('amount')}
                    </th>
                    <th scope="col">{tx('actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  {proposals.data.items.map((p) => (
                    <tr key={p.id} data-programme={p.programme} data-state={p.state}>
                      <td>{nameOf(p.programme)}</td>
                      <td title={p.regencyCode}>{regencyNames.get(p.regencyCode) ?? p.regencyCode}</td>
                      <td>
                        {tx(`state.${p.state}`)}
                        {p.note && <div className="muted small">{tx('note', { note: p.note })}</div>}
                      </td>
                      <td className="num">{formatNumber(p.candidates, lang)}</td>
                      <td className="num">{formatNumber(p.excluded, lang)}</td>
                      <td className="num">
                        <PeriodAmount
                          amount={p.amount}
                          payment={p.payment}
                          period={p.period}
                          pending={p.state === 'computing'}
                        />
                      </td>
                      <td className="actions">
                        <button
                          type="button"
                          className="button button--small"
                          onClick={() => setReviewing(p)}
                        >
                          {tx('review')}
                        </button>
                        {p.allowed.includes('compute') && (
                          <button
                            type="button"
                            className="button button--small"
                            onClick={() => void compute(p.programme, p.regencyCode)}
                          >
                            {tx('recompute')}
                          </button>
                        )}
                        {(['submit', 'approve'] as const)
                          .filter((a) => p.allowed.includes(a))
                          .map((a) => (
                            <button
                              key={a}
                              type="button"
                              className="button button--small button--primary"
                              onClick={() => void step(p, a)}
                            >
                              {tx(a)}
                            </button>
                          ))}
                        {p.allowed.includes('return') && (
                          <button
                            type="button"
                            className="button button--small"
                            onClick={() => setReturning({ id: p.id, note: '' })}
                          >
                            {tx('return')}
                          </button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {returning && (
            <form className="card form-section" onSubmit={(e) => void sendReturn(e)}>
              <label>
                {tx('returnNote')}
                <textarea
                  name="note"
                  value={returning.note}
                  onChange={(e) => setReturning({ ...returning, note: e.target.value })}
                />
              </label>
              <button type="submit" className="button button--primary">
                {tx('returnConfirm')}
              </button>{' '}
              <button type="button" className="button" onClick={() => setReturning(null)}>
                {tx('close')}
              </button>
            </form>
          )}
          {reviewing && (
            <CandidateReview
              proposal={reviewing}
              onClose={() => setReviewing(null)}
              onChanged={() => reload()}
            />
          )}
          <Approved key={`${period}/${proposals.data?.items.map((p) => p.state).join()}`} period={period} />
        </>
      )}
    </>
  );
}

function CandidateReview({
  proposal,
  onClose,
  onChanged,
}: {
  proposal: Proposal;
  onClose: () => void;
  onChanged: () => void;
}) {
  const { lang } = useI18n();
  const tx = useText(messages);
  const nameOf = useProgrammeName();
  const [outcome, setOutcome] = useState('');
  const [extra, setExtra] = useState<Candidate[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [declaring, setDeclaring] = useState<{ c: Candidate; reason: string; evidence: string } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const list = useLoad(['recipient-proposals', proposal.id, 'candidates', outcome, done], (signal) =>
    recipientsApi.candidates(proposal.id, { outcome: outcome || undefined }, signal),
  );
  useEffect(() => {
    setExtra([]);
    setCursor(list.data?.nextCursor ?? null);
  }, [list.data]);
  const more = async () => {
    if (!cursor) return;
    const page = await recipientsApi.candidates(proposal.id, { outcome: outcome || undefined, cursor });
    setExtra((x) => [...x, ...page.items]);
    setCursor(page.nextCursor);
  };
  const reviewable = proposal.allowed.includes('review');
  const declare = async (e: FormEvent) => {
    e.preventDefault();
    if (!declaring) return;
    setError(null);
    try {
      await recipientsApi.declare(proposal.id, {
        householdId: declaring.c.householdId,
        reason: declaring.reason,
        evidence: declaring.evidence.trim() || undefined,
      });
      setDone(tx('declared', { name: declaring.c.headName }));
      setDeclaring(null);
      onChanged();
    } catch (err) {
      setError(err);
    }
  };
  const rows = [...(list.data?.items ?? []), ...extra];
  const villages = useRegionNames([proposal.regencyCode, ...rows.map((c) => c.regionCode)]);
  return (
    <section className="card" aria-label={tx('review')} data-testid="candidate-review">
      <h2>
        {tx('review')}: {nameOf(proposal.programme)} ·{' '}
        {villages.get(proposal.regencyCode) ?? proposal.regencyCode} · {formatPeriod(proposal.period, lang)}
      </h2>
      <button type="button" className="button button--small" onClick={onClose}>
        {tx('close')}
      </button>
      <label>
        {' '}
        {tx('outcome')}{' '}
        <select value={outcome} onChange={(e) => setOutcome(e.target.value)}>
          <option value="">{tx('allOutcomes')}</option>
          {(['candidate', 'excluded', 'out_of_target', 'not_eligible', 'ineligible'] as const).map((o) => (
            <option key={o} value={o}>
              {tx(`outcome.${o}`)}
            </option>
          ))}
        </select>
      </label>
      {done && (
        <p role="status" className="notice">
          {done}
        </p>
      )}
      <ErrorSummary error={list.error ?? error} />
      {declaring && (
        <form className="form-section" onSubmit={(e) => void declare(e)}>
          <h3>{tx('declareTitle', { name: declaring.c.headName })}</h3>
          <label>
            {tx('reason')}
            <input
              name="reason"
              value={declaring.reason}
              onChange={(e) => setDeclaring({ ...declaring, reason: e.target.value })}
            />
          </label>
          <label>
            {tx('evidence')}
            <input
              name="evidence"
              value={declaring.evidence}
              onChange={(e) => setDeclaring({ ...declaring, evidence: e.target.value })}
            />
          </label>
          <button type="submit" className="button button--primary">
            {tx('declare')}
          </button>{' '}
          <button type="button" className="button" onClick={() => setDeclaring(null)}>
            {tx('close')}
          </button>
        </form>
      )}
      {list.loading && !list.data ? (
        <Loading />
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="candidates">
            <thead>
              <tr>
                <th scope="col">{tx('head')}</th>
                <th scope="col">{tx('kk')}</th>
                <th scope="col">{tx('village')}</th>
                <th scope="col" className="num">
                  {tx('decile')}
                </th>
                <th scope="col">{tx('outcome')}</th>
                <th scope="col" className="num">
                  {tx('amount')}
                </th>
                <th scope="col">{tx('why')}</th>
                {reviewable && (
                  <th scope="col">
                    <span className="visually-hidden">{tx('actions')}</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {rows.map((c) => (
                <tr key={c.householdId} data-outcome={c.outcome}>
                  <td>
                    <Link to={`/households/${c.householdId}`}>{c.headName}</Link>
                  </td>
                  <td>{c.kkNumber}</td>
                  <td title={c.regionCode}>{villages.get(c.regionCode) ?? c.regionCode}</td>
                  <td className="num">{c.decile ?? '—'}</td>
                  <td>
                    {tx(`outcome.${c.outcome}`)}
                    {c.codes.length > 0 && (
                      <div className="muted small">
                        {c.codes.map((x) => exclusionName(x, lang)).join('; ')}
                      </div>
                    )}
                  </td>
                  <td className="num">
                    <PeriodAmount
                      amount={c.amount}
                      payment={proposal.payment}
                      period={proposal.period}
                      receiving={c.outcome === 'candidate'}
                    />
                    {c.components.length > 0 && (
                      <div className="muted small">
                        {c.components.map((x) => `${componentName(x.code, lang)} ×${x.count}`).join(', ')}
                      </div>
                    )}
                  </td>
                  <td className="small">
                    <ul>
                      {c.reasons.map((r) => (
                        <li key={`${r.code}:${r.text.en}`}>{r.text[lang]}</li>
                      ))}
                    </ul>
                  </td>
                  {reviewable && (
                    <td>
                      {c.outcome === 'candidate' && (
                        <button
                          type="button"
                          className="button button--small"
                          onClick={() => setDeclaring({ c, reason: '', evidence: '' })}
                        >
                          {tx('declare')}
                        </button>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {cursor && (
        <button type="button" className="button" onClick={() => void more()}>
          {tx('more')}
        </button>
      )}
    </section>
  );
}

function Approved({ period }: { period: string }) {
  const { lang } = useI18n();
  const tx = useText(messages);
  const nameOf = useProgrammeName();
  const [programme, setProgramme] = useState('PKH');
  const totals = useLoad(['periods', period, 'recipients', 'totals'], (signal) =>
    recipientsApi.totals(period, signal),
  );
  const list = useLoad(['periods', period, 'recipients', { programme }], (signal) =>
    recipientsApi.recipients(period, { programme }, signal),
  );
  // The stopped ones, a page at a time (the counts come with every page).
  const diff = useLoad(
    ['periods', period, 'recipients', 'diff', { programme, change: 'stopped' }],
    (signal) => recipientsApi.diff(period, { programme, change: 'stopped' }, signal),
  );
  const [stoppedMore, setStoppedMore] = useState<DiffItem[]>([]);
  const [stoppedCursor, setStoppedCursor] = useState<string | null>(null);
  useEffect(() => {
    setStoppedMore([]);
    setStoppedCursor(diff.data?.nextCursor ?? null);
  }, [diff.data]);
  const moreStopped = async () => {
    if (!stoppedCursor) return;
    const page = await recipientsApi.diff(period, { programme, change: 'stopped', cursor: stoppedCursor });
    setStoppedMore((x) => [...x, ...page.items]);
    setStoppedCursor(page.nextCursor);
  };
  const codes = [...new Set([...PROGRAMMES, ...(totals.data?.programmes.map((p) => p.programme) ?? [])])];
  const t = totals.data?.programmes.find((p) => p.programme === programme);
  const d = diff.data;
  const villages = useRegionNames(list.data?.items.map((r) => r.regionCode) ?? []);
  const amount = (value: number, payment: Payment | null) => (
    <PeriodAmount amount={value} payment={payment} period={period} />
  );
  return (
    <section aria-labelledby="approved-title">
      <h2 id="approved-title">{tx('approvedTitle')}</h2>
      <label>
        {tx('programme')}{' '}
        <select value={programme} onChange={(e) => setProgramme(e.target.value)}>
          {codes.map((c) => (
            <option key={c} value={c}>
              {nameOf(c)}
            </option>
          ))}
        </select>
      </label>
      <ErrorSummary error={totals.error ?? list.error ?? diff.error} />
      {!t ? (
        <p>{tx('noRecipients')}</p>
      ) : (
        <>
          <p>
            <a
              className="button"
              href={apiUrl(`/periods/${period}/recipients/export`, { programme, format: 'csv' })}
            >
              {tx('exportCsv')}
            </a>{' '}
            <a
              className="button"
              href={apiUrl(`/periods/${period}/recipients/export`, { programme, format: 'xlsx' })}
            >
              {tx('exportXlsx')}
            </a>
          </p>
          <h3>{tx('totals')}</h3>
          <div className="table-wrap">
            <table className="table" data-testid="recipient-totals">
              <thead>
                <tr>
                  <th scope="col">{tx('region')}</th>
                  <th scope="col" className="num">
                    {tx('households')}
                  </th>
                  <th scope="col" className="num">
                    {tx('amount')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {t.regions.map((r) => (
                  <tr key={r.regionCode}>
                    <td>
                      {r.name} <span className="muted small">{r.regionCode}</span>
                    </td>
                    <td className="num">{r.households}</td>
                    <td className="num">{amount(r.amount, t.payment)}</td>
                  </tr>
                ))}
                <tr>
                  <th scope="row">{tx('total')}</th>
                  <td className="num">{t.households}</td>
                  <td className="num">{amount(t.amount, t.payment)}</td>
                </tr>
              </tbody>
            </table>
          </div>
          {d && (
            <>
              <h3>{tx('diff')}</h3>
              <p>
                {d.previousPeriod
                  ? tx('diffSummary', {
                      new: d.counts.new,
                      continuing: d.counts.continuing,
                      stopped: d.counts.stopped,
                      previous: d.previousPeriod,
                    })
                  : tx('diffNone')}
              </p>
              {d.items.length > 0 && (
                <ul data-testid="recipients-stopped">
                  {[...d.items, ...stoppedMore].map((s) => (
                    <li key={s.householdId}>
                      {s.headName} ({s.kkNumber}) — {tx(`stop.${s.reason}` as 'stop.excluded')}
                      {s.codes.length ? `: ${s.codes.map((x) => exclusionName(x, lang)).join('; ')}` : ''}
                    </li>
                  ))}
                </ul>
              )}
              {stoppedCursor && (
                <button type="button" className="button" onClick={() => void moreStopped()}>
                  {tx('more')}
                </button>
              )}
            </>
          )}
          <div className="table-wrap">
            <table className="table" data-testid="recipients">
              <thead>
                <tr>
                  <th scope="col">{tx('head')}</th>
                  <th scope="col">{tx('kk')}</th>
                  <th scope="col">{tx('village')}</th>
                  <th scope="col" className="num">
                    {tx('decile')}
                  </th>
                  <th scope="col" className="num">
                    {tx('amount')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {(list.data?.items ?? []).map((r) => (
                  <tr key={r.householdId}>
                    <td>
                      <Link to={`/households/${r.householdId}`}>{r.headName}</Link>
                    </td>
                    <td>{r.kkNumber}</td>
                    <td title={r.regionCode}>{villages.get(r.regionCode) ?? r.regionCode}</td>
                    <td className="num">{r.decile ?? '—'}</td>
                    <td className="num">{amount(r.amount, r.payment)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

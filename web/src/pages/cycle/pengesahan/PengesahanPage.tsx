/**
 * Pengesahan. A regency's Dinas Sosial prepares its period submission (signed Berita Acara of its villages —
 * where it uses the kecamatan step, those its kecamatan acknowledged — plus the Bupati/Walikota's approval
 * letter) and submits it; the provincial Dinas Sosial comments on it, forwards it to Pusdatin or returns it;
 * Pusdatin and the provinces see, per province and regency, how far the period's submissions are, open one,
 * and may return it with a note. Each office sets its step of the chain here (ChainSettingsCard).
 */
import { useState } from 'react';
import { isRole, ROLE_INFO } from '../../../../../src/domain/access/roles.ts';
import { regionLevel } from '../../../api/region-cache.ts';
import { ConfirmDialog } from '../../../components/ConfirmDialog.tsx';
import { DataTable, NameCell, num } from '../../../components/cycle/DataTable.tsx';
import { NextStep } from '../../../components/cycle/NextStep.tsx';
import { PeriodFilter, periodOr } from '../../../components/cycle/period.tsx';
import { useAction } from '../../../components/cycle/use-action.ts';
import { ErrorSummary, LoadError } from '../../../components/ErrorSummary.tsx';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../../components/fields.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { LoadMore } from '../../../components/LoadMore.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { useCursorList } from '../../../hooks/use-cursor-list.ts';
import { useLoad } from '../../../hooks/use-load.ts';
import { useI18n } from '../../../i18n/index.tsx';
import { formatDate, formatDateTime, formatNumber, formatPeriod } from '../../../lib/format.ts';
import { Link, useQueryState } from '../../../router.tsx';
import { may, useSession, useUser } from '../../../session.tsx';
import { useUsulanI18n } from '../usulan/usulan.i18n.ts';
import {
  type ChainSettings,
  type Overview,
  pengesahanApi,
  type SubmissionComment,
  type SubmissionListItem,
  type SubmissionView,
} from './pengesahan.api.ts';
import { usePengesahanI18n } from './pengesahan.i18n.ts';

/** Submissions per page of the history: a regency has one a month, a province's regencies a few dozen. */
const HISTORY_PAGE = 50;

function StateBadge({ state }: { state: string }) {
  const { m } = usePengesahanI18n();
  const tone =
    state === 'returned'
      ? 'badge--removed'
      : state === 'none' || state === 'draft' || state === 'at_province'
        ? ''
        : 'badge--active';
  return <span className={`badge ${tone}`}>{m(`state.${state}` as 'state.none')}</span>;
}

export function PengesahanPage() {
  const { m } = usePengesahanI18n();
  const user = useUser();
  const [query, setQuery] = useQueryState();
  // No period in the address: the one the server says has work (newest submission or signed Berita Acara in
  // the territory, else the period being worked on). The same answer lists every period's submissions.
  const periodParam = periodOr(query.get('period'), '');
  // One submission is enough to learn the period; the history below reads its own pages.
  const history = useLoad(['submissions', 'work-period'], (signal) =>
    pengesahanApi.list({ limit: 1 }, signal),
  );
  const period = periodParam || history.data?.workPeriod;
  const national = regionLevel(user.regionCode) <= 1;
  if (!period)
    return history.error ? <LoadError error={history.error} onRetry={history.reload} /> : <Loading />;
  return (
    <>
      <PageHeader title={m('title')} subtitle={m('subtitle')} />
      <search className="filters" aria-label={m('title')}>
        <div className="filters__row">
          <PeriodFilter value={period} label={m('period')} setQuery={setQuery} />
        </div>
      </search>
      {national ? (
        <NationalOverview period={period} />
      ) : (
        <RegencySubmission period={period} onChanged={history.reload} />
      )}
      {regionLevel(user.regionCode) >= 1 && <SubmissionHistory shown={period} byRegency={national} />}
      {may(user, 'cycle.chain_settings') && [1, 2].includes(regionLevel(user.regionCode)) && (
        <ChainSettingsCard />
      )}
    </>
  );
}

/**
 * What the territory submitted, every period, newest first, with the state each reached; a province sees its
 * regencies' (`byRegency`). Read a page at a time ("Muat lebih banyak"). Each opens on its own page; the
 * period shown above is marked.
 */
function SubmissionHistory({ shown, byRegency }: { shown: string; byRegency: boolean }) {
  const { m, lang } = usePengesahanI18n();
  const list = useCursorList<SubmissionListItem>(
    'submissions',
    (cursor, signal) => pengesahanApi.list({ ...(cursor ? { cursor } : {}), limit: HISTORY_PAGE }, signal),
    ['history'],
  );
  const items = list.items;
  if (!list.loaded) return <Loading />;
  return (
    <section className="card stack" aria-labelledby="submission-history">
      <h2 id="submission-history">{m('history.title')}</h2>
      {list.error ? <LoadError error={list.error} /> : null}
      {!items.length ? (
        !list.error && <p className="empty">{m('history.empty')}</p>
      ) : (
        <>
          <p className="muted">{m('history.intro')}</p>
          <DataTable
            caption={m('history.title')}
            captionHidden
            columns={[
              m('period'),
              ...(byRegency ? [m('overview.regency')] : []),
              m('state'),
              m('overview.submittedAt'),
              <span key="open" className="visually-hidden">
                {m('overview.open')}
              </span>,
            ]}
          >
            {items.map((s) => (
              <tr key={s.id} data-period={s.period} data-state={s.state}>
                <th scope="row" className="mono">
                  {formatPeriod(s.period, lang)}
                </th>
                {byRegency && <td>{s.regencyName}</td>}
                <td>
                  <StateBadge state={s.state} />
                </td>
                <td>{s.submittedAt ? formatDate(s.submittedAt, lang) : '—'}</td>
                <td>
                  {s.period === shown && !byRegency ? (
                    <span className="muted small">{m('history.shown')}</span>
                  ) : (
                    <Link to={`/cycle/pengesahan/${s.id}`}>{m('overview.open')}</Link>
                  )}
                </td>
              </tr>
            ))}
          </DataTable>
          <LoadMore
            count={items.length}
            hasMore={list.hasMore}
            loading={list.loading}
            onLoadMore={list.loadMore}
          />
        </>
      )}
    </section>
  );
}

/** The page of one submission, reached from the national overview or the history. */
export function SubmissionPage({ params }: { params: Record<string, string> }) {
  const { m, lang } = usePengesahanI18n();
  const user = useUser();
  const submission = useLoad(['submissions', params.id], (signal) => pengesahanApi.get(params.id!, signal));
  if (submission.error)
    return (
      <LoadError error={submission.error} onRetry={submission.reload} back={{ to: '/cycle/pengesahan' }} />
    );
  const s = submission.data;
  if (!s) return <Loading />;
  return (
    <>
      <PageHeader
        title={`${m('title')}: ${s.regencyName}`}
        subtitle={`${m('period')} ${formatPeriod(s.period, lang)}`}
        actions={
          <Link className="button" to={`/cycle/pengesahan?period=${s.period}`}>
            <span aria-hidden="true">← </span>
            {regionLevel(user.regionCode) <= 1
              ? m('detail.back')
              : m('detail.backToPeriod', { period: formatPeriod(s.period, lang) })}
          </Link>
        }
      />
      <SubmissionDetail s={s} onChange={submission.setData} />
    </>
  );
}

/** The regency's submission of the period; `onChanged` after each write (the history below shows its state). */
function RegencySubmission({ period, onChanged }: { period: string; onChanged: () => void }) {
  const { m, lang } = usePengesahanI18n();
  const user = useUser();
  const [error, setError] = useState<unknown>(null);
  const list = useLoad(['submissions', { period }], (signal) => pengesahanApi.list({ period }, signal));
  const id = list.data?.items[0]?.id;
  const detail = useLoad(['submissions', id], (signal) =>
    id ? pengesahanApi.get(id, signal) : Promise.resolve(null),
  );
  if (list.error) return <LoadError error={list.error} onRetry={list.reload} />;
  if (!list.data || detail.loading) return <Loading />;
  if (!detail.data) {
    return (
      <section className="card stack">
        <ErrorSummary error={error} />
        <p role="status">{m('none')}</p>
        {may(user, 'cycle.submit') && (
          <p>
            <button
              type="button"
              className="button button--primary"
              onClick={() =>
                pengesahanApi.open(period).then(
                  () => {
                    list.reload();
                    onChanged();
                  },
                  (err: unknown) => setError(err),
                )
              }
            >
              {m('open', { period: formatPeriod(period, lang) })}
            </button>
          </p>
        )}
      </section>
    );
  }
  return (
    <SubmissionDetail
      s={detail.data}
      onChange={(s) => {
        detail.setData(s);
        onChanged();
      }}
    />
  );
}

/** The office's own step of the chain: a regency's kecamatan step, a province's review and its deadline. */
function ChainSettingsCard() {
  const user = useUser();
  const settings = useLoad(['chain-settings', user.regionCode], (signal) =>
    pengesahanApi.settings(user.regionCode, signal),
  );
  if (settings.error) return <LoadError error={settings.error} onRetry={settings.reload} />;
  if (!settings.data) return <Loading />;
  return (
    <ChainSettingsForm key={settings.data.updatedAt ?? ''} s={settings.data} onSaved={settings.setData} />
  );
}

function ChainSettingsForm({ s, onSaved }: { s: ChainSettings; onSaved: (s: ChainSettings) => void }) {
  const { m } = usePengesahanI18n();
  const { busy, error, run } = useAction();
  const [kecamatan, setKecamatan] = useState(s.kecamatanAcknowledgement ?? false);
  const [review, setReview] = useState(s.provinceReview ?? false);
  const [days, setDays] = useState(s.autoForwardDays === null ? '' : String(s.autoForwardDays));
  const [saved, setSaved] = useState(false);
  const save = () =>
    run(
      () =>
        pengesahanApi.saveSettings(
          s.regionCode,
          s.level === 'regency'
            ? { kecamatanAcknowledgement: kecamatan }
            : { provinceReview: review, autoForwardDays: days.trim() === '' ? null : Number(days) },
        ),
      (v) => {
        setSaved(true);
        onSaved(v);
      },
    );
  return (
    <section className="card stack" aria-labelledby="chain-settings">
      <h2 id="chain-settings">{m('settings.title')}</h2>
      <ErrorSummary error={error} />
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          setSaved(false);
          void save();
        }}
      >
        {s.level === 'regency' ? (
          <CheckboxField
            path="kecamatanAcknowledgement"
            label={m('settings.kecamatan')}
            checked={kecamatan}
            onChange={setKecamatan}
          />
        ) : (
          <>
            <CheckboxField
              path="provinceReview"
              label={m('settings.review')}
              checked={review}
              onChange={setReview}
            />
            {review && (
              <TextField
                path="autoForwardDays"
                label={m('settings.days')}
                value={days}
                onChange={setDays}
                inputMode="numeric"
              />
            )}
          </>
        )}
        <p>
          <button type="submit" className="button" disabled={busy}>
            {m('settings.save')}
          </button>
        </p>
        {saved && <p role="status">{m('settings.saved')}</p>}
      </form>
    </section>
  );
}

function SubmissionDetail({ s, onChange }: { s: SubmissionView; onChange: (s: SubmissionView) => void }) {
  const { m, lang } = usePengesahanI18n();
  const usulanText = useUsulanI18n().m;
  const user = useUser();
  const { busy, error, run } = useAction();
  const [file, setFile] = useState<File | null>(null);
  const [note, setNote] = useState('');
  const [asking, setAsking] = useState(false);
  const [comment, setComment] = useState('');
  const { can } = useSession();
  const preparer = may(user, 'cycle.submit');
  const editable = preparer && (s.state === 'draft' || s.state === 'returned');
  const act = (fn: () => Promise<SubmissionView>) => run(fn, onChange);
  return (
    <div className="stack">
      <section className="card stack" aria-labelledby="sub-state">
        <h2 id="sub-state">
          {s.regencyName} · {formatPeriod(s.period, lang)} <StateBadge state={s.state} />
        </h2>
        <NextStep machine="submission" state={s.state} />
        <ErrorSummary error={error} />
        {s.state === 'returned' && s.note && (
          <p className="alert alert--warning">{m('returned', { note: s.note })}</p>
        )}
        {s.submittedAt && s.state !== 'returned' && (
          <p>{m('submitted', { at: formatDateTime(s.submittedAt, lang) })}</p>
        )}
        {s.state === 'at_province' && (
          <p className="alert alert--info">
            {m('next.at_province')}{' '}
            {s.forwardDueAt && m('next.autoForward', { at: formatDateTime(s.forwardDueAt, lang) })}
          </p>
        )}
        {s.missing.length > 0 && (
          <ul className="alert alert--info">
            {s.missing.map((k) => (
              <li key={k}>{m(`missing.${k}`)}</li>
            ))}
          </ul>
        )}
        {preparer && s.allowedActions.includes('submit') && (
          <p>
            <button
              type="button"
              className="button button--primary"
              disabled={busy || s.missing.length > 0}
              onClick={() => setAsking(true)}
            >
              {s.chain.provinceReview ? m('submit.province') : m('submit')}
            </button>
          </p>
        )}
        <ConfirmDialog
          open={asking}
          title={m('confirm.title', { period: formatPeriod(s.period, lang) })}
          confirmLabel={m('confirm.yes')}
          busy={busy}
          onCancel={() => setAsking(false)}
          onConfirm={() =>
            void act(() => pengesahanApi.submit(s.id, s.version, true)).finally(() => setAsking(false))
          }
        >
          <p>{m('confirm.body', { n: formatNumber(s.beritaAcara.length, lang) })}</p>
          {s.unresolved && <UnresolvedList u={s.unresolved} />}
        </ConfirmDialog>
        {s.allowedActions.includes('forward') && (
          <form
            className="stack"
            onSubmit={(e) => {
              e.preventDefault();
              void act(() => pengesahanApi.forward(s.id, s.version, comment.trim() || undefined));
            }}
          >
            <TextAreaField
              path="forwardComment"
              label={m('forward.comment')}
              value={comment}
              onChange={setComment}
            />
            <p>
              <button type="submit" className="button button--primary" disabled={busy}>
                {m('forward.button')}
              </button>
            </p>
          </form>
        )}
        {s.allowedActions.includes('province_return') && (
          <form
            className="stack"
            onSubmit={(e) => {
              e.preventDefault();
              void act(() => pengesahanApi.provinceReturn(s.id, s.version, note));
            }}
          >
            <TextAreaField
              path="provinceReturnNote"
              label={m('provinceReturn.note')}
              value={note}
              onChange={setNote}
            />
            <p>
              <button
                type="submit"
                className="button button--danger"
                disabled={busy || note.trim().length < 3}
              >
                {m('provinceReturn.button')}
              </button>
            </p>
          </form>
        )}
        {s.allowedActions.includes('return') && may(user, 'cycle.determine') && (
          <form
            className="stack"
            onSubmit={(e) => {
              e.preventDefault();
              void act(() => pengesahanApi.returnToRegency(s.id, s.version, note));
            }}
          >
            <TextAreaField path="note" label={m('return.note')} value={note} onChange={setNote} />
            <p>
              <button
                type="submit"
                className="button button--danger"
                disabled={busy || note.trim().length < 3}
              >
                {m('return.button')}
              </button>
            </p>
          </form>
        )}
      </section>

      <Comments s={s} canComment={can('cycle.comment')} onChange={onChange} />

      <section className="card stack" aria-labelledby="sub-letter">
        <h2 id="sub-letter">{m('letter.title')}</h2>
        {s.approvalLetter ? (
          <p>
            <a href={pengesahanApi.attachmentUrl(s.approvalLetter.id)} target="_blank" rel="noreferrer">
              {m('letter.view')}
            </a>{' '}
            <span className="muted small">
              {s.approvalLetter.originalName} · {formatDateTime(s.approvalLetter.createdAt, lang)}
            </span>
          </p>
        ) : (
          <p className="muted">{m('letter.none')}</p>
        )}
        {editable && (
          <form
            className="filters__row"
            onSubmit={(e) => {
              e.preventDefault();
              if (file) void act(() => pengesahanApi.uploadLetter(s.id, file));
            }}
          >
            <div className="field">
              <label htmlFor="field-approvalLetter">{m('letter.file')}</label>
              <input
                id="field-approvalLetter"
                type="file"
                accept="application/pdf,image/jpeg,image/png"
                onChange={(e) => setFile(e.target.files?.[0] ?? null)}
              />
            </div>
            <button type="submit" className="button" disabled={busy || !file}>
              {m('letter.upload')}
            </button>
          </form>
        )}
      </section>

      <section className="stack" aria-labelledby="sub-ba">
        <h2 id="sub-ba">{m('ba.title', { n: s.beritaAcara.length })}</h2>
        {s.beritaAcara.length > 0 && (
          <DataTable columns={[m('ba.village'), m('ba.heldOn'), m('ba.signedAt'), m('ba.scan')]}>
            {s.beritaAcara.map((b) => (
              <tr key={b.sessionId}>
                <NameCell name={b.villageName} to={`/cycle/musdes/${b.sessionId}`} detail={b.villageCode} />
                <td>{formatDate(b.heldOn, lang)}</td>
                <td>{formatDateTime(b.signedAt, lang)}</td>
                <td>
                  {b.signedScanId ? (
                    <a href={pengesahanApi.attachmentUrl(b.signedScanId)} target="_blank" rel="noreferrer">
                      PDF
                    </a>
                  ) : (
                    '—'
                  )}
                </td>
              </tr>
            ))}
          </DataTable>
        )}
        {s.awaitingAcknowledgement.length > 0 && (
          <>
            <h3>{m('awaiting.title', { n: formatNumber(s.awaitingAcknowledgement.length, lang) })}</h3>
            <DataTable columns={[m('ba.village'), m('state')]}>
              {s.awaitingAcknowledgement.map((a) => (
                <tr key={a.sessionId}>
                  <NameCell name={a.villageName} to={`/cycle/musdes/${a.sessionId}`} detail={a.villageCode} />
                  <td>{m(`awaiting.${a.state}`)}</td>
                </tr>
              ))}
            </DataTable>
          </>
        )}
        <h3>
          {m('villages.title', {
            n: formatNumber(s.villages.withoutSigned.length, lang),
            total: formatNumber(s.villages.total, lang),
          })}
        </h3>
        {s.villages.withoutSigned.length === 0 ? (
          <p>{m('villages.all')}</p>
        ) : (
          <p className="small">
            {s.villages.withoutSigned
              .slice(0, 60)
              .map((v) => `${v.name} (${v.code})`)
              .join(', ')}
            {s.villages.withoutSigned.length > 60
              ? ` … +${formatNumber(s.villages.withoutSigned.length - 60, lang)}`
              : ''}
          </p>
        )}
        {s.usulan.length > 0 && (
          <>
            <h3>{m('usulan.title')}</h3>
            <p>
              {s.usulan
                .map(
                  (u) => `${usulanText(`state.${u.state}` as 'state.draft')}: ${formatNumber(u.count, lang)}`,
                )
                .join(' · ')}
            </p>
          </>
        )}
      </section>
    </div>
  );
}

function Comments({
  s,
  canComment,
  onChange,
}: {
  s: SubmissionView;
  canComment: boolean;
  onChange: (s: SubmissionView) => void;
}) {
  const { m, lang } = usePengesahanI18n();
  const { text } = useI18n();
  const { busy, error, run } = useAction();
  const [body, setBody] = useState('');
  // The author's office: their role and the region it serves, e.g. "Dinas Sosial provinsi · Jawa Tengah".
  const officeOf = (c: SubmissionComment) =>
    [isRole(c.authorRole) ? text(ROLE_INFO[c.authorRole].label) : c.authorRole, c.authorRegionName]
      .filter(Boolean)
      .join(' · ');
  return (
    <section className="card stack" aria-labelledby="sub-comments">
      <h2 id="sub-comments">{m('comments.title', { n: formatNumber(s.comments.length, lang) })}</h2>
      {s.comments.length === 0 ? (
        <p className="muted">{m('comments.none')}</p>
      ) : (
        <ul className="stack">
          {s.comments.map((c) => (
            <li key={c.id}>
              <strong>{c.authorName}</strong> <span className="small">{officeOf(c)}</span>{' '}
              <span className="muted small">{formatDateTime(c.createdAt, lang)}</span>
              <p>{c.body}</p>
            </li>
          ))}
        </ul>
      )}
      {canComment && (
        <form
          className="stack"
          onSubmit={(e) => {
            e.preventDefault();
            void run(
              () => pengesahanApi.comment(s.id, body),
              (v) => {
                setBody('');
                onChange(v);
              },
            );
          }}
        >
          <ErrorSummary error={error} />
          <TextAreaField path="commentBody" label={m('comments.body')} value={body} onChange={setBody} />
          <p>
            <button type="submit" className="button" disabled={busy || body.trim().length < 3}>
              {m('comments.add')}
            </button>
          </p>
        </form>
      )}
    </section>
  );
}

function NationalOverview({ period }: { period: string }) {
  const { m, lang } = usePengesahanI18n();
  const [province, setProvince] = useState('');
  const overview = useLoad(['submissions', 'overview', period], (signal) =>
    pengesahanApi.overview(period, undefined, signal),
  );
  if (overview.error) return <LoadError error={overview.error} onRetry={overview.reload} />;
  const o: Overview | undefined = overview.data;
  if (!o) return <Loading />;
  const states = ['none', 'draft', 'at_province', 'submitted', 'returned', 'determined'];
  // Nationally, the regencies that have started; within a chosen province, every regency (who is missing too).
  const regencies = province
    ? o.regencies.filter((r) => r.provinceCode === province)
    : o.regencies.filter((r) => r.state !== 'none');
  return (
    <div className="stack">
      <section className="stack" aria-labelledby="ov-provinces">
        <h2 id="ov-provinces">{m('overview.title')}</h2>
        <p role="status">
          {states
            .filter((s) => o.totals[s])
            .map((s) => `${m(`state.${s}` as 'state.none')}: ${formatNumber(o.totals[s] ?? 0, lang)}`)
            .join(' · ')}
        </p>
        <DataTable
          className="table table--hover"
          columns={[
            m('overview.province'),
            num(m('overview.regencies')),
            ...states.map((s) => num(m(`state.${s}` as 'state.none'))),
          ]}
        >
          {o.provinces.map((p) => (
            <tr key={p.code} aria-current={p.code === province ? 'true' : undefined}>
              <th scope="row">
                <button type="button" className="button button--small" onClick={() => setProvince(p.code)}>
                  {p.name}
                </button>
              </th>
              <td className="num">{formatNumber(p.regencies, lang)}</td>
              {states.map((s) => (
                <td key={s} className="num">
                  {formatNumber(p.states[s] ?? 0, lang)}
                </td>
              ))}
            </tr>
          ))}
        </DataTable>
      </section>
      <section className="stack" aria-labelledby="ov-regencies">
        <h2 id="ov-regencies">{m('overview.regency')}</h2>
        <div className="filters__row">
          <SelectField
            path="province"
            label={m('overview.province')}
            value={province}
            onChange={setProvince}
            empty={m('overview.all')}
            options={o.provinces.map((p) => ({ value: p.code, label: p.name }))}
          />
        </div>
        <DataTable columns={[m('overview.regency'), m('state'), m('overview.submittedAt')]}>
          {regencies.map((r) => (
            <tr key={r.code}>
              <NameCell
                name={r.name}
                to={r.submissionId && `/cycle/pengesahan/${r.submissionId}`}
                detail={r.code}
              />
              <td>
                <StateBadge state={r.state} />
              </td>
              <td>{formatDateTime(r.submittedAt, lang)}</td>
            </tr>
          ))}
        </DataTable>
      </section>
    </div>
  );
}

/** What sending now would leave behind (src/domain/cycle/unresolved.ts), listed in the confirmation. */
function UnresolvedList({ u }: { u: NonNullable<SubmissionView['unresolved']> }) {
  const { m, lang } = usePengesahanI18n();
  const usulanText = useUsulanI18n().m;
  if (u.openSessions.length === 0 && u.pendingTotal === 0 && u.villagesWithoutSession === 0) return null;
  return (
    <div className="alert alert--warning stack" data-testid="unresolved">
      <p className="alert__title">{m('confirm.unresolved')}</p>
      {u.openSessions.length > 0 && (
        <>
          <p>{m('confirm.openSessions', { n: formatNumber(u.openSessions.length, lang) })}</p>
          <ul>
            {u.openSessions.map((o) => (
              <li key={o.sessionId}>
                <Link to={`/cycle/musdes/${o.sessionId}`}>{o.villageName}</Link>:{' '}
                {m(`musdesState.${o.state}` as 'musdesState.open')}
              </li>
            ))}
          </ul>
        </>
      )}
      {u.villagesWithoutSession > 0 && (
        <p>{m('confirm.withoutSession', { n: formatNumber(u.villagesWithoutSession, lang) })}</p>
      )}
      {u.pendingTotal > 0 && (
        <>
          <p>{m('confirm.pending', { n: formatNumber(u.pendingTotal, lang) })}</p>
          <ul>
            {u.pendingUsulan.map((p) => (
              <li key={p.id}>
                <Link to={`/usulan/${p.id}`}>
                  {m('confirm.usulan', { kind: usulanText(`kind.${p.kind}` as 'kind.baru') })}
                </Link>{' '}
                · {p.villageName} · {usulanText(`state.${p.state}` as 'state.draft')}
              </li>
            ))}
          </ul>
          {u.pendingTotal > u.pendingUsulan.length && (
            <p>{m('confirm.more', { n: formatNumber(u.pendingTotal - u.pendingUsulan.length, lang) })}</p>
          )}
        </>
      )}
    </div>
  );
}

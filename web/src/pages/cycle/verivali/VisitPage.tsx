/**
 * One visit. The officer fills in the finding, the GPS position, photos and the full instrument (grouped
 * as on the paper form, codebook labels, errors next to each input); the Dinas Sosial reviews what was
 * recorded and accepts it, sends it back or cancels it; for a registered household found not eligible it
 * can declare the household ineligible. Built for a cheap phone: plain inputs, sections that fold, photos
 * straight from the camera.
 */
import { type FormEvent, useRef, useState } from 'react';
import { HEAD_OF_HOUSEHOLD } from '../../../../../src/domain/instrument/codebook.ts';
import {
  type InstrumentDiffRow,
  type InstrumentLike,
  instrumentDiff,
} from '../../../../../src/domain/verivali/instrument-diff.ts';
import {
  needsInstrument,
  VISIT_RESULTS,
  type VisitResult,
} from '../../../../../src/domain/verivali/visit-results.ts';
import { ApiError, apiUrl } from '../../../api/client.ts';
import { households as householdsApi } from '../../../api/endpoints.ts';
import type { HouseholdDetail, Member } from '../../../api/types.ts';
import { NextStep } from '../../../components/cycle/NextStep.tsx';
import { useAction } from '../../../components/cycle/use-action.ts';
import { ErrorSummary, LoadError } from '../../../components/ErrorSummary.tsx';
import { SelectField, TextAreaField, TextField } from '../../../components/fields.tsx';
import { InstrumentFields } from '../../../components/InstrumentFields.tsx';
import { InstrumentView } from '../../../components/InstrumentView.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { MemberFields } from '../../../components/MemberFields.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { DiffTable } from '../../../components/VersionHistory.tsx';
import { WarningConfirm } from '../../../components/WarningConfirm.tsx';
import { useLoad } from '../../../hooks/use-load.ts';
import { useRegionNames } from '../../../hooks/use-region-names.ts';
import { useSubmit } from '../../../hooks/use-submit.ts';
import { useI18n } from '../../../i18n/index.tsx';
import { fieldLabel } from '../../../lib/fields.ts';
import {
  clientError,
  type FieldErrors,
  fieldErrors,
  fieldWarnings,
  hasErrors,
  mergeErrors,
  under,
} from '../../../lib/form-errors.ts';
import { formatDateTime } from '../../../lib/format.ts';
import {
  type HouseholdValues,
  householdBody,
  householdValues,
  type MemberValues,
  memberBody,
  memberProblems,
  memberValues,
  prefixed,
} from '../../../lib/household-form.ts';
import { Link } from '../../../router.tsx';
import { may, useUser } from '../../../session.tsx';
import { eligibility, type VisitView, visits } from './api.ts';
import { useVerivaliText } from './VerivaliPage.tsx';
import './cycle-work.css';

type Instrument = {
  household: Record<string, unknown>;
  members: (Record<string, unknown> & { personId?: string })[];
};
type Row = { key: number; personId?: string; value: MemberValues };

/** The API names instrument fields `instrument.household.x` and `instrument.members.N.x`; the inputs are `x` and `members.N.x`. */
function toFormPaths(err: unknown): unknown {
  if (!(err instanceof ApiError)) return err;
  const issues = err.issues.map((i) => ({
    ...i,
    field: i.field.replace(/^instrument\.household\./, '').replace(/^instrument\./, ''),
  }));
  return new ApiError(err.status, { ...err.problem, errors: issues });
}

/** A step's outcome to announce, kept above the screen: each new version remounts it (fresh form state). */
type OnChange = (v: VisitView, notice?: string) => void;

export function VisitPage({ params }: { params: Record<string, string> }) {
  const tv = useVerivaliText();
  const visit = useLoad(['visits', params.id], (signal) => visits.get(params.id!, signal));
  const [notice, setNotice] = useState<string | null>(null);
  if (visit.error)
    return <LoadError error={visit.error} onRetry={visit.reload} back={{ to: '/cycle/verivali' }} />;
  if (!visit.data) return <Loading />;
  return (
    <VisitScreen
      key={`${visit.data.id}:${visit.data.version}`}
      v={visit.data}
      onChange={(v, message) => {
        setNotice(message ?? null);
        visit.setData(v);
      }}
      notice={notice}
      title={tv('visit.title')}
    />
  );
}

function VisitScreen({
  v,
  onChange,
  notice,
  title,
}: {
  v: VisitView;
  onChange: OnChange;
  notice: string | null;
  title: string;
}) {
  const tv = useVerivaliText();
  const { lang } = useI18n();
  const user = useUser();
  // The officer records (and may correct until the review); the Dinas Sosial reviews what was recorded,
  // and records only a visit still waiting for its officer.
  const isOfficer = v.assignedTo.id === user.id;
  const canRecord =
    v.allowedActions.includes('record') &&
    (isOfficer || (may(user, 'verivali.manage') && v.state === 'assigned'));
  const kind = v.usulanKind ? tv(`kind.${v.usulanKind}` as 'kind.baru') : tv('kind.existing');
  const villageNames = useRegionNames([v.regionCode]);
  return (
    <>
      <PageHeader
        title={title}
        subtitle={
          <>
            {v.headName ?? '—'} · KK <span className="mono">{v.kkNumber ?? '—'}</span> · {kind} ·{' '}
            <span title={v.regionCode}>{villageNames.get(v.regionCode) ?? v.regionCode}</span> ·{' '}
            {tv(`state.${v.state}` as 'state.assigned')}
          </>
        }
        actions={
          <Link className="button" to="/cycle/verivali">
            <span aria-hidden="true">← </span>
            {tv('visit.back')}
          </Link>
        }
      />
      <p className="muted small">
        {tv('visit.assignedTo', { name: v.assignedTo.displayName || v.assignedTo.username })}
        {v.visitedAt ? ` · ${formatDateTime(v.visitedAt, lang)}` : ''}
        {v.usulanId ? (
          <>
            {' · '}
            <Link to={`/cycle/usulan/${v.usulanId}`}>{tv('visit.proposal')}</Link>
          </>
        ) : null}
        {v.householdId ? (
          <>
            {' · '}
            <Link to={`/households/${v.householdId}`}>{tv('visit.household')}</Link>
          </>
        ) : null}
      </p>
      <NextStep machine="visit" state={v.state} />
      {notice && (
        <p className="alert alert--success" role="status">
          {notice}
        </p>
      )}
      {v.reviewNote && v.state === 'assigned' && (
        <div className="alert alert--warning">
          <p className="alert__title">{tv('visit.sentBackTitle')}</p>
          <p>{v.reviewNote}</p>
        </div>
      )}
      <div className="stack">
        {may(user, 'verivali.manage') && <Review v={v} onChange={onChange} />}
        {canRecord ? <RecordForm v={v} onSaved={onChange} /> : <Recorded v={v} />}
        <Photos v={v} onChange={onChange} editable={canRecord} />
        {may(user, 'verivali.manage') &&
          v.state === 'accepted' &&
          v.result === 'not_eligible' &&
          v.householdId &&
          !v.usulanId && <Ineligible householdId={v.householdId} />}
      </div>
    </>
  );
}

function startValues(v: VisitView): { household: HouseholdValues; rows: Row[] } {
  const i = (v.instrument ?? v.prefill) as Instrument | null;
  const household = householdValues(
    i
      ? ({
          ...i.household,
          regionCode: v.regionCode,
          latitude: v.latitude,
          longitude: v.longitude,
        } as unknown as HouseholdDetail)
      : undefined,
    v.regionCode,
  );
  const rows: Row[] = (i?.members ?? []).map((m, key) => ({
    key,
    personId: m.personId,
    value: memberValues(m as unknown as Member),
  }));
  if (!rows.length) rows.push({ key: 0, value: { ...memberValues(), relationship: HEAD_OF_HOUSEHOLD } });
  return { household, rows };
}

function RecordForm({ v, onSaved }: { v: VisitView; onSaved: OnChange }) {
  const tv = useVerivaliText();
  const { t, lang, text } = useI18n();
  const start = useRef(startValues(v));
  const [result, setResult] = useState<VisitResult | ''>((v.result as VisitResult | null) ?? '');
  const [gps, setGps] = useState({
    latitude: v.latitude === null ? '' : String(v.latitude),
    longitude: v.longitude === null ? '' : String(v.longitude),
  });
  const [locating, setLocating] = useState<string | null>(null);
  const [values, setValues] = useState(start.current.household);
  const [rows, setRows] = useState<Row[]>(start.current.rows);
  const nextKey = useRef(rows.length + 1);
  const [notes, setNotes] = useState(v.notes ?? '');
  const withInstrument = result !== '' && needsInstrument(result);

  const locate = () => {
    if (!('geolocation' in navigator)) {
      setLocating(tv('gps.failed', { reason: 'geolocation' }));
      return;
    }
    setLocating(tv('gps.locating'));
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setGps({ latitude: pos.coords.latitude.toFixed(6), longitude: pos.coords.longitude.toFixed(6) });
        setLocating(null);
      },
      (err) => setLocating(tv('gps.failed', { reason: err.message })),
      { enableHighAccuracy: true, timeout: 20_000 },
    );
  };

  const { error, busy, submit, setError } = useSubmit(
    async (confirmWarnings) => {
      const problems: FieldErrors = {};
      if (!result) problems.result = [t('form.requiredField')];
      const lat = Number(gps.latitude.replace(',', '.'));
      const lon = Number(gps.longitude.replace(',', '.'));
      if (!gps.latitude.trim() || Number.isNaN(lat)) problems.latitude = [tv('gps.required')];
      if (!gps.longitude.trim() || Number.isNaN(lon)) problems.longitude = [tv('gps.required')];
      let instrument: Instrument | undefined;
      if (withInstrument) {
        const { body, errors } = householdBody(values, t);
        const { latitude: _la, longitude: _lo, ...household } = body;
        Object.assign(
          problems,
          mergeErrors(
            errors,
            ...rows.map((r, n) => prefixed(memberProblems(r.value, t, lang), `members.${n}.`)),
          ),
        );
        instrument = {
          household,
          members: rows.map((r) => ({
            ...(r.personId ? { personId: r.personId } : {}),
            ...memberBody(r.value),
          })),
        };
      }
      if (hasErrors(problems)) throw clientError(problems, t('error.fixFields'));
      try {
        return await visits.record(v.id, {
          version: v.version,
          result: result as VisitResult,
          latitude: lat,
          longitude: lon,
          notes: notes.trim() || undefined,
          instrument: instrument as never,
          confirmWarnings: confirmWarnings || undefined,
        });
      } catch (err) {
        throw toFormPaths(err);
      }
    },
    (updated) => onSaved(updated, tv('record.saved')),
  );
  const errors = fieldErrors(error);
  const warnings = fieldWarnings(error);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void submit(false);
  };
  const setRow = (key: number, value: MemberValues) =>
    setRows((list) => list.map((r) => (r.key === key ? { ...r, value } : r)));

  return (
    <form onSubmit={onSubmit} noValidate className="stack">
      <ErrorSummary error={error} />
      <fieldset className="card form-section">
        <legend>{tv('section.result')}</legend>
        <div className="form-grid">
          <SelectField
            path="result"
            label={tv('field.result')}
            value={result}
            onChange={(x) => setResult(x as VisitResult | '')}
            empty={t('form.choose')}
            options={VISIT_RESULTS.map((r) => ({ value: r.code, label: text(r.label) }))}
            required
            errors={errors.result}
          />
        </div>
        {result !== '' && !withInstrument && <p className="muted">{tv('record.noInstrument')}</p>}
      </fieldset>
      <fieldset className="card form-section">
        <legend>{tv('section.gps')}</legend>
        <div className="form-grid">
          <TextField
            path="latitude"
            label={tv('field.latitude')}
            value={gps.latitude}
            onChange={(x) => setGps((g) => ({ ...g, latitude: x }))}
            inputMode="decimal"
            required
            hint={tv('gps.hint')}
            errors={errors.latitude}
          />
          <TextField
            path="longitude"
            label={tv('field.longitude')}
            value={gps.longitude}
            onChange={(x) => setGps((g) => ({ ...g, longitude: x }))}
            inputMode="decimal"
            required
            errors={errors.longitude}
          />
        </div>
        <div className="actions">
          <button type="button" className="button" onClick={locate}>
            {tv('gps.use')}
          </button>
          {locating && (
            <span className="muted small" role="status">
              {locating}
            </span>
          )}
        </div>
      </fieldset>
      {withInstrument && (
        <>
          <details className="card form-section" open>
            <summary>
              <h2 className="inline-heading">{tv('section.address')}</h2>
            </summary>
            <div className="form-grid">
              <TextField
                path="kkNumber"
                label={t('field.kkNumber')}
                value={values.kkNumber}
                onChange={(x) => setValues({ ...values, kkNumber: x })}
                inputMode="numeric"
                maxLength={16}
                required
                errors={errors.kkNumber}
                warnings={warnings.kkNumber}
              />
              <TextField
                path="rw"
                label={t('field.rw')}
                value={values.rw}
                onChange={(x) => setValues({ ...values, rw: x })}
                inputMode="numeric"
                maxLength={3}
                required
                errors={errors.rw}
              />
              <TextField
                path="rt"
                label={t('field.rt')}
                value={values.rt}
                onChange={(x) => setValues({ ...values, rt: x })}
                inputMode="numeric"
                maxLength={3}
                required
                errors={errors.rt}
              />
              <TextField
                path="address"
                className="span-2"
                label={t('field.address')}
                value={values.address}
                onChange={(x) => setValues({ ...values, address: x })}
                maxLength={300}
                required
                errors={errors.address}
              />
            </div>
          </details>
          <InstrumentFields values={values} onChange={setValues} errors={errors} />
          <section className="card form-section" aria-labelledby="members-title">
            <h2 id="members-title">{tv('section.members')}</h2>
            {(errors.members || warnings.members) && (
              <p className={errors.members ? 'field__error' : 'field__warning'}>
                {[...(errors.members ?? []), ...(warnings.members ?? [])].join(' ')}
              </p>
            )}
            {rows.some((r) => r.personId) && <p className="muted small">{tv('member.unlisted')}</p>}
            {rows.map((r, n) => (
              <details
                key={r.key}
                className="member-row"
                open={n === 0 || !r.value.name || Object.keys(under(errors, `members.${n}.`)).length > 0}
              >
                <summary>
                  {t('member.numbered', { n: n + 1 })}: {r.value.name || '—'}{' '}
                  <span className="muted small">
                    ({r.personId ? tv('member.registered') : tv('member.new')})
                  </span>
                </summary>
                <MemberFields
                  value={r.value}
                  onChange={(x) => setRow(r.key, x)}
                  errors={under(errors, `members.${n}.`)}
                  warnings={under(warnings, `members.${n}.`)}
                  pathPrefix={`members.${n}.`}
                />
                {rows.length > 1 && (
                  <button
                    type="button"
                    className="button button--small button--danger-quiet"
                    onClick={() => setRows((list) => list.filter((x) => x.key !== r.key))}
                  >
                    {tv('member.remove', { n: n + 1 })}
                  </button>
                )}
              </details>
            ))}
            <button
              type="button"
              className="button"
              disabled={rows.length >= 40}
              onClick={() => setRows((list) => [...list, { key: nextKey.current++, value: memberValues() }])}
            >
              + {tv('member.add')}
            </button>
          </section>
        </>
      )}
      <fieldset className="card form-section">
        <legend>{tv('section.notes')}</legend>
        <TextAreaField
          path="notes"
          label={tv('field.notes')}
          value={notes}
          onChange={setNotes}
          maxLength={2000}
          errors={errors.notes}
        />
      </fieldset>
      <WarningConfirm
        error={error}
        busy={busy}
        onConfirm={() => void submit(true)}
        onCancel={() => setError(null)}
      />
      <div className="actions actions--end">
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? t('common.saving') : tv('record.submit')}
        </button>
      </div>
    </form>
  );
}

/** What the officer recorded, read-only. */
function Recorded({ v }: { v: VisitView }) {
  const tv = useVerivaliText();
  const { text } = useI18n();
  const i = v.instrument as Instrument | null;
  const result = VISIT_RESULTS.find((r) => r.code === v.result);
  if (v.state === 'assigned' || v.state === 'cancelled') return null;
  return (
    <section className="stack" aria-labelledby="recorded-title">
      <div className="card">
        <h2 id="recorded-title">{tv('review.recorded')}</h2>
        <dl className="dl-grid">
          <div>
            <dt>{tv('field.result')}</dt>
            <dd>{result ? text(result.label) : '—'}</dd>
          </div>
          <div>
            <dt>GPS</dt>
            <dd>
              <span className="mono">
                {v.latitude ?? '—'}, {v.longitude ?? '—'}
              </span>
              {v.latitude !== null && v.longitude !== null && (
                <>
                  {' '}
                  <a href={osmLink(v.latitude, v.longitude)} target="_blank" rel="noreferrer">
                    {tv('gps.map')}
                  </a>
                </>
              )}
            </dd>
          </div>
          <div>
            <dt>{tv('field.notes')}</dt>
            <dd>{v.notes || '—'}</dd>
          </div>
        </dl>
        {!i && <p className="muted">{tv('review.noInstrument')}</p>}
      </div>
      {i && v.baseline && <Findings baseline={v.baseline} recorded={i} />}
      {i && (
        <>
          <InstrumentView values={i.household} />
          <div className="card">
            <h2>{tv('section.members')}</h2>
            <ul className="plain-list">
              {i.members.map((m) => (
                <li key={String(m.nik)}>
                  {String(m.name)} <span className="muted small mono">NIK {String(m.nik)}</span> ·{' '}
                  {String(m.birthDate)}{' '}
                  <span className="muted small">
                    ({m.personId ? tv('member.registered') : tv('member.new')})
                  </span>
                </li>
              ))}
            </ul>
          </div>
        </>
      )}
    </section>
  );
}

function Photos({
  v,
  onChange,
  editable,
}: {
  v: VisitView;
  onChange: (v: VisitView) => void;
  editable: boolean;
}) {
  const tv = useVerivaliText();
  const { busy, error, run } = useAction();
  const upload = (file: File) => run(() => visits.addPhoto(v.id, file), onChange);
  return (
    <section className="card" aria-labelledby="photos-title">
      <h2 id="photos-title">{tv('section.photos')}</h2>
      <ErrorSummary error={error} />
      {v.photos.length === 0 ? (
        <p className="muted">{tv('photo.none')}</p>
      ) : (
        <ul className="photo-grid">
          {v.photos.map((p) => (
            <li key={p.id}>
              <a
                href={apiUrl(`/attachments/${p.id}`, { disposition: 'inline' })}
                target="_blank"
                rel="noreferrer"
              >
                <img
                  src={
                    p.hasThumbnail
                      ? apiUrl(`/attachments/${p.id}/thumbnail`)
                      : apiUrl(`/attachments/${p.id}`, { disposition: 'inline' })
                  }
                  alt={p.originalName}
                  loading="lazy"
                  width={160}
                />
              </a>
            </li>
          ))}
        </ul>
      )}
      {editable && (
        <div className="field">
          <label htmlFor="field-photo">{tv('photo.add')}</label>
          <input
            id="field-photo"
            type="file"
            accept="image/jpeg,image/png,image/webp"
            capture="environment"
            disabled={busy}
            aria-describedby="field-photo-hint"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void upload(file);
              e.target.value = '';
            }}
          />
          <p className="field__hint" id="field-photo-hint">
            {busy ? tv('photo.uploading') : tv('photo.hint')}
          </p>
        </div>
      )}
    </section>
  );
}

function Review({ v, onChange }: { v: VisitView; onChange: OnChange }) {
  const tv = useVerivaliText();
  const [note, setNote] = useState('');
  const can = (a: string) => v.allowedActions.includes(a);
  const request = useAction();
  const { busy, error, setError } = request;
  const run = async (step: 'accept' | 'redo' | 'cancel') => {
    if (step === 'redo' && note.trim().length < 3) {
      setError(clientError({ 'review-note': [tv('review.redoNote')] }, tv('review.redoNote')));
      return;
    }
    await request.run(
      () => visits.step(v.id, step, { version: v.version, note: note.trim() || undefined }),
      (updated) =>
        onChange(updated, tv('review.done', { state: tv(`state.${updated.state}` as 'state.assigned') })),
    );
  };
  if (!can('accept') && !can('redo') && !can('cancel')) return null;
  return (
    <section className="card" aria-labelledby="review-title">
      <h2 id="review-title">{tv('review.title')}</h2>
      <ErrorSummary error={error} />
      {can('accept') && <p className="muted small">{tv('review.acceptHint')}</p>}
      <TextAreaField
        path="review-note"
        label={can('redo') ? `${tv('review.note')} / ${tv('review.redoNote')}` : tv('review.note')}
        value={note}
        onChange={setNote}
        maxLength={500}
      />
      <div className="actions">
        {can('accept') && (
          <button
            type="button"
            className="button button--primary"
            disabled={busy}
            onClick={() => void run('accept')}
          >
            {tv('review.accept')}
          </button>
        )}
        {can('redo') && (
          <button type="button" className="button" disabled={busy} onClick={() => void run('redo')}>
            {tv('review.redo')}
          </button>
        )}
        {can('cancel') && (
          <button
            type="button"
            className="button button--danger"
            disabled={busy}
            onClick={() => void run('cancel')}
          >
            {tv('review.cancel')}
          </button>
        )}
      </div>
    </section>
  );
}

function Ineligible({ householdId }: { householdId: string }) {
  const tv = useVerivaliText();
  const { t } = useI18n();
  const h = useLoad(['households', householdId], (signal) => householdsApi.get(householdId, signal));
  const [reason, setReason] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const { error, busy, submit } = useSubmit(
    async () => {
      if (reason.trim().length < 3)
        throw clientError({ reason: [t('form.requiredField')] }, t('error.fixFields'));
      return eligibility.declare(householdId, { version: h.data!.version, reason: reason.trim() });
    },
    (r) => {
      setDone(tv('ineligible.done', { n: r.niks }));
      h.reload();
    },
  );
  if (h.data?.status !== 'active') {
    return done ? (
      <p className="alert alert--success" role="status">
        {done}
      </p>
    ) : null;
  }
  return (
    <section className="card" aria-labelledby="inel-title">
      <h2 id="inel-title">{tv('ineligible.title')}</h2>
      <p className="muted">{tv('ineligible.intro')}</p>
      <ErrorSummary error={error} />
      <TextAreaField
        path="reason"
        label={tv('ineligible.reason')}
        value={reason}
        onChange={setReason}
        maxLength={500}
        required
        errors={fieldErrors(error).reason}
      />
      <div className="actions">
        <button type="button" className="button button--danger" disabled={busy} onClick={() => void submit()}>
          {tv('ineligible.submit')}
        </button>
      </div>
    </section>
  );
}

/** The position on OpenStreetMap's own site (a link: no map tiles are loaded by this app). */
function osmLink(lat: number, lon: number): string {
  return `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lon}#map=18/${lat}/${lon}`;
}

/** What the officer recorded that differs from DTKS (or, for a new household, from the proposal). */
function Findings({
  baseline,
  recorded,
}: {
  baseline: NonNullable<VisitView['baseline']>;
  recorded: Instrument;
}) {
  const tv = useVerivaliText();
  const { t, lang } = useI18n();
  const rows = instrumentDiff(baseline, recorded as unknown as InstrumentLike);
  const dtks = baseline.source === 'dtks';
  const label = (r: InstrumentDiffRow) => {
    if (r.change === 'added') return `${tv('findings.added')}: ${r.member}`;
    if (r.change === 'missing') return `${tv('findings.missing')}: ${r.member}`;
    const field = fieldLabel(r.field, lang, t);
    return r.member ? `${r.member} · ${field}` : field;
  };
  return (
    <section className="card" aria-labelledby="findings-title" data-findings={rows.length}>
      <h2 id="findings-title">{dtks ? tv('findings.title') : tv('findings.titleUsulan')}</h2>
      {rows.length === 0 ? (
        <p className="muted">{tv('findings.none')}</p>
      ) : (
        <>
          <p className="muted small">{tv('findings.count', { count: rows.length })}</p>
          <DiffTable
            rows={rows.map((r) => ({
              key: r.key,
              label: label(r),
              field: r.field,
              before: r.before,
              after: r.after,
            }))}
            headings={{
              field: t('history.field'),
              before: dtks ? tv('findings.dtks') : tv('findings.usulan'),
              after: tv('findings.recorded'),
            }}
          />
        </>
      )}
    </section>
  );
}

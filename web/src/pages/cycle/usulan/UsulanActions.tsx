/**
 * The steps the API says this user may take now (`allowedActions`), each sent with the version that was
 * loaded. A version conflict (someone changed the proposal meanwhile) reloads it and says so; any other
 * refusal shows its own text (e.g. a step an offline installation leaves to the online DTKS); a closed
 * window says when the next one opens; missing attachments point at their upload inputs.
 */
import { type FormEvent, type ReactNode, useState } from 'react';
import { ApiError } from '../../../api/client.ts';
import { ErrorSummary } from '../../../components/ErrorSummary.tsx';
import { fieldId, TextAreaField } from '../../../components/fields.tsx';
import { formatDate } from '../../../lib/format.ts';
import { type UsulanStep, type UsulanView, usulanApi } from './usulan.api.ts';
import { useUsulanI18n } from './usulan.i18n.ts';
import { useProposalWindow, WindowText } from './WindowNotice.tsx';

const STEPS: UsulanStep[] = ['submit', 'revise', 'approve', 'return', 'withdraw'];

type Outcome =
  | { type: 'done'; step: UsulanStep; placement?: UsulanView['placement'] }
  | { type: 'conflict' }
  | { type: 'window'; opens: string; closes: string }
  | { type: 'missing'; kinds: string[] }
  | { type: 'error'; error: unknown };

export function UsulanActions({
  u,
  onChange,
  onReload,
}: {
  u: UsulanView;
  onChange: (u: UsulanView) => void;
  onReload: () => void;
}) {
  const { m } = useUsulanI18n();
  const win = useProposalWindow();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [confirmWithdraw, setConfirmWithdraw] = useState(false);
  const [approveNote, setApproveNote] = useState('');
  const [returnNote, setReturnNote] = useState('');
  const [returnError, setReturnError] = useState<string[] | undefined>();
  const [withdrawNote, setWithdrawNote] = useState('');
  const [withdrawError, setWithdrawError] = useState<string[] | undefined>();
  const steps = STEPS.filter((s) => u.allowedActions.includes(s));

  const act = async (step: UsulanStep, note?: string) => {
    setBusy(true);
    setOutcome(null);
    try {
      const next = await usulanApi.step(u.id, step, { version: u.version, note: note?.trim() || undefined });
      onChange(next);
      setOutcome({ type: 'done', step, placement: next.placement });
      setConfirmWithdraw(false);
      setWithdrawNote('');
      setApproveNote('');
      setReturnNote('');
    } catch (err) {
      if (err instanceof ApiError && err.status === 409 && err.code === 'record.version_conflict') {
        setOutcome({ type: 'conflict' });
        setConfirmWithdraw(false);
        onReload();
      } else if (err instanceof ApiError && err.code === 'usulan.window_closed') {
        setOutcome({ type: 'window', opens: String(err.problem.opens), closes: String(err.problem.closes) });
        win.reload();
      } else if (
        err instanceof ApiError &&
        err.issues.length > 0 &&
        err.issues.every((i) => i.code === 'usulan.missing_attachment')
      ) {
        setOutcome({ type: 'missing', kinds: err.issues.map((i) => i.field.replace(/^attachments\./, '')) });
      } else {
        setOutcome({ type: 'error', error: err });
      }
    } finally {
      setBusy(false);
    }
  };

  const onReturn = (e: FormEvent) => {
    e.preventDefault();
    if (returnNote.trim().length < 3) {
      setReturnError([m('actions.returnHint')]);
      return;
    }
    setReturnError(undefined);
    void act('return', returnNote);
  };

  const onWithdraw = (e: FormEvent) => {
    e.preventDefault();
    if (withdrawNote.trim().length < 3) {
      setWithdrawError([m('actions.withdrawHint')]);
      return;
    }
    setWithdrawError(undefined);
    void act('withdraw', withdrawNote);
  };

  return (
    <section className="card stack" aria-labelledby="actions-title">
      <h2 id="actions-title">{m('actions.title')}</h2>
      <OutcomeView outcome={outcome} />
      {steps.length === 0 && <p className="muted">{m('actions.none')}</p>}
      <div className="usulan-actions">
        {steps.includes('submit') && (
          <Action>
            <button
              type="button"
              className="button button--primary"
              disabled={busy || win.data?.open === false}
              onClick={() => void act('submit')}
            >
              {busy ? m('actions.busy') : m('actions.submit')}
            </button>
            {win.data && (
              <p className={win.data.open ? 'muted' : 'alert alert--warning'}>
                <WindowText w={win.data} />{' '}
                {win.data.open && m('actions.submitHint', { period: win.data.period })}
              </p>
            )}
            {u.missingAttachments.length > 0 && <p className="muted small">{m('actions.missingFirst')}</p>}
          </Action>
        )}
        {steps.includes('revise') && (
          <Action>
            <button
              type="button"
              className="button button--primary"
              disabled={busy}
              onClick={() => void act('revise')}
            >
              {m('actions.revise')}
            </button>
            <p className="muted">{m('actions.reviseHint')}</p>
          </Action>
        )}
        {steps.includes('approve') && (
          <Action>
            <form
              className="stack"
              onSubmit={(e) => {
                e.preventDefault();
                void act('approve', approveNote);
              }}
            >
              <TextAreaField
                path="approveNote"
                label={m('actions.note')}
                hint={m('actions.approveHint', { kind: m(`kind.${u.kind}`) })}
                value={approveNote}
                onChange={setApproveNote}
                maxLength={500}
                rows={2}
              />
              <div className="actions">
                <button type="submit" className="button button--primary" disabled={busy}>
                  {m('actions.approve')}
                </button>
              </div>
            </form>
          </Action>
        )}
        {steps.includes('return') && (
          <Action>
            <form className="stack" onSubmit={onReturn} noValidate>
              <TextAreaField
                path="note"
                label={m('actions.returnNote')}
                hint={m('actions.returnHint')}
                value={returnNote}
                onChange={setReturnNote}
                required
                maxLength={500}
                rows={2}
                errors={returnError}
              />
              <div className="actions">
                <button type="submit" className="button button--danger" disabled={busy}>
                  {m('actions.return')}
                </button>
              </div>
            </form>
          </Action>
        )}
        {steps.includes('withdraw') &&
          (confirmWithdraw ? (
            <form
              className="alert alert--warning stack"
              aria-labelledby="withdraw-q"
              onSubmit={onWithdraw}
              noValidate
            >
              <p className="alert__title" id="withdraw-q">
                {m('actions.withdrawConfirm')}
              </p>
              <TextAreaField
                path="withdrawNote"
                label={m('actions.withdrawNote')}
                hint={m('actions.withdrawHint')}
                value={withdrawNote}
                onChange={setWithdrawNote}
                required
                maxLength={500}
                rows={2}
                errors={withdrawError}
              />
              <div className="actions">
                <button type="submit" className="button button--danger" disabled={busy}>
                  {m('actions.withdrawYes')}
                </button>
                <button type="button" className="button" onClick={() => setConfirmWithdraw(false)}>
                  {m('actions.cancel')}
                </button>
              </div>
            </form>
          ) : (
            <Action>
              <button
                type="button"
                className="button button--danger-quiet"
                disabled={busy}
                onClick={() => setConfirmWithdraw(true)}
              >
                {m('actions.withdraw')}
              </button>
            </Action>
          ))}
      </div>
    </section>
  );
}

function Action({ children }: { children: ReactNode }) {
  return <div className="usulan-action">{children}</div>;
}

function OutcomeView({ outcome }: { outcome: Outcome | null }) {
  const { m, lang } = useUsulanI18n();
  if (!outcome) return null;
  switch (outcome.type) {
    case 'done':
      return (
        <div className="alert alert--success" role="status">
          <p>{m(`actions.done.${outcome.step}`)}</p>
          {outcome.placement && <PlacementText placement={outcome.placement} />}
        </div>
      );
    case 'conflict':
      return (
        <p className="alert alert--warning" role="alert">
          {m('actions.conflict')}
        </p>
      );
    case 'window':
      return (
        <p className="alert alert--warning" role="alert">
          {m('actions.windowClosed', {
            opens: formatDate(outcome.opens, lang),
            closes: formatDate(outcome.closes, lang),
          })}
        </p>
      );
    case 'missing':
      return (
        <div className="alert alert--error" role="alert">
          <p className="alert__title">{m('actions.missingFirst')}</p>
          <ul>
            {outcome.kinds.map((k) => (
              <li key={k}>
                <a href={`#${fieldId(`attachments.${k}`)}`}>{m(`att.kind.${k}` as 'att.kind.kk_copy')}</a>
              </li>
            ))}
          </ul>
        </div>
      );
    case 'error':
      return <ErrorSummary error={outcome.error} />;
  }
}

/** Where a submitted proposal went (the submit answer's `placement`, src/domain/cycle/placement.ts). */
function PlacementText({ placement }: { placement: NonNullable<UsulanView['placement']> }) {
  const { m } = useUsulanI18n();
  if (placement.carriedFrom) {
    return <p>{m('placement.carried', { from: placement.carriedFrom, period: placement.period })}</p>;
  }
  return (
    <p>{m(placement.joinsSession ? 'placement.joins' : 'placement.waits', { period: placement.period })}</p>
  );
}

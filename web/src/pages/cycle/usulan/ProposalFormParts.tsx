/** Pieces every proposal form shares: the reason, the warning step, the save button. */
import { ApiError } from '../../../api/client.ts';
import { TextAreaField } from '../../../components/fields.tsx';
import { WarningConfirm } from '../../../components/WarningConfirm.tsx';
import { Link } from '../../../router.tsx';
import { useUsulanI18n } from './usulan.i18n.ts';

export const ELSEWHERE = 'usulan.nik_registered_elsewhere';

export function ProposalReason({
  value,
  onChange,
  errors,
  required = true,
}: {
  value: string;
  onChange: (v: string) => void;
  errors?: string[];
  required?: boolean;
}) {
  const { m } = useUsulanI18n();
  return (
    <div className="card form-section">
      <TextAreaField
        path="reason"
        label={m('new.reason')}
        hint={m('new.reasonHint')}
        value={value}
        onChange={onChange}
        required={required}
        maxLength={500}
        rows={2}
        errors={errors}
      />
    </div>
  );
}

/**
 * The warnings confirmation; a NIK still registered in another village gets a plain explanation of what
 * happens to the old record.
 */
export function ProposalWarnings({
  error,
  busy,
  onConfirm,
  onCancel,
}: {
  error: unknown;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { m } = useUsulanI18n();
  const elsewhere = error instanceof ApiError && error.issues.some((i) => i.code === ELSEWHERE);
  return (
    <WarningConfirm error={error} busy={busy} onConfirm={onConfirm} onCancel={onCancel}>
      {elsewhere && (
        <div className="alert alert--info">
          <p className="alert__title">{m('elsewhere.title')}</p>
          <p>{m('elsewhere.body')}</p>
        </div>
      )}
    </WarningConfirm>
  );
}

export function ProposalSave({ busy }: { busy: boolean }) {
  const { m, t } = useUsulanI18n();
  return (
    <>
      <p className="muted">{m('new.afterSave')}</p>
      <div className="actions actions--end">
        <Link className="button" to="/cycle/usulan">
          {t('common.cancel')}
        </Link>
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? t('common.saving') : m('new.save')}
        </button>
      </div>
    </>
  );
}

/** What the server said about the chosen household itself (e.g. it is already in an open proposal). */
export function HouseholdIssues({ messages }: { messages: string[] }) {
  if (messages.length === 0) return null;
  return (
    <p className="alert alert--error" role="alert">
      {messages.join(' ')}
    </p>
  );
}

/** The client-side check of the proposal's reason (the server applies the same rule). */
export function reasonProblems(reason: string, message: string): Record<string, string[]> {
  return reason.trim().length < 3 ? { reason: [message] } : {};
}

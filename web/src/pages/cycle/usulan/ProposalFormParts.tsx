/** Pieces every proposal form shares: the reason, the unavailable-number explanation, the save button. */
import { ApiError } from '../../../api/client.ts';
import { TextAreaField } from '../../../components/fields.tsx';
import { Link } from '../../../router.tsx';
import { useUsulanI18n } from './usulan.i18n.ts';

/** The one answer for a NIK or KK number held outside the operator's territory (src/domain/access/identity.ts). */
export const UNAVAILABLE = 'identity.unavailable';

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
 * A NIK or KK number that cannot be used here (held or being processed in another region) gets a plain
 * explanation of what happens next; the answer itself says nothing about the other record.
 */
export function ProposalUnavailable({ error }: { error: unknown }) {
  const { m } = useUsulanI18n();
  if (!(error instanceof ApiError && error.issues.some((i) => i.code === UNAVAILABLE))) return null;
  return (
    <div className="alert alert--info">
      <p className="alert__title">{m('unavailable.title')}</p>
      <p>{m('unavailable.body')}</p>
    </div>
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

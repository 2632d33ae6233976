import { type ReactNode, useEffect, useRef } from 'react';
import { ApiError } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';
import { issueFieldLabel } from '../lib/fields.ts';
import { fieldId } from './fields.tsx';

/**
 * The confirmation step for warnings (e.g. a NIK whose birth date differs from the one typed): the user
 * either corrects the form or saves anyway, which resends the request with `confirmWarnings: true`.
 */
export function WarningConfirm({
  error,
  busy,
  onConfirm,
  onCancel,
  children,
}: {
  error: unknown;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  /** A plain explanation of particular warnings, shown under the list. */
  children?: ReactNode;
}) {
  const { t, lang } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  const visible = error instanceof ApiError && error.onlyWarnings;
  // biome-ignore lint/correctness/useExhaustiveDependencies: every new answer takes focus again
  useEffect(() => {
    if (visible) ref.current?.focus();
  }, [visible, error]);
  if (!visible) return null;
  return (
    <div
      className="alert alert--warning"
      role="alertdialog"
      aria-labelledby="warning-title"
      tabIndex={-1}
      ref={ref}
    >
      <p className="alert__title" id="warning-title">
        {t('warning.title')}
      </p>
      <ul>
        {error.issues.map((i) => (
          <li key={`${i.field}:${i.code}`}>
            <a href={`#${fieldId(i.field)}`}>{issueFieldLabel(i.field, lang, t)}</a>: {i.message}
          </li>
        ))}
      </ul>
      {children}
      <p>{t('warning.explain')}</p>
      <div className="actions">
        <button type="button" className="button button--primary" onClick={onConfirm} disabled={busy}>
          {busy ? t('common.saving') : t('warning.saveAnyway')}
        </button>
        <button type="button" className="button" onClick={onCancel} disabled={busy}>
          {t('warning.fixFirst')}
        </button>
      </div>
    </div>
  );
}

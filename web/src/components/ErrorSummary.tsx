import { useEffect, useRef, useState } from 'react';
import { ApiError, requestLanguage } from '../api/client.ts';
import { errorTextsLoaded, issueFieldLabel, loadErrorTexts, serverErrorText } from '../api/error-texts.ts';
import { type Translate, useI18n } from '../i18n/index.tsx';
import { Link } from '../router.tsx';
import { fieldId } from './fields.tsx';

export function errorMessage(err: unknown, t: Translate): string {
  if (err instanceof ApiError) {
    if (err.isNetwork) return t('error.network');
    if (err.status >= 500) return serverErrorText(requestLanguage(), t('error.unexpected'));
    return err.message;
  }
  return t('error.unexpected');
}

/**
 * The problem a write answered, above the form: the server's message, then every field issue as a link to
 * its input. Takes focus when it appears so keyboard and screen-reader users land on it.
 */
export function ErrorSummary({ error }: { error: unknown }) {
  const { t, lang } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  const visible = Boolean(error) && !(error instanceof ApiError && error.onlyWarnings);
  // biome-ignore lint/correctness/useExhaustiveDependencies: every new answer takes focus again
  useEffect(() => {
    if (visible) ref.current?.focus();
  }, [visible, error]);
  const issues = error instanceof ApiError ? error.issues.filter((i) => i.severity === 'error') : [];
  // A form's own checks build their errors without a request: the field labels may still be loading.
  const labelsReady = useErrorTextsReady(visible && issues.length > 0);
  if (!visible) return null;
  return (
    <div className="alert alert--error" role="alert" tabIndex={-1} ref={ref}>
      <p className="alert__title">{issues.length ? t('error.fixFields') : errorMessage(error, t)}</p>
      {issues.length > 0 && labelsReady && (
        <ul>
          {issues.map((i) => (
            <li key={`${i.field}:${i.code}:${i.message}`}>
              <a href={`#${fieldId(i.field)}`}>{issueFieldLabel(i.field, lang, t)}</a>: {i.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** True once the error texts are loaded; starts loading them when `needed`. */
function useErrorTextsReady(needed: boolean): boolean {
  const [ready, setReady] = useState(errorTextsLoaded);
  useEffect(() => {
    if (!needed || ready) return;
    let live = true;
    void loadErrorTexts().then(() => {
      if (live) setReady(errorTextsLoaded());
    });
    return () => {
      live = false;
    };
  }, [needed, ready]);
  return ready;
}

/**
 * A failed read. A transient failure (the network, the server) offers to try again; a record that is not
 * there (404 — also one outside the reader's territory, which looks the same) would fail the same way again,
 * so it offers the way back instead: `back`, the list the record belongs to.
 */
export function LoadError({
  error,
  onRetry,
  back,
}: {
  error: unknown;
  onRetry?: () => void;
  back?: { to: string; label?: string };
}) {
  const { t } = useI18n();
  const absent = error instanceof ApiError && error.status === 404;
  return (
    <div className="alert alert--error" role="alert">
      <p className="alert__title">{errorMessage(error, t)}</p>
      {absent
        ? back && (
            <Link className="button button--small" to={back.to}>
              <span aria-hidden="true">← </span>
              {back.label ?? t('common.backToList')}
            </Link>
          )
        : onRetry && (
            <button type="button" className="button button--small" onClick={onRetry}>
              {t('common.retry')}
            </button>
          )}
    </div>
  );
}

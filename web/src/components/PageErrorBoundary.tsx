/**
 * A page of the staff app that cannot be shown says so and offers to reload, with the menu still there
 * (lib/error-boundary.tsx).
 */
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/index.tsx';
import { ErrorBoundary } from '../lib/error-boundary.tsx';
import { PageHeader } from './PageHeader.tsx';

export function PageErrorBoundary({ children }: { children: ReactNode }) {
  return <ErrorBoundary fallback={<PageFailed />}>{children}</ErrorBoundary>;
}

function PageFailed() {
  const { t } = useI18n();
  return (
    <>
      <PageHeader title={t('page.failed')} />
      <div className="alert alert--error" role="alert">
        <p className="alert__title">{t('page.failedBody')}</p>
        <button type="button" className="button button--small" onClick={() => window.location.reload()}>
          {t('page.reload')}
        </button>
      </div>
    </>
  );
}

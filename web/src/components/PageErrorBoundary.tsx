/**
 * A page that cannot be shown — its code no longer on the server (a new version was installed since this
 * tab opened, and the old version's files went with it) or a fault while it renders — says so and offers to
 * reload, with the menu still there, instead of leaving an empty screen.
 */
import { Component, type ReactNode } from 'react';
import { useI18n } from '../i18n/index.tsx';
import { PageHeader } from './PageHeader.tsx';

export class PageErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render(): ReactNode {
    return this.state.failed ? <PageFailed /> : this.props.children;
  }
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

import { useI18n } from '../i18n/index.tsx';

export function StatusBadge({ status }: { status: string }) {
  const { t } = useI18n();
  const removed = status === 'removed';
  return (
    <span className={`badge ${removed ? 'badge--removed' : 'badge--active'}`}>
      {removed ? t('status.removed') : t('status.active')}
    </span>
  );
}

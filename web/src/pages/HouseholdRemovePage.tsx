import { households } from '../api/endpoints.ts';
import { LoadError } from '../components/ErrorSummary.tsx';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { RemovalForm } from '../components/RemovalForm.tsx';
import { useLoad } from '../hooks/use-load.ts';
import { useI18n } from '../i18n/index.tsx';
import { Link, navigate } from '../router.tsx';

export function HouseholdRemovePage({ params }: { params: Record<string, string> }) {
  const { t } = useI18n();
  const household = useLoad(['households', params.id], (signal) => households.get(params.id!, signal));
  if (household.error) return <LoadError error={household.error} onRetry={household.reload} />;
  const h = household.data;
  if (!h) return <Loading />;
  return (
    <>
      <PageHeader
        title={t('householdRemove.title')}
        subtitle={`${h.headName} · ${t('field.kkNumber')} ${h.kkNumber}`}
      />
      <div className="card narrow stack">
        {h.status === 'removed' ? (
          <p>{t('householdRemove.already')}</p>
        ) : (
          <>
            <p>
              {t('householdRemove.explain', { n: h.members.filter((m) => m.status === 'active').length })}
            </p>
            <RemovalForm
              send={(body) => households.remove(h.id, { ...body, version: h.version })}
              onDone={() => navigate(`/households/${h.id}`)}
              submitLabel={t('householdRemove.submit')}
            />
          </>
        )}
        <p>
          <Link to={`/households/${h.id}`}>{t('common.back')}</Link>
        </p>
      </div>
    </>
  );
}

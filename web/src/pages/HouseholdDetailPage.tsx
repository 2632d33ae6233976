import { households } from '../api/endpoints.ts';
import type { HouseholdDetail } from '../api/types.ts';
import { LoadError } from '../components/ErrorSummary.tsx';
import { HistoryView } from '../components/HistoryView.tsx';
import { InstrumentView } from '../components/InstrumentView.tsx';
import { Loading } from '../components/Loading.tsx';
import { MembersTable } from '../components/MembersTable.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { StatusBadge } from '../components/StatusBadge.tsx';
import { TabPanel, Tabs } from '../components/Tabs.tsx';
import { useLoad } from '../hooks/use-load.ts';
import { useI18n } from '../i18n/index.tsx';
import { fieldLabel, formatFieldValue } from '../lib/fields.ts';
import { formatDateTime } from '../lib/format.ts';
import { Link, useQueryState } from '../router.tsx';
import { useSession } from '../session.tsx';
import { AsOfSelector } from './cycle/penetapan/AsOfSelector.tsx';
import { messages as rankingText } from './ranking/messages.ts';
import { RankingPanel } from './ranking/RankingPanel.tsx';
import { messages as programmesText } from './recipients/messages.ts';
import { ProgrammesPanel } from './recipients/ProgrammesPanel.tsx';

const TABS = ['data', 'members', 'ranking', 'programmes', 'history'] as const;
type TabId = (typeof TABS)[number];

export function HouseholdDetailPage({ params }: { params: Record<string, string> }) {
  const { t, lang } = useI18n();
  const id = params.id!;
  const [query, setQuery] = useQueryState();
  const tabParam = query.get('tab');
  const tab: TabId = TABS.includes(tabParam as TabId) ? (tabParam as TabId) : 'data';
  const household = useLoad(['households', id], (signal) => households.get(id, signal));

  if (household.error) {
    return (
      <>
        <PageHeader title={t('household.title')} />
        <LoadError
          error={household.error}
          onRetry={household.reload}
          back={{ to: '/households', label: t('household.backToList') }}
        />
      </>
    );
  }
  const h = household.data;
  if (!h) return <Loading />;

  return (
    <>
      <HouseholdHeader h={h} />
      <AsOfSelector householdId={h.id} currentVersion={h.version} />
      <Tabs
        label={t('household.sections')}
        current={tab}
        onChange={(next) => setQuery({ tab: next === 'data' ? undefined : next })}
        tabs={[
          { id: 'data', label: t('household.tabData') },
          { id: 'members', label: `${t('household.tabMembers')} (${h.memberCount})` },
          { id: 'ranking', label: rankingText[lang].tab },
          { id: 'programmes', label: programmesText[lang].tab },
          { id: 'history', label: t('household.tabHistory') },
        ]}
      />
      <TabPanel id={tab}>
        {tab === 'data' && <HouseholdData h={h} />}
        {tab === 'members' && <MembersTable h={h} />}
        {tab === 'ranking' && <RankingPanel householdId={h.id} />}
        {tab === 'programmes' && <ProgrammesPanel householdId={h.id} />}
        {tab === 'history' && <HistoryView householdId={h.id} version={h.version} />}
      </TabPanel>
    </>
  );
}

function HouseholdHeader({ h }: { h: HouseholdDetail }) {
  const { t, lang } = useI18n();
  const { can } = useSession();
  const writable = can('registry.write') && h.status === 'active';
  return (
    <>
      <PageHeader
        title={h.headName}
        subtitle={
          <>
            {t('field.kkNumber')} <span className="mono">{h.kkNumber}</span> <StatusBadge status={h.status} />
          </>
        }
        actions={
          writable ? (
            <>
              <Link className="button" to={`/households/${h.id}/edit`}>
                {t('household.edit')}
              </Link>
              <Link className="button" to={`/households/${h.id}/members/new`}>
                {t('household.addMember')}
              </Link>
              <Link className="button button--danger" to={`/households/${h.id}/remove`}>
                {t('household.remove')}
              </Link>
            </>
          ) : undefined
        }
      />
      <p className="region-path">
        <span className="visually-hidden">{t('field.regionCode')}: </span>
        {h.regionPath.map((r) => r.name).join(' › ')}
      </p>
      {h.status === 'removed' && (
        <div className="alert alert--info">
          <p className="alert__title">
            {t('household.removedBecause', {
              reason: formatFieldValue('removalReason', h.removalReason, lang, t),
            })}
          </p>
          {h.removalNote && <p>{h.removalNote}</p>}
        </div>
      )}
      <p className="muted small">
        {t('household.versionLine', { version: h.version, at: formatDateTime(h.updatedAt, lang) })}
      </p>
    </>
  );
}

function HouseholdData({ h }: { h: HouseholdDetail }) {
  const { t, lang } = useI18n();
  const row = (field: string, value: unknown) => (
    <div key={field}>
      <dt>{fieldLabel(field, lang, t)}</dt>
      <dd>{formatFieldValue(field, value, lang, t)}</dd>
    </div>
  );
  return (
    <div className="stack">
      <section className="card" aria-labelledby="sec-address">
        <h2 id="sec-address">{t('household.addressSection')}</h2>
        <dl className="dl-grid">
          {row('kkNumber', h.kkNumber)}
          {row('address', h.address)}
          {row('rw', h.rw)}
          {row('rt', h.rt)}
          <div>
            <dt>{t('field.regionCode')}</dt>
            <dd>
              {h.regionPath.at(-1)?.name} <span className="muted mono small">{h.regionCode}</span>
            </dd>
          </div>
          {h.latitude !== null && row('latitude', h.latitude)}
          {h.longitude !== null && row('longitude', h.longitude)}
        </dl>
      </section>
      <InstrumentView values={h as unknown as Record<string, unknown>} />
    </div>
  );
}

import { stats } from '../api/endpoints.ts';
import { regionDetail, regionLevel } from '../api/region-cache.ts';
import { Breadcrumb, type Crumb } from '../components/Breadcrumb.tsx';
import { LoadError } from '../components/ErrorSummary.tsx';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { useLoad } from '../hooks/use-load.ts';
import { useI18n } from '../i18n/index.tsx';
import { formatNumber } from '../lib/format.ts';
import { Link, useQueryState, withQuery } from '../router.tsx';
import { useUser } from '../session.tsx';
import { TodoList } from './todo/TodoList.tsx';

function within(code: string, root: string): boolean {
  return root === '' || code === root || code.startsWith(`${root}.`);
}

/** Crumbs from the user's territory down to `code`. */
async function crumbsFor(code: string, root: string, rootLabel: string): Promise<Crumb[]> {
  const crumbs: Crumb[] = [{ label: rootLabel, to: '/' }];
  if (code === root) return crumbs;
  const detail = await regionDetail(code);
  for (const a of detail.ancestors) {
    if (a.code !== root && within(a.code, root))
      crumbs.push({ label: a.name, to: withQuery('/', { region: a.code }) });
  }
  crumbs.push({ label: detail.name });
  return crumbs;
}

export function DashboardPage() {
  const { t, lang } = useI18n();
  const user = useUser();
  const [query] = useQueryState();
  const root = user.regionCode;
  const requested = query.get('region') ?? '';
  const region = requested && within(requested, root) ? requested : root;
  const rootLabel = root === '' ? t('region.national') : (user.regionName ?? root);

  const counts = useLoad(['stats', 'regions', region], (signal) =>
    stats.regions(region || undefined, signal),
  );
  const crumbs = useLoad(['regions', 'crumbs', region, root, rootLabel], () =>
    crumbsFor(region, root, rootLabel),
  );

  const rows = counts.data?.rows ?? [];
  const total = rows.reduce(
    (s, r) => ({ households: s.households + r.households, persons: s.persons + r.persons }),
    {
      households: 0,
      persons: 0,
    },
  );
  const max = Math.max(1, ...rows.map((r) => r.households));
  const level = regionLevel(region);
  const childLevel = level + 1;
  const regionTitle = counts.data?.region?.name ?? rootLabel;

  return (
    <>
      <PageHeader
        title={t('dashboard.title')}
        subtitle={regionTitle}
        actions={
          <Link className="button" to={withQuery('/households', { region: region || undefined })}>
            {t('dashboard.viewHouseholds')}
          </Link>
        }
      />
      {!requested && <TodoList />}
      <Breadcrumb items={crumbs.data ?? [{ label: rootLabel }]} />
      {counts.error ? <LoadError error={counts.error} onRetry={counts.reload} /> : null}
      {counts.loading && !counts.data ? <Loading /> : null}
      {counts.data && (
        <>
          <div className="stat-cards">
            <div className="stat-card">
              <span className="stat-card__label">{t('dashboard.households')}</span>
              <span className="stat-card__value">{formatNumber(total.households, lang)}</span>
            </div>
            <div className="stat-card">
              <span className="stat-card__label">{t('dashboard.persons')}</span>
              <span className="stat-card__value">{formatNumber(total.persons, lang)}</span>
            </div>
            {level < 4 && (
              <div className="stat-card">
                <span className="stat-card__label">
                  {t(`dashboard.regionsWithData${childLevel as 1 | 2 | 3 | 4}`)}
                </span>
                <span className="stat-card__value">{formatNumber(rows.length, lang)}</span>
              </div>
            )}
          </div>
          {rows.length === 0 ? (
            <p className="empty">{t('dashboard.empty')}</p>
          ) : (
            <div className="table-wrap">
              <table className="table">
                <caption className="visually-hidden">
                  {t('dashboard.caption', { region: regionTitle })}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">
                      {level < 4 ? t(`region.level${childLevel as 1 | 2 | 3 | 4}`) : t('region.level4')}
                    </th>
                    <th scope="col" className="num">
                      {t('dashboard.households')}
                    </th>
                    <th scope="col" className="num">
                      {t('dashboard.persons')}
                    </th>
                    <th scope="col" className="bar-col">
                      <span className="visually-hidden">{t('dashboard.share')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr key={r.code}>
                      <th scope="row">
                        {level < 3 ? (
                          <Link to={withQuery('/', { region: r.code })}>{r.name}</Link>
                        ) : (
                          <Link to={withQuery('/households', { region: r.code })}>{r.name}</Link>
                        )}
                        <span className="muted small"> {r.code}</span>
                      </th>
                      <td className="num">{formatNumber(r.households, lang)}</td>
                      <td className="num">{formatNumber(r.persons, lang)}</td>
                      <td className="bar-col" aria-hidden="true">
                        <span className="bar" style={{ width: `${(r.households / max) * 100}%` }} />
                      </td>
                    </tr>
                  ))}
                </tbody>
                {rows.length > 1 && (
                  <tfoot>
                    <tr>
                      <th scope="row">{t('dashboard.total')}</th>
                      <td className="num">{formatNumber(total.households, lang)}</td>
                      <td className="num">{formatNumber(total.persons, lang)}</td>
                      <td />
                    </tr>
                  </tfoot>
                )}
              </table>
            </div>
          )}
          {level === 3 && <p className="muted small">{t('dashboard.villageHint')}</p>}
        </>
      )}
    </>
  );
}

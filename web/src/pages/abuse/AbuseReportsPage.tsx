/** Abuse of the public check, for Dinas Sosial, Pusdatin and administrators, filtered to their territory. */
import type { AbuseReport } from '../../../../src/modules/public/public.schemas.ts';
import { request } from '../../api/client.ts';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { Loading } from '../../components/Loading.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useLoad } from '../../hooks/use-load.ts';
import { useI18n, useText } from '../../i18n/index.tsx';
import { formatDateTime, formatNumber } from '../../lib/format.ts';
import { type AbuseKey, messages } from './messages.ts';

export function AbuseReportsPage() {
  const { lang } = useI18n();
  const tx = useText(messages);
  const list = useLoad(['abuse-reports'], (signal) =>
    request<{ items: AbuseReport[] }>('GET', '/abuse-reports', { signal }),
  );
  const known = (key: string) => (key in messages.id ? tx(key as AbuseKey) : key);
  return (
    <>
      <PageHeader title={tx('title')} subtitle={tx('intro')} />
      <ErrorSummary error={list.error} />
      {list.loading && !list.data ? (
        <Loading />
      ) : list.data?.items.length === 0 ? (
        <p>{tx('none')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="abuse-reports">
            <thead>
              <tr>
                <th scope="col">{tx('hour')}</th>
                <th scope="col">{tx('kind')}</th>
                <th scope="col">{tx('channel')}</th>
                <th scope="col">{tx('region')}</th>
                <th scope="col">{tx('subject')}</th>
                <th scope="col" className="num">
                  {tx('count')}
                </th>
                <th scope="col">{tx('last')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data?.items.map((r) => (
                <tr key={r.id}>
                  <td>{r.hour.replace('T', ' ')}:00</td>
                  <td>{known(`kind.${r.kind}`)}</td>
                  <td>{known(`channel.${r.channel}`)}</td>
                  <td>{r.regionName ?? tx('noRegion')}</td>
                  <td>
                    <code data-raw="id">{r.subject}</code>
                  </td>
                  <td className="num">{formatNumber(r.count, lang)}</td>
                  <td>{formatDateTime(r.lastAt, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

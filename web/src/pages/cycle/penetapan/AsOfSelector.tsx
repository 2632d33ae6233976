/**
 * On a household's page: "what did DTKS say about this household in period X?" — pick a determined
 * period and see the version DTKS held then (GET /households/{id}?asOf=…), next to today's data.
 */
import { useState } from 'react';
import type { ApiError } from '../../../api/client.ts';
import { DataTable } from '../../../components/cycle/DataTable.tsx';
import { LoadError } from '../../../components/ErrorSummary.tsx';
import { SelectField } from '../../../components/fields.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { StatusBadge } from '../../../components/StatusBadge.tsx';
import { useLoad } from '../../../hooks/use-load.ts';
import { formatPeriod } from '../../../lib/format.ts';
import { penetapanApi } from './penetapan.api.ts';
import { usePenetapanI18n } from './penetapan.i18n.ts';

export function AsOfSelector({
  householdId,
  currentVersion,
}: {
  householdId: string;
  currentVersion: number;
}) {
  const { m, lang } = usePenetapanI18n();
  const [period, setPeriod] = useState('');
  const periods = useLoad(['periods'], (signal) => penetapanApi.list(signal));
  const determined = (periods.data?.items ?? []).filter((p) => p.state === 'determined');
  if (periods.error || !periods.data || determined.length === 0) return null;
  return (
    <section className="card stack" aria-label={m('asOf.label')}>
      <div className="filters__row">
        <SelectField
          path="asOf"
          label={m('asOf.label')}
          value={period}
          onChange={setPeriod}
          empty={m('asOf.current')}
          options={determined.map((p) => ({
            value: p.period,
            label: `${formatPeriod(p.period, lang)} · ${p.skNumber ?? ''}`,
          }))}
        />
      </div>
      {period && (
        <AsOfView key={period} householdId={householdId} period={period} currentVersion={currentVersion} />
      )}
    </section>
  );
}

function AsOfView({
  householdId,
  period,
  currentVersion,
}: {
  householdId: string;
  period: string;
  currentVersion: number;
}) {
  const { m, lang } = usePenetapanI18n();
  const asOf = useLoad(['households', householdId, { asOf: period }], (signal) =>
    penetapanApi.householdAsOf(householdId, period, signal),
  );
  if (asOf.error) {
    if ((asOf.error as ApiError).status === 404) {
      return (
        <p className="alert alert--info" role="status">
          {m('asOf.absent', { period: formatPeriod(period, lang) })}
        </p>
      );
    }
    return <LoadError error={asOf.error} onRetry={asOf.reload} />;
  }
  const h = asOf.data;
  if (!h) return <Loading />;
  const active = h.members.filter((x) => x.status === 'active');
  return (
    <div className="stack">
      <h3>{m('asOf.title', { period: formatPeriod(period, lang) })}</h3>
      <p className="muted">
        {m('asOf.version', { version: h.version, current: currentVersion })}
        {h.version === currentVersion ? ` ${m('asOf.same')}` : ''}
      </p>
      <dl className="dl-grid dl-grid--compact">
        <dt>{m('asOf.status')}</dt>
        <dd>
          <StatusBadge status={h.status} />
        </dd>
        <dt>{m('asOf.head')}</dt>
        <dd>{h.headName}</dd>
        <dt>{m('asOf.address')}</dt>
        <dd>
          {h.address}, RT {h.rt}/RW {h.rw}
        </dd>
      </dl>
      <DataTable caption={m('asOf.members')} captionHidden columns={[m('asOf.name'), m('asOf.nik')]}>
        {active.map((x) => (
          <tr key={x.id}>
            <th scope="row">{x.name}</th>
            <td className="mono">{x.nik}</td>
          </tr>
        ))}
      </DataTable>
    </div>
  );
}

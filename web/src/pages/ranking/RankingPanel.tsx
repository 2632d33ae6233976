/**
 * "Why this desil": a household's deciles in a determined period, its BPS criteria, and each variable's
 * contribution to its score, largest first (GET /households/{id}/ranking). A period ranked by more than one
 * model version offers them all (GET /periods/{period}/ranking-runs): the newest by default, a past run as
 * it was (`?model=`).
 */

import { useState } from 'react';
import type { Lang } from '../../../../src/domain/errors.ts';
import { rupiah } from '../../../../src/domain/group-digits.ts';
import type { HouseholdRanking, RankingRunList } from '../../../../src/modules/ranking/ranking.schemas.ts';
import { http } from '../../api/client.ts';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { Loading } from '../../components/Loading.tsx';
import { useLoad } from '../../hooks/use-load.ts';
import { useI18n, useText } from '../../i18n/index.tsx';
import { formatPeriod } from '../../lib/format.ts';
import { penetapanApi } from '../cycle/penetapan/penetapan.api.ts';
import { messages } from './messages.ts';

type Ranking = HouseholdRanking;

const decimal = (n: number, lang: Lang, digits: number) =>
  n.toLocaleString(lang === 'id' ? 'id-ID' : 'en-GB', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });

/** A value as the instrument names it: the answer's label, an amount in rupiah, a quantity with its unit. */
function valueText(c: Ranking['contributions'][number], lang: Lang): string {
  const value = c.value ?? 0;
  if (c.valueLabel) return c.valueLabel[lang];
  if (c.unit === 'Rp') return rupiah(Math.round(value), lang);
  const n = decimal(value, lang, Number.isInteger(value) ? 0 : 2);
  return c.unit ? `${n} ${c.unit}` : n;
}

export function RankingPanel({ householdId }: { householdId: string }) {
  const { lang } = useI18n();
  const tx = useText(messages);
  const periods = useLoad(['periods'], (signal) => penetapanApi.list(signal));
  const determined = (periods.data?.items ?? []).filter((p) => p.state === 'determined').map((p) => p.period);
  const [chosen, setChosen] = useState<string | null>(null);
  const period = chosen ?? determined[0] ?? null;
  const runs = useLoad(
    ['periods', period, 'ranking-runs'],
    (signal) =>
      http.get<RankingRunList>(`/periods/${encodeURIComponent(period!)}/ranking-runs`, undefined, signal),
    { enabled: period !== null },
  );
  // The model chosen for this period (null: the newest run, the answer's default).
  const [chosenModel, setChosenModel] = useState<{ period: string; model: string } | null>(null);
  const model = chosenModel && chosenModel.period === period ? chosenModel.model : null;
  const versions = runs.data?.period === period ? runs.data.items : [];
  const ranking = useLoad(['households', householdId, 'ranking', period, model], (signal) =>
    period
      ? http
          .get<Ranking>(
            `/households/${encodeURIComponent(householdId)}/ranking`,
            model ? { period, model } : { period },
            signal,
          )
          .catch((err: unknown) => {
            if ((err as { status?: number }).status === 404) return null;
            throw err;
          })
      : Promise.resolve(null),
  );

  if (periods.loading && !periods.data) return <Loading />;
  if (!determined.length) return <p>{tx('noPeriods')}</p>;
  const r = ranking.data;
  const shown = r
    ? [...r.contributions]
        .filter((c) => c.contribution !== 0)
        .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution))
    : [];
  return (
    <section className="card" aria-labelledby="ranking-title" data-testid="ranking-panel">
      <h2 id="ranking-title">{tx('title')}</h2>
      <label className="field">
        <span className="field__label">{tx('period')}</span>
        <select value={period ?? ''} onChange={(e) => setChosen(e.target.value)}>
          {determined.map((p) => (
            <option key={p} value={p}>
              {formatPeriod(p, lang)}
            </option>
          ))}
        </select>
      </label>
      {versions.length > 1 && period && (
        <label className="field">
          <span className="field__label">{tx('model')}</span>
          <select
            value={model ?? ''}
            onChange={(e) => setChosenModel(e.target.value ? { period, model: e.target.value } : null)}
          >
            <option value="">{tx('newestModel', { model: versions[0]!.modelVersion })}</option>
            {versions.slice(1).map((v) => (
              <option key={v.modelVersion} value={v.modelVersion}>
                {v.modelVersion}
              </option>
            ))}
          </select>
        </label>
      )}
      <ErrorSummary error={ranking.error} />
      {ranking.loading && !r ? (
        <Loading />
      ) : !r ? (
        <p>{tx('none')}</p>
      ) : (
        <>
          <dl className="dl-grid dl-grid--compact">
            <div>
              <dt>{tx('national')}</dt>
              <dd className="decile" data-testid="decile-national">
                {r.decile.national}
              </dd>
            </div>
            <div>
              <dt>{tx('province')}</dt>
              <dd className="decile">{r.decile.province}</dd>
            </div>
            <div>
              <dt>{tx('regency')}</dt>
              <dd className="decile">{r.decile.regency}</dd>
            </div>
            <div>
              <dt>{tx('score')}</dt>
              <dd>{decimal(r.score, lang, 3)}</dd>
            </div>
          </dl>
          <p className="small muted">{tx('scoreHint', { model: r.modelVersion })}</p>
          <h3>{tx('criteria')}</h3>
          <p data-testid="criteria14">
            <strong>{tx('criteriaCount', { count: r.criteria14 })}</strong> —{' '}
            {r.criteria14 >= 9 ? tx('poor') : tx('notPoor')}
            {r.criteriaUnknown.length > 0 && (
              <> ({tx('unknownCriteria', { count: r.criteriaUnknown.length })})</>
            )}
          </p>
          <ul>
            {r.criteriaMet.map((c) => (
              <li key={c}>{tx(`c.${c}` as Parameters<typeof tx>[0])}</li>
            ))}
          </ul>
          <h3>{tx('contributions')}</h3>
          <div className="table-wrap">
            <table className="table" data-testid="contributions">
              <thead>
                <tr>
                  <th scope="col">{tx('variable')}</th>
                  <th scope="col" className="num">
                    {tx('value')}
                  </th>
                  <th scope="col" className="num">
                    {tx('contribution')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {shown.map((c) => (
                  <tr key={c.variable}>
                    <td>{c.label ? c.label[lang] : c.variable}</td>
                    <td className="num">{c.value === null ? tx('unknownValue') : valueText(c, lang)}</td>
                    <td className="num" title={c.contribution < 0 ? tx('lowers') : tx('raises')}>
                      {c.contribution > 0 ? '+' : '−'}
                      {decimal(Math.abs(c.contribution), lang, 3)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="small muted">{tx('zeroHidden')}</p>
        </>
      )}
    </section>
  );
}

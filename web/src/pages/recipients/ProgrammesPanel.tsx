/**
 * The household's "Program" tab: its bansos programmes period by period, and why it does or does not
 * receive each programme in its latest evaluation, line by line (GET /households/{id}/programmes).
 */

import { rupiah } from '../../../../src/domain/group-digits.ts';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { Loading } from '../../components/Loading.tsx';
import { useLoad } from '../../hooks/use-load.ts';
import { useI18n, useText } from '../../i18n/index.tsx';
import { formatPeriod } from '../../lib/format.ts';
import { componentName, exclusionName, useProgrammeName } from './labels.ts';
import { messages } from './messages.ts';
import { OptOutsSection } from './OptOutsSection.tsx';
import { PeriodAmount } from './PeriodAmount.tsx';
import { recipientsApi } from './recipients.api.ts';

export function ProgrammesPanel({ householdId }: { householdId: string }) {
  const { lang } = useI18n();
  const tx = useText(messages);
  const nameOf = useProgrammeName();
  const data = useLoad(['households', householdId, 'programmes'], (signal) =>
    recipientsApi.household(householdId, signal),
  );
  if (data.loading && !data.data) return <Loading />;
  const h = data.data;
  const status = (s: string) =>
    s === 'recipient'
      ? tx('recipient')
      : s.startsWith('proposed:')
        ? tx('proposedAs', { outcome: tx(`outcome.${s.slice(9)}` as 'outcome.candidate') })
        : tx(`outcome.${s}` as 'outcome.candidate');
  return (
    <section className="stack" data-testid="household-programmes">
      <ErrorSummary error={data.error} />
      {!h?.history.length ? (
        <p>{tx('noHistory')}</p>
      ) : (
        <>
          {h.latest && (
            <>
              <h2>{tx('latestTitle', { period: formatPeriod(h.latest.period, lang) })}</h2>
              <div className="stack">
                {h.latest.evaluations.map((e) => (
                  <article
                    key={e.programme}
                    className="card"
                    data-programme={e.programme}
                    data-outcome={e.outcome}
                  >
                    <h3>{nameOf(e.programme)}</h3>
                    <p>
                      <strong>{tx(`outcome.${e.outcome}`)}</strong>
                      {e.amount > 0 && ` · ${rupiah(e.amount, lang)}`}
                      {e.yearlyAmount > 0 && ` · ${tx('perYear', { amount: rupiah(e.yearlyAmount, lang) })}`}
                    </p>
                    {e.codes.length > 0 && (
                      <p className="muted">{e.codes.map((c) => exclusionName(c, lang)).join('; ')}</p>
                    )}
                    <ul>
                      {e.reasons.map((r) => (
                        <li key={`${r.code}:${r.text.en}`}>{r.text[lang]}</li>
                      ))}
                    </ul>
                  </article>
                ))}
              </div>
            </>
          )}
          <h2>{tx('historyTitle')}</h2>
          <div className="table-wrap">
            <table className="table" data-testid="programme-history">
              <thead>
                <tr>
                  <th scope="col">{tx('period')}</th>
                  <th scope="col">{tx('programme')}</th>
                  <th scope="col">{tx('state')}</th>
                  <th scope="col" className="num">
                    {tx('amount')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {h.history.flatMap((p) =>
                  p.programmes.map((x) => (
                    <tr key={`${p.period}/${x.programme}`} data-status={x.status}>
                      <td>{formatPeriod(p.period, lang)}</td>
                      <td>{nameOf(x.programme)}</td>
                      <td>
                        {status(x.status)}
                        {x.codes.length > 0 && (
                          <div className="muted small">
                            {x.codes.map((c) => exclusionName(c, lang)).join('; ')}
                          </div>
                        )}
                      </td>
                      <td className="num">
                        <PeriodAmount
                          amount={x.amount}
                          payment={x.payment}
                          period={p.period}
                          receiving={x.status === 'recipient' || x.status === 'proposed:candidate'}
                        />
                        {x.components.length > 0 && (
                          <div className="muted small">
                            {x.components.map((c) => `${componentName(c.code, lang)} ×${c.count}`).join(', ')}
                          </div>
                        )}
                      </td>
                    </tr>
                  )),
                )}
              </tbody>
            </table>
          </div>
        </>
      )}
      <OptOutsSection householdId={householdId} />
    </section>
  );
}

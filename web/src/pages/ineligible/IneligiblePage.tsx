/**
 * Households declared ineligible (ditidaklayakkan) in the user's territory; the regency Dinas Sosial lifts a
 * declaration with a reason (the service decides who may: the button is only a hint).
 */

import { type FormEvent, useState } from 'react';
import type { z } from 'zod';
import type { IneligibleListItem } from '../../../../src/modules/eligibility/eligibility.schemas.ts';
import { request } from '../../api/client.ts';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { TextField } from '../../components/fields.tsx';
import { Loading } from '../../components/Loading.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useLoad } from '../../hooks/use-load.ts';
import { useRegionNames } from '../../hooks/use-region-names.ts';
import { useI18n, useText } from '../../i18n/index.tsx';
import { fieldErrors } from '../../lib/form-errors.ts';
import { formatDate, formatNumber, formatPeriod } from '../../lib/format.ts';
import { Link } from '../../router.tsx';
import { may, useUser } from '../../session.tsx';
import { messages } from './messages.ts';

type Declaration = z.infer<typeof IneligibleListItem>;

export function IneligiblePage() {
  const { lang } = useI18n();
  const tx = useText(messages);
  const user = useUser();
  const list = useLoad(['ineligible'], (signal) =>
    request<{ items: Declaration[] }>('GET', '/ineligible', { signal }),
  );
  const villages = useRegionNames(list.data?.items.map((d) => d.regionCode) ?? []);
  const [lifting, setLifting] = useState<Declaration | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const mayLift = may(user, 'eligibility.declare');
  const errors = fieldErrors(error);

  const lift = async (e: FormEvent) => {
    e.preventDefault();
    if (!lifting) return;
    setError(null);
    try {
      const r = await request<{ niks: number }>(
        'POST',
        `/households/${lifting.householdId}/ineligible/lift`,
        {
          json: { reason },
        },
      );
      setDone(tx('lifted', { head: lifting.headName, niks: r.niks }));
      setLifting(null);
      setReason('');
      list.reload();
    } catch (err) {
      setError(err);
    }
  };

  return (
    <>
      <PageHeader title={tx('title')} subtitle={tx('intro')} />
      <ErrorSummary error={list.error} />
      {done && (
        <p role="status" className="notice">
          {done}
        </p>
      )}
      {lifting && (
        <form className="card form-section" onSubmit={(e) => void lift(e)} noValidate>
          <h2>{tx('liftTitle', { head: lifting.headName, kk: lifting.kkNumber })}</h2>
          <ErrorSummary error={error} />
          <TextField
            path="reason"
            label={tx('liftReason')}
            value={reason}
            onChange={setReason}
            maxLength={500}
            required
            errors={errors.reason}
          />
          <div className="actions">
            <button type="submit" className="button button--primary">
              {tx('liftConfirm')}
            </button>
            <button type="button" className="button" onClick={() => setLifting(null)}>
              {tx('cancel')}
            </button>
          </div>
        </form>
      )}
      {list.loading && !list.data ? (
        <Loading />
      ) : list.data?.items.length === 0 ? (
        <p>{tx('none')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="ineligible">
            <thead>
              <tr>
                <th scope="col">{tx('head')}</th>
                <th scope="col">{tx('kk')}</th>
                <th scope="col">{tx('village')}</th>
                <th scope="col">{tx('period')}</th>
                <th scope="col">{tx('reason')}</th>
                <th scope="col" className="num">
                  {tx('persons')}
                </th>
                <th scope="col">{tx('declaredAt')}</th>
                {mayLift && (
                  <th scope="col">
                    <span className="visually-hidden">{tx('lift')}</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {list.data?.items.map((d) => (
                <tr key={d.householdId}>
                  <td>
                    <Link to={`/households/${d.householdId}`}>{d.headName}</Link>
                  </td>
                  <td>{d.kkNumber}</td>
                  <td>{villages.get(d.regionCode) ?? d.regionCode}</td>
                  <td>{formatPeriod(d.period, lang)}</td>
                  <td>{d.reason}</td>
                  <td className="num">{formatNumber(d.persons, lang)}</td>
                  <td>{formatDate(d.declaredAt, lang)}</td>
                  {mayLift && (
                    <td>
                      <button
                        type="button"
                        className="button button--small"
                        onClick={() => {
                          setDone(null);
                          setError(null);
                          setLifting(d);
                        }}
                      >
                        {tx('lift')}
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

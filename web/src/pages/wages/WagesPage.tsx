/** The regional minimum wages (UMP/UMK) as reference data: everyone reads them, a province user sets its own. */

import { type FormEvent, useState } from 'react';
import type { z } from 'zod';
import type { Wage as WageSchema } from '../../../../src/modules/wages/wages.schemas.ts';
import { request } from '../../api/client.ts';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { TextField } from '../../components/fields.tsx';
import { Loading } from '../../components/Loading.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useLoad } from '../../hooks/use-load.ts';
import { useI18n, useText } from '../../i18n/index.tsx';
import { fieldErrors } from '../../lib/form-errors.ts';
import { formatNumber } from '../../lib/format.ts';
import { useSession } from '../../session.tsx';
import { messages } from './messages.ts';

type Wage = z.infer<typeof WageSchema>;

interface Draft {
  regionCode: string;
  year: string;
  monthlyAmount: string;
  decree: string;
  version?: number;
}

const EMPTY: Draft = {
  regionCode: '',
  year: String(new Date().getFullYear()),
  monthlyAmount: '',
  decree: '',
};

const wholeOrText = (s: string) => (/^\d+$/.test(s.trim()) ? Number(s.trim()) : s);

export function WagesPage() {
  const { lang } = useI18n();
  const tx = useText(messages);
  const { can } = useSession();
  const list = useLoad(['minimum-wages'], (signal) =>
    request<{ items: Wage[] }>('GET', '/minimum-wages', { signal }),
  );
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const editable = can('reference.write');
  const errors = fieldErrors(error);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setSaved(null);
    try {
      const w = await request<Wage>('PUT', '/minimum-wages', {
        json: {
          regionCode: draft.regionCode,
          year: wholeOrText(draft.year),
          monthlyAmount: wholeOrText(draft.monthlyAmount),
          decree: draft.decree.trim() || null,
          ...(draft.version ? { version: draft.version } : {}),
        },
      });
      setSaved(tx('saved', { kind: tx(`kind.${w.kind}`), region: w.regionName, year: w.year }));
      setDraft(EMPTY);
      list.reload();
    } catch (err) {
      setError(err);
    }
  };

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
          <table className="table" data-testid="wages">
            <thead>
              <tr>
                <th scope="col">{tx('year')}</th>
                <th scope="col">{tx('kind')}</th>
                <th scope="col">{tx('region')}</th>
                <th scope="col" className="num">
                  {tx('amount')}
                </th>
                <th scope="col">{tx('decree')}</th>
                {editable && (
                  <th scope="col">
                    <span className="visually-hidden">{tx('edit')}</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {list.data?.items.map((w) => (
                <tr key={`${w.regionCode}/${w.year}`}>
                  <td>{w.year}</td>
                  <td>{tx(`kind.${w.kind}`)}</td>
                  <td>
                    {w.regionName} <span className="muted small">{w.regionCode}</span>
                  </td>
                  <td className="num">Rp {formatNumber(w.monthlyAmount, lang)}</td>
                  <td>{w.decree ?? '—'}</td>
                  {editable && (
                    <td>
                      <button
                        type="button"
                        className="button button--small"
                        onClick={() =>
                          setDraft({
                            regionCode: w.regionCode,
                            year: String(w.year),
                            monthlyAmount: String(w.monthlyAmount),
                            decree: w.decree ?? '',
                            version: w.version,
                          })
                        }
                      >
                        {tx('edit')}
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {editable && (
        <form className="card form-section" onSubmit={(e) => void submit(e)} noValidate>
          <h2>{tx('formTitle')}</h2>
          {saved && (
            <p role="status" className="notice">
              {saved}
            </p>
          )}
          <ErrorSummary error={error} />
          <div className="form-grid">
            <TextField
              path="regionCode"
              label={tx('regionCode')}
              value={draft.regionCode}
              onChange={(v) => setDraft({ ...draft, regionCode: v })}
              readOnly={draft.version !== undefined}
              required
              errors={errors.regionCode}
            />
            <TextField
              path="year"
              label={tx('year')}
              value={draft.year}
              onChange={(v) => setDraft({ ...draft, year: v })}
              inputMode="numeric"
              readOnly={draft.version !== undefined}
              required
              errors={errors.year}
            />
            <TextField
              path="monthlyAmount"
              label={tx('amount')}
              value={draft.monthlyAmount}
              onChange={(v) => setDraft({ ...draft, monthlyAmount: v })}
              inputMode="numeric"
              required
              errors={errors.monthlyAmount}
            />
            <TextField
              path="decree"
              label={tx('decree')}
              value={draft.decree}
              onChange={(v) => setDraft({ ...draft, decree: v })}
              maxLength={200}
              errors={errors.decree}
            />
          </div>
          <div className="actions">
            <button type="submit" className="button button--primary">
              {tx('save')}
            </button>
            {draft.version !== undefined && (
              <button type="button" className="button" onClick={() => setDraft(EMPTY)}>
                {tx('cancel')}
              </button>
            )}
          </div>
        </form>
      )}
    </>
  );
}

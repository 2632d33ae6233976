/**
 * On the household's "Program" tab: its opt-outs of programmes (mengundurkan diri), standing and withdrawn,
 * and — for staff who may write the registry — recording one on the citizen's written request, or
 * withdrawing a standing one. The next recipients computation applies it (exclusion OPTED_OUT).
 */
import { type FormEvent, useState } from 'react';
import { request } from '../../api/client.ts';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { SelectField, TextField } from '../../components/fields.tsx';
import { useLoad } from '../../hooks/use-load.ts';
import { useText } from '../../i18n/index.tsx';
import { fieldErrors } from '../../lib/form-errors.ts';
import { useSession } from '../../session.tsx';
import { useProgrammeName } from './labels.ts';
import { messages } from './messages.ts';

interface OptOut {
  id: string;
  programme: string;
  requestedOn: string;
  reason: string;
  evidence: string | null;
  recordedAt: string;
  standing: boolean;
  withdrawnAt: string | null;
  withdrawReason: string | null;
  /** Declared by the citizen on the portal (/warga/program) or recorded here on a written request. */
  declaredBy: 'staff' | 'citizen';
  withdrawnBy: 'staff' | 'citizen' | null;
}

const base = (householdId: string) => `/households/${encodeURIComponent(householdId)}/opt-outs`;

export function OptOutsSection({ householdId }: { householdId: string }) {
  const tx = useText(messages);
  const nameOf = useProgrammeName();
  const mayWrite = useSession().can('registry.write');
  const list = useLoad(['households', householdId, 'opt-outs'], (signal) =>
    request<{ items: OptOut[] }>('GET', base(householdId), { signal }),
  );
  const programmes = useLoad(['programmes', 'codes-or-none'], (signal) =>
    request<{ items: { code: string }[] }>('GET', '/programmes', { signal }).catch(() => ({ items: [] })),
  );
  const [form, setForm] = useState({ programme: '', requestedOn: '', reason: '', evidence: '' });
  const [withdrawing, setWithdrawing] = useState<OptOut | null>(null);
  const [withdrawReason, setWithdrawReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const errors = fieldErrors(error);
  const set = (k: keyof typeof form) => (v: string) => setForm((f) => ({ ...f, [k]: v }));

  const record = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const r = await request<OptOut>('POST', base(householdId), {
        json: {
          programme: form.programme,
          requestedOn: form.requestedOn,
          reason: form.reason,
          ...(form.evidence ? { evidence: form.evidence } : {}),
        },
      });
      setDone(tx('optOut.recorded', { programme: nameOf(r.programme) }));
      setForm({ programme: '', requestedOn: '', reason: '', evidence: '' });
      list.reload();
    } catch (err) {
      setError(err);
    }
  };

  const withdraw = async (e: FormEvent) => {
    e.preventDefault();
    if (!withdrawing) return;
    setError(null);
    try {
      await request<OptOut>('POST', `${base(householdId)}/${withdrawing.id}/withdraw`, {
        json: { reason: withdrawReason },
      });
      setDone(tx('optOut.withdrawn', { programme: nameOf(withdrawing.programme) }));
      setWithdrawing(null);
      setWithdrawReason('');
      list.reload();
    } catch (err) {
      setError(err);
    }
  };

  const items = list.data?.items ?? [];
  return (
    <section className="stack" data-testid="opt-outs">
      <h2>{tx('optOut.title')}</h2>
      <p className="muted">{tx('optOut.intro')}</p>
      <ErrorSummary error={list.error} />
      {done && (
        <p role="status" className="notice">
          {done}
        </p>
      )}
      {items.length === 0 ? (
        <p>{tx('optOut.none')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{tx('programme')}</th>
                <th scope="col">{tx('optOut.requestedOn')}</th>
                <th scope="col">{tx('optOut.reason')}</th>
                <th scope="col">{tx('state')}</th>
                {mayWrite && <th scope="col">{tx('actions')}</th>}
              </tr>
            </thead>
            <tbody>
              {items.map((o) => (
                <tr key={o.id} data-programme={o.programme} data-standing={o.standing}>
                  <td>{nameOf(o.programme)}</td>
                  <td>
                    {o.requestedOn}
                    {o.declaredBy === 'citizen' && (
                      <div className="muted small" data-declared-by="citizen">
                        {tx('optOut.byCitizen')}
                      </div>
                    )}
                  </td>
                  <td>
                    {o.reason}
                    {o.evidence && <div className="muted small">{o.evidence}</div>}
                  </td>
                  <td>
                    {o.standing
                      ? tx('optOut.standing')
                      : tx('optOut.withdrawnOn', { date: o.withdrawnAt!.slice(0, 10) })}
                    {o.withdrawnBy === 'citizen' && (
                      <div className="muted small">{tx('optOut.byCitizen')}</div>
                    )}
                    {o.withdrawReason && <div className="muted small">{o.withdrawReason}</div>}
                  </td>
                  {mayWrite && (
                    <td>
                      {o.standing && (
                        <button
                          type="button"
                          className="button button--small"
                          onClick={() => setWithdrawing(o)}
                        >
                          {tx('optOut.withdraw')}
                        </button>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {mayWrite && withdrawing && (
        <form className="card form-section" onSubmit={(e) => void withdraw(e)} noValidate>
          <h3>{tx('optOut.withdrawTitle', { programme: nameOf(withdrawing.programme) })}</h3>
          <ErrorSummary error={error} />
          <TextField
            path="reason"
            label={tx('optOut.withdrawReason')}
            value={withdrawReason}
            onChange={setWithdrawReason}
            maxLength={500}
            required
            errors={errors.reason}
          />
          <div className="actions">
            <button type="submit" className="button button--primary">
              {tx('optOut.withdraw')}
            </button>
            <button type="button" className="button" onClick={() => setWithdrawing(null)}>
              {tx('optOut.cancel')}
            </button>
          </div>
        </form>
      )}
      {mayWrite && !withdrawing && (
        <form
          className="card form-section"
          onSubmit={(e) => void record(e)}
          noValidate
          data-testid="opt-out-form"
        >
          <h3>{tx('optOut.recordTitle')}</h3>
          <ErrorSummary error={error} />
          <SelectField
            path="programme"
            label={tx('programme')}
            value={form.programme}
            onChange={set('programme')}
            empty={tx('optOut.choose')}
            options={(programmes.data?.items ?? []).map((p) => ({ value: p.code, label: nameOf(p.code) }))}
            required
            errors={errors.programme}
          />
          <TextField
            path="requestedOn"
            label={tx('optOut.requestedOn')}
            type="date"
            value={form.requestedOn}
            onChange={set('requestedOn')}
            required
            errors={errors.requestedOn}
          />
          <TextField
            path="reason"
            label={tx('optOut.reason')}
            value={form.reason}
            onChange={set('reason')}
            maxLength={500}
            required
            errors={errors.reason}
          />
          <TextField
            path="evidence"
            label={tx('optOut.evidence')}
            value={form.evidence}
            onChange={set('evidence')}
            maxLength={500}
            errors={errors.evidence}
          />
          <div className="actions">
            <button type="submit" className="button button--primary">
              {tx('optOut.record')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

/**
 * Distribution points of the user's territory (issue 15, docs/distribution.md "Mapping and allocation"): each
 * point of a kecamatan or village with the villages, RWs and RTs it covers and its schedules; PT Pos and the
 * Dinas Sosial add points and, for the open batch, the schedule of each tranche; procurement (Disperindag/
 * Bulog) records the packages a point received for an in-kind batch. Phone-sized: the table scrolls, the
 * forms stack.
 */
import { useState } from 'react';
import { type Column, DataTable } from '../../components/DataTable.tsx';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { InlineForm } from '../../components/InlineForm.tsx';
import { Loading } from '../../components/Loading.tsx';
import { useLoad } from '../../hooks/use-load.ts';
import { useRegionNames } from '../../hooks/use-region-names.ts';
import { useI18n, useText } from '../../i18n/index.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useSession, useUser } from '../../session.tsx';
import { type Batch, type Coverage, distributionApi, type Point } from './distribution.api.ts';
import { messages } from './messages.ts';

/** "2, 3" → ["2", "3"]; empty → undefined. */
function list(text: string): string[] | undefined {
  const parts = text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  return parts.length ? parts : undefined;
}

/** A datetime-local value (the device's time zone) as an ISO instant. */
const instant = (local: string) => (local ? new Date(local).toISOString() : '');

/** A labelled input of the small forms; required unless it is a number (those have a minimum). */
function Field({
  label,
  name,
  value,
  set,
  type = 'text',
  min,
  max,
}: {
  label: string;
  name: string;
  value: string | number;
  set: (value: string) => void;
  type?: 'text' | 'number' | 'datetime-local';
  min?: number;
  max?: number;
}) {
  return (
    <label>
      {label}
      <input
        name={name}
        type={type}
        required={type !== 'number'}
        min={min}
        max={max}
        value={value}
        onChange={(e) => set(e.target.value)}
      />
    </label>
  );
}

type Open =
  | { kind: 'point' }
  | { kind: 'schedule'; point: Point; tranche: number; startsAt: string; endsAt: string }
  | { kind: 'stock'; point: Point; packages: number; deliveryNote: string; receivedAt: string };

export function PointsPanel({ batch, onChange }: { batch: Batch | null; onChange: () => void }) {
  const tx = useText(messages);
  const { lang } = useI18n();
  const { can } = useSession();
  const user = useUser();
  const points = useLoad(['distribution', 'points'], (signal) => distributionApi.points(signal));
  const names = useRegionNames(
    (points.data?.items ?? []).flatMap((p) => [p.districtCode, ...p.coverage.map((c) => c.villageCode)]),
  );
  /** A region by its name, its code kept for a hover (PT Pos files name points by code). */
  const place = (code: string) => <span title={code}>{names.get(code) ?? code}</span>;
  const [open, setOpen] = useState<Open | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [note, setNote] = useState<string | null>(null);
  const [draft, setDraft] = useState({
    code: '',
    name: '',
    districtCode: user.regionCode.split('.').length === 3 ? user.regionCode : '',
    villageCode: '',
    place: '',
    coverageVillage: '',
    coverageRw: '',
    coverageRt: '',
  });
  const mayPoints = can('distribution.points');
  const mayStock = can('distribution.stock') && batch?.form === 'in_kind';

  const save = async (fn: () => Promise<unknown>) => {
    setError(null);
    setNote(null);
    try {
      await fn();
      setOpen(null);
      setNote(tx('saved'));
      points.reload();
      onChange();
    } catch (err) {
      setError(err);
    }
  };

  const coverageText = (c: Coverage) =>
    c.rt?.length
      ? `RW ${c.rw?.join(', ')} · RT ${c.rt.join(', ')}`
      : c.rw?.length
        ? `RW ${c.rw.join(', ')}`
        : tx('wholeVillage');

  const columns: Column<Point>[] = [
    {
      key: 'name',
      head: tx('point'),
      cell: (p) => (
        <>
          {p.name} <code>{p.code}</code>
          <div className="muted small">{p.place}</div>
        </>
      ),
    },
    {
      key: 'coverage',
      head: tx('coverage'),
      cell: (p) =>
        p.coverage.length === 0 ? (
          <>
            {tx('wholeDistrict')} {place(p.districtCode)}
          </>
        ) : (
          <ul className="small">
            {p.coverage.map((c) => (
              <li key={`${c.villageCode}${c.rw?.join()}${c.rt?.join()}`}>
                {place(c.villageCode)} {coverageText(c)}
              </li>
            ))}
          </ul>
        ),
    },
    {
      key: 'schedules',
      head: tx('schedules'),
      cell: (p) => {
        const own = p.schedules.filter((s) => !batch || s.batchId === batch.id);
        return own.length === 0 ? (
          <span className="muted">{tx('noSchedule')}</span>
        ) : (
          <ul className="small">
            {own.map((s) => (
              <li key={s.id}>
                {tx('trancheN', { n: s.tranche })}: {formatDateTime(s.startsAt, lang)} –{' '}
                {formatDateTime(s.endsAt, lang)}
              </li>
            ))}
          </ul>
        );
      },
    },
    {
      key: 'actions',
      head: tx('actions'),
      cell: (p) => (
        <span className="actions">
          {batch && mayPoints && (
            <button
              type="button"
              className="button"
              onClick={() => setOpen({ kind: 'schedule', point: p, tranche: 1, startsAt: '', endsAt: '' })}
            >
              {tx('addSchedule')}
            </button>
          )}{' '}
          {batch && mayStock && (
            <button
              type="button"
              className="button"
              onClick={() =>
                setOpen({ kind: 'stock', point: p, packages: 1, deliveryNote: '', receivedAt: '' })
              }
            >
              {tx('recordStock')}
            </button>
          )}
        </span>
      ),
    },
  ];

  return (
    <section className="card form-section" data-testid="distribution-points">
      <h2>{tx('points')}</h2>
      <ErrorSummary error={points.error ?? error} />
      {note && <p role="status">{note}</p>}
      {!batch && (mayPoints || can('distribution.stock')) && <p className="muted">{tx('pickBatch')}</p>}
      {mayPoints && !open && (
        <p>
          <button type="button" className="button" onClick={() => setOpen({ kind: 'point' })}>
            {tx('newPoint')}
          </button>
        </p>
      )}
      {open?.kind === 'point' && (
        <InlineForm
          title={tx('newPoint')}
          submit={tx('save')}
          cancel={tx('cancel')}
          onCancel={() => setOpen(null)}
          testId="point-form"
          onSubmit={() =>
            void save(() =>
              distributionApi.createPoint({
                code: draft.code.trim().toUpperCase(),
                name: draft.name,
                districtCode: draft.districtCode.trim(),
                ...(draft.villageCode.trim() ? { villageCode: draft.villageCode.trim() } : {}),
                place: draft.place,
                coverage: draft.coverageVillage.trim()
                  ? [
                      {
                        villageCode: draft.coverageVillage.trim(),
                        ...(list(draft.coverageRw) ? { rw: list(draft.coverageRw) } : {}),
                        ...(list(draft.coverageRt) ? { rt: list(draft.coverageRt) } : {}),
                      },
                    ]
                  : [],
              }),
            )
          }
        >
          {(
            [
              ['code', 'pointCode'],
              ['name', 'pointName'],
              ['place', 'place'],
              ['districtCode', 'districtCode'],
              ['villageCode', 'villageCode'],
              ['coverageVillage', 'coverageVillage'],
              ['coverageRw', 'coverageRw'],
              ['coverageRt', 'coverageRt'],
            ] as const
          ).map(([field, label]) => (
            <label key={field}>
              {tx(label)}
              <input
                name={field}
                value={draft[field]}
                required={
                  field === 'code' || field === 'name' || field === 'place' || field === 'districtCode'
                }
                onChange={(e) => setDraft({ ...draft, [field]: e.target.value })}
              />
            </label>
          ))}
        </InlineForm>
      )}
      {open?.kind === 'schedule' && batch && (
        <InlineForm
          title={tx('scheduleTitle', { name: open.point.name })}
          submit={tx('save')}
          cancel={tx('cancel')}
          onCancel={() => setOpen(null)}
          testId="schedule-form"
          onSubmit={() =>
            void save(() =>
              distributionApi.addSchedule(open.point.id, {
                batchId: batch.id,
                tranche: open.tranche,
                startsAt: instant(open.startsAt),
                endsAt: instant(open.endsAt),
              }),
            )
          }
        >
          <Field
            label={tx('tranche')}
            name="tranche"
            type="number"
            min={1}
            max={batch.tranches}
            value={open.tranche}
            set={(v) => setOpen({ ...open, tranche: Number(v) || 1 })}
          />
          {(['startsAt', 'endsAt'] as const).map((k) => (
            <Field
              key={k}
              label={tx(k)}
              name={k}
              type="datetime-local"
              value={open[k]}
              set={(v) => setOpen({ ...open, [k]: v })}
            />
          ))}
        </InlineForm>
      )}
      {open?.kind === 'stock' && batch && (
        <InlineForm
          title={tx('stockTitle', { name: open.point.name })}
          submit={tx('save')}
          cancel={tx('cancel')}
          onCancel={() => setOpen(null)}
          testId="stock-form"
          onSubmit={() =>
            void save(() =>
              distributionApi.recordStock(open.point.id, {
                batchId: batch.id,
                packages: open.packages,
                deliveryNote: open.deliveryNote,
                receivedAt: instant(open.receivedAt),
              }),
            )
          }
        >
          <Field
            label={tx('packages')}
            name="packages"
            type="number"
            min={1}
            value={open.packages}
            set={(v) => setOpen({ ...open, packages: Number(v) || 0 })}
          />
          <Field
            label={tx('deliveryNote')}
            name="deliveryNote"
            value={open.deliveryNote}
            set={(v) => setOpen({ ...open, deliveryNote: v })}
          />
          <Field
            label={tx('receivedAt')}
            name="receivedAt"
            type="datetime-local"
            value={open.receivedAt}
            set={(v) => setOpen({ ...open, receivedAt: v })}
          />
        </InlineForm>
      )}
      {points.loading && !points.data ? (
        <Loading />
      ) : !points.data?.items.length ? (
        <p>{tx('noPoints')}</p>
      ) : (
        <DataTable
          testId="points-table"
          rows={points.data.items}
          columns={columns}
          rowKey={(p) => p.id}
          rowProps={(p) => ({ 'data-point': p.code })}
        />
      )}
    </section>
  );
}

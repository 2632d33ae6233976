/**
 * What a proposal proposes: a new household (its data as entered), a correction (each changed answer, what
 * DTKS says now → what is proposed, read from the current household) or a removal (the reason).
 */
import { removalReason } from '../../../../../src/domain/registry/removal-reasons.ts';
import { households } from '../../../api/endpoints.ts';
import type { HouseholdCreate, HouseholdDetail } from '../../../api/types.ts';
import { DataTable } from '../../../components/cycle/DataTable.tsx';
import { LoadError } from '../../../components/ErrorSummary.tsx';
import { InstrumentView } from '../../../components/InstrumentView.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { DiffTable } from '../../../components/VersionHistory.tsx';
import { useLoad } from '../../../hooks/use-load.ts';
import { fieldLabel, formatFieldValue } from '../../../lib/fields.ts';
import type { UsulanView } from './usulan.api.ts';
import { useUsulanI18n } from './usulan.i18n.ts';

export function UsulanData({ u }: { u: UsulanView }) {
  if (u.kind === 'baru') return <NewHousehold household={u.payload.household as HouseholdCreate} />;
  if (u.kind === 'perbaikan') return <Correction u={u} />;
  return <Removal u={u} />;
}

function NewHousehold({ household: h }: { household: HouseholdCreate }) {
  const { m, t, lang } = useUsulanI18n();
  const v = (field: string, value: unknown) => formatFieldValue(field, value, lang, t);
  const item = (field: string, value: unknown) => (
    <div key={field}>
      <dt>{fieldLabel(field, lang, t)}</dt>
      <dd>{v(field, value)}</dd>
    </div>
  );
  return (
    <>
      <section className="card" aria-labelledby="data-address">
        <h2 id="data-address">{m('detail.address')}</h2>
        <dl className="dl-grid">
          {item('kkNumber', h.kkNumber)}
          {item('address', h.address)}
          {item('rw', h.rw)}
          {item('rt', h.rt)}
          {item('latitude', h.latitude)}
          {item('longitude', h.longitude)}
        </dl>
      </section>
      <section className="card" aria-labelledby="data-members">
        <h2 id="data-members">{m('detail.members', { n: h.members.length })}</h2>
        <DataTable
          columns={[
            t('field.name'),
            t('field.nik'),
            fieldLabel('relationship', lang, t),
            t('field.sex'),
            t('field.birthDate'),
          ]}
        >
          {h.members.map((p) => (
            <tr key={p.nik}>
              <th scope="row">{p.name}</th>
              <td className="mono">{p.nik}</td>
              <td>{v('relationship', p.relationship)}</td>
              <td>{v('sex', p.sex)}</td>
              <td className="nowrap">{v('birthDate', p.birthDate)}</td>
            </tr>
          ))}
        </DataTable>
      </section>
      <InstrumentView values={h as unknown as Record<string, unknown>} />
    </>
  );
}

interface ChangeRow {
  key: string;
  label: string;
  field: string;
  before: unknown;
  after: unknown;
}

/** The rows of a correction: household answers first, then each member's. */
export function correctionRows(
  payload: Record<string, unknown>,
  current: HouseholdDetail | null,
  label: (field: string) => string,
  memberLabel: (name: string) => string,
  unknownMember: (id: string) => string,
): ChangeRow[] {
  const changes = (payload.changes ?? {}) as Record<string, unknown>;
  const memberChanges = (payload.memberChanges ?? []) as ({ personId: string } & Record<string, unknown>)[];
  const now = (current ?? {}) as Record<string, unknown>;
  const rows: ChangeRow[] = Object.entries(changes).map(([field, after]) => ({
    key: field,
    label: label(field),
    field,
    before: now[field] ?? null,
    after,
  }));
  for (const { personId, ...fields } of memberChanges) {
    const person = current?.members.find((p) => p.id === personId) as Record<string, unknown> | undefined;
    const who = person ? memberLabel(String(person.name)) : unknownMember(personId);
    for (const [field, after] of Object.entries(fields)) {
      rows.push({
        key: `${personId}.${field}`,
        label: `${who} · ${label(field)}`,
        field,
        before: person?.[field] ?? null,
        after,
      });
    }
  }
  return rows;
}

function Correction({ u }: { u: UsulanView }) {
  const { m, t, lang } = useUsulanI18n();
  const current = useLoad(['households', u.householdId], (signal) =>
    u.householdId ? households.get(u.householdId, signal) : Promise.resolve(null),
  );
  if (current.error) return <LoadError error={current.error} onRetry={current.reload} />;
  if (current.loading) return <Loading />;
  const rows = correctionRows(
    u.payload,
    current.data ?? null,
    (f) => fieldLabel(f, lang, t),
    (name) => m('detail.memberOf', { name }),
    (id) => m('detail.unknownMember', { id }),
  );
  return (
    <section className="card" aria-labelledby="data-changes">
      <h2 id="data-changes">{m('detail.changes')}</h2>
      {rows.length === 0 ? (
        <p className="muted">{m('detail.noChanges')}</p>
      ) : (
        <DiffTable
          rows={rows.map((r) => ({ ...r, before: blankToNull(r.before), after: blankToNull(r.after) }))}
          headings={{ field: m('detail.field'), before: m('detail.before'), after: m('detail.after') }}
        />
      )}
    </section>
  );
}

/** A proposal may carry '' for a cleared answer; it reads as no value, like a missing one. */
function blankToNull(value: unknown): unknown {
  return value === undefined || value === '' ? null : value;
}

function Removal({ u }: { u: UsulanView }) {
  const { m, lang } = useUsulanI18n();
  const p = u.payload as { reasonCode?: string; note?: string | null };
  return (
    <section className="card" aria-labelledby="data-removal">
      <h2 id="data-removal">{m('kind.dikeluarkan')}</h2>
      <dl className="dl-grid">
        <div>
          <dt>{m('detail.removalReason')}</dt>
          <dd>{(p.reasonCode && removalReason(p.reasonCode)?.label[lang]) ?? p.reasonCode ?? '—'}</dd>
        </div>
        <div>
          <dt>{m('detail.removalNote')}</dt>
          <dd className={p.note ? undefined : 'muted'}>{p.note || '—'}</dd>
        </div>
      </dl>
    </section>
  );
}

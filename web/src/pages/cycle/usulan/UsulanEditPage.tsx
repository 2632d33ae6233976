/**
 * A draft edited by its village operator (`PUT /usulan/{id}`): the operator's own, or a citizen's (usulan
 * mandiri) that the operator completes — what a citizen cannot know (the instrument), names and numbers as
 * the KK has them, a correction request's actual changes. The same forms as a new proposal, opened on what
 * the draft holds; saving goes back to the proposal. A citizen's draft stays the citizen's.
 */
import { households } from '../../../api/endpoints.ts';
import type { HouseholdCreate } from '../../../api/types.ts';
import { LoadError } from '../../../components/ErrorSummary.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { useLoad } from '../../../hooks/use-load.ts';
import { Link, navigate } from '../../../router.tsx';
import { useUser } from '../../../session.tsx';
import { BaruForm } from './BaruForm.tsx';
import { type CorrectionDraft, PerbaikanForm } from './PerbaikanForm.tsx';
import { type UsulanCreateBody, type UsulanView, usulanApi } from './usulan.api.ts';
import { useUsulanI18n } from './usulan.i18n.ts';
import './usulan.css';

type Household = Omit<HouseholdCreate, 'reason' | 'confirmWarnings'>;

/** Whether this user may edit the proposal here: a draft of a kind these forms edit, by the village operator. */
export function editable(u: Pick<UsulanView, 'state' | 'kind'>, role: string): boolean {
  return role === 'operator_desa' && u.state === 'draft' && u.kind !== 'dikeluarkan';
}

export function UsulanEditPage({ params }: { params: Record<string, string> }) {
  const { m } = useUsulanI18n();
  const user = useUser();
  const u = useLoad(['usulan', params.id], (signal) => usulanApi.get(params.id!, signal));
  if (u.error && !u.data)
    return <LoadError error={u.error} onRetry={u.reload} back={{ to: '/cycle/usulan' }} />;
  if (!u.data) return <Loading />;
  const p = u.data;
  const back = (
    <Link className="button" to={`/cycle/usulan/${p.id}`}>
      {m('edit.back')}
    </Link>
  );
  const title = m(p.source === 'mandiri' ? 'edit.titleMandiri' : 'edit.title');
  if (!editable(p, user.role)) {
    return (
      <>
        <PageHeader title={title} actions={back} />
        <p className="alert alert--info">{m('edit.notEditable')}</p>
      </>
    );
  }
  const send = (body: UsulanCreateBody) => usulanApi.update(p.id, p.version, body);
  const saved = () => navigate(`/cycle/usulan/${p.id}?updated=1`);
  return (
    <>
      <PageHeader title={`${title}: ${p.headName || '—'}`} actions={back} />
      <div className="stack">
        {p.source === 'mandiri' && <p className="alert alert--info">{m('edit.mandiriIntro')}</p>}
        {p.kind === 'baru' ? (
          <BaruForm
            onCreated={saved}
            send={send}
            initial={{ household: p.payload.household as Household, reason: p.reason ?? '' }}
          />
        ) : (
          <Correction u={p} send={send} onSaved={saved} />
        )}
      </div>
    </>
  );
}

function Correction({
  u,
  send,
  onSaved,
}: {
  u: UsulanView;
  send: (body: UsulanCreateBody) => Promise<UsulanView>;
  onSaved: () => void;
}) {
  const h = useLoad(['households', u.householdId], (signal) => households.get(u.householdId!, signal));
  if (h.error) return <LoadError error={h.error} onRetry={h.reload} />;
  if (!h.data) return <Loading />;
  const payload = u.payload as Partial<CorrectionDraft>;
  return (
    <PerbaikanForm
      h={h.data}
      onCreated={onSaved}
      send={send}
      draft={{
        changes: payload.changes ?? {},
        memberChanges: payload.memberChanges ?? [],
        reason: u.reason ?? '',
      }}
    />
  );
}

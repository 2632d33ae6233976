/**
 * A correction proposal: the household's current DTKS data in the registry's own form; only the answers the
 * operator changes are sent (`changes`, and per member `memberChanges` with the person's id). Nothing
 * changes in DTKS until the Dinas Sosial approves.
 */
import { type FormEvent, useEffect, useMemo, useState } from 'react';
import type { HouseholdDetail } from '../../../api/types.ts';
import { ErrorSummary } from '../../../components/ErrorSummary.tsx';
import { HouseholdFields } from '../../../components/HouseholdFields.tsx';
import { InstrumentFields } from '../../../components/InstrumentFields.tsx';
import { MemberFields } from '../../../components/MemberFields.tsx';
import { WarningConfirm } from '../../../components/WarningConfirm.tsx';
import { useSubmit } from '../../../hooks/use-submit.ts';
import {
  clientError,
  fieldErrors,
  fieldWarnings,
  hasErrors,
  mergeErrors,
  under,
} from '../../../lib/form-errors.ts';
import { householdValues, type MemberValues, memberValues } from '../../../lib/household-form.ts';
import {
  HouseholdIssues,
  ProposalReason,
  ProposalSave,
  ProposalUnavailable,
  reasonProblems,
} from './ProposalFormParts.tsx';
import { type UsulanCreateBody, type UsulanView, usulanApi } from './usulan.api.ts';
import { useUsulanI18n } from './usulan.i18n.ts';
import { correctionBody, countChanges, perbaikanField, remapIssues, splitIssues } from './usulan-form.ts';

/** What a saved correction draft proposes, to edit it (`PUT /usulan/{id}` through `send`). */
export interface CorrectionDraft {
  changes: Record<string, unknown>;
  memberChanges: ({ personId: string } & Record<string, unknown>)[];
  reason: string;
}

/**
 * `draft` reopens a saved correction (the operator's own or a citizen's request) with its changes on the
 * form; `send` saves it (default: a new proposal, `POST /usulan`).
 */
export function PerbaikanForm({
  h,
  onCreated,
  draft: saved,
  send = usulanApi.create,
}: {
  h: HouseholdDetail;
  onCreated: (u: UsulanView) => void;
  draft?: CorrectionDraft;
  send?: (body: UsulanCreateBody) => Promise<UsulanView>;
}) {
  const { m, t, lang } = useUsulanI18n();
  const initial = useMemo(() => householdValues(h), [h]);
  const people = useMemo(
    () =>
      h.members
        .filter((x) => x.status === 'active')
        .sort((a, b) => a.relationship - b.relationship)
        .map((x) => ({ id: x.id, name: x.name, before: memberValues(x) })),
    [h],
  );
  const [values, setValues] = useState(() =>
    saved ? householdValues({ ...h, ...saved.changes } as HouseholdDetail) : initial,
  );
  const [members, setMembers] = useState<MemberValues[]>(() =>
    people.map((p) => {
      const change = saved?.memberChanges.find((mc) => mc.personId === p.id);
      const member = h.members.find((x) => x.id === p.id)!;
      return change ? memberValues({ ...member, ...change, id: member.id }) : p.before;
    }),
  );
  const [reason, setReason] = useState(saved?.reason ?? '');
  const [expanded, setExpanded] = useState<Record<string, boolean>>({});

  const edits = people.map((p, i) => ({ personId: p.id, before: p.before, after: members[i]! }));
  const draft = correctionBody(initial, values, edits, t, lang);
  const changed = countChanges(draft);

  const { error, busy, submit, setError } = useSubmit(async (confirmWarnings) => {
    const body = correctionBody(initial, values, edits, t, lang);
    const problems = mergeErrors(body.errors, reasonProblems(reason, m('new.reasonRequired')));
    if (hasErrors(problems)) throw clientError(problems, t('error.fixFields'));
    if (countChanges(body) === 0) throw clientError({}, m('fix.nothing'));
    try {
      return await send({
        kind: 'perbaikan',
        householdId: h.id,
        changes: body.changes,
        memberChanges: body.memberChanges,
        reason: reason.trim(),
        confirmWarnings: confirmWarnings || undefined,
      });
    } catch (err) {
      throw remapIssues(err, (field) => perbaikanField(field, body.memberIndex));
    }
  }, onCreated);

  const errors = fieldErrors(error);
  const split = splitIssues(error, 'householdId');
  const warnings = fieldWarnings(error);
  // A member the answer found something about opens, so the message is seen.
  const flagged = people
    .filter(
      (_, i) =>
        Object.keys({ ...under(errors, `members.${i}.`), ...under(warnings, `members.${i}.`) }).length,
    )
    .map((p) => p.id)
    .join(',');
  useEffect(() => {
    if (flagged)
      setExpanded((e) => ({ ...e, ...Object.fromEntries(flagged.split(',').map((id) => [id, true])) }));
  }, [flagged]);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void submit(false);
  };

  return (
    <form onSubmit={onSubmit} noValidate className="stack" aria-label={m('kind.perbaikan')}>
      <ErrorSummary error={split.rest} />
      <ProposalUnavailable error={error} />
      <HouseholdIssues messages={split.lifted} />
      <p className="alert alert--info">{m('fix.intro')}</p>
      <HouseholdFields values={values} onChange={setValues} errors={errors} />
      <InstrumentFields values={values} onChange={setValues} errors={errors} />
      <section className="card form-section" aria-labelledby="fix-members">
        <h2 id="fix-members">{m('fix.members')}</h2>
        <p className="muted">{m('fix.memberHint')}</p>
        {people.map((p, i) => {
          const isChanged = draft.memberIndex.includes(i);
          return (
            <details
              key={p.id}
              className={`member-fix${isChanged ? ' member-fix--changed' : ''}`}
              open={expanded[p.id] ?? false}
              onToggle={(e) => {
                const open = e.currentTarget.open;
                setExpanded((x) => (x[p.id] === open ? x : { ...x, [p.id]: open }));
              }}
            >
              <summary>
                {p.name}
                {isChanged && <span className="changed-tag">{m('fix.changed')}</span>}
              </summary>
              <MemberFields
                value={members[i]!}
                onChange={(v) => setMembers((list) => list.map((x, j) => (j === i ? v : x)))}
                errors={under(errors, `members.${i}.`)}
                warnings={under(warnings, `members.${i}.`)}
                pathPrefix={`members.${i}.`}
              />
            </details>
          );
        })}
      </section>
      <ProposalReason value={reason} onChange={setReason} errors={errors.reason} />
      <p role="status" className={changed ? 'muted' : 'muted small'}>
        {changed ? m('fix.summary', { n: changed }) : m('fix.nothing')}
      </p>
      <WarningConfirm
        error={error}
        busy={busy}
        onConfirm={() => void submit(true)}
        onCancel={() => setError(null)}
      />
      <ProposalSave busy={busy} />
    </form>
  );
}

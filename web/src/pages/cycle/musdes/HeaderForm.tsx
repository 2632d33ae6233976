/** Date, place and participants of a deliberation: used to set one up and to change it while it runs. */
import { type FormEvent, useState } from 'react';
import {
  PARTICIPANT_ROLE_LABELS,
  PARTICIPANT_ROLES,
  type Participant,
  type ParticipantRole,
} from '../../../../../src/domain/cycle/musdes.ts';
import { ApiError } from '../../../api/client.ts';
import { ErrorSummary } from '../../../components/ErrorSummary.tsx';
import { SelectField, TextField } from '../../../components/fields.tsx';
import type { MusdesHeader } from './musdes.api.ts';
import { useMusdesI18n } from './musdes.i18n.ts';

export function emptyHeader(headRole: ParticipantRole): MusdesHeader {
  return { heldOn: '', place: '', participants: [{ name: '', role: headRole }] };
}

/** Issues of the last answer for one field path (`participants.1.name`), as messages. */
function issuesFor(error: unknown, path: string): string[] | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const found = error.issues.filter((i) => i.field === path).map((i) => i.message);
  return found.length ? found : undefined;
}

export function HeaderForm({
  initial,
  busy,
  error,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  initial: MusdesHeader;
  busy: boolean;
  error: unknown;
  submitLabel: string;
  onSubmit: (header: MusdesHeader) => void;
  onCancel?: () => void;
}) {
  const { m, t, text } = useMusdesI18n();
  const [heldOn, setHeldOn] = useState(initial.heldOn);
  const [place, setPlace] = useState(initial.place);
  const [people, setPeople] = useState<Participant[]>(initial.participants);

  const setPerson = (n: number, patch: Partial<Participant>) =>
    setPeople((all) => all.map((p, i) => (i === n ? { ...p, ...patch } : p)));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit({
      heldOn,
      place: place.trim(),
      participants: people.map((p) => ({ ...p, name: p.name.trim() })),
    });
  };
  const roleOptions = PARTICIPANT_ROLES.map((r) => ({ value: r, label: text(PARTICIPANT_ROLE_LABELS[r]) }));

  return (
    <form onSubmit={submit} noValidate className="stack">
      <ErrorSummary error={error} />
      <div className="form-grid">
        <TextField
          path="heldOn"
          label={m('header.heldOn')}
          type="date"
          required
          value={heldOn}
          onChange={setHeldOn}
          errors={issuesFor(error, 'heldOn')}
        />
        <TextField
          path="place"
          label={m('header.place')}
          required
          maxLength={200}
          value={place}
          onChange={setPlace}
          errors={issuesFor(error, 'place')}
        />
      </div>
      <fieldset className="form-section">
        <legend>{m('header.participants')}</legend>
        <p className="field__hint" id="field-participants">
          {m('header.participantsHint')}
        </p>
        {issuesFor(error, 'participants') && (
          <p className="field__error">{issuesFor(error, 'participants')!.join(' ')}</p>
        )}
        <ol className="musdes-participants">
          {people.map((p, n) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: participants have no id; their position is their identity here
            <li key={n} className="musdes-participants__row">
              <TextField
                path={`participants.${n}.name`}
                label={m('header.name')}
                required
                maxLength={120}
                value={p.name}
                onChange={(v) => setPerson(n, { name: v })}
                errors={issuesFor(error, `participants.${n}.name`)}
              />
              <SelectField
                path={`participants.${n}.role`}
                label={m('header.role')}
                value={p.role}
                onChange={(v) => setPerson(n, { role: v as ParticipantRole })}
                options={roleOptions}
              />
              <button
                type="button"
                className="button button--small button--danger-quiet"
                onClick={() => setPeople((all) => all.filter((_, i) => i !== n))}
                disabled={people.length <= 1}
                aria-label={m('header.removeParticipant', { n: n + 1 })}
              >
                ✕
              </button>
            </li>
          ))}
        </ol>
        <button
          type="button"
          className="button button--small"
          onClick={() => setPeople((all) => [...all, { name: '', role: 'bpd' }])}
          disabled={people.length >= 100}
        >
          {m('header.addParticipant')}
        </button>
      </fieldset>
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? t('common.saving') : submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="button" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}

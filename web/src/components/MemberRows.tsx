import { useCallback, useRef, useState } from 'react';
import { HEAD_OF_HOUSEHOLD } from '../../../src/domain/instrument/codebook.ts';
import { useI18n } from '../i18n/index.tsx';
import { type FieldErrors, under } from '../lib/form-errors.ts';
import { type MemberValues, memberValues } from '../lib/household-form.ts';
import { MemberFields } from './MemberFields.tsx';

export const MAX_MEMBERS = 40;

export interface MemberRow {
  /** Stable React key: rows can be removed from the middle. */
  key: number;
  value: MemberValues;
}

/** The member rows of a new household, starting with the head. */
/** The form's member rows: `initial` (e.g. a draft being fixed), else one empty row for the head. */
export function useMemberRows(initial?: readonly MemberValues[]) {
  const nextKey = useRef(initial?.length || 1);
  const [rows, setRows] = useState<MemberRow[]>(() =>
    initial?.length
      ? initial.map((value, key) => ({ key, value }))
      : [{ key: 0, value: { ...memberValues(), relationship: HEAD_OF_HOUSEHOLD } }],
  );
  const set = useCallback(
    (key: number, value: MemberValues) =>
      setRows((list) => list.map((m) => (m.key === key ? { key, value } : m))),
    [],
  );
  const add = useCallback(
    () => setRows((list) => [...list, { key: nextKey.current++, value: memberValues() }]),
    [],
  );
  const remove = useCallback((key: number) => setRows((list) => list.filter((m) => m.key !== key)), []);
  return { rows, set, add, remove };
}

/**
 * Every member of a new household, one fieldset each, with add and remove. Issues are keyed
 * `members.<n>.<field>` (relative to the form), so the inputs' ids match the API's issue paths.
 */
export function MemberRows({
  rows,
  onChange,
  onAdd,
  onRemove,
  errors,
  warnings,
}: {
  rows: MemberRow[];
  onChange: (key: number, value: MemberValues) => void;
  onAdd: () => void;
  onRemove: (key: number) => void;
  errors: FieldErrors;
  warnings: FieldErrors;
}) {
  const { t } = useI18n();
  return (
    <section className="card form-section" aria-labelledby="members-title">
      <h2 id="members-title">{t('household.tabMembers')}</h2>
      {errors.members && <p className="field__error">{errors.members.join(' ')}</p>}
      {rows.map((m, i) => (
        <fieldset key={m.key} className="member-row">
          <legend>{t('member.numbered', { n: i + 1 })}</legend>
          <MemberFields
            value={m.value}
            onChange={(v) => onChange(m.key, v)}
            errors={under(errors, `members.${i}.`)}
            warnings={under(warnings, `members.${i}.`)}
            pathPrefix={`members.${i}.`}
          />
          {rows.length > 1 && (
            <button
              type="button"
              className="button button--small button--danger-quiet"
              onClick={() => onRemove(m.key)}
            >
              {t('member.removeRow', { n: i + 1 })}
            </button>
          )}
        </fieldset>
      ))}
      <button type="button" className="button" onClick={onAdd} disabled={rows.length >= MAX_MEMBERS}>
        + {t('household.addMember')}
      </button>
    </section>
  );
}

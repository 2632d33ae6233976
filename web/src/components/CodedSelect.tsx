/**
 * A codebook question as a select. Apart from the other controls (fields.tsx), so the codebook is loaded with
 * the forms that ask its questions, not with the first screen.
 */
import { codedField } from '../../../src/domain/instrument/codebook.ts';
import { useI18n } from '../i18n/index.tsx';
import { type Common, SelectField } from './fields.tsx';

export interface CodedSelectProps extends Common {
  /** A codebook field, e.g. `floorMaterial` or `schoolParticipation`. */
  field: string;
  value: number | null;
  onChange: (value: number | null) => void;
  /** Codes not to offer here. */
  exclude?: number[];
}

/** A codebook question: options and label come from src/domain/instrument/codebook.ts. */
export function CodedSelect({ field, value, onChange, exclude = [], ...shell }: CodedSelectProps) {
  const { text, t } = useI18n();
  const def = codedField(field);
  const options = (def?.options ?? [])
    .filter((o) => !exclude.includes(o.code))
    .map((o) => ({ value: String(o.code), label: text(o.label) }));
  return (
    <SelectField
      {...shell}
      value={value === null ? '' : String(value)}
      onChange={(v) => onChange(v === '' ? null : Number(v))}
      options={options}
      empty={shell.required ? t('form.choose') : t('form.notAnswered')}
    />
  );
}

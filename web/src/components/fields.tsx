/**
 * Form controls with their label, hint, and inline errors and warnings, wired for screen readers
 * (label `for`, `aria-describedby`, `aria-invalid`). The element id is `field-<path>`, so an error summary
 * can link straight to the input an API issue names.
 */
import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react';
import { useI18n } from '../i18n/index.tsx';

export function fieldId(path: string): string {
  return `field-${path}`;
}

interface ShellProps {
  path: string;
  label: string;
  hint?: ReactNode;
  errors?: string[];
  warnings?: string[];
  required?: boolean;
  className?: string;
  children: ReactNode;
}

export function describedBy(path: string, p: { hint?: unknown; errors?: string[]; warnings?: string[] }) {
  const id = fieldId(path);
  const parts = [
    p.hint ? `${id}-hint` : '',
    p.errors?.length ? `${id}-error` : '',
    p.warnings?.length ? `${id}-warning` : '',
  ].filter(Boolean);
  return parts.length ? parts.join(' ') : undefined;
}

/** What every control inside a FieldShell carries: id and name from the path, required, and its ARIA links. */
function controlProps(p: {
  path: string;
  hint?: unknown;
  errors?: string[];
  warnings?: string[];
  required?: boolean;
}) {
  return {
    id: fieldId(p.path),
    name: p.path,
    required: p.required,
    'aria-invalid': p.errors?.length ? true : undefined,
    'aria-describedby': describedBy(p.path, p),
  };
}

function FieldShell({
  path,
  label,
  hint,
  errors: allErrors,
  warnings: allWarnings,
  required,
  className,
  children,
}: ShellProps) {
  const { t } = useI18n();
  // The client and the server may word the same finding identically; say it once.
  const errors = allErrors && [...new Set(allErrors)];
  const warnings = allWarnings && [...new Set(allWarnings)];
  const id = fieldId(path);
  const invalid = Boolean(errors?.length);
  return (
    <div className={`field${invalid ? ' field--error' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>
        {label}
        {required && (
          <span className="field__required" aria-hidden="true" title={t('form.required')}>
            {' '}
            *
          </span>
        )}
      </label>
      {children}
      {hint && (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {invalid && (
        <p className="field__error" id={`${id}-error`}>
          {errors!.join(' ')}
        </p>
      )}
      {warnings?.length ? (
        <p className="field__warning" id={`${id}-warning`}>
          {warnings.join(' ')}
        </p>
      ) : null}
    </div>
  );
}

export type Common = Omit<ShellProps, 'children'>;

/** A control's props split in two: what its FieldShell shows around it, and the rest for the control. */
function splitShell<P extends Common>({
  path,
  label,
  hint,
  errors,
  warnings,
  required,
  className,
  ...rest
}: P) {
  return [{ path, label, hint, errors, warnings, required, className }, rest] as const;
}

export interface TextFieldProps
  extends Common,
    Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value' | 'id' | 'className'> {
  value: string;
  onChange: (value: string) => void;
}

export function TextField(props: TextFieldProps) {
  const [shell, { value, onChange, ...input }] = splitShell(props);
  return (
    <FieldShell {...shell}>
      <input {...controlProps(shell)} value={value} onChange={(e) => onChange(e.target.value)} {...input} />
    </FieldShell>
  );
}

export interface TextAreaFieldProps
  extends Common,
    Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'onChange' | 'value' | 'id' | 'className'> {
  value: string;
  onChange: (value: string) => void;
}

export function TextAreaField(props: TextAreaFieldProps) {
  const [shell, { value, onChange, ...rest }] = splitShell(props);
  return (
    <FieldShell {...shell}>
      <textarea
        {...controlProps(shell)}
        value={value}
        rows={3}
        onChange={(e) => onChange(e.target.value)}
        {...rest}
      />
    </FieldShell>
  );
}

export interface Option {
  value: string;
  label: string;
}

export interface SelectFieldProps
  extends Common,
    Omit<SelectHTMLAttributes<HTMLSelectElement>, 'onChange' | 'value' | 'id' | 'className'> {
  value: string;
  onChange: (value: string) => void;
  options: Option[];
  /** Label of the empty choice; omit to force a choice. */
  empty?: string;
}

export function SelectField(props: SelectFieldProps) {
  const [shell, { value, onChange, options, empty, ...rest }] = splitShell(props);
  return (
    <FieldShell {...shell}>
      <select {...controlProps(shell)} value={value} onChange={(e) => onChange(e.target.value)} {...rest}>
        {empty !== undefined && <option value="">{empty}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

export interface TriStateProps extends Common {
  value: boolean | null;
  onChange: (value: boolean | null) => void;
}

/** Yes / no / not answered: a checkbox cannot say "not asked yet". */
export function TriStateField({ value, onChange, ...shell }: TriStateProps) {
  const { t } = useI18n();
  return (
    <SelectField
      {...shell}
      value={value === null ? '' : value ? 'yes' : 'no'}
      onChange={(v) => onChange(v === '' ? null : v === 'yes')}
      options={[
        { value: 'yes', label: t('common.yes') },
        { value: 'no', label: t('common.no') },
      ]}
      empty={t('form.notAnswered')}
    />
  );
}

export function CheckboxField({
  path,
  label,
  checked,
  onChange,
  hint,
}: {
  path: string;
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  hint?: string;
}) {
  const id = fieldId(path);
  return (
    <div className="field field--checkbox">
      <input
        type="checkbox"
        id={id}
        name={path}
        checked={checked}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onChange={(e) => onChange(e.target.checked)}
      />
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
    </div>
  );
}

/** Small pieces the citizen pages share: a labelled field with its hint and error, the village cascade. */
import { type InputHTMLAttributes, type ReactNode, useId, useState } from 'react';
import { Link } from '../../router.tsx';
import { usePublicLang, usePublicText } from '../i18n.tsx';
import { useRegionChildren } from '../regions.ts';
import { CITIZEN_TEXT } from './text.ts';

/** A labelled control with its hint and error below, wired for screen readers (`control` gets the props). */
function Labelled({
  label,
  hint,
  error,
  control,
}: {
  label: string;
  hint?: string;
  error?: string;
  control: (aria: { id: string; 'aria-invalid'?: true; 'aria-describedby'?: string }) => ReactNode;
}) {
  const id = useId();
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div className="pub-field">
      <label htmlFor={id}>{label}</label>
      {control({
        id,
        'aria-invalid': error ? true : undefined,
        'aria-describedby': described || undefined,
      })}
      {hint ? (
        <p id={`${id}-hint`} className="pub-hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="pub-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function Field({
  label,
  hint,
  error,
  value,
  onChange,
  ...input
}: {
  label: string;
  hint?: string;
  error?: string;
  value: string;
  onChange: (value: string) => void;
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'id'>) {
  return (
    <Labelled
      label={label}
      hint={hint}
      error={error}
      control={(aria) => (
        <input {...aria} value={value} onChange={(e) => onChange(e.target.value)} {...input} />
      )}
    />
  );
}

/** A text of several lines (a reason, a description), with its hint and error as `Field`. */
export function TextArea({
  label,
  hint,
  error,
  value,
  onChange,
  maxLength,
  rows = 4,
}: {
  label: string;
  hint?: string;
  error?: string;
  value: string;
  onChange: (value: string) => void;
  maxLength?: number;
  rows?: number;
}) {
  return (
    <Labelled
      label={label}
      hint={hint}
      error={error}
      control={(aria) => (
        <textarea
          {...aria}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          maxLength={maxLength}
          rows={rows}
        />
      )}
    />
  );
}

const LEVELS = ['province', 'regency', 'district', 'village'] as const;

/** Province → regency → district → village, from the public region cascade; `onVillage` gets the village code. */
export function VillagePicker({ onVillage, error }: { onVillage: (code: string) => void; error?: string }) {
  const [path, setPath] = useState(['', '', '', '']);
  const set = (level: number, code: string) => {
    const next = path.map((c, i) => (i < level ? c : i === level ? code : ''));
    setPath(next);
    onVillage(next[3]!);
  };
  return (
    <>
      {LEVELS.map((level, i) => (
        <RegionSelect
          key={level}
          level={level}
          parent={i === 0 ? '' : path[i - 1] ? path[i - 1]! : null}
          value={path[i]!}
          onChange={(code) => set(i, code)}
          error={i === 3 ? error : undefined}
        />
      ))}
    </>
  );
}

function RegionSelect(props: {
  level: (typeof LEVELS)[number];
  parent: string | null;
  value: string;
  onChange: (code: string) => void;
  error?: string | undefined;
}) {
  const { lang } = usePublicLang();
  const t = usePublicText(CITIZEN_TEXT);
  const id = useId();
  const items = useRegionChildren(props.parent, lang);
  return (
    <div className="pub-field">
      <label htmlFor={id}>{t(props.level)}</label>
      <select
        id={id}
        value={props.value}
        disabled={props.parent === null}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={props.error ? `${id}-error` : undefined}
        onChange={(e) => props.onChange(e.target.value)}
      >
        <option value="">{t('choose')}</option>
        {items.map((r) => (
          <option key={r.code} value={r.code}>
            {r.name}
          </option>
        ))}
      </select>
      {props.error ? (
        <p id={`${id}-error`} className="pub-error">
          {props.error}
        </p>
      ) : null}
    </div>
  );
}

/** A labelled choice with its error below (the public pages' select). */
export function Select(props: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  options: (readonly [string, string])[];
  error?: string | undefined;
}) {
  const id = useId();
  return (
    <div className="pub-field">
      <label htmlFor={id}>{props.label}</label>
      <select
        id={id}
        value={props.value}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={props.error ? `${id}-error` : undefined}
        onChange={(e) => props.onChange(e.target.value)}
      >
        {props.options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
      {props.error ? (
        <p id={`${id}-error`} className="pub-error">
          {props.error}
        </p>
      ) : null}
    </div>
  );
}

/** An address below the village: the street or hamlet and the RT/RW, as typed. */
export interface AddressValue {
  address: string;
  rt: string;
  rw: string;
}
export const EMPTY_ADDRESS: AddressValue = { address: '', rt: '', rw: '' };

/**
 * The address, RT and RW inputs of the public forms. `errors` are the answer's issues by field path and
 * `prefix` the path the form sends them under (`household.` → `household.rt`).
 */
export function AddressFields({
  value,
  onChange,
  labels,
  errors = {},
  prefix = '',
}: {
  value: AddressValue;
  onChange: (v: AddressValue) => void;
  labels: { address: string; rt: string; rw: string };
  errors?: Record<string, string | undefined>;
  prefix?: string;
}) {
  const set = (patch: Partial<AddressValue>) => onChange({ ...value, ...patch });
  return (
    <>
      <Field
        label={labels.address}
        value={value.address}
        onChange={(address) => set({ address })}
        maxLength={300}
        error={errors[`${prefix}address`]}
      />
      <Field
        label={labels.rt}
        value={value.rt}
        onChange={(rt) => set({ rt })}
        inputMode="numeric"
        maxLength={3}
        error={errors[`${prefix}rt`]}
      />
      <Field
        label={labels.rw}
        value={value.rw}
        onChange={(rw) => set({ rw })}
        inputMode="numeric"
        maxLength={3}
        error={errors[`${prefix}rw`]}
      />
    </>
  );
}

/** A citizen page asked without a session: its title, and the way to log in. */
export function LoginFirst({ title }: { title: string }) {
  const t = usePublicText(CITIZEN_TEXT);
  return (
    <>
      <h1>{title}</h1>
      <p>{t('gate.loginFirst')}</p>
      <p>
        <Link to="/warga/masuk">{t('gate.login')}</Link>
      </p>
    </>
  );
}

/** What went wrong, announced (the public forms' error line); nothing when all is well. */
export function ProblemLine({ message }: { message: string | null | undefined }) {
  return message ? (
    <p className="pub-error" role="alert">
      {message}
    </p>
  ) : null;
}

/**
 * The tail every citizen form ends with: what went wrong (announced), what was done (a status line, for a
 * form that stays on the page), and the submit button, held while the request is under way.
 */
export function FormFooter({
  problem,
  sent,
  busy,
  children,
}: {
  problem: string | null | undefined;
  sent?: string | null;
  busy: boolean;
  children: ReactNode;
}) {
  return (
    <>
      <ProblemLine message={problem} />
      {sent ? <p role="status">{sent}</p> : null}
      <button type="submit" className="pub-button" disabled={busy}>
        {children}
      </button>
    </>
  );
}

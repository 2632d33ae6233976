/**
 * The cycle period (a month, YYYY-MM) and the list filters the cycle screens share; each keeps its value in
 * the address (`useQueryState`), so a filtered list can be bookmarked and sent on.
 */
import { useI18n } from '../../i18n/index.tsx';
import { SelectField, TextField } from '../fields.tsx';

type SetQuery = (changes: Record<string, string | undefined>) => void;

/** A period as the API takes it. */
export const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The current month as YYYY-MM (the period visits, proposals and deliberations belong to). */
export function currentPeriod(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}

/** The period the address names, or `fallback` when it names none or a malformed one. */
export function periodOr(param: string | null, fallback: string): string {
  return param !== null && PERIOD.test(param) ? param : fallback;
}

/** A month picker; a cleared or malformed month leaves the address. */
export function PeriodFilter({
  value,
  label,
  setQuery,
}: {
  value: string;
  label: string;
  setQuery: SetQuery;
}) {
  return (
    <TextField
      path="period"
      type="month"
      label={label}
      value={value}
      onChange={(v) => setQuery({ period: PERIOD.test(v) ? v : undefined })}
    />
  );
}

/** One choice of a fixed list, or "all" (left out of the address). `path` is the query parameter too. */
export function QuerySelect({
  path,
  label,
  value,
  options,
  setQuery,
}: {
  path: string;
  label: string;
  value: string;
  options: { value: string; label: string }[];
  setQuery: SetQuery;
}) {
  const { t } = useI18n();
  return (
    <SelectField
      path={path}
      label={label}
      value={value}
      onChange={(v) => setQuery({ [path]: v || undefined })}
      options={options}
      empty={t('common.all')}
    />
  );
}

/** Filters that several list pages share; each keeps its value in the address (`useQueryState`). */
import { useI18n } from '../i18n/index.tsx';
import { useUser } from '../session.tsx';
import { SelectField, TextField } from './fields.tsx';
import { RegionPicker } from './RegionPicker.tsx';

type SetQuery = (changes: Record<string, string | undefined>) => void;

/** A region inside the user's territory; the territory itself is the default and leaves the address. */
export function RegionFilter({
  value,
  legend,
  setQuery,
  maxLevel,
}: {
  value: string;
  legend: string;
  setQuery: SetQuery;
  maxLevel?: number;
}) {
  const user = useUser();
  return (
    <RegionPicker
      root={user.regionCode}
      value={value}
      maxLevel={maxLevel}
      onChange={(code) => setQuery({ region: code === user.regionCode ? undefined : code })}
      path="region"
      legend={legend}
    />
  );
}

/** Active (the default, left out of the address), removed or all records. */
export function RecordStatusFilter({ value, setQuery }: { value: string; setQuery: SetQuery }) {
  const { t } = useI18n();
  return (
    <SelectField
      path="status"
      label={t('field.status')}
      value={value}
      onChange={(v) => setQuery({ status: v === 'active' ? undefined : v })}
      options={[
        { value: 'active', label: t('status.active') },
        { value: 'removed', label: t('status.removed') },
        { value: 'all', label: t('status.all') },
      ]}
    />
  );
}

/** The free-text search box (`q`) that opens a list's filters. */
export function SearchFilter({
  label,
  hint,
  value,
  onChange,
  spellCheck,
}: {
  label: string;
  hint?: string;
  value: string;
  onChange: (value: string) => void;
  spellCheck?: boolean;
}) {
  return (
    <TextField
      path="q"
      className="filters__search"
      type="search"
      label={label}
      hint={hint}
      value={value}
      onChange={onChange}
      autoComplete="off"
      spellCheck={spellCheck}
      maxLength={100}
    />
  );
}

/** The order of a list (`sort`): the first option is the default and leaves the address. */
export function SortFilter({
  value,
  options,
  setQuery,
}: {
  value: string;
  options: { value: string; label: string }[];
  setQuery: SetQuery;
}) {
  const { t } = useI18n();
  return (
    <SelectField
      path="sort"
      label={t('list.sort')}
      value={value || (options[0]?.value ?? '')}
      onChange={(v) => setQuery({ sort: v === options[0]?.value ? undefined : v })}
      options={options}
    />
  );
}

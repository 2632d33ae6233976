/**
 * Sorting a list the page already holds whole (users, jobs): column headings become buttons, a second
 * click reverses the order, `aria-sort` tells screen readers, and the count of rows stands above the table.
 * Paginated lists sort on the server instead (SortFilter in ListFilters.tsx).
 */
import { type ReactNode, useMemo, useState } from 'react';
import { useI18n } from '../i18n/index.tsx';
import { formatNumber } from '../lib/format.ts';

type SortValue = string | number | null | undefined;

export interface SortedRows<T, K extends string> {
  rows: T[];
  /** A `<th>` whose label sorts by `key`. */
  heading: (key: K, label: string, className?: string) => ReactNode;
}

const collator = new Intl.Collator('id', { sensitivity: 'base', numeric: true });

function compare(a: SortValue, b: SortValue): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return 1;
  if (b === null || b === undefined) return -1;
  return typeof a === 'number' && typeof b === 'number' ? a - b : collator.compare(String(a), String(b));
}

export function useSortedRows<T, K extends string>(
  items: T[],
  keys: Record<K, (row: T) => SortValue>,
  initial: { key: NoInfer<K>; descending?: boolean },
): SortedRows<T, K> {
  const { t } = useI18n();
  const [order, setOrder] = useState<{ key: K; descending: boolean }>({
    key: initial.key,
    descending: initial.descending ?? false,
  });
  // biome-ignore lint/correctness/useExhaustiveDependencies: `keys` is a table of getters, fixed per page
  const rows = useMemo(() => {
    const get = keys[order.key];
    const sorted = [...items].sort((a, b) => compare(get(a), get(b)));
    return order.descending ? sorted.reverse() : sorted;
  }, [items, order]);
  const heading = (key: K, label: string, className?: string) => {
    const active = order.key === key;
    return (
      <th
        scope="col"
        className={className}
        aria-sort={active ? (order.descending ? 'descending' : 'ascending') : undefined}
      >
        <button
          type="button"
          className="sort-button"
          onClick={() => setOrder({ key, descending: active ? !order.descending : false })}
          title={t('list.sortBy', { column: label })}
        >
          {label}
          <span aria-hidden="true" className="sort-button__mark">
            {active ? (order.descending ? ' ▼' : ' ▲') : ' ↕'}
          </span>
        </button>
      </th>
    );
  };
  return { rows, heading };
}

/** "12 data" above a whole list. */
export function ListCount({ count }: { count: number }) {
  const { t, lang } = useI18n();
  return <p className="list-total">{t('list.total', { n: formatNumber(count, lang) })}</p>;
}

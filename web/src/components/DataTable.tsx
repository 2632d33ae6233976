import type { ReactNode } from 'react';

/** One column of a DataTable: its heading, its cell, and whether it holds a number (right-aligned). */
export interface Column<T> {
  key: string;
  head: ReactNode;
  cell: (row: T) => ReactNode;
  num?: boolean;
}

/**
 * A plain table of rows already loaded (the staff pages' lists that are not cursor-paginated): the
 * scrolling wrapper, the heading row from the columns, one row per item and optional closing rows (totals).
 * Cursor-paginated lists use CursorTable.
 */
export function DataTable<T>({
  rows,
  columns,
  rowKey,
  rowProps,
  foot,
  caption,
  testId,
}: {
  rows: readonly T[];
  columns: readonly (Column<T> | false | null | undefined)[];
  rowKey: (row: T) => string;
  /** Data attributes of a row (for tests and styling). */
  rowProps?: (row: T) => Record<`data-${string}`, string | undefined>;
  /** Rows after the items, e.g. totals: cells in column order. */
  foot?: readonly { key: string; cells: ReactNode[] }[];
  /** For screen readers only. */
  caption?: string;
  testId?: string;
}) {
  const cols = columns.filter((c): c is Column<T> => Boolean(c));
  return (
    <div className="table-wrap">
      <table className="table" data-testid={testId}>
        {caption && <caption className="visually-hidden">{caption}</caption>}
        <thead>
          <tr>
            {cols.map((c) => (
              <th key={c.key} scope="col" className={c.num ? 'num' : undefined}>
                {c.head}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={rowKey(r)} {...rowProps?.(r)}>
              {cols.map((c) => (
                <td key={c.key} className={c.num ? 'num' : undefined}>
                  {c.cell(r)}
                </td>
              ))}
            </tr>
          ))}
          {foot?.map((f) => (
            <tr key={f.key}>
              {f.cells.map((cell, i) => (
                <td key={cols[i]?.key ?? i} className={cols[i]?.num ? 'num' : undefined}>
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

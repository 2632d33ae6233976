/**
 * The plain table of the cycle screens (status per region, imports, counts, members): the scrolling
 * wrapper, an optional caption, one heading row and the caller's rows. Number columns are right-aligned.
 */
import type { ReactNode, Ref } from 'react';
import { Link } from '../../router.tsx';

/** A heading of a number column (right-aligned, like its cells). */
class NumColumn {
  readonly label: ReactNode;
  constructor(label: ReactNode) {
    this.label = label;
  }
}

export function num(label: ReactNode): NumColumn {
  return new NumColumn(label);
}

export function DataTable({
  columns,
  className = 'table',
  caption,
  captionHidden = false,
  bodyRef,
  children,
}: {
  columns: (ReactNode | NumColumn)[];
  className?: string;
  caption?: ReactNode;
  /** The caption is for screen readers only. */
  captionHidden?: boolean;
  bodyRef?: Ref<HTMLTableSectionElement>;
  children: ReactNode;
}) {
  return (
    <div className="table-wrap">
      <table className={className}>
        {caption !== undefined && (
          <caption className={captionHidden ? 'visually-hidden' : undefined}>{caption}</caption>
        )}
        <thead>
          <tr>
            {columns.map((c, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a table's columns are fixed
              <th key={i} scope="col" className={c instanceof NumColumn ? 'num' : undefined}>
                {c instanceof NumColumn ? c.label : c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody ref={bodyRef}>{children}</tbody>
      </table>
    </div>
  );
}

/**
 * A row's heading: the name (a link when there is a page to open) and a muted detail after it, such as
 * the region code.
 */
export function NameCell({
  name,
  to,
  detail,
  mono = true,
}: {
  name: ReactNode;
  to?: string | null;
  detail: ReactNode;
  mono?: boolean;
}) {
  return (
    <th scope="row">
      {to ? <Link to={to}>{name}</Link> : name}
      <span className={mono ? 'muted small mono' : 'muted small'}> {detail}</span>
    </th>
  );
}

/**
 * The to-do list at the top of the home page: what waits for the user in their territory (GET /todo), each
 * item linking to the list filtered to exactly those records.
 */
import type { z } from 'zod';
import type { Todo } from '../../../../src/modules/todo/todo.schemas.ts';
import { http } from '../../api/client.ts';
import { LoadError } from '../../components/ErrorSummary.tsx';
import { useLoad } from '../../hooks/use-load.ts';
import { useI18n, useText } from '../../i18n/index.tsx';
import { formatPeriod } from '../../lib/format.ts';
import { Link } from '../../router.tsx';
import { todoText } from './todo.i18n.ts';

export type TodoItem = z.infer<typeof Todo>['items'][number];

export const todoApi = {
  list: (signal?: AbortSignal) => http.get<z.infer<typeof Todo>>('/todo', undefined, signal),
};

export function TodoList() {
  const tt = useText(todoText);
  const { text, lang } = useI18n();
  const todo = useLoad(['todo'], (signal) => todoApi.list(signal));
  if (todo.error) return <LoadError error={todo.error} onRetry={todo.reload} />;
  if (!todo.data) return null;
  const { items, period } = todo.data;
  return (
    <section className="card todo" aria-labelledby="todo-title">
      <h2 id="todo-title">{tt('title')}</h2>
      {items.length === 0 ? (
        <p className="muted">{tt('empty')}</p>
      ) : (
        <ul className="todo__items">
          {items.map((i) => (
            <li key={i.code} data-todo={i.code} data-count={i.count}>
              {i.link ? <Link to={i.link}>{text(i.text)}</Link> : text(i.text)}
            </li>
          ))}
        </ul>
      )}
      <p className="muted small">{tt('period', { period: formatPeriod(period, lang) })}</p>
    </section>
  );
}

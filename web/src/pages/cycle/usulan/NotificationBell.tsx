/**
 * The header's bell: the unread count of the notices addressed to the user's region (GET /notifications,
 * polled every 60 s while the tab is visible, at once when it becomes visible again) and a dropdown with
 * the messages in the UI language. Opening the dropdown marks what it shows as read; a notice with a link
 * opens the proposal (or whatever it is about).
 */
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { isAbort } from '../../../api/client.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { Link, useLocation } from '../../../router.tsx';
import { type NotificationView, notificationsApi } from './usulan.api.ts';
import { useUsulanI18n } from './usulan.i18n.ts';
import './notifications.css';

const POLL_MS = 60_000;

/** Old proposal links (`/usulan/:id`) point at the proposal page. */
export function notificationHref(link: string): string {
  return link.replace(/^\/usulan\//, '/cycle/usulan/');
}

export function NotificationBell() {
  const { m, lang } = useUsulanI18n();
  const { pathname } = useLocation();
  const [items, setItems] = useState<NotificationView[]>([]);
  const [unread, setUnread] = useState(0);
  const [failed, setFailed] = useState(false);
  const [open, setOpen] = useState(false);
  /** Notices that were unread when the dropdown opened: still marked "new" while it stays open. */
  const [fresh, setFresh] = useState<Set<string>>(() => new Set());
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const panelId = useId();
  const inFlight = useRef<AbortController | null>(null);

  const load = useCallback(async () => {
    inFlight.current?.abort();
    const c = new AbortController();
    inFlight.current = c;
    try {
      const answer = await notificationsApi.list(c.signal);
      if (c.signal.aborted) return;
      setItems(answer.items);
      setUnread(answer.unread);
      setFailed(false);
    } catch (err) {
      if (!isAbort(err) && !c.signal.aborted) setFailed(true);
    }
  }, []);

  // Poll while the tab is visible; catch up as soon as it is visible again.
  useEffect(() => {
    let timer: number | undefined;
    const start = () => {
      window.clearInterval(timer);
      timer = window.setInterval(() => void load(), POLL_MS);
    };
    const onVisibility = () => {
      if (document.visibilityState === 'visible') {
        void load();
        start();
      } else {
        window.clearInterval(timer);
      }
    };
    if (document.visibilityState === 'visible') {
      void load();
      start();
    }
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisibility);
      inFlight.current?.abort();
    };
  }, [load]);

  const close = useCallback((focusButton: boolean) => {
    setOpen(false);
    setFresh(new Set());
    if (focusButton) button.current?.focus();
  }, []);

  // Close on navigation, on Escape and on a click elsewhere.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on every change of page
  useEffect(() => {
    close(false);
  }, [pathname]);
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') close(true);
    };
    const onPointer = (e: PointerEvent) => {
      if (root.current && !root.current.contains(e.target as Node)) close(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [open, close]);

  const toggle = () => {
    if (open) {
      close(false);
      return;
    }
    const unreadNow = items.filter((n) => !n.read);
    setFresh(new Set(unreadNow.map((n) => n.id)));
    setOpen(true);
    if (unreadNow.length) {
      setItems((list) => list.map((n) => ({ ...n, read: true })));
      setUnread(0);
      void Promise.allSettled(unreadNow.map((n) => notificationsApi.markRead(n.id))).then(() => load());
    } else {
      void load();
    }
  };

  const label = unread ? `${m('notif.label')}, ${m('notif.unread', { n: unread })}` : m('notif.label');
  return (
    <div className="notif" ref={root}>
      <button
        ref={button}
        type="button"
        className="notif__button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={label}
        title={label}
        onClick={toggle}
      >
        <svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20" focusable="false">
          <path
            fill="currentColor"
            d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
          />
        </svg>
        {unread > 0 && (
          <span className="notif__count" aria-hidden="true">
            {unread > 99 ? '99+' : unread}
          </span>
        )}
      </button>
      <section id={panelId} className="notif__panel" hidden={!open} aria-label={m('notif.label')}>
        <div className="notif__head">
          <h2>{m('notif.label')}</h2>
          <button type="button" className="button button--small" onClick={() => close(true)}>
            {m('notif.close')}
          </button>
        </div>
        {failed && items.length === 0 ? (
          <p className="notif__empty">{m('notif.error')}</p>
        ) : items.length === 0 ? (
          <p className="notif__empty">{m('notif.empty')}</p>
        ) : (
          <ul className="notif__list">
            {items.map((n) => (
              <li key={n.id} className={fresh.has(n.id) ? 'notif__item notif__item--new' : 'notif__item'}>
                <p className="notif__message">
                  {fresh.has(n.id) && <span className="notif__new">{m('notif.new')}</span>}
                  {n.message[lang]}
                </p>
                <p className="notif__meta">
                  <time dateTime={n.createdAt}>{formatDateTime(n.createdAt, lang)}</time>
                  {n.link && (
                    <>
                      {' · '}
                      <Link to={notificationHref(n.link)}>{m('notif.open')}</Link>
                    </>
                  )}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

/**
 * The app's confirmation for an irreversible step (send the pengesahan, decide every remaining row
 * "tetap", reopen a Musdes, determine a period): a modal dialog that names the consequence. It is a native
 * `<dialog>` opened with `showModal()` (the page behind is inert), keeps Tab inside itself, starts on the
 * safe choice (cancel), cancels on Escape and gives focus back to whatever opened it. Cancelling changes
 * nothing: the step is only sent by `onConfirm`.
 */
import { type ReactNode, useEffect, useId, useRef } from 'react';
import { useI18n } from '../i18n/index.tsx';

export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  busy = false,
  blocked = false,
  danger = false,
  onConfirm,
  onCancel,
}: {
  open: boolean;
  title: string;
  /** The consequence, in the office's words (and any list the step would leave behind). */
  children: ReactNode;
  confirmLabel: string;
  busy?: boolean;
  /** The step cannot be taken yet (the body says why): the confirm button is disabled, cancel still works. */
  blocked?: boolean;
  /** Styles the confirm button as a destructive action. */
  danger?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const opener = useRef<Element | null>(null);
  const titleId = useId();
  const bodyId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      opener.current = document.activeElement;
      dialog.showModal();
      cancelRef.current?.focus();
    } else if (!open && dialog.open) {
      dialog.close();
      if (opener.current instanceof HTMLElement && opener.current.isConnected) opener.current.focus();
    }
  }, [open]);

  const onKeyDown = (e: React.KeyboardEvent<HTMLDialogElement>) => {
    if (e.key !== 'Tab') return;
    const focusable = [
      ...(ref.current?.querySelectorAll<HTMLElement>(
        'button:not([disabled]), a[href], input:not([disabled]), [tabindex]:not([tabindex="-1"])',
      ) ?? []),
    ];
    if (focusable.length === 0) return;
    const first = focusable[0]!;
    const last = focusable.at(-1)!;
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  };

  return (
    <dialog
      ref={ref}
      className="confirm-dialog"
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      onKeyDown={onKeyDown}
      onCancel={(e) => {
        // Escape: the dialog closes through `open`, so React stays the one owner of its state.
        e.preventDefault();
        if (!busy) onCancel();
      }}
    >
      <h2 id={titleId} className="confirm-dialog__title">
        {title}
      </h2>
      <div id={bodyId} className="confirm-dialog__body stack">
        {children}
      </div>
      <div className="actions">
        <button
          type="button"
          className={`button ${danger ? 'button--danger' : 'button--primary'}`}
          onClick={onConfirm}
          disabled={busy || blocked}
        >
          {busy ? t('common.saving') : confirmLabel}
        </button>
        <button type="button" className="button" ref={cancelRef} onClick={onCancel} disabled={busy}>
          {t('common.cancel')}
        </button>
      </div>
    </dialog>
  );
}

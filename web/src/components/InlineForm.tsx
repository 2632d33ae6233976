import type { FormEvent, ReactNode } from 'react';

/**
 * A small form shown in a card within a page (return a record, add a schedule …): a heading, the fields in
 * the stacking grid, a primary button and, when it can be closed, a cancel button. Phone-sized: the grid
 * stacks.
 */
export function InlineForm({
  title,
  submit,
  onSubmit,
  onCancel,
  cancel,
  busy = false,
  testId,
  noValidate = false,
  children,
}: {
  title: ReactNode;
  submit: ReactNode;
  onSubmit: () => void;
  onCancel?: () => void;
  cancel?: ReactNode;
  busy?: boolean;
  testId?: string;
  /** Leave the checks to the server, whose answers name each field (ErrorSummary and the fields show them). */
  noValidate?: boolean;
  children: ReactNode;
}) {
  return (
    <form
      className="card form-section"
      data-testid={testId}
      noValidate={noValidate}
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      <h3>{title}</h3>
      <div className="form-grid">{children}</div>
      <button type="submit" className="button button--primary" disabled={busy}>
        {submit}
      </button>
      {onCancel && (
        <>
          {' '}
          <button type="button" className="button" onClick={onCancel}>
            {cancel}
          </button>
        </>
      )}
    </form>
  );
}

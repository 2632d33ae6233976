import { useCallback, useRef, useState } from 'react';

export interface Submit {
  /** The last failure (an ApiError carries field issues, or only warnings to confirm). */
  error: unknown;
  busy: boolean;
  /** Sends; `confirmWarnings` is true when the user accepted the warnings of the previous attempt. */
  submit: (confirmWarnings?: boolean) => Promise<void>;
  /** Shows a client-side problem the same way as a server answer, or clears it. */
  setError: (error: unknown) => void;
}

/** A write with the two-step warning flow: send, show warnings, resend with `confirmWarnings: true`. */
export function useSubmit<T>(
  send: (confirmWarnings: boolean) => Promise<T>,
  onDone: (result: T) => void,
): Submit {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const sendRef = useRef(send);
  sendRef.current = send;
  const doneRef = useRef(onDone);
  doneRef.current = onDone;

  const submit = useCallback(async (confirmWarnings = false) => {
    setBusy(true);
    try {
      const result = await sendRef.current(confirmWarnings);
      setError(null);
      doneRef.current(result);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }, []);

  return { error, busy, submit, setError };
}

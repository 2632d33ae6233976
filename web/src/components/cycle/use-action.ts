import { useState } from 'react';

/**
 * A button's request on a cycle screen: busy while it runs, the last failure kept to show (cleared when
 * the next attempt starts). Unlike useSubmit there is no warning step to confirm.
 */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  /** Sends `request` and hands its answer to `onDone`; resolves to whether it succeeded. */
  const run = async <T>(request: () => Promise<T>, onDone: (result: T) => void): Promise<boolean> => {
    setBusy(true);
    setError(null);
    try {
      onDone(await request());
      return true;
    } catch (err) {
      setError(err);
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, setError, run };
}

import { AppError } from '../../src/domain/errors.ts';

/** The AppError a call fails with (any other error is rethrown; a call that succeeds fails the test). */
export async function failure(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected the call to fail');
}

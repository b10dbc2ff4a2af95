import { expect } from 'vitest';

/**
 * The error `promise` rejects with, after checking that it is a `type`: a promise that resolves,
 * or rejects with anything else, fails the test here.
 */
export async function rejectionOf<E>(
  promise: Promise<unknown>,
  type: new (...args: never[]) => E,
): Promise<E> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(type);
  return error as E;
}

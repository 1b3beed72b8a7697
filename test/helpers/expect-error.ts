import { expect } from 'vitest';
import { SluiceError } from '../../src/kernel/errors.js';

/** Asserts that promise rejects with a SluiceError of this type whose message matches. */
export async function expectGlueError(promise: Promise<unknown>, type: string, message?: RegExp | string): Promise<SluiceError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err, `expected ${type}`).toBeInstanceOf(SluiceError);
  const se = err as SluiceError;
  expect(se.type).toBe(type);
  if (message) expect(se.message).toMatch(message);
  return se;
}

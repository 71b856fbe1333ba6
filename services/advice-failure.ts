// The stored-result mapper: why a profile cannot be advised on, as stored with its failed result. Shared by
// the main thread (resolving profiles) and the engine threads (running the engine), so a reason reads the
// same wherever it arises.
import type { AdviceError } from '../db/repositories/advice-results.repository.ts';
import { DomainError } from '../engine/errors.ts';

/** The stored reason for a fault of the profile itself, or null for an error worth retrying. */
export function unadvisable(e: unknown): AdviceError | null {
  if (e instanceof DomainError && (e.kind === 'invalid' || e.kind === 'unprocessable')) return { code: e.code, message: e.message, details: e.details };
  return null;
}

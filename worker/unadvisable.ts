// Why a profile cannot be advised on, as stored with its failed result. Shared by the main thread (resolving
// profiles) and the engine threads (running the engine), so a reason reads the same wherever it arises.
import type { AdviceError } from '../db/repositories/advice-results.repository.ts';
import { NoCandidates } from '../engine/advice/advise.ts';
import { ProfileProblems } from '../engine/advice/validate.ts';

/** The stored reason, or null for an error worth retrying. */
export function unadvisable(e: unknown): AdviceError | null {
  if (e instanceof ProfileProblems) return { code: 'invalid_profile', message: 'The profile cannot be advised on', details: e.problems };
  if (e instanceof NoCandidates) return { code: 'no_candidates', message: e.message, details: [] };
  return null;
}

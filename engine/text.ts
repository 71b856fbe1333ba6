// Text that can be stored and shown: no NUL or other control characters (Postgres refuses NUL in text and
// jsonb; the others only break displays and exports), no lone UTF-16 surrogates (half a character, which
// Postgres refuses too), and input no deeper than any real request needs. Checked at every edge, so a bad
// character is a 400 naming its field, never a 500 from the database.
import { z } from 'zod';
import type { ErrorDetail } from './errors.ts';

const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** Why a string cannot be stored, or null when it can. */
export function textFault(s: string): string | null {
  if (CONTROL.test(s)) return s.includes('\u0000') ? 'contains a NUL character' : 'contains a control character';
  if (!s.isWellFormed()) return 'contains a broken Unicode character (a lone surrogate)';
  return null;
}

/** A zod string that refuses what `textFault` refuses. */
export const text = () =>
  z.string().superRefine((s, ctx) => {
    const fault = textFault(s);
    if (fault) ctx.addIssue({ code: 'custom', message: fault });
  });

/** Deeper than this is no request of Foothold's (profiles are three levels deep). */
export const MAX_DEPTH = 16;

/** Every string (keys too) that cannot be stored, and nesting past `maxDepth`, with its path. */
export function textProblems(value: unknown, path = '', maxDepth = MAX_DEPTH, depth = 0): ErrorDetail[] {
  if (typeof value === 'string') {
    const fault = textFault(value);
    return fault ? [{ path, message: fault }] : [];
  }
  if (value === null || typeof value !== 'object') return [];
  if (depth >= maxDepth) return [{ path, message: `nested more than ${maxDepth} levels deep` }];
  const problems: ErrorDetail[] = [];
  const at = (key: string | number) => (path ? `${path}.${key}` : String(key));
  if (Array.isArray(value)) value.forEach((v, i) => problems.push(...textProblems(v, at(i), maxDepth, depth + 1)));
  else
    for (const [key, v] of Object.entries(value)) {
      const keyFault = textFault(key);
      if (keyFault) problems.push({ path: at(JSON.stringify(key)), message: `field name ${keyFault}` });
      else problems.push(...textProblems(v, at(key), maxDepth, depth + 1));
    }
  return problems;
}

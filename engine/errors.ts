// One error for everything a person or a program can act on: a stable code to branch on, a sentence to
// read, and details that name each thing wrong (a field path and what is wrong with it). The kind says
// which family the error belongs to; each edge has one mapper from kind to its own form — an HTTP status
// (api/errors.ts), an exit message (cli/main.ts), a stored failed result (services/advice-failure.ts).
import type { ZodError } from 'zod';

export type ErrorKind =
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'too_large'
  | 'unsupported'
  | 'unprocessable'
  | 'rate_limited'
  | 'unavailable';

export interface ErrorDetail {
  path: string;
  message: string;
}

export class DomainError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
    this.name = 'DomainError';
  }

  /** The message with its details, one per line, for people reading a terminal or a log. */
  describe(): string {
    return [this.message, ...this.details.map((d) => `  ${d.path || '(input)'}: ${d.message}`)].join('\n');
  }
}

export const notFound = (what: string) => new DomainError('not_found', 'not_found', `${what} not found`);

/** Every issue of a zod error as a detail; an unknown field is named rather than reported as a blob. */
export function zodDetails(error: ZodError): ErrorDetail[] {
  return error.issues.flatMap((i) =>
    i.code === 'unrecognized_keys'
      ? i.keys.map((key) => ({ path: [...i.path, key].join('.'), message: `unknown field "${key}"` }))
      : [{ path: i.path.join('.'), message: i.message }],
  );
}

export const invalidRequest = (error: ZodError) => new DomainError('invalid', 'invalid_request', 'The request is not valid', zodDetails(error));

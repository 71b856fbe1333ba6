// The HTTP mapper: one shape for every error a client sees, {error: {code, message, details[]}}. A domain
// error's kind gives its status; the body parser's and the database's own failures are translated here;
// anything else is a 500 with a request id and no internals (and is logged).
import type { ErrorRequestHandler } from 'express';
import { ZodError } from 'zod';
import { isDatabaseUnavailable } from '../db/connection.ts';
import { DomainError, type ErrorKind, invalidRequest } from '../engine/errors.ts';

const STATUS: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  unsupported: 415,
  unprocessable: 422,
  rate_limited: 429,
  unavailable: 503,
};

/** The body parser's errors (they carry a `type`), as domain errors. */
function fromBodyParser(err: { type?: string; status?: number; charset?: string; encoding?: string; message?: string }): DomainError | null {
  switch (err.type) {
    case 'entity.parse.failed':
      return new DomainError('invalid', 'malformed_json', 'The request body is not valid JSON');
    case 'entity.too.large':
      return new DomainError('too_large', 'payload_too_large', 'The request body is too large');
    case 'charset.unsupported':
      return new DomainError('unsupported', 'unsupported_charset', `The charset "${err.charset}" is not supported: send UTF-8`);
    case 'encoding.unsupported':
      return new DomainError('unsupported', 'unsupported_encoding', `The content encoding "${err.encoding}" is not supported: send gzip, deflate or no encoding`);
  }
  // Everything else the parser refuses with a client status (an aborted request, a corrupt compressed body).
  if (typeof err.status === 'number' && err.status >= 400 && err.status < 500)
    return new DomainError('invalid', 'unreadable_body', 'The request body cannot be read (a corrupt compressed body, or a size that does not match)');
  return null;
}

export function toDomainError(err: unknown): DomainError | null {
  if (err instanceof DomainError) return err;
  if (err instanceof ZodError) return invalidRequest(err);
  if (isDatabaseUnavailable(err)) return new DomainError('unavailable', 'database_unavailable', 'The database is unavailable right now; try again shortly');
  if (err && typeof err === 'object') return fromBodyParser(err as never);
  return null;
}

export const errorHandler: ErrorRequestHandler = (err, req, res, _next) => {
  const e = toDomainError(err);
  if (e?.code === 'database_unavailable') req.log?.warn({ err }, 'database unavailable');
  if (!e) req.log?.error({ err }, 'unhandled error');
  if (res.headersSent) return void res.end(); // a stream already under way cannot change its status
  if (!e) return void res.status(500).json({ error: { code: 'internal', message: `Something went wrong on our side (request ${String(req.id ?? '')})`, details: [] } });
  res.status(STATUS[e.kind]).json({ error: { code: e.code, message: e.message, details: e.details } });
};

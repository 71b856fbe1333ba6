// One shape for every error a client sees: {error: {code, message, details[]}}. Known errors map to their
// status; anything else is a 500 with a request id and no internals.
import type { ErrorRequestHandler } from 'express';
import { ZodError } from 'zod';
import { QueueUnavailable } from '../worker/queue.ts';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: { path: string; message: string }[] = [],
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new HttpError(404, 'not_found', `${what} not found`);

export const errorHandler: ErrorRequestHandler = (err, req, res, _next) => {
  let e: HttpError;
  if (err instanceof HttpError) e = err;
  else if (err instanceof ZodError)
    e = new HttpError(
      400,
      'invalid_request',
      'The request is not valid',
      err.issues.flatMap((i) =>
        i.code === 'unrecognized_keys'
          ? i.keys.map((key) => ({ path: [...i.path, key].join('.'), message: `unknown field "${key}"` }))
          : [{ path: i.path.join('.'), message: i.message }],
      ),
    );
  else if (err instanceof QueueUnavailable)
    e = new HttpError(503, 'queue_unavailable', 'The job queue is unavailable right now; try again shortly');
  else if (err?.type === 'entity.too.large') e = new HttpError(413, 'payload_too_large', 'The request body is too large');
  else if (err?.type === 'entity.parse.failed') e = new HttpError(400, 'malformed_json', 'The request body is not valid JSON');
  else {
    req.log?.error({ err }, 'unhandled error');
    e = new HttpError(500, 'internal', `Something went wrong on our side (request ${String(req.id ?? '')})`);
  }
  res.status(e.status).json({ error: { code: e.code, message: e.message, details: e.details } });
};

// A route of the API, as data: its method and path, who may call it, the schemas of its body and query,
// what it answers, and its handler. The router, the role checks and the OpenAPI document are all made
// from one table of these (api/routes/index.ts), so they cannot disagree.
import express, { type NextFunction, type Request, type RequestHandler, type Response, Router } from 'express';
import type { z } from 'zod';
import type { Account, Role } from '../engine/accounts.ts';
import { DomainError } from '../engine/errors.ts';
import { textProblems } from '../engine/text.ts';
import type { ApiContext } from './context.ts';
import { accountOf, authenticated, requireRole } from './auth.ts';

/** Who may call a route: anyone, or accounts with one of these roles. */
export type Access = 'public' | readonly Role[];

export interface RouteInput<B, Q> {
  body: B;
  query: Q;
  params: Record<string, string>;
  /** The caller's account (routes that are not public only). */
  account: Account;
  req: Request;
  res: Response;
}

export interface RouteDef<B = unknown, Q = unknown> {
  method: 'get' | 'post' | 'put';
  /** Express form: `/api/v1/startups/:id`. */
  path: string;
  summary: string;
  access: Access;
  /** Parsed before the handler runs (a 400 naming every problem), and documented. */
  body?: z.ZodType<B>;
  /** Documented only: the service validates it (with its own error code, e.g. invalid_profile). */
  documentedBody?: z.ZodType;
  query?: z.ZodType<Q>;
  /** The body's size limit (100 kB unless said); `upload` also takes CSV, up to this size, raw. */
  bodyLimit?: string;
  upload?: boolean;
  responses: Record<number, string>;
  /** Send the response through `input.res`. */
  handle(input: RouteInput<B, Q>, ctx: ApiContext): Promise<void> | void;
}

/** A route, with its body and query types inferred from its schemas. */
export const route = <B = undefined, Q = undefined>(def: RouteDef<B, Q>): RouteDef => def as unknown as RouteDef;

/**
 * Text that cannot be stored, or absurd nesting, anywhere in the query or body: a 400 naming the fields. An
 * upload's rows are checked one by one instead (a bad row is a rejected row, not a failed upload).
 */
const guardText =
  (wholeBody: boolean): RequestHandler =>
  (req, _res, next) => {
    const problems = [...textProblems(req.query, 'query'), ...(wholeBody ? textProblems(req.body) : [])];
    if (problems.length) return next(new DomainError('invalid', 'invalid_text', 'The request holds text that cannot be stored', problems));
    next();
  };

function parsers(def: RouteDef): RequestHandler[] {
  if (def.method === 'get') return [guardText(false)];
  const limit = def.bodyLimit ?? '100kb';
  return def.upload
    ? [express.json({ limit }), express.raw({ type: ['text/csv', 'application/csv'], limit }), guardText(false)]
    : [express.json({ limit }), guardText(true)];
}

/** A router serving the routes of the table, each behind its access check and body parser. */
export function mount(routes: readonly RouteDef[], ctx: ApiContext): Router {
  const router = Router();
  for (const def of routes) {
    const access: RequestHandler[] = def.access === 'public' ? [] : [authenticated, requireRole(...def.access)];
    const run = async (req: Request, res: Response, next: NextFunction) => {
      try {
        const input: RouteInput<unknown, unknown> = {
          body: def.body ? def.body.parse(req.body) : req.body,
          query: def.query ? def.query.parse(req.query) : req.query,
          params: req.params as Record<string, string>,
          account: def.access === 'public' ? (req.account as Account) : accountOf(req),
          req,
          res,
        };
        await def.handle(input, ctx);
      } catch (e) {
        next(e);
      }
    };
    router[def.method](def.path, ...access, ...parsers(def), run);
  }
  return router;
}

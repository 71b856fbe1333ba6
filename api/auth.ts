// API keys: `Authorization: Bearer <key>` (or `X-API-Key`). The account travels with the request; every
// route scopes its queries by it.
import type { NextFunction, Request, Response } from 'express';
import type pg from 'pg';
import { type Account, accountForKey, type Role } from '../db/repositories/accounts.repository.ts';
import { HttpError } from './errors.ts';

declare module 'express-serve-static-core' {
  interface Request {
    account?: Account;
  }
}

export function authenticate(pool: pg.Pool) {
  return async (req: Request, _res: Response, next: NextFunction) => {
    const header = req.headers.authorization;
    const key = header?.startsWith('Bearer ') ? header.slice(7).trim() : (req.headers['x-api-key'] as string | undefined);
    if (!key) return next(new HttpError(401, 'unauthenticated', 'An API key is required: send "Authorization: Bearer <key>"'));
    const account = await accountForKey(pool, key);
    if (!account) return next(new HttpError(401, 'unauthenticated', 'The API key is not valid'));
    req.account = account;
    next();
  };
}

export function requireRole(...roles: Role[]) {
  return (req: Request, _res: Response, next: NextFunction) =>
    req.account && roles.includes(req.account.role)
      ? next()
      : next(new HttpError(403, 'forbidden', `This needs one of the roles: ${roles.join(', ')}`));
}

/** The authenticated account (routes behind `authenticate` only). */
export const accountOf = (req: Request): Account => req.account!;

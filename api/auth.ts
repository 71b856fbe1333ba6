// API keys: `Authorization: Bearer <key>` (any case of "Bearer") or `X-API-Key`. `identify` finds the
// account behind a key on every request (public ones too, so a key holder is counted as such by the rate
// limit); `authenticated` then refuses requests without one. Every route scopes its queries by the account.
import type { NextFunction, Request, Response } from 'express';
import type { Account, Role } from '../engine/accounts.ts';
import type { AccountService } from '../services/account.service.ts';
import { DomainError } from '../engine/errors.ts';

declare module 'express-serve-static-core' {
  interface Request {
    account?: Account;
    /** A key was sent but matched no account. */
    badKey?: boolean;
  }
}

export function keyOf(req: Request): string | null {
  const bearer = /^bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  const header = req.headers['x-api-key'];
  return bearer?.[1] ?? (typeof header === 'string' && header.trim() ? header.trim() : null);
}

export function identify(accounts: AccountService) {
  return async (req: Request, _res: Response, next: NextFunction) => {
    const key = keyOf(req);
    if (!key) return next();
    try {
      const account = await accounts.forKey(key);
      if (account) req.account = account;
      else req.badKey = true;
      next();
    } catch (e) {
      next(e);
    }
  };
}

/** Why a request without an account is refused: no key, or a key that matches none. */
export const unauthenticated = (req: Request) =>
  req.badKey
    ? new DomainError('unauthenticated', 'unauthenticated', 'The API key is not valid')
    : new DomainError('unauthenticated', 'unauthenticated', 'An API key is required: send "Authorization: Bearer <key>"');

export function authenticated(req: Request, _res: Response, next: NextFunction) {
  next(req.account ? undefined : unauthenticated(req));
}

export function requireRole(...roles: Role[]) {
  return (req: Request, _res: Response, next: NextFunction) =>
    req.account && roles.includes(req.account.role)
      ? next()
      : next(new DomainError('forbidden', 'forbidden', `This needs one of the roles: ${roles.join(', ')}`));
}

/** The authenticated account (routes behind `authenticated` only). */
export const accountOf = (req: Request): Account => req.account!;

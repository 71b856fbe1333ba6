// Requests per minute: per account for requests with a valid key, per address for the rest (public
// endpoints, and bad keys: a key cannot be guessed faster than the address limit). When the counter cannot
// be reached the request goes ahead: the queue's own 503 covers what needs Redis.
import type { NextFunction, Request, Response } from 'express';
import { DomainError } from '../engine/errors.ts';
import type { RateCounter } from '../runtime/rate-counter.ts';

export interface RateLimits {
  /** Per account and minute; 0: no limit. */
  perAccount: number;
  /** Per address and minute, for requests without a valid key; 0: no limit. */
  perAddress: number;
}

export function rateLimit(counter: RateCounter, limits: RateLimits) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const [who, limit] = req.account ? [`account:${req.account.id}`, limits.perAccount] : [`address:${req.ip}`, limits.perAddress];
    if (limit <= 0) return next();
    const window = Math.floor(Date.now() / 60_000);
    let count: number;
    try {
      count = await counter.increment(`foothold:rate:${who}:${window}`, 61);
    } catch {
      return next();
    }
    res.setHeader('RateLimit-Limit', String(limit));
    res.setHeader('RateLimit-Remaining', String(Math.max(0, limit - count)));
    if (count > limit) {
      res.setHeader('Retry-After', String(60 - Math.floor((Date.now() / 1000) % 60)));
      const whose = req.account ? 'this key' : 'this address (send an API key for a larger budget)';
      return next(new DomainError('rate_limited', 'rate_limited', `More than ${limit} requests a minute for ${whose}; slow down`));
    }
    next();
  };
}

// Requests per API key per minute, counted in Redis so that several API processes share one budget.
// When Redis cannot be reached the request goes ahead: the queue's own 503 covers what needs Redis.
import type { NextFunction, Request, Response } from 'express';
import type { Redis } from 'ioredis';
import { HttpError } from './errors.ts';

export function rateLimit(redis: Redis, perMinute: number) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const account = req.account;
    if (!account || perMinute <= 0) return next();
    const window = Math.floor(Date.now() / 60_000);
    const key = `foothold:rate:${account.id}:${window}`;
    let count: number;
    try {
      count = await redis.incr(key);
      if (count === 1) await redis.expire(key, 61);
    } catch {
      return next();
    }
    res.setHeader('RateLimit-Limit', String(perMinute));
    res.setHeader('RateLimit-Remaining', String(Math.max(0, perMinute - count)));
    if (count > perMinute) {
      res.setHeader('Retry-After', String(60 - Math.floor((Date.now() / 1000) % 60)));
      return next(new HttpError(429, 'rate_limited', `More than ${perMinute} requests a minute for this key; slow down`));
    }
    next();
  };
}

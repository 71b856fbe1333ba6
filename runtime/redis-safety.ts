// A job queue must not lose jobs: in production refuse a Redis that may evict keys, warn when it does not
// persist them.
import type { Redis } from 'ioredis';
import { DomainError } from '../engine/errors.ts';

export class UnsafeRedis extends DomainError {
  constructor(message: string) {
    super('invalid', 'unsafe_redis', message);
  }
}

export async function checkRedisSafety(redis: Redis, production: boolean, warn: (m: string) => void): Promise<void> {
  const [, policy] = (await redis.config('GET', 'maxmemory-policy')) as [string, string];
  const [, aof] = (await redis.config('GET', 'appendonly')) as [string, string];
  if (policy !== 'noeviction') {
    const message = `Redis maxmemory-policy is "${policy}": queued jobs could be evicted. Set it to noeviction.`;
    if (production) throw new UnsafeRedis(message);
    warn(message);
  }
  if (aof !== 'yes') warn('Redis append-only file is off: jobs queued since the last snapshot are lost if Redis restarts.');
}

// Counting requests in Redis, so that several API processes share one budget. A Redis that is away or hangs
// does not hold requests up: counting fails fast (the caller lets the request through).
import { Redis } from 'ioredis';

export interface RateCounter {
  /** The count for `key` after this request; the key expires after `ttlSeconds`. */
  increment(key: string, ttlSeconds: number): Promise<number>;
  ping(): Promise<unknown>;
  close(): void;
}

export function redisRateCounter(redisUrl: string): RateCounter {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false, commandTimeout: 1_000 });
  redis.on('error', () => {}); // the rate limit lets requests through while Redis is away; /health reports it
  return {
    async increment(key, ttlSeconds) {
      const count = await redis.incr(key);
      if (count === 1) await redis.expire(key, ttlSeconds);
      return count;
    },
    // A connection still on its way up (just after start) is waited for, briefly, rather than reported down.
    ping: async () => {
      if (redis.status === 'wait' || redis.status === 'connecting' || redis.status === 'connect')
        await new Promise<void>((ok) => {
          const done = () => (clearTimeout(timer), redis.off('ready', done), ok());
          const timer = setTimeout(done, 1_500);
          redis.once('ready', done);
        });
      return redis.ping();
    },
    close: () => redis.disconnect(),
  };
}

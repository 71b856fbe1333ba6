// The whole service for a test file: a fresh embedded database, a private Redis, the queue and (optionally)
// workers, the app on a loopback port.
import type { Database } from '../../db/connection.ts';
import { createLogger } from '../../runtime/logger.ts';
import type { RedisHandle } from '../../runtime/redis.ts';
import { openStack, type Stack } from '../../boot/stack.ts';
import type { WorkerOptions } from '../../worker/worker.ts';
import { seededDatabase } from './db.ts';
import { listen } from './http.ts';
import { privateRedis } from './redis.ts';

export interface TestStack {
  db: Database;
  redis: RedisHandle & { dir: string };
  stack: Stack;
  url: string;
  close(): Promise<void>;
}

export async function openTestStack(options: { workers?: boolean; workerOptions?: WorkerOptions; rateLimits?: { perAccount: number; perAddress: number }; reconcileGraceSeconds?: number; reconcileIntervalMs?: number } = {}): Promise<TestStack> {
  const db = await seededDatabase();
  const redis = await privateRedis();
  const stack = await openStack({ pool: db.pool, redisUrl: redis.url, redisHealth: () => redis.health(), logger: createLogger('silent'), workers: options.workers ?? true, workerOptions: options.workerOptions, rateLimits: options.rateLimits ?? { perAccount: 0, perAddress: 0 }, reconcileGraceSeconds: options.reconcileGraceSeconds, reconcileIntervalMs: options.reconcileIntervalMs });
  const http = await listen(stack.app);
  return {
    db,
    redis,
    stack,
    url: http.url,
    async close() {
      await http.close();
      await stack.close();
      await redis.close();
      await db.close();
    },
  };
}

// Shared by the benchmarks: a full stack on a fresh embedded database, percentiles, results on disk.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Database } from '../db/connection.ts';
import { migrate } from '../db/migrate.ts';
import { createAccount, createApiKey, type Role } from '../db/repositories/accounts.repository.ts';
import { createLogger } from '../runtime/logger.ts';
import { provideRedis, type RedisHandle } from '../runtime/redis.ts';
import { openStack, type Stack } from '../runtime/stack.ts';
import type { WorkerOptions } from '../worker/queue.ts';

export interface BenchStack {
  db: Database;
  redis: RedisHandle;
  stack: Stack;
  url: string;
  key(role: Role): Promise<string>;
  close(): Promise<void>;
}

export async function openBenchStack(workerOptions: WorkerOptions = {}): Promise<BenchStack> {
  const dir = mkdtempSync(join(tmpdir(), 'foothold-bench-'));
  const db = await openDatabase({ dataDir: join(dir, 'pgdata') });
  await migrate(db.pool);
  const redis = await provideRedis(null, dir);
  const stack = await openStack({ pool: db.pool, redisUrl: redis.url, logger: createLogger('silent'), workers: true, workerOptions, rateLimitPerMinute: 0 });
  const server = stack.app.listen(0, '127.0.0.1');
  await new Promise<void>((ok) => server.once('listening', ok));
  const { port } = server.address() as { port: number };
  return {
    db,
    redis,
    stack,
    url: `http://127.0.0.1:${port}`,
    async key(role) {
      const account = await createAccount(db.pool, `bench ${role}`, role);
      return (await createApiKey(db.pool, account.id)).key;
    },
    async close() {
      await new Promise<void>((ok) => server.close(() => ok()));
      await stack.close();
      await redis.close();
      await db.close();
    },
  };
}

export function percentiles(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * (s.length - 1)))] ?? NaN;
  return { p50: at(0.5), p95: at(0.95), n: s.length };
}

export const rssMb = () => process.memoryUsage().rss / 1024 / 1024;

export function saveResult(name: string, result: unknown): void {
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  writeFileSync(new URL(`./results/${name}.json`, import.meta.url), JSON.stringify(result, null, 2));
}

/** Wait for the advice of a startup to finish, by its Server-Sent Events. */
export async function awaitAdvice(url: string, key: string, startupId: string): Promise<string> {
  const res = await fetch(`${url}/api/v1/startups/${startupId}/advice/events`, { headers: { authorization: `Bearer ${key}` } });
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(chunk, { stream: true });
    const m = /event: (done|failed)/.exec(buffer);
    if (m) return m[1]!;
  }
  return 'closed';
}

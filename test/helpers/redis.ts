// A private redis-server for one test file (the same way `foothold start` provides one).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { provideRedis, type RedisHandle } from '../../runtime/redis.ts';

/** A private Redis, and the data directory it lives in (its files are under `<dir>/redis`). */
export async function privateRedis(): Promise<RedisHandle & { dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'foothold-redis-'));
  return { ...(await provideRedis(null, dir)), dir };
}

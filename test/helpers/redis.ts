// A private redis-server for one test file (the same way `foothold start` provides one).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { provideRedis, type RedisHandle } from '../../runtime/redis.ts';

export function privateRedis(): Promise<RedisHandle> {
  return provideRedis(null, mkdtempSync(join(tmpdir(), 'foothold-redis-')));
}

// Reaching Redis: REDIS_URL when set; otherwise a private redis-server started for this process (AOF on,
// noeviction, data under FOOTHOLD_DATA_DIR/redis) when one is installed; otherwise a clear error.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Redis } from 'ioredis';

export class RedisUnavailable extends Error {}

export interface RedisHandle {
  url: string;
  /** Whether Foothold started this server itself (and stops it on shutdown). */
  managed: boolean;
  close(): Promise<void>;
}

const NO_REDIS = `Foothold needs Redis for its job queue, and found none.
  Either set REDIS_URL (e.g. REDIS_URL=redis://127.0.0.1:6379), or install redis-server and Foothold starts one for you:
    Debian/Ubuntu: sudo apt-get install -y redis-server
    macOS:         brew install redis`;

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => ok(port));
    });
  });
}

async function waitForPing(url: string, child: ChildProcess, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new RedisUnavailable(`redis-server exited with code ${child.exitCode}`);
    const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on('error', () => {}); // refused while the server starts: expected, retried below
    try {
      await client.connect();
      await client.ping();
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    } finally {
      client.disconnect();
    }
  }
  throw new RedisUnavailable(`redis-server did not answer within ${timeoutMs} ms`);
}

/** `port`: a fixed port (to restart a private server where its clients expect it); default any free one. */
export async function provideRedis(redisUrl: string | null, dataDir: string, port?: number): Promise<RedisHandle> {
  if (redisUrl) return { url: redisUrl, managed: false, close: async () => {} };
  if (spawnSync('redis-server', ['--version']).error) throw new RedisUnavailable(NO_REDIS);
  const dir = join(dataDir, 'redis');
  mkdirSync(dir, { recursive: true });
  const listenPort = port ?? (await freePort());
  const child = spawn(
    'redis-server',
    ['--port', String(listenPort), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--maxmemory-policy', 'noeviction', '--save', ''],
    { stdio: 'ignore' },
  );
  const url = `redis://127.0.0.1:${listenPort}`;
  await waitForPing(url, child);
  return {
    url,
    managed: true,
    close: () =>
      new Promise<void>((ok) => {
        if (child.exitCode !== null) return ok();
        child.once('exit', () => ok());
        child.kill('SIGTERM'); // redis-server flushes its append-only file on SIGTERM
      }),
  };
}

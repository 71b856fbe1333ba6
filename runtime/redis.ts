// Reaching Redis: REDIS_URL when set; otherwise a private redis-server for this data directory (AOF on,
// noeviction, data under FOOTHOLD_DATA_DIR/redis) when one is installed; otherwise a clear error.
// The private server is supervised: one that dies is started again on the same port (clients reconnect by
// themselves), and /health reports its restarts. One left running by a killed Foothold (an orphan on the same
// append-only file) is stopped before a new one starts.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { DomainError } from '../engine/errors.ts';
import { isAlive } from './data-dir.ts';
import type { Logger } from './logger.ts';

export class RedisUnavailable extends DomainError {
  constructor(message: string) {
    super('unavailable', 'redis_unavailable', message);
  }
}

export interface PrivateRedisHealth {
  running: boolean;
  /** Times it was started again after it died. */
  restarts: number;
  lastExitAt: string | null;
}

export interface RedisHandle {
  url: string;
  /** Whether Foothold started this server itself (and stops it on shutdown). */
  managed: boolean;
  /** The private server's state (null for a server given by REDIS_URL). */
  health(): PrivateRedisHealth | null;
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

const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

async function waitForPing(url: string, child: ChildProcess, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new RedisUnavailable(`redis-server exited (${child.exitCode ?? child.signalCode}) while starting`);
    const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on('error', () => {}); // refused while the server starts: expected, retried below
    try {
      await client.connect();
      await client.ping();
      return;
    } catch {
      await sleep(100);
    } finally {
      client.disconnect();
    }
  }
  throw new RedisUnavailable(`redis-server did not answer within ${timeoutMs} ms`);
}

/** A redis-server still running from an earlier, killed Foothold on this directory: stop it (it flushes its AOF on SIGTERM). */
async function stopOrphan(dir: string, logger?: Logger): Promise<void> {
  let pid: number;
  try {
    pid = Number(readFileSync(join(dir, 'redis.pid'), 'utf8').trim());
  } catch {
    return;
  }
  if (!pid || !isAlive(pid)) return;
  let cmdline = '';
  try {
    cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    /* no /proc: trust the pid file */
  }
  if (cmdline && !cmdline.includes('redis-server')) return; // the pid now belongs to another program
  logger?.warn({ pid }, 'stopping a redis-server left running on this data directory by a Foothold that was killed');
  process.kill(pid, 'SIGTERM');
  for (let waited = 0; waited < 10_000 && isAlive(pid); waited += 100) await sleep(100);
  if (isAlive(pid)) process.kill(pid, 'SIGKILL');
}

/** `port`: a fixed port (tests restart a server where its clients expect it); default any free one. */
export async function provideRedis(redisUrl: string | null, dataDir: string, options: { port?: number; logger?: Logger } = {}): Promise<RedisHandle> {
  if (redisUrl) return { url: redisUrl, managed: false, health: () => null, close: async () => {} };
  if (spawnSync('redis-server', ['--version']).error) throw new RedisUnavailable(NO_REDIS);
  const dir = join(dataDir, 'redis');
  mkdirSync(dir, { recursive: true });
  await stopOrphan(dir, options.logger);
  const port = options.port ?? (await freePort());
  const url = `redis://127.0.0.1:${port}`;
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--pidfile', join(dir, 'redis.pid'), '--appendonly', 'yes', '--maxmemory-policy', 'noeviction', '--save', ''];
  const health: PrivateRedisHealth = { running: false, restarts: 0, lastExitAt: null };
  let closing = false;
  let child: ChildProcess;

  const launch = async () => {
    child = spawn('redis-server', args, { stdio: 'ignore' });
    child.once('exit', (code, signal) => {
      health.running = false;
      if (closing) return;
      health.lastExitAt = new Date().toISOString();
      options.logger?.error({ code, signal }, 'the private redis-server stopped; starting it again');
      void restart();
    });
    await waitForPing(url, child);
    health.running = true;
  };
  // Restarted with a growing pause (a server that dies at once again must not spin), for as long as Foothold runs.
  const restart = async () => {
    for (let pause = 200; !closing; pause = Math.min(pause * 2, 5_000)) {
      await sleep(pause);
      if (closing) return;
      try {
        await launch();
        health.restarts++;
        options.logger?.warn({ restarts: health.restarts }, 'the private redis-server is running again');
        return;
      } catch (e) {
        options.logger?.error({ err: e }, 'the private redis-server did not start again; retrying');
      }
    }
  };

  await launch();
  return {
    url,
    managed: true,
    health: () => ({ ...health }),
    close: () =>
      new Promise<void>((ok) => {
        closing = true;
        if (child.exitCode !== null || child.signalCode !== null) return ok();
        child.once('exit', () => ok());
        child.kill('SIGTERM'); // redis-server flushes its append-only file on SIGTERM
      }),
  };
}

// Shared by the benchmarks: `foothold start` as a child process, keys made with the CLI, memory of a process,
// percentiles, results on disk.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Role } from '../engine/accounts.ts';
import { childEnv } from '../test/helpers/process.ts';
import { readEvents } from '../web/src/lib/sse.ts';

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
  for await (const { event } of readEvents(res.body!)) if (event === 'done' || event === 'failed') return event;
  return 'closed';
}

const BIN = new URL('../bin/foothold.js', import.meta.url).pathname;

export interface RunningApp {
  url: string;
  pid: number;
  /** What the first start printed: the local admin key, if it was created now. */
  adminKey: string | null;
  /** Signal the app's process group and wait for it to exit. */
  stop(signal: NodeJS.Signals): Promise<void>;
}

/** `foothold start` in its own process group, with the given environment; resolves once it serves. */
export function startApp(env: NodeJS.ProcessEnv, onSpawn?: (pid: number) => void): Promise<RunningApp> {
  const child = spawn(process.execPath, [BIN, 'start'], { env: childEnv({ PORT: '0', LOG_LEVEL: 'silent', ...(env as Record<string, string>) }), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  onSpawn?.(child.pid!);
  let out = '';
  return new Promise((ok, fail) => {
    child.stdout.on('data', (d) => {
      out += d;
      const m = /running at (http:\/\/\S+?)\/?\s/.exec(out);
      if (m)
        ok({
          url: m[1]!,
          pid: child.pid!,
          adminKey: /\n {2}(fh_\S+)/.exec(out)?.[1] ?? null,
          stop: (signal) =>
            new Promise((done) => {
              if (child.exitCode !== null) return done();
              child.once('exit', () => done());
              process.kill(-child.pid!, signal);
            }),
        });
    });
    child.once('exit', (code) => fail(new Error(`start exited with ${code}: ${out}`)));
  });
}

/** An API key for a new account, made with the CLI before the app starts (the embedded database has one user at a time). */
export function createKeyWithCli(env: NodeJS.ProcessEnv, role: Role): string {
  const made = spawnSync(process.execPath, [BIN, 'keys', 'create', '--role', role, '--name', `bench ${role}`], { env: childEnv(env as Record<string, string>), encoding: 'utf8' });
  const key = /(fh_\S+)/.exec(made.stdout)?.[1];
  if (!key) throw new Error(`keys create failed: ${made.stderr}`);
  return key;
}

/** Resident memory of another process, in MB (Linux). */
export const rssOfPidMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024;

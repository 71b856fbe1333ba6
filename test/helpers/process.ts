// The real `foothold` command in child processes, with an environment chosen explicitly: a child gets the
// machine's basics (PATH, HOME) and what the test gives it, never the test runner's own settings (a
// DATABASE_URL or REDIS_URL set for the suite must not leak into a child that should use its data directory).
import { type ChildProcess, spawn } from 'node:child_process';

const BIN = new URL('../../bin/foothold.js', import.meta.url).pathname;

// A test that fails or times out may never stop what it started: whatever is still running when the test
// file's process ends is killed with it, so no `foothold` outlives the suite.
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});
const track = <C extends ChildProcess>(child: C): C => {
  running.add(child);
  child.once('exit', () => running.delete(child));
  return child;
};

export function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const { PATH, HOME, TMPDIR, LANG } = process.env;
  return Object.fromEntries(Object.entries({ PATH, HOME, TMPDIR, LANG, NODE_ENV: 'test', ...env }).filter(([, v]) => v !== undefined));
}

/** Run a command to its end. */
export function foothold(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((ok) => {
    const child = track(spawn(process.execPath, [BIN, ...args], { env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] }));
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => ok({ code, stdout, stderr }));
  });
}

export interface RunningFoothold {
  url: string;
  pid: number;
  /** Everything it printed so far (logs included). */
  output(): string;
  /** The admin key its first start printed, if it printed one. */
  adminKey: string | null;
  /** Signal the process (only it: a private redis-server it started is left alone) and wait for its exit code. */
  stop(signal: NodeJS.Signals): Promise<number | null>;
}

/** `foothold start`; resolves once it serves (or rejects with what it printed when it exits first). */
export function startFoothold(env: Record<string, string>): Promise<RunningFoothold> {
  return launch('start', /running at (http:\/\/\S+?)\/?\s/, env);
}

/** `foothold worker` (queue workers only); resolves once it works. Its `url` is empty. */
export function startWorkerProcess(env: Record<string, string>): Promise<RunningFoothold> {
  return launch('worker', /Foothold worker is running()/, env);
}

function launch(command: 'start' | 'worker', ready: RegExp, env: Record<string, string>): Promise<RunningFoothold> {
  const child = track(spawn(process.execPath, [BIN, command], { env: childEnv({ PORT: '0', LOG_LEVEL: 'silent', ...env }), stdio: ['ignore', 'pipe', 'pipe'] }));
  let out = '';
  child.stderr.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((ok) => child.once('exit', (code) => ok(code)));
  return new Promise((ok, fail) => {
    child.stdout.on('data', (d) => {
      out += d;
      const m = ready.exec(out);
      if (m)
        ok({
          url: m[1] ?? '',
          pid: child.pid!,
          output: () => out,
          adminKey: /\n {2}(fh_\S+)/.exec(out)?.[1] ?? null,
          stop: (signal) => {
            if (child.exitCode === null && child.signalCode === null) child.kill(signal);
            return exited;
          },
        });
    });
    void exited.then((code) => fail(new Error(`foothold ${command} exited with ${code}: ${out}`)));
  });
}

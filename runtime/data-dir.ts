// One owner per data directory. The embedded database is one connection inside one process, and the
// private Redis keeps one append-only file: a second process on the same directory would corrupt both. The
// process that opens them claims the directory with an owner file (`owner.json`, created exclusively) for
// its lifetime. An owner file whose process is gone (killed, crashed) is stale: the next claimant takes it
// over, under a short takeover lock so that two claimants cannot both do so. The owner records how to reach
// it (its HTTP address and its local control socket), so commands run beside a server can go through it.
import { closeSync, mkdirSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { DomainError } from '../engine/errors.ts';

export interface Owner {
  pid: number;
  /** The process' start time as the kernel counts it (Linux), so a recycled pid is not taken for the owner. */
  startTicks: string | null;
  /** What the owner runs: `start`, `kb import`, … */
  command: string;
  startedAt: string;
  /** Where its API listens, once it does. */
  url: string | null;
  /** Its local control socket (commands beside a running server go through it), once it listens. */
  control: string | null;
}

export class DataDirInUse extends DomainError {
  constructor(
    readonly dir: string,
    readonly owner: Owner,
  ) {
    const what = owner.command === 'start' ? 'Foothold' : `\`foothold ${owner.command}\``;
    super(
      'conflict',
      'data_dir_in_use',
      `${what} is already running on the data directory ${dir} (pid ${owner.pid}, since ${owner.startedAt}${owner.url ? `, at ${owner.url}` : ''}). ` +
        `Only one process may use it at a time: stop that one first (Ctrl-C in its terminal, or kill ${owner.pid}), or set FOOTHOLD_DATA_DIR to another directory.`,
    );
  }
}

const OWNER_FILE = 'owner.json';
const TAKEOVER_FILE = 'owner.takeover';
/** A takeover lock older than this was left by a claimant that died mid-takeover (a takeover takes milliseconds). */
const TAKEOVER_STALE_MS = 10_000;

/** The kernel's start time of a process (field 22 of /proc/<pid>/stat), or null where there is no /proc. */
export function processStartTicks(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

export function isAlive(pid: number, startTicks: string | null = null): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return false; // ESRCH: no such process
  }
  // Same pid, another process: the owner is gone and its pid was given to someone else.
  return startTicks === null || processStartTicks(pid) === null || processStartTicks(pid) === startTicks;
}

function readOwner(file: string): Owner | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Owner;
  } catch {
    return null; // missing, or half-written by a claimant that died: no owner
  }
}

/** The live owner of a directory, or null (no owner file, or a stale one). */
export function currentOwner(dir: string): Owner | null {
  const owner = readOwner(join(dir, OWNER_FILE));
  return owner && isAlive(owner.pid, owner.startTicks) ? owner : null;
}

export interface DataDirClaim {
  readonly dir: string;
  /** The stale owner this claim took over, if any (its leftovers, such as a private Redis, may need stopping). */
  readonly previous: Owner | null;
  /** Record how to reach this owner. */
  update(patch: Partial<Pick<Owner, 'url' | 'control'>>): void;
  release(): void;
}

function createExclusive(file: string, content: string): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'wx', 0o600);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
  try {
    writeSync(fd, content);
  } finally {
    closeSync(fd);
  }
  return true;
}

/** Claim `dir` for this process; throws DataDirInUse naming the live owner. */
export function claimDataDir(dir: string, command: string): DataDirClaim {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, OWNER_FILE);
  const me: Owner = { pid: process.pid, startTicks: processStartTicks(process.pid), command, startedAt: new Date().toISOString(), url: null, control: null };
  let previous: Owner | null = null;
  for (let attempt = 0; ; attempt++) {
    if (createExclusive(file, JSON.stringify(me))) break;
    const owner = readOwner(file);
    if (owner && isAlive(owner.pid, owner.startTicks)) throw new DataDirInUse(dir, owner);
    if (attempt >= 5) throw new DomainError('conflict', 'data_dir_in_use', `Cannot claim the data directory ${dir}: another process keeps claiming it`);
    // Stale: take it over, one claimant at a time.
    const takeover = join(dir, TAKEOVER_FILE);
    if (!createExclusive(takeover, String(process.pid))) {
      try {
        if (Date.now() - statSync(takeover).mtimeMs > TAKEOVER_STALE_MS) unlinkSync(takeover);
      } catch {
        /* gone meanwhile */
      }
      continue;
    }
    try {
      const still = readOwner(file);
      if (!still || !isAlive(still.pid, still.startTicks)) {
        previous = still ?? previous;
        try {
          unlinkSync(file);
        } catch {
          /* already gone */
        }
      }
    } finally {
      unlinkSync(takeover);
    }
  }
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    try {
      if (readOwner(file)?.pid === process.pid) unlinkSync(file);
    } catch {
      /* already gone */
    }
  };
  process.once('exit', release); // however the process ends (short of a kill), the directory is given back
  return {
    dir,
    previous,
    update(patch) {
      Object.assign(me, patch);
      const temporary = `${file}.${process.pid}.tmp`;
      writeFileSync(temporary, JSON.stringify(me), { mode: 0o600 });
      renameSync(temporary, file); // atomic: a reader sees the old or the new owner, never half of one
    },
    release,
  };
}

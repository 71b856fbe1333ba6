// Commands run beside a server on the same data directory: they cannot open its embedded database (one
// process owns it), so they ask the running server through its local control socket (api/control.ts).
import { request } from 'node:http';
import { DomainError, type ErrorDetail } from '../engine/errors.ts';
import { currentOwner, DataDirInUse, type Owner } from '../runtime/data-dir.ts';
import type { Config } from '../runtime/config.ts';

export interface ControlClient {
  owner: Owner;
  /** One JSON request; a JSON error answer is thrown as the DomainError it was. */
  call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T>;
  /** A request answered by lines of JSON (progress, then a result or an error). */
  stream(path: string, body: unknown, onLine: (line: Record<string, unknown>) => void): Promise<void>;
}

/** How long a command waits for a server that is still starting to open its control socket. */
const STARTING_WAIT_MS = 120_000;

function client(owner: Owner): ControlClient {
  const send = (method: string, path: string, body: unknown, onChunk: (text: string, status: number) => void) =>
    new Promise<number>((ok, fail) => {
      const req = request({ socketPath: owner.control!, method, path, headers: body === undefined ? {} : { 'content-type': 'application/json' } }, (res) => {
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => onChunk(chunk, res.statusCode ?? 0));
        res.on('end', () => ok(res.statusCode ?? 0));
        res.on('error', fail);
      });
      req.on('error', (e) => fail(new DomainError('unavailable', 'server_unreachable', `Foothold (pid ${owner.pid}) owns the data directory but does not answer on ${owner.control}: ${e.message}`)));
      if (body !== undefined) req.write(JSON.stringify(body));
      req.end();
    });
  const raise = (status: number, text: string): never => {
    let error: { code?: string; message?: string; details?: ErrorDetail[] } = {};
    try {
      error = JSON.parse(text).error ?? {};
    } catch {
      /* not JSON */
    }
    throw new DomainError(status === 404 ? 'not_found' : status >= 500 ? 'unavailable' : 'invalid', error.code ?? 'server_error', error.message ?? `the server answered ${status}`, error.details ?? []);
  };
  return {
    owner,
    async call(method, path, body) {
      let text = '';
      const status = await send(method, path, body, (chunk) => (text += chunk));
      if (status >= 400) raise(status, text);
      return JSON.parse(text);
    },
    async stream(path, body, onLine) {
      let buffer = '';
      let whole = '';
      const status = await send('POST', path, body, (chunk, code) => {
        whole += chunk;
        if (code >= 400) return; // an error answer is one JSON document, read whole below
        buffer += chunk;
        let i: number;
        while ((i = buffer.indexOf('\n')) >= 0) {
          const line = buffer.slice(0, i);
          buffer = buffer.slice(i + 1);
          if (line) onLine(JSON.parse(line));
        }
      });
      if (status >= 400) raise(status, whole);
    },
  };
}

/**
 * The server running on this configuration's data directory, to send a command through; null when no
 * process owns it (the command may open the database itself). Throws DataDirInUse when the owner is another
 * command (it has no socket), and waits (with a note on stderr) for a server that is still starting.
 */
export async function runningServer(config: Config): Promise<ControlClient | null> {
  if ('url' in config.database) return null; // a Postgres server: every process may connect
  let owner = currentOwner(config.dataDir);
  if (!owner) return null;
  if (owner.command !== 'start') throw new DataDirInUse(config.dataDir, owner);
  const deadline = Date.now() + STARTING_WAIT_MS;
  if (!owner.control) process.stderr.write(`Waiting for Foothold (pid ${owner.pid}) to finish starting…\n`);
  while (owner && !owner.control && Date.now() < deadline) {
    await new Promise((ok) => setTimeout(ok, 250));
    owner = currentOwner(config.dataDir);
  }
  if (!owner) return null; // it stopped meanwhile
  if (!owner.control) throw new DataDirInUse(config.dataDir, owner);
  return client(owner);
}

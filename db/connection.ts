// One way to reach Postgres for all of Foothold: node-postgres (`pg`). On the embedded default the server
// is PGlite (Postgres compiled to WASM, with pgvector) handed to `pg` in-process; with DATABASE_URL it is a
// real Postgres server with pgvector. Repositories never know which.
import { mkdirSync } from 'node:fs';
import pg from 'pg';

/** What a repository needs to run SQL: the pool, or one client of it inside a transaction. */
export type Queryable = Pick<pg.PoolClient, 'query'>;

export interface Database {
  pool: pg.Pool;
  /** 'embedded' (PGlite, a single connection: queries are serialised by the pool) or 'server'. */
  kind: 'embedded' | 'server';
  /** Ends the pool and, on the embedded default, closes PGlite cleanly so its data directory stays sound. */
  close(): Promise<void>;
}

/** `sharedBuffers`: Postgres' buffer cache on the embedded database, e.g. '16MB' (EMBEDDED_SHARED_BUFFERS). */
export type DatabaseTarget = { url: string } | { dataDir: string; sharedBuffers: string };

export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  if ('url' in target) {
    const pool = new pg.Pool({ connectionString: target.url, max: 10 });
    pool.on('error', () => {}); // idle-client errors surface on the next query instead of crashing the process
    return { pool, kind: 'server', close: () => pool.end() };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const { vector } = await import('@electric-sql/pglite-pgvector');
  const { createPgConfig } = await import('@electric-sql/pglite/node-postgres');
  if (!target.dataDir.startsWith('memory://')) mkdirSync(target.dataDir, { recursive: true });
  const pglite = await PGlite.create(target.dataDir, {
    extensions: { vector },
    // Postgres' default of 128 MB of shared buffers was a quarter of the process' resident memory; the
    // knowledge base and the results fit in far less. A vector index of 100,000 organisations does not: raise
    // it for such data (measured in bench/vector-scale.bench.ts, docs/benchmarks.md).
    startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${target.sharedBuffers}`],
  });
  // PGlite is one connection: a pool of one that never lets its client go idle-closed.
  const pool = new pg.Pool({ ...createPgConfig(pglite), max: 1, idleTimeoutMillis: 0 } as pg.PoolConfig);
  let closed = false;
  return {
    pool,
    kind: 'embedded',
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
      await pglite.close();
    },
  };
}

// Errors that mean the server cannot be reached (or is shutting down or starting), not that a query is wrong:
// node's socket errors, pg's own connection messages, and Postgres' admin-shutdown and connection classes.
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', '57P01', '57P02', '57P03']);
const UNREACHABLE_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection ended unexpectedly|Client was closed and is not queryable|connect ECONNREFUSED/;

export function isDatabaseUnavailable(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const { code, message } = err as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (UNREACHABLE_CODES.has(code) || code.startsWith('08'))) return true;
  return typeof message === 'string' && UNREACHABLE_MESSAGES.test(message);
}

/** Resolves when the database answers (the health check). */
export const ping = (pool: pg.Pool) => pool.query('SELECT 1');

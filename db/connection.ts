// One way to reach Postgres for all of Foothold: node-postgres (`pg`). On the embedded default the server
// is PGlite (Postgres compiled to WASM, with pgvector) handed to `pg` in-process; with DATABASE_URL it is a
// real Postgres server with pgvector. Repositories never know which.
import { mkdirSync } from 'node:fs';
import pg from 'pg';

export interface Database {
  pool: pg.Pool;
  /** 'embedded' (PGlite, a single connection: queries are serialised by the pool) or 'server'. */
  kind: 'embedded' | 'server';
  /** Ends the pool and, on the embedded default, closes PGlite cleanly so its data directory stays sound. */
  close(): Promise<void>;
}

const EMBEDDED_SHARED_BUFFERS = '16MB';

export type DatabaseTarget = { url: string } | { dataDir: string };

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
    // Postgres' default 128 MB of shared buffers is most of PGlite's resident memory; the data here is small
    // and the files underneath are cached by the operating system (measured in bench/cohort.bench.ts).
    startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${EMBEDDED_SHARED_BUFFERS}`],
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

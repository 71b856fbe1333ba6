// One transaction helper for every repository: BEGIN, the work, COMMIT — or ROLLBACK and the error — on one
// client from the pool, which is always released.
import type pg from 'pg';

export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => {}); // a broken connection has no transaction left to roll back
    throw e;
  } finally {
    client.release();
  }
}

/**
 * Run `work` only when no other process holds the advisory lock `key` (for tasks one process at a time should
 * do, such as reconciling); returns null when another holds it. Held for the transaction only.
 */
export async function whenLockFree<T>(pool: pg.Pool, key: number, work: (client: pg.PoolClient) => Promise<T>): Promise<T | null> {
  return inTransaction(pool, async (client) => {
    const { rows } = await client.query<{ got: boolean }>('SELECT pg_try_advisory_xact_lock($1) AS got', [key]);
    return rows[0]!.got ? work(client) : null;
  });
}

/**
 * Let timers and I/O run between the statements of long work: the embedded database executes each statement
 * synchronously on this thread, and a chain of awaited statements never leaves the microtask queue, so without
 * a turn of the event loop HTTP and Redis would wait (and Redis commands time out) until the work is done.
 */
export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

// What every command that opens the database needs: configuration, the data directory claimed for this
// process (the embedded database and the private Redis belong to one process), the database (migrated),
// and an orderly exit that closes everything and gives the directory back.
import { openDatabase, type Database } from '../db/connection.ts';
import { migrate } from '../db/migrate.ts';
import { loadConfig, type Config } from '../runtime/config.ts';
import { claimDataDir, type DataDirClaim } from '../runtime/data-dir.ts';
import { Lifecycle } from '../runtime/lifecycle.ts';

export interface Context {
  config: Config;
  db: Database;
  lifecycle: Lifecycle;
  /** The claim on the data directory, when this process uses the embedded database or a private Redis. */
  claim: DataDirClaim | null;
}

/**
 * Run a command with an open, migrated database that is closed cleanly however the command ends.
 * `privateRedis`: the command starts a private Redis when REDIS_URL is not set (it lives in the data directory).
 * Throws DataDirInUse, touching nothing, when another process owns the data directory.
 */
export async function withContext<T>(command: string, run: (ctx: Context) => Promise<T>, options: { privateRedis?: boolean } = {}): Promise<T> {
  const config = loadConfig();
  const embedded = !('url' in config.database);
  const claim = embedded || (options.privateRedis && !config.redisUrl) ? claimDataDir(config.dataDir, command) : null;
  const lifecycle = new Lifecycle();
  if (claim) lifecycle.add('data directory', async () => claim.release()); // closed last: after the database
  lifecycle.exitOnSignals((m) => process.stderr.write(m + '\n'));
  try {
    const db = await openDatabase(config.database);
    lifecycle.add('database', () => db.close());
    await migrate(db.pool);
    return await run({ config, db, lifecycle, claim });
  } finally {
    await lifecycle.close((m) => process.stderr.write(m + '\n'));
  }
}

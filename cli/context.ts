// What every command needs: configuration, the database (migrated), and an orderly exit.
import { openDatabase, type Database } from '../db/connection.ts';
import { migrate } from '../db/migrate.ts';
import { loadConfig, type Config } from '../runtime/config.ts';
import { Lifecycle } from '../runtime/lifecycle.ts';

export interface Context {
  config: Config;
  db: Database;
  lifecycle: Lifecycle;
}

/** Run a command with an open, migrated database that is closed cleanly however the command ends. */
export async function withContext<T>(run: (ctx: Context) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const lifecycle = new Lifecycle();
  lifecycle.exitOnSignals((m) => process.stderr.write(m + '\n'));
  const db = await openDatabase(config.database);
  lifecycle.add('database', () => db.close());
  try {
    await migrate(db.pool);
    return await run({ config, db, lifecycle });
  } finally {
    await lifecycle.close((m) => process.stderr.write(m + '\n'));
  }
}

// A fresh in-memory PGlite database with every migration applied, for one test file.
import { openDatabase, type Database } from '../../db/connection.ts';
import { migrate } from '../../db/migrate.ts';
import { DEFAULTS } from '../../runtime/config.ts';

export async function freshDatabase(): Promise<Database> {
  const db = await openDatabase({ dataDir: 'memory://', sharedBuffers: DEFAULTS.embeddedSharedBuffers });
  await migrate(db.pool);
  return db;
}

// The database of a test file, on the backend the test run chose: the embedded PGlite (in memory) or, in the
// `server` project (when TEST_DATABASE_URL is set), a database of its own on the Postgres server, created for
// the file and dropped after it. Nothing else decides which: a child process gets its database explicitly.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../../db/connection.ts';
import { migrate } from '../../db/migrate.ts';
import { DEFAULTS } from '../../runtime/config.ts';
import { copyEmbeddedSeed, copyServerSeed, seededDataDir } from './seed.ts';

export type Backend = 'embedded' | 'server';
export const backend: Backend = process.env.FOOTHOLD_TEST_BACKEND === 'server' ? 'server' : 'embedded';

/** A new, empty database on the server (its URL), and how to drop it. */
export async function serverDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const admin = process.env.TEST_DATABASE_URL;
  if (!admin) throw new Error('the server backend needs TEST_DATABASE_URL (scripts/test-postgres.sh setup prints it)');
  const name = `foothold_test_${randomBytes(6).toString('hex')}`;
  const run = async (sql: string) => {
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await run(`CREATE DATABASE ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/** An empty database (no migration applied), on this run's backend. */
export async function emptyDatabase(): Promise<Database & { url: string | null }> {
  if (backend === 'embedded') return { ...(await openDatabase({ dataDir: 'memory://', sharedBuffers: DEFAULTS.embeddedSharedBuffers })), url: null };
  const { url, drop } = await serverDatabase();
  const db = await openDatabase({ url });
  return {
    ...db,
    url,
    async close() {
      await db.close();
      await drop();
    },
  };
}

/** A fresh database with every migration applied, for one test file. */
export async function freshDatabase(): Promise<Database & { url: string | null }> {
  const db = await emptyDatabase();
  await migrate(db.pool);
  return db;
}

/**
 * A database holding the knowledge base as `foothold start` seeds it on first use (a copy of the run's seed,
 * test/helpers/seed.ts), for one test file.
 */
export async function seededDatabase(): Promise<Database & { url: string | null }> {
  if (backend === 'embedded') {
    const { dataDir, remove } = seededDataDir();
    const db = await openDatabase({ dataDir: `${dataDir}/pgdata`, sharedBuffers: DEFAULTS.embeddedSharedBuffers });
    return {
      ...db,
      url: null,
      async close() {
        await db.close();
        remove();
      },
    };
  }
  const { url, drop } = await copyServerSeed();
  const db = await openDatabase({ url });
  return {
    ...db,
    url,
    async close() {
      await db.close();
      await drop();
    },
  };
}

/**
 * The database a `foothold` child process should use, as environment: nothing on the embedded backend (it
 * opens its data directory), DATABASE_URL of a new server database on the server one. `seeded` starts it
 * from the run's seeded knowledge base (embedded: copied into `dataDir`) rather than empty.
 */
export async function processDatabase(options: { seeded?: { dataDir: string } } = {}): Promise<{ env: Record<string, string>; drop: () => Promise<void> }> {
  if (backend === 'embedded') {
    if (options.seeded) copyEmbeddedSeed(`${options.seeded.dataDir}/pgdata`);
    return { env: {}, drop: async () => {} };
  }
  const { url, drop } = options.seeded ? await copyServerSeed() : await serverDatabase();
  return { env: { DATABASE_URL: url }, drop };
}

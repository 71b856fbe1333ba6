// One seeded knowledge base per test run and backend, copied into each test file's database: seeding the
// world knowledge base (derive 29,000 organisations, store, embed) takes about 25 s, and twenty files doing it
// on two backends would take most of CI's time. The seed is exactly what `foothold start` makes of data/kb on
// first use (prepareAdvice), and it is keyed by the content of everything that shapes it, so a change to the
// data, the migrations, the derivation or the model makes a new one. Tests of seeding itself (a first start,
// two processes seeding one database) still start from an empty database.
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { prepareAdvice } from '../../boot/stack.ts';
import { openDatabase } from '../../db/connection.ts';
import { migrate } from '../../db/migrate.ts';
import { DEFAULTS } from '../../runtime/config.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
/** Everything whose change changes the seeded database. */
const INPUTS = ['data/kb', 'db/migrations', 'db/repositories', 'engine/kb', 'models', 'sources', 'services/knowledge.service.ts', 'boot/stack.ts'];

function filesUnder(path: string): string[] {
  const full = join(ROOT, path);
  if (!statSync(full).isDirectory()) return [path];
  return readdirSync(full, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => filesUnder(join(path, e.name)));
}

let key: string | undefined;
export function seedKey(): string {
  if (!key) {
    const hash = createHash('sha256');
    for (const file of INPUTS.flatMap(filesUnder)) hash.update(file).update(readFileSync(join(ROOT, file)));
    key = hash.digest('hex').slice(0, 16);
  }
  return key;
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** The key of the seed the run's globalSetup made (files edited during the run do not change it). */
    seedKey: string;
  }
}
/** In a test file, the key globalSetup provided; in globalSetup, the key of the files now. */
const runKey = (inTest: boolean) => (inTest ? inject('seedKey') : seedKey());

const SEEDS = join(tmpdir(), 'foothold-test-seeds');
const STALE_SEED_MS = 3 * 3600_000;
const embeddedSeed = (inTest = true) => join(SEEDS, runKey(inTest), 'pgdata');
const serverSeedName = (inTest = true) => `foothold_seed_${runKey(inTest)}`;

async function adminQuery<T extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, values: unknown[] = []): Promise<pg.QueryResult<T>> {
  const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await client.connect();
  try {
    return await client.query<T>(sql, values);
  } finally {
    await client.end();
  }
}

const urlOf = (name: string) => {
  const url = new URL(process.env.TEST_DATABASE_URL!);
  url.pathname = `/${name}`;
  return url.toString();
};

async function seed(target: Parameters<typeof openDatabase>[0]): Promise<void> {
  const db = await openDatabase(target);
  try {
    await migrate(db.pool);
    await prepareAdvice(db.pool);
  } finally {
    await db.close();
  }
}

/** Make this run's seed if no earlier run made it (vitest globalSetup, once per backend). */
export async function ensureSeed(backend: 'embedded' | 'server'): Promise<void> {
  if (backend === 'embedded') {
    const dir = embeddedSeed(false);
    if (existsSync(join(dir, '..', 'complete'))) return;
    // Seeds of earlier keys go, once no run can still be using them (runs of different code may overlap).
    for (const old of existsSync(SEEDS) ? readdirSync(SEEDS) : [])
      if (Date.now() - statSync(join(SEEDS, old)).mtimeMs > STALE_SEED_MS) rmSync(join(SEEDS, old), { recursive: true, force: true });
    const building = join(SEEDS, `${seedKey()}.building-${process.pid}`);
    rmSync(building, { recursive: true, force: true });
    mkdirSync(building, { recursive: true });
    await seed({ dataDir: join(building, 'pgdata'), sharedBuffers: DEFAULTS.embeddedSharedBuffers });
    writeFileSync(join(building, 'complete'), new Date().toISOString()); // a copy is only ever taken of a finished seed
    if (existsSync(join(dir, '..', 'complete'))) rmSync(building, { recursive: true, force: true }); // another run finished first
    else {
      rmSync(join(SEEDS, seedKey()), { recursive: true, force: true }); // an unfinished one, if any
      renameSync(building, join(SEEDS, seedKey()));
    }
    return;
  }
  const name = serverSeedName(false);
  const { rows } = await adminQuery<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE 'foothold_seed_%'");
  if (rows.some((r) => r.datname === name)) return;
  for (const r of rows) await adminQuery(`DROP DATABASE IF EXISTS ${r.datname} WITH (FORCE)`);
  const building = `${name}_building`;
  await adminQuery(`CREATE DATABASE ${building}`);
  await seed({ url: urlOf(building) });
  await adminQuery(`ALTER DATABASE ${building} RENAME TO ${name}`);
}

/** A copy of the seed as an embedded data directory at `pgdata` (which must not exist yet). */
export function copyEmbeddedSeed(pgdata: string): void {
  if (!existsSync(join(embeddedSeed(), '..', 'complete'))) throw new Error('no seeded knowledge base: the embedded project runs test/helpers/seed.global.ts first');
  cpSync(embeddedSeed(), pgdata, { recursive: true });
}

/** A new server database copied from the seed: its URL and how to drop it. */
export async function copyServerSeed(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `foothold_test_${createHash('sha256').update(`${process.pid}-${Date.now()}-${Math.random()}`).digest('hex').slice(0, 12)}`;
  await adminQuery(`CREATE DATABASE ${name} TEMPLATE ${serverSeedName()}`);
  return { url: urlOf(name), drop: async () => void (await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)) };
}

/** A temporary directory for an embedded copy, removed by the returned function. */
export function seededDataDir(): { dataDir: string; remove: () => void } {
  const dataDir = mkdtempSync(join(tmpdir(), 'foothold-seeded-'));
  copyEmbeddedSeed(join(dataDir, 'pgdata'));
  return { dataDir, remove: () => rmSync(dataDir, { recursive: true, force: true }) };
}

// Configuration, parsed once from the environment into one typed object. A bad variable stops the start
// with a message naming every bad variable, not the first one found.
import { resolve } from 'node:path';
import { z } from 'zod';
import { DomainError } from '../engine/errors.ts';

/** Every default in one place: the configuration, the composition root and the tests read them here. */
export const DEFAULTS = {
  port: 8080,
  host: '127.0.0.1',
  dataDir: '.foothold',
  /** The embedded database's buffer cache: the knowledge base and results fit; 100,000+ vectors want more (docs/benchmarks.md). */
  embeddedSharedBuffers: '16MB',
  rateLimits: { perAccount: 600, perAddress: 300 },
  /**
   * Startups per advise-batch job. A job's fixed costs (queue round trips, a read, a write) are shared by the
   * batch; 25 keeps progress fine-grained and a retried batch small.
   */
  cohortBatchSize: 25,
  /** Jobs a process works on at once (they overlap their waits on Redis, the database and the engine threads). */
  workerConcurrency: 4,
  /** How often the reconciler looks for advice no live job will deliver. */
  reconcileIntervalMs: 60_000,
} as const;

const ConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default(DEFAULTS.host),
  PORT: z.coerce.number().int().min(0).max(65535).default(DEFAULTS.port),
  /** A Postgres server with pgvector; unset = the embedded PGlite database in FOOTHOLD_DATA_DIR. */
  DATABASE_URL: z.string().url().optional(),
  FOOTHOLD_DATA_DIR: z.string().min(1).default(DEFAULTS.dataDir),
  /** The embedded database's buffer cache (Postgres' shared_buffers). */
  EMBEDDED_SHARED_BUFFERS: z.string().regex(/^\d+(kB|MB|GB)$/, 'a size such as 16MB').default(DEFAULTS.embeddedSharedBuffers),
  /** A Redis server; unset = Foothold starts a local redis-server when one is installed. */
  REDIS_URL: z.string().url().optional(),
  /** Requests per API key per minute; 0 turns the limit off. */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(DEFAULTS.rateLimits.perAccount),
  /** Requests per address per minute without a valid API key (the public knowledge base, bad keys); 0 turns it off. */
  ANONYMOUS_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(DEFAULTS.rateLimits.perAddress),
  /** How many reverse proxies in front of Foothold set X-Forwarded-For (0: clients connect directly). */
  TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
  /** Startups per cohort job (queue round trips, a read and a write are shared by a batch). */
  COHORT_BATCH_SIZE: z.coerce.number().int().min(1).max(500).default(DEFAULTS.cohortBatchSize),
  /** Jobs a process works on at once (they overlap their waits on Redis, the database and the engine threads). */
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(DEFAULTS.workerConcurrency),
  /** Threads that run the advice engine; unset = one per core beyond the main thread's. */
  ENGINE_THREADS: z.coerce.number().int().min(1).max(64).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface Config {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  database: { url: string } | { dataDir: string; sharedBuffers: string };
  dataDir: string;
  redisUrl: string | null;
  logLevel: string;
  rateLimits: { perAccount: number; perAddress: number };
  trustProxy: number;
  cohortBatchSize: number;
  engineThreads: number | undefined;
  workerConcurrency: number;
}

export class ConfigError extends DomainError {
  constructor(message: string) {
    super('invalid', 'bad_configuration', message);
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success)
    throw new ConfigError(
      'Bad configuration:\n' + parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n'),
    );
  const c = parsed.data;
  const dataDir = resolve(c.FOOTHOLD_DATA_DIR);
  return {
    env: c.NODE_ENV,
    host: c.HOST,
    port: c.PORT,
    database: c.DATABASE_URL ? { url: c.DATABASE_URL } : { dataDir: resolve(dataDir, 'pgdata'), sharedBuffers: c.EMBEDDED_SHARED_BUFFERS },
    dataDir,
    redisUrl: c.REDIS_URL ?? null,
    logLevel: c.LOG_LEVEL,
    rateLimits: { perAccount: c.RATE_LIMIT_PER_MINUTE, perAddress: c.ANONYMOUS_RATE_LIMIT_PER_MINUTE },
    trustProxy: c.TRUST_PROXY,
    cohortBatchSize: c.COHORT_BATCH_SIZE,
    engineThreads: c.ENGINE_THREADS,
    workerConcurrency: c.WORKER_CONCURRENCY,
  };
}

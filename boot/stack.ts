// The composition root: the one start-up sequence (knowledge base seeded and derived, encoder loaded, the
// knowledge base embedded by it) and everything a running Foothold is made of — services, the job queue,
// optionally the workers and the reconciler, and the HTTP app. The CLI and the tests build Foothold here.
import type express from 'express';
import type pg from 'pg';
import { createApp } from '../api/app.ts';
import { ping } from '../db/connection.ts';
import type { ApiContext } from '../api/context.ts';
import { type JobQueue, openQueue } from '../jobs/queue.ts';
import { Encoder } from '../models/encoder.ts';
import { DEFAULTS } from '../runtime/config.ts';
import type { Logger } from '../runtime/logger.ts';
import { redisRateCounter } from '../runtime/rate-counter.ts';
import type { PrivateRedisHealth } from '../runtime/redis.ts';
import { AccountService } from '../services/account.service.ts';
import { AdviceService } from '../services/advice.service.ts';
import { CohortService } from '../services/cohort.service.ts';
import { CohortProgress } from '../services/cohort-progress.ts';
import { CorporateService } from '../services/corporate.service.ts';
import { KnowledgeService, type ProgressListener } from '../services/knowledge.service.ts';
import { Reconciler } from '../services/reconciler.ts';
import { StartupService } from '../services/startup.service.ts';
import { TagService } from '../services/tag.service.ts';
import { loadGazetteer } from '../sources/gazetteer.ts';
import { type RunningWorker, startWorker, type WorkerOptions } from '../worker/worker.ts';

/**
 * The one start-up sequence: the knowledge base seeded on first use (or derived again after an upgrade),
 * the encoder loaded, every record embedded by it; then the advice service over them.
 */
export async function prepareAdvice(pool: pg.Pool, onProgress?: ProgressListener) {
  const knowledge = new KnowledgeService(pool);
  const seeded = await knowledge.ensure(onProgress);
  const encoder = await Encoder.load();
  const embedded = await knowledge.embed(encoder, onProgress);
  return { advice: new AdviceService(pool, encoder, loadGazetteer()), knowledge, seeded, embedded };
}

export interface StackOptions {
  pool: pg.Pool;
  redisUrl: string;
  /** The private Redis' state, for /health (none when Redis is given by REDIS_URL). */
  redisHealth?: () => PrivateRedisHealth | null;
  logger: Logger;
  /** Run queue workers (and the reconciler) in this process (the embedded default runs API and workers together). */
  workers: boolean;
  workerOptions?: WorkerOptions;
  onProgress?: ProgressListener;
  rateLimits?: ApiContext['rateLimits'];
  trustProxy?: number;
  cohortBatchSize?: number;
  reconcileIntervalMs?: number;
  /** How old a request must be before the reconciler redoes it (tests shorten it). */
  reconcileGraceSeconds?: number;
}

export interface Stack {
  context: ApiContext;
  advice: AdviceService;
  app: express.Express;
  jobs: JobQueue;
  worker: RunningWorker | null;
  reconciler: Reconciler | null;
  /** Stop taking jobs, finish the ones in hand, disconnect from Redis. The database is the caller's. */
  close(): Promise<void>;
}

export async function openStack(o: StackOptions): Promise<Stack> {
  const { advice, seeded } = await prepareAdvice(o.pool, o.onProgress);
  if (seeded) o.logger.info({ importedAt: seeded.importedAt, derivation: seeded.derivation }, 'knowledge base derived and stored');
  const jobs = await openQueue(o.redisUrl);
  const knowledge = new KnowledgeService(o.pool, jobs);
  const rateCounter = redisRateCounter(o.redisUrl);
  const batchSize = o.cohortBatchSize ?? DEFAULTS.cohortBatchSize;
  const progress = new CohortProgress(o.pool);
  const context: ApiContext = {
    accounts: new AccountService(o.pool),
    startups: new StartupService(o.pool, advice, jobs),
    cohorts: new CohortService(o.pool, advice, jobs, progress, batchSize),
    corporate: new CorporateService(o.pool, advice.encoder, advice),
    knowledge,
    tags: new TagService(advice.encoder),
    probes: { database: () => ping(o.pool), redis: () => rateCounter.ping() },
    redisHealth: o.redisHealth ?? (() => null),
    rateCounter,
    rateLimits: o.rateLimits ?? DEFAULTS.rateLimits,
    trustProxy: o.trustProxy ?? 0,
    logger: o.logger,
  };
  const worker = o.workers ? startWorker(o.redisUrl, { advice, knowledge, encoder: advice.encoder }, { ...o.workerOptions, logger: o.logger }) : null;
  const reconciler = o.workers
    ? new Reconciler(o.pool, jobs, { batchSize, intervalMs: o.reconcileIntervalMs ?? DEFAULTS.reconcileIntervalMs, graceSeconds: o.reconcileGraceSeconds, logger: o.logger })
    : null;
  reconciler?.start();
  return {
    context,
    advice,
    app: createApp(context),
    jobs,
    worker,
    reconciler,
    async close() {
      progress.close();
      await reconciler?.stop();
      await worker?.close();
      await jobs.close();
      rateCounter.close();
    },
  };
}

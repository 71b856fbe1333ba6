// The composition root: the one start-up sequence (knowledge base seeded and derived, encoder loaded, the
// knowledge base embedded by it) and everything a running Foothold is made of — services, the job queue,
// optionally the workers and the reconciler, and the HTTP app. The CLI and the tests build Foothold here.
import type express from 'express';
import { Redis } from 'ioredis';
import type pg from 'pg';
import { createApp, type Services } from '../api/app.ts';
import { type JobQueue, openQueue } from '../jobs/queue.ts';
import { loadGazetteer } from '../kb/gazetteer.ts';
import { ensureKnowledgeBase, type ProgressListener } from '../kb/import.ts';
import { embedKnowledgeBase } from '../models/embed-kb.ts';
import { Encoder } from '../models/encoder.ts';
import type { Logger } from '../runtime/logger.ts';
import type { PrivateRedisHealth } from '../runtime/redis.ts';
import { AdviceService } from '../services/advice.service.ts';
import { COHORT_BATCH_SIZE } from '../services/cohort.service.ts';
import { CohortProgress } from '../services/cohort-progress.ts';
import { Reconciler } from '../services/reconciler.ts';
import { StartupService } from '../services/startup.service.ts';
import { type RunningWorker, startWorker, type WorkerOptions } from '../worker/worker.ts';

/** How often the reconciler looks for advice no live job will deliver. */
export const RECONCILE_INTERVAL_MS = 60_000;

/**
 * The knowledge base ready for advice and the advice service over it: seeded on first use (or derived again
 * after an upgrade), the encoder loaded, every record embedded by it.
 */
export async function prepareAdvice(pool: pg.Pool, onProgress?: ProgressListener): Promise<AdviceService> {
  await ensureKnowledgeBase(pool, onProgress);
  const encoder = await Encoder.load();
  await embedKnowledgeBase(pool, encoder, onProgress);
  return new AdviceService(pool, encoder, loadGazetteer());
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
  rateLimits?: Services['rateLimits'];
  trustProxy?: number;
  cohortBatchSize?: number;
  reconcileIntervalMs?: number;
  /** How old a request must be before the reconciler redoes it (tests shorten it). */
  reconcileGraceSeconds?: number;
}

export interface Stack {
  services: Services;
  app: express.Express;
  jobs: JobQueue;
  worker: RunningWorker | null;
  reconciler: Reconciler | null;
  /** Stop taking jobs, finish the ones in hand, disconnect from Redis. The database is the caller's. */
  close(): Promise<void>;
}

export async function openStack(o: StackOptions): Promise<Stack> {
  const advice = await prepareAdvice(o.pool, o.onProgress);
  const jobs = await openQueue(o.redisUrl);
  const redis = new Redis(o.redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false, commandTimeout: 1_000 });
  redis.on('error', () => {}); // the rate limit lets requests through while Redis is away; /health reports it
  const cohortBatchSize = o.cohortBatchSize ?? COHORT_BATCH_SIZE;
  const progress = new CohortProgress(o.pool);
  const services: Services = {
    pool: o.pool,
    redis,
    redisHealth: o.redisHealth ?? (() => null),
    logger: o.logger,
    encoder: advice.encoder,
    advice,
    jobs,
    startups: new StartupService(o.pool, advice, jobs),
    progress,
    rateLimits: o.rateLimits ?? { perAccount: 600, perAddress: 300 },
    trustProxy: o.trustProxy ?? 0,
    cohortBatchSize,
  };
  const worker = o.workers ? startWorker(o.redisUrl, { pool: o.pool, advice, encoder: advice.encoder }, { ...o.workerOptions, logger: o.logger }) : null;
  const reconciler = o.workers
    ? new Reconciler(o.pool, jobs, { batchSize: cohortBatchSize, intervalMs: o.reconcileIntervalMs ?? RECONCILE_INTERVAL_MS, graceSeconds: o.reconcileGraceSeconds, logger: o.logger })
    : null;
  reconciler?.start();
  return {
    services,
    app: createApp(services),
    jobs,
    worker,
    reconciler,
    async close() {
      progress.close();
      await reconciler?.stop();
      await worker?.close();
      await jobs.close();
      redis.disconnect();
    },
  };
}

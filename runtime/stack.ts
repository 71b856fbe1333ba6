// Everything a running Foothold needs besides the database connection: the knowledge base ready (seeded,
// derived, embedded), the encoder, the advice service, the job queue, optionally the workers, and the app.
import type express from 'express';
import { Redis } from 'ioredis';
import type pg from 'pg';
import { createApp, type Services } from '../api/app.ts';
import { loadGazetteer } from '../kb/gazetteer.ts';
import { ensureKnowledgeBase, type ProgressListener } from '../kb/import.ts';
import { embedKnowledgeBase } from '../models/embed-kb.ts';
import { Encoder } from '../models/encoder.ts';
import { AdviceService } from '../services/advice.service.ts';
import { COHORT_BATCH_SIZE } from '../services/cohort.service.ts';
import { openQueue, type RunningWorker, startWorker, type WorkerOptions } from '../worker/queue.ts';
import type { Logger } from './logger.ts';

export interface StackOptions {
  pool: pg.Pool;
  redisUrl: string;
  logger: Logger;
  /** Run queue workers in this process (the embedded default runs API and workers together). */
  workers: boolean;
  workerOptions?: WorkerOptions;
  onProgress?: ProgressListener;
  rateLimitPerMinute?: number;
  cohortBatchSize?: number;
}

export interface Stack {
  services: Services;
  app: express.Express;
  worker: RunningWorker | null;
  /** Stop taking jobs, finish the ones in hand, disconnect from Redis. The database is the caller's. */
  close(): Promise<void>;
}

export async function openStack(o: StackOptions): Promise<Stack> {
  await ensureKnowledgeBase(o.pool, o.onProgress);
  const encoder = await Encoder.load();
  await embedKnowledgeBase(o.pool, encoder, o.onProgress);
  const advice = new AdviceService(o.pool, encoder, loadGazetteer());
  const jobs = await openQueue(o.redisUrl);
  const redis = new Redis(o.redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false });
  redis.on('error', () => {});
  const services: Services = { pool: o.pool, redis, logger: o.logger, encoder, advice, jobs, rateLimitPerMinute: o.rateLimitPerMinute ?? 600, cohortBatchSize: o.cohortBatchSize ?? COHORT_BATCH_SIZE };
  const worker = o.workers ? startWorker(o.redisUrl, { pool: o.pool, advice, encoder }, o.workerOptions) : null;
  return {
    services,
    app: createApp(services),
    worker,
    async close() {
      await worker?.close();
      await jobs.close();
      redis.disconnect();
    },
  };
}

// The queue's workers: a BullMQ Worker whose processor dispatches by job name (worker/handlers.ts), with the
// advice engine on engine threads. Every failed job is logged.
import { hostname } from 'node:os';
import { type Job, Queue, Worker } from 'bullmq';
import { isDatabaseUnavailable } from '../db/connection.ts';
import { QUEUE_NAME } from '../jobs/catalogue.ts';
import { blockingConnection } from '../jobs/queue.ts';
import { DEFAULTS } from '../runtime/config.ts';
import type { Logger } from '../runtime/logger.ts';
import { EnginePool } from './engine-pool.ts';
import { type HandlerDeps, processor } from './handlers.ts';

export interface WorkerOptions {
  concurrency?: number;
  /** Engine threads (default: one per core beyond the main thread's). */
  engineThreads?: number;
  /** How long a job's lock lasts before another worker may take the job over (tests shorten it). */
  lockDuration?: number;
  /** How often a worker looks for jobs whose lock expired (a crashed worker's) to take them over. */
  stalledInterval?: number;
  /** Where failed jobs and worker errors are logged. */
  logger?: Logger;
}

export interface RunningWorker {
  worker: Worker;
  /** Finish the jobs in hand, then stop taking new ones and disconnect. */
  close(): Promise<void>;
}

const LOCK_DURATION_MS = 10_000;
/**
 * While the database cannot be reached, every worker of the queue pauses this long and tries again; the job
 * goes back to waiting without spending an attempt, so an outage longer than the retries' backoff loses
 * nothing (a restart of Postgres takes seconds; a longer outage just pauses the work).
 */
export const DATABASE_PAUSE_MS = 2_000;
const STALLED_INTERVAL_MS = 5_000;
const delay = <T>(ms: number, value: T) => new Promise<T>((ok) => setTimeout(() => ok(value), ms).unref());

/** How long closing waits for the jobs in hand before it stops regardless (shorter when Redis is away: they cannot finish). */
const CLOSE_GRACE_MS = 15_000;
const CLOSE_GRACE_WITHOUT_REDIS_MS = 1_000;

export function startWorker(redisUrl: string, deps: Omit<HandlerDeps, 'engine'>, options: WorkerOptions = {}): RunningWorker {
  const connection = blockingConnection(redisUrl);
  const engine = new EnginePool(options.engineThreads);
  deps.advice.versionedKnowledge().then((k) => engine.preload(k), () => {}); // a failure here shows on the first job
  const run = processor({ ...deps, engine });
  const pausing = new Queue(QUEUE_NAME, { connection });
  pausing.on('error', () => {});
  let lastPause = 0;
  const worker = new Worker(QUEUE_NAME, async (job: Job) => {
    try {
      return await run(job);
    } catch (e) {
      if (!isDatabaseUnavailable(e)) throw e;
      if (Date.now() - lastPause > 10_000) options.logger?.warn({ err: e }, 'the database is unavailable: the workers pause and try again');
      lastPause = Date.now();
      await pausing.rateLimit(DATABASE_PAUSE_MS);
      throw Worker.RateLimitError();
    }
  }, {
    connection,
    // Each job records which process ran it (host:pid), so a log or a test can see who did what.
    name: `${hostname()}:${process.pid}`,
    concurrency: options.concurrency ?? DEFAULTS.workerConcurrency,
    // A crashed worker's jobs are retaken once their lock lapses and the stalled check sees it: 10 s locks
    // (renewed every 5 s; a batch holds the event loop for about 0.1 s) and a check every 5 s bound the wait
    // (bench/worker-kill.bench.ts: with BullMQ's 30 s defaults the tail of a killed cohort waited a minute).
    lockDuration: options.lockDuration ?? LOCK_DURATION_MS,
    stalledInterval: options.stalledInterval ?? STALLED_INTERVAL_MS,
  });
  // Connection errors: the worker reconnects by itself; they are logged once per kind of error, not per retry.
  let lastError = '';
  worker.on('error', (e) => {
    if (e.message !== lastError) options.logger?.warn({ err: e }, 'queue worker error');
    lastError = e.message;
  });
  worker.on('ready', () => (lastError = ''));
  worker.on('failed', (job, e) => {
    const final = !job || job.attemptsMade >= (job.opts.attempts ?? 1);
    options.logger?.[final ? 'error' : 'warn']({ jobId: job?.id, job: job?.name, attempt: job?.attemptsMade, err: e }, final ? 'job failed for good' : 'job failed; it will be retried');
  });
  return {
    worker,
    async close() {
      // Finish the jobs in hand. BullMQ's close can wait for ever on a blocking connection that is
      // reconnecting (seen right after a Redis restart, forced close included): after a grace period the
      // connection is cut and closing goes on. The jobs' locks lapse and another worker, or this one after a
      // restart, redoes them (writes are idempotent).
      const closing = worker.close().then(
        () => true,
        () => true,
      );
      const grace = connection.status === 'ready' ? CLOSE_GRACE_MS : CLOSE_GRACE_WITHOUT_REDIS_MS;
      const closed = await Promise.race([closing, delay(grace, false)]);
      connection.disconnect();
      if (!closed) {
        void worker.close(true).catch(() => {});
        await Promise.race([closing, delay(1_000, false)]);
      }
      await pausing.close().catch(() => {});
      await engine.close();
    },
  };
}

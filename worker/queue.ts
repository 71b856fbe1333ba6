// The queue's clients: a producer (fails fast when Redis is down, so the API can answer 503), the workers,
// and one process-wide listener of job events that fans out to Server-Sent Events subscribers.
import { EventEmitter } from 'node:events';
import { FlowProducer, Queue, QueueEvents, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { EnginePool } from './engine-pool.ts';
import { processor, type HandlerDeps } from './handlers.ts';
import { JOB_OPTIONS, type JobName, type JobPayloads, QUEUE_NAME, WORKER_CONCURRENCY } from './jobs.ts';

export class QueueUnavailable extends Error {}

/** Workers and event listeners block on Redis and must wait out a reconnection rather than fail. */
const blockingConnection = (redisUrl: string) => {
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  connection.on('error', () => {});
  return connection;
};

export interface JobQueue {
  add<N extends JobName>(name: N, data: JobPayloads[N], jobId: string): Promise<{ id: string; state: string }>;
  flow: FlowProducer;
  queue: Queue;
  /** Job events by job id: 'progress' (number), 'completed', 'failed' (reason). */
  events: EventEmitter;
  close(): Promise<void>;
}

export async function openQueue(redisUrl: string): Promise<JobQueue> {
  // The producer does not queue commands while Redis is away: a request fails at once instead of hanging.
  const producer = new Redis(redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false });
  producer.on('error', () => {});
  const queue = new Queue(QUEUE_NAME, { connection: producer });
  const flow = new FlowProducer({ connection: producer });
  queue.on('error', () => {}); // surfaced per request as QueueUnavailable
  flow.on('error', () => {});
  const listenerConnection = blockingConnection(redisUrl);
  const listener = new QueueEvents(QUEUE_NAME, { connection: listenerConnection });
  listener.on('error', () => {});
  const events = new EventEmitter();
  events.setMaxListeners(0);
  listener.on('progress', ({ jobId, data }) => events.emit(jobId, { type: 'progress', progress: data }));
  listener.on('completed', ({ jobId }) => events.emit(jobId, { type: 'completed' }));
  listener.on('failed', ({ jobId, failedReason }) => events.emit(jobId, { type: 'failed', reason: failedReason }));
  return {
    queue,
    flow,
    events,
    async add(name, data, jobId) {
      if (producer.status !== 'ready') throw new QueueUnavailable(`the job queue (Redis) is unavailable: ${producer.status}`);
      const job = await queue.add(name, data, { ...JOB_OPTIONS, jobId });
      return { id: job.id!, state: await job.getState() };
    },
    async close() {
      // With Redis gone, closing would wait for a reconnection that may never come: give it a moment, then cut.
      await Promise.race([Promise.all([listener.close(), flow.close(), queue.close()]), new Promise((ok) => setTimeout(ok, 3_000).unref())]);
      listenerConnection.disconnect();
      producer.disconnect();
    },
  };
}

export interface WorkerOptions {
  concurrency?: number;
  /** Engine threads (default: one per core beyond the main thread's). */
  engineThreads?: number;
  /** How long a job's lock lasts before another worker may take the job over (tests shorten it). */
  lockDuration?: number;
  /** How often a worker looks for jobs whose lock expired (a crashed worker's) to take them over. */
  stalledInterval?: number;
}

export interface RunningWorker {
  worker: Worker;
  /** Finish the jobs in hand, then stop taking new ones and disconnect. */
  close(): Promise<void>;
}

const LOCK_DURATION_MS = 10_000;
const STALLED_INTERVAL_MS = 5_000;
const delay = <T>(ms: number, value: T) => new Promise<T>((ok) => setTimeout(() => ok(value), ms).unref());

/** How long closing waits for the jobs in hand before it stops regardless. */
const CLOSE_GRACE_MS = 15_000;

export function startWorker(redisUrl: string, deps: Omit<HandlerDeps, 'engine'>, options: WorkerOptions = {}): RunningWorker {
  const connection = blockingConnection(redisUrl);
  const engine = new EnginePool(options.engineThreads);
  deps.advice.versionedKnowledge().then((k) => engine.preload(k), () => {}); // a failure here shows on the first job
  const worker = new Worker(QUEUE_NAME, processor({ ...deps, engine }), {
    connection,
    concurrency: options.concurrency ?? WORKER_CONCURRENCY,
    // A crashed worker's jobs are retaken once their lock lapses and the stalled check sees it: 10 s locks
    // (renewed every 5 s; a batch holds the event loop for about 0.1 s) and a check every 5 s bound the wait
    // (bench/worker-kill.bench.ts: with BullMQ's 30 s defaults the tail of a killed cohort waited a minute).
    lockDuration: options.lockDuration ?? LOCK_DURATION_MS,
    stalledInterval: options.stalledInterval ?? STALLED_INTERVAL_MS,
  });
  worker.on('error', () => {}); // connection errors: the worker reconnects by itself
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
      const closed = await Promise.race([closing, delay(CLOSE_GRACE_MS, false)]);
      connection.disconnect();
      if (!closed) {
        void worker.close(true).catch(() => {});
        await Promise.race([closing, delay(1_000, false)]);
      }
      await engine.close();
    },
  };
}

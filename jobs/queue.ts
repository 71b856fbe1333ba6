// The queue as the API and the services see it: add jobs (one, or a cohort's flow), read a job's state, and
// follow job events. It fails fast when Redis is away (QueueUnavailable, which the API answers with 503)
// rather than queueing commands in memory. The raw BullMQ objects stay inside.
import { EventEmitter } from 'node:events';
import { FlowProducer, Queue, QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import { DomainError } from '../engine/errors.ts';
import { type AdviceItem, JOB_OPTIONS, jobId, type JobName, type JobPayloads, QUEUE_NAME } from './catalogue.ts';

/** How long a request waits for Redis before it is answered 503. */
const COMMAND_TIMEOUT_MS = 2_000;

export class QueueUnavailable extends DomainError {
  constructor(detail: string) {
    super('unavailable', 'queue_unavailable', 'The job queue is unavailable right now; try again shortly');
    this.cause = detail;
  }
}

/** Workers and event listeners block on Redis and must wait out a reconnection rather than fail. */
export const blockingConnection = (redisUrl: string) => {
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  connection.on('error', () => {}); // reconnects by itself; a request that needs Redis meanwhile gets a 503
  return connection;
};

/** A job event: 'progress' (with a number), 'completed', 'failed' (with the reason). */
export interface JobEvent {
  type: 'progress' | 'completed' | 'failed';
  progress?: unknown;
  reason?: string;
}

export interface JobStatus {
  state: string;
  progress: unknown;
}

export interface JobQueue {
  /** Whether Redis answers now (a cheap check before work that must not half-happen). */
  available(): boolean;
  add<N extends JobName>(name: N, data: JobPayloads[N], jobId: string): Promise<{ id: string; state: string }>;
  /** A cohort's flow: a score-cohort parent that completes once each advise-batch child has run. */
  addCohort(cohortId: string, batches: AdviceItem[][]): Promise<void>;
  /** A job's state and progress, or null when there is no such job. */
  status(jobId: string): Promise<JobStatus | null>;
  /** The state of each job ('unknown' for one that does not exist). */
  states(jobIds: string[]): Promise<Map<string, string>>;
  /** Job events by job id. */
  readonly events: EventEmitter;
  close(): Promise<void>;
}

/** The job ids of a cohort's batches, in order; each startup's advice comes from its batch. */
export const cohortBatchIds = (cohortId: string, batches: number) => Array.from({ length: batches }, (_, i) => jobId.batch(cohortId, i));

export async function openQueue(redisUrl: string): Promise<JobQueue> {
  // The producer does not queue commands while Redis is away: a request fails at once instead of hanging.
  // A Redis that hangs (rather than refuses) must not hang requests either: commands time out.
  const producer = new Redis(redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false, commandTimeout: COMMAND_TIMEOUT_MS });
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
  listener.on('progress', ({ jobId, data }) => events.emit(jobId, { type: 'progress', progress: data } satisfies JobEvent));
  listener.on('completed', ({ jobId }) => events.emit(jobId, { type: 'completed' } satisfies JobEvent));
  listener.on('failed', ({ jobId, failedReason }) => events.emit(jobId, { type: 'failed', reason: failedReason } satisfies JobEvent));

  /** A connection on its way up for the first time (at start) is worth a short wait; one that went down is not. */
  let wasReady = false;
  producer.once('ready', () => (wasReady = true));
  const ready = (ms: number) =>
    producer.status === 'ready' || wasReady
      ? Promise.resolve()
      : new Promise<void>((ok) => {
          const done = () => (clearTimeout(timer), producer.off('ready', done), ok());
          const timer = setTimeout(done, ms);
          producer.once('ready', done);
        });
  await ready(5_000);

  /** Every call that needs Redis: refused at once when it is away, and any Redis failure is a QueueUnavailable. */
  const withRedis = async <T>(work: () => Promise<T>): Promise<T> => {
    await ready(1_000);
    if (producer.status !== 'ready') throw new QueueUnavailable(`Redis connection is ${producer.status}`);
    try {
      return await work();
    } catch (e) {
      throw e instanceof DomainError ? e : new QueueUnavailable((e as Error).message);
    }
  };

  return {
    events,
    available: () => producer.status === 'ready',
    add: (name, data, id) =>
      withRedis(async () => {
        const job = await queue.add(name, data, { ...JOB_OPTIONS, jobId: id });
        return { id: job.id!, state: await job.getState() };
      }),
    addCohort: (cohortId, batches) =>
      withRedis(async () => {
        const ids = cohortBatchIds(cohortId, batches.length);
        await flow.add({
          name: 'score-cohort' satisfies JobName,
          queueName: QUEUE_NAME,
          data: { cohortId } satisfies JobPayloads['score-cohort'],
          opts: { jobId: jobId.cohort(cohortId), removeOnComplete: JOB_OPTIONS.removeOnComplete },
          children: batches.map((items, i) => ({
            name: 'advise-batch' satisfies JobName,
            queueName: QUEUE_NAME,
            data: { cohortId, items } satisfies JobPayloads['advise-batch'],
            // A batch that fails for good must not hold the parent back (its startups get failed results).
            opts: { ...JOB_OPTIONS, jobId: ids[i], ignoreDependencyOnFailure: true },
          })),
        });
      }),
    status: (id) =>
      withRedis(async () => {
        const job = await queue.getJob(id);
        return job ? { state: await job.getState(), progress: job.progress } : null;
      }),
    states: (ids) =>
      withRedis(async () => new Map(await Promise.all(ids.map(async (id) => [id, await queue.getJobState(id)] as [string, string])))),
    async close() {
      // With Redis gone, closing would wait for a reconnection that may never come: give it a moment, then cut.
      await Promise.race([Promise.all([listener.close(), flow.close(), queue.close()]), new Promise((ok) => setTimeout(ok, 3_000).unref())]);
      listenerConnection.disconnect();
      producer.disconnect();
    },
  };
}

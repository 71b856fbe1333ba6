// The raw BullMQ queue, for tests that look inside it (job counts, attempts); the product uses jobs/queue.ts.
import { Queue } from 'bullmq';
import { QUEUE_NAME } from '../../jobs/catalogue.ts';

export function inspectQueue(redisUrl: string): Queue {
  const queue = new Queue(QUEUE_NAME, { connection: { url: redisUrl } });
  queue.on('error', () => {});
  return queue;
}

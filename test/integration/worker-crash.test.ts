import { isCurated } from '../../engine/kb/schema.ts';
import { inspectQueue } from '../helpers/queue.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, createApiKey } from '../../db/repositories/accounts.repository.ts';
import { readKbDirectory } from '../../sources/kb-files.ts';
import { DEFAULTS } from '../../runtime/config.ts';

const COHORT_BATCH_SIZE = DEFAULTS.cohortBatchSize;
import { type RunningWorker, startWorker } from '../../worker/worker.ts';
import { openTestStack, type TestStack } from '../helpers/stack.ts';

let t: TestStack;
let key: string;
const SHORT_LOCK = { lockDuration: 1_000, stalledInterval: 500, concurrency: 2 };
// Five batches: the crash comes after the first has been written, with others in hand or waiting.
const COHORT = 5 * COHORT_BATCH_SIZE;

beforeAll(async () => {
  t = await openTestStack({ workers: false });
  const account = await createAccount(t.db.pool, 'Accelerator', 'accelerator');
  key = (await createApiKey(t.db.pool, account.id)).key;
});
afterAll(() => t?.close());

const counts = async (cohortId: string) =>
  (
    await t.db.pool.query(
      `SELECT count(r.startup_id)::int AS results, count(DISTINCT r.startup_id)::int AS startups, count(*)::int AS members
       FROM cohort_members m LEFT JOIN advice_results r ON r.startup_id = m.startup_id WHERE m.cohort_id = $1`,
      [cohortId],
    )
  ).rows[0] as { results: number; startups: number; members: number };

async function until(check: () => Promise<boolean>, timeoutMs: number) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('timed out');
}

describe('a worker dies in the middle of a cohort', () => {
  it('another worker takes over its jobs and every startup ends with exactly one result', async () => {
    const deps = { advice: t.stack.advice, knowledge: t.stack.context.knowledge, encoder: t.stack.advice.encoder };
    const first: RunningWorker = startWorker(t.redis.url, deps, SHORT_LOCK);
    const orgs = readKbDirectory().kb.organizations.filter(isCurated); // those with a description and stated fields
    const startups = Array.from({ length: COHORT }, (_, i) => {
      const o = orgs[(i * 11) % orgs.length]!;
      return { name: `Crash test ${i}`, description: o.description, tags: o.tags.slice(0, 2), techTeam: { city: o.city, country: o.country } };
    });
    const res = await fetch(`${t.url}/api/v1/cohorts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Crash cohort', startups }),
    });
    const { cohortId } = (await res.json()) as { cohortId: string };
    await until(async () => (await counts(cohortId)).results >= COHORT_BATCH_SIZE, 90_000); // the first batch waits for the engine thread to receive the world knowledge slice

    // The crash: stop at once, without finishing or releasing the jobs in hand; their locks lapse.
    await first.worker.close(true);
    const crashedAt = Date.now();
    const second = startWorker(t.redis.url, deps, SHORT_LOCK);
    const queue = inspectQueue(t.redis.url);
    try {
      await until(async () => (await counts(cohortId)).results >= COHORT, 90_000);
      const recoverySeconds = (Date.now() - crashedAt) / 1000;
      expect(recoverySeconds).toBeLessThan(90); // about 10 s alone (locks of 2 s lapse); more beside other test files on two cores
      // Jobs still in the queue settle; no result is written twice.
      await until(async () => {
        const c = await queue.getJobCounts('active', 'waiting', 'delayed');
        return (c.active ?? 0) + (c.waiting ?? 0) + (c.delayed ?? 0) === 0;
      }, 30_000);
      expect(await counts(cohortId)).toEqual({ results: COHORT, startups: COHORT, members: COHORT });
    } finally {
      await queue.close();
      await second.close();
      await first.close();
    }
  }, 240_000);
});

// What happens when advice cannot be computed: a profile the engine fails on is that startup's failed
// result (the rest of its batch goes on); a batch that fails on its last attempt leaves a failed result for
// each of its startups that has none, so a cohort never stays pending for ever.
import { ADVICE_VERSION } from '../../engine/advice/advise.ts';
import { inspectQueue } from '../helpers/queue.ts';
import { Job } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../db/repositories/accounts.repository.ts';
import { adviceResult, saveAdviceResults } from '../../db/repositories/advice-results.repository.ts';
import { createStartup } from '../../db/repositories/startups.repository.ts';
import { encodeAdvice } from '../../db/advice-codec.ts';
import { StartupProfileSchema } from '../../engine/advice/profile.ts';
import { referenceDate } from '../../services/advice.service.ts';
import { EnginePool } from '../../worker/engine-pool.ts';
import { processor } from '../../worker/handlers.ts';
import { openTestStack, type TestStack } from '../helpers/stack.ts';

let t: TestStack;
beforeAll(async () => void (t = await openTestStack({ workers: false })));
afterAll(() => t?.close());

const profile = (name: string) => ({ name, description: 'Payments and credit for small shops', tags: ['fintech'], stage: 'seed', techTeam: { city: 'Gent', country: 'BE' } });

describe('advice that cannot be computed', () => {
  it('fails only the startup the engine fails on, with the reason', async () => {
    const pool = new EnginePool(1);
    try {
      const { advice } = t.stack;
      const knowledge = await advice.versionedKnowledge();
      const good = await advice.resolve(profile('Good'), { knowledge: knowledge.slice });
      // A place whose time zone the runtime does not know makes the engine throw (office-hours overlap).
      const broken = { ...good, techTeam: { ...good.techTeam, timezone: 'Nowhere/Atlantis' } };
      const results = await pool.advise(knowledge, [good, broken, good], referenceDate(knowledge.slice.vintage));
      expect(results.map((r) => r.ok)).toEqual([true, false, true]);
      expect(results[1]).toMatchObject({ ok: false, error: { code: 'engine_error', message: expect.stringMatching(/advice engine failed/) } });
    } finally {
      await pool.close();
    }
  });

  it('records a failure for every startup of a batch that fails on its last attempt, and keeps results already written', async () => {
    const { pool } = t.db;
    const account = await createAccount(pool, 'Accelerator', 'accelerator');
    const vector = t.stack.advice.encoder.embedStartup({ description: 'Payments and credit for small shops' });
    const stored = (name: string) => createStartup(pool, account.id, StartupProfileSchema.parse(profile(name)), { vector, modelVersion: 'm' });
    const [a, b] = [await stored('A'), await stored('B')];
    // A's advice was written by an earlier attempt.
    const written = await t.stack.advice.advise(profile('A'));
    await saveAdviceResults(pool, ADVICE_VERSION, [{ startupId: a.id, profileVersion: 1, status: 'done', advice: encodeAdvice(written), error: null }]);

    // A real job on its only attempt, run by a worker whose engine is gone (closed): the batch fails.
    const queue = inspectQueue(t.redis.url);
    const added = await queue.add('advise-batch', { cohortId: null, items: [a.id, b.id].map((startupId) => ({ startupId, profileVersion: 1 })) }, { attempts: 1 });
    const job = (await Job.fromId(queue, added.id!))!;
    await queue.close();
    const engine = new EnginePool(1);
    await engine.close();
    const run = processor({ advice: t.stack.advice, knowledge: t.stack.context.knowledge, encoder: t.stack.advice.encoder, engine });
    await expect(run(job)).rejects.toThrow(/closing/);

    expect((await adviceResult(pool, a.id, { engineVersion: ADVICE_VERSION, profileVersion: 1 }))?.status).toBe('done');
    expect(await adviceResult(pool, b.id, { engineVersion: ADVICE_VERSION, profileVersion: 1 })).toMatchObject({ status: 'failed', error: { code: 'job_failed', message: expect.stringMatching(/after 1 attempt \(/) } });
  });
});

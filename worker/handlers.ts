// What each job does: a thin call into a service. Handlers are safe to run twice: results are upserted per
// (startup, engine version, profile version).
import { type Job, UnrecoverableError } from 'bullmq';
import type { AdviceItem, JobName, JobPayloads } from '../jobs/catalogue.ts';
import type { Encoder } from '../models/encoder.ts';
import type { AdviceService, EngineRunner } from '../services/advice.service.ts';
import type { KnowledgeService } from '../services/knowledge.service.ts';

export interface HandlerDeps {
  advice: AdviceService;
  knowledge: KnowledgeService;
  encoder: Encoder;
  /** Runs the engine off the main thread. */
  engine: EngineRunner;
}

/**
 * On a job's last attempt, a failure is recorded for its startups that have no result, so they do not stay
 * pending for ever: a cohort's progress reaches 100% and says which failed, and why. (Should even that
 * write fail — the database is down — the startups stay owed and the reconciler queues them again.)
 */
async function onLastAttempt<T>(job: Job, advice: AdviceService, items: AdviceItem[], run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (!(e instanceof UnrecoverableError) && job.attemptsMade + 1 >= (job.opts.attempts ?? 1))
      await advice
        .recordFailures(items, { code: 'job_failed', message: `Advice could not be computed after ${job.attemptsMade + 1} attempt${job.attemptsMade ? 's' : ''} (${(e as Error).message})`, details: [] })
        .catch(() => {});
    throw e;
  }
}

type Handlers = { [N in JobName]: (job: Job<JobPayloads[N]>, deps: HandlerDeps) => Promise<unknown> };

export const handlers: Handlers = {
  async 'advise-startup'(job, { advice, engine }) {
    const { outcomes, missing, superseded } = await onLastAttempt(job, advice, [job.data], () => advice.adviseBatch([job.data], engine));
    if (missing.length) throw new UnrecoverableError(`startup ${job.data.startupId} no longer exists`);
    if (superseded.length) return { skipped: 'the profile has changed since; the newer version has its own job' };
    const outcome = outcomes[0]!;
    if (outcome.status === 'failed') throw new UnrecoverableError(outcome.error.message); // stored; retrying cannot fix it
    await job.updateProgress(100);
    return { profileVersion: outcome.profileVersion };
  },

  async 'advise-batch'(job, { advice, engine }) {
    const { outcomes, missing, superseded } = await onLastAttempt(job, advice, job.data.items, () => advice.adviseBatch(job.data.items, engine));
    await job.updateProgress(100);
    return { done: outcomes.filter((o) => o.status === 'done').length, failed: outcomes.filter((o) => o.status === 'failed').length, missing: missing.length, superseded: superseded.length };
  },

  async 'score-cohort'(job) {
    // The children have written their results; the parent marks the cohort finished.
    const values = await job.getChildrenValues();
    return { cohortId: job.data.cohortId, batches: Object.keys(values).length };
  },

  async 'reembed-knowledge-base'(job, { knowledge, encoder }) {
    return knowledge.embed(encoder, (_stage, done, total) => void job.updateProgress(total ? Math.round((100 * done) / total) : 100));
  },
};

/** One processor for the queue; a job without a handler fails at once. */
export function processor(deps: HandlerDeps) {
  return async (job: Job) => {
    const handler = handlers[job.name as JobName] as ((job: Job, deps: HandlerDeps) => Promise<unknown>) | undefined;
    if (!handler) throw new UnrecoverableError(`no handler for job "${job.name}"`);
    return handler(job, deps);
  };
}

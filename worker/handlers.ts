// What each job does. Handlers are safe to run twice: results are upserted per (startup, advice version).
import { type Job, UnrecoverableError } from 'bullmq';
import type pg from 'pg';
import { type AdviceOutcome, saveAdviceResults, saveFailuresWhereMissing } from '../db/repositories/advice-results.repository.ts';
import { startupsForAdvice } from '../db/repositories/startups.repository.ts';
import { embedKnowledgeBase } from '../models/embed-kb.ts';
import type { Encoder } from '../models/encoder.ts';
import type { ResolvedStartup } from '../engine/advice/context.ts';
import { type AdviceService, referenceDate } from '../services/advice.service.ts';
import type { EnginePool } from './engine-pool.ts';
import { unadvisable } from './unadvisable.ts';
import { type AdviceItem, adviceVersion as adviceVersionOf, type JobName, type JobPayloads } from '../jobs/catalogue.ts';

export interface HandlerDeps {
  pool: pg.Pool;
  advice: AdviceService;
  encoder: Encoder;
  /** Runs the engine off the main thread. */
  engine: EnginePool;
}

interface BatchOutcome {
  outcomes: AdviceOutcome[];
  /** Startups deleted since the job was queued. */
  missing: string[];
  /** Startups whose profile changed since: the newer version has its own job. */
  superseded: string[];
}

/**
 * Advice for a batch of startups, written in one statement. Profiles are resolved here (the gazetteer and
 * the encoder live on this thread), the engine runs on an engine thread. A profile that cannot be advised
 * on gets a failed result with the reason; any other error fails the whole batch, which is retried (the
 * writes are idempotent).
 */
export async function adviseStartups({ pool, advice, engine }: HandlerDeps, items: AdviceItem[]): Promise<BatchOutcome> {
  const stored = new Map((await startupsForAdvice(pool, items.map((i) => i.startupId))).map((s) => [s.id, s]));
  const knowledge = await advice.versionedKnowledge();
  const batch: BatchOutcome = { outcomes: [], missing: [], superseded: [] };
  const resolved: { startupId: string; adviceVersion: string; startup: ResolvedStartup }[] = [];
  for (const { startupId, profileVersion } of items) {
    const startup = stored.get(startupId);
    if (!startup) batch.missing.push(startupId);
    else if (startup.profileVersion !== profileVersion) batch.superseded.push(startupId);
    else {
      const adviceVersion = adviceVersionOf(profileVersion);
      // The stored vector is reused when the current model made it.
      const vector = startup.modelVersion === advice.modelVersion ? startup.vector : null;
      try {
        resolved.push({ startupId, adviceVersion, startup: await advice.resolve(startup.profile, { knowledge: knowledge.slice, vector }) });
      } catch (e) {
        const error = unadvisable(e);
        if (!error) throw e; // transient: the batch is retried with backoff
        batch.outcomes.push({ startupId, adviceVersion, status: 'failed', advice: null, error });
      }
    }
  }
  if (resolved.length > 0) {
    const results = await engine.advise(knowledge, resolved.map((r) => r.startup), referenceDate(knowledge.slice.vintage));
    results.forEach((r, i) => {
      const { startupId, adviceVersion } = resolved[i]!;
      batch.outcomes.push(r.ok ? { startupId, adviceVersion, status: 'done', advice: r.advice, error: null } : { startupId, adviceVersion, status: 'failed', advice: null, error: r.error });
    });
  }
  await saveAdviceResults(pool, batch.outcomes);
  return batch;
}

/**
 * On a job's last attempt, a failure is recorded for its startups that have no result, so they do not stay
 * pending for ever: a cohort's progress reaches 100% and says which failed, and why.
 */
async function onLastAttempt<T>(job: Job, pool: pg.Pool, items: AdviceItem[], run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (!(e instanceof UnrecoverableError) && job.attemptsMade + 1 >= (job.opts.attempts ?? 1))
      await saveFailuresWhereMissing(
        pool,
        items.map((i) => ({ startupId: i.startupId, adviceVersion: adviceVersionOf(i.profileVersion) })),
        { code: 'job_failed', message: `Advice could not be computed after ${job.attemptsMade + 1} attempt${job.attemptsMade ? 's' : ''} (${(e as Error).message})`, details: [] },
      ).catch(() => {}); // the store may be what is failing; the job's own failure is still recorded in the queue
    throw e;
  }
}

type Handlers = { [N in JobName]: (job: Job<JobPayloads[N]>, deps: HandlerDeps) => Promise<unknown> };

export const handlers: Handlers = {
  async 'advise-startup'(job, deps) {
    const { outcomes, missing, superseded } = await onLastAttempt(job, deps.pool, [job.data], () => adviseStartups(deps, [job.data]));
    if (missing.length) throw new UnrecoverableError(`startup ${job.data.startupId} no longer exists`);
    if (superseded.length) return { skipped: 'the profile has changed since; the newer version has its own job' };
    const outcome = outcomes[0]!;
    if (outcome.status === 'failed') throw new UnrecoverableError(outcome.error.message); // stored; retrying cannot fix it
    await job.updateProgress(100);
    return { adviceVersion: outcome.adviceVersion };
  },

  async 'advise-batch'(job, deps) {
    const { outcomes, missing, superseded } = await onLastAttempt(job, deps.pool, job.data.items, () => adviseStartups(deps, job.data.items));
    await job.updateProgress(100);
    return { done: outcomes.filter((o) => o.status === 'done').length, failed: outcomes.filter((o) => o.status === 'failed').length, missing: missing.length, superseded: superseded.length };
  },

  async 'score-cohort'(job) {
    // The children have written their results; the parent marks the cohort finished.
    const values = await job.getChildrenValues();
    return { cohortId: job.data.cohortId, batches: Object.keys(values).length };
  },

  async 'reembed-knowledge-base'(job, { pool, encoder }) {
    return embedKnowledgeBase(pool, encoder, (_stage, done, total) => void job.updateProgress(total ? Math.round((100 * done) / total) : 100));
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

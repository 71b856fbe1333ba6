// What each job does. Handlers are safe to run twice: results are upserted per (startup, advice version).
import { type Job, UnrecoverableError } from 'bullmq';
import type pg from 'pg';
import { ProfileProblems } from '../engine/advice/validate.ts';
import { saveAdviceResult, startupById } from '../db/repositories/startups.repository.ts';
import { embedKnowledgeBase } from '../models/embed-kb.ts';
import type { Encoder } from '../models/encoder.ts';
import type { AdviceService } from '../services/advice.service.ts';
import { adviceVersion, type JobName, type JobPayloads } from './jobs.ts';

export interface HandlerDeps {
  pool: pg.Pool;
  advice: AdviceService;
  encoder: Encoder;
}

type Handlers = { [N in JobName]: (job: Job<JobPayloads[N]>, deps: HandlerDeps) => Promise<unknown> };

export const handlers: Handlers = {
  async 'advise-startup'(job, { pool, advice }) {
    const { startupId, profileVersion } = job.data;
    const startup = await startupById(pool, startupId);
    if (!startup) throw new UnrecoverableError(`startup ${startupId} no longer exists`);
    // A newer profile has its own job; this one has nothing left to do.
    if (startup.profileVersion !== profileVersion) return { skipped: `profile is at version ${startup.profileVersion}` };
    const version = adviceVersion(profileVersion);
    try {
      const result = await advice.advise(startup.profile);
      await saveAdviceResult(pool, { startupId, adviceVersion: version, status: 'done', result, error: null });
    } catch (e) {
      if (!(e instanceof ProfileProblems)) throw e; // transient: retried with backoff
      await saveAdviceResult(pool, {
        startupId,
        adviceVersion: version,
        status: 'failed',
        result: null,
        error: { code: 'invalid_profile', message: 'The profile cannot be advised on', details: e.problems },
      });
      throw new UnrecoverableError(e.message); // retrying cannot fix the profile
    }
    await job.updateProgress(100);
    return { adviceVersion: version };
  },

  async 'score-cohort'(job) {
    // The children have written their results; the parent marks the cohort finished.
    const values = await job.getChildrenValues();
    return { cohortId: job.data.cohortId, children: Object.keys(values).length };
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

// Founders: startup profiles, advice through the queue (202 + job id), results, history, live events,
// and tag suggestions for a description.
import { Router } from 'express';
import { z } from 'zod';
import { StartupProfileSchema } from '../../engine/advice/profile.ts';
import { ProfileProblems } from '../../engine/advice/validate.ts';
import { adviceHistory, adviceResult } from '../../db/repositories/advice-results.repository.ts';
import * as startups from '../../db/repositories/startups.repository.ts';
import { adviceVersion, jobId } from '../../worker/jobs.ts';
import type { Services } from '../app.ts';
import { accountOf, requireRole } from '../auth.ts';
import { HttpError, notFound } from '../errors.ts';
import { openEventStream } from '../sse.ts';

const Id = z.string().uuid();
export const SuggestBody = z.object({ description: z.string().min(1).max(5000) }).strict();

export function startupRoutes({ pool, advice, jobs, encoder }: Services): Router {
  const router = Router();
  const owners = requireRole('founder', 'accelerator', 'admin');

  /** Validate a profile fully (schema, tags, places) before storing it. */
  const validated = async (body: unknown) => {
    try {
      const resolved = await advice.resolve(body);
      return { profile: resolved.profile, vector: { vector: resolved.vector, modelVersion: encoder.version } };
    } catch (e) {
      if (e instanceof ProfileProblems) throw new HttpError(400, 'invalid_profile', 'The profile is not valid', e.problems);
      throw e;
    }
  };
  const owned = async (accountId: string, id: string) => {
    const startup = await startups.getStartup(pool, accountId, Id.parse(id));
    if (!startup) throw notFound(`startup ${id}`);
    return startup;
  };

  router.post('/startups', owners, async (req, res) => {
    const { profile, vector } = await validated(req.body);
    const startup = await startups.createStartup(pool, accountOf(req).id, profile, vector);
    res.status(201).location(`/api/v1/startups/${startup.id}`).json(startup);
  });
  router.get('/startups', owners, async (req, res) => {
    res.json({ items: await startups.listStartups(pool, accountOf(req).id) });
  });
  router.get('/startups/:id', owners, async (req, res) => {
    res.json(await owned(accountOf(req).id, req.params.id as string));
  });
  router.put('/startups/:id', owners, async (req, res) => {
    await owned(accountOf(req).id, req.params.id as string);
    const { profile, vector } = await validated(req.body);
    const updated = await startups.updateStartup(pool, accountOf(req).id, req.params.id as string, profile, vector);
    res.json(updated);
  });

  router.post('/startups/:id/advice', owners, async (req, res) => {
    const startup = await owned(accountOf(req).id, req.params.id as string);
    const id = jobId.advise(startup.id, startup.profileVersion);
    const job = await jobs.add('advise-startup', { startupId: startup.id, profileVersion: startup.profileVersion }, id);
    res.status(202).json({
      jobId: job.id,
      state: job.state,
      adviceVersion: adviceVersion(startup.profileVersion),
      result: `/api/v1/startups/${startup.id}/advice`,
      events: `/api/v1/startups/${startup.id}/advice/events`,
    });
  });
  router.get('/startups/:id/advice', owners, async (req, res) => {
    const startup = await owned(accountOf(req).id, req.params.id as string);
    const result = await adviceResult(pool, startup.id, adviceVersion(startup.profileVersion));
    if (!result) {
      const job = await jobs.queue.getJob(jobId.advise(startup.id, startup.profileVersion));
      if (!job) throw new HttpError(404, 'not_requested', 'No advice requested for this version of the profile: POST to this URL first');
      res.status(202).json({ state: await job.getState(), progress: job.progress });
      return;
    }
    if (result.status === 'failed') throw new HttpError(422, result.error!.code, result.error!.message, result.error!.details);
    res.json(result);
  });
  router.get('/startups/:id/advice/history', owners, async (req, res) => {
    const startup = await owned(accountOf(req).id, req.params.id as string);
    res.json({ items: await adviceHistory(pool, startup.id) });
  });
  router.get('/startups/:id/advice/events', owners, async (req, res) => {
    const startup = await owned(accountOf(req).id, req.params.id as string);
    const version = adviceVersion(startup.profileVersion);
    const stream = openEventStream(req, res);
    const finishFromStore = async () => {
      const result = await adviceResult(pool, startup.id, version);
      if (!result) return false;
      stream.send(result.status === 'done' ? 'done' : 'failed', result.status === 'done' ? { adviceVersion: version } : result.error);
      stream.close();
      return true;
    };
    const id = jobId.advise(startup.id, startup.profileVersion);
    const listener = async (event: { type: string; progress?: unknown; reason?: string }) => {
      if (event.type === 'progress') stream.send('progress', { progress: event.progress });
      else if (!(await finishFromStore())) {
        stream.send('failed', { code: 'job_failed', message: event.reason ?? 'the job failed' });
        stream.close();
      }
    };
    jobs.events.on(id, listener);
    stream.onClose(() => jobs.events.off(id, listener));
    if (!(await finishFromStore())) stream.send('state', { state: (await (await jobs.queue.getJob(id))?.getState()) ?? 'not_requested' });
  });

  router.get('/me', (req, res) => void res.json(accountOf(req)));

  router.post('/tags/suggest', async (req, res) => {
    const { description } = SuggestBody.parse(req.body);
    res.json({ tags: encoder.inferTags(description, 5) });
  });
  return router;
}

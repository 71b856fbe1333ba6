// Founders: startup profiles, advice through the queue (202 + job id), results, history, live events,
// and tag suggestions for a description.
import { Router } from 'express';
import { z } from 'zod';
import { DomainError } from '../../engine/errors.ts';
import { text } from '../../engine/text.ts';
import type { Services } from '../app.ts';
import { accountOf, requireRole } from '../auth.ts';
import { openEventStream } from '../sse.ts';

const Id = z.string().uuid();
export const SuggestBody = z.object({ description: text().min(1).max(5000) }).strict();

export function startupRoutes({ startups, encoder }: Services): Router {
  const router = Router();
  const owners = requireRole('founder', 'accelerator', 'admin');
  const idOf = (params: Record<string, unknown>) => Id.parse(params.id);

  router.post('/startups', owners, async (req, res) => {
    const startup = await startups.create(accountOf(req).id, req.body);
    res.status(201).location(`/api/v1/startups/${startup.id}`).json(startup);
  });
  router.get('/startups', owners, async (req, res) => {
    res.json({ items: await startups.list(accountOf(req).id) });
  });
  router.get('/startups/:id', owners, async (req, res) => {
    res.json(await startups.get(accountOf(req).id, idOf(req.params)));
  });
  router.put('/startups/:id', owners, async (req, res) => {
    res.json(await startups.update(accountOf(req).id, idOf(req.params), req.body));
  });

  router.post('/startups/:id/advice', owners, async (req, res) => {
    const { startup, job, adviceVersion } = await startups.requestAdvice(accountOf(req).id, idOf(req.params));
    res.status(202).json({
      jobId: job.id,
      state: job.state,
      adviceVersion,
      result: `/api/v1/startups/${startup.id}/advice`,
      events: `/api/v1/startups/${startup.id}/advice/events`,
    });
  });
  router.get('/startups/:id/advice', owners, async (req, res) => {
    const advice = await startups.adviceState(accountOf(req).id, idOf(req.params));
    if (advice.status === 'pending') return void res.status(202).json({ state: advice.state, progress: advice.progress });
    const { result } = advice;
    if (result.status === 'failed') throw new DomainError('unprocessable', result.error.code, result.error.message, result.error.details);
    res.json(result);
  });
  router.get('/startups/:id/advice/history', owners, async (req, res) => {
    res.json({ items: await startups.history(accountOf(req).id, idOf(req.params)) });
  });
  router.get('/startups/:id/advice/events', owners, async (req, res) => {
    const id = idOf(req.params);
    await startups.get(accountOf(req).id, id); // a 404 before the stream opens
    const stream = openEventStream(req, res);
    const unsubscribe = await startups.watchAdvice(accountOf(req).id, id, ({ event, data }) => {
      stream.send(event, data);
      if (event !== 'state' && event !== 'progress') stream.close();
    });
    stream.onClose(unsubscribe);
  });

  router.get('/me', (req, res) => void res.json(accountOf(req)));

  router.post('/tags/suggest', async (req, res) => {
    const { description } = SuggestBody.parse(req.body);
    res.json({ tags: encoder.inferTagsOrNone(description, 5) });
  });
  return router;
}

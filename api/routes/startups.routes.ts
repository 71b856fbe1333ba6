// Founders: startup profiles, advice through the queue (202 + job id), results, history, live events,
// and tag suggestions for a description.
import { z } from 'zod';
import { StartupProfileSchema } from '../../services/startup.service.ts';
import { DomainError } from '../../engine/errors.ts';
import { SuggestRequest } from '../../services/tag.service.ts';
import { route } from '../route.ts';
import { openEventStream } from '../sse.ts';

const OWNERS = ['founder', 'accelerator', 'admin'] as const;
const ERRORS = { 400: 'invalid request: {error: {code, message, details[]}}', 401: 'no or bad API key', 403: 'wrong role', 404: 'not found (or not yours)', 429: 'rate limited' };
const id = (params: Record<string, string>) => z.string().uuid().parse(params.id);

export const startupRoutes = [
  route({
    method: 'post',
    path: '/api/v1/startups',
    summary: 'Create a startup profile',
    access: OWNERS,
    documentedBody: StartupProfileSchema,
    responses: { 201: 'the startup', ...ERRORS },
    async handle({ body, account, res }, { startups }) {
      const startup = await startups.create(account.id, body);
      res.status(201).location(`/api/v1/startups/${startup.id}`).json(startup);
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/startups',
    summary: 'The account’s startups',
    access: OWNERS,
    responses: { 200: '{items}' },
    async handle({ account, res }, { startups }) {
      res.json({ items: await startups.list(account.id) });
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/startups/:id',
    summary: 'One of the account’s startups',
    access: OWNERS,
    responses: { 200: 'the startup', 404: 'not found' },
    async handle({ params, account, res }, { startups }) {
      res.json(await startups.get(account.id, id(params)));
    },
  }),
  route({
    method: 'put',
    path: '/api/v1/startups/:id',
    summary: 'Replace the profile (its version goes up; an advised startup is advised again)',
    access: OWNERS,
    documentedBody: StartupProfileSchema,
    responses: { 200: 'the startup', ...ERRORS },
    async handle({ params, body, account, res }, { startups }) {
      res.json(await startups.update(account.id, id(params), body));
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/startups/:id/advice',
    summary: 'Request advice: queued, answered 202 with the job',
    access: OWNERS,
    responses: { 202: '{jobId, state, engineVersion, profileVersion, result, events}', 503: 'queue unavailable' },
    async handle({ params, account, res }, { startups }) {
      const { startup, job, advice } = await startups.requestAdvice(account.id, id(params));
      res.status(202).json({
        jobId: job.id,
        state: job.state,
        ...advice,
        result: `/api/v1/startups/${startup.id}/advice`,
        events: `/api/v1/startups/${startup.id}/advice/events`,
      });
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/startups/:id/advice',
    summary: 'The advice for the current profile version',
    access: OWNERS,
    responses: { 200: 'done: the advice', 202: 'pending: {state, progress}', 404: 'not requested', 422: 'the profile could not be advised, with reasons', 503: 'queue unavailable' },
    async handle({ params, account, res }, { startups }) {
      const advice = await startups.adviceState(account.id, id(params));
      if (advice.status === 'pending') return void res.status(202).json({ state: advice.state, progress: advice.progress });
      const { result } = advice;
      if (result.status === 'failed') throw new DomainError('unprocessable', result.error.code, result.error.message, result.error.details);
      res.json(result);
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/startups/:id/advice/history',
    summary: 'Every advice result of the startup',
    access: OWNERS,
    responses: { 200: '{items}' },
    async handle({ params, account, res }, { startups }) {
      res.json({ items: await startups.history(account.id, id(params)) });
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/startups/:id/advice/events',
    summary: 'Server-Sent Events: state, progress, then done | failed | unavailable (at most 5 streams per key)',
    access: OWNERS,
    responses: { 200: 'text/event-stream', 429: 'too many open streams' },
    async handle({ params, account, req, res }, { startups }) {
      const startupId = id(params);
      await startups.get(account.id, startupId); // a 404 before the stream opens
      const stream = openEventStream(req, res);
      const unsubscribe = await startups.watchAdvice(account.id, startupId, ({ event, data }) => {
        stream.send(event, data);
        if (event !== 'state' && event !== 'progress') stream.close();
      });
      stream.onClose(unsubscribe);
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/me',
    summary: 'The account behind the key',
    access: ['founder', 'accelerator', 'corporate', 'admin'],
    responses: { 200: '{id, name, role}' },
    handle({ account, res }) {
      res.json(account);
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/tags/suggest',
    summary: 'Taxonomy tags for a description, with probabilities (none for text with no known word)',
    access: ['founder', 'accelerator', 'corporate', 'admin'],
    body: SuggestRequest,
    responses: { 200: '{tags}', ...ERRORS },
    handle({ body, res }, { tags }) {
      res.json({ tags: tags.suggest(body.description) });
    },
  }),
];

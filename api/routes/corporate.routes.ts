// Corporates: search startups that opted in (anonymised: sector, stage, region, a one-line pitch, fit
// reasons), ask for introductions; founders accept or decline, and only then both sides see contacts.
import { z } from 'zod';
import { IntroductionRequest, SearchQuery } from '../../services/corporate.service.ts';
import { route } from '../route.ts';

export const corporateRoutes = [
  route({
    method: 'post',
    path: '/api/v1/search/startups',
    summary: 'Search startups that opted in; anonymised results with fit reasons (none for text with no known word)',
    access: ['corporate', 'admin'],
    body: SearchQuery,
    responses: { 200: '{items}', 400: 'invalid request' },
    async handle({ body, res }, { corporate }) {
      res.json({ items: await corporate.search(body) });
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/introductions',
    summary: 'Ask to be introduced to a startup that opted in',
    access: ['corporate'],
    body: IntroductionRequest,
    responses: { 201: '{id, status}', 404: 'no such discoverable startup' },
    async handle({ body, account, res }, { corporate }) {
      res.status(201).json(await corporate.requestIntroduction(account.id, body));
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/introductions',
    summary: 'Introductions to or from the account; contacts once accepted',
    access: ['corporate', 'founder', 'accelerator'],
    responses: { 200: '{items}' },
    async handle({ account, res }, { corporate }) {
      res.json({ items: await corporate.introductions(account.id, account.role) });
    },
  }),
  ...(['accept', 'decline'] as const).map((action) =>
    route({
      method: 'post',
      path: `/api/v1/introductions/:id/${action}`,
      summary: `${action === 'accept' ? 'Accept' : 'Decline'} (the startup’s founder)`,
      access: ['founder', 'accelerator'],
      responses: { 200: action === 'accept' ? 'with both contacts' : 'declined', 404: 'not found', 409: 'already decided' },
      async handle({ params, account, res }, { corporate }) {
        res.json(await corporate.decide(account.id, z.string().uuid().parse(params.id), action === 'accept' ? 'accepted' : 'declined'));
      },
    }),
  ),
];

// Corporates: search startups that opted in (anonymised: sector, stage, region, a one-line pitch, fit
// reasons), ask for introductions; founders accept or decline, and only then both sides see contacts.
import { Router } from 'express';
import { z } from 'zod';
import * as corporate from '../../db/repositories/corporate.repository.ts';
import { STARTUP_STAGES } from '../../engine/advice/profile.ts';
import type { Services } from '../app.ts';
import { accountOf, requireRole } from '../auth.ts';
import { DomainError, notFound } from '../../engine/errors.ts';
import { text } from '../../engine/text.ts';
import { EncodeError } from '../../models/encoder.ts';

export const Search = z
  .object({
    text: text().max(2000).default(''),
    tags: z.array(z.string().regex(/^[a-z0-9-]+$/)).max(10).default([]),
    countries: z.array(z.string().regex(/^[A-Z]{2}$/)).max(50).optional(),
    stages: z.array(z.enum(STARTUP_STAGES)).optional(),
    limit: z.number().int().min(1).max(50).default(20),
  })
  .strict()
  .refine((s) => s.text.trim() !== '' || s.tags.length > 0, { message: 'describe what you look for (text) or give tags', path: ['text'] });
export const IntroRequest = z.object({ startupId: z.string().uuid(), message: text().trim().min(1).max(2000) }).strict();

/** The first sentence, at most 160 characters: a pitch, not the whole description. */
export const oneLinePitch = (description: string) => {
  const first = description.split(/(?<=[.!?])\s/)[0] ?? '';
  return first.length > 160 ? `${first.slice(0, 157)}…` : first;
};

export function corporateRoutes({ pool, encoder, advice }: Services): Router {
  const router = Router();
  router.post('/search/startups', requireRole('corporate', 'admin'), async (req, res) => {
    const q = Search.parse(req.body);
    const known = new Set((await advice.knowledge()).tags.keys());
    const unknown = q.tags.filter((t) => !known.has(t));
    if (unknown.length) throw new DomainError('invalid', 'invalid_request', 'Unknown tags', unknown.map((t) => ({ path: 'tags', message: `unknown tag "${t}"` })));
    let vector: Float32Array;
    try {
      vector = encoder.embedStartup({ description: q.text, tags: q.tags });
    } catch (e) {
      if (e instanceof EncodeError) return void res.json({ items: [] }); // no word the encoder knows: nothing matches
      throw e;
    }
    const rows = await corporate.searchDiscoverable(pool, { vector, tags: q.tags, countries: q.countries ?? null, stages: q.stages ?? null, limit: q.limit });
    res.json({
      items: rows.map((r) => {
        const shared = (r.tags ?? []).filter((t) => q.tags.includes(t));
        return {
          startupId: r.id,
          sector: r.tags ?? [],
          stage: r.stage,
          region: r.country,
          pitch: oneLinePitch(r.description),
          fit: {
            similarity: Number(r.similarity.toFixed(3)),
            reasons: [
              ...(shared.length ? [`works in ${shared.join(', ')}`] : []),
              `${Math.round(100 * r.similarity)}% similar to what you look for`,
              ...(q.countries?.includes(r.country) ? [`based in ${r.country}`] : []),
            ],
          },
        };
      }),
    });
  });
  router.post('/introductions', requireRole('corporate'), async (req, res) => {
    const { startupId, message } = IntroRequest.parse(req.body);
    if (!(await corporate.isDiscoverable(pool, startupId))) throw notFound(`startup ${startupId}`);
    res.status(201).json(await corporate.requestIntroduction(pool, startupId, accountOf(req).id, message));
  });
  router.get('/introductions', requireRole('corporate', 'founder', 'accelerator'), async (req, res) => {
    res.json({ items: await corporate.introductionsFor(pool, accountOf(req).id, accountOf(req).role) });
  });
  for (const [action, status] of [['accept', 'accepted'], ['decline', 'declined']] as const)
    router.post(`/introductions/:id/${action}`, requireRole('founder', 'accelerator'), async (req, res) => {
      const id = z.string().uuid().parse(req.params.id);
      const decided = await corporate.decideIntroduction(pool, accountOf(req).id, id, status);
      if (decided) return void res.json(decided);
      const current = await corporate.introductionOwnedBy(pool, accountOf(req).id, id);
      if (!current) throw notFound(`introduction ${id}`);
      throw new DomainError('conflict', 'already_decided', `The introduction was already ${current}`);
    });
  return router;
}

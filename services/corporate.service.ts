// Corporates: search startups that opted in (anonymised: sector, stage, region, a one-line pitch, fit
// reasons), ask for introductions; founders accept or decline, and only then both sides see contacts.
import type pg from 'pg';
import { z } from 'zod';
import * as corporate from '../db/repositories/corporate.repository.ts';
import type { Role } from '../engine/accounts.ts';
import { STARTUP_STAGES } from '../engine/advice/profile.ts';
import { DomainError, notFound } from '../engine/errors.ts';
import { text } from '../engine/text.ts';
import { EncodeError, type Encoder } from '../models/encoder.ts';
import type { AdviceService } from './advice.service.ts';

export const SearchQuery = z
  .object({
    text: text().max(2000).default('').describe('what you look for, in words'),
    tags: z.array(z.string().regex(/^[a-z0-9-]+$/)).max(10).default([]).describe('taxonomy tags the startups should work in'),
    countries: z.array(z.string().regex(/^[A-Z]{2}$/)).max(50).optional().describe('where their technical team is (ISO codes)'),
    stages: z.array(z.enum(STARTUP_STAGES)).optional(),
    limit: z.number().int().min(1).max(50).default(20),
  })
  .strict()
  .refine((s) => s.text.trim() !== '' || s.tags.length > 0, { message: 'describe what you look for (text) or give tags', path: ['text'] });
export type SearchQuery = z.infer<typeof SearchQuery>;

export const IntroductionRequest = z.object({ startupId: z.string().uuid(), message: text().trim().min(1).max(2000) }).strict();
export type IntroductionRequest = z.infer<typeof IntroductionRequest>;

/** A startup as a corporate sees it in search: no name, no contact. */
export interface SearchHit {
  startupId: string;
  sector: string[];
  stage: string | null;
  region: string;
  pitch: string;
  fit: { similarity: number; reasons: string[] };
}

/** The first sentence, at most 160 characters: a pitch, not the whole description. */
export const oneLinePitch = (description: string) => {
  const first = description.split(/(?<=[.!?])\s/)[0] ?? '';
  return first.length > 160 ? `${first.slice(0, 157)}…` : first;
};

export class CorporateService {
  constructor(
    private readonly pool: pg.Pool,
    private readonly encoder: Encoder,
    private readonly advice: AdviceService,
  ) {}

  /** Startups that opted in, nearest to the query first, each with why it fits. Text with no known word matches nothing. */
  async search(q: SearchQuery): Promise<SearchHit[]> {
    const known = new Set((await this.advice.knowledge()).tags.keys());
    const unknown = q.tags.filter((t) => !known.has(t));
    if (unknown.length) throw new DomainError('invalid', 'invalid_request', 'Unknown tags', unknown.map((t) => ({ path: 'tags', message: `unknown tag "${t}"` })));
    let vector: Float32Array;
    try {
      vector = this.encoder.embedStartup({ description: q.text, tags: q.tags });
    } catch (e) {
      if (e instanceof EncodeError) return [];
      throw e;
    }
    const rows = await corporate.searchDiscoverable(this.pool, { vector, tags: q.tags, countries: q.countries ?? null, stages: q.stages ?? null, limit: q.limit });
    return rows.map((r) => {
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
    });
  }

  async requestIntroduction(corporateId: string, { startupId, message }: IntroductionRequest) {
    if (!(await corporate.isDiscoverable(this.pool, startupId))) throw notFound(`startup ${startupId}`);
    return corporate.requestIntroduction(this.pool, startupId, corporateId, message);
  }

  introductions(accountId: string, role: Role) {
    return corporate.introductionsFor(this.pool, accountId, role);
  }

  /** The founder's decision; 404 when the request is not for one of the account's startups, 409 once decided. */
  async decide(founderId: string, id: string, status: 'accepted' | 'declined') {
    const decided = await corporate.decideIntroduction(this.pool, founderId, id, status);
    if (decided) return decided;
    const current = await corporate.introductionOwnedBy(this.pool, founderId, id);
    if (!current) throw notFound(`introduction ${id}`);
    throw new DomainError('conflict', 'already_decided', `The introduction was already ${current}`);
  }
}

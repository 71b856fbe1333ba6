import { inspectQueue } from '../helpers/queue.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.ts';
import { createAccount, createApiKey } from '../../db/repositories/accounts.repository.ts';
import type { Role } from '../../engine/accounts.ts';
import { openQueue } from '../../jobs/queue.ts';
import { StartupService } from '../../services/startup.service.ts';
import { listen } from '../helpers/http.ts';
import { client } from '../helpers/client.ts';
import { openTestStack, type TestStack } from '../helpers/stack.ts';

let t: TestStack;
let queue: ReturnType<typeof inspectQueue>;
const keys: Record<string, string> = {};
const profile = {
  name: 'LedgerFlow',
  description: 'B2B SaaS that automates accounts payable for mid-sized companies with machine learning.',
  tags: ['enterprise-software', 'fintech'],
  stage: 'seed',
  techTeam: { city: 'Pune', country: 'IN' },
  targetMarkets: ['US'],
};

const { call, events } = client(() => t.url);

beforeAll(async () => {
  t = await openTestStack();
  queue = inspectQueue(t.redis.url);
  for (const [name, role] of [['founder', 'founder'], ['other', 'founder'], ['corporate', 'corporate']] as [string, Role][]) {
    const account = await createAccount(t.db.pool, name, role);
    keys[name] = (await createApiKey(t.db.pool, account.id)).key;
  }
});
afterAll(async () => {
  await queue?.close();
  await t?.close();
});

describe('a founder asks for advice', () => {
  let id: string;
  it('creates a startup profile', async () => {
    const created = await call('POST', '/api/v1/startups', keys.founder!, profile);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ profileVersion: 1, discoverable: false, profile: { name: 'LedgerFlow' } });
    id = created.body.id;
  });
  it('requests advice (202 and a job), follows it live, and reads the result', async () => {
    const requested = await call('POST', `/api/v1/startups/${id}/advice`, keys.founder!);
    expect(requested.status).toBe(202);
    expect(requested.body.jobId).toBe(`advise-${id}-v1`);
    const stream = await events(`/api/v1/startups/${id}/advice/events`, keys.founder!);
    expect(stream.at(-1)!.event).toBe('done');
    const result = await call('GET', `/api/v1/startups/${id}/advice`, keys.founder!);
    expect(result.status).toBe(200);
    expect(result.body.status).toBe('done');
    expect(['split', 'stay', 'move-all']).toContain(result.body.result.placement.recommended);
  });
  it('asks twice, gets the same job and one result', async () => {
    const again = await call('POST', `/api/v1/startups/${id}/advice`, keys.founder!);
    expect(again.body.jobId).toBe(`advise-${id}-v1`);
    const history = await call('GET', `/api/v1/startups/${id}/advice/history`, keys.founder!);
    expect(history.body.items).toHaveLength(1);
  });
  it('updates the profile: an advised startup is advised again on its new version', async () => {
    const updated = await call('PUT', `/api/v1/startups/${id}`, keys.founder!, { ...profile, targetMarkets: ['EU'] });
    expect(updated.body.profileVersion).toBe(2);
    const stream = await events(`/api/v1/startups/${id}/advice/events`, keys.founder!);
    expect(stream.at(-1)).toMatchObject({ event: 'done', data: { engineVersion: 'advice-1', profileVersion: 2 } });
    const advice = await call('GET', `/api/v1/startups/${id}/advice`, keys.founder!);
    expect(advice.body).toMatchObject({ engineVersion: 'advice-1', profileVersion: 2 });
    // One that was never advised is not advised by an edit: asking is the founder's choice.
    const quiet = await call('POST', '/api/v1/startups', keys.founder!, profile);
    await call('PUT', `/api/v1/startups/${quiet.body.id}`, keys.founder!, { ...profile, stage: 'series-a' });
    expect((await call('GET', `/api/v1/startups/${quiet.body.id}/advice`, keys.founder!)).status).toBe(404);
  });
  it('lists only the account’s own startups; others get 404, corporates 403', async () => {
    expect((await call('GET', '/api/v1/startups', keys.founder!)).body.items.map((s: any) => s.id)).toContain(id);
    expect((await call('GET', '/api/v1/startups', keys.other!)).body.items).toEqual([]);
    for (const [method, path] of [['GET', `/api/v1/startups/${id}`], ['PUT', `/api/v1/startups/${id}`], ['POST', `/api/v1/startups/${id}/advice`], ['GET', `/api/v1/startups/${id}/advice`], ['GET', `/api/v1/startups/${id}/advice/history`]] as const) {
      expect((await call(method, path, keys.other!, method === 'PUT' ? profile : undefined)).status).toBe(404);
      expect((await call(method, path, keys.corporate!, method === 'PUT' ? profile : undefined)).status).toBe(403);
      expect((await call(method, path, null)).status).toBe(401);
    }
  });
});

describe('bad input', () => {
  it('rejects an invalid profile with every problem and its path', async () => {
    const bad = await call('POST', '/api/v1/startups', keys.founder!, { ...profile, tags: ['unicorns'], techTeam: { city: 'Atlantis', country: 'IN' }, colour: 'red' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: any) => d.path)).toEqual(['colour']);
    const bad2 = await call('POST', '/api/v1/startups', keys.founder!, { ...profile, tags: ['unicorns'], techTeam: { city: 'Atlantis', country: 'IN' } });
    expect(bad2.body.error.details.map((d: any) => d.path).sort()).toEqual(['tags.0', 'techTeam']);
  });
  it('answers malformed JSON and oversized bodies clearly', async () => {
    const malformed = await fetch(`${t.url}/api/v1/startups`, { method: 'POST', headers: { authorization: `Bearer ${keys.founder}`, 'content-type': 'application/json' }, body: '{"name": ' });
    expect(malformed.status).toBe(400);
    const big = await call('POST', '/api/v1/startups', keys.founder!, { ...profile, description: 'x'.repeat(200_000) });
    expect(big.status).toBe(413);
  });
  it('fails an unadvisable stored profile at once, and says why', async () => {
    const created = await call('POST', '/api/v1/startups', keys.founder!, profile);
    // A profile that was valid when stored and is not now (here: a city no longer resolvable).
    await t.db.pool.query(`UPDATE startups SET profile = jsonb_set(profile, '{techTeam,city}', '"Atlantis"') WHERE id = $1`, [created.body.id]);
    await call('POST', `/api/v1/startups/${created.body.id}/advice`, keys.founder!);
    const stream = await events(`/api/v1/startups/${created.body.id}/advice/events`, keys.founder!);
    expect(stream.at(-1)!.event).toBe('failed');
    const result = await call('GET', `/api/v1/startups/${created.body.id}/advice`, keys.founder!);
    expect(result.status).toBe(422);
    expect(result.body.error.details[0].message).toMatch(/Atlantis/);
    const job = await queue.getJob(`advise-${created.body.id}-v1`);
    expect(job!.attemptsMade).toBe(1); // not retried
  });
  it('stores a failed result, not a retried job, when the constraints leave no place', async () => {
    // Bhutan has no ecosystem in the knowledge base, and the team is in India: nowhere is allowed.
    const created = await call('POST', '/api/v1/startups', keys.founder!, { ...profile, constraints: { allowedCountries: ['BT'] } });
    await call('POST', `/api/v1/startups/${created.body.id}/advice`, keys.founder!);
    const stream = await events(`/api/v1/startups/${created.body.id}/advice/events`, keys.founder!);
    expect(stream.at(-1)!.event).toBe('failed');
    const result = await call('GET', `/api/v1/startups/${created.body.id}/advice`, keys.founder!);
    expect(result.status).toBe(422);
    expect(result.body.error).toMatchObject({ code: 'no_candidates', message: expect.stringMatching(/loosen the allowed countries/) });
    const job = await queue.getJob(`advise-${created.body.id}-v1`);
    expect(job!.attemptsMade).toBe(1); // not retried
  });
  it('suggests tags for a description', async () => {
    const r = await call('POST', '/api/v1/tags/suggest', keys.founder!, { description: 'Gene therapy for rare eye diseases' });
    expect(r.body.tags[0].tag).toBe('biotech');
  });
});

describe('when Redis is down', () => {
  it('answers 503 with a clear message instead of hanging', async () => {
    const deadQueue = await openQueue('redis://127.0.0.1:1');
    const startups = new StartupService(t.db.pool, t.stack.advice, deadQueue);
    const app = await listen(createApp({ ...t.stack.context, startups }));
    try {
      const created = await call('POST', '/api/v1/startups', keys.founder!, profile);
      const res = await fetch(`${app.url}/api/v1/startups/${created.body.id}/advice`, { method: 'POST', headers: { authorization: `Bearer ${keys.founder}` } });
      expect(res.status).toBe(503);
      expect(((await res.json()) as any).error.code).toBe('queue_unavailable');
    } finally {
      await app.close();
      await deadQueue.close();
    }
  });
});

describe('rate limits', () => {
  it('answers 429 with Retry-After past the per-key budget, per key', async () => {
    const app = await listen(createApp({ ...t.stack.context, rateLimits: { perAccount: 5, perAddress: 0 } }));
    try {
      // 12 requests against a budget of 5: even if the minute rolls over once, one window sees more than 5.
      const responses: Response[] = [];
      for (let i = 0; i < 12; i++) responses.push(await fetch(`${app.url}/api/v1/startups`, { headers: { authorization: `Bearer ${keys.other}` } }));
      const limited = responses.find((r) => r.status === 429);
      expect(limited).toBeDefined();
      expect(limited!.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(((await limited!.json()) as any).error.code).toBe('rate_limited');
      expect(responses[0]!.status).toBe(200);
      // Another key has its own budget.
      expect((await fetch(`${app.url}/api/v1/startups`, { headers: { authorization: `Bearer ${keys.corporate}` } })).status).not.toBe(429);
    } finally {
      await app.close();
    }
  });
  it('counts requests without a valid key per address: public reads and key guessing alike', async () => {
    const app = await listen(createApp({ ...t.stack.context, rateLimits: { perAccount: 0, perAddress: 5 } }));
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) statuses.push((await fetch(`${app.url}/api/v1/clusters?limit=1`)).status);
      for (let i = 0; i < 6; i++) statuses.push((await fetch(`${app.url}/api/v1/startups`, { headers: { authorization: `Bearer fh_guess_${i}` } })).status);
      expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(6);
      expect(statuses[0]).toBe(200);
      // A valid key is counted on its account, not on the address.
      expect((await fetch(`${app.url}/api/v1/clusters?limit=1`, { headers: { authorization: `Bearer ${keys.founder}` } })).status).toBe(200);
    } finally {
      await app.close();
    }
  });
});

import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.ts';
import { createAccount, createApiKey } from '../../db/repositories/accounts.repository.ts';
import { listen } from '../helpers/http.ts';
import { openTestStack, type TestStack } from '../helpers/stack.ts';

let t: TestStack;
const get = async (path: string) => {
  const res = await fetch(t.url + path);
  return { status: res.status, body: (await res.json()) as any };
};

beforeAll(async () => {
  t = await openTestStack({ workers: false });
});
afterAll(() => t?.close());

describe('GET /api/v1/clusters', () => {
  it('lists clusters with their sources, place and profile, paginated', async () => {
    const { status, body } = await get('/api/v1/clusters?limit=5&offset=5');
    expect(status).toBe(200);
    expect(body.total).toBe(88);
    expect(body.items).toHaveLength(5);
    expect(body).toMatchObject({ limit: 5, offset: 5 });
    for (const c of body.items) {
      expect(c.sources.length).toBeGreaterThan(0);
      expect(c.place.timezone).toMatch(/\//);
      expect(c.profile.indicators.giiRank).toHaveProperty('confidence');
    }
  });
  it('filters by tag (strongest first) and by country', async () => {
    const semis = await get('/api/v1/clusters?tag=semiconductors&limit=200');
    expect(semis.body.items.map((c: any) => c.id)).toContain('eindhoven-brainport');
    const be = await get('/api/v1/clusters?country=be');
    expect(be.body.items.map((c: any) => c.id).sort()).toEqual(['antwerp', 'brussels', 'ghent', 'leuven']);
  });
  it('gets one cluster, and 404s an unknown one', async () => {
    expect((await get('/api/v1/clusters/leuven')).body.city).toBe('Leuven');
    const missing = await get('/api/v1/clusters/atlantis');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('not_found');
  });
  it('rejects unknown and malformed query parameters with 400, naming them', async () => {
    const unknown = await get('/api/v1/clusters?colour=red');
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details).toEqual([{ path: 'colour', message: 'unknown field "colour"' }]);
    const bad = await get('/api/v1/clusters?limit=100000');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('limit');
  });
});

describe('GET /api/v1/organizations and /programs', () => {
  it('filters organisations by type, tag, country and cluster', async () => {
    const { body } = await get('/api/v1/organizations?type=university&cluster=leuven');
    expect(body.items.map((o: any) => o.id)).toContain('ku-leuven');
    for (const o of body.items) expect(o.type === 'university' || o.alsoListedAs.includes('university')).toBe(true);
    const tagged = await get('/api/v1/organizations?tag=photonics&country=NL');
    expect(tagged.body.total).toBeGreaterThan(0);
    for (const o of tagged.body.items) expect(o).toMatchObject({ country: 'NL', tags: expect.arrayContaining(['photonics']) });
  });
  it('filters programmes by kind and the founders they serve', async () => {
    const { body } = await get('/api/v1/programs?kind=soft-landing&servesFoundersFrom=NL');
    expect(body.total).toBeGreaterThan(0);
    for (const p of body.items) {
      expect(p.kind).toBe('soft-landing');
      expect(p.servesFoundersFrom.some((c: string) => c === 'NL' || c === 'any')).toBe(true);
      expect(p.sources.length).toBeGreaterThan(0);
    }
  });
  it('asks for a key outside the public knowledge base, and answers unknown endpoints with a JSON 404', async () => {
    const anonymous = await get('/api/v1/nothing-here');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.code).toBe('unauthenticated');
    const account = await createAccount(t.db.pool, 'Tester', 'founder');
    const { key } = await createApiKey(t.db.pool, account.id);
    const res = await fetch(`${t.url}/api/v1/nothing-here`, { headers: { authorization: `Bearer ${key}` } });
    expect(res.status).toBe(404);
    expect(((await res.json()) as any).error.code).toBe('not_found');
  });
});

describe('GET /health', () => {
  it('reports the database and Redis', async () => {
    const { status, body } = await get('/health');
    expect(status).toBe(200);
    expect(body).toEqual({ status: 'ok', database: { status: 'ok' }, redis: { status: 'ok', private: { restarts: 0, lastExitAt: null } } });
  });
  it('answers 503 naming Redis when Redis is down', async () => {
    const other = new Redis('redis://127.0.0.1:1', { maxRetriesPerRequest: 0, retryStrategy: () => null, lazyConnect: true });
    other.on('error', () => {});
    const probe = await listen(createApp({ ...t.stack.context, probes: { ...t.stack.context.probes, redis: () => other.ping() } }));
    try {
      const res = await fetch(probe.url + '/health');
      const body = (await res.json()) as any;
      expect(res.status).toBe(503);
      expect(body.database.status).toBe('ok');
      expect(body.redis).toMatchObject({ status: 'down', reason: 'Redis does not answer' }); // not the driver's own message
    } finally {
      await probe.close();
      other.disconnect();
    }
  });
});

describe('API documentation', () => {
  it('serves an OpenAPI document generated from the request schemas', async () => {
    const { status, body } = await get('/api/v1/openapi.json');
    expect(status).toBe(200);
    expect(body.openapi).toBe('3.1.0');
    const create = body.paths['/api/v1/startups'].post;
    expect(create.requestBody.content['application/json'].schema.properties.techTeam.required).toEqual(['country']);
    expect(create.requestBody.content['application/json'].schema.additionalProperties).toBe(false);
    expect(body.paths['/api/v1/clusters'].get.parameters.map((p: any) => p.name)).toEqual(['limit', 'offset', 'tag', 'country']);
  });
  it('serves a readable docs page', async () => {
    const res = await fetch(`${t.url}/api/docs`);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const html = await res.text();
    expect(html).toContain('POST /api/v1/cohorts');
    expect(html).toContain('Authorization: Bearer');
  });
});

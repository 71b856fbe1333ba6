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
    expect(body.total).toBeGreaterThanOrEqual(400); // curated clusters and the ecosystems derived from open data
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
    const lagos = (await get('/api/v1/clusters/lagos')).body;
    expect(lagos).toMatchObject({ origin: 'curated', country: 'NG' });
    expect(Array.isArray(lagos.profile.rankings)).toBe(true);
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

describe('GET /api/v1/ecosystems/map', () => {
  const FIELDS = ['country', 'coverage', 'id', 'lat', 'lon', 'name', 'organizations', 'origin', 'strength', 'ventures'];

  it('lists every ecosystem, curated and derived, each placed and sized by organisations and startups', async () => {
    const { status, body } = await get('/api/v1/ecosystems/map');
    expect(status).toBe(200);
    expect(body.items.length).toBeGreaterThanOrEqual(400);
    expect(body.items).toHaveLength((await get('/api/v1/clusters?limit=1')).body.total);
    expect(new Set(body.items.map((e: any) => e.id)).size).toBe(body.items.length);
    for (const e of body.items) {
      expect(Object.keys(e).sort()).toEqual(FIELDS);
      expect(e.lat).toBeGreaterThanOrEqual(-90);
      expect(e.lat).toBeLessThanOrEqual(90);
      expect(e.lon).toBeGreaterThanOrEqual(-180);
      expect(e.lon).toBeLessThanOrEqual(180);
      expect(e.coverage).toBeGreaterThanOrEqual(0);
      expect(e.coverage).toBeLessThanOrEqual(1);
      expect(e.strength).toBe(e.organizations + e.ventures);
    }
    const derived = body.items.filter((e: any) => e.origin === 'derived');
    const curated = body.items.filter((e: any) => e.origin === 'curated');
    expect(curated.length).toBeGreaterThan(0);
    expect(derived.length).toBeGreaterThan(curated.length);
    expect(body.items.find((e: any) => e.id === 'lagos')).toMatchObject({ origin: 'curated', country: 'NG' });
    const strengths = body.items.map((e: any) => e.strength);
    expect(strengths).toEqual([...strengths].sort((a, b) => b - a)); // largest first
  });

  it('matches the detail and the organisation list of a derived ecosystem', async () => {
    const derived = (await get('/api/v1/ecosystems/map')).body.items.find((e: any) => e.origin === 'derived' && e.organizations > 0);
    const detail = await get(`/api/v1/clusters/${derived.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({ id: derived.id, origin: 'derived', place: { lat: derived.lat, lon: derived.lon } });
    expect(Array.isArray(detail.body.profile.rankings)).toBe(true);
    expect(detail.body.profile.indicators.ventures.value).toBe(derived.ventures);
    const orgs = await get(`/api/v1/organizations?cluster=${derived.id}&limit=200`);
    expect(orgs.body.total).toBe(derived.organizations);
    for (const o of orgs.body.items) expect(o.clusterId).toBe(derived.id);
  });

  it('sizes by the strength in a tag when one is given', async () => {
    const plain = (await get('/api/v1/ecosystems/map')).body.items;
    const { status, body } = await get('/api/v1/ecosystems/map?tag=fintech');
    expect(status).toBe(200);
    expect(body.items).toHaveLength(plain.length);
    for (const e of body.items) {
      expect(e.strength).toBeGreaterThanOrEqual(0);
      expect(e.strength).toBeLessThanOrEqual(1);
    }
    // Strongest first; among equals, the larger first.
    for (let i = 1; i < body.items.length; i++) {
      const [prev, next] = [body.items[i - 1], body.items[i]];
      expect(prev.strength).toBeGreaterThanOrEqual(next.strength);
      if (prev.strength === next.strength) expect(prev.organizations + prev.ventures).toBeGreaterThanOrEqual(next.organizations + next.ventures);
    }
    const strong = body.items.filter((e: any) => e.strength > 0);
    expect(strong.length).toBeGreaterThan(0);
    expect(strong.length).toBeLessThan(body.items.length); // absent in the tag: 0
    // The strength is the ecosystem's own score in the tag.
    const top = strong[0];
    const profile = (await get(`/api/v1/clusters/${top.id}`)).body.profile;
    expect(profile.strengths.find((s: any) => s.tag === 'fintech').score).toBeCloseTo(top.strength, 10);
    const other = (await get('/api/v1/ecosystems/map?tag=semiconductors')).body.items;
    const byId = (items: any[]) => new Map(items.map((e) => [e.id, e.strength]));
    expect(byId(other)).not.toEqual(byId(body.items));
  });

  it('refuses a malformed or unknown tag with 400, naming it', async () => {
    const malformed = await get('/api/v1/ecosystems/map?tag=Not%20a%20tag');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('invalid_request');
    expect(malformed.body.error.details[0].path).toBe('tag');
    const unknown = await get('/api/v1/ecosystems/map?tag=no-such-tag');
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toEqual({ code: 'invalid_request', message: 'The request is not valid', details: [{ path: 'tag', message: 'unknown tag "no-such-tag"' }] });
    const extra = await get('/api/v1/ecosystems/map?colour=red');
    expect(extra.status).toBe(400);
    expect(extra.body.error.details).toEqual([{ path: 'colour', message: 'unknown field "colour"' }]);
  });
});

describe('GET /api/v1/kb/coverage', () => {
  it('counts what each country holds, says what it lacks, and totals the knowledge base', async () => {
    const { status, body } = await get('/api/v1/kb/coverage');
    expect(status).toBe(200);
    expect(body.items.length).toBeGreaterThan(100);
    for (const code of ['NG', 'KE']) {
      const row = body.items.find((c: any) => c.country === code);
      expect(row, code).toBeDefined();
      expect(row.ecosystems.curated + row.ecosystems.derived).toBeGreaterThanOrEqual(1);
      expect(row.universities).toBeGreaterThan(0);
      expect(row.ventures).toBeGreaterThan(0);
      for (const n of [row.researchCenters, row.corporates, row.corporatesWithPrograms, row.programs]) expect(Number.isInteger(n) && n >= 0).toBe(true);
      expect(Array.isArray(row.missing)).toBe(true);
      for (const gap of row.missing) expect(gap).toMatch(/^[a-z]/);
    }
    expect(body.items.find((c: any) => c.country === 'NG').name).toBe('Nigeria');
    const map = (await get('/api/v1/ecosystems/map')).body.items;
    expect(body.totals.ecosystems).toBe(map.length);
    expect(body.totals.curatedClusters + body.totals.derivedEcosystems).toBe(map.length);
    const sum = (f: (c: any) => number) => body.items.reduce((n: number, c: any) => n + f(c), 0);
    expect(sum((c) => c.ecosystems.curated + c.ecosystems.derived)).toBe(map.length);
    expect(sum((c) => c.ventures)).toBe(body.totals.ventures);
  });
});

describe('GET /api/v1/organizations and /programs', () => {
  it('filters organisations by type, tag, country and cluster', async () => {
    const { body } = await get('/api/v1/organizations?type=university&cluster=leuven');
    expect(body.items.map((o: any) => o.name)).toContain('KU Leuven'); // its id may be the registry's (ROR) after merging
    for (const o of body.items) expect(o.type === 'university' || o.alsoListedAs.includes('university')).toBe(true);
    const tagged = await get('/api/v1/organizations?tag=photonics&country=NL');
    expect(tagged.body.total).toBeGreaterThan(0);
    // The tag is stated by a source, or inferred with a probability of at least 0.5.
    for (const o of tagged.body.items) {
      expect(o.country).toBe('NL');
      expect(o.tags.includes('photonics') || o.inferredTags.some((t: any) => t.tag === 'photonics' && t.probability >= 0.5)).toBe(true);
    }
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
    expect(body.paths['/api/v1/ecosystems/map'].get.parameters.map((p: any) => p.name)).toEqual(['tag']);
    expect(body.paths['/api/v1/kb/coverage'].get).toBeDefined();
  });
  it('serves a readable docs page', async () => {
    const res = await fetch(`${t.url}/api/docs`);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const html = await res.text();
    expect(html).toContain('POST /api/v1/cohorts');
    expect(html).toContain('Authorization: Bearer');
  });
});
